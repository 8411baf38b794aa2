package org.memarl.solve;

import org.memarl.kernel.Chain;
import org.memarl.model.TransitionMatrix;

/**
 * The Bellman operator of a chain on state values:
 *
 * <pre>
 *   Q(s, x_1..x_K) = r(s, x_1..x_K) + gamma * sum_{s'} T(s' | s, x_1..x_K) V(s')
 *   (B V)(s)       = Chain.reduce(s, Q(s, .))
 * </pre>
 *
 * where the joint choice {@code x_1..x_K} of state s is row {@code s * L + j} of the transition
 * matrix and of the reward vector (L = the chain's leaf size, j the row-major joint index). With the
 * one-level chain over actions this is soft value iteration (2.48-2.49), hard value iteration (2.19)
 * at beta = +inf; with two levels it is the games' family of chapter 3. A gamma-contraction in the
 * sup norm for every beta of every level (thesis appendix A.3.3, which the ledger checks).
 *
 * <p>The sweeps ({@link #apply}, {@link #applyInPlace}) are the fused kernel of the library: per state,
 * the Q values of its block of rows ({@link TransitionMatrix#q}: dense rows or compressed sparse rows,
 * several partial sums), then the chain's nested reductions over the block with
 * {@link Chain#reduceFast} (per reduction one pass for the extremum, one {@code exp} per entry and one
 * {@code log}; the exact {@link org.memarl.kernel.SoftExtremum#value} for beta = 0, small |beta| and
 * special values). Jacobi sweeps run in parallel over {@code threads} contiguous blocks of states
 * ({@link #apply(double[], double[], int)}) on a fixed pool of worker threads; every V'(s) is computed
 * by the same instructions whatever the thread count, so the result is bit for bit the sequential one.
 * Gauss-Seidel sweeps are sequential (in place, in state order), so their result is the defined
 * Gauss-Seidel iterate. Nothing is allocated per sweep (per-thread workspaces are created at the first
 * sweep with a given thread count).
 *
 * <p>How a chain plugs in: any {@link Chain} whose leaf block of context s is rows
 * {@code s L .. s L + L - 1} of T and of the rewards (optionally permuted by {@code leafToRow}) runs
 * through this kernel: one-level chains (MDPs), two-level chains (games: rows {@code (s A + a) B + b}),
 * and deeper chains over augmented contexts (options: termination, option, action) alike.
 *
 * <p>Not thread-safe (one operator per solve); cost per sweep O(nnz(T) + S L).
 */
public final class ChainBellman implements ValueOperator {
    private final TransitionMatrix transitions;
    private final double[] rewards;
    private final double gamma;
    private final Chain chain;
    private final Chain.Workspace ws;
    private final double[] leaf;
    private final int states;
    private final int leafSize;
    /** leafToRow[j] = offset, within a state's block of rows, of the row of leaf j (identity when null). */
    private final int[] leafToRow;
    /** Per-block scratch of the parallel sweep: index = block; grown on demand, then reused. */
    private Scratch[] scratch = new Scratch[0];
    private final Scratch own;
    private final ParallelJacobi parallel = new ParallelJacobi();

    /**
     * @param rewards one reward per transition row (copied)
     */
    public ChainBellman(TransitionMatrix transitions, double[] rewards, double gamma, Chain chain) {
        this(transitions, rewards, gamma, chain, null);
    }

    /**
     * A chain whose leaf order differs from the row order of the model: leaf j of state s reads row
     * {@code s * L + leafToRow[j]}. Games store rows as {@code (s A + a) B + b}; a chain with the
     * opponent outermost (ROMMEO, Balancing Q from the opponent's perspective) has leaves
     * {@code b A + a}, so {@code leafToRow[b A + a] = a B + b}.
     *
     * @param leafToRow a permutation of {@code 0 .. L-1} (copied), or null for the identity
     */
    public ChainBellman(TransitionMatrix transitions, double[] rewards, double gamma, Chain chain, int[] leafToRow) {
        this.states = chain.contexts();
        this.leafSize = chain.leafSize();
        if (transitions.rows() != states * leafSize || transitions.columns() != states) {
            throw new IllegalArgumentException("transitions: shape " + transitions.rows() + " x " + transitions.columns()
                    + " does not fit a chain of " + states + " contexts and leaf size " + leafSize);
        }
        if (rewards.length != transitions.rows()) {
            throw new IllegalArgumentException("rewards: length " + rewards.length + ", expected " + transitions.rows());
        }
        this.transitions = transitions;
        this.rewards = rewards.clone();
        this.gamma = gamma;
        this.chain = chain;
        this.ws = chain.newWorkspace();
        this.leaf = new double[leafSize];
        if (leafToRow != null) {
            if (leafToRow.length != leafSize) {
                throw new IllegalArgumentException("leafToRow: length " + leafToRow.length + ", expected " + leafSize);
            }
            boolean[] seen = new boolean[leafSize];
            for (int j : leafToRow) {
                if (j < 0 || j >= leafSize || seen[j]) {
                    throw new IllegalArgumentException("leafToRow: not a permutation of 0.." + (leafSize - 1));
                }
                seen[j] = true;
            }
            this.leafToRow = leafToRow.clone();
        } else {
            this.leafToRow = null;
        }
        this.own = new Scratch();
    }

