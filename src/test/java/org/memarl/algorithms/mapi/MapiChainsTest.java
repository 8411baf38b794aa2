package org.memarl.algorithms.mapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.memarl.algorithms.RunConfig;
import org.memarl.algorithms.classical.PolicyEvaluation;
import org.memarl.algorithms.soft.SoftValueIteration;
import org.memarl.ledger.RandomGames;
import org.memarl.model.Game;
import org.memarl.model.Mdp;
import org.memarl.solve.Solution;
import org.memarl.solve.Sweep;

/**
 * The MAPI chains against independent computations: a naive nested log-sum-exp iteration written here
 * (no kernel), soft value iteration on the joint-action MDP, and exact prior evaluation.
 */
class MapiChainsTest {
    private static final double TOL = 1e-12;

    /** Naive (1/b) log sum p exp(b x), moderate b only. */
    static double lse(double b, double[] x, double[] p) {
        double z = 0.0;
        double s = 0.0;
        for (int i = 0; i < x.length; i++) {
            z += p[i];
            s += p[i] * Math.exp(b * x[i]);
        }
        return Math.log(s / z) / b;
    }

    /** Naive nested value iteration, agent first or opponent first, to 1e-14. */
    static double[] naive(Game g, boolean agentFirst, double bi, double bo) {
        int n = g.numStates();
        int na = g.numAgentActions();
        int nb = g.numOpponentActions();
        double[] pa = g.priorAgentFlat();
        double[] pb = g.priorOpponentFlat();
        double[] pba = g.opponentGivenAgentFlat();
        double[] pab = g.agentGivenOpponentFlat();
        double[] v = new double[n];
        for (int it = 0; it < 100_000; it++) {
            double[] nv = new double[n];
            for (int s = 0; s < n; s++) {
                double[][] q = new double[na][nb];
                for (int a = 0; a < na; a++) {
                    for (int b = 0; b < nb; b++) {
                        double e = 0.0;
                        for (int s2 = 0; s2 < n; s2++) {
                            e += g.transitions().get(g.row(s, a, b), s2) * v[s2];
                        }
                        q[a][b] = g.rewardAgent(s, a, b) + g.gamma() * e;
                    }
                }
                if (agentFirst) {
                    double[] inner = new double[na];
                    for (int a = 0; a < na; a++) {
                        double[] p = new double[nb];
                        System.arraycopy(pba, (s * na + a) * nb, p, 0, nb);
                        inner[a] = lse(bo, q[a], p);
                    }
                    double[] p = new double[na];
                    System.arraycopy(pa, s * na, p, 0, na);
                    nv[s] = lse(bi, inner, p);
                } else {
                    double[] inner = new double[nb];
                    for (int b = 0; b < nb; b++) {
                        double[] col = new double[na];
                        double[] p = new double[na];
                        for (int a = 0; a < na; a++) {
                            col[a] = q[a][b];
                            p[a] = pab[(s * nb + b) * na + a];
                        }
                        inner[b] = lse(bi, col, p);
                    }
                    double[] p = new double[nb];
                    System.arraycopy(pb, s * nb, p, 0, nb);
                    nv[s] = lse(bo, inner, p);
                }
            }
            double res = 0.0;
            for (int s = 0; s < n; s++) {
                res = Math.max(res, Math.abs(nv[s] - v[s]));
            }
            v = nv;
            if (res < 1e-15 || g.gamma() == 0.0) {
                break;
            }
        }
        return v;
    }

    static RunConfig cfg(double bi, double bo) {
        return RunConfig.builder().beta(bi).betaOpponent(bo).tolerance(1e-13).sweep(Sweep.GAUSS_SEIDEL).build();
    }

