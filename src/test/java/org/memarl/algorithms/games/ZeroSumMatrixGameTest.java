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

/**
 * The LP solution of zero-sum matrix games against closed forms, brute-force searches over mixed
 * strategies, and optimality certificates (complementary slackness) recomputed in the test.
 */
class ZeroSumMatrixGameTest {
    /** Certificate tolerance, relative to the payoff magnitude. */
    private static final double CERT = 1e-9;

    /**
     * Checks, with sums written out here, that both strategies are probability vectors, that the
     * guarantees bracket the value within {@code CERT * scale}, and complementary slackness: every action
     * played with positive probability is a best response to the other's strategy.
     */
    static void checkCertificate(double[][] r, ZeroSumMatrixGame z) {
        double scale = Math.max(1.0, GameFixtures.maxAbs(r));
        double tol = CERT * scale;
        double[] x = z.agentStrategy();
        double[] y = z.opponentStrategy();
        checkDistribution(x);
        checkDistribution(y);
        double v = z.value();
        double lo = GameFixtures.agentGuarantee(r, x);
        double hi = GameFixtures.opponentGuarantee(r, y);
        assertTrue(lo >= v - tol, "agent guarantee " + lo + " below value " + v);
        assertTrue(hi <= v + tol, "opponent guarantee " + hi + " above value " + v);
        assertEquals(lo, z.agentGuarantee(), tol);
        assertEquals(hi, z.opponentGuarantee(), tol);
        for (int a = 0; a < r.length; a++) {
            double s = 0.0;
            for (int b = 0; b < y.length; b++) {
                s += r[a][b] * y[b];
            }
            assertTrue(x[a] * (v - s) <= tol, "complementary slackness fails at agent action " + a);
        }
        for (int b = 0; b < y.length; b++) {
            double s = 0.0;
            for (int a = 0; a < x.length; a++) {
                s += x[a] * r[a][b];
            }
            assertTrue(y[b] * (s - v) <= tol, "complementary slackness fails at opponent action " + b);
        }
    }

    static void checkDistribution(double[] p) {
        double sum = 0.0;
        for (double v : p) {
            assertTrue(v >= 0.0, "negative probability " + v);
            sum += v;
        }
        assertEquals(1.0, sum, 1e-12);
    }

    @Test
    @DisplayName("matching pennies: value 0, both players (1/2, 1/2)")
    void matchingPennies() {
        double[][] r = GameFixtures.matchingPennies();
        ZeroSumMatrixGame z = ZeroSumMatrixGame.solve(r);
        assertEquals(0.0, z.value(), 1e-12);
        assertArrayEquals(new double[] {0.5, 0.5}, z.agentStrategy(), 1e-12);
        assertArrayEquals(new double[] {0.5, 0.5}, z.opponentStrategy(), 1e-12);
        assertFalse(z.isSaddlePoint());
        checkCertificate(r, z);
    }

    @Test
    @DisplayName("rock-paper-scissors: value 0, both players uniform")
    void rockPaperScissors() {
        double[][] r = GameFixtures.rockPaperScissors();
        ZeroSumMatrixGame z = ZeroSumMatrixGame.solve(r);
        assertEquals(0.0, z.value(), 1e-12);
        double third = 1.0 / 3.0;
        assertArrayEquals(new double[] {third, third, third}, z.agentStrategy(), 1e-12);
        assertArrayEquals(new double[] {third, third, third}, z.opponentStrategy(), 1e-12);
        checkCertificate(r, z);
    }

    @Test
    @DisplayName("2x2 without saddle point: value (ad-bc)/(a+d-b-c), x1 = (d-c)/(a+d-b-c), y1 = (d-b)/(a+d-b-c)")
    void closedForm2x2() {
        SplittableRandom rng = new SplittableRandom(GameFixtures.SEED);
        int checked = 0;
        while (checked < 200) {
            double scale = Math.pow(10.0, rng.nextInt(-2, 4));
            double[][] r = GameFixtures.randomMatrix(rng, 2, 2, scale);
            double a = r[0][0];
            double b = r[0][1];
            double c = r[1][0];
            double d = r[1][1];
            double maxmin = Math.max(Math.min(a, b), Math.min(c, d));
            double minmax = Math.min(Math.max(a, c), Math.max(b, d));
            if (maxmin == minmax) {
                continue; // saddle point: tested below
            }
            double den = a + d - b - c;
            ZeroSumMatrixGame z = ZeroSumMatrixGame.solve(r);
            double tol = 1e-12 * scale / Math.min(1.0, Math.abs(den) / scale);
            assertEquals((a * d - b * c) / den, z.value(), tol, "value");
            assertEquals((d - c) / den, z.agentStrategy()[0], 1e-9, "agent strategy");
            assertEquals((d - b) / den, z.opponentStrategy()[0], 1e-9, "opponent strategy");
            checkCertificate(r, z);
            checked++;
        }
    }

