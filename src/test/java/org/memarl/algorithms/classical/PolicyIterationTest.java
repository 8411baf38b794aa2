package org.memarl.algorithms.classical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.memarl.algorithms.RunConfig;
import org.memarl.model.Mdp;
import org.memarl.solve.Solution;
import org.memarl.testing.ClassicModels;
import org.memarl.testing.Reference;
import org.memarl.testing.Tolerance;

/** Policy iteration at gamma = 1 on two textbook gridworlds with published values. */
class PolicyIterationTest {

    @Test
    @DisplayName("Russell & Norvig 4x3 world (Figure 17.3): 0.812 0.868 0.918 +1 / 0.762 # 0.660 -1 / 0.705 0.655 0.611 0.388")
    void russellNorvigUtilities() {
        Mdp world = ClassicModels.russellNorvig4x3();
        Solution s = PolicyIteration.solve(world, RunConfig.defaults());
        assertTrue(s.converged());
        double[] v = s.V();
        for (int i = 0; i < ClassicModels.RN_CELLS.length; i++) {
            // the published utilities are rounded to three decimals
            assertEquals(ClassicModels.RN_UTILITIES[i], v[i], 0.0005, ClassicModels.rnName(i));
        }
        assertEquals(0.0, v[ClassicModels.RN_DONE], 0.0);
        // the optimal policy of Figure 17.2(a)
        double[][] pi = s.policy();
        for (int i = 0; i < ClassicModels.RN_CELLS.length; i++) {
            String expected = ClassicModels.RN_POLICY[i];
            if (expected != null) {
                int a = ClassicModels.MOVES.indexOf(expected);
                assertEquals(1.0, pi[i][a], 0.0, ClassicModels.rnName(i) + " should move " + expected);
            }
        }
        // independent check: the policy's values by Gaussian elimination, and no action improves on them
        double[] ref = Reference.policyValues(world, pi, Double.POSITIVE_INFINITY);
        assertArrayEquals(ref, v, Tolerance.ulps(64, 1));
        double[][] q = Reference.q(world, ref);
        for (int i = 0; i < q.length; i++) {
            for (int a = 0; a < 4; a++) {
                assertTrue(q[i][a] <= ref[i] + Tolerance.ulps(64, 1), "improvable at " + ClassicModels.rnName(i));
            }
        }
    }

    @Test
    @DisplayName("Sutton & Barto 4x4 gridworld: optimal values are minus the distance to the nearest terminal corner")
    void suttonBartoOptimalValues() {
        Mdp grid = ClassicModels.suttonBartoGridworld();
        // gamma = 1: finite-horizon value iteration; every state is within 3 moves of a corner
        for (int h : new int[] {3, 4, 10}) {
            Solution s = ValueIteration.solve(grid.withHorizon(h), RunConfig.defaults());
            double[] v = s.V();
            for (int st = 0; st < 16; st++) {
                assertEquals(-distanceToCorner(st), v[st], 0.0, "horizon " + h + " state " + st);
            }
        }
        // with a discount, value iteration, policy iteration and Q-iteration agree with the discounted distance
        Mdp discounted = grid.withGamma(0.9);
        double[] expected = new double[16];
        for (int st = 0; st < 16; st++) {
            int d = distanceToCorner(st);
            expected[st] = -(1 - Math.pow(0.9, d)) / (1 - 0.9);
        }
        assertArrayEquals(expected, PolicyIteration.solve(discounted, RunConfig.defaults()).V(), Tolerance.ulps(64, 10));
        Solution vi = ValueIteration.solve(discounted, RunConfig.defaults());
        assertArrayEquals(expected, vi.V(), vi.errorBound() + Tolerance.ulps(64, 10));
        Solution qi = QIteration.solve(discounted, RunConfig.defaults());
        assertArrayEquals(expected, qi.V(), qi.errorBound() + Tolerance.ulps(64, 10));
    }

    private static int distanceToCorner(int st) {
        int row = st / 4;
        int col = st % 4;
        return Math.min(row + col, (3 - row) + (3 - col));
    }

    @Test
    @DisplayName("policy iteration at gamma = 1 starts from a proper policy: optimal values -distance on the 4x4 grid")
    void gammaOnePolicyIterationStartsProper() {
        // the first action (up) bumps forever in the top row; PI must start from a policy that reaches a corner
        Solution pi = PolicyIteration.solve(ClassicModels.suttonBartoGridworld(), RunConfig.defaults());
        double[] v = pi.V();
        for (int st = 0; st < 16; st++) {
            assertEquals(-distanceToCorner(st), v[st], Tolerance.ulps(64, 10), "state " + st);
        }
        assertTrue(pi.converged());
    }

    @Test
    @DisplayName("gamma = 1 evaluation of a policy that never leaves a costly state: a clear InvalidModelException")
    void improperPolicyAtGammaOneIsAClearError() {
        double[][] up = new double[16][4];
        for (double[] row : up) {
            row[0] = 1.0;
        }
        org.memarl.InvalidModelException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.memarl.InvalidModelException.class,
                () -> PolicyEvaluation.exact(ClassicModels.suttonBartoGridworld(), up, Double.POSITIVE_INFINITY));
        assertTrue(e.getMessage().startsWith("gamma: 1") && e.getMessage().contains("state 1")
                && e.getMessage().contains("infinite"), e.getMessage());
    }
}
