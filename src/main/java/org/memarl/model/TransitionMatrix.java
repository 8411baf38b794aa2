package org.memarl.model;

import org.memarl.kernel.RowSweeps;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.memarl.InvalidModelException;

/**
 * A row-stochastic matrix of transition probabilities, one row per context (for an MDP the context
 * is {@code (s, a)} at row {@code s * A + a}), one column per next state. Given and returned in
 * EJML ({@link #matrix()}): dense as a {@link DMatrixRMaj}; sparse as a {@link DMatrixSparseCSC},
 * which is converted once into compressed rows ({@code int[]} row starts and columns, {@code double[]}
 * probabilities), the form the Bellman sweep reads row by row ({@link #q}) and the only copy kept: a
 * million-state model is held once, and {@link #matrix()} rebuilds the EJML matrix on request. Sparse
 * models may also be given directly in compressed rows ({@link #compressedRows}, e.g. from an
 * {@code .npz}). Immutable.
 */
public final class TransitionMatrix {
    /** Row sums must be within this distance of 1. */
    public static final double ROW_SUM_TOLERANCE = org.memarl.kernel.Distributions.TOLERANCE;
    /** {@link #ROW_SUM_TOLERANCE} as the messages of {@code model-format.md} write it ({@code "1e-9"}, not {@code "1.0E-9"}). */
    public static final String ROW_SUM_TOLERANCE_TEXT = "1e-9";

    private final int rows;
    private final int cols;
    private final DMatrixRMaj dense;
    // compressed rows (sparse only): the one stored form of a sparse T; the EJML matrix is built on request
    private final int[] rowStart;
    private final int[] colIndex;
    private final double[] prob;

    private TransitionMatrix(DMatrixRMaj dense) {
        this.dense = dense;
        rows = dense.numRows;
        cols = dense.numCols;
        rowStart = null;
        colIndex = null;
        prob = null;
    }

    private TransitionMatrix(int rows, int cols, int[] rowStart, int[] colIndex, double[] prob) {
        this.dense = null;
        this.rows = rows;
        this.cols = cols;
        this.rowStart = rowStart;
        this.colIndex = colIndex;
        this.prob = prob;
    }

    /** Compressed rows of a CSC matrix: each row's entries in increasing column order. */
    private static TransitionMatrix fromCsc(DMatrixSparseCSC sparse) {
        int rows = sparse.numRows;
        int cols = sparse.numCols;
        int nz = sparse.nz_length;
        int[] rowStart = new int[rows + 1];
        int[] colIndex = new int[nz];
        double[] prob = new double[nz];
        for (int k = 0; k < nz; k++) {
            rowStart[sparse.nz_rows[k] + 1]++;
        }
        for (int r = 0; r < rows; r++) {
            rowStart[r + 1] += rowStart[r];
        }
        int[] fill = new int[rows];
        for (int c = 0; c < cols; c++) {
            for (int k = sparse.col_idx[c]; k < sparse.col_idx[c + 1]; k++) {
                int r = sparse.nz_rows[k];
                int at = rowStart[r] + fill[r]++;
                colIndex[at] = c;
                prob[at] = sparse.nz_values[k];
            }
        }
        return new TransitionMatrix(rows, cols, rowStart, colIndex, prob);
    }

    /**
     * Wraps a dense matrix (copied) after validating it.
     *
     * @param key the model key used in error messages, e.g. {@code "transitions"}
     * @param rowLabel maps a row index to its index label, e.g. {@code "[2][1]"} for (s=2, a=1)
     */
    public static TransitionMatrix dense(DMatrixRMaj m, String key, RowLabel rowLabel) {
        TransitionMatrix t = new TransitionMatrix(m.copy());
        t.validate(key, rowLabel);
        return t;
    }

    /**
     * Wraps a sparse matrix after validating it. It is converted once into compressed rows (explicit
     * zeros are kept), which is then the only stored copy; {@link #matrix()} rebuilds the EJML form.
     */
    public static TransitionMatrix sparse(DMatrixSparseCSC m, String key, RowLabel rowLabel) {
        TransitionMatrix t = fromCsc(m);
        t.validate(key, rowLabel);
        return t;
    }

