package org.memarl.algorithms.games;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.memarl.InvalidModelException;
import org.memarl.algorithms.RunConfig;
import org.memarl.model.Game;
import org.memarl.solve.Solution;

/**
 * Nash-Q (2.65)-(2.67): classic matrix games, reductions to minimax (zero-sum) and friend-Q (common
 * reward), an independent check that converged results are stationary equilibria of the stochastic game
 * (2.64), and honest non-convergence on a game where the iteration cycles.
 */
class NashQTest {
    private static final RunConfig CONFIG = RunConfig.defaults();

    private static double[] vo(Solution s) {
        return s.value("Vopponent").vector();
    }

    private static Solution matrix(double[][] a, double[][] b) {
        return NashQ.solve(Game.matrix("m", a, b, Game.Sum.GENERAL), CONFIG);
    }

    @Test
    @DisplayName("prisoner's dilemma: V = (-2, -2) at (defect, defect)")
    void prisonersDilemma() {
        double[][] a = {{-1, -3}, {0, -2}};
        Solution sol = matrix(a, GameFixtures.transpose(a));
        assertTrue(sol.converged());
        assertEquals(-2.0, MinimaxTest.v(sol)[0], 0.0);
        assertEquals(-2.0, vo(sol)[0], 0.0);
        assertArrayEquals(new double[] {0, 1}, MinimaxTest.policy(sol, "agent")[0], 0.0);
        assertArrayEquals(new double[] {0, 1}, MinimaxTest.policy(sol, "opponent")[0], 0.0);
        assertEquals(0.0, sol.value("nashGap").scalar(), 1e-12);
    }

    @Test
    @DisplayName("battle of the sexes: the selection (max payoff sum, then lexicographic supports) gives V = (2, 1)")
    void battleOfTheSexes() {
        Solution sol = matrix(new double[][] {{2, 0}, {0, 1}}, new double[][] {{1, 0}, {0, 2}});
        assertEquals(2.0, MinimaxTest.v(sol)[0], 0.0);
        assertEquals(1.0, vo(sol)[0], 0.0);
    }

    @Test
    @DisplayName("matching pennies: V = (0, 0), both (1/2, 1/2)")
    void matchingPennies() {
        double[][] a = GameFixtures.matchingPennies();
        Solution sol = matrix(a, GameFixtures.negate(a));
        assertEquals(0.0, MinimaxTest.v(sol)[0], 1e-15);
        assertEquals(0.0, vo(sol)[0], 1e-15);
        assertArrayEquals(new double[] {0.5, 0.5}, MinimaxTest.policy(sol, "agent")[0], 1e-15);
    }

    @Test
    @DisplayName("zero-sum stochastic games: every equilibrium pays the value, so Nash-Q's V = minimax's V and Vopponent = -V")
    void zeroSumIsMinimax() {
        SplittableRandom rng = new SplittableRandom(GameFixtures.SEED + 40);
        for (int trial = 0; trial < 4; trial++) {
            Game g = GameFixtures.randomGame(rng, 3, 2, 3, 0.85, Game.Sum.ZERO);
            Solution nash = NashQ.solve(g, CONFIG);
            assertTrue(nash.converged());
            double[] v = MinimaxTest.v(nash);
            assertArrayEquals(MinimaxTest.v(Minimax.solve(g, CONFIG)), v, 2e-9);
            for (int s = 0; s < v.length; s++) {
                assertEquals(-v[s], vo(nash)[s], 1e-12 * 10);
            }
        }
    }

    @Test
    @DisplayName("common-reward games: the max-sum equilibrium is the joint maximum, so Nash-Q's V = friend-Q's V = Vopponent")
    void commonRewardIsFriend() {
        SplittableRandom rng = new SplittableRandom(GameFixtures.SEED + 41);
        for (int trial = 0; trial < 4; trial++) {
            Game g = GameFixtures.randomGame(rng, 3, 3, 2, 0.9, Game.Sum.COMMON);
            Solution nash = NashQ.solve(g, CONFIG);
            assertTrue(nash.converged());
            double[] ref = FriendFoeQTest.friendIteration(g, GameFixtures.iterationsFor(0.9, 10, 1e-14));
            assertArrayEquals(ref, MinimaxTest.v(nash), 1e-9);
            assertArrayEquals(MinimaxTest.v(nash), vo(nash), 0.0);
        }
    }