    @Test
    @DisplayName("ROMMEO, PR2 and Balancing Q (both perspectives) equal a naive nested log-sum-exp iteration")
    void chainsMatchNaiveIteration() {
        for (long seed = 0; seed < 60; seed++) {
            SplittableRandom rng = new SplittableRandom(seed);
            Game g = RandomGames.game(rng, 1 + rng.nextInt(3), 1 + rng.nextInt(3), 1 + rng.nextInt(3),
                    rng.nextInt(3) == 0 ? 0.0 : 0.8, rng.nextBoolean());
            double b = 0.5 + rng.nextDouble();
            double bo = (rng.nextBoolean() ? 1 : -1) * (0.5 + rng.nextDouble());
            double scale = Math.max(1.0, g.maxAbsReward()) / (1 - g.gamma());
            double tol = 1e-12 * scale;
            assertArrayClose(naive(g, false, b, b), Rommeo.solve(g, cfg(b, b)).V(), tol, "rommeo seed " + seed);
            assertArrayClose(naive(g, true, b, b), Pr2.solve(g, cfg(b, b)).V(), tol, "pr2 seed " + seed);
            assertArrayClose(naive(g, true, b, bo), BalancingQ.solve(g, cfg(b, bo)).V(), tol, "bq agent seed " + seed);
            RunConfig opp = RunConfig.builder().beta(b).betaOpponent(bo).tolerance(1e-13)
                    .perspective(RunConfig.Perspective.OPPONENT).build();
            assertArrayClose(naive(g, false, b, bo), BalancingQ.solve(g, opp).V(), tol, "bq opponent seed " + seed);
        }
    }

    @Test
    @DisplayName("equal betas and one joint prior: every chain is soft value iteration on the joint-action MDP")
    void equalBetasAreJointSoftValueIteration() {
        for (long seed = 0; seed < 40; seed++) {
            Game g = RandomGames.consistentPriors(seed, 3);
            if (g.gamma() >= 1.0) {
                g = g.withGamma(0.9);
            }
            double beta = 0.3 + (seed % 5);
            int n = g.numStates();
            int na = g.numAgentActions();
            int nb = g.numOpponentActions();
            double[][] r = new double[n][na * nb];
            double[][] prior = new double[n][na * nb];
            double[] pa = g.priorAgentFlat();
            double[] pba = g.opponentGivenAgentFlat();
            for (int s = 0; s < n; s++) {
                for (int a = 0; a < na; a++) {
                    for (int b = 0; b < nb; b++) {
                        r[s][a * nb + b] = g.rewardAgent(s, a, b);
                        prior[s][a * nb + b] = pa[s * na + a] * pba[(s * na + a) * nb + b];
                    }
                }
                double z = 0;
                for (double x : prior[s]) {
                    z += x;
                }
                for (int j = 0; j < prior[s].length; j++) {
                    prior[s][j] /= z;
                }
            }
            Mdp joint = Mdp.builder().states(n).actions(na * nb).gamma(g.gamma()).transitions(g.transitions()).rewards(r)
                    .prior(prior).build();
            Solution sv = SoftValueIteration.solve(joint, RunConfig.builder().beta(beta).tolerance(1e-13).build());
            double tol = 2e-13 + sv.errorBound() + 1e-12 * Math.max(1, g.maxAbsReward()) / (1 - g.gamma());
            assertArrayClose(sv.V(), Rommeo.solve(g, cfg(beta, beta)).V(), tol, "rommeo " + seed);
            assertArrayClose(sv.V(), Pr2.solve(g, cfg(beta, beta)).V(), tol, "pr2 " + seed);
        }
    }

