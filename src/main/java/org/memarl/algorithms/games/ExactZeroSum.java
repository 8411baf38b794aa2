package org.memarl.algorithms.games;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Exact (rational) solution of a zero-sum matrix game whose entries are the exact binary values of
 * doubles: the fallback and certificate of {@link ZeroSumMatrixGame} when the floating simplex stalls.
 *
 * <p>The entries are first scaled by a common power of two to integers. Then the supports suggested
 * by a floating solution are tried: the equalising systems (the rows of the agent's support all earn the
 * value against the opponent's strategy, the columns of the opponent's support all concede it against
 * the agent's, each strategy summing to 1) are solved by fraction-free (Bareiss) elimination, and the
 * result is accepted only if it is unique, non-negative, both values agree and the saddle-point
 * inequalities {@code (x'R)_b >= v >= (R y)_a} hold for every pure deviation, all in exact integer
 * arithmetic. Otherwise the game is solved by a rational simplex (Bland's rule,
 * which terminates in exact arithmetic) on {@code max 1'z s.t. G z <= 1, z >= 0} with
 * {@code G = R - min R + 1 > 0}; the opponent's strategy is {@code z / 1'z}, the agent's the dual
 * solution over its sum, and the value {@code 1/1'z + min R - 1}. Either way the saddle-point
 * inequalities are verified exactly before returning.
 *
 * <p>Package-private; the arithmetic is exact, so the only error is the final rounding to doubles
 * (within one ulp of each number).
 */
final class ExactZeroSum {
    private static final MathContext MC = new MathContext(40);

    /** Exact solution: value and strategies over the (already restricted) matrix. */
    static final class Solution {
        final Q value;
        final Q[] x;
        final Q[] y;
        /** Whether the floating supports were certified (otherwise the rational simplex ran). */
        final boolean fromSupports;

        Solution(Q value, Q[] x, Q[] y, boolean fromSupports) {
            this.value = value;
            this.x = x;
            this.y = y;
            this.fromSupports = fromSupports;
        }
    }

    private ExactZeroSum() {
    }

    /**
     * Solves {@code m} exactly; {@code hintX} and {@code hintY} (floating strategies, may be null) suggest
     * the supports to certify first.
     */
    static Solution solve(double[][] m, double[] hintX, double[] hintY) {
        Scaled g = new Scaled(m);
        if (hintX != null && hintY != null) {
            int[] lastRows = null;
            int[] lastCols = null;
            for (double rel : new double[] {0.0, 1e-9, 1e-6}) {
                int[] rows = support(hintX, rel);
                int[] cols = support(hintY, rel);
                if (Arrays.equals(rows, lastRows) && Arrays.equals(cols, lastCols)) {
                    continue;
                }
                lastRows = rows;
                lastCols = cols;
                Solution s = fromSupports(g, rows, cols);
                if (s != null) {
                    return s;
                }
            }
        }
        return simplex(g);
    }

    /** The matrix as integers {@code m = a / 2^shiftBits} (the entries are binary fractions). */
    static final class Scaled {
        final BigInteger[][] a;
        final int shiftBits;

        Scaled(double[][] m) {
            int k = m.length;
            int l = m[0].length;
            Q[][] q = new Q[k][l];
            int bits = 0;
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < l; j++) {
                    q[i][j] = Q.of(m[i][j]);
                    bits = Math.max(bits, q[i][j].den.bitLength() - 1);
                }
            }
            a = new BigInteger[k][l];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < l; j++) {
                    a[i][j] = q[i][j].num.shiftLeft(bits - (q[i][j].den.bitLength() - 1));
                }
            }
            shiftBits = bits;
        }
    }

    static int[] support(double[] p, double rel) {
        double max = 0.0;
        for (double v : p) {
            max = Math.max(max, v);
        }
        List<Integer> s = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            if (p[i] > rel * max) {
                s.add(i);
            }
        }
        return s.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The equalising systems on the square supports I (rows) and J (columns), solved exactly and
     * certified; null if they are not square, singular, give a negative probability, disagree on the
     * value, or some pure deviation gains.
     */
    static Solution fromSupports(Scaled g, int[] rows, int[] cols) {
        int s = rows.length;
        if (s == 0 || cols.length != s) {
            return null;
        }
        // opponent: sum_{j in J} a[i][j] y_j - v = 0 for i in I, sum y_j = 1
        BigInteger[][] sy = new BigInteger[s + 1][s + 2];
        BigInteger[][] sx = new BigInteger[s + 1][s + 2];
        for (int r = 0; r < s; r++) {
            for (int c = 0; c < s; c++) {
                sy[r][c] = g.a[rows[r]][cols[c]];
                sx[c][r] = g.a[rows[r]][cols[c]];
            }
        }
        for (int r = 0; r < s; r++) {
            sy[r][s] = BigInteger.ONE.negate();
            sy[r][s + 1] = BigInteger.ZERO;
            sx[r][s] = BigInteger.ONE.negate();
            sx[r][s + 1] = BigInteger.ZERO;
            sy[s][r] = BigInteger.ONE;
            sx[s][r] = BigInteger.ONE;
        }
        sy[s][s] = BigInteger.ZERO;
        sy[s][s + 1] = BigInteger.ONE;
        sx[s][s] = BigInteger.ZERO;
        sx[s][s + 1] = BigInteger.ONE;
        BigInteger[] ys = bareiss(sy); // numerators over ys[s + 1]
        BigInteger[] xs = bareiss(sx);
        if (ys == null || xs == null) {
            return null;
        }
        int k = g.a.length;
        int l = g.a[0].length;
        BigInteger[] y = new BigInteger[l];
        BigInteger[] x = new BigInteger[k];
        Arrays.fill(y, BigInteger.ZERO);
        Arrays.fill(x, BigInteger.ZERO);
        for (int c = 0; c < s; c++) {
            y[cols[c]] = ys[c];
            x[rows[c]] = xs[c];
        }
        BigInteger dy = ys[s + 1];
        BigInteger dx = xs[s + 1];
        if (ys[s].multiply(dx).compareTo(xs[s].multiply(dy)) != 0) {
            return null;
        }
        if (!opponentCertified(g.a, y, ys[s], dy) || !agentCertified(g.a, x, xs[s], dx)) {
            return null;
        }
        return solution(g, ys[s], dy, x, dx, y, dy, true);
    }

    /**
     * Fraction-free (Bareiss) Gauss-Jordan elimination of a square augmented system (last column the
     * right-hand side): the solution as numerators over a common positive denominator, which is the
     * last element of the returned array; null if singular. Every division is exact.
     */
    static BigInteger[] bareiss(BigInteger[][] a) {
        int n = a.length;
        BigInteger prev = BigInteger.ONE;
        for (int c = 0; c < n; c++) {
            int p = c;
            while (p < n && a[p][c].signum() == 0) {
                p++;
            }
            if (p == n) {
                return null;
            }
            BigInteger[] t = a[p];
            a[p] = a[c];
            a[c] = t;
            BigInteger piv = a[c][c];
            for (int i = 0; i < n; i++) {
                if (i == c) {
                    continue;
                }
                BigInteger f = a[i][c];
                for (int j = 0; j <= n; j++) {
                    if (j != c) {
                        a[i][j] = piv.multiply(a[i][j]).subtract(f.multiply(a[c][j])).divide(prev);
                    }
                }
                a[i][c] = BigInteger.ZERO;
            }
            prev = piv;
        }
        // every diagonal entry now equals prev (the determinant up to sign); x_i = a[i][n] / prev
        BigInteger[] out = new BigInteger[n + 1];
        boolean neg = prev.signum() < 0;
        for (int i = 0; i < n; i++) {
            out[i] = neg ? a[i][n].negate() : a[i][n];
        }
        out[n] = prev.abs();
        return out;
    }

    /** {@code y = Y / d} (d > 0) is a probability vector with {@code (a y)_i <= v / d} for every row. */
    static boolean opponentCertified(BigInteger[][] a, BigInteger[] y, BigInteger v, BigInteger d) {
        BigInteger sum = BigInteger.ZERO;
        for (BigInteger p : y) {
            if (p.signum() < 0) {
                return false;
            }
            sum = sum.add(p);
        }
        if (!sum.equals(d)) {
            return false;
        }
        for (BigInteger[] row : a) {
            BigInteger t = BigInteger.ZERO;
            for (int j = 0; j < y.length; j++) {
                if (y[j].signum() != 0) {
                    t = t.add(row[j].multiply(y[j]));
                }
            }
            if (t.compareTo(v) > 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code x = X / d} (d > 0) is a probability vector with {@code (x'a)_j >= v / d} for every column. */
    static boolean agentCertified(BigInteger[][] a, BigInteger[] x, BigInteger v, BigInteger d) {
        BigInteger sum = BigInteger.ZERO;
        for (BigInteger p : x) {
            if (p.signum() < 0) {
                return false;
            }
            sum = sum.add(p);
        }
        if (!sum.equals(d)) {
            return false;
        }
        for (int j = 0; j < a[0].length; j++) {
            BigInteger t = BigInteger.ZERO;
            for (int i = 0; i < x.length; i++) {
                if (x[i].signum() != 0) {
                    t = t.add(x[i].multiply(a[i][j]));
                }
            }
            if (t.compareTo(v) < 0) {
                return false;
            }
        }
        return true;
    }

    private static Solution solution(Scaled g, BigInteger v, BigInteger dv, BigInteger[] x, BigInteger dx,
                                     BigInteger[] y, BigInteger dy, boolean fromSupports) {
        Q[] xq = new Q[x.length];
        for (int i = 0; i < x.length; i++) {
            xq[i] = Q.of(x[i], dx);
        }
        Q[] yq = new Q[y.length];
        for (int j = 0; j < y.length; j++) {
            yq[j] = Q.of(y[j], dy);
        }
        return new Solution(Q.of(v, dv.shiftLeft(g.shiftBits)), xq, yq, fromSupports);
    }

    /**
     * Rational simplex (Bland's rule) on {@code max 1'z s.t. G z <= 1, z >= 0}, {@code G = a - min a + 1}
     * over the integer-scaled matrix, in integer-preserving (Bareiss) form: the tableau is held as
     * integers over one positive common denominator and every pivot divides exactly by the previous
     * pivot, so no gcd is taken and the entries stay bounded by minors of the scaled matrix. The answer
     * is certified like the supports' before it is returned.
     */
    static Solution simplex(Scaled g) {
        BigInteger[][] m = g.a;
        int k = m.length;
        int l = m[0].length;
        BigInteger lo = null;
        for (BigInteger[] row : m) {
            for (BigInteger e : row) {
                lo = lo == null || e.compareTo(lo) < 0 ? e : lo;
            }
        }
        BigInteger shift = BigInteger.ONE.subtract(lo); // G = m + shift >= 1
        int cols = l + k + 1; // z, slacks, rhs
        BigInteger[][] t = new BigInteger[k + 1][cols];
        int[] basis = new int[k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < l; j++) {
                t[i][j] = m[i][j].add(shift);
            }
            for (int s = 0; s < k; s++) {
                t[i][l + s] = s == i ? BigInteger.ONE : BigInteger.ZERO;
            }
            t[i][cols - 1] = BigInteger.ONE;
            basis[i] = l + i;
        }
        for (int j = 0; j < cols; j++) {
            t[k][j] = j < l ? BigInteger.ONE.negate() : BigInteger.ZERO;
        }
        BigInteger d = BigInteger.ONE; // the common denominator, > 0
        while (true) {
            int enter = -1;
            for (int j = 0; j < cols - 1; j++) {
                if (t[k][j].signum() < 0) {
                    enter = j;
                    break;
                }
            }
            if (enter < 0) {
                break;
            }
            int leave = -1;
            for (int i = 0; i < k; i++) {
                if (t[i][enter].signum() > 0) {
                    int c = leave < 0 ? -1
                            : t[i][cols - 1].multiply(t[leave][enter]).compareTo(t[leave][cols - 1].multiply(t[i][enter]));
                    if (leave < 0 || c < 0 || (c == 0 && basis[i] < basis[leave])) {
                        leave = i;
                    }
                }
            }
            if (leave < 0) {
                throw new IllegalStateException("unbounded (cannot happen: G > 0)");
            }
            BigInteger p = t[leave][enter];
            for (int i = 0; i <= k; i++) {
                if (i == leave) {
                    continue;
                }
                BigInteger f = t[i][enter];
                for (int j = 0; j < cols; j++) {
                    t[i][j] = p.multiply(t[i][j]).subtract(f.multiply(t[leave][j])).divide(d);
                }
            }
            d = p;
            basis[leave] = enter;
        }
        // 1'z = w / d; y = z / 1'z = Y / w; x = X / w (dual); val G = d / w, val a = (d - shift w) / w
        BigInteger w = t[k][cols - 1];
        BigInteger[] y = new BigInteger[l];
        Arrays.fill(y, BigInteger.ZERO);
        for (int i = 0; i < k; i++) {
            if (basis[i] < l) {
                y[basis[i]] = t[i][cols - 1];
            }
        }
        BigInteger[] x = new BigInteger[k];
        for (int i = 0; i < k; i++) {
            x[i] = t[k][l + i];
        }
        BigInteger v = d.subtract(shift.multiply(w));
        if (!opponentCertified(m, y, v, w) || !agentCertified(m, x, v, w)) {
            throw new IllegalStateException("exact simplex failed its own certificate"); // cannot happen
        }
        return solution(g, v, w, x, w, y, w, false);
    }

    /** An exact rational {@code num/den}, den > 0, in lowest terms. */
    static final class Q implements Comparable<Q> {
        static final Q ZERO = new Q(BigInteger.ZERO, BigInteger.ONE);
        static final Q ONE = new Q(BigInteger.ONE, BigInteger.ONE);

        final BigInteger num;
        final BigInteger den;

        private Q(BigInteger num, BigInteger den) {
            this.num = num;
            this.den = den;
        }

        static Q of(BigInteger num, BigInteger den) {
            if (den.signum() == 0) {
                throw new ArithmeticException("division by zero");
            }
            if (den.signum() < 0) {
                num = num.negate();
                den = den.negate();
            }
            BigInteger g = num.gcd(den);
            if (!g.equals(BigInteger.ONE) && g.signum() != 0) {
                num = num.divide(g);
                den = den.divide(g);
            }
            return num.signum() == 0 ? ZERO : new Q(num, den);
        }

        /** The exact binary value of a finite double. */
        static Q of(double d) {
            if (d == 0.0) {
                return ZERO;
            }
            long bits = Double.doubleToLongBits(d);
            int exp = (int) ((bits >> 52) & 0x7ff);
            long mant = bits & 0xfffffffffffffL;
            if (exp == 0) {
                exp = 1;
            } else {
                mant |= 1L << 52;
            }
            exp -= 1075; // d = mant * 2^exp
            int tz = Long.numberOfTrailingZeros(mant);
            mant >>= tz;
            exp += tz;
            BigInteger n = BigInteger.valueOf(d < 0 ? -mant : mant);
            return exp >= 0 ? new Q(n.shiftLeft(exp), BigInteger.ONE) : new Q(n, BigInteger.ONE.shiftLeft(-exp));
        }

        Q add(Q o) {
            if (den.equals(o.den)) {
                return of(num.add(o.num), den);
            }
            return of(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den));
        }

        Q subtract(Q o) {
            return add(o.negate());
        }

        Q multiply(Q o) {
            return of(num.multiply(o.num), den.multiply(o.den));
        }

        Q divide(Q o) {
            return of(num.multiply(o.den), den.multiply(o.num));
        }

        Q negate() {
            return new Q(num.negate(), den);
        }

        int signum() {
            return num.signum();
        }

        @Override
        public int compareTo(Q o) {
            return num.multiply(o.den).compareTo(o.num.multiply(den));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Q && compareTo((Q) o) == 0;
        }

        @Override
        public int hashCode() {
            return num.hashCode() * 31 + den.hashCode();
        }

        /** The nearest double (to within one ulp: rounded to 40 digits, then to binary). */
        double toDouble() {
            if (num.signum() == 0) {
                return 0.0;
            }
            return new BigDecimal(num).divide(new BigDecimal(den), MC).doubleValue();
        }

        @Override
        public String toString() {
            return num + "/" + den;
        }
    }
}
