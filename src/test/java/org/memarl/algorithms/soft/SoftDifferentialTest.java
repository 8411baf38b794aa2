package org.memarl.algorithms.soft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.memarl.InvalidModelException;
import org.memarl.NotConvergedException;
import org.memarl.algorithms.registry.MdpAlgorithm;
import org.memarl.algorithms.RunConfig;
import org.memarl.algorithms.classical.ValueIteration;
import org.memarl.ledger.RandomMdps;
import org.memarl.model.Mdp;
import org.memarl.solve.RoundingFloor;
import org.memarl.solve.Solution;
import org.memarl.solve.Sweep;
import org.memarl.testing.Reference;
import org.memarl.testing.Tolerance;

/**
 * Soft value iteration (2.48)-(2.49) and soft policy iteration (Theorem 6) against each other and
 * against an independent soft policy iteration certified by the BigDecimal Bellman residual.
 */
class SoftDifferentialTest {
    private static final long SEED = Long.getLong("memarl.seed", 20201L);

    private static RunConfig config(Mdp mdp, double beta, Sweep sweep) {
        double vScale = Math.max(1, mdp.maxAbsReward() / (1 - mdp.gamma()));
        return RunConfig.builder().beta(beta).tolerance(Math.max(1e-10, 1e-13 * vScale)).sweep(sweep).build();
    }

    private static double slack(Mdp mdp, double beta) {
        double kl = Double.isInfinite(beta) || beta == 0 ? 0 : 1 / Math.abs(beta);
        return Tolerance.discounted(64, mdp.maxAbsReward() + kl, mdp.gamma());
    }

    @Test
    @DisplayName("soft VI (both sweeps) and soft PI agree with the certified reference, for beta of both signs and 0")
    void softValueAndPolicyIterationAgree() {
        SplittableRandom rng = new SplittableRandom(SEED);
        for (int rep = 0; rep < 150; rep++) {
            Mdp mdp = RandomMdps.mdp(rng.nextLong(), 5);
            double beta = rep % 10 == 0 ? 0.0 : RandomMdps.positiveBeta(rng) * (rng.nextInt(4) == 0 ? -1 : 1);
            Reference.Certified ref = Reference.optimum(mdp, beta);
            double slack = slack(mdp, beta);
            String where = "model " + rep + " beta " + beta + " gamma " + mdp.gamma();
            for (Sweep sweep : Sweep.values()) {
                Solution svi = SoftValueIteration.solve(mdp, config(mdp, beta, sweep)).requireConverged();
                assertTrue(Tolerance.supDistance(svi.V(), ref.values) <= svi.errorBound() + ref.error + slack, where + " SVI " + sweep);
                // the policy is the Boltzmann policy of the reported Q, and V = M[Q]
                double[][] q = svi.Q();
                double[][] pi = svi.policy();
                for (int s = 0; s < mdp.numStates(); s++) {
                    double[] p = new double[mdp.numActions()];
                    for (int a = 0; a < p.length; a++) {
                        p[a] = mdp.prior(s, a);
                    }
                    double sum = 0;
                    for (double x : pi[s]) {
                        sum += x;
                    }
                    assertEquals(1.0, sum, Tolerance.ulps(8, 1), where);
                    if (beta != 0) {
                        double range = 2 * Tolerance.maxAbs(q[s]);
                        assertArrayEquals(Reference.boltzmann(beta, q[s], p), pi[s],
                                Tolerance.ulps(16, 1) * (1 + Math.abs(beta) * range), where);
                    }
                }
                assertTablesEqual(Reference.q(mdp, svi.V()), q, slack);
            }
            Solution spi = SoftPolicyIteration.solve(mdp, config(mdp, beta, Sweep.JACOBI)).requireConverged();
            assertTrue(Tolerance.supDistance(spi.V(), ref.values) <= spi.errorBound() + ref.error + slack, where + " SPI");
        }
    }

    private static void assertTablesEqual(double[][] expected, double[][] actual, double tol) {
        assertEquals(expected.length, actual.length);
        for (int s = 0; s < expected.length; s++) {
            assertArrayEquals(expected[s], actual[s], tol);
        }
    }

