package org.memarl.algorithms.classical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.memarl.InvalidModelException;
import org.memarl.algorithms.registry.MdpAlgorithm;
import org.memarl.algorithms.RunConfig;
import org.memarl.algorithms.soft.SoftValueIteration;
import org.memarl.ledger.RandomMdps;
import org.memarl.model.Mdp;
import org.memarl.solve.Solution;
import org.memarl.solve.Sweep;
import org.memarl.testing.Reference;
import org.memarl.testing.Tolerance;

/**
 * Differential tests of the optimal-control algorithms on seeded random MDPs: value iteration, policy
 * iteration and Q-iteration against each other and against V* computed independently (every
 * deterministic policy evaluated by Gaussian elimination; the state-wise best is V*).
 */
class OptimalControlDifferentialTest {
    private static final long SEED = Long.getLong("memarl.seed", 20201L);
    private static final double INF = Double.POSITIVE_INFINITY;

    private static RunConfig config(Mdp mdp, Sweep sweep) {
        return config(mdp, sweep, 1.0);
    }

    /** Tolerance 1e-10, or 1e-13 relative to the size of the values when that is larger (the rounding floor). */
    static RunConfig config(Mdp mdp, Sweep sweep, double beta) {
        double vScale = Math.max(1, mdp.maxAbsReward() / (1 - mdp.gamma()));
        return RunConfig.builder().beta(beta).tolerance(Math.max(1e-10, 1e-13 * vScale)).sweep(sweep).build();
    }

    @Test
    @DisplayName("value iteration, policy iteration and Q-iteration agree with V* by enumeration of all deterministic policies")
    void allAgreeWithEnumeration() {
        SplittableRandom rng = new SplittableRandom(SEED);
        int compared = 0;
        for (int rep = 0; rep < 200; rep++) {
            Mdp mdp = RandomMdps.mdp(rng.nextLong(), 5);
            if (Reference.deterministicPolicyCount(mdp) > 4096) {
                continue;
            }
            compared++;
            double g = mdp.gamma();
            Reference.Certified ref = Reference.optimum(mdp, INF);
            double slack = Tolerance.discounted(32, mdp.maxAbsReward(), g);
            RunConfig cfg = config(mdp, rep % 2 == 0 ? Sweep.JACOBI : Sweep.GAUSS_SEIDEL);
            String where = "model " + rep + " (" + mdp.numStates() + "x" + mdp.numActions() + ", gamma " + g + ")";

            Solution vi = ValueIteration.solve(mdp, cfg).requireConverged();
            assertTrue(Tolerance.supDistance(vi.V(), ref.values) <= vi.errorBound() + ref.error + slack, where + " VI");

            Solution qi = QIteration.solve(mdp, cfg).requireConverged();
            assertTrue(Tolerance.supDistance(qi.V(), ref.values) <= qi.errorBound() + ref.error + slack, where + " QI V");
            double[][] qStar = Reference.q(mdp, ref.values);
            assertTrue(Tolerance.supDistance(qi.Q(), qStar) <= qi.errorBound() + g * ref.error + slack, where + " QI Q");

            Solution pi = PolicyIteration.solve(mdp, cfg).requireConverged();
            assertTrue(Tolerance.supDistance(pi.V(), ref.values) <= ref.error + slack, where + " PI");
            // an independent linear solve of PI's policy gives PI's values, and the policy is greedy
            double[][] policy = pi.policy();
            assertArrayEquals(Reference.policyValues(mdp, policy, INF), pi.V(), slack, where + " PI values");
            assertGreedy(mdp, policy, qStar, slack + ref.error, where);

            // the greedy policy of value iteration is (near-)optimal: ||V^pi - V*|| <= 2 gamma eps / (1 - gamma)
            double[] greedyValues = Reference.policyValues(mdp, vi.policy(), INF);
            double eps = vi.errorBound() + slack;
            assertTrue(Tolerance.supDistance(greedyValues, ref.values) <= 2 * g * eps / (1 - g) + ref.error + slack,
                    where + " VI greedy policy");
        }
        assertTrue(compared >= 150, "compared " + compared);
    }

    private static void assertGreedy(Mdp mdp, double[][] policy, double[][] q, double tol, String where) {
        for (int s = 0; s < mdp.numStates(); s++) {
            double best = -INF;
            for (int a = 0; a < mdp.numActions(); a++) {
                if (mdp.prior(s, a) > 0) {
                    best = Math.max(best, q[s][a]);
                }
            }
            for (int a = 0; a < mdp.numActions(); a++) {
                if (policy[s][a] > 0) {
                    assertTrue(mdp.prior(s, a) > 0, where + ": action outside the prior's support");
                    assertTrue(q[s][a] >= best - tol, where + ": policy not greedy at state " + s);
                }
            }
        }
    }

