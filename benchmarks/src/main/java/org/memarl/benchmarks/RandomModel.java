package org.memarl.benchmarks;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.sparse.csc.CommonOps_DSCC;
import org.memarl.model.Mdp;
import org.memarl.model.TransitionMatrix;

/**
 * A random finite MDP for the benchmarks, deterministic for a given seed, statistically like the
 * models of {@code shared/bench/sweep.c}: transition matrix T of shape (S*A) x S (row {@code s * A + a}),
 * rewards and a start vector V uniform in [0, 1).
 *
 * <ul>
 *   <li>dense: every row of T has S weights drawn uniformly from (0, 1] and normalised;</li>
 *   <li>sparse: every row has {@code successors} distinct next states drawn uniformly over ALL states
 *       (no locality), weights uniform in (0, 1] and normalised.</li>
 * </ul>
 *
 * The EJML matrices are shared with the caller, not copied: treat them as read-only.
 */
public final class RandomModel {
    /** The fixed seed of every benchmark model. */
    public static final long SEED = 20201L;

    /** Storage of T: the {@code layout} parameter. */
    public enum Layout {
        DENSE, SPARSE;

        /** Parses a JMH parameter value; throws IllegalArgumentException naming the value. */
        public static Layout of(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layout: \"" + name + "\" is not one of dense, sparse", e);
            }
        }
    }

    private final Layout layout;
    private final int states;
    private final int actions;
    private final int successors;
    private final DMatrixRMaj dense;
    private DMatrixSparseCSC sparse;
    private final DMatrixSparseCSC sparseTransposed;
    private final double[] rewards;
    private final double[] values;

    private RandomModel(Layout layout, int states, int actions, int successors, DMatrixRMaj dense,
                        DMatrixSparseCSC sparseTransposed, double[] rewards, double[] values) {
        this.layout = layout;
        this.states = states;
        this.actions = actions;
        this.successors = successors;
        this.dense = dense;
        this.sparseTransposed = sparseTransposed;
        this.sparse = null; // built on request (a copy of 12 bytes per nonzero)
        this.rewards = rewards;
        this.values = values;
    }

    /**
     * Generates a model.
     *
     * @param successors next states per row (sparse only; ignored for dense, where every row has S)
     * @throws IllegalArgumentException if a count is not positive or {@code successors > states} (sparse)
     * @throws ArithmeticException if S*A*k overflows an int (EJML indexes with ints)
     */
    public static RandomModel generate(String layout, int states, int actions, int successors, long seed) {
        Layout l = Layout.of(layout);
        check("states", states);
        check("actions", actions);
        int rows = Math.multiplyExact(states, actions);
        SplittableRandom rng = new SplittableRandom(seed);
        DMatrixRMaj dense = null;
        DMatrixSparseCSC transposed = null;
        int k;
        if (l == Layout.DENSE) {
            k = states;
            Math.multiplyExact(rows, states);
            dense = new DMatrixRMaj(rows, states);
            for (int r = 0; r < rows; r++) {
                fillDistribution(rng, dense.data, r * states, states);
            }
        } else {
            check("successors", successors);
            if (successors > states) {
                throw new IllegalArgumentException("successors: " + successors + " > states " + states);
            }
            k = successors;
            transposed = randomTransposedCsr(rng, states, rows, k);
        }
        double[] r = new double[rows];
        for (int i = 0; i < rows; i++) {
            r[i] = rng.nextDouble();
        }
        double[] v = new double[states];
        for (int i = 0; i < states; i++) {
            v[i] = rng.nextDouble();
        }
        return new RandomModel(l, states, actions, k, dense, transposed, r, v);
    }

    private static void check(String key, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(key + ": " + n + " is not a positive integer");
        }
    }

    /** Weights uniform in (0, 1], normalised to sum 1, into {@code d[off .. off + n)}. */
    private static void fillDistribution(SplittableRandom rng, double[] d, int off, int n) {
        double sum = 0.0;
        for (int j = 0; j < n; j++) {
            double w = 1.0 - rng.nextDouble();
            d[off + j] = w;
            sum += w;
        }
        for (int j = 0; j < n; j++) {
            d[off + j] /= sum;
        }
    }

    /**
     * T^T as an S x rows CSC matrix, i.e. T in compressed rows: column r holds the k distinct,
     * sorted successors of row r (Floyd's sampling) and their normalised weights.
     */
    private static DMatrixSparseCSC randomTransposedCsr(SplittableRandom rng, int states, int rows, int k) {
        int nnz = Math.multiplyExact(rows, k);
        DMatrixSparseCSC t = new DMatrixSparseCSC(states, rows, nnz);
        boolean[] taken = new boolean[states];
        int[] pick = new int[k];
        for (int r = 0; r < rows; r++) {
            int n = 0;
            for (int j = states - k; j < states; j++) {
                int c = rng.nextInt(j + 1);
                if (taken[c]) {
                    c = j;
                }
                taken[c] = true;
                pick[n++] = c;
            }
            Arrays.sort(pick);
            int off = r * k;
            for (int j = 0; j < k; j++) {
                taken[pick[j]] = false;
                t.nz_rows[off + j] = pick[j];
            }
            fillDistribution(rng, t.nz_values, off, k);
            t.col_idx[r + 1] = off + k;
        }
        t.nz_length = nnz;
        t.indicesSorted = true;
        return t;
    }

    public Layout layout() {
        return layout;
    }

    public int states() {
        return states;
    }

    public int actions() {
        return actions;
    }

    /** Stored entries per row of T: {@code successors} for sparse, S for dense. */
    public int successors() {
        return successors;
    }

    /** Rows of T: S * A. */
    public int rows() {
        return states * actions;
    }

    /** Stored entries of T: S * A * k (k = S for dense). */
    public long nonzeros() {
        return (long) rows() * successors;
    }

    /** T (S*A) x S, dense; null for the sparse layout. Shared, do not modify. */
    public DMatrixRMaj dense() {
        return dense;
    }

    /** T (S*A) x S, sparse CSC (computed on first request); null for the dense layout. Shared, do not modify. */
    public synchronized DMatrixSparseCSC sparse() {
        if (sparse == null && sparseTransposed != null) {
            sparse = CommonOps_DSCC.transpose(sparseTransposed, null, null);
        }
        return sparse;
    }

    /** T^T S x (S*A), sparse CSC (T in compressed rows); null for the dense layout. Shared, do not modify. */
    public DMatrixSparseCSC sparseTransposed() {
        return sparseTransposed;
    }

    /** Rewards r(s, a) at {@code s * A + a} (shared, do not modify). */
    public double[] rewards() {
        return rewards;
    }

    /** A start vector V of length S (a fresh copy). */
    public double[] values() {
        return values.clone();
    }

    /**
     * T as memarl's validated transition matrix: dense, a copy of the EJML matrix; sparse, the
     * compressed rows of {@link #sparseTransposed()} adopted by {@link TransitionMatrix#compressedRows}
     * (shared with that matrix, no copy: a 1e6-state model is held once).
     */
    public TransitionMatrix transitions() {
        int a = actions;
        TransitionMatrix.RowLabel label = r -> "[" + (r / a) + "][" + (r % a) + "]";
        if (dense != null) {
            return TransitionMatrix.dense(dense, "transitions", label);
        }
        DMatrixSparseCSC t = sparseTransposed;
        return TransitionMatrix.compressedRows(rows(), states, t.col_idx, t.nz_rows, t.nz_values, "transitions", label);
    }

    /** The model as an infinite-horizon MDP with the uniform action prior. */
    public Mdp mdp(double gamma) {
        double[][] r = new double[states][];
        for (int s = 0; s < states; s++) {
            r[s] = Arrays.copyOfRange(rewards, s * actions, s * actions + actions);
        }
        return Mdp.builder().name("random-" + layout.name().toLowerCase(Locale.ROOT))
                .states(states).actions(actions).gamma(gamma).transitions(transitions()).rewards(r).build();
    }

    /**
     * Bytes one Jacobi sweep must move at least, each array once: T's values (8 B per entry) and,
     * sparse, its column indices (4 B per entry) and row starts (4 B per row); the rewards (8 B per
     * row); V read once and V' written once (8 B per state each). The gather of V(s') is counted once,
     * i.e. as if V stays in cache, which holds while 8 S bytes fit in L2.
     */
    public long sweepBytes() {
        long rowsL = rows();
        long perEntry = dense != null ? 8L : 12L;
        long perRow = dense != null ? 8L : 12L;
        return nonzeros() * perEntry + rowsL * perRow + 16L * states;
    }
}
