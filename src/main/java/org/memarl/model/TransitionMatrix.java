package org.memarl.model;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.memarl.InvalidModelException;

/**
 * A row-stochastic matrix of transition probabilities, one row per context (for an MDP the context
 * is {@code (s, a)} at row {@code s * A + a}), one column per next state. Held in EJML, dense
 * ({@link DMatrixRMaj}) or sparse ({@link DMatrixSparseCSC}); the sparse form is converted once to
 * compressed rows for the row-wise access of the Bellman sweep. Immutable.
 */
public final class TransitionMatrix {
    /** Row sums must be within this distance of 1. */
    public static final double ROW_SUM_TOLERANCE = 1e-9;
    /** {@link #ROW_SUM_TOLERANCE} as the messages of {@code model-format.md} write it ({@code "1e-9"}, not {@code "1.0E-9"}). */
    public static final String ROW_SUM_TOLERANCE_TEXT = "1e-9";

    private final int rows;
    private final int cols;
    private final DMatrixRMaj dense;
    private final DMatrixSparseCSC sparse;
    // compressed rows (sparse only)
    private final int[] rowStart;
    private final int[] colIndex;
    private final double[] prob;

    private TransitionMatrix(DMatrixRMaj dense, DMatrixSparseCSC sparse) {
        this.dense = dense;
        this.sparse = sparse;
        if (dense != null) {
            rows = dense.numRows;
            cols = dense.numCols;
            rowStart = null;
            colIndex = null;
            prob = null;
        } else {
            rows = sparse.numRows;
            cols = sparse.numCols;
            int nz = sparse.nz_length;
            rowStart = new int[rows + 1];
            colIndex = new int[nz];
            prob = new double[nz];
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
        }
    }

    /**
     * Wraps a dense matrix (copied) after validating it.
     *
     * @param key the model key used in error messages, e.g. {@code "transitions"}
     * @param rowLabel maps a row index to its index label, e.g. {@code "[2][1]"} for (s=2, a=1)
     */
    public static TransitionMatrix dense(DMatrixRMaj m, String key, RowLabel rowLabel) {
        TransitionMatrix t = new TransitionMatrix(m.copy(), null);
        t.validate(key, rowLabel);
        return t;
    }

    /** Wraps a sparse matrix (copied; explicit zeros are kept) after validating it. */
    public static TransitionMatrix sparse(DMatrixSparseCSC m, String key, RowLabel rowLabel) {
        DMatrixSparseCSC c = m.copy();
        if (!c.isIndicesSorted()) {
            c.sortIndices(null);
        }
        TransitionMatrix t = new TransitionMatrix(null, c);
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
            if (Math.abs(sum - 1.0) > ROW_SUM_TOLERANCE) {
                throw new InvalidModelException(key + label.of(r) + ": row sums to " + Fmt.num(sum)
                        + ", expected 1 (tolerance " + ROW_SUM_TOLERANCE_TEXT + ")");
            }
        }
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return cols;
    }

    public boolean isSparse() {
        return sparse != null;
    }

    /** Number of stored entries (rows x columns for dense). */
    public long nonzeros() {
        return sparse != null ? sparse.nz_length : (long) rows * cols;
    }

    /** A copy of the EJML matrix: {@link DMatrixRMaj} or {@link DMatrixSparseCSC}. */
    public org.ejml.data.DMatrix matrix() {
        return dense != null ? dense.copy() : sparse.copy();
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
