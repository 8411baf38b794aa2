package org.memarl.algorithms.games;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.memarl.InvalidModelException;

/**
 * Nash equilibria of bimatrix games against closed forms of the classic games, a brute-force check that
 * no pure deviation gains, independent enumeration for 2x2 games, and the two enumeration methods
 * against each other.
 */
class BimatrixNashTest {
    /** Every listed equilibrium: probability vectors, no pure deviation gains more than 1e-9 (scaled). */
    static void checkAll(double[][] a, double[][] b, BimatrixNash nash) {
        double scale = Math.max(1.0, Math.max(GameFixtures.maxAbs(a), GameFixtures.maxAbs(b)));
        assertFalse(nash.equilibria().isEmpty(), "no equilibrium");
        for (BimatrixNash.Equilibrium e : nash.equilibria()) {
            ZeroSumMatrixGameTest.checkDistribution(e.agent());
            ZeroSumMatrixGameTest.checkDistribution(e.opponent());
            assertTrue(GameFixtures.deviationGain(a, b, e.agent(), e.opponent()) <= 1e-9 * scale, e.toString());
            assertEquals(GameFixtures.payoff(e.agent(), a, e.opponent()), e.agentPayoff(), 1e-12 * scale);
            assertEquals(GameFixtures.payoff(e.agent(), b, e.opponent()), e.opponentPayoff(), 1e-12 * scale);
        }
    }

    private static BimatrixNash.Equilibrium find(BimatrixNash nash, double[] x, double[] y) {
        for (BimatrixNash.Equilibrium e : nash.equilibria()) {
            if (GameFixtures.sup(e.agent(), x) <= 1e-9 && GameFixtures.sup(e.opponent(), y) <= 1e-9) {
                return e;
            }
        }
        throw new AssertionError("equilibrium " + java.util.Arrays.toString(x) + ", " + java.util.Arrays.toString(y)
                + " not found in " + nash.equilibria());
    }

    @Test
    @DisplayName("matching pennies: the unique equilibrium is (1/2, 1/2) for both, payoffs 0")
    void matchingPennies() {
        double[][] a = GameFixtures.matchingPennies();
        double[][] b = GameFixtures.negate(a);
        BimatrixNash nash = BimatrixNash.solve(a, b);
        assertEquals(1, nash.equilibria().size());
        assertFalse(nash.isDegenerate());
        BimatrixNash.Equilibrium e = find(nash, new double[] {0.5, 0.5}, new double[] {0.5, 0.5});
        assertEquals(0.0, e.agentPayoff(), 1e-15);
        assertEquals(0.0, e.opponentPayoff(), 1e-15);
        checkAll(a, b, nash);
    }

    @Test
    @DisplayName("prisoner's dilemma: the unique equilibrium is (defect, defect)")
    void prisonersDilemma() {
        double[][] a = {{-1, -3}, {0, -2}};
        double[][] b = GameFixtures.transpose(a);
        BimatrixNash nash = BimatrixNash.solve(a, b);
        assertEquals(1, nash.equilibria().size());
        BimatrixNash.Equilibrium e = find(nash, new double[] {0, 1}, new double[] {0, 1});
        assertEquals(-2.0, e.agentPayoff(), 0.0);
        assertEquals(-2.0, e.opponentPayoff(), 0.0);
        assertArrayEquals(new int[] {1}, e.agentSupport());
        checkAll(a, b, nash);
    }

    @Test
    @DisplayName("battle of the sexes: 3 equilibria, two pure and x = (2/3, 1/3), y = (1/3, 2/3) with payoffs 2/3")
    void battleOfTheSexes() {
        double[][] a = {{2, 0}, {0, 1}};
        double[][] b = {{1, 0}, {0, 2}};
        BimatrixNash nash = BimatrixNash.solve(a, b);
        assertEquals(3, nash.equilibria().size());
        assertFalse(nash.isDegenerate());
        find(nash, new double[] {1, 0}, new double[] {1, 0});
        find(nash, new double[] {0, 1}, new double[] {0, 1});
        BimatrixNash.Equilibrium m = find(nash, new double[] {2.0 / 3, 1.0 / 3}, new double[] {1.0 / 3, 2.0 / 3});
        assertEquals(2.0 / 3, m.agentPayoff(), 1e-12);
        assertEquals(2.0 / 3, m.opponentPayoff(), 1e-12);
        checkAll(a, b, nash);
        // Nash-Q's selection: the two pure equilibria tie at sum 3; the agent support [0] comes first
        BimatrixNash.Equilibrium sel = nash.maxPayoffSum();
        assertArrayEquals(new double[] {1, 0}, sel.agent(), 0.0);
        assertArrayEquals(new double[] {1, 0}, sel.opponent(), 0.0);
    }

