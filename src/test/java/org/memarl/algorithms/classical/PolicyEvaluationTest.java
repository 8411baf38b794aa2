package org.memarl.algorithms.classical;

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
import org.memarl.algorithms.soft.SoftValueIteration;
import org.memarl.ledger.RandomMdps;
import org.memarl.model.Mdp;
import org.memarl.solve.FixedPoint;
import org.memarl.solve.IterationOptions;
import org.memarl.solve.Solution;
import org.memarl.solve.Sweep;
import org.memarl.testing.ClassicModels;
import org.memarl.testing.Reference;
import org.memarl.testing.Tolerance;

/**
 * Policy evaluation, classical (2.17) and soft (2.50): the exact linear solve, the iterative fixed
 * point and an independent Gaussian elimination written in the test; gamma = 1 on absorbing models.
 */
class PolicyEvaluationTest {
    private static final long SEED = Long.getLong("memarl.seed", 20201L);
    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    @DisplayName("exact, iterative (both sweeps) and an independent Gaussian elimination agree, classical and soft")
    void exactIterativeAndIndependentAgree() {
        SplittableRandom rng = new SplittableRandom(SEED);
        for (int rep = 0; rep < 200; rep++) {
            Mdp mdp = RandomMdps.mdp(rng.nextLong(), 6);
            double[][] pi = RandomMdps.policy(rng, mdp, rng.nextInt(3) == 0);
            double beta = rng.nextInt(3) == 0 ? INF : RandomMdps.positiveBeta(rng) * (rng.nextBoolean() ? 1 : -1);
            double g = mdp.gamma();
            double[] ref = Reference.policyValues(mdp, pi, beta);
            double scale = mdp.maxAbsReward() + (Double.isInfinite(beta) ? 0 : Math.log(1e3) / Math.abs(beta));
            double slack = Tolerance.discounted(32, scale, g);
            String where = "model " + rep + " beta " + beta + " gamma " + g;
            double[] exact = PolicyEvaluation.exact(mdp, pi, beta);
            assertArrayEquals(ref, exact, slack, where);
            double tol = Math.max(1e-10, 1e-13 * scale / (1 - g));
            for (Sweep sweep : Sweep.values()) {
                FixedPoint fp = PolicyEvaluation.iterative(mdp, pi, beta, new IterationOptions(tol, 1_000_000, sweep));
                assertTrue(fp.converged(), where);
                assertTrue(Tolerance.supDistance(fp.values(), ref) <= fp.errorBound() + slack, where + " " + sweep);
            }
            // through the algorithm registry, with the policy in the configuration
            Solution s = MdpAlgorithm.POLICY_EVALUATION.run(mdp, RunConfig.builder().beta(beta).policy(pi).build());
            assertArrayEquals(exact, s.V(), 0.0);
            assertTrue(s.residual() <= slack, where + " residual " + s.residual());
            double[][] q = Reference.q(mdp, ref);
            double[][] sq = s.Q();
            for (int st = 0; st < q.length; st++) {
                assertArrayEquals(q[st], sq[st], slack);
            }
        }
    }

    @Test
    @DisplayName("a well-conditioned system with many self-loops (pivots 1 - gamma) is solved, not refused as singular")
    void manySelfLoopsAreNotSingular() {
        int n = 12;
        double g = 0.99;
        double[][][] t = new double[n][1][n];
        double[][] r = new double[n][1];
        for (int s = 0; s < n; s++) {
            t[s][0][s < n - 1 ? s : 0] = 1.0;
            r[s][0] = 1.0 + s;
        }
        Mdp mdp = Mdp.builder().states(n).actions(1).gamma(g).transitions(t).rewards(r).build();
        double[][] pi = PolicyEvaluation.uniformPolicy(mdp);
        double[] v = PolicyEvaluation.exact(mdp, pi, INF);
        for (int s = 0; s < n - 1; s++) {
            assertEquals((1.0 + s) / (1 - g), v[s], Tolerance.ulps(16, v[s] / (1 - g)));
        }
        assertEquals(n + g / (1 - g), v[n - 1], Tolerance.ulps(16, v[n - 1] / (1 - g)));
    }

