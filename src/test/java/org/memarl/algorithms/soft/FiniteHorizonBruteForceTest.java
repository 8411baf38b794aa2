package org.memarl.algorithms.soft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.memarl.InvalidModelException;
import org.memarl.algorithms.registry.MdpAlgorithm;
import org.memarl.algorithms.RunConfig;
import org.memarl.algorithms.classical.ValueIteration;
import org.memarl.ledger.RandomMdps;
import org.memarl.model.Mdp;
import org.memarl.solve.Solution;
import org.memarl.testing.Tolerance;

/**
 * The finite-horizon backward messages (2.43)-(2.47) against brute-force enumeration on tiny models
 * (2 states, 2 actions, horizon 3): every deterministic time-dependent Markov policy for beta = +-inf,
 * and the ELBO (2.42) summed over every trajectory for finite beta.
 */
class FiniteHorizonBruteForceTest {
    private static final long SEED = Long.getLong("memarl.seed", 20201L);
    private static final int H = 3;

    /** A 2-state, 2-action model with a non-uniform prior (sometimes with a zero), non-uniform initial distribution. */
    private static Mdp tiny(SplittableRandom rng, boolean zeroPrior) {
        double[][][] t = new double[2][2][];
        double[][] r = new double[2][2];
        double[][] p = new double[2][];
        for (int s = 0; s < 2; s++) {
            for (int a = 0; a < 2; a++) {
                t[s][a] = RandomMdps.distribution(rng, 2, true);
                r[s][a] = 4 * rng.nextDouble() - 2;
            }
            p[s] = RandomMdps.distribution(rng, 2, false);
        }
        if (zeroPrior) {
            p[1] = new double[] {0.0, 1.0};
            r[1][0] = 100.0; // outside the support: must never count
        }
        double[] init = RandomMdps.distribution(rng, 2, false);
        return Mdp.builder().states(2).actions(2).gamma(new double[] {1.0, 0.9, 0.5}[rng.nextInt(3)])
                .transitions(t).rewards(r).prior(p).initial(init).horizon(H).build();
    }

    /**
     * Expected sum_t gamma^t [ r(s_t, a_t) - (1/beta) log(pi_t(a_t|s_t) / P(a_t|s_t)) ] from state s0 under the
     * time-dependent policy {@code pi[t][s][a]}, by summing over every trajectory (s0, a0, s1, a1, s2, a2).
     * For beta = +-inf there is no KL term.
     */
    private static double trajectorySum(Mdp mdp, double beta, double[][][] pi, int s0) {
        double total = 0;
        double g = mdp.gamma();
        for (int a0 = 0; a0 < 2; a0++) {
            for (int s1 = 0; s1 < 2; s1++) {
                for (int a1 = 0; a1 < 2; a1++) {
                    for (int s2 = 0; s2 < 2; s2++) {
                        for (int a2 = 0; a2 < 2; a2++) {
                            double prob = pi[0][s0][a0] * t(mdp, s0, a0, s1) * pi[1][s1][a1] * t(mdp, s1, a1, s2) * pi[2][s2][a2];
                            if (prob == 0) {
                                continue;
                            }
                            double ret = step(mdp, beta, pi[0], s0, a0)
                                    + g * step(mdp, beta, pi[1], s1, a1)
                                    + g * g * step(mdp, beta, pi[2], s2, a2);
                            total += prob * ret;
                        }
                    }
                }
            }
        }
        return total;
    }

    private static double t(Mdp mdp, int s, int a, int s2) {
        return mdp.transitions().get(mdp.row(s, a), s2);
    }

    private static double step(Mdp mdp, double beta, double[][] pi, int s, int a) {
        double r = mdp.reward(s, a);
        if (Double.isInfinite(beta)) {
            return r;
        }
        return r - Math.log(pi[s][a] / mdp.prior(s, a)) / beta;
    }

    private static double elboByEnumeration(Mdp mdp, double beta, double[][][] pi) {
        double e = 0;
        for (int s0 = 0; s0 < 2; s0++) {
            if (mdp.initial(s0) > 0) {
                e += mdp.initial(s0) * trajectorySum(mdp, beta, pi, s0);
            }
        }
        return e;
    }

