package org.memarl.chains;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.memarl.InvalidModelException;
import org.memarl.ledger.RandomGames;
import org.memarl.ledger.RandomMdps;
import org.memarl.ledger.RandomOptions;
import org.memarl.model.Game;
import org.memarl.model.Mdp;
import org.memarl.solve.ChainProblem;
import org.memarl.solve.ChainSolution;
import org.memarl.solve.ChainSolver;
import org.memarl.solve.IterationOptions;
import org.memarl.testing.Tolerance;

/**
 * {@link ChainEvaluation} against independent computations: closed forms on one-state problems, brute-force
 * enumeration of deterministic policies, and a Bellman evaluation written out here (value iteration of the
 * regularised policy operator of (2.50) / (3.39), to convergence).
 */
class ChainEvaluationTest {
    private static final IterationOptions TIGHT = IterationOptions.defaults().withTolerance(1e-13);

    /** A random policy row positive exactly where {@code prior} is. */
    private static double[] row(SplittableRandom rng, double[] prior) {
        double[] p = new double[prior.length];
        double z = 0.0;
        for (int i = 0; i < p.length; i++) {
            p[i] = prior[i] > 0.0 ? 0.05 + rng.nextDouble() : 0.0;
            z += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= z;
        }
        return p;
    }

    private static double[] priorRow(Mdp mdp, int s) {
        double[] p = new double[mdp.numActions()];
        for (int a = 0; a < p.length; a++) {
            p[a] = mdp.prior(s, a);
        }
        return p;
    }

    @Test
    void oneStateOneLevelIsTheClosedForm() {
        for (long seed = 0; seed < 200; seed++) {
            SplittableRandom rng = new SplittableRandom(seed);
            Mdp mdp = RandomMdps.mdp(rng, 1, 1 + rng.nextInt(4), rng.nextBoolean() ? 0.0 : 0.5);
            double beta = rng.nextBoolean() ? 0.3 + rng.nextDouble() * 3 : -(0.3 + rng.nextDouble() * 3);
            ChainProblem p = ThesisChains.softValueIteration(beta).problem(ChoiceModel.of(mdp));
            double[] prior = priorRow(mdp, 0);
            double[] pi = row(rng, prior);
            double j = 0.0;
            for (int a = 0; a < pi.length; a++) {
                if (pi[a] > 0) {
                    j += pi[a] * (mdp.reward(0, a) - Math.log(pi[a] / prior[a]) / beta);
                }
            }
            double want = j / (1.0 - mdp.gamma()); // one state: V = J + gamma V
            double got = ChainEvaluation.evaluate(p, new double[][][] {{pi}}).value(0);
            assertEquals(want, got, Tolerance.ulps(64, want, j, 1.0 / Math.abs(beta)) / (1.0 - mdp.gamma()), "seed " + seed);
        }
    }

    @Test
    void hardChainOnOneStateIsTheBestDeterministicPolicy() {
        for (long seed = 0; seed < 100; seed++) {
            SplittableRandom rng = new SplittableRandom(seed);
            Mdp mdp = RandomMdps.mdp(rng, 1, 1 + rng.nextInt(5), 0.5);
            ChainProblem p = ThesisChains.softValueIteration(Double.POSITIVE_INFINITY).problem(ChoiceModel.of(mdp));
            double best = Double.NEGATIVE_INFINITY;
            for (int a = 0; a < mdp.numActions(); a++) {
                if (mdp.prior(0, a) <= 0) {
                    continue;
                }
                double[] pi = new double[mdp.numActions()];
                pi[a] = 1.0;
                double v = ChainEvaluation.evaluate(p, new double[][][] {{pi}}).value(0);
                assertEquals(mdp.reward(0, a) / 0.5, v, Tolerance.ulps(16, v), "deterministic action " + a);
                best = Math.max(best, v);
            }
            ChainSolution sol = ChainSolver.solve(p, TIGHT);
            assertEquals(best, sol.value(0), sol.errorBound() + Tolerance.ulps(64, best), "seed " + seed);
        }
    }

    /** Independent regularised evaluation of a one-level policy on an MDP: value iteration to convergence. */
    private static double[] bellmanOneLevel(Mdp mdp, double[][] pi, double beta) {
        int n = mdp.numStates();
        double[] v = new double[n];
        for (int it = 0; it < 5000; it++) {
            double[] nv = new double[n];
            for (int s = 0; s < n; s++) {
                for (int a = 0; a < mdp.numActions(); a++) {
                    if (pi[s][a] > 0) {
                        double next = 0;
                        for (int t = 0; t < n; t++) {
                            next += mdp.transitions().get(mdp.row(s, a), t) * v[t];
                        }
                        double reg = Double.isInfinite(beta) ? 0 : Math.log(pi[s][a] / mdp.prior(s, a)) / beta;
                        nv[s] += pi[s][a] * (mdp.reward(s, a) - reg + mdp.gamma() * next);
                    }
                }
            }
            v = nv;
        }
        return v;
    }