    @Test
    @DisplayName("soft evaluation of the soft-optimal policy reproduces soft value iteration's V")
    void softEvaluationOfTheSoftOptimalPolicyReproducesV() {
        SplittableRandom rng = new SplittableRandom(SEED + 1);
        for (int rep = 0; rep < 100; rep++) {
            Mdp mdp = RandomMdps.mdp(rng.nextLong(), 5);
            double beta = RandomMdps.positiveBeta(rng) * (rng.nextInt(4) == 0 ? -1 : 1);
            double g = mdp.gamma();
            double scale = Math.max(1, mdp.maxAbsReward() / (1 - g));
            Solution svi = SoftValueIteration.solve(mdp, RunConfig.builder().beta(beta).tolerance(1e-13 * scale).build())
                    .requireConverged();
            double[][] pi = svi.policy();
            double[] exact = PolicyEvaluation.exact(mdp, pi, beta);
            double[] ref = Reference.policyValues(mdp, pi, beta);
            // the Boltzmann policy of an eps-accurate V is O(eps / (1 - gamma)) from optimal
            double slack = Tolerance.discounted(64, mdp.maxAbsReward() + 1 / Math.abs(beta), g);
            double allowed = 2 * svi.errorBound() / (1 - g) + slack;
            assertTrue(Tolerance.supDistance(exact, svi.V()) <= allowed, "rep " + rep + " beta " + beta);
            assertTrue(Tolerance.supDistance(ref, svi.V()) <= allowed, "rep " + rep + " beta " + beta);
        }
    }

    @Test
    @DisplayName("Sutton & Barto Example 4.1, gamma = 1, equiprobable policy: 0 -14 -20 -22 / -14 -18 -20 -20 / ... exactly")
    void suttonBartoGridworld() {
        Mdp grid = ClassicModels.suttonBartoGridworld();
        double[][] uniform = PolicyEvaluation.uniformPolicy(grid);
        double[] expected = ClassicModels.SUTTON_BARTO_RANDOM_POLICY_VALUES;
        assertArrayEquals(expected, PolicyEvaluation.exact(grid, uniform, INF), 1e-10);
        // the uniform policy is the (default uniform) prior: its soft evaluation has no KL term at any beta
        assertArrayEquals(expected, PolicyEvaluation.exact(grid, uniform, 1.0), 1e-10);
        assertArrayEquals(expected, PolicyEvaluation.exact(grid, uniform, 0.0), 1e-10);
        Solution s = MdpAlgorithm.POLICY_EVALUATION.run(grid, RunConfig.defaults());
        assertArrayEquals(expected, s.V(), 1e-10);
        assertEquals("linear-solve", s.parameters().get("method"));
        // and the independent elimination
        assertArrayEquals(expected, Reference.policyValues(grid, uniform, INF), 1e-10);
        // the iterative solver refuses gamma = 1
        assertThrows(InvalidModelException.class,
                () -> PolicyEvaluation.iterative(grid, uniform, INF, IterationOptions.defaults()));
    }