    @Test
    @DisplayName("policies: outer marginal, inner conditional, executed marginals (3.18) are distributions")
    void policiesAreDistributions() {
        Game g = RandomGames.game(new SplittableRandom(5), 3, 3, 2, 0.7, true);
        for (Solution sol : new Solution[] {Rommeo.solve(g, cfg(1.5, 1.5)), Pr2.solve(g, cfg(1.5, 1.5))}) {
            double[][] agent = sol.policy("agent").matrix();
            double[][] opponent = sol.policy("opponent").matrix();
            for (double[][] p : new double[][][] {agent, opponent}) {
                for (double[] row : p) {
                    double z = 0;
                    for (double x : row) {
                        assertTrue(x >= 0);
                        z += x;
                    }
                    assertEquals(1.0, z, 1e-14);
                }
            }
        }
        // ROMMEO's executed agent policy is sum_b rho(b|s) pi(a|s,b)
        Solution rommeo = Rommeo.solve(g, cfg(1.5, 1.5));
        double[][] rho = rommeo.policy("opponent").matrix();
        double[][][] cond = rommeo.policy("agentGivenOpponent").cube();
        double[][] agent = rommeo.policy("agent").matrix();
        for (int s = 0; s < 3; s++) {
            for (int a = 0; a < 3; a++) {
                double m = 0;
                for (int b = 0; b < 2; b++) {
                    m += rho[s][b] * cond[s][b][a];
                }
                assertEquals(m, agent[s][a], 1e-15);
            }
        }
    }

    @Test
    @DisplayName("GR2: level 0 is the prior's exact evaluation, level 1 the soft best response to the prior opponent")
    void gr2LowLevels() {
        for (long seed = 0; seed < 30; seed++) {
            Game g = RandomGames.game(new SplittableRandom(seed), 2, 2, 3, 0.75, false);
            int n = 2;
            int na = 2;
            int nb = 3;
            double[] pa = g.priorAgentFlat();
            double[] pb = g.priorOpponentFlat();
            double[][] w = new double[n][na * nb];
            double[][] r = new double[n][na * nb];
            for (int s = 0; s < n; s++) {
                for (int a = 0; a < na; a++) {
                    for (int b = 0; b < nb; b++) {
                        w[s][a * nb + b] = pa[s * na + a] * pb[s * nb + b];
                        r[s][a * nb + b] = g.rewardAgent(s, a, b);
                    }
                }
            }
            Mdp joint = Mdp.builder().states(n).actions(na * nb).gamma(g.gamma()).transitions(g.transitions()).rewards(r).build();
            double[] exact = PolicyEvaluation.exact(joint, w, Double.POSITIVE_INFINITY);
            RunConfig level0 = RunConfig.builder().level(0).tolerance(1e-13).build();
            Solution s0 = Gr2.solve(g, level0);
            assertArrayClose(exact, s0.V(), s0.errorBound() + 1e-12 * Math.max(1, g.maxAbsReward()) * 4, "gr2 level 0 seed " + seed);
            // level 1 = a soft extremum of the prior expectation over b: an MDP with rewards E_P(b) r and transitions E_P(b) T
            double beta = 1.3;
            double[][] r1 = new double[n][na];
            double[][][] t1 = new double[n][na][n];
            for (int s = 0; s < n; s++) {
                for (int a = 0; a < na; a++) {
                    for (int b = 0; b < nb; b++) {
                        double p = pb[s * nb + b];
                        r1[s][a] += p * g.rewardAgent(s, a, b);
                        for (int s2 = 0; s2 < n; s2++) {
                            t1[s][a][s2] += p * g.transitions().get(g.row(s, a, b), s2);
                        }
                    }
                }
            }
            double[][] prior = new double[n][na];
            for (int s = 0; s < n; s++) {
                System.arraycopy(pa, s * na, prior[s], 0, na);
            }
            Mdp m1 = Mdp.builder().states(n).actions(na).gamma(g.gamma()).transitions(t1).rewards(r1).prior(prior).build();
            Solution sv = SoftValueIteration.solve(m1, RunConfig.builder().beta(beta).tolerance(1e-13).build());
            Solution s1 = Gr2.solve(g, RunConfig.builder().level(1).beta(beta).tolerance(1e-13).build());
            assertArrayClose(sv.V(), s1.V(), sv.errorBound() + s1.errorBound() + 1e-12 * Math.max(1, g.maxAbsReward()) * 4,
                    "gr2 level 1 seed " + seed);
        }
    }

