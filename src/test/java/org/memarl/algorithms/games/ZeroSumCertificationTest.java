package org.memarl.algorithms.games;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.memarl.testing.Tolerance;

/**
 * Issue 16 item 5: the zero-sum solver must not depend on the luck of the floating simplex. Every
 * answer is checked against computations written here, in exact decimal arithmetic on the binary values
 * of the doubles: the best-response guarantees of the returned strategies (no pure deviation gains more
 * than the tolerance), and for games up to 4x4 the exact value by Shapley-Snow kernel enumeration (every
 * square submatrix, Cramer's rule with determinants by Laplace expansion: no division at all).
 */
class ZeroSumCertificationTest {
    /** The probe of issue 16: the floating LP left a duality gap of 1.28e-7. */
    static final double[][] PROBE = {
        {3.7374700539367747, 3.141419214743012, 3.3525054255183386},
        {3.2130309699503043, 4.0152836388490725, 3.331699866578875},
        {3.202049601858546, 3.58719908633293, 3.450800901512501}};

    private static final long SEED = GameFixtures.SEED + 16;

    // ---------------------------------------------------------------- independent computations

    private static BigDecimal bd(double d) {
        return new BigDecimal(d);
    }

    /** Exact {@code min_b sum_a x(a) r[a][b]} and {@code max_a sum_b r[a][b] y(b)} of the given doubles. */
    static BigDecimal[] guarantees(double[][] r, double[] x, double[] y) {
        BigDecimal lo = null;
        for (int b = 0; b < r[0].length; b++) {
            BigDecimal s = BigDecimal.ZERO;
            for (int a = 0; a < r.length; a++) {
                s = s.add(bd(x[a]).multiply(bd(r[a][b])));
            }
            lo = lo == null || s.compareTo(lo) < 0 ? s : lo;
        }
        BigDecimal hi = null;
        for (int a = 0; a < r.length; a++) {
            BigDecimal s = BigDecimal.ZERO;
            for (int b = 0; b < r[0].length; b++) {
                s = s.add(bd(r[a][b]).multiply(bd(y[b])));
            }
            hi = hi == null || s.compareTo(hi) > 0 ? s : hi;
        }
        return new BigDecimal[] {lo, hi};
    }

    /** Determinant by Laplace expansion along the first row (exact; sizes up to 5). */
    static BigDecimal det(BigDecimal[][] m) {
        int n = m.length;
        if (n == 1) {
            return m[0][0];
        }
        BigDecimal d = BigDecimal.ZERO;
        for (int c = 0; c < n; c++) {
            if (m[0][c].signum() == 0) {
                continue;
            }
            BigDecimal[][] minor = new BigDecimal[n - 1][n - 1];
            for (int i = 1; i < n; i++) {
                for (int j = 0, jj = 0; j < n; j++) {
                    if (j != c) {
                        minor[i - 1][jj++] = m[i][j];
                    }
                }
            }
            BigDecimal t = m[0][c].multiply(det(minor));
            d = c % 2 == 0 ? d.add(t) : d.subtract(t);
        }
        return d;
    }

    /**
     * Cramer's rule on the bordered system of the submatrix {@code a[I][J]} (rows: {@code sum_j a_ij p_j -
     * v = 0} for i in I, {@code sum_j p_j = 1}): returns the numerators of {@code p_J} and of v, then the
     * common denominator, or null if singular.
     */
    static BigDecimal[] cramer(BigDecimal[][] a, int[] rows, int[] cols) {
        int s = cols.length;
        BigDecimal[][] m = new BigDecimal[s + 1][s + 1];
        for (int i = 0; i < s; i++) {
            for (int j = 0; j < s; j++) {
                m[i][j] = a[rows[i]][cols[j]];
            }
            m[i][s] = BigDecimal.ONE.negate();
        }
        for (int j = 0; j < s; j++) {
            m[s][j] = BigDecimal.ONE;
        }
        m[s][s] = BigDecimal.ZERO;
        BigDecimal d = det(m);
        if (d.signum() == 0) {
            return null;
        }
        BigDecimal[] out = new BigDecimal[s + 2];
        for (int c = 0; c <= s; c++) {
            BigDecimal[][] mc = new BigDecimal[s + 1][];
            for (int i = 0; i <= s; i++) {
                mc[i] = m[i].clone();
                mc[i][c] = i == s ? BigDecimal.ONE : BigDecimal.ZERO;
            }
            out[c] = det(mc);
        }
        if (d.signum() < 0) {
            d = d.negate();
            for (int c = 0; c <= s; c++) {
                out[c] = out[c].negate();
            }
        }
        out[s + 1] = d;
        return out;
    }