    @Test
    @DisplayName("gamma = 1 with a non-absorbing cycle: InvalidModelException naming the state and what to do")
    void gammaOneWithACycleIsRefused() {
        // states 0 <-> 1 cycle forever with reward 1; state 2 is absorbing
        double[][][] t = {{{0, 1, 0}}, {{1, 0, 0}}, {{0, 0, 1}}};
        double[][] r = {{1}, {1}, {0}};
        Mdp mdp = Mdp.builder().states(3).actions(1).gamma(1.0).transitions(t).rewards(r).build();
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> PolicyEvaluation.exact(mdp, PolicyEvaluation.uniformPolicy(mdp), INF));
        assertTrue(e.getMessage().startsWith("gamma: 1"), e.getMessage());
        assertTrue(e.getMessage().contains("state 0") && e.getMessage().contains("never reaches an absorbing"), e.getMessage());
        assertTrue(e.getMessage().contains("gamma < 1"), e.getMessage());
        // an absorbing state with a nonzero reward has infinite value
        double[][][] t2 = {{{1, 0}}, {{1, 0}}};
        Mdp loop = Mdp.builder().states(2).actions(1).gamma(1.0).transitions(t2).rewards(new double[][] {{-1}, {0}}).build();
        InvalidModelException e2 = assertThrows(InvalidModelException.class,
                () -> PolicyEvaluation.exact(loop, PolicyEvaluation.uniformPolicy(loop), INF));
        assertTrue(e2.getMessage().contains("state 0") && e2.getMessage().contains("infinite"), e2.getMessage());
        // soft evaluation at gamma = 1: a KL term in an absorbing state is a nonzero reward too
        double[][][] t3 = {{{1, 0}, {1, 0}}, {{1, 0}, {0, 1}}};
        Mdp soft = Mdp.builder().states(2).actions(2).gamma(1.0).transitions(t3)
                .rewards(new double[][] {{0, 0}, {-1, -1}}).build();
        double[][] biased = {{0.9, 0.1}, {1, 0}};
        assertThrows(InvalidModelException.class, () -> PolicyEvaluation.exact(soft, biased, 2.0));
        assertArrayEquals(new double[] {0, -1}, PolicyEvaluation.exact(soft, biased, INF), 0.0);
    }

    @Test
    @DisplayName("invalid policies: wrong shape, row sums, mass outside the prior with finite beta, non-prior at beta 0")
    void invalidPolicies() {
        Mdp mdp = Mdp.builder().states(2).actions(2).gamma(0.5)
                .transitions(new double[][][] {{{1, 0}, {0, 1}}, {{1, 0}, {0, 1}}})
                .rewards(new double[][] {{1, 0}, {0, 1}})
                .prior(new double[][] {{1, 0}, {0.5, 0.5}}).build();
        InvalidModelException rows = assertThrows(InvalidModelException.class,
                () -> PolicyEvaluation.exact(mdp, new double[][] {{1, 0}}, INF));
        assertTrue(rows.getMessage().startsWith("policy: 1 rows"), rows.getMessage());
        InvalidModelException sum = assertThrows(InvalidModelException.class,
                () -> PolicyEvaluation.exact(mdp, new double[][] {{1, 0}, {0.5, 0.4}}, INF));
        assertTrue(sum.getMessage().startsWith("policy[1]: row sums to 0.9"), sum.getMessage());
        InvalidModelException neg = assertThrows(InvalidModelException.class,
                () -> PolicyEvaluation.exact(mdp, new double[][] {{1, 0}, {1.5, -0.5}}, INF));
        assertTrue(neg.getMessage().startsWith("policy[1][0]: probability 1.5"), neg.getMessage());
        InvalidModelException kl = assertThrows(InvalidModelException.class,
                () -> PolicyEvaluation.exact(mdp, new double[][] {{0.5, 0.5}, {0.5, 0.5}}, 1.0));
        assertTrue(kl.getMessage().startsWith("policy[0][1]"), kl.getMessage());
        // fine for the classical evaluation
        double[] v = PolicyEvaluation.exact(mdp, new double[][] {{0.5, 0.5}, {0.5, 0.5}}, INF);
        assertArrayEquals(Reference.policyValues(mdp, new double[][] {{0.5, 0.5}, {0.5, 0.5}}, INF), v,
                Tolerance.ulps(16, 2));
        assertThrows(InvalidModelException.class,
                () -> PolicyEvaluation.exact(mdp, new double[][] {{1, 0}, {0.9, 0.1}}, 0.0));
    }
}