    @Test
    void oneLevelEqualsAHandWrittenBellmanEvaluation() {
        for (long seed = 0; seed < 100; seed++) {
            SplittableRandom rng = new SplittableRandom(seed);
            Mdp mdp = RandomMdps.mdp(rng, 1 + rng.nextInt(4), 1 + rng.nextInt(4), 0.9 * rng.nextDouble());
            double beta = switch (rng.nextInt(4)) {
                case 0 -> Double.POSITIVE_INFINITY;
                case 1 -> -(0.2 + rng.nextDouble());
                default -> 0.2 + 5 * rng.nextDouble();
            };
            double[][] pi = new double[mdp.numStates()][];
            for (int s = 0; s < pi.length; s++) {
                pi[s] = row(rng, priorRow(mdp, s));
            }
            double[] want = bellmanOneLevel(mdp, pi, beta);
            ChainProblem p = ThesisChains.softValueIteration(beta).problem(ChoiceModel.of(mdp));
            double[] got = ChainEvaluation.evaluate(p, new double[][][] {pi}).values();
            double tol = Tolerance.ulps(256, Tolerance.maxAbs(want), 1.0) / (1.0 - mdp.gamma());
            for (int s = 0; s < want.length; s++) {
                assertEquals(want[s], got[s], tol, "seed " + seed + " state " + s);
            }
        }
    }

    /** Independent agent-first evaluation (3.39) of pi(a|s), rho(b|s,a) with both regularisers. */
    private static double[] bellmanAgentFirst(Game g, double[][] pi, double[][][] rho, double bi, double bo) {
        int n = g.numStates();
        int na = g.numAgentActions();
        int nb = g.numOpponentActions();
        double[] pa = g.priorAgentFlat();
        double[] pba = g.opponentGivenAgentFlat();
        double[] v = new double[n];
        for (int it = 0; it < 5000; it++) {
            double[] nv = new double[n];
            for (int s = 0; s < n; s++) {
                for (int a = 0; a < na; a++) {
                    if (pi[s][a] == 0) {
                        continue;
                    }
                    double inner = 0;
                    for (int b = 0; b < nb; b++) {
                        if (rho[s][a][b] == 0) {
                            continue;
                        }
                        double next = 0;
                        for (int t = 0; t < n; t++) {
                            next += g.transitions().get(g.row(s, a, b), t) * v[t];
                        }
                        double q = g.rewardAgent(s, a, b) + g.gamma() * next;
                        inner += rho[s][a][b] * (q - Math.log(rho[s][a][b] / pba[(s * na + a) * nb + b]) / bo);
                    }
                    nv[s] += pi[s][a] * (inner - Math.log(pi[s][a] / pa[s * na + a]) / bi);
                }
            }
            v = nv;
        }
        return v;
    }

    @Test
    void twoLevelsEqualAHandWrittenAgentFirstEvaluation() {
        for (long seed = 0; seed < 100; seed++) {
            SplittableRandom rng = new SplittableRandom(seed);
            Game g = RandomGames.game(rng, 1 + rng.nextInt(3), 1 + rng.nextInt(3), 1 + rng.nextInt(3),
                    0.9 * rng.nextDouble(), rng.nextBoolean());
            int n = g.numStates();
            int na = g.numAgentActions();
            int nb = g.numOpponentActions();
            double bi = rng.nextBoolean() ? 0.3 + rng.nextDouble() : -(0.3 + rng.nextDouble());
            double bo = rng.nextBoolean() ? 0.3 + rng.nextDouble() : -(0.3 + rng.nextDouble());
            double[] pa = g.priorAgentFlat();
            double[] pba = g.opponentGivenAgentFlat();
            double[][] pi = new double[n][];
            double[][][] rho = new double[n][na][];
            double[][] rhoFlat = new double[n][na * nb];
            for (int s = 0; s < n; s++) {
                pi[s] = row(rng, java.util.Arrays.copyOfRange(pa, s * na, s * na + na));
                for (int a = 0; a < na; a++) {
                    rho[s][a] = row(rng, java.util.Arrays.copyOfRange(pba, (s * na + a) * nb, (s * na + a + 1) * nb));
                    System.arraycopy(rho[s][a], 0, rhoFlat[s], a * nb, nb);
                }
            }
            double[] want = bellmanAgentFirst(g, pi, rho, bi, bo);
            ChainProblem p = ThesisChains.balancingQ(true, bi, bo).problem(ChoiceModel.of(g));
            double[] got = ChainEvaluation.evaluate(p, new double[][][] {pi, rhoFlat}).values();
            double tol = Tolerance.ulps(512, Tolerance.maxAbs(want), 1.0 / Math.min(Math.abs(bi), Math.abs(bo)))
                    / (1.0 - g.gamma());
            for (int s = 0; s < n; s++) {
                assertEquals(want[s], got[s], tol, "seed " + seed + " state " + s);
            }
        }
    }