    @Test
    @DisplayName("saddle-point games: the value is the saddle entry, strategies pure, gap exactly 0")
    void saddlePoints() {
        double[][] s = {{4, 2, 3}, {6, 5, 7}, {1, 0, 8}};
        // saddle at (1, 1): 5 is the minimum of row 1 and the maximum of column 1
        ZeroSumMatrixGame zs = ZeroSumMatrixGame.solve(s);
        assertTrue(zs.isSaddlePoint());
        assertEquals(5.0, zs.value(), 0.0);
        assertEquals(0.0, zs.gap(), 0.0);
        assertArrayEquals(new double[] {0, 1, 0}, zs.agentStrategy(), 0.0);
        assertArrayEquals(new double[] {0, 1, 0}, zs.opponentStrategy(), 0.0);
        checkCertificate(s, zs);
    }

    @Test
    @DisplayName("1xN and Nx1 games: value min of the row, resp. max of the column; constant games")
    void degenerateShapes() {
        double[][] row = {{4, -2, 7, -2}};
        ZeroSumMatrixGame z = ZeroSumMatrixGame.solve(row);
        assertEquals(-2.0, z.value(), 0.0);
        assertArrayEquals(new double[] {1}, z.agentStrategy(), 0.0);
        checkCertificate(row, z);
        double[][] col = {{4}, {-2}, {7}, {7}};
        ZeroSumMatrixGame zc = ZeroSumMatrixGame.solve(col);
        assertEquals(7.0, zc.value(), 0.0);
        assertArrayEquals(new double[] {1}, zc.opponentStrategy(), 0.0);
        checkCertificate(col, zc);
        double[][] one = {{-3.5}};
        assertEquals(-3.5, ZeroSumMatrixGame.solve(one).value(), 0.0);
        double[][] constant = {{2, 2}, {2, 2}, {2, 2}};
        ZeroSumMatrixGame k = ZeroSumMatrixGame.solve(constant);
        assertEquals(2.0, k.value(), 0.0);
        checkCertificate(constant, k);
    }

    @Test
    @DisplayName("degenerate games (duplicate rows and columns, dominated mixtures, many optimal strategies): certificates hold")
    void degenerateGames() {
        double[][][] games = {
            {{1, -1}, {1, -1}, {-1, 1}},
            {{1, -1, 1}, {-1, 1, -1}},
            {{0, 1, -1}, {0, 1, -1}, {0, -1, 1}},
            {{2, 0, 1}, {0, 2, 1}, {1, 1, 1}},
            {{1, 0, 0}, {0, 1, 0}, {0, 0, 0}},
            {{3, -1, -1, 3}, {-1, 3, 3, -1}},
        };
        for (double[][] r : games) {
            checkCertificate(r, ZeroSumMatrixGame.solve(r));
        }
        assertEquals(1.0, ZeroSumMatrixGame.solve(games[3]).value(), 1e-12);
        assertEquals(0.0, ZeroSumMatrixGame.solve(games[4]).value(), 1e-12);
        assertEquals(1.0, ZeroSumMatrixGame.solve(games[5]).value(), 1e-12);
    }

    @Test
    @DisplayName("2x2: a grid of 10^6 + 1 mixed strategies of the agent attains the LP value to 1e-6 and never exceeds it")
    void gridSearch2x2() {
        SplittableRandom rng = new SplittableRandom(GameFixtures.SEED + 1);
        int grid = 1_000_000;
        for (int trial = 0; trial < 20; trial++) {
            double[][] r = GameFixtures.randomMatrix(rng, 2, 2, 1.0);
            ZeroSumMatrixGame z = ZeroSumMatrixGame.solve(r);
            double best = Double.NEGATIVE_INFINITY;
            for (int k = 0; k <= grid; k++) {
                double p = (double) k / grid;
                best = Math.max(best, Math.min(p * r[0][0] + (1 - p) * r[1][0], p * r[0][1] + (1 - p) * r[1][1]));
            }
            assertTrue(best <= z.value() + 1e-12, "a grid strategy beats the value");
            assertEquals(z.value(), best, 1e-6);
            assertEquals(GameFixtures.value2x2(r), z.value(), 1e-12);
            checkCertificate(r, z);
        }
    }

    @Test
    @DisplayName("3x3: a nested ternary search over the agent's simplex attains the LP value to 1e-9; no point of a 1/200 grid beats it")
    void bruteForce3x3() {
        SplittableRandom rng = new SplittableRandom(GameFixtures.SEED + 2);
        for (int trial = 0; trial < 40; trial++) {
            double[][] r = GameFixtures.randomMatrix(rng, 3, 3, 1.0);
            ZeroSumMatrixGame z = ZeroSumMatrixGame.solve(r);
            int n = 200;
            for (int i = 0; i <= n; i++) {
                for (int j = 0; i + j <= n; j++) {
                    assertTrue(f3(r, (double) i / n, (double) j / n) <= z.value() + 1e-12, "a grid strategy beats the value");
                }
            }
            assertEquals(z.value(), ternaryMaximin(r), 1e-9);
            checkCertificate(r, z);
        }
    }

