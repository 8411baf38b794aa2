package org.memarl.algorithms.mapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.memarl.algorithms.RunConfig;
import org.memarl.ledger.RandomGames;
import org.memarl.model.Game;
import org.memarl.solve.Solution;
import org.memarl.solve.Sweep;
import org.memarl.testing.Tolerance;

/**
 * Issue 19's surviving MAPI mutants, killed against computations written here with no library code: a
 * plain nested log-sum-exp value iteration V_ref, the reference table {@code Q = r + gamma T V_ref}, and
 * a backward recursion for a finite horizon. Every reported Q (and, for the horizon, V_t and the step-0
 * policies) is compared entry by entry, in every state, for Jacobi, Gauss-Seidel and two-thread sweeps.
 */
class MapiGapsTest {
    /** The three sweep configurations of every comparison. */
    private static RunConfig.Builder sweep(int k) {
        RunConfig.Builder b = RunConfig.builder().tolerance(1e-12);
        return switch (k) {
            case 0 -> b.sweep(Sweep.JACOBI);
            case 1 -> b.sweep(Sweep.GAUSS_SEIDEL);
            default -> b.sweep(Sweep.JACOBI).threads(2);
        };
    }

    private static String sweepName(int k) {
        return k == 0 ? "jacobi" : k == 1 ? "gauss-seidel" : "jacobi x2 threads";
    }

    /** (1/b) log( sum p exp(b x) / sum p ), written out (moderate b). */
    static double lse(double b, double[] x, double[] p) {
        double z = 0.0;
        double s = 0.0;
        for (int i = 0; i < x.length; i++) {
            z += p[i];
            s += p[i] * Math.exp(b * x[i]);
        }
        return Math.log(s / z) / b;
    }

    /** Q(s,a,b) = r + gamma sum_s' T V(s'), written out. */
    static double[][][] qOf(Game g, double[] v) {
        int n = g.numStates();
        int na = g.numAgentActions();
        int nb = g.numOpponentActions();
        double[][][] q = new double[n][na][nb];
        for (int s = 0; s < n; s++) {
            for (int a = 0; a < na; a++) {
                for (int b = 0; b < nb; b++) {
                    double e = 0.0;
                    for (int s2 = 0; s2 < n; s2++) {
                        e += g.transitions().get(g.row(s, a, b), s2) * v[s2];
                    }
                    q[s][a][b] = g.rewardAgent(s, a, b) + g.gamma() * e;
                }
            }
        }
        return q;
    }

    /** The nested reduction of one state's Q and its Boltzmann policies: [0] = {V}, then outer, inner (flat), marginal. */
    static final class Reduced {
        double v;
        double[] agent;
        double[] opponent;
        double[][] cond; // agentFirst: [a][b] = rho(b|s,a); else [b][a] = pi(a|s,b)
    }

