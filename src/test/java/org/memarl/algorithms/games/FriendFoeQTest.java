package org.memarl.algorithms.games;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.memarl.InvalidModelException;
import org.memarl.algorithms.RunConfig;
import org.memarl.model.Game;
import org.memarl.solve.Solution;

/** Friend-Q and foe-Q (2.68) against independent iterations written here and against closed forms. */
class FriendFoeQTest {
    private static final RunConfig CONFIG = RunConfig.defaults();

    /** {@code V(s) = max_{a,b} Q(s,a,b)} iterated {@code iterations} times from 0, plain loops. */
    static double[] friendIteration(Game g, int iterations) {
        double[] v = new double[g.numStates()];
        for (int k = 0; k < iterations; k++) {
            double[][][] q = GameFixtures.q(g, true, v);
            double[] nv = new double[v.length];
            for (int s = 0; s < v.length; s++) {
                nv[s] = Double.NEGATIVE_INFINITY;
                for (double[] row : q[s]) {
                    for (double x : row) {
                        nv[s] = Math.max(nv[s], x);
                    }
                }
            }
            v = nv;
        }
        return v;
    }

    @Test
    @DisplayName("friend-Q on random general-sum games: V = an independent max-max iteration; the pure policy attains max Q")
    void friendAgainstIndependentIteration() {
        SplittableRandom rng = new SplittableRandom(GameFixtures.SEED + 30);
        for (int trial = 0; trial < 6; trial++) {
            Game g = GameFixtures.randomGame(rng, 3, 2, 3, 0.85, Game.Sum.GENERAL);
            Solution sol = FriendFoeQ.friend(g, CONFIG);
            assertTrue(sol.converged());
            double[] ref = friendIteration(g, GameFixtures.iterationsFor(0.85, 1 / 0.15, 1e-14));
            double[] v = MinimaxTest.v(sol);
            assertArrayEquals(ref, v, 1e-10 + 1e-13 / 0.15);
            double[][][] q = MinimaxTest.q(sol);
            double[][] x = MinimaxTest.policy(sol, "agent");
            double[][] y = MinimaxTest.policy(sol, "opponent");
            for (int s = 0; s < v.length; s++) {
                assertEquals(v[s], GameFixtures.payoff(x[s], q[s], y[s]), 1e-9);
                int ones = 0;
                for (double p : x[s]) {
                    ones += p == 1.0 ? 1 : 0;
                }
                assertEquals(1, ones, "friend's agent policy is pure");
            }
        }
    }

    @Test
    @DisplayName("friend-Q on a matrix game: V = the largest entry, the first maximiser in row-major order")
    void friendMatrix() {
        double[][] r = {{1, 7, 3}, {7, -2, 0}};
        Solution sol = FriendFoeQ.friend(Game.matrix("m", r, GameFixtures.negate(r), Game.Sum.GENERAL), CONFIG);
        assertEquals(7.0, MinimaxTest.v(sol)[0], 0.0);
        assertArrayEquals(new double[] {1, 0}, MinimaxTest.policy(sol, "agent")[0], 0.0);
        assertArrayEquals(new double[] {0, 1, 0}, MinimaxTest.policy(sol, "opponent")[0], 0.0);
    }

    @Test
    @DisplayName("foe-Q on matching pennies: V = 0, both (1/2, 1/2)")
    void foeMatchingPennies() {
        double[][] r = GameFixtures.matchingPennies();
        Solution sol = FriendFoeQ.foe(Game.matrix("mp", r, null, Game.Sum.ZERO), CONFIG);
        assertEquals(0.0, MinimaxTest.v(sol)[0], 1e-12);
        assertArrayEquals(new double[] {0.5, 0.5}, MinimaxTest.policy(sol, "agent")[0], 1e-12);
        assertArrayEquals(new double[] {0.5, 0.5}, MinimaxTest.policy(sol, "opponent")[0], 1e-12);
    }

    @Test
    @DisplayName("foe-Q on a zero-sum matrix game equals the LP value; on a general-sum game it ignores the opponent's rewards")
    void foeIsMinimaxOfTheAgentsRewards() {
        SplittableRandom rng = new SplittableRandom(GameFixtures.SEED + 31);
        double[][] r = GameFixtures.randomMatrix(rng, 4, 3, 5.0);
        Solution m = FriendFoeQ.foe(Game.matrix("m", r, null, Game.Sum.ZERO), CONFIG);
        assertEquals(ZeroSumMatrixGame.solve(r).value(), MinimaxTest.v(m)[0], 1e-12);
        for (int trial = 0; trial < 4; trial++) {
            Game general = GameFixtures.randomGame(rng, 2, 2, 2, 0.9, Game.Sum.GENERAL);
            Game zero = general.toBuilder().sum(Game.Sum.ZERO).build();
            Solution foe = FriendFoeQ.foe(general, CONFIG);
            assertArrayEquals(MinimaxTest.v(Minimax.solve(zero, CONFIG)), MinimaxTest.v(foe), 0.0);
            double[] ref = MinimaxTest.shapley2x2(general, GameFixtures.iterationsFor(0.9, 10, 1e-14));
            assertArrayEquals(ref, MinimaxTest.v(foe), 1e-9);
            MinimaxTest.checkStageCertificates(general, foe, 1e-9);
        }
    }

    @Test
    @DisplayName("friend >= foe state by state (max-max dominates max-min)")
    void friendDominatesFoe() {
        SplittableRandom rng = new SplittableRandom(GameFixtures.SEED + 32);
        for (int trial = 0; trial < 4; trial++) {
            Game g = GameFixtures.randomGame(rng, 3, 3, 2, 0.8, Game.Sum.GENERAL);
            double[] friend = MinimaxTest.v(FriendFoeQ.friend(g, CONFIG));
            double[] foe = MinimaxTest.v(FriendFoeQ.foe(g, CONFIG));
            for (int s = 0; s < friend.length; s++) {
                assertTrue(friend[s] >= foe[s] - 1e-9);
            }
        }
    }

    @Test
    @DisplayName("finite horizon: friend's Vt equals an independent backward recursion")
    void friendFiniteHorizon() {
        Game g = GameFixtures.randomGame(new SplittableRandom(GameFixtures.SEED + 33), 3, 2, 2, 1.0, Game.Sum.GENERAL)
                .withHorizon(5);
        Solution sol = FriendFoeQ.friend(g, CONFIG);
        double[][] vt = sol.value("Vt").matrix();
        for (int t = 0; t <= 5; t++) {
            assertArrayEquals(friendIteration(g, 5 - t), vt[t], 1e-12);
        }
    }

    @Test
    @DisplayName("a zero prior excludes joint actions from friend's max")
    void friendPriorMask() {
        double[][] r = {{1, 7, 3}, {2, -2, 0}};
        Game g = Game.matrix("m", r, r, Game.Sum.COMMON).toBuilder().priorOpponent(new double[][] {{0.5, 0.0, 0.5}}).build();
        Solution sol = FriendFoeQ.friend(g, CONFIG);
        assertEquals(3.0, MinimaxTest.v(sol)[0], 0.0);
        assertEquals(0.0, MinimaxTest.policy(sol, "opponent")[0][1], 0.0);
    }

    @Test
    @DisplayName("gamma = 1 without a horizon is refused")
    void gammaOne() {
        Game g = GameFixtures.randomGame(new SplittableRandom(1), 2, 2, 2, 1.0, Game.Sum.GENERAL);
        assertThrows(InvalidModelException.class, () -> FriendFoeQ.friend(g, CONFIG));
        assertThrows(InvalidModelException.class, () -> FriendFoeQ.foe(g, CONFIG));
    }
}