    /** Scratch space of one thread of a sweep. */
    private final class Scratch {
        final Chain.Workspace ws = chain.newWorkspace();
        final double[] rows = new double[leafSize];
        final double[] leaves = leafToRow == null ? rows : new double[leafSize];
    }

    /** V'(s) from the values {@code v} (the sweep kernel for one state). */
    private double backup(int s, double[] v, Scratch sc) {
        transitions.q(s * leafSize, leafSize, rewards, gamma, v, sc.rows, 0);
        if (leafToRow != null) {
            for (int j = 0; j < leafSize; j++) {
                sc.leaves[j] = sc.rows[leafToRow[j]];
            }
        }
        return chain.reduceFast(s, sc.leaves, 0, sc.ws);
    }

    private void jacobi(double[] in, double[] out, int from, int to, Scratch sc) {
        for (int s = from; s < to; s++) {
            out[s] = backup(s, in, sc);
        }
    }

    /** The job of a parallel Jacobi sweep: fields set per sweep, so that handing it over allocates nothing. */
    private final class ParallelJacobi implements SweepPool.Blocks {
        double[] in;
        double[] out;

        @Override
        public void run(int block, int blocks) {
            int from = (int) ((long) states * block / blocks);
            int to = (int) ((long) states * (block + 1) / blocks);
            jacobi(in, out, from, to, scratch[block]);
        }
    }

    public Chain chain() {
        return chain;
    }

    @Override
    public int size() {
        return states;
    }

    @Override
    public double modulus() {
        return gamma;
    }

    /** {@code out[j] = Q(s, j) = r(s, j) + gamma E[v(s') | s, j]} for the leaf block of s (leaf order). */
    public void q(int s, double[] v, double[] out, int outOff) {
        int base = s * leafSize;
        for (int j = 0; j < leafSize; j++) {
            int row = base + (leafToRow == null ? j : leafToRow[j]);
            out[outOff + j] = rewards[row] + gamma * transitions.expect(row, v);
        }
    }

    /** {@code out[k] = Q(s, k)} in the model's row order (k = row offset within the state's block). */
    public void qRows(int s, double[] v, double[] out, int outOff) {
        int base = s * leafSize;
        for (int k = 0; k < leafSize; k++) {
            out[outOff + k] = rewards[base + k] + gamma * transitions.expect(base + k, v);
        }
    }

    /** V(s) from Q(s, .) held in {@code q[qOff ..]}; leaves the chain's intermediate values in the workspace. */
    public double reduce(int s, double[] q, int qOff) {
        return chain.reduce(s, q, qOff, ws);
    }

    /** The workspace of the last {@link #reduce} or sweep, for reading policies. */
    public Chain.Workspace workspace() {
        return ws;
    }

    @Override
    public void apply(double[] in, double[] out) {
        jacobi(in, out, 0, states, own);
    }

    /**
     * A Jacobi sweep over {@code threads} contiguous blocks of states ({@code states * b / threads ..});
     * bit-identical to {@link #apply(double[], double[])} for every thread count.
     */
    @Override
    public void apply(double[] in, double[] out, int threads) {
        int t = Math.max(1, Math.min(threads, states));
        if (t == 1) {
            jacobi(in, out, 0, states, own);
            return;
        }
        if (scratch.length < t) {
            Scratch[] sc = java.util.Arrays.copyOf(scratch, t);
            for (int i = scratch.length; i < t; i++) {
                sc[i] = i == 0 ? own : new Scratch();
            }
            scratch = sc;
        }
        parallel.in = in;
        parallel.out = out;
        try {
            SweepPool.run(parallel, t);
        } finally {
            parallel.in = null;
            parallel.out = null;
        }
    }

    @Override
    public double applyInPlace(double[] v) {
        double res = 0.0;
        for (int s = 0; s < states; s++) {
            double nv = backup(s, v, own);
            double d = Math.abs(nv - v[s]);
            if (!(d <= res)) {
                res = d;
            }
            v[s] = nv;
        }
        return res;
    }

    /** Q for all states: {@code [s][j]} in leaf order. */
    public double[][] qTable(double[] v) {
        double[][] out = new double[states][leafSize];
        for (int s = 0; s < states; s++) {
            q(s, v, out[s], 0);
        }
        return out;
    }

    /** The policy of the outermost level given V: {@code pi(x_1 | s)} for all states (one-level chains: pi(a|s)). */
    public double[][] outerPolicy(double[] v) {
        int n = chain.levels().get(0).size();
        double[][] out = new double[states][n];
        for (int s = 0; s < states; s++) {
            q(s, v, leaf, 0);
            chain.reduce(s, leaf, 0, ws);
            chain.policy(0, 0, ws, out[s], 0);
        }
        return out;
    }
}