    static Reduced reduce(Game g, int s, double[][] q, boolean agentFirst, double bi, double bo) {
        int na = g.numAgentActions();
        int nb = g.numOpponentActions();
        double[] pa = g.priorAgentFlat();
        double[] pb = g.priorOpponentFlat();
        double[] pba = g.opponentGivenAgentFlat();
        double[] pab = g.agentGivenOpponentFlat();
        Reduced out = new Reduced();
        out.agent = new double[na];
        out.opponent = new double[nb];
        if (agentFirst) {
            double[] inner = new double[na];
            out.cond = new double[na][nb];
            double[] outerPrior = new double[na];
            for (int a = 0; a < na; a++) {
                double[] p = new double[nb];
                double z = 0.0;
                for (int b = 0; b < nb; b++) {
                    p[b] = pba[(s * na + a) * nb + b];
                    z += p[b];
                }
                inner[a] = lse(bo, q[a], p);
                for (int b = 0; b < nb; b++) {
                    out.cond[a][b] = p[b] / z * Math.exp(bo * (q[a][b] - inner[a]));
                }
                outerPrior[a] = pa[s * na + a];
            }
            out.v = lse(bi, inner, outerPrior);
            double z = 0.0;
            for (double x : outerPrior) {
                z += x;
            }
            for (int a = 0; a < na; a++) {
                out.agent[a] = outerPrior[a] / z * Math.exp(bi * (inner[a] - out.v));
                for (int b = 0; b < nb; b++) {
                    out.opponent[b] += out.agent[a] * out.cond[a][b];
                }
            }
        } else {
            double[] inner = new double[nb];
            out.cond = new double[nb][na];
            double[] outerPrior = new double[nb];
            for (int b = 0; b < nb; b++) {
                double[] col = new double[na];
                double[] p = new double[na];
                double z = 0.0;
                for (int a = 0; a < na; a++) {
                    col[a] = q[a][b];
                    p[a] = pab[(s * nb + b) * na + a];
                    z += p[a];
                }
                inner[b] = lse(bi, col, p);
                for (int a = 0; a < na; a++) {
                    out.cond[b][a] = p[a] / z * Math.exp(bi * (q[a][b] - inner[b]));
                }
                outerPrior[b] = pb[s * nb + b];
            }
            out.v = lse(bo, inner, outerPrior);
            double z = 0.0;
            for (double x : outerPrior) {
                z += x;
            }
            for (int b = 0; b < nb; b++) {
                out.opponent[b] = outerPrior[b] / z * Math.exp(bo * (inner[b] - out.v));
                for (int a = 0; a < na; a++) {
                    out.agent[a] += out.opponent[b] * out.cond[b][a];
                }
            }
        }
        return out;
    }

    /** Plain nested value iteration, enough Jacobi sweeps that gamma^k is far below double precision. */
    static double[] referenceV(Game g, boolean agentFirst, double bi, double bo) {
        int n = g.numStates();
        double[] v = new double[n];
        int sweeps = g.gamma() == 0.0 ? 1 : (int) Math.ceil(60.0 / -Math.log10(g.gamma()));
        for (int it = 0; it < sweeps; it++) {
            double[][][] q = qOf(g, v);
            double[] nv = new double[n];
            for (int s = 0; s < n; s++) {
                nv[s] = reduce(g, s, q[s], agentFirst, bi, bo).v;
            }
            v = nv;
        }
        return v;
    }