    @Test
    @DisplayName("beta -> +inf: soft values increase to the hard optimum; beta = +inf is value iteration itself")
    void softValuesIncreaseWithBetaToTheHardOptimum() {
        SplittableRandom rng = new SplittableRandom(SEED + 1);
        double[] betas = {Double.NEGATIVE_INFINITY, -10, -1, -0.1, 0, 0.1, 1, 10, 100, Double.POSITIVE_INFINITY};
        for (int rep = 0; rep < 40; rep++) {
            Mdp mdp = RandomMdps.mdp(rng, 1 + rng.nextInt(5), 1 + rng.nextInt(4), new double[] {0.3, 0.8}[rep % 2]);
            double[] prev = null;
            double prevBound = 0;
            for (double beta : betas) {
                Solution s = SoftValueIteration.solve(mdp, config(mdp, beta, Sweep.JACOBI)).requireConverged();
                double[] v = s.V();
                if (prev != null) {
                    for (int st = 0; st < v.length; st++) {
                        assertTrue(v[st] >= prev[st] - s.errorBound() - prevBound - slack(mdp, 1),
                                "V not monotone in beta at state " + st + ", beta " + beta);
                    }
                }
                prev = v;
                prevBound = s.errorBound();
            }
            RunConfig cfg = config(mdp, 1.0, Sweep.JACOBI);
            assertArrayEquals(ValueIteration.solve(mdp, cfg).V(),
                    SoftValueIteration.solve("value-iteration", mdp, Double.POSITIVE_INFINITY, cfg).V(), 0.0);
            // the gap to the hard optimum at beta = 100 is at most log(1/P_min) / (beta (1 - gamma))
            double pMin = 1;
            for (int st = 0; st < mdp.numStates(); st++) {
                for (int a = 0; a < mdp.numActions(); a++) {
                    if (mdp.prior(st, a) > 0) {
                        pMin = Math.min(pMin, mdp.prior(st, a));
                    }
                }
            }
            Solution hard = ValueIteration.solve(mdp, cfg);
            Solution soft = SoftValueIteration.solve(mdp, config(mdp, 100, Sweep.JACOBI));
            double gap = Math.log(1 / pMin) / (100 * (1 - mdp.gamma()));
            for (int st = 0; st < mdp.numStates(); st++) {
                double d = hard.V()[st] - soft.V()[st];
                assertTrue(d >= -hard.errorBound() - soft.errorBound() - slack(mdp, 1)
                        && d <= gap + hard.errorBound() + soft.errorBound() + slack(mdp, 1), "gap " + d + " vs " + gap);
            }
        }
    }

    @Test
    @DisplayName("Theorem 6: soft policy iteration's values do not decrease from one iteration to the next (beta > 0)")
    void softPolicyIterationIsMonotone() {
        SplittableRandom rng = new SplittableRandom(SEED + 2);
        for (int rep = 0; rep < 40; rep++) {
            Mdp mdp = RandomMdps.mdp(rng, 2 + rng.nextInt(4), 2 + rng.nextInt(3), 0.9);
            double beta = RandomMdps.positiveBeta(rng);
            double[] prev = null;
            for (int k = 1; k <= 5; k++) {
                Solution s = SoftPolicyIteration.solve(mdp, RunConfig.builder().beta(beta).maxIterations(k).build());
                double[] v = s.V();
                if (prev != null) {
                    for (int st = 0; st < v.length; st++) {
                        assertTrue(v[st] >= prev[st] - slack(mdp, beta), "k=" + k + " state " + st);
                    }
                }
                prev = v;
            }
        }
    }

    @Test
    @DisplayName("soft PI iterates exactly (2.53): pi_1 = Boltzmann(Q^{prior}), and after k rounds V = B V^{pi_{k-1}}")
    void softPolicyIterationIterates() {
        SplittableRandom rng = new SplittableRandom(SEED + 4);
        for (int rep = 0; rep < 40; rep++) {
            Mdp mdp = RandomMdps.mdp(rng, 2 + rng.nextInt(4), 2 + rng.nextInt(3), 0.5 + 0.45 * rng.nextDouble());
            double beta = RandomMdps.positiveBeta(rng) * (rep % 4 == 0 ? -1 : 1);
            double[][] prior = Reference.prior(mdp);
            double[][] pi = prior;
            for (int k = 1; k <= 3; k++) {
                double[] vPi = Reference.policyValues(mdp, pi, beta);
                double[] expected = Reference.bellman(mdp, beta, vPi);
                Solution s = SoftPolicyIteration.solve(mdp, RunConfig.builder().beta(beta).maxIterations(k).tolerance(1e-300)
                        .build());
                if (s.iterations() < k) {
                    // stopped early: only at the rounding floor, where further rounds cannot change V (checked below)
                    final Solution run = s;
                    assertTrue(!run.converged() && RoundingFloor.reached(run.residual(), run.V()),
                            () -> "stopped after " + run.iterations() + " rounds above the floor, residual "
                                    + run.residual());
                } else {
                    assertEquals(k, s.iterations());
                }
                assertArrayEquals(expected, s.V(), slack(mdp, beta), "rep " + rep + " k " + k);
                double[][] q = Reference.q(mdp, vPi);
                double[][] next = new double[pi.length][];
                for (int st = 0; st < pi.length; st++) {
                    next[st] = Reference.boltzmann(beta, q[st], prior[st]);
                }
                pi = next;
            }
        }
    }

    @Test
    @DisplayName("soft PI at its cap: converged() false and requireConverged() throws; gamma = 1 refused")
    void softPolicyIterationCapAndGammaOne() {
        Mdp mdp = RandomMdps.mdp(new SplittableRandom(SEED + 3), 4, 3, 0.95);
        Solution s = SoftPolicyIteration.solve(mdp, RunConfig.builder().beta(5).maxIterations(1).tolerance(1e-14).build());
        assertFalse(s.converged());
        assertEquals(1, s.iterations());
        assertThrows(NotConvergedException.class, s::requireConverged);
        assertThrows(InvalidModelException.class, () -> SoftPolicyIteration.solve(mdp.withGamma(1.0), RunConfig.defaults()));
        assertArrayEquals(SoftPolicyIteration.solve(mdp, RunConfig.defaults()).V(),
                MdpAlgorithm.byId("soft-policy-iteration").run(mdp, RunConfig.defaults()).V(), 0.0);
        assertArrayEquals(SoftValueIteration.solve(mdp, RunConfig.defaults()).V(),
                MdpAlgorithm.byId("soft-value-iteration").run(mdp, RunConfig.defaults()).V(), 0.0);
    }
}
