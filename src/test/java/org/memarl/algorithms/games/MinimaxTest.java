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
import org.memarl.solve.Sweep;

/**
 * Shapley's value iteration against an independent iteration written here with the closed-form value of
 * 2x2 matrix games, and against per-state optimality certificates of the reported policies.
 */
class MinimaxTest {
    private static final RunConfig CONFIG = RunConfig.defaults();

    /** Shapley's iteration with the closed-form 2x2 value, {@code iterations} sweeps from V = 0. */
    static double[] shapley2x2(Game g, int iterations) {
        double[] v = new double[g.numStates()];
        for (int k = 0; k < iterations; k++) {
            double[][][] q = GameFixtures.q(g, true, v);
            double[] nv = new double[v.length];
            for (int s = 0; s < v.length; s++) {
                nv[s] = GameFixtures.value2x2(q[s]);
            }
            v = nv;
        }
        return v;
    }

    static double[] v(Solution s) {
        return s.value("V").vector();
    }

    static double[][][] q(Solution s) {
        return s.value("Q").cube();
    }

    static double[][] policy(Solution s, String who) {
        return s.policy(who).matrix();
    }

    /** Per state: the reported policies guarantee V(s) in the stage game Q(V) recomputed here. */
    static void checkStageCertificates(Game g, Solution sol, double tol) {
        double[] v = v(sol);
        double[][][] q = GameFixtures.q(g, true, v);
        double scale = 1.0;
        for (double[][] qs : q) {
            scale = Math.max(scale, GameFixtures.maxAbs(qs));
        }
        assertTrue(GameFixtures.sup(q, q(sol)) <= 1e-13 * scale, "Q is not R + gamma T V");
        double[][] x = policy(sol, "agent");
        double[][] y = policy(sol, "opponent");
        for (int s = 0; s < v.length; s++) {
            ZeroSumMatrixGameTest.checkDistribution(x[s]);
            ZeroSumMatrixGameTest.checkDistribution(y[s]);
            assertTrue(GameFixtures.agentGuarantee(q[s], x[s]) >= v[s] - tol, "state " + s);
            assertTrue(GameFixtures.opponentGuarantee(q[s], y[s]) <= v[s] + tol, "state " + s);
        }
    }

    @Test
    @DisplayName("rock-paper-scissors as a matrix game: V = 0, uniform policies, one sweep")
    void matrixGame() {
        Game g = Game.matrix("rps", GameFixtures.rockPaperScissors(), null, Game.Sum.ZERO);
        Solution sol = Minimax.solve(g, CONFIG);
        assertTrue(sol.converged());
        assertEquals(1, sol.iterations());
        assertEquals(0.0, v(sol)[0], 1e-12);
        double t = 1.0 / 3;
        assertArrayEquals(new double[] {t, t, t}, policy(sol, "agent")[0], 1e-12);
        assertArrayEquals(new double[] {t, t, t}, policy(sol, "opponent")[0], 1e-12);
        assertEquals("minimax", sol.algorithm());
    }

    @Test
    @DisplayName("2-state 2x2 zero-sum games: V equals an independent Shapley iteration with the closed-form 2x2 value")
    void twoStateAgainstIndependentIteration() {
        SplittableRandom rng = new SplittableRandom(GameFixtures.SEED + 20);
        for (int trial = 0; trial < 10; trial++) {
            double gamma = trial % 2 == 0 ? 0.9 : 0.5;
            Game g = GameFixtures.randomGame(rng, 2, 2, 2, gamma, Game.Sum.ZERO);
            Solution sol = Minimax.solve(g, CONFIG);
            assertTrue(sol.converged());
            assertTrue(sol.errorBound() <= 1e-10);
            double scale = 1.0 / (1.0 - gamma);
            double[] ref = shapley2x2(g, GameFixtures.iterationsFor(gamma, scale, 1e-14));
            assertArrayEquals(ref, v(sol), 1e-10 + 1e-12 * scale);
            checkStageCertificates(g, sol, 1e-9 * scale);
        }
    }

    @Test
    @DisplayName("3-state 3x4 zero-sum games: the reported policies certify V(s) = val Q(s) in every state (Bellman residual)")
    void largerGamesCertified() {
        SplittableRandom rng = new SplittableRandom(GameFixtures.SEED + 21);
        for (int trial = 0; trial < 5; trial++) {
            Game g = GameFixtures.randomGame(rng, 3, 3, 4, 0.8, Game.Sum.ZERO);
            Solution sol = Minimax.solve(g, CONFIG);
            assertTrue(sol.converged());
            // a Bellman residual of eps gives ||V - V*|| <= eps / (1 - gamma)
            checkStageCertificates(g, sol, 1e-10);
        }
    }

