package org.memarl.algorithms.games;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.memarl.InvalidModelException;
import org.memarl.algorithms.RunConfig;
import org.memarl.model.Game;
import org.memarl.solve.Solution;

/**
 * Friend-, foe- and Nash-Q learning with fixed seeds: the reported distance is the true distance to the
 * exact fixed point computed independently here, it shrinks with the budget, runs are deterministic, and
 * every learning knob changes the result.
 */
class GameQLearningTest {
    private static final double GAMMA = 0.7;

    private static Game game(Game.Sum sum) {
        return GameFixtures.randomGame(new SplittableRandom(GameFixtures.SEED + 50), 2, 2, 2, GAMMA, sum);
    }

    private static RunConfig config(int episodes, long seed) {
        return RunConfig.builder().episodes(episodes).episodeLength(50).seed(seed).build();
    }

    private static double distance(Solution s) {
        return s.value("distanceToFixedPoint").scalar();
    }

    /**
     * Runs the learner with 10, 100 and 3000 episodes: the reported distance equals the sup distance of
     * the learned Q-tables to {@code qStar} (and {@code qStarOpponent}) and decreases.
     */
    private static void checkConvergence(BiFunction<Game, RunConfig, Solution> learner, Game g, double[][][] qStar,
                                         double[][][] qStarOpponent, double finalDistance) {
        int[] budgets = {10, 100, 3000};
        double[] d = new double[budgets.length];
        for (int k = 0; k < budgets.length; k++) {
            Solution s = learner.apply(g, config(budgets[k], 7));
            double[][][] q = MinimaxTest.q(s);
            double truth = GameFixtures.sup(q, qStar);
            if (qStarOpponent != null) {
                truth = Math.max(truth, GameFixtures.sup(s.value("Qopponent").cube(), qStarOpponent));
            }
            assertEquals(truth, distance(s), 1e-9, "reported distance at " + budgets[k] + " episodes");
            d[k] = distance(s);
            assertEquals(Boolean.TRUE, s.parameters().get("exactConverged"));
        }
        assertTrue(d[1] < d[0] && d[2] < d[1], "distances not decreasing: " + Arrays.toString(d));
        assertTrue(d[2] < finalDistance, "distance after 3000 episodes " + d[2]);
    }

    private static int iterations() {
        return GameFixtures.iterationsFor(GAMMA, 1 / (1 - GAMMA), 1e-14);
    }

    @Test
    @DisplayName("friend-Q learning approaches the independently computed friend fixed point Q* = r + gamma T V*")
    void friend() {
        Game g = game(Game.Sum.GENERAL);
        double[][][] qStar = GameFixtures.q(g, true, FriendFoeQTest.friendIteration(g, iterations()));
        checkConvergence(GameQLearning::friend, g, qStar, null, 5e-3);
        assertEquals(0.0, GameQLearning.friend(g, config(100, 1)).value("unvisitedPairs").scalar(), 0.0);
    }

    @Test
    @DisplayName("foe-Q learning approaches the independently computed foe fixed point (closed-form 2x2 Shapley iteration)")
    void foe() {
        Game g = game(Game.Sum.GENERAL);
        double[][][] qStar = GameFixtures.q(g, true, MinimaxTest.shapley2x2(g, iterations()));
        checkConvergence(GameQLearning::foe, g, qStar, null, 5e-2);
    }

    @Test
    @DisplayName("Nash-Q learning on a common-reward game approaches the friend fixed point for both players' Q")
    void nashCommonReward() {
        Game g = game(Game.Sum.COMMON);
        double[][][] qStar = GameFixtures.q(g, true, FriendFoeQTest.friendIteration(g, iterations()));
        checkConvergence(GameQLearning::nash, g, qStar, qStar, 5e-3);
    }

    @Test
    @DisplayName("Nash-Q learning on a general-sum game: the reported distance is to Nash-Q's exact (converged) fixed point")
    void nashGeneralSum() {
        Game g = game(Game.Sum.GENERAL);
        Solution exact = NashQ.solve(g, RunConfig.defaults());
        assertTrue(exact.converged());
        checkConvergence(GameQLearning::nash, g, MinimaxTest.q(exact), exact.value("Qopponent").cube(), 5e-2);
    }

    @Test
    @DisplayName("deterministic for a seed; seed, exploration, step exponent and episode length each change the result")
    void seedAndKnobs() {
        Game g = game(Game.Sum.GENERAL);
        RunConfig base = config(50, 3);
        double[][][] q = MinimaxTest.q(GameQLearning.friend(g, base));
        assertEquals(0.0, GameFixtures.sup(q, MinimaxTest.q(GameQLearning.friend(g, base))), 0.0);
        RunConfig[] variants = {
            config(50, 4),
            RunConfig.builder().episodes(50).episodeLength(50).seed(3).exploration(0.9).build(),
            RunConfig.builder().episodes(50).episodeLength(50).seed(3).stepExponent(0.6).build(),
            RunConfig.builder().episodes(50).episodeLength(20).seed(3).build(),
        };
        for (RunConfig c : variants) {
            assertNotEquals(0.0, GameFixtures.sup(q, MinimaxTest.q(GameQLearning.friend(g, c))));
            assertNotEquals(0.0, GameFixtures.sup(MinimaxTest.q(GameQLearning.foe(g, base)),
                    MinimaxTest.q(GameQLearning.foe(g, c))));
        }
    }

    @Test
    @DisplayName("a zero prior: the excluded action is never taken, its Q entries stay 0, its policy probability is 0")
    void priorMask() {
        Game g = game(Game.Sum.GENERAL).toBuilder().priorOpponent(new double[][] {{1.0, 0.0}, {0.5, 0.5}}).build();
        for (Solution s : new Solution[] {GameQLearning.friend(g, config(50, 1)), GameQLearning.foe(g, config(50, 1)),
            GameQLearning.nash(g, config(50, 1))}) {
            double[][][] q = MinimaxTest.q(s);
            assertEquals(0.0, q[0][0][1], 0.0);
            assertEquals(0.0, q[0][1][1], 0.0);
            assertEquals(0.0, MinimaxTest.policy(s, "opponent")[0][1], 0.0);
        }
    }

    @Test
    @DisplayName("a horizon or gamma = 1 is refused")
    void invalid() {
        Game g = game(Game.Sum.GENERAL);
        assertThrows(InvalidModelException.class, () -> GameQLearning.friend(g.withHorizon(3), config(5, 1)));
        assertThrows(InvalidModelException.class, () -> GameQLearning.nash(g.withGamma(1.0), config(5, 1)));
    }
}