    /**
     * A sparse matrix given directly in compressed rows (the CSR arrays of scipy / {@code .npz}
     * files), validated. The arrays are <em>adopted, not copied</em> (a large model is held once):
     * the caller must not modify them afterwards. Each row's columns must be strictly increasing
     * (sorted, no duplicates) and in range, and the row starts nondecreasing from 0 to the number of entries.
     *
     * @param rowStart length rows + 1
     * @param key the model key of the arrays in messages, e.g. {@code "indices"}
     */
    public static TransitionMatrix compressedRows(int rows, int cols, int[] rowStart, int[] colIndex, double[] prob,
                                                  String key, RowLabel rowLabel) {
        if (rowStart.length != rows + 1) {
            throw new InvalidModelException("indptr: length " + rowStart.length + ", expected " + (rows + 1)
                    + " (rows + 1)");
        }
        if (colIndex.length != prob.length) {
            throw new InvalidModelException("indices: length " + colIndex.length + " differs from data length " + prob.length);
        }
        if (rowStart[0] != 0 || rowStart[rows] != colIndex.length) {
            throw new InvalidModelException("indptr: starts at " + rowStart[0] + " and ends at " + rowStart[rows]
                    + ", expected 0 and " + colIndex.length + " (the number of entries)");
        }
        for (int r = 0; r < rows; r++) {
            int a = rowStart[r];
            int b = rowStart[r + 1];
            if (b < a) {
                throw new InvalidModelException("indptr[" + (r + 1) + "]: " + b + " is less than indptr[" + r + "] = " + a);
            }
            int prev = -1;
            for (int k = a; k < b; k++) {
                int c = colIndex[k];
                if (c < 0 || c >= cols) {
                    throw new InvalidModelException("indices[" + k + "]: column " + c + " of " + key + rowLabel.of(r)
                            + " is out of range [0, " + cols + ")");
                }
                if (c <= prev) {
                    throw new InvalidModelException("indices[" + k + "]: column " + c + " of " + key + rowLabel.of(r)
                            + " does not follow column " + prev + " (each row needs strictly increasing columns)");
                }
                prev = c;
            }
        }
        TransitionMatrix t = new TransitionMatrix(rows, cols, rowStart, colIndex, prob);
        t.validate(key, rowLabel);
        return t;
    }

    /** Labels a row for messages. */
    @FunctionalInterface
    public interface RowLabel {
        String of(int row);
    }

    /** Checks every row: entries in [0, 1] and sum 1 (within the tolerance); O(stored entries). */
    private void validate(String key, RowLabel label) {
        for (int r = 0; r < rows; r++) {
            if (isSparse() && rowStart[r] == rowStart[r + 1]) {
                throw new InvalidModelException(key + label.of(r) + ": missing sparse row (no entries)");
            }
            double sum = 0.0;
            for (int k = rowStart(r); k < rowEnd(r); k++) {
                double p = entryProbability(k);
                if (Double.isNaN(p) || p < 0.0 || p > 1.0 || Double.isInfinite(p)) {
                    throw new InvalidModelException(key + label.of(r) + "[" + entryColumn(k) + "]: probability " + p
                            + " is not in [0, 1]");
                }
                sum += p;
            }
            org.memarl.kernel.Distributions.checkSum(key + label.of(r), sum);
        }
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return cols;
    }

    public boolean isSparse() {
        return dense == null;
    }

    /** Number of stored entries (rows x columns for dense). */
    public long nonzeros() {
        return dense == null ? prob.length : (long) rows * cols;
    }

    /**
     * A copy of the EJML matrix: {@link DMatrixRMaj} or {@link DMatrixSparseCSC} (built from the
     * compressed rows, row indices sorted within each column).
     */
    public org.ejml.data.DMatrix matrix() {
        if (dense != null) {
            return dense.copy();
        }
        int nz = prob.length;
        DMatrixSparseCSC m = new DMatrixSparseCSC(rows, cols, nz);
        int[] colStart = m.col_idx;
        for (int k = 0; k < nz; k++) {
            colStart[colIndex[k] + 1]++;
        }
        for (int c = 0; c < cols; c++) {
            colStart[c + 1] += colStart[c];
        }
        int[] fill = new int[cols];
        for (int r = 0; r < rows; r++) {
            for (int k = rowStart[r]; k < rowStart[r + 1]; k++) {
                int c = colIndex[k];
                int at = colStart[c] + fill[c]++;
                m.nz_rows[at] = r;
                m.nz_values[at] = prob[k];
            }
        }
        m.nz_length = nz;
        m.indicesSorted = true;
        return m;
    }

    /**
     * The Q values of {@code count} consecutive rows, the inner loop of a Bellman sweep:
     * {@code out[outOff + i] = r[row0 + i] + gamma * sum_{s'} T(s' | row0 + i) v(s')}. Allocation-free.
     * Sparse rows are summed in storage order with one running sum, exactly as {@link #expect}; dense
     * rows use two partial sums per row (four rows at a time), so they may differ from it in the last bits.
     */
    public void q(int row0, int count, double[] r, double gamma, double[] v, double[] out, int outOff) {
        if (dense != null) {
            RowSweeps.denseQ(dense.data, cols, row0, count, r, gamma, v, out, outOff);
        } else {
            RowSweeps.sparseQ(rowStart, colIndex, prob, row0, count, r, gamma, v, out, outOff);
        }
    }

