package org.memarl.kernel;

/**
 * The innermost loops of every Bellman sweep, on raw storage: the Q values
 * {@code Q(row) = r[row] + gamma * sum_{s'} T(s' | row) v(s')} of rows of a transition matrix held dense
 * (row-major {@code d[row * n + col]}) or as compressed rows ({@code start}, {@code col}, {@code p}: the CSR
 * arrays). {@code org.memarl.model.TransitionMatrix} stores the matrix and calls these; the sweep kernel
 * ({@code org.memarl.solve.ChainBellman}) reaches them through it. Allocation-free; each writes only {@code out}.
 * A row's value does not depend on how rows are grouped into calls, so sweeps are bit-identical whatever the
 * batching and thread count.
 */
public final class RowSweeps {
    private RowSweeps() {
    }

    /**
     * Dense rows, four at a time: each column's {@code v(c)} is loaded once for the four rows, and every
     * row keeps two partial sums (even and odd columns). Leftover rows use the same two partial sums, so
     * a row's value does not depend on how rows are grouped.
     */
    public static void denseQ(double[] d, int n, int row0, int count, double[] r, double gamma, double[] v,
                               double[] out, int outOff) {
        int i = 0;
        for (; i + 3 < count; i += 4) {
            int o0 = (row0 + i) * n;
            int o1 = o0 + n;
            int o2 = o1 + n;
            int o3 = o2 + n;
            double a0 = 0.0;
            double a1 = 0.0;
            double a2 = 0.0;
            double a3 = 0.0;
            double b0 = 0.0;
            double b1 = 0.0;
            double b2 = 0.0;
            double b3 = 0.0;
            int c = 0;
            for (; c + 1 < n; c += 2) {
                double v0 = v[c];
                double v1 = v[c + 1];
                a0 += d[o0 + c] * v0;
                b0 += d[o0 + c + 1] * v1;
                a1 += d[o1 + c] * v0;
                b1 += d[o1 + c + 1] * v1;
                a2 += d[o2 + c] * v0;
                b2 += d[o2 + c + 1] * v1;
                a3 += d[o3 + c] * v0;
                b3 += d[o3 + c + 1] * v1;
            }
            if (c < n) {
                double v0 = v[c];
                a0 += d[o0 + c] * v0;
                a1 += d[o1 + c] * v0;
                a2 += d[o2 + c] * v0;
                a3 += d[o3 + c] * v0;
            }
            out[outOff + i] = r[row0 + i] + gamma * (a0 + b0);
            out[outOff + i + 1] = r[row0 + i + 1] + gamma * (a1 + b1);
            out[outOff + i + 2] = r[row0 + i + 2] + gamma * (a2 + b2);
            out[outOff + i + 3] = r[row0 + i + 3] + gamma * (a3 + b3);
        }
        for (; i < count; i++) {
            out[outOff + i] = denseRow(d, n, row0 + i, r, gamma, v);
        }
    }

    /** One dense row's Q with the two partial sums (even and odd columns) of {@link #denseQ}. */
    public static double denseRow(double[] d, int n, int row, double[] r, double gamma, double[] v) {
        int o = row * n;
        double a0 = 0.0;
        double b0 = 0.0;
        int c = 0;
        for (; c + 1 < n; c += 2) {
            a0 += d[o + c] * v[c];
            b0 += d[o + c + 1] * v[c + 1];
        }
        if (c < n) {
            a0 += d[o + c] * v[c];
        }
        return r[row] + gamma * (a0 + b0);
    }

    /**
     * Sparse rows: one running sum per row in storage order, the same as {@code TransitionMatrix.expect}. (The loop is
     * bound by the latency of the random loads of v(s'), not by the additions; the fewer instructions
     * per entry, the more of those loads the processor keeps in flight.)
     */
    public static void sparseQ(int[] start, int[] col, double[] p, int row0, int count, double[] r, double gamma,
                                double[] v, double[] out, int outOff) {
        for (int i = 0; i < count; i++) {
            out[outOff + i] = sparseRow(start, col, p, row0 + i, r, gamma, v);
        }
    }

    /** One compressed row's Q: one running sum in storage order. */
    public static double sparseRow(int[] start, int[] col, double[] p, int row, double[] r, double gamma,
                                    double[] v) {
        double acc = 0.0;
        for (int k = start[row], end = start[row + 1]; k < end; k++) {
            acc += p[k] * v[col[k]];
        }
        return r[row] + gamma * acc;
    }
}