    @Test
    @DisplayName("general-sum type with exactly negated rewards is accepted; other games are refused naming the entry")
    void zeroSumCheck() {
        SplittableRandom rng = new SplittableRandom(GameFixtures.SEED + 22);
        Game z = GameFixtures.randomGame(rng, 2, 2, 2, 0.9, Game.Sum.ZERO);
        double[][][] ra = new double[2][2][2];
        double[][][] ro = new double[2][2][2];
        for (int s = 0; s < 2; s++) {
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    ra[s][a][b] = z.rewardAgent(s, a, b);
                    ro[s][a][b] = -ra[s][a][b];
                }
            }
        }
        Game general = z.toBuilder().sum(Game.Sum.GENERAL).rewards(ra).rewardsOpponent(ro).build();
        assertArrayEquals(v(Minimax.solve(z, CONFIG)), v(Minimax.solve(general, CONFIG)), 0.0);
        ro[1][0][1] += 1e-3;
        Game notZero = z.toBuilder().sum(Game.Sum.GENERAL).rewards(ra).rewardsOpponent(ro).build();
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> Minimax.solve(notZero, CONFIG));
        assertTrue(e.getMessage().startsWith("rewards.opponent[1][0][1]"), e.getMessage());
        Game common = z.toBuilder().sum(Game.Sum.COMMON).build();
        assertThrows(InvalidModelException.class, () -> Minimax.solve(common, CONFIG));
    }

    @Test
    @DisplayName("finite horizon H = 6: Vt equals an independent backward recursion with the closed-form 2x2 value; gamma = 1 allowed")
    void finiteHorizon() {
        SplittableRandom rng = new SplittableRandom(GameFixtures.SEED + 23);
        for (double gamma : new double[] {1.0, 0.7}) {
            Game g = GameFixtures.randomGame(rng, 2, 2, 2, gamma, Game.Sum.ZERO).withHorizon(6);
            Solution sol = Minimax.solve(g, CONFIG);
            double[][] vt = sol.value("Vt").matrix();
            assertEquals(7, vt.length);
            for (int t = 0; t <= 6; t++) {
                // V_t is the value of the remaining 6 - t steps
                assertArrayEquals(shapley2x2(g, 6 - t), vt[t], 1e-12 * 6);
            }
            assertArrayEquals(vt[0], v(sol), 0.0);
            assertEquals(0.0, sol.errorBound(), 0.0);
        }
    }

    @Test
    @DisplayName("Gauss-Seidel and Jacobi sweeps reach the same fixed point; the tolerance knob bounds the reported error")
    void sweepsAndTolerance() {
        SplittableRandom rng = new SplittableRandom(GameFixtures.SEED + 24);
        Game g = GameFixtures.randomGame(rng, 3, 2, 3, 0.9, Game.Sum.ZERO);
        Solution jacobi = Minimax.solve(g, RunConfig.builder().sweep(Sweep.JACOBI).build());
        Solution gs = Minimax.solve(g, RunConfig.builder().sweep(Sweep.GAUSS_SEIDEL).build());
        assertTrue(jacobi.converged() && gs.converged());
        assertArrayEquals(v(jacobi), v(gs), 2e-10);
        Solution loose = Minimax.solve(g, RunConfig.builder().tolerance(1e-3).build());
        assertTrue(loose.iterations() < jacobi.iterations());
        assertTrue(loose.errorBound() <= 1e-3);
        assertTrue(GameFixtures.sup(v(loose), v(jacobi)) <= 1e-3 + 1e-10);
        Solution capped = Minimax.solve(g, RunConfig.builder().maxIterations(3).build());
        assertFalse(capped.converged());
        assertEquals(3, capped.iterations());
    }

    @Test
    @DisplayName("a zero prior excludes an action: its probability is 0 and V equals that of the game without it")
    void priorMask() {
        SplittableRandom rng = new SplittableRandom(GameFixtures.SEED + 25);
        Game big = GameFixtures.randomGame(rng, 2, 3, 2, 0.9, Game.Sum.ZERO);
        Game masked = big.toBuilder().priorAgent(new double[][] {{0.5, 0.5, 0.0}, {0.2, 0.8, 0.0}}).build();
        // the same game with agent action 2 removed, built entry by entry
        double[][][][] t = GameFixtures.transitions(big);
        double[][][][] t2 = new double[2][2][2][];
        double[][][] r2 = new double[2][2][2];
        for (int s = 0; s < 2; s++) {
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    t2[s][a][b] = t[s][a][b];
                    r2[s][a][b] = big.rewardAgent(s, a, b);
                }
            }
        }
        Game small = Game.builder().states(2).agentActions(2).opponentActions(2).gamma(0.9).transitions(t2)
                .sum(Game.Sum.ZERO).rewards(r2).build();
        Solution sol = Minimax.solve(masked, CONFIG);
        assertArrayEquals(shapley2x2(small, GameFixtures.iterationsFor(0.9, 10, 1e-14)), v(sol), 1e-9);
        for (double[] pi : policy(sol, "agent")) {
            assertEquals(0.0, pi[2], 0.0);
        }
    }

    @Test
    @DisplayName("gamma = 1 without a horizon is refused")
    void gammaOne() {
        Game g = GameFixtures.randomGame(new SplittableRandom(1), 2, 2, 2, 1.0, Game.Sum.ZERO);
        assertThrows(InvalidModelException.class, () -> Minimax.solve(g, CONFIG));
    }
}