    @Test
    @DisplayName("probabilistic Balancing Q reports reward units V = V^i / beta_i and thesis units")
    void pbqUnits() {
        Game g = RandomGames.game(new SplittableRandom(11), 2, 2, 2, 0.6, true);
        Solution pbq = ProbabilisticBalancingQ.solve(g, cfg(0.7, -1.9));
        double[] v = pbq.V();
        double[] vth = pbq.value("Vth").vector();
        for (int s = 0; s < v.length; s++) {
            assertEquals(vth[s] / 0.7, v[s], 1e-14 * Math.max(1, Math.abs(v[s])));
        }
        assertArrayClose(naive(g, true, 0.7, -1.9), v, 1e-11, "pbq vs naive BQ");
    }

    @Test
    @DisplayName("probabilistic Balancing Q's Qth and Vth are the fixed point of the printed map (3.49)-(3.54) in thesis units")
    void pbqIsThePrintedMap() {
        for (int rep = 0; rep < 6; rep++) {
            Game g = RandomGames.game(new SplittableRandom(30 + rep), 2, 2, 3, 0.7, rep % 2 == 0);
            double bi = rep < 3 ? 0.7 : -1.3;
            double bo = rep % 3 == 0 ? -1.9 : 2.4;
            int n = g.numStates();
            int na = g.numAgentActions();
            int nb = g.numOpponentActions();
            double[] pa = g.priorAgentFlat();
            double[] pba = g.opponentGivenAgentFlat();
            // iterate Q^{-i} <- beta_-i R + gamma (beta_-i / beta_i) E V^i, V^i from (3.49) and (3.52), written out
            double[][][] qth = new double[n][na][nb];
            double[] vi = new double[n];
            for (int k = 0; k < 5000; k++) {
                for (int s = 0; s < n; s++) {
                    double z = 0.0;
                    for (int a = 0; a < na; a++) {
                        double inner = 0.0;
                        for (int b = 0; b < nb; b++) {
                            inner += pba[(s * na + a) * nb + b] * Math.exp(qth[s][a][b]);
                        }
                        z += pa[s * na + a] * Math.exp(bi / bo * Math.log(inner));
                    }
                    vi[s] = Math.log(z);
                }
                for (int s = 0; s < n; s++) {
                    for (int a = 0; a < na; a++) {
                        for (int b = 0; b < nb; b++) {
                            double e = 0.0;
                            for (int s2 = 0; s2 < n; s2++) {
                                e += g.transitions().get(g.row(s, a, b), s2) * vi[s2];
                            }
                            qth[s][a][b] = bo * g.rewardAgent(s, a, b) + g.gamma() * (bo / bi) * e;
                        }
                    }
                }
            }
            Solution pbq = ProbabilisticBalancingQ.solve(g, cfg(bi, bo));
            double[][][] got = pbq.value("Qth").cube();
            double scale = Math.max(1.0, Math.abs(bo) * g.maxAbsReward() / (1 - g.gamma()));
            // the solver's bound (1e-13 in reward units, times |beta_-i| in thesis units) plus both iterations' rounding floor
            double tol = 2 * Math.abs(bo) * 1e-13 + org.memarl.testing.Tolerance.ulps(64, scale) / (1 - g.gamma());
            for (int s = 0; s < n; s++) {
                for (int a = 0; a < na; a++) {
                    assertArrayClose(qth[s][a], got[s][a], tol, "rep " + rep + " Qth[" + s + "][" + a + "]");
                }
            }
            assertArrayClose(vi, pbq.value("Vth").vector(), tol * Math.max(1.0, Math.abs(bi / bo)), "rep " + rep + " Vth");
        }
    }

    static void assertArrayClose(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol, what + " [" + i + "]");
        }
    }
}