    @Test
    @DisplayName("coordination game [[2,0],[0,1]] for both: (0,0), (1,1) and x = y = (1/3, 2/3); selection picks (0,0)")
    void coordination() {
        double[][] a = {{2, 0}, {0, 1}};
        BimatrixNash nash = BimatrixNash.solve(a, a);
        assertEquals(3, nash.equilibria().size());
        find(nash, new double[] {1, 0}, new double[] {1, 0});
        find(nash, new double[] {0, 1}, new double[] {0, 1});
        find(nash, new double[] {1.0 / 3, 2.0 / 3}, new double[] {1.0 / 3, 2.0 / 3});
        checkAll(a, a, nash);
        assertEquals(2.0, nash.maxPayoffSum().agentPayoff(), 0.0);
    }

    @Test
    @DisplayName("rock-paper-scissors: the unique equilibrium is uniform, payoffs 0")
    void rockPaperScissors() {
        double[][] a = GameFixtures.rockPaperScissors();
        double[][] b = GameFixtures.negate(a);
        BimatrixNash nash = BimatrixNash.solve(a, b);
        assertEquals(1, nash.equilibria().size());
        double t = 1.0 / 3;
        find(nash, new double[] {t, t, t}, new double[] {t, t, t});
        checkAll(a, b, nash);
    }