    @Test
    @DisplayName("beta = -inf (the min) agrees with the pessimal values by enumeration")
    void minimisationAgreesWithEnumeration() {
        SplittableRandom rng = new SplittableRandom(SEED + 1);
        for (int rep = 0; rep < 60; rep++) {
            Mdp mdp = RandomMdps.mdp(rng, 1 + rng.nextInt(4), 1 + rng.nextInt(4), RandomMdps.gamma(rng));
            Reference.Certified ref = Reference.optimum(mdp, Double.NEGATIVE_INFINITY);
            Solution s = SoftValueIteration.solve(mdp, config(mdp, Sweep.JACOBI, Double.NEGATIVE_INFINITY));
            assertTrue(s.converged());
            assertTrue(Tolerance.supDistance(s.V(), ref.values)
                    <= s.errorBound() + ref.error + Tolerance.discounted(32, mdp.maxAbsReward(), mdp.gamma()));
        }
    }

    @Test
    @DisplayName("larger random MDPs (30 states): the three agree with an independent Howard policy iteration")
    void largerModelsAgree() {
        SplittableRandom rng = new SplittableRandom(SEED + 2);
        for (int rep = 0; rep < 6; rep++) {
            Mdp mdp = RandomMdps.mdp(rng, 30, 4, new double[] {0.5, 0.9, 0.95}[rep % 3]);
            Reference.Certified ref = Reference.optimum(mdp, INF);
            double slack = Tolerance.discounted(64, mdp.maxAbsReward(), mdp.gamma());
            RunConfig cfg = config(mdp, Sweep.GAUSS_SEIDEL);
            Solution vi = ValueIteration.solve(mdp, cfg).requireConverged();
            Solution qi = QIteration.solve(mdp, cfg).requireConverged();
            Solution pi = PolicyIteration.solve(mdp, cfg).requireConverged();
            assertTrue(Tolerance.supDistance(vi.V(), ref.values) <= vi.errorBound() + ref.error + slack);
            assertTrue(Tolerance.supDistance(qi.V(), ref.values) <= qi.errorBound() + ref.error + slack);
            assertTrue(Tolerance.supDistance(pi.V(), ref.values) <= ref.error + slack);
        }
    }

    @Test
    @DisplayName("the algorithms run by name through MdpAlgorithm give the same results")
    void byName() {
        Mdp mdp = RandomMdps.mdp(new SplittableRandom(SEED + 3), 4, 3, 0.8);
        RunConfig cfg = RunConfig.defaults();
        assertArrayEquals(ValueIteration.solve(mdp, cfg).V(), MdpAlgorithm.byId("value-iteration").run(mdp, cfg).V(), 0.0);
        assertArrayEquals(PolicyIteration.solve(mdp, cfg).V(), MdpAlgorithm.byId("policy-iteration").run(mdp, cfg).V(), 0.0);
        assertArrayEquals(QIteration.solve(mdp, cfg).V(), MdpAlgorithm.byId("q-iteration").run(mdp, cfg).V(), 0.0);
        assertEquals("value-iteration", MdpAlgorithm.byId("value-iteration").run(mdp, cfg).algorithm());
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> MdpAlgorithm.byId("valu-iteration"));
        assertTrue(e.getMessage().contains("valu-iteration"), e.getMessage());
    }

    @Test
    @DisplayName("policy iteration stopped at its cap: converged() is false and the reported bound still covers ||V - V*||")
    void policyIterationCapBoundIsHonest() {
        // one state, two self-loops with rewards 0 and 1: PI starts at action 0 (V = 0), V* = 1 / (1 - gamma)
        Mdp one = Mdp.builder().states(1).actions(2).gamma(0.9)
                .transitions(new double[][][] {{{1}, {1}}}).rewards(new double[][] {{0, 1}}).build();
        Solution capped = PolicyIteration.solve(one, RunConfig.builder().maxIterations(1).build());
        assertFalse(capped.converged());
        assertEquals(0.0, capped.V()[0], 0.0);
        assertTrue(capped.errorBound() >= 10.0 - Tolerance.ulps(4, 10), "bound " + capped.errorBound() + " < distance 10");
        SplittableRandom rng = new SplittableRandom(SEED + 4);
        for (int rep = 0; rep < 100; rep++) {
            Mdp mdp = RandomMdps.mdp(rng, 2 + rng.nextInt(4), 2 + rng.nextInt(3), 0.5 + 0.49 * rng.nextDouble());
            Reference.Certified ref = Reference.optimum(mdp, INF);
            Solution s = PolicyIteration.solve(mdp, RunConfig.builder().maxIterations(1).build());
            double d = Tolerance.supDistance(s.V(), ref.values);
            assertTrue(d <= s.errorBound() + ref.error + Tolerance.discounted(16, mdp.maxAbsReward(), mdp.gamma()),
                    "distance " + d + " > bound " + s.errorBound());
        }
    }

    @Test
    @DisplayName("value iteration and Q-iteration refuse gamma = 1 without a horizon; Q-iteration and PI refuse a horizon")
    void refusals() {
        Mdp mdp = RandomMdps.mdp(new SplittableRandom(SEED + 5), 3, 2, 1.0);
        assertThrows(InvalidModelException.class, () -> ValueIteration.solve(mdp, RunConfig.defaults()));
        assertThrows(InvalidModelException.class, () -> QIteration.solve(mdp, RunConfig.defaults()));
        Mdp h = mdp.withGamma(0.9).withHorizon(3);
        assertThrows(InvalidModelException.class, () -> QIteration.solve(h, RunConfig.defaults()));
        assertThrows(InvalidModelException.class, () -> PolicyIteration.solve(h, RunConfig.defaults()));
    }
}