    @Test
    @DisplayName("beta = +-inf: V_0(s) is the best (worst) expected return over all 64 deterministic time-dependent policies")
    void hardBackwardMessagesAreTheBestDeterministicPolicy() {
        SplittableRandom rng = new SplittableRandom(SEED);
        for (int rep = 0; rep < 100; rep++) {
            Mdp mdp = tiny(rng, rep % 3 == 0);
            for (double beta : new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                double[] best = new double[2];
                java.util.Arrays.fill(best, beta > 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
                for (int code = 0; code < 64; code++) {
                    double[][][] pi = new double[H][2][2];
                    boolean inSupport = true;
                    for (int t = 0; t < H; t++) {
                        for (int s = 0; s < 2; s++) {
                            int a = (code >> (2 * t + s)) & 1;
                            pi[t][s][a] = 1.0;
                            inSupport &= mdp.prior(s, a) > 0;
                        }
                    }
                    if (!inSupport) {
                        continue;
                    }
                    for (int s0 = 0; s0 < 2; s0++) {
                        double ret = trajectorySum(mdp, beta, pi, s0);
                        best[s0] = beta > 0 ? Math.max(best[s0], ret) : Math.min(best[s0], ret);
                    }
                }
                Backward tables = backwardMessages(mdp, beta, H);
                assertArrayEquals(best, tables.v[0], Tolerance.ulps(32, 2 * H), "rep " + rep + " beta " + beta);
                assertArrayEquals(new double[2], tables.v[H], 0.0);
                // the backward policy attains it
                double[] attained = {trajectorySum(mdp, beta, tables.policy, 0), trajectorySum(mdp, beta, tables.policy, 1)};
                assertArrayEquals(best, attained, Tolerance.ulps(32, 2 * H));
            }
            // value-iteration runs the same recursion for a model with a horizon
            Solution vi = ValueIteration.solve(mdp, RunConfig.defaults());
            assertArrayEquals(backwardMessages(mdp, Double.POSITIVE_INFINITY, H).v[0], vi.V(), 0.0);
            assertEquals(H, vi.iterations());
        }
    }

    @Test
    @DisplayName("finite beta: the ELBO of the backward-message policy, summed over all trajectories, is sum_s initial(s) V_0(s) = Elbo.of")
    void elboOfTheBackwardPolicy() {
        SplittableRandom rng = new SplittableRandom(SEED + 1);
        for (int rep = 0; rep < 100; rep++) {
            Mdp mdp = tiny(rng, rep % 3 == 0);
            double beta = RandomMdps.positiveBeta(rng) * (rep % 4 == 0 ? -1 : 1);
            Backward tables = backwardMessages(mdp, beta, H);
            double viaV = mdp.initial(0) * tables.v[0][0] + mdp.initial(1) * tables.v[0][1];
            double enumerated = elboByEnumeration(mdp, beta, tables.policy);
            double scale = H * (2 + Math.log(64) / Math.abs(beta));
            // log(pi/P)/beta carries the rounding of pi divided by beta
            double tol = Tolerance.ulps(64, scale) + 64 * Tolerance.EPS * H / Math.abs(beta);
            assertEquals(enumerated, viaV, tol, "rep " + rep + " beta " + beta);
            assertEquals(enumerated, Elbo.of(mdp, beta, tables.policy), tol);
            // per state too
            for (int s0 = 0; s0 < 2; s0++) {
                assertEquals(trajectorySum(mdp, beta, tables.policy, s0), tables.v[0][s0], tol);
            }
            // soft-value-iteration on the model with a horizon reports these tables
            Solution s = MdpAlgorithm.SOFT_VALUE_ITERATION.run(mdp, RunConfig.builder().beta(beta).build());
            assertArrayEquals(tables.v[0], s.V(), 0.0);
            assertEquals(H, s.value("Vt").matrix().length - 1);
        }
    }

    @Test
    @DisplayName("perturbing the backward-message policy lowers the ELBO (beta > 0) or raises it (beta < 0)")
    void perturbationsAreWorse() {
        SplittableRandom rng = new SplittableRandom(SEED + 2);
        for (int rep = 0; rep < 60; rep++) {
            Mdp mdp = tiny(rng, false);
            double beta = RandomMdps.positiveBeta(rng) * (rep % 3 == 0 ? -1 : 1);
            Backward tables = backwardMessages(mdp, beta, H);
            double best = elboByEnumeration(mdp, beta, tables.policy);
            for (int k = 0; k < 10; k++) {
                double[][][] pert = new double[H][2][2];
                double w = 0.05 + 0.5 * rng.nextDouble();
                for (int t = 0; t < H; t++) {
                    for (int s = 0; s < 2; s++) {
                        // move towards the opposite corner, so the change is at least w / 2
                        double u = tables.policy[t][s][0] < 0.5 ? 1.0 : 0.0;
                        pert[t][s][0] = (1 - w) * tables.policy[t][s][0] + w * u;
                        pert[t][s][1] = 1 - pert[t][s][0];
                    }
                }
                double e = elboByEnumeration(mdp, beta, pert);
                assertEquals(e, Elbo.of(mdp, beta, pert), Tolerance.ulps(64, H * (2 + 10 / Math.abs(beta))));
                if (beta > 0) {
                    assertTrue(e < best, "perturbed ELBO " + e + " >= optimum " + best);
                } else {
                    assertTrue(e > best, "perturbed ELBO " + e + " <= optimum " + best);
                }
            }
        }
    }

    @Test
    @DisplayName("policy-evaluation with a horizon sums the regularised rewards of the fixed policy over H steps")
    void finiteHorizonPolicyEvaluation() {
        SplittableRandom rng = new SplittableRandom(SEED + 3);
        for (int rep = 0; rep < 50; rep++) {
            Mdp mdp = tiny(rng, false);
            double beta = RandomMdps.positiveBeta(rng);
            double[][] pi = RandomMdps.policy(rng, mdp, false);
            double[][][] byStep = {pi, pi, pi};
            Solution s = MdpAlgorithm.POLICY_EVALUATION.run(mdp, RunConfig.builder().beta(beta).policy(pi).build());
            for (int s0 = 0; s0 < 2; s0++) {
                assertEquals(trajectorySum(mdp, beta, byStep, s0), s.V()[s0], Tolerance.ulps(64, H * (2 + 10 / beta)));
            }
        }
    }

    @Test
    @DisplayName("a horizon below 1 is refused")
    void invalidHorizon() {
        Mdp mdp = tiny(new SplittableRandom(SEED + 4), false);
        assertThrows(InvalidModelException.class, () -> SoftValueIteration.finiteHorizon("soft-value-iteration", mdp, 1.0, 0));
    }

    /** The backward messages V_t[s] (t = 0..H) and the time-dependent policy of the declared finite-horizon chain. */
    private record Backward(double[][] v, double[][][] policy) {
    }

    private static Backward backwardMessages(Mdp mdp, double beta, int horizon) {
        Solution s = SoftValueIteration.finiteHorizon("soft-value-iteration", mdp, beta, horizon);
        return new Backward(s.value("Vt").matrix(), s.policy("byStep").cube());
    }
}