    /**
     * {@code max_x min_b x'R e_b} over the 2-simplex by nested ternary searches: {@code f(x0, x1)} is
     * concave (a minimum of linear functions), so is {@code h(x0) = max_{x1} f(x0, x1)}, and a ternary
     * search finds the maximum of a concave function on an interval (plateaus included).
     */
    private static double ternaryMaximin(double[][] r) {
        double lo = 0.0;
        double hi = 1.0;
        for (int it = 0; it < 200; it++) {
            double m1 = lo + (hi - lo) / 3.0;
            double m2 = hi - (hi - lo) / 3.0;
            if (inner(r, m1) < inner(r, m2)) {
                lo = m1;
            } else {
                hi = m2;
            }
        }
        return inner(r, 0.5 * (lo + hi));
    }

    private static double inner(double[][] r, double x0) {
        double lo = 0.0;
        double hi = 1.0 - x0;
        for (int it = 0; it < 200; it++) {
            double m1 = lo + (hi - lo) / 3.0;
            double m2 = hi - (hi - lo) / 3.0;
            if (f3(r, x0, m1) < f3(r, x0, m2)) {
                lo = m1;
            } else {
                hi = m2;
            }
        }
        return f3(r, x0, 0.5 * (lo + hi));
    }

    private static double f3(double[][] r, double x0, double x1) {
        double x2 = Math.max(0.0, 1.0 - x0 - x1);
        double m = Double.POSITIVE_INFINITY;
        for (int b = 0; b < 3; b++) {
            m = Math.min(m, x0 * r[0][b] + x1 * r[1][b] + x2 * r[2][b]);
        }
        return m;
    }

    @Test
    @DisplayName("random games up to 7x7 and payoff scales 1e-3..1e6: optimality certificates to 1e-9")
    void randomCertificates() {
        SplittableRandom rng = new SplittableRandom(GameFixtures.SEED + 3);
        for (int trial = 0; trial < 300; trial++) {
            int k = rng.nextInt(1, 8);
            int l = rng.nextInt(1, 8);
            double scale = Math.pow(10.0, rng.nextInt(-3, 7));
            double[][] r = GameFixtures.randomMatrix(rng, k, l, scale);
            if (trial % 3 == 0) {
                for (double[] row : r) {
                    for (int j = 0; j < l; j++) {
                        row[j] = Math.rint(row[j] / scale * 2.0); // small integers: ties, degeneracy
                    }
                }
            }
            ZeroSumMatrixGame z = ZeroSumMatrixGame.solve(r);
            checkCertificate(r, z);
            assertTrue(z.gap() <= 1e-9 * Math.max(1.0, GameFixtures.maxAbs(r)));
        }
    }

    @Test
    @DisplayName("the game with rows and columns swapped and payoffs negated has the negated value and swapped strategies")
    void transposeSymmetry() {
        SplittableRandom rng = new SplittableRandom(GameFixtures.SEED + 4);
        for (int trial = 0; trial < 50; trial++) {
            double[][] r = GameFixtures.randomMatrix(rng, rng.nextInt(1, 6), rng.nextInt(1, 6), 1.0);
            ZeroSumMatrixGame z = ZeroSumMatrixGame.solve(r);
            ZeroSumMatrixGame w = ZeroSumMatrixGame.solve(GameFixtures.negate(GameFixtures.transpose(r)));
            assertEquals(-z.value(), w.value(), 1e-9);
        }
    }

    @Test
    @DisplayName("masks: excluded actions get probability 0 and are ignored (matching pennies inside a 3x3 game)")
    void masks() {
        double[][] r = {{1, -1, 5}, {-1, 1, 5}, {9, 9, 9}};
        assertEquals(9.0, ZeroSumMatrixGame.solve(r).value(), 0.0);
        ZeroSumMatrixGame z = ZeroSumMatrixGame.solve(r, new boolean[] {true, true, false}, new boolean[] {true, true, false});
        assertEquals(0.0, z.value(), 1e-12);
        assertArrayEquals(new double[] {0.5, 0.5, 0.0}, z.agentStrategy(), 1e-12);
        assertArrayEquals(new double[] {0.5, 0.5, 0.0}, z.opponentStrategy(), 1e-12);
        // only the opponent's column 2 excluded: the agent's row 2 still dominates
        ZeroSumMatrixGame w = ZeroSumMatrixGame.solve(r, null, new boolean[] {true, true, false});
        assertEquals(9.0, w.value(), 0.0);
    }

    @Test
    @DisplayName("invalid input is refused with the offending key")
    void invalid() {
        assertThrows(InvalidModelException.class, () -> ZeroSumMatrixGame.solve(new double[0][0]));
        assertThrows(InvalidModelException.class, () -> ZeroSumMatrixGame.solve(new double[][] {{1, 2}, {3}}));
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> ZeroSumMatrixGame.solve(new double[][] {{1, Double.NaN}}));
        assertTrue(e.getMessage().startsWith("R[0][1]"), e.getMessage());
        assertThrows(InvalidModelException.class,
                () -> ZeroSumMatrixGame.solve(new double[][] {{1, 2}}, new boolean[] {false}, null));
        assertThrows(InvalidModelException.class,
                () -> ZeroSumMatrixGame.solve(new double[][] {{1, 2}}, null, new boolean[] {true}));
    }
}