    private static void assertCube(double[][][] expected, double[][][] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                for (int k = 0; k < expected[i][j].length; k++) {
                    assertEquals(expected[i][j][k], actual[i][j][k], tol, what + "[" + i + "][" + j + "][" + k + "]");
                }
            }
        }
    }

    private static void assertVector(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol, what + "[" + i + "]");
        }
    }

    private static Game randomGame(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return RandomGames.game(rng, 2 + rng.nextInt(3), 2 + rng.nextInt(2), 2 + rng.nextInt(2), 0.5 + 0.4 * rng.nextDouble(),
                rng.nextBoolean());
    }

    @Test
    @DisplayName("gap: reported Q of rommeo, pr2, balancing-q (both perspectives) = r + gamma T V_ref, every state, every sweep")
    void gameChainQTables() {
        for (long seed = 0; seed < 12; seed++) {
            Game g = randomGame(seed);
            SplittableRandom rng = new SplittableRandom(100 + seed);
            double b = 0.4 + 1.5 * rng.nextDouble();
            double bo = (rng.nextBoolean() ? 1 : -1) * (0.4 + 1.5 * rng.nextDouble());
            double scale = Math.max(1.0, g.maxAbsReward()) / (1 - g.gamma());
            double tol = 4e-12 + Tolerance.ulps(256, scale) / (1 - g.gamma());
            double[][][] qRommeo = qOf(g, referenceV(g, false, b, b));
            double[][][] qPr2 = qOf(g, referenceV(g, true, b, b));
            double[][][] qBqAgent = qOf(g, referenceV(g, true, b, bo));
            double[][][] qBqOpp = qOf(g, referenceV(g, false, b, bo));
            for (int k = 0; k < 3; k++) {
                String w = " seed " + seed + " " + sweepName(k);
                assertCube(qRommeo, Rommeo.solve(g, sweep(k).beta(b).build()).value("Q").cube(), tol, "rommeo Q" + w);
                assertCube(qPr2, Pr2.solve(g, sweep(k).beta(b).build()).value("Q").cube(), tol, "pr2 Q" + w);
                assertCube(qBqAgent, BalancingQ.solve(g, sweep(k).beta(b).betaOpponent(bo).build()).value("Q").cube(), tol,
                        "balancing-q agent Q" + w);
                assertCube(qBqOpp, BalancingQ.solve(g, sweep(k).beta(b).betaOpponent(bo)
                        .perspective(RunConfig.Perspective.OPPONENT).build()).value("Q").cube(), tol, "balancing-q opponent Q" + w);
            }
        }
    }

    @Test
    @DisplayName("gap: probabilistic-balancing-q's Q = r + gamma T V_ref and Qth = beta_-i Q, every state, every sweep (Jacobi is the default)")
    void pbqQTables() {
        for (long seed = 0; seed < 12; seed++) {
            Game g = randomGame(50 + seed);
            SplittableRandom rng = new SplittableRandom(200 + seed);
            double bi = (rng.nextBoolean() ? 1 : -1) * (0.4 + 1.5 * rng.nextDouble());
            double bo = (rng.nextBoolean() ? 1 : -1) * (0.4 + 1.5 * rng.nextDouble());
            double[] vRef = referenceV(g, true, bi, bo);
            double[][][] q = qOf(g, vRef);
            double[][][] qth = new double[q.length][][];
            for (int s = 0; s < q.length; s++) {
                qth[s] = new double[q[s].length][];
                for (int a = 0; a < q[s].length; a++) {
                    qth[s][a] = new double[q[s][a].length];
                    for (int o = 0; o < q[s][a].length; o++) {
                        qth[s][a][o] = bo * q[s][a][o];
                    }
                }
            }
            double scale = Math.max(1.0, g.maxAbsReward()) / (1 - g.gamma());
            double tol = 4e-12 + Tolerance.ulps(256, scale) / (1 - g.gamma());
            for (int k = 0; k < 4; k++) {
                RunConfig cfg = k < 3 ? sweep(k).beta(bi).betaOpponent(bo).build()
                        : RunConfig.builder().beta(bi).betaOpponent(bo).tolerance(1e-12).build(); // the default sweep
                String w = " seed " + seed + " " + (k < 3 ? sweepName(k) : "default sweep");
                Solution sol = ProbabilisticBalancingQ.solve(g, cfg);
                assertVector(vRef, sol.V(), tol, "pbq V" + w);
                assertCube(q, sol.value("Q").cube(), tol, "pbq Q" + w);
                assertCube(qth, sol.value("Qth").cube(), Math.abs(bo) * tol, "pbq Qth" + w);
                double[] vth = sol.value("Vth").vector();
                for (int s = 0; s < vRef.length; s++) {
                    assertEquals(bi * vRef[s], vth[s], Math.abs(bi) * tol, "pbq Vth[" + s + "]" + w);
                }
                // the reported bound is the solver's, in reward units, and honest about the reference
                double err = 0.0;
                for (int s = 0; s < vRef.length; s++) {
                    err = Math.max(err, Math.abs(vRef[s] - sol.V()[s]));
                }
                assertEquals(true, sol.errorBound() <= 1e-12 && err <= sol.errorBound() + Tolerance.ulps(256, scale) / (1 - g.gamma()),
                        "pbq error bound " + sol.errorBound() + " vs actual " + err + w);
            }
        }
    }

    @Test
    @DisplayName("gap: the finite-horizon branch of rommeo, pr2 and balancing-q: V_t and step-0 Q and policies against a backward recursion")
    void finiteHorizonBackwardRecursion() {
        for (long seed = 0; seed < 10; seed++) {
            SplittableRandom rng = new SplittableRandom(300 + seed);
            int h = 1 + rng.nextInt(5);
            Game g = RandomGames.game(rng, 2 + rng.nextInt(2), 2 + rng.nextInt(2), 2 + rng.nextInt(2),
                    seed % 2 == 0 ? 1.0 : 0.8, rng.nextBoolean()).withHorizon(h);
            double b = 0.4 + 1.5 * rng.nextDouble();
            double bo = (rng.nextBoolean() ? 1 : -1) * (0.4 + 1.5 * rng.nextDouble());
            String[] names = {"rommeo", "pr2", "balancing-q agent", "balancing-q opponent"};
            boolean[] agentFirst = {false, true, true, false};
            double[] bis = {b, b, b, b};
            double[] bos = {b, b, bo, bo};
            for (int c = 0; c < 4; c++) {
                int n = g.numStates();
                double[][] vt = new double[h + 1][n];
                Reduced[] step0 = new Reduced[n];
                double[][][] q0 = null;
                for (int t = h - 1; t >= 0; t--) {
                    double[][][] q = qOf(g, vt[t + 1]);
                    for (int s = 0; s < n; s++) {
                        Reduced red = reduce(g, s, q[s], agentFirst[c], bis[c], bos[c]);
                        vt[t][s] = red.v;
                        if (t == 0) {
                            step0[s] = red;
                        }
                    }
                    if (t == 0) {
                        q0 = q;
                    }
                }
                double tol = Tolerance.ulps(256, Math.max(1.0, g.maxAbsReward()) * (h + 1));
                for (int k = 0; k < 3; k++) {
                    RunConfig cfg = sweep(k).beta(bis[c]).betaOpponent(bos[c])
                            .perspective(c == 3 ? RunConfig.Perspective.OPPONENT : RunConfig.Perspective.AGENT).build();
                    Solution sol = c == 0 ? Rommeo.solve(g, cfg) : c == 1 ? Pr2.solve(g, cfg) : BalancingQ.solve(g, cfg);
                    String w = names[c] + " seed " + seed + " H " + h + " " + sweepName(k);
                    assertVector(vt[0], sol.V(), tol, w + " V");
                    double[][] gotVt = sol.value("Vt").matrix();
                    assertEquals(h + 1, gotVt.length, w + " Vt steps");
                    for (int t = 0; t <= h; t++) {
                        assertVector(vt[t], gotVt[t], tol, w + " Vt[" + t + "]");
                    }
                    assertCube(q0, sol.value("Q").cube(), tol, w + " Q (step 0)");
                    double[][] agent = sol.policy("agent").matrix();
                    double[][] opponent = sol.policy("opponent").matrix();
                    double[][][] cond = sol.policy(agentFirst[c] ? "opponentGivenAgent" : "agentGivenOpponent").cube();
                    for (int s = 0; s < n; s++) {
                        assertVector(step0[s].agent, agent[s], 1e-12, w + " agent policy state " + s);
                        assertVector(step0[s].opponent, opponent[s], 1e-12, w + " opponent policy state " + s);
                        for (int x = 0; x < step0[s].cond.length; x++) {
                            assertVector(step0[s].cond[x], cond[s][x], 1e-12, w + " conditional policy [" + s + "][" + x + "]");
                        }
                    }
                }
            }
        }
    }

    @Test
    @DisplayName("gap: GR2's per-state Q (levels 0, 1 and 2) = r + gamma T V_ref in every state, with the level-K policies")
    void gr2PerStateQ() {
        int[] compared = new int[3];
        for (long seed = 0; seed < 10; seed++) {
            Game g = randomGame(400 + seed);
            int n = g.numStates();
            int na = g.numAgentActions();
            int nb = g.numOpponentActions();
            double[] pa = g.priorAgentFlat();
            double[] pb = g.priorOpponentFlat();
            double bi = 1.1;
            double bo = -0.6;
            for (int level = 0; level <= 2; level++) {
                // the level-K map written out: pi_0 = P(a), rho_0 = P(b); pi_k from rho_{k-1}, rho_k from pi_{k-1}
                double[] v = new double[n];
                double[][] pis = new double[n][];
                double[][] rhos = new double[n][];
                int sweeps = (int) Math.ceil(60.0 / -Math.log10(g.gamma()));
                for (int it = 0; it <= sweeps; it++) {
                    double[][][] q = qOf(g, v);
                    double[] nv = new double[n];
                    for (int s = 0; s < n; s++) {
                        double[] pA = new double[na];
                        double[] pB = new double[nb];
                        double za = 0.0;
                        double zb = 0.0;
                        for (int a = 0; a < na; a++) {
                            za += pa[s * na + a];
                        }
                        for (int o = 0; o < nb; o++) {
                            zb += pb[s * nb + o];
                        }
                        for (int a = 0; a < na; a++) {
                            pA[a] = pa[s * na + a] / za;
                        }
                        for (int o = 0; o < nb; o++) {
                            pB[o] = pb[s * nb + o] / zb;
                        }
                        double[] pi = pA.clone();
                        double[] rho = pB.clone();
                        double val = 0.0;
                        if (level == 0) {
                            for (int a = 0; a < na; a++) {
                                for (int o = 0; o < nb; o++) {
                                    val += pi[a] * rho[o] * q[s][a][o];
                                }
                            }
                        }
                        for (int k = 1; k <= level; k++) {
                            double[] fa = new double[na];
                            for (int a = 0; a < na; a++) {
                                for (int o = 0; o < nb; o++) {
                                    fa[a] += rho[o] * q[s][a][o];
                                }
                            }
                            double[] fb = new double[nb];
                            for (int o = 0; o < nb; o++) {
                                for (int a = 0; a < na; a++) {
                                    fb[o] += pi[a] * q[s][a][o];
                                }
                            }
                            val = lse(bi, fa, pA);
                            double[] newPi = new double[na];
                            for (int a = 0; a < na; a++) {
                                newPi[a] = pA[a] * Math.exp(bi * (fa[a] - val));
                            }
                            if (k < level) {
                                double vb = lse(bo, fb, pB);
                                for (int o = 0; o < nb; o++) {
                                    rho[o] = pB[o] * Math.exp(bo * (fb[o] - vb));
                                }
                            }
                            pi = newPi;
                        }
                        nv[s] = val;
                        pis[s] = pi;
                        rhos[s] = rho;
                    }
                    if (it < sweeps) {
                        v = nv;
                    }
                }
                double scale = Math.max(1.0, g.maxAbsReward()) / (1 - g.gamma());
                double tol = 4e-12 + Tolerance.ulps(256, scale) / (1 - g.gamma());
                Solution sol = Gr2.solve(g, RunConfig.builder().level(level).beta(bi).betaOpponent(bo).tolerance(1e-12).build());
                String w = "gr2 level " + level + " seed " + seed;
                if (!sol.converged() && level == 2) {
                    continue; // level 2 need not contract; nothing to compare then (counted below)
                }
                compared[level]++;
                assertVector(v, sol.V(), tol, w + " V");
                assertCube(qOf(g, v), sol.value("Q").cube(), tol, w + " Q");
                double[][] agent = sol.policy("agent").matrix();
                double[][] opponent = sol.policy("opponent").matrix();
                for (int s = 0; s < n; s++) {
                    assertVector(pis[s], agent[s], 1e-10, w + " agent policy state " + s);
                    assertVector(rhos[s], opponent[s], 1e-10, w + " opponent policy state " + s);
                }
            }
        }
        assertEquals(10, compared[0], "level 0 comparisons");
        assertEquals(10, compared[1], "level 1 comparisons");
        assertEquals(true, compared[2] >= 5, "level 2 comparisons: " + compared[2]);
    }
}