    private static void assertAttains(ChainProblem p, String what) {
        ChainSolution sol = ChainSolver.solve(p, TIGHT);
        ChainEvaluation.Result e = ChainEvaluation.evaluate(p, ChainEvaluation.policies(sol));
        double[] v = sol.values();
        double tol = sol.errorBound() + Tolerance.ulps(256 * (p.contexts() + 1), Tolerance.maxAbs(v), 1.0)
                / (1.0 - p.gamma());
        for (int c = 0; c < v.length; c++) {
            assertEquals(v[c], e.value(c), tol, what + " context " + c);
        }
        // the continuation values at the chain's own policies are the chain's level values
        for (int k = 0; k < p.chain().depth(); k++) {
            double[][] f = sol.levelValues(k);
            double[][] u = e.levelValues(k);
            for (int c = 0; c < f.length; c++) {
                for (int i = 0; i < f[c].length; i++) {
                    if (Double.isFinite(f[c][i])) {
                        assertEquals(f[c][i], u[c][i], tol, what + " level " + k + " context " + c + " entry " + i);
                    }
                }
            }
        }
    }

    @Test
    void theChainsOwnPoliciesAttainItsValue() {
        double[] betas = {1.7, -0.6, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 25.0};
        for (long seed = 0; seed < 30; seed++) {
            Mdp mdp = RandomMdps.mdp(seed, 4);
            mdp = mdp.gamma() < 1 ? mdp : mdp.withGamma(0.9);
            double beta = betas[(int) (seed % betas.length)];
            assertAttains(ThesisChains.softValueIteration(beta).problem(ChoiceModel.of(mdp)), "soft VI " + beta);
            Game g = RandomGames.game(seed, 3);
            g = g.gamma() < 1 ? g : g.withGamma(0.9);
            double other = betas[(int) ((seed / 3) % betas.length)];
            assertAttains(ThesisChains.balancingQ(true, beta, other).problem(ChoiceModel.of(g)), "BQ agent " + beta + "," + other);
            assertAttains(ThesisChains.balancingQ(false, beta, other).problem(ChoiceModel.of(g)), "BQ opponent");
            if (seed < 10) {
                assertAttains(ThesisChains.softOptions(beta).problem(ChoiceModel.of(RandomOptions.mdp(seed, 3))), "soft options");
                assertAttains(ThesisChains.softOptionsCritic(beta).problem(ChoiceModel.of(RandomOptions.mdp(seed, 3))), "critic");
                assertAttains(ThesisChains.maSoftOptions(beta).problem(ChoiceModel.of(RandomOptions.game(seed, 2))), "ma");
            }
        }
    }

    @Test
    void finiteHorizonStepPoliciesAttainV0AndStationaryPoliciesFollowTheBackwardRecursion() {
        for (long seed = 0; seed < 30; seed++) {
            SplittableRandom rng = new SplittableRandom(seed);
            Mdp mdp = RandomMdps.mdp(rng, 1 + rng.nextInt(3), 1 + rng.nextInt(3), 1.0).withHorizon(1 + rng.nextInt(4));
            double beta = 0.5 + rng.nextDouble();
            ChainProblem p = ThesisChains.softValueIteration(beta).problem(ChoiceModel.of(mdp));
            ChainSolution sol = ChainSolver.solve(p, TIGHT);
            int h = mdp.horizon();
            double[][][][] steps = new double[h][1][][];
            for (int t = 0; t < h; t++) {
                steps[t][0] = sol.policyAtStep(t, 0);
            }
            double[] got = ChainEvaluation.evaluateSteps(p, steps).values();
            for (int s = 0; s < got.length; s++) {
                assertEquals(sol.value(s), got[s], Tolerance.ulps(64 * (h + 1), sol.value(s), 1.0), "seed " + seed);
            }
            // stationary policy over H steps: the hand recursion V_t = sum pi (r - reg + E V_{t+1})
            double[][] pi = new double[mdp.numStates()][];
            for (int s = 0; s < pi.length; s++) {
                pi[s] = row(rng, priorRow(mdp, s));
            }
            double[] v = new double[mdp.numStates()];
            for (int t = 0; t < h; t++) {
                double[] nv = new double[v.length];
                for (int s = 0; s < v.length; s++) {
                    for (int a = 0; a < mdp.numActions(); a++) {
                        if (pi[s][a] > 0) {
                            nv[s] += pi[s][a] * (mdp.reward(s, a) - Math.log(pi[s][a] / mdp.prior(s, a)) / beta
                                    + mdp.transitions().expect(mdp.row(s, a), v));
                        }
                    }
                }
                v = nv;
            }
            double[] stat = ChainEvaluation.evaluate(p, new double[][][] {pi}).values();
            for (int s = 0; s < v.length; s++) {
                assertEquals(v[s], stat[s], Tolerance.ulps(64 * (h + 1), v[s], 1.0 / beta), "stationary seed " + seed);
            }
        }
    }

