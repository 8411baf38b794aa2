package org.memarl.solve;

import org.memarl.InvalidModelException;
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
 * the Q values of its block of rows ({@link TransitionMatrix#q}: dense rows four at a time, compressed
 * rows with one running sum each; a batch of states at a time), then the chain's nested reductions over
 * the block with {@link Chain#reduceFast} (per reduction one pass for the extremum, one {@code exp} per
 * entry and one {@code log}; the exact {@link org.memarl.kernel.SoftExtremum#value} for beta = 0, small
 * |beta| and special values). Two common shapes have their own loops, with the same results: one-level
 * hard chains (value iteration) take the max / min with Q in registers, and one-level soft chains on
 * sparse T (soft value iteration) interleave the exponentials of one state with the loads of the next
 * (see {@code jacobiPipelined}); the sparse sweep at scale is bound by the latency of the random loads of
 * V(s'), so what matters is how many of them the processor keeps in flight.
 *
 * <p>Jacobi sweeps run in parallel on {@code threads} threads of a fixed pool
 * ({@link #apply(double[], double[], int)}), which claim contiguous chunks of states one at a time; every
 * V'(s) is computed by the same instructions whatever the thread count and chunking, so the result is
 * bit for bit the sequential one.
 * Gauss-Seidel sweeps are sequential (in place, in state order), so their result is the defined
 * Gauss-Seidel iterate. Nothing is allocated per sweep (per-thread workspaces are created at the first
 * sweep with a given thread count).
 *
 * <p>How a chain plugs in: through a {@link ChainProblem} (contexts in blocks sharing rows, each leaf read
 * from row {@code block R + leafToRow[j]}). One-level chains over states (MDPs: rows {@code s A + a}),
 * two-level chains (games: rows {@code (s A + a) B + b}, permuted when the opponent is outermost) and
 * deeper chains over augmented contexts all run through this kernel: soft options, its critic and
 * ma-soft-options ({@code org.memarl.chains.ThesisChains}) have contexts {@code (s, z_prev)} (resp.
 * {@code (s, z'_i, z'_-i)}) sharing the rows of s, and many-to-one leaf maps (the continuing and the
 * terminating leaf of an option read the same row). The two special fast loops above apply only to
 * one-level chains over plain rows; every deeper chain takes the general path.
 *
 * <p>Not thread-safe (one operator per solve); cost per sweep O(nnz(T) + S L).
 */
public final class ChainBellman implements ValueOperator {
    private final ChainProblem problem;
    private final TransitionMatrix transitions;
    private final double[] rewards;
    private final double gamma;
    private final Chain chain;
    private final Chain.Workspace ws;
    private final double[] leaf;
    /** Contexts C: the size of V. */
    private final int states;
    /** Blocks of rows: C / contextsPerBlock. */
    private final int blocks;
    /** Contexts per block m (1 for the plain model). */
    private final int perBlock;
    /** Rows of T per block R. */
    private final int rowsPerBlock;
    private final int leafSize;
    /** leafToRow[j] = offset, within a block of rows, of the row of leaf j (identity when null). */
    private final int[] leafToRow;
    /** Per-block scratch of the parallel sweep: index = block; grown on demand, then reused. */
    private Scratch[] scratch = new Scratch[0];
    private final Scratch own;
    private final ParallelJacobi parallel = new ParallelJacobi();
    /**
     * +1 (-1) when the chain is one level with beta = +inf (-inf) and equal prior weights over plain rows: then
     * V'(s) is the maximum (minimum) of the state's Q values, computed by the fused
     * {@link TransitionMatrix#extremeQ} with the Q values in registers (the same value as the general path,
     * which a NaN falls back to); 0 otherwise.
     */
    private final int hard;
    /**
     * True when the chain is one level with a finite nonzero beta and equal prior weights, T is sparse and
     * the rows are plain: Jacobi sweeps then run {@link #jacobiPipelined}.
     */
    private final boolean pipelined;
    /** The outermost level's beta. */
    private final double beta0;
    /** Blocks per batch of the Jacobi sweep: about {@link #BATCH_ROWS} rows of T, at least one block. */
    private final int batch;
    /** Rows of T per batch: the batch's Q (2 kB) stays in the L1 cache. */
    static final int BATCH_ROWS = 256;
    /** Minimum stored entries of T per chunk of a parallel sweep (well over the cost of claiming it). */
    static final int MIN_CHUNK_WORK = 1 << 16;

    /**
     * The plain chain over states: leaf j of state s is row {@code s L + j}.
     *
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
     * @throws InvalidModelException if the shapes do not fit or leafToRow is not a permutation
     */
    public ChainBellman(TransitionMatrix transitions, double[] rewards, double gamma, Chain chain, int[] leafToRow) {
        this(ChainProblem.builder(chain, transitions, rewards, gamma).leafToRow(checkPermutation(leafToRow, chain)).build());
    }

    private static int[] checkPermutation(int[] leafToRow, Chain chain) {
        if (leafToRow != null) {
            int n = chain.leafSize();
            if (leafToRow.length != n) {
                throw new InvalidModelException("leafToRow: length " + leafToRow.length + ", expected " + n);
            }
            boolean[] seen = new boolean[n];
            for (int j : leafToRow) {
                if (j < 0 || j >= n || seen[j]) {
                    throw new InvalidModelException("leafToRow: not a permutation of 0.." + (n - 1));
                }
                seen[j] = true;
            }
        }
        return leafToRow;
    }

    /** The Bellman operator of a chain problem (any contexts, blocks and leaf-to-row map). */
    public ChainBellman(ChainProblem problem) {
        this.problem = problem;
        this.chain = problem.chain();
        this.transitions = problem.transitions();
        this.rewards = problem.rewardsShared();
        this.gamma = problem.gamma();
        this.states = chain.contexts();
        this.perBlock = problem.contextsPerBlock();
        this.blocks = states / perBlock;
        this.rowsPerBlock = problem.rowsPerBlock();
        this.leafSize = chain.leafSize();
        this.leafToRow = problem.leafToRowShared();
        boolean plain = perBlock == 1 && leafToRow == null;
        this.batch = Math.max(1, Math.min(blocks, BATCH_ROWS / Math.max(1, rowsPerBlock)));
        double b0 = chain.levels().get(0).beta();
        this.hard = plain && chain.depth() == 1 && chain.uniformSweepPrior(0) && Double.isInfinite(b0)
                ? (b0 > 0 ? 1 : -1) : 0;
        this.beta0 = b0;
        this.pipelined = plain && chain.depth() == 1 && chain.uniformSweepPrior(0) && transitions.isSparse()
                && b0 != 0.0 && !Double.isInfinite(b0) && !Double.isNaN(b0);
        this.ws = chain.newWorkspace();
        this.leaf = new double[leafSize];
        this.own = new Scratch();
    }

    /** The problem this operator sweeps. */
    public ChainProblem problem() {
        return problem;
    }

    /** Scratch space of one thread of a sweep. */
    private final class Scratch {
        final Chain.Workspace ws = chain.newWorkspace();
        /** Q of a batch of blocks, in row order. */
        final double[] rows = new double[batch * rowsPerBlock];
        /** One context's Q in leaf order (when it differs from the row order); the pipelined sweep's second buffer. */
        final double[] leaves = new double[Math.max(leafSize, rowsPerBlock)];
        /** The new values of one block's contexts (Gauss-Seidel). */
        final double[] block = new double[perBlock];
    }

    /**
     * V' of the contexts of block {@code blk} from the values {@code v}, into {@code out[outOff ..]} (the
     * sweep kernel for one block; Gauss-Seidel). Plain hard chains keep Q in registers.
     */
    private void backup(int blk, double[] v, Scratch sc, double[] out, int outOff) {
        if (hard != 0) {
            double x = transitions.extremeQ(blk * leafSize, leafSize, rewards, gamma, v, hard > 0, sc.rows);
            if (x == x) {
                out[outOff] = x;
                return;
            }
        }
        transitions.q(blk * rowsPerBlock, rowsPerBlock, rewards, gamma, v, sc.rows, 0);
        for (int i = 0; i < perBlock; i++) {
            out[outOff + i] = reduce(blk * perBlock + i, sc.rows, 0, sc);
        }
    }

    /** V'(c) from the Q of c's block held in row order at {@code rows[off ..]}. */
    private double reduce(int c, double[] rows, int off, Scratch sc) {
        if (leafToRow == null) {
            return chain.reduceFast(c, rows, off, sc.ws);
        }
        for (int j = 0; j < leafSize; j++) {
            sc.leaves[j] = rows[off + leafToRow[j]];
        }
        return chain.reduceFast(c, sc.leaves, 0, sc.ws);
    }

    /**
     * Jacobi over the blocks {@code from .. to-1} (states, for plain problems): soft one-level chains on sparse T by {@link #jacobiPipelined};
     * hard one-level chains state by state with the fused {@link TransitionMatrix#extremeQ}; every other
     * chain {@link #batch} states at a time: first the Q of the whole batch (one uninterrupted pass over
     * its rows of T, so that the loads of V(s') of many rows are in flight together), then the batch's
     * reductions. Each state's V' is computed by the same
     * instructions whatever the batch boundaries ({@link TransitionMatrix#q} computes each row alone).
     */
    private void jacobi(double[] in, double[] out, int from, int to, Scratch sc) {
        if (pipelined) {
            jacobiPipelined(in, out, from, to, sc);
            return;
        }
        if (hard != 0) {
            for (int s = from; s < to; s++) {
                backup(s, in, sc, out, s);
            }
            return;
        }
        double[] rows = sc.rows;
        int r = rowsPerBlock;
        int m = perBlock;
        for (int b0 = from; b0 < to; b0 += batch) {
            int b1 = Math.min(to, b0 + batch);
            transitions.q(b0 * r, (b1 - b0) * r, rewards, gamma, in, rows, 0);
            for (int blk = b0; blk < b1; blk++) {
                int off = (blk - b0) * r;
                for (int i = 0; i < m; i++) {
                    int c = blk * m + i;
                    out[c] = reduce(c, rows, off, sc);
                }
            }
        }
    }

    /**
     * Jacobi for one-level soft chains with equal prior weights on sparse T, software-pipelined: while
     * the Q values of state s are gathered (row by row, in registers, with their running max and min),
     * the exponentials of state s-1, whose inputs are ready, are interleaved with them, so that the
     * processor keeps the loads of V(s') in flight instead of stalling on the exponentials at the end of
     * each state. Each V'(s) is the value {@link org.memarl.kernel.SoftExtremum#fastValue} gives for the
     * same Q: the same maximum, minimum and shift, the same sum of {@code exp(beta (Q - Q*))} in action order and the
     * same final expression; the cases it delegates (small |beta Q|, an infinite or NaN value) go to
     * {@link Chain#reduceFast} with the state's Q, and the speculative sum is discarded.
     */
    private void jacobiPipelined(double[] in, double[] out, int from, int to, Scratch sc) {
        if (from >= to) {
            return;
        }
        final int n = leafSize;
        final double beta = beta0;
        final TransitionMatrix t = transitions;
        final double[] r = rewards;
        final double g = gamma;
        double[] prev = sc.rows;
        double[] cur = sc.leaves;
        double pHi = Double.NEGATIVE_INFINITY;
        double pLo = Double.POSITIVE_INFINITY;
        int base = from * n;
        for (int i = 0; i < n; i++) {
            double q = t.qRow(base + i, r, g, in);
            prev[i] = q;
            pHi = Math.max(pHi, q);
            pLo = Math.min(pLo, q);
        }
        for (int s = from + 1; s < to; s++) {
            double pBest = beta > 0.0 ? pHi : pLo;
            double hi = Double.NEGATIVE_INFINITY;
            double lo = Double.POSITIVE_INFINITY;
            double z = 0.0;
            int rb = s * n;
            for (int i = 0; i < n; i++) {
                double q = t.qRow(rb + i, r, g, in);
                cur[i] = q;
                hi = Math.max(hi, q);
                lo = Math.min(lo, q);
                z += Math.exp(beta * (prev[i] - pBest));
            }
            out[s - 1] = finishSoft(s - 1, prev, pHi, pLo, z, sc);
            double[] swap = prev;
            prev = cur;
            cur = swap;
            pHi = hi;
            pLo = lo;
        }
        double pBest = beta > 0.0 ? pHi : pLo;
        double z = 0.0;
        for (int i = 0; i < n; i++) {
            z += Math.exp(beta * (prev[i] - pBest));
        }
        out[to - 1] = finishSoft(to - 1, prev, pHi, pLo, z, sc);
    }

    /** {@link org.memarl.kernel.SoftExtremum#fastValue}'s last step for a uniform prior, given its max, min and shifted sum. */
    private double finishSoft(int s, double[] f, double hi, double lo, double z, Scratch sc) {
        double beta = beta0;
        double best = beta > 0.0 ? hi : lo;
        if (Math.abs(beta) * Math.max(Math.abs(hi), Math.abs(lo)) >= 1.0 && !Double.isInfinite(best)) {
            return best + Math.log(z / leafSize) / beta;
        }
        return chain.reduceFast(s, f, 0, sc.ws);
    }

    /** The job of a parallel Jacobi sweep: fields set per sweep, so that handing it over allocates nothing. */
    private final class ParallelJacobi implements SweepPool.Blocks {
        double[] in;
        double[] out;

        @Override
        public void run(int chunk, int chunks, int slot) {
            int from = (int) ((long) blocks * chunk / chunks);
            int to = (int) ((long) blocks * (chunk + 1) / chunks);
            jacobi(in, out, from, to, scratch[slot]);
        }
    }

    /** The chain that reduces each context's leaf block (the problem's chain). */
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

    /** {@code out[j] = Q(c, j) = r(row) + gamma E[v(c') | row]} for the leaves of context c (leaf order). */
    public void q(int c, double[] v, double[] out, int outOff) {
        int base = (c / perBlock) * rowsPerBlock;
        for (int j = 0; j < leafSize; j++) {
            int row = base + (leafToRow == null ? j : leafToRow[j]);
            out[outOff + j] = rewards[row] + gamma * transitions.expect(row, v);
        }
    }

    /** {@code out[k] = Q(row k of c's block)} in the model's row order (k = row offset within the block). */
    public void qRows(int c, double[] v, double[] out, int outOff) {
        int base = (c / perBlock) * rowsPerBlock;
        for (int k = 0; k < rowsPerBlock; k++) {
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
        jacobi(in, out, 0, blocks, own);
    }

    /**
     * A Jacobi sweep on {@code threads} threads, which claim chunks of contiguous states from a shared
     * counter (about 16 chunks per thread); bit-identical to {@link #apply(double[], double[])} for every
     * thread count.
     */
    @Override
    public void apply(double[] in, double[] out, int threads) {
        int t = Math.max(1, Math.min(threads, blocks));
        if (t == 1) {
            jacobi(in, out, 0, blocks, own);
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
            SweepPool.run(parallel, chunks(t), t);
        } finally {
            parallel.in = null;
            parallel.out = null;
        }
    }

    /**
     * The number of chunks a parallel sweep on {@code t} threads is cut into: a multiple of t, up to 16
     * per thread, so that a thread slowed by other work on its core hands its share to the others, but
     * with at least {@link #MIN_CHUNK_WORK} stored entries of T and one state per chunk (the cost of
     * claiming a chunk stays negligible).
     */
    private int chunks(int t) {
        long work = Math.max(transitions.nonzeros(), (long) states * leafSize);
        long perThread = Math.max(1L, Math.min(16L, work / ((long) t * MIN_CHUNK_WORK)));
        return (int) Math.max(1L, Math.min((long) t * perThread, blocks));
    }

    @Override
    public double applyInPlace(double[] v) {
        double res = 0.0;
        double[] nv = own.block;
        for (int blk = 0; blk < blocks; blk++) {
            backup(blk, v, own, nv, 0);
            for (int i = 0; i < perBlock; i++) {
                int c = blk * perBlock + i;
                double d = Math.abs(nv[i] - v[c]);
                if (!(d <= res)) {
                    res = d;
                }
                v[c] = nv[i];
            }
        }
        return res;
    }

    /** Q for all contexts: {@code [c][j]} in leaf order. */
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
