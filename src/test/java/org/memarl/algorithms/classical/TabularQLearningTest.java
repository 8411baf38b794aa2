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
import org.memarl.ledger.RandomMdps;
import org.memarl.model.Mdp;
import org.memarl.solve.Solution;
import org.memarl.testing.Reference;
import org.memarl.testing.Tolerance;

/**
 * Q-learning (2.21) and soft Q-learning with a fixed seed: deterministic, the reported distance to the
 * fixed point is the true one, and it shrinks as the number of episodes grows (Theorem 3).
 */
class TabularQLearningTest {
    private static final long SEED = Long.getLong("memarl.seed", 20201L);

    /**
     * A random 3-state, 2-action model with a positive non-uniform prior: actions outside the prior's
     * support are never taken, so their Q entries could not be learned.
     */
    private static Mdp model() {
        return RandomMdps.mdp(new SplittableRandom(SEED), 3, 2, 0.7).toBuilder()
                .prior(new double[][] {{0.7, 0.3}, {0.4, 0.6}, {0.5, 0.5}}).build();
    }

    private static RunConfig config(double beta, int episodes, long seed) {
        return RunConfig.builder().beta(beta).episodes(episodes).episodeLength(50).seed(seed).build();
    }

    private static double distance(Solution s) {
        return s.value("distanceToFixedPoint").scalar();
    }

    @Test
    @DisplayName("Q-learning: the distance to Q* decreases over 20, 200, 2000, 20000 episodes")
    void qLearningConverges() {
        Mdp mdp = model();
        Solution[] runs = new Solution[4];
        for (int k = 0; k < 4; k++) {
            runs[k] = TabularQLearning.qLearning(mdp, config(1.0, 20 * (int) Math.pow(10, k), 7));
        }
        checkConvergence(mdp, Double.POSITIVE_INFINITY, runs);
    }

    @Test
    @DisplayName("soft Q-learning (beta = 2): the distance to the soft fixed point decreases over 20, 200, 2000, 20000 episodes")
    void softQLearningConverges() {
        Mdp mdp = model();
        Solution[] runs = new Solution[4];
        for (int k = 0; k < 4; k++) {
            runs[k] = TabularQLearning.softQLearning(mdp, config(2.0, 20 * (int) Math.pow(10, k), 7));
        }
        checkConvergence(mdp, 2.0, runs);
    }

    private static void checkConvergence(Mdp mdp, double beta, Solution... runs) {
        for (int k = 1; k < runs.length; k++) {
            assertTrue(distance(runs[k]) < distance(runs[k - 1]), "not decreasing at run " + k);
        }
        checkConvergence(mdp, beta, runs[1], runs[3]);
    }

    private static void checkConvergence(Mdp mdp, double beta, Solution early, Solution late) {
        // the reported distance is the distance to the independently computed fixed point Q* = r + gamma T V*
        Reference.Certified ref = Reference.optimum(mdp, beta);
        double[][] qStar = Reference.q(mdp, ref.values);
        double tol = 1e-10 + mdp.gamma() * ref.error + Tolerance.discounted(64, mdp.maxAbsReward(), mdp.gamma());
        assertEquals(Tolerance.supDistance(early.Q(), qStar), distance(early), tol);
        assertEquals(Tolerance.supDistance(late.Q(), qStar), distance(late), tol);
        assertEquals(0.0, late.value("unvisitedPairs").scalar(), 0.0);
        // stochastic approximation: with a fixed seed the run is deterministic, so this is not flaky
        assertTrue(distance(late) < distance(early) / 3,
                "distance " + distance(late) + " after 20000 episodes vs " + distance(early) + " after 200");
        // the reported V and policy are those of the learned Q
        double[][] q = late.Q();
        for (int s = 0; s < mdp.numStates(); s++) {
            double[] p = new double[mdp.numActions()];
            for (int a = 0; a < p.length; a++) {
                p[a] = mdp.prior(s, a);
            }
            assertEquals(Reference.softExtremum(beta, q[s], p), late.V()[s], Tolerance.ulps(8, Tolerance.maxAbs(q[s])));
        }
    }

    @Test
    @DisplayName("deterministic for a seed; another seed gives another run")
    void deterministicForASeed() {
        Mdp mdp = model();
        for (double beta : new double[] {Double.POSITIVE_INFINITY, 0.5}) {
            Solution a = TabularQLearning.solve("q", mdp, beta, config(beta, 300, 11));
            Solution b = TabularQLearning.solve("q", mdp, beta, config(beta, 300, 11));
            Solution c = TabularQLearning.solve("q", mdp, beta, config(beta, 300, 12));
            for (int s = 0; s < mdp.numStates(); s++) {
                assertArrayEquals(a.Q()[s], b.Q()[s], 0.0);
            }
            assertEquals(distance(a), distance(b), 0.0);
            assertTrue(Tolerance.supDistance(a.Q(), c.Q()) > 0, "seed has no effect");
        }
        Solution viaName = MdpAlgorithm.Q_LEARNING.run(mdp, config(1.0, 300, 11));
        Solution direct = TabularQLearning.qLearning(mdp, config(1.0, 300, 11));
        assertArrayEquals(direct.V(), viaName.V(), 0.0);
    }

    @Test
    @DisplayName("refused: gamma = 1 and models with a horizon")
    void refusals() {
        Mdp mdp = model();
        assertThrows(InvalidModelException.class, () -> TabularQLearning.qLearning(mdp.withGamma(1.0), RunConfig.defaults()));
        assertThrows(InvalidModelException.class, () -> TabularQLearning.qLearning(mdp.withHorizon(4), RunConfig.defaults()));
    }
}