    /**
     * The exact value of {@code r} (up to 4x4) as {@code {numerator, denominator > 0}}: some square
     * submatrix's bordered system yields non-negative strategies of both players satisfying every
     * saddle-point inequality (Shapley-Snow); all checks are exact (multiplied through by the positive
     * denominators).
     */
    static BigDecimal[] exactValue(double[][] r) {
        int k = r.length;
        int l = r[0].length;
        BigDecimal[][] a = new BigDecimal[k][l];
        BigDecimal[][] at = new BigDecimal[l][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < l; j++) {
                a[i][j] = bd(r[i][j]);
                at[j][i] = bd(r[i][j]).negate();
            }
        }
        for (int s = 1; s <= Math.min(k, l); s++) {
            for (int[] rows : subsets(k, s)) {
                for (int[] cols : subsets(l, s)) {
                    BigDecimal[] y = cramer(a, rows, cols); // opponent: rows equalised against y
                    BigDecimal[] x = cramer(at, cols, rows); // agent: minus the transposed game
                    if (y == null || x == null || !nonNegative(y, s) || !nonNegative(x, s)) {
                        continue;
                    }
                    BigDecimal vy = y[s];
                    BigDecimal dy = y[s + 1];
                    BigDecimal vx = x[s].negate();
                    BigDecimal dx = x[s + 1];
                    if (vy.multiply(dx).compareTo(vx.multiply(dy)) != 0) {
                        continue;
                    }
                    boolean ok = true;
                    for (int i = 0; i < k && ok; i++) { // (R y)_i <= v, times dy
                        BigDecimal t = BigDecimal.ZERO;
                        for (int c = 0; c < s; c++) {
                            t = t.add(a[i][cols[c]].multiply(y[c]));
                        }
                        ok = t.compareTo(vy) <= 0;
                    }
                    for (int j = 0; j < l && ok; j++) { // (x'R)_j >= v, times dx
                        BigDecimal t = BigDecimal.ZERO;
                        for (int c = 0; c < s; c++) {
                            t = t.add(a[rows[c]][j].multiply(x[c]));
                        }
                        ok = t.compareTo(vx) >= 0;
                    }
                    if (ok) {
                        return new BigDecimal[] {vy, dy};
                    }
                }
            }
        }
        throw new AssertionError("no kernel found for " + Arrays.deepToString(r)); // Shapley-Snow: impossible
    }

    private static boolean nonNegative(BigDecimal[] p, int s) {
        for (int c = 0; c < s; c++) {
            if (p[c].signum() < 0) {
                return false;
            }
        }
        return true;
    }

    static List<int[]> subsets(int n, int s) {
        List<int[]> out = new ArrayList<>();
        for (int mask = 0; mask < 1 << n; mask++) {
            if (Integer.bitCount(mask) == s) {
                int[] sub = new int[s];
                for (int i = 0, c = 0; i < n; i++) {
                    if ((mask & 1 << i) != 0) {
                        sub[c++] = i;
                    }
                }
                out.add(sub);
            }
        }
        return out;
    }

    /** |value - num/den| <= tol, exactly. */
    static boolean near(double value, BigDecimal[] exact, double tol) {
        BigDecimal diff = bd(value).multiply(exact[1]).subtract(exact[0]).abs();
        return diff.compareTo(bd(tol).multiply(exact[1])) <= 0;
    }

    /** The stated guarantee: a few ulps of max|R| on the exact path, the gap tolerance on the floating one. */
    static double tolerance(double[][] r, ZeroSumMatrixGame z) {
        double scale = Tolerance.maxAbs(r);
        double ulps = Tolerance.ulps(4.0 * (r.length + r[0].length), scale);
        if (z.isExact()) {
            return ulps;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] row : r) {
            for (double v : row) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return ZeroSumMatrixGame.GAP_TOLERANCE * (hi - lo) + ulps;
    }

    /** Probability vectors; no pure deviation gains more than the tolerance; exact value when small. */
    static void checkAgainstIndependent(double[][] r, ZeroSumMatrixGame z) {
        String what = Arrays.deepToString(r) + " -> " + z;
        double tol = tolerance(r, z);
        double[] x = z.agentStrategy();
        double[] y = z.opponentStrategy();
        for (double[] p : new double[][] {x, y}) {
            double s = 0.0;
            for (double v : p) {
                assertTrue(v >= 0.0 && Double.isFinite(v), what);
                s += v;
            }
            assertEquals(1.0, s, Tolerance.ulps(2.0 * p.length, 1.0), what);
        }
        assertTrue(Double.isFinite(z.value()), what);
        BigDecimal[] g = guarantees(r, x, y);
        BigDecimal v = bd(z.value());
        assertTrue(g[0].compareTo(v.subtract(bd(tol))) >= 0, "agent guarantee " + g[0] + " below the value: " + what);
        assertTrue(g[1].compareTo(v.add(bd(tol))) <= 0, "opponent guarantee " + g[1] + " above the value: " + what);
        if (r.length <= 4 && r[0].length <= 4) {
            BigDecimal[] e = exactValue(r);
            assertTrue(near(z.value(), e, tol), "exact value " + new BigDecimal(e[0].toString()).divide(e[1],
                    java.math.MathContext.DECIMAL64) + ": " + what);
        }
    }

    // ---------------------------------------------------------------- generators

    /** A random game of one of several hostile families, sizes 1-6. */
    static double[][] hostileGame(SplittableRandom rng) {
        int k = rng.nextInt(1, 7);
        int l = rng.nextInt(1, 7);
        double[][] r = new double[k][l];
        int family = rng.nextInt(8);
        double scale = Math.pow(10.0, rng.nextInt(-300, 301));
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < l; j++) {
                double u = rng.nextDouble(-1.0, 1.0);
                r[i][j] = switch (family) {
                    case 0 -> u; // plain
                    case 1 -> rng.nextInt(-2, 3); // small integers: ties, degeneracy
                    case 2 -> rng.nextInt(-2, 3) + 1e-12 * u; // near-degenerate
                    case 3 -> u * scale; // huge and tiny magnitudes
                    case 4 -> u * Double.MAX_VALUE; // the span overflows
                    case 5 -> rng.nextBoolean() ? u * 1e300 : u * 1e-300; // mixed magnitudes
                    case 6 -> 3.0 + 0.5 * u; // like the probe: close payoffs on an offset
                    default -> rng.nextInt(-1, 2) * scale; // integers at a random scale
                };
            }
        }
        if (family == 7 && k > 1) {
            r[k - 1] = r[0].clone(); // duplicate rows
        }
        return r;
    }

    // ---------------------------------------------------------------- tests

    @Test
    @DisplayName("issue 16 probe: the 3x3 game the floating simplex left with a gap of 1.28e-7 is solved exactly (value 3.41222)")
    void probe() {
        ZeroSumMatrixGame z = ZeroSumMatrixGame.solve(PROBE);
        checkAgainstIndependent(PROBE, z);
        BigDecimal[] e = exactValue(PROBE);
        assertTrue(near(z.value(), e, Math.ulp(z.value())), z.toString());
        assertEquals(3.41222, z.value(), 1e-5);
        assertTrue(z.gap() <= Tolerance.ulps(16, 4.0), z.toString());
        // shifted payoffs (as reported: the failure survived a shift) shift the value exactly
        for (double c : new double[] {-3.0, -3.4, 1.0, 100.0, -1e3, 1e6}) {
            double[][] s = new double[3][3];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    s[i][j] = PROBE[i][j] + c;
                }
            }
            ZeroSumMatrixGame w = ZeroSumMatrixGame.solve(s);
            checkAgainstIndependent(s, w);
            assertEquals(z.value() + c, w.value(), tolerance(s, w) + Tolerance.ulps(4, c, z.value()));
        }
    }

    @Test
    @DisplayName("the exact solver alone (rational simplex, and supports certified from hints) gives the exact value on the probe")
    void exactSolverOnProbe() {
        ExactZeroSum.Solution s = ExactZeroSum.solve(PROBE, null, null);
        assertTrue(!s.fromSupports);
        BigDecimal[] e = exactValue(PROBE);
        assertEquals(0, new BigDecimal(s.value.num).multiply(e[1]).compareTo(e[0].multiply(new BigDecimal(s.value.den))));
        ExactZeroSum.Solution h = ExactZeroSum.solve(PROBE, new double[] {0.39, 0.0, 0.61}, new double[] {0.16, 1e-18, 0.84});
        assertTrue(h.fromSupports, "the 2x2 support (noise dropped) certifies");
        assertEquals(0, h.value.compareTo(s.value));
        // wrong hints are rejected, the simplex still answers
        ExactZeroSum.Solution w = ExactZeroSum.solve(PROBE, new double[] {0, 1, 0}, new double[] {0, 1, 0});
        assertTrue(!w.fromSupports);
        assertEquals(0, w.value.compareTo(s.value));
    }

    @Test
    @DisplayName("QuickTheories, 3000 hostile games 1x1..6x6 (ties, near-degenerate, 1e-300..1e308, duplicated rows): solve() against exact best responses and, up to 4x4, the exact kernel value")
    void hostileGamesAgainstIndependentComputation() {
        qt().withFixedSeed(SEED).withExamples(3000).forAll(longs().all()).checkAssert(seed -> {
            double[][] r = hostileGame(new SplittableRandom(seed));
            checkAgainstIndependent(r, ZeroSumMatrixGame.solve(r));
        });
    }

    @Test
    @DisplayName("QuickTheories, 1500 games up to 4x4: the rational simplex alone gives exactly the kernel value, and exactly optimal strategies")
    void rationalSimplexIsExact() {
        qt().withFixedSeed(SEED + 1).withExamples(1500).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom rng = new SplittableRandom(seed);
            double[][] r = hostileGame(rng);
            if (r.length > 4 || r[0].length > 4) {
                r = Arrays.copyOf(r, Math.min(r.length, 4));
                for (int i = 0; i < r.length; i++) {
                    r[i] = Arrays.copyOf(r[i], Math.min(r[i].length, 4));
                }
            }
            ExactZeroSum.Solution s = ExactZeroSum.solve(r, null, null);
            BigDecimal[] e = exactValue(r);
            assertEquals(0, new BigDecimal(s.value.num).multiply(e[1]).compareTo(e[0].multiply(new BigDecimal(s.value.den))),
                    Arrays.deepToString(r));
            // the hinted path with the simplex's own (rounded) strategies also lands on the exact value
            double[] hx = new double[r.length];
            double[] hy = new double[r[0].length];
            for (int i = 0; i < hx.length; i++) {
                hx[i] = s.x[i].toDouble();
            }
            for (int j = 0; j < hy.length; j++) {
                hy[j] = s.y[j].toDouble();
            }
            ExactZeroSum.Solution h = ExactZeroSum.solve(r, hx, hy);
            assertEquals(0, h.value.compareTo(s.value), Arrays.deepToString(r));
        });
    }

    @Test
    @DisplayName("random 3x3 games near the probe (payoffs 3 +- 0.5): every one within a few ulps of the exact value, never an error")
    void probeLikeGames() {
        SplittableRandom rng = new SplittableRandom(SEED + 2);
        int exact = 0;
        for (int trial = 0; trial < 2000; trial++) {
            double[][] r = new double[3][3];
            for (double[] row : r) {
                for (int j = 0; j < 3; j++) {
                    row[j] = rng.nextDouble(3.0, 4.1);
                }
            }
            ZeroSumMatrixGame z = ZeroSumMatrixGame.solve(r);
            assertNotNull(z);
            checkAgainstIndependent(r, z);
            exact += z.isExact() ? 1 : 0;
        }
        assertTrue(exact > 0, "no game took the exact path");
    }

    @Test
    @DisplayName("masks still apply on the exact path: the probe inside a larger game with excluded actions")
    void probeUnderMasks() {
        double[][] r = new double[4][4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                r[i][j] = i < 3 && j < 3 ? PROBE[i][j] : 1e6 * (i == 3 ? 1 : -1);
            }
        }
        boolean[] mask = {true, true, true, false};
        ZeroSumMatrixGame z = ZeroSumMatrixGame.solve(r, mask, mask);
        assertEquals(0.0, z.agentStrategy()[3]);
        assertEquals(0.0, z.opponentStrategy()[3]);
        assertEquals(ZeroSumMatrixGame.solve(PROBE).value(), z.value(), 0.0);
    }
}
