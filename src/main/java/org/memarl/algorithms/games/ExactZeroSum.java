package org.memarl.algorithms.games;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Exact (rational) solution of a zero-sum matrix game whose entries are the exact binary values of
 * doubles: the fallback and certificate of {@link ZeroSumMatrixGame} when the floating simplex stalls.
 *
 * <p>First the supports suggested by a floating solution are tried: the equalising systems (the rows
 * of the agent's support all earn the value against the opponent's strategy, the columns of the
 * opponent's support all concede it against the agent's, each strategy summing to 1) are solved by
 * rational Gaussian elimination, and the result is accepted only if it is unique, non-negative, both
 * values agree and the saddle-point inequalities {@code (x'R)_b >= v >= (R y)_a} hold for every pure
 * deviation, all in exact arithmetic. Otherwise the game is solved by a rational simplex (Bland's rule,
 * which terminates in exact arithmetic) on {@code max 1'z s.t. G z <= 1, z >= 0} with
 * {@code G = R - min R + 1 > 0}; the opponent's strategy is {@code z / 1'z}, the agent's the dual
 * solution over its sum, and the value {@code 1/1'z + min R - 1}. Either way the saddle-point
 * inequalities are verified exactly before returning.
 *
 * <p>Package-private; the rationals are exact, so the only error is the final rounding to doubles
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
        int k = m.length;
        int l = m[0].length;
        Q[][] q = new Q[k][l];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < l; j++) {
                q[i][j] = Q.of(m[i][j]);
            }
        }
        if (hintX != null && hintY != null) {
            for (double rel : new double[] {0.0, 1e-9, 1e-6}) {
                Solution s = fromSupports(q, support(hintX, rel), support(hintY, rel));
                if (s != null) {
                    return s;
                }
            }
        }
        Solution s = simplex(q);
        if (!verify(q, s.x, s.y, s.value)) {
            throw new IllegalStateException("exact simplex failed its own certificate"); // cannot happen
        }
        return s;
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

    /** The equalising systems on supports I (rows) and J (columns), certified; null if they fail. */
    static Solution fromSupports(Q[][] q, int[] rows, int[] cols) {
        if (rows.length == 0 || cols.length == 0) {
            return null;
        }
        // opponent: sum_{j in J} q[i][j] y_j - v = 0 for i in I, sum y_j = 1
        Q[][] a = new Q[rows.length + 1][cols.length + 2];
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < cols.length; c++) {
                a[r][c] = q[rows[r]][cols[c]];
            }
            a[r][cols.length] = Q.ONE.negate();
            a[r][cols.length + 1] = Q.ZERO;
        }
        for (int c = 0; c < cols.length; c++) {
            a[rows.length][c] = Q.ONE;
        }
        a[rows.length][cols.length] = Q.ZERO;
        a[rows.length][cols.length + 1] = Q.ONE;
        Q[] ys = uniqueSolution(a);
        // agent: sum_{i in I} x_i q[i][j] - v = 0 for j in J, sum x_i = 1
        Q[][] b = new Q[cols.length + 1][rows.length + 2];
        for (int c = 0; c < cols.length; c++) {
            for (int r = 0; r < rows.length; r++) {
                b[c][r] = q[rows[r]][cols[c]];
            }
            b[c][rows.length] = Q.ONE.negate();
            b[c][rows.length + 1] = Q.ZERO;
        }
        for (int r = 0; r < rows.length; r++) {
            b[cols.length][r] = Q.ONE;
        }
        b[cols.length][rows.length] = Q.ZERO;
        b[cols.length][rows.length + 1] = Q.ONE;
        Q[] xs = uniqueSolution(b);
        if (ys == null || xs == null) {
            return null;
        }
        Q v = ys[cols.length];
        if (v.compareTo(xs[rows.length]) != 0) {
            return null;
        }
        Q[] x = zeros(q.length);
        Q[] y = zeros(q[0].length);
        for (int r = 0; r < rows.length; r++) {
            if (xs[r].signum() < 0) {
                return null;
            }
            x[rows[r]] = xs[r];
        }
        for (int c = 0; c < cols.length; c++) {
            if (ys[c].signum() < 0) {
                return null;
            }
            y[cols[c]] = ys[c];
        }
        return verify(q, x, y, v) ? new Solution(v, x, y, true) : null;
    }

    /**
     * The unique solution of the augmented system {@code a} (last column the right-hand side) by
     * rational Gauss-Jordan elimination; null if it is inconsistent or has more than one solution.
     */
    static Q[] uniqueSolution(Q[][] a) {
        int rowsN = a.length;
        int n = a[0].length - 1;
        int r = 0;
        int[] pivotCol = new int[rowsN];
        for (int c = 0; c < n && r < rowsN; c++) {
            int p = -1;
            for (int i = r; i < rowsN; i++) {
                if (a[i][c].signum() != 0) {
                    p = i;
                    break;
                }
            }
            if (p < 0) {
                return null; // a free variable: not unique
            }
            Q[] t = a[p];
            a[p] = a[r];
            a[r] = t;
            Q inv = Q.ONE.divide(a[r][c]);
            for (int j = c; j <= n; j++) {
                a[r][j] = a[r][j].multiply(inv);
            }
            for (int i = 0; i < rowsN; i++) {
                if (i != r && a[i][c].signum() != 0) {
                    Q f = a[i][c];
                    for (int j = c; j <= n; j++) {
                        a[i][j] = a[i][j].subtract(f.multiply(a[r][j]));
                    }
                }
            }
            pivotCol[r] = c;
            r++;
        }
        if (r < n) {
            return null;
        }
        for (int i = r; i < rowsN; i++) {
            if (a[i][n].signum() != 0) {
                return null; // inconsistent
            }
        }
        Q[] s = new Q[n];
        for (int i = 0; i < r; i++) {
            s[pivotCol[i]] = a[i][n];
        }
        return s;
    }

    /** Exact saddle-point check: probability vectors with {@code (x'q)_j >= v >= (q y)_i} for all i, j. */
    static boolean verify(Q[][] q, Q[] x, Q[] y, Q v) {
        Q sx = Q.ZERO;
        for (Q p : x) {
            if (p.signum() < 0) {
                return false;
            }
            sx = sx.add(p);
        }
        Q sy = Q.ZERO;
        for (Q p : y) {
            if (p.signum() < 0) {
                return false;
            }
            sy = sy.add(p);
        }
        if (sx.compareTo(Q.ONE) != 0 || sy.compareTo(Q.ONE) != 0) {
            return false;
        }
        for (int j = 0; j < y.length; j++) {
            Q s = Q.ZERO;
            for (int i = 0; i < x.length; i++) {
                if (x[i].signum() != 0) {
                    s = s.add(x[i].multiply(q[i][j]));
                }
            }
            if (s.compareTo(v) < 0) {
                return false;
            }
        }
        for (int i = 0; i < x.length; i++) {
            Q s = Q.ZERO;
            for (int j = 0; j < y.length; j++) {
                if (y[j].signum() != 0) {
                    s = s.add(q[i][j].multiply(y[j]));
                }
            }
            if (s.compareTo(v) > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Rational simplex (Bland's rule) on {@code max 1'z s.t. G z <= 1, z >= 0}, {@code G = q - min q + 1},
     * in integer-preserving (Bareiss) form: the entries are first scaled by a common power of two to
     * integers, the tableau is held as integers over one positive common denominator, and every pivot
     * divides exactly by the previous pivot, so no gcd is ever taken and the entries stay bounded by
     * minors of the scaled matrix.
     */
    static Solution simplex(Q[][] q) {
        int k = q.length;
        int l = q[0].length;
        // common power-of-two denominator (the entries are binary fractions)
        int shiftBits = 0;
        for (Q[] row : q) {
            for (Q e : row) {
                shiftBits = Math.max(shiftBits, e.den.bitLength() - 1);
            }
        }
        BigInteger[][] m = new BigInteger[k][l];
        BigInteger lo = null;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < l; j++) {
                m[i][j] = q[i][j].num.shiftLeft(shiftBits - (q[i][j].den.bitLength() - 1));
                lo = lo == null || m[i][j].compareTo(lo) < 0 ? m[i][j] : lo;
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
        BigInteger w = t[k][cols - 1]; // 1'z = w / d > 0
        Q[] y = zeros(l);
        for (int i = 0; i < k; i++) {
            if (basis[i] < l) {
                y[basis[i]] = Q.of(t[i][cols - 1], w);
            }
        }
        Q[] x = new Q[k];
        for (int i = 0; i < k; i++) {
            x[i] = Q.of(t[k][l + i], w);
        }
        // val G = d / w; val q = (d / w - shift) / 2^shiftBits
        Q v = Q.of(d.subtract(shift.multiply(w)), w.shiftLeft(shiftBits));
        return new Solution(v, x, y, false);
    }

    private static Q[] zeros(int n) {
        Q[] z = new Q[n];
        for (int i = 0; i < n; i++) {
            z[i] = Q.ZERO;
        }
        return z;
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