    @Test
    void boltzmannResponseAtTheChainsPoliciesIsTheChainsPolicy() {
        for (long seed = 0; seed < 20; seed++) {
            Game g = RandomGames.game(seed, 3);
            g = g.gamma() < 1 ? g : g.withGamma(0.9);
            ChainProblem p = ThesisChains.balancingQ(seed % 2 == 0, 1.3, -0.4).problem(ChoiceModel.of(g));
            ChainSolution sol = ChainSolver.solve(p, TIGHT);
            ChainEvaluation.Result e = ChainEvaluation.evaluate(p, ChainEvaluation.policies(sol));
            for (int k = 0; k < 2; k++) {
                double[][] resp = ChainEvaluation.boltzmannResponse(p, e, k);
                double[][] own = sol.policy(k);
                for (int c = 0; c < own.length; c++) {
                    for (int i = 0; i < own[c].length; i++) {
                        // U_k and f_k differ by at most d (the error bound plus rounding), so each log weight
                        // moves by at most 2 |beta| d and each probability by about as much
                        double d = sol.errorBound() + Tolerance.ulps(1024, Tolerance.maxAbs(sol.values()), 1.0)
                                / (1.0 - g.gamma());
                        assertEquals(own[c][i], resp[c][i], 2 * 1.3 * d + Tolerance.ulps(16, 1.0),
                                "seed " + seed + " level " + k);
                    }
                }
            }
        }
    }

    @Test
    void rejectsPoliciesWithInfiniteRegularisersAndBadShapes() {
        Mdp mdp = Mdp.builder().name("m").states(1).actions(3).gamma(0.5)
                .transitions(new double[][][] {{{1}, {1}, {1}}}).rewards(new double[][] {{1, 2, 3}})
                .prior(new double[][] {{0.5, 0.5, 0.0}}).build();
        ChainProblem soft = ThesisChains.softValueIteration(2.0).problem(ChoiceModel.of(mdp));
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> ChainEvaluation.evaluate(soft, new double[][][] {{{0.5, 0.25, 0.25}}}));
        assertTrue(e.getMessage().contains("policies[0][0][2]") && e.getMessage().contains("support"), e.getMessage());
        ChainProblem hard = ThesisChains.softValueIteration(Double.POSITIVE_INFINITY).problem(ChoiceModel.of(mdp));
        assertThrows(InvalidModelException.class, () -> ChainEvaluation.evaluate(hard, new double[][][] {{{0, 0, 1}}}));
        ChainProblem zero = ThesisChains.softValueIteration(0.0).problem(ChoiceModel.of(mdp));
        e = assertThrows(InvalidModelException.class, () -> ChainEvaluation.evaluate(zero, new double[][][] {{{0.6, 0.4, 0}}}));
        assertTrue(e.getMessage().contains("beta is 0"), e.getMessage());
        // beta 0 at the prior: the prior expectation (1 + 2) / 2 per step
        assertEquals(3.0, ChainEvaluation.evaluate(zero, new double[][][] {{{0.5, 0.5, 0}}}).value(0), Tolerance.ulps(8, 3.0));
        e = assertThrows(InvalidModelException.class, () -> ChainEvaluation.evaluate(soft, new double[][][] {{{0.5, 0.6, 0}}}));
        assertTrue(e.getMessage().contains("policies[0][0][0]"), e.getMessage());
        assertThrows(InvalidModelException.class, () -> ChainEvaluation.evaluate(soft, new double[][][] {{{0.5, 0.5}}}));
        assertThrows(InvalidModelException.class, () -> ChainEvaluation.evaluate(soft, new double[][][] {}));
        ChainProblem undiscounted = ThesisChains.softValueIteration(2.0).problem(ChoiceModel.of(mdp.withGamma(1.0)));
        assertThrows(InvalidModelException.class,
                () -> ChainEvaluation.evaluate(undiscounted, new double[][][] {{{0.5, 0.5, 0}}}));
    }
}