    @Test
    @DisplayName("random 2x2 games: the equilibria are exactly the pure cells with no profitable deviation plus the interior indifference solution")
    void random2x2AgainstIndependentEnumeration() {
        SplittableRandom rng = new SplittableRandom(GameFixtures.SEED + 10);
        for (int trial = 0; trial < 200; trial++) {
            double[][] a = GameFixtures.randomMatrix(rng, 2, 2, 1.0);
            double[][] b = GameFixtures.randomMatrix(rng, 2, 2, 1.0);
            List<double[][]> expected = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    if (a[i][j] >= a[1 - i][j] && b[i][j] >= b[i][1 - j]) {
                        double[] x = new double[2];
                        double[] y = new double[2];
                        x[i] = 1;
                        y[j] = 1;
                        expected.add(new double[][] {x, y});
                    }
                }
            }
            // interior: y makes the agent indifferent, x makes the opponent indifferent
            double y0 = (a[1][1] - a[0][1]) / (a[0][0] - a[0][1] - a[1][0] + a[1][1]);
            double x0 = (b[1][1] - b[1][0]) / (b[0][0] - b[0][1] - b[1][0] + b[1][1]);
            if (x0 > 0 && x0 < 1 && y0 > 0 && y0 < 1) {
                expected.add(new double[][] {{x0, 1 - x0}, {y0, 1 - y0}});
            }
            BimatrixNash nash = BimatrixNash.solve(a, b);
            assertFalse(nash.isDegenerate());
            assertEquals(expected.size(), nash.equilibria().size(), "trial " + trial);
            for (double[][] e : expected) {
                find(nash, e[0], e[1]);
            }
            checkAll(a, b, nash);
        }
    }

    @Test
    @DisplayName("random games up to 5x5: equilibria pass the deviation check, have equal support sizes, come in odd number, and equal the vertex-enumeration set")
    void randomGames() {
        SplittableRandom rng = new SplittableRandom(GameFixtures.SEED + 11);
        for (int trial = 0; trial < 60; trial++) {
            int k = rng.nextInt(1, 6);
            int l = rng.nextInt(1, 6);
            double[][] a = GameFixtures.randomMatrix(rng, k, l, 10.0);
            double[][] b = GameFixtures.randomMatrix(rng, k, l, 0.1);
            BimatrixNash nash = BimatrixNash.solve(a, b);
            assertFalse(nash.isDegenerate(), "random game flagged degenerate: " + nash.degeneracyWitness());
            assertEquals(BimatrixNash.Method.SUPPORT_ENUMERATION, nash.method());
            checkAll(a, b, nash);
            assertEquals(1, nash.equilibria().size() % 2, "a nondegenerate game has an odd number of equilibria");
            for (BimatrixNash.Equilibrium e : nash.equilibria()) {
                assertEquals(e.agentSupport().length, e.opponentSupport().length);
            }
            BimatrixNash byVertices = BimatrixNash.vertexEnumeration(a, b);
            assertEquals(nash.equilibria().size(), byVertices.equilibria().size());
            for (BimatrixNash.Equilibrium e : byVertices.equilibria()) {
                find(nash, e.agent(), e.opponent());
            }
        }
    }

    @Test
    @DisplayName("degenerate game (von Stengel's example with a tied row): flagged, extreme equilibria (T,L), (T,(2/3,1/3)), ((0,1/3,2/3),(1/3,2/3))")
    void degenerate() {
        double[][] a = {{3, 3}, {2, 5}, {0, 6}};
        double[][] b = {{3, 3}, {2, 6}, {3, 1}};
        BimatrixNash nash = BimatrixNash.solve(a, b);
        assertTrue(nash.isDegenerate());
        assertEquals(BimatrixNash.Method.VERTEX_ENUMERATION, nash.method());
        assertTrue(nash.degeneracyWitness().contains("2 pure best responses"), nash.degeneracyWitness());
        assertEquals(3, nash.equilibria().size(), nash.equilibria().toString());
        find(nash, new double[] {1, 0, 0}, new double[] {1, 0});
        find(nash, new double[] {1, 0, 0}, new double[] {2.0 / 3, 1.0 / 3});
        find(nash, new double[] {0, 1.0 / 3, 2.0 / 3}, new double[] {1.0 / 3, 2.0 / 3});
        checkAll(a, b, nash);
        // the segment between the two extreme equilibria with x = T consists of equilibria
        for (int k = 0; k <= 10; k++) {
            double t = k / 10.0;
            double[] y = {1 - t / 3, t / 3};
            assertTrue(GameFixtures.deviationGain(a, b, new double[] {1, 0, 0}, y) <= 1e-12);
        }
        // equal-size support enumeration misses the equilibrium (T, (2/3, 1/3)) with supports of sizes 1 and 2
        assertEquals(2, BimatrixNash.supportEnumeration(a, b).equilibria().size());
    }

    @Test
    @DisplayName("degenerate shapes: a 1xN game with tied best responses, a constant game, duplicated rows")
    void degenerateShapes() {
        double[][] a = {{1, 2, 3}};
        double[][] b = {{5, 1, 5}};
        BimatrixNash nash = BimatrixNash.solve(a, b);
        assertTrue(nash.isDegenerate());
        checkAll(a, b, nash);
        find(nash, new double[] {1}, new double[] {1, 0, 0});
        find(nash, new double[] {1}, new double[] {0, 0, 1});
        double[][] c = {{1, 1}, {1, 1}};
        BimatrixNash constant = BimatrixNash.solve(c, c);
        assertTrue(constant.isDegenerate());
        assertEquals(4, constant.equilibria().size()); // the pure profiles are the extreme points
        checkAll(c, c, constant);
        double[][] d = {{1, 0}, {1, 0}, {0, 2}};
        double[][] e = {{0, 1}, {0, 1}, {1, 0}};
        BimatrixNash dup = BimatrixNash.solve(d, e);
        checkAll(d, e, dup);
    }

    @Test
    @DisplayName("random games with integer payoffs in {0,1,2} (often degenerate): every listed equilibrium passes the deviation check")
    void randomIntegerGames() {
        SplittableRandom rng = new SplittableRandom(GameFixtures.SEED + 12);
        int degenerate = 0;
        for (int trial = 0; trial < 100; trial++) {
            int k = rng.nextInt(1, 5);
            int l = rng.nextInt(1, 5);
            double[][] a = new double[k][l];
            double[][] b = new double[k][l];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < l; j++) {
                    a[i][j] = rng.nextInt(3);
                    b[i][j] = rng.nextInt(3);
                }
            }
            BimatrixNash nash = BimatrixNash.solve(a, b);
            checkAll(a, b, nash);
            if (nash.isDegenerate()) {
                degenerate++;
            }
        }
        assertTrue(degenerate > 10, "expected many degenerate games, got " + degenerate);
    }

    @Test
    @DisplayName("masks: battle of the sexes inside a 3x3 game with a dominant third action excluded")
    void masks() {
        double[][] a = {{2, 0, -5}, {0, 1, -5}, {9, 9, 9}};
        double[][] b = {{1, 0, 9}, {0, 2, 9}, {-5, -5, 9}};
        BimatrixNash full = BimatrixNash.solve(a, b);
        checkAll(a, b, full);
        boolean[] mask = {true, true, false};
        BimatrixNash nash = BimatrixNash.solve(a, b, mask, mask);
        assertEquals(3, nash.equilibria().size());
        find(nash, new double[] {2.0 / 3, 1.0 / 3, 0}, new double[] {1.0 / 3, 2.0 / 3, 0});
        find(nash, new double[] {1, 0, 0}, new double[] {1, 0, 0});
    }

    @Test
    @DisplayName("the order of equilibria is deterministic and lexicographic in the supports")
    void order() {
        double[][] a = {{2, 0}, {0, 1}};
        double[][] b = {{1, 0}, {0, 2}};
        List<BimatrixNash.Equilibrium> eq = BimatrixNash.solve(a, b).equilibria();
        assertArrayEquals(new int[] {0}, eq.get(0).agentSupport());
        assertArrayEquals(new int[] {0, 1}, eq.get(1).agentSupport());
        assertArrayEquals(new int[] {1}, eq.get(2).agentSupport());
    }

    @Test
    @DisplayName("invalid input: shapes differ, empty, not finite")
    void invalid() {
        assertThrows(InvalidModelException.class, () -> BimatrixNash.solve(new double[][] {{1, 2}}, new double[][] {{1}}));
        assertThrows(InvalidModelException.class, () -> BimatrixNash.solve(new double[0][], new double[0][]));
        assertThrows(InvalidModelException.class,
                () -> BimatrixNash.solve(new double[][] {{1}}, new double[][] {{Double.POSITIVE_INFINITY}}));
    }
}