    @Test
    @DisplayName("random general-sum games: a converged result is a stationary equilibrium (independent evaluation and best responses), V within the error bound of the policies' values")
    void convergedIsStationaryEquilibrium() {
        SplittableRandom rng = new SplittableRandom(GameFixtures.SEED + 42);
        int converged = 0;
        for (int trial = 0; trial < 8; trial++) {
            Game g = GameFixtures.randomGame(rng, 2, 2, 2, 0.8, Game.Sum.GENERAL);
            Solution sol = NashQ.solve(g, CONFIG);
            if (!sol.converged()) {
                assertTrue(sol.parameters().get("stopReason").toString().matches("cycle|stalled|rounding floor|iteration cap"));
                continue;
            }
            converged++;
            double[][] pi = MinimaxTest.policy(sol, "agent");
            double[][] rho = MinimaxTest.policy(sol, "opponent");
            int it = GameFixtures.iterationsFor(0.8, 5, 1e-14);
            double[] va = GameFixtures.evaluate(g, true, pi, rho, it);
            double[] vb = GameFixtures.evaluate(g, false, pi, rho, it);
            double tol = sol.errorBound() + 1e-12 * 100;
            assertArrayEquals(va, MinimaxTest.v(sol), tol);
            assertArrayEquals(vb, vo(sol), tol);
            double[] bra = GameFixtures.bestResponse(g, true, rho, it);
            double[] brb = GameFixtures.bestResponse(g, false, pi, it);
            double gap = 0.0;
            for (int s = 0; s < 2; s++) {
                gap = Math.max(gap, Math.max(bra[s] - va[s], brb[s] - vb[s]));
            }
            assertTrue(gap <= 1e-8, "not an equilibrium: gain " + gap);
            assertEquals(gap, sol.value("nashGap").scalar(), 1e-9);
            // V is the selected equilibrium's payoff in the reported Q (2.66)
            double[][][] q = MinimaxTest.q(sol);
            for (int s = 0; s < 2; s++) {
                assertEquals(MinimaxTest.v(sol)[s], GameFixtures.payoff(pi[s], q[s], rho[s]), 1e-12 * 10);
            }
        }
        assertTrue(converged >= 6, "Nash-Q converged on only " + converged + " of 8 random games");
    }

    /** A 2-state game on which Nash-Q's iteration from 0 enters an exact 2-cycle. */
    static Game cyclingGame() {
        double[][][][] t = {
            {{{0.6, 0.4}, {0.9, 0.1}}, {{0.1, 0.9}, {0.1, 0.9}}},
            {{{0.6, 0.4}, {0.2, 0.8}}, {{0.5, 0.5}, {1.0, 0.0}}},
        };
        double[][][] ra = {{{-4, 2}, {1, 1}}, {{0, -3}, {0, 0}}};
        double[][][] ro = {{{-2, -1}, {-2, 2}}, {{-4, -4}, {-1, -2}}};
        return Game.builder().states(2).agentActions(2).opponentActions(2).gamma(0.9).transitions(t)
                .sum(Game.Sum.GENERAL).rewards(ra).rewardsOpponent(ro).build();
    }

    @Test
    @DisplayName("a cycling game: converged = false, stopReason cycle, and the two values of the cycle really alternate")
    void cycleReportedHonestly() {
        Game g = cyclingGame();
        Solution sol = NashQ.solve(g, CONFIG);
        assertFalse(sol.converged());
        assertEquals("cycle", sol.parameters().get("stopReason"));
        int length = (Integer) sol.parameters().get("cycleLength");
        assertTrue(length >= 2);
        assertTrue(sol.residual() > 1e-3);
        assertTrue(sol.errorBound() > CONFIG.iteration().tolerance());
        assertTrue(sol.value("nashGap").scalar() > 1e-3, "the reported pair is not an equilibrium");
        // the cap does not change the verdict: the same cycle is found with a larger budget
        Solution more = NashQ.solve(g, RunConfig.builder().maxIterations(50_000).build());
        assertEquals(sol.iterations(), more.iterations());
    }

    @Test
    @DisplayName("the iteration cap is reported as such, never as convergence")
    void iterationCap() {
        Game g = GameFixtures.randomGame(new SplittableRandom(GameFixtures.SEED + 43), 2, 2, 2, 0.9, Game.Sum.GENERAL);
        Solution sol = NashQ.solve(g, RunConfig.builder().maxIterations(3).build());
        assertFalse(sol.converged());
        assertEquals(3, sol.iterations());
        assertEquals("iteration cap", sol.parameters().get("stopReason"));
    }

    @Test
    @DisplayName("finite horizon on a zero-sum game: Vt equals minimax's Vt, VtOpponent = -Vt")
    void finiteHorizon() {
        Game g = GameFixtures.randomGame(new SplittableRandom(GameFixtures.SEED + 44), 2, 2, 2, 1.0, Game.Sum.ZERO)
                .withHorizon(4);
        Solution nash = NashQ.solve(g, CONFIG);
        double[][] vt = nash.value("Vt").matrix();
        double[][] vto = nash.value("VtOpponent").matrix();
        double[][] ref = Minimax.solve(g, CONFIG).value("Vt").matrix();
        for (int t = 0; t <= 4; t++) {
            assertArrayEquals(ref[t], vt[t], 1e-12 * 10);
            for (int s = 0; s < 2; s++) {
                assertEquals(-vt[t][s], vto[t][s], 1e-12 * 10);
            }
        }
        assertTrue(nash.converged());
    }

    @Test
    @DisplayName("gamma = 1 without a horizon is refused")
    void gammaOne() {
        Game g = GameFixtures.randomGame(new SplittableRandom(1), 2, 2, 2, 1.0, Game.Sum.GENERAL);
        assertThrows(InvalidModelException.class, () -> NashQ.solve(g, CONFIG));
    }
}