    /**
     * {@code Q(row) = r[row] + gamma * sum_{s'} T(s' | row) v(s')} of one row, exactly as {@link #q}
     * computes it (the building block of kernels that keep Q in registers). Allocation-free.
     */
    public double qRow(int row, double[] r, double gamma, double[] v) {
        return dense != null ? RowSweeps.denseRow(dense.data, cols, row, r, gamma, v)
                : RowSweeps.sparseRow(rowStart, colIndex, prob, row, r, gamma, v);
    }

    /**
     * {@code max_i Q(row0 + i)} (or the minimum when {@code max} is false) over {@code count >= 1}
     * consecutive rows, each Q computed exactly as by {@link #q}: the fused kernel of a hard backup.
     * The comparison is {@link Math#max} / {@link Math#min} in row order starting from the first row,
     * so the result is the one of reducing {@link #q}'s output that way (NaN propagates). Sparse rows
     * keep nothing in memory (the Q values stay in registers); dense rows go through {@link #q}.
     *
     * @param scratch at least {@code count} doubles (used by dense rows only)
     */
    public double extremeQ(int row0, int count, double[] r, double gamma, double[] v, boolean max, double[] scratch) {
        if (dense != null) {
            RowSweeps.denseQ(dense.data, cols, row0, count, r, gamma, v, scratch, 0);
            double m = scratch[0];
            for (int i = 1; i < count; i++) {
                m = max ? Math.max(m, scratch[i]) : Math.min(m, scratch[i]);
            }
            return m;
        }
        double m = 0.0;
        for (int i = 0; i < count; i++) {
            double q = RowSweeps.sparseRow(rowStart, colIndex, prob, row0 + i, r, gamma, v);
            m = i == 0 ? q : max ? Math.max(m, q) : Math.min(m, q);
        }
        return m;
    }

    /** {@code sum_{s'} T(s' | row) v(s')}. Allocation-free. */
    public double expect(int row, double[] v) {
        double s = 0.0;
        if (dense != null) {
            double[] d = dense.data;
            int o = row * cols;
            for (int c = 0; c < cols; c++) {
                s += d[o + c] * v[c];
            }
        } else {
            for (int k = rowStart[row]; k < rowStart[row + 1]; k++) {
                s += prob[k] * v[colIndex[k]];
            }
        }
        return s;
    }

    /** {@code T(col | row)}. */
    public double get(int row, int col) {
        if (dense != null) {
            return dense.data[row * cols + col];
        }
        for (int k = rowStart[row]; k < rowStart[row + 1]; k++) {
            if (colIndex[k] == col) {
                return prob[k];
            }
        }
        return 0.0;
    }

    /** Copies row {@code row} into {@code out[0 .. columns())} (dense). */
    public void copyRow(int row, double[] out) {
        if (dense != null) {
            System.arraycopy(dense.data, row * cols, out, 0, cols);
        } else {
            java.util.Arrays.fill(out, 0, cols, 0.0);
            for (int k = rowStart[row]; k < rowStart[row + 1]; k++) {
                out[colIndex[k]] += prob[k];
            }
        }
    }

    /** Adds {@code weight * T(. | row)} to {@code out[offset .. offset + columns())}. */
    public void addRow(int row, double weight, double[] out, int offset) {
        if (dense != null) {
            double[] d = dense.data;
            int o = row * cols;
            for (int c = 0; c < cols; c++) {
                out[offset + c] += weight * d[o + c];
            }
        } else {
            for (int k = rowStart[row]; k < rowStart[row + 1]; k++) {
                out[offset + colIndex[k]] += weight * prob[k];
            }
        }
    }

    /** Number of entries of row {@code row} in the row iteration ({@link #entryColumn}). */
    public int rowStart(int row) {
        return dense != null ? row * cols : rowStart[row];
    }

    public int rowEnd(int row) {
        return dense != null ? (row + 1) * cols : rowStart[row + 1];
    }

    /** Column of entry k of the row iteration. */
    public int entryColumn(int k) {
        return dense != null ? k % cols : colIndex[k];
    }

    /** Probability of entry k of the row iteration. */
    public double entryProbability(int k) {
        return dense != null ? dense.data[k] : prob[k];
    }
}
