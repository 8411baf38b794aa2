package org.memarl.solve;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.memarl.InvalidModelException;
import org.memarl.kernel.Chain;
import org.memarl.model.TransitionMatrix;

/**
 * A chain problem: a {@link Chain} over <em>contexts</em> (the states, or augmented states such as the
 * option pair {@code (s, z_prev)}) together with how each leaf's continuation is formed. Its Bellman
 * operator ({@link ChainBellman}) and solver ({@link ChainSolver}) are those of
 *
 * <pre>
 *   Q(c, x_1..x_K) = r(row) + gamma * sum_{c'} T(c' | row) V(c'),   row = block(c) * R + leafToRow[x_1..x_K]
 *   V(c)           = M_{x_1}^{beta_1}[ ... M_{x_K}^{beta_K}[ Q(c, x_1..x_K) | P_K(. | c, x_&lt;K) ] ... | P_1(. | c) ]
 * </pre>
 *
 * <p>The rows of T hold the successor distribution over <em>contexts</em> (not only states: an option
 * row {@code (s, z, a)} leads to the context {@code (s', z)} with probability {@code T(s' | s, a)}), one
 * reward per row. Contexts come in blocks of {@code contextsPerBlock} consecutive contexts that share one
 * block of {@code rowsPerBlock} rows (all option contexts {@code (s, .)} share the rows of s), and the
 * leaf {@code j} (row-major over the levels, outermost slowest) of a context reads row offset
 * {@code leafToRow[j]} of its block: the map may be many-to-one (the terminating and the continuing leaf
 * of an option read the same row) and may permute (a game chain with the opponent outermost reads the
 * agent-major rows {@code a B + b}). With one context per block and the identity map this is the plain
 * model: rows {@code s L + j}.
 *
 * <p>{@code horizon} 0 means the infinite-horizon fixed point (gamma &lt; 1); {@code H > 0} the exact
 * backward recursion {@code V_H = 0, V_t = B V_{t+1}}. Names (of contexts and of each level's choices)
 * label results. Immutable (arrays are copied on the way in, except T, which is immutable itself).
 */
public final class ChainProblem {
    private final Chain chain;
    private final TransitionMatrix transitions;
    private final double[] rewards;
    private final double gamma;
    private final int horizon;
    private final int contextsPerBlock;
    private final int rowsPerBlock;
    private final int[] leafToRow;
    private final List<String> contextNames;
    private final List<List<String>> choiceNames;

    private ChainProblem(Builder b) {
        if (b.chain == null || b.transitions == null || b.rewards == null) {
            throw new InvalidModelException("chain problem: " + (b.chain == null ? "chain" : b.transitions == null
                    ? "transitions" : "rewards") + " missing");
        }
        this.chain = b.chain;
        this.transitions = b.transitions;
        int contexts = chain.contexts();
        int m = b.contextsPerBlock;
        if (m < 1 || contexts % m != 0) {
            throw new InvalidModelException("contextsPerBlock: " + m + " does not divide the " + contexts + " contexts");
        }
        int blocks = contexts / m;
        int leaf = chain.leafSize();
        int r = b.rowsPerBlock > 0 ? b.rowsPerBlock : leaf;
        if ((long) blocks * r != transitions.rows() || transitions.columns() != contexts) {
            throw new InvalidModelException("transitions: shape " + transitions.rows() + " x " + transitions.columns()
                    + " does not fit " + blocks + " blocks of " + r + " rows over " + contexts + " contexts");
        }
        if (b.rewards.length != transitions.rows()) {
            throw new InvalidModelException("rewards: length " + b.rewards.length + ", expected " + transitions.rows()
                    + " (one per row)");
        }
        org.memarl.model.Probabilities.finite("rewards", b.rewards);
        if (!(b.gamma >= 0.0 && b.gamma <= 1.0)) {
            throw new InvalidModelException("gamma: " + b.gamma + " is not in [0, 1]");
        }
        if (b.horizon < 0) {
            throw new InvalidModelException("horizon: " + b.horizon + " is negative");
        }
        if (b.leafToRow == null) {
            if (r != leaf) {
                throw new InvalidModelException("leafToRow: missing, and the " + leaf + " leaves differ from the "
                        + r + " rows per block");
            }
            this.leafToRow = null;
        } else {
            if (b.leafToRow.length != leaf) {
                throw new InvalidModelException("leafToRow: length " + b.leafToRow.length + ", expected " + leaf);
            }
            boolean identity = r == leaf;
            for (int j = 0; j < leaf; j++) {
                int x = b.leafToRow[j];
                if (x < 0 || x >= r) {
                    throw new InvalidModelException("leafToRow[" + j + "]: " + x + " is not a row offset in [0, " + r + ")");
                }
                identity &= x == j;
            }
            this.leafToRow = identity ? null : b.leafToRow.clone();
        }
        this.rewards = b.rewards.clone();
        this.gamma = b.gamma;
        this.horizon = b.horizon;
        this.contextsPerBlock = m;
        this.rowsPerBlock = r;
        this.contextNames = b.contextNames == null ? null : checkNames("contexts", b.contextNames, contexts);
        List<List<String>> cn = new ArrayList<>();
        for (int k = 0; k < chain.depth(); k++) {
            Chain.Level l = chain.levels().get(k);
            List<String> given = b.choiceNames.size() > k ? b.choiceNames.get(k) : null;
            cn.add(given == null ? defaultNames(l.size()) : checkNames("levels[" + k + "] (" + l.name() + ") names",
                    given, l.size()));
        }
        this.choiceNames = Collections.unmodifiableList(cn);
    }

    private static List<String> checkNames(String key, List<String> names, int n) {
        if (names.size() != n) {
            throw new InvalidModelException(key + ": " + names.size() + " names, expected " + n);
        }
        return List.copyOf(names);
    }

    private static List<String> defaultNames(int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(Integer.toString(i));
        }
        return Collections.unmodifiableList(out);
    }

    /** A builder for a problem over the chain's contexts. */
    public static Builder builder(Chain chain, TransitionMatrix transitions, double[] rewards, double gamma) {
        return new Builder(chain, transitions, rewards, gamma);
    }

    /** Builder; {@link #build()} validates. */
    public static final class Builder {
        private final Chain chain;
        private final TransitionMatrix transitions;
        private final double[] rewards;
        private final double gamma;
        private int horizon;
        private int contextsPerBlock = 1;
        private int rowsPerBlock;
        private int[] leafToRow;
        private List<String> contextNames;
        private final List<List<String>> choiceNames = new ArrayList<>();

        private Builder(Chain chain, TransitionMatrix transitions, double[] rewards, double gamma) {
            this.chain = chain;
            this.transitions = transitions;
            this.rewards = rewards;
            this.gamma = gamma;
        }

        /** A finite horizon H &gt; 0 (exact backward recursion), or 0 for the fixed point (default). */
        public Builder horizon(int h) {
            this.horizon = h;
            return this;
        }

        /**
         * Contexts {@code c = block * m + i} ({@code i < m}) share the rows of {@code block}; rows per block R
         * (default: the chain's leaf size), leaf j reads row offset {@code leafToRow[j]} (null: identity).
         */
        public Builder blocks(int contextsPerBlock, int rowsPerBlock, int[] leafToRow) {
            this.contextsPerBlock = contextsPerBlock;
            this.rowsPerBlock = rowsPerBlock;
            this.leafToRow = leafToRow;
            return this;
        }

        /** Leaf j reads row offset {@code leafToRow[j]} of its block (rows per block = the leaf size). */
        public Builder leafToRow(int[] map) {
            this.leafToRow = map;
            return this;
        }

        /** Names of the contexts (for results), or null for their indices. */
        public Builder contextNames(List<String> names) {
            this.contextNames = names;
            return this;
        }

        /** Names of the choices of each level, outermost first (null entries: indices). */
        public Builder choiceNames(List<List<String>> names) {
            this.choiceNames.clear();
            this.choiceNames.addAll(names);
            return this;
        }

        /**
         * The problem; checks the block layout, the leaf-to-row map, the rewards' length against T's rows, T's
         * columns against the contexts, gamma and the horizon.
         *
         * @throws InvalidModelException naming the inconsistent part
         */
        public ChainProblem build() {
            return new ChainProblem(this);
        }
    }

    /** A copy with another chain of the same shape (contexts and level sizes), e.g. other betas. */
    public ChainProblem withChain(Chain other) {
        if (other.contexts() != chain.contexts() || other.leafSize() != chain.leafSize()) {
            throw new InvalidModelException("chain: shape differs from the problem's");
        }
        return toBuilder(other).build();
    }

    /** A copy with another horizon (0: the fixed point). */
    public ChainProblem withHorizon(int h) {
        return toBuilder(chain).horizon(h).build();
    }

    private Builder toBuilder(Chain c) {
        Builder b = builder(c, transitions, rewards, gamma).horizon(horizon)
                .blocks(contextsPerBlock, rowsPerBlock, leafToRow).contextNames(contextNames);
        if (c.depth() == chain.depth()) {
            b.choiceNames(choiceNames);
        }
        return b;
    }

    /** The chain reducing each context's leaf Q to V. */
    public Chain chain() {
        return chain;
    }

    /** T: one row per (block, row offset), columns over contexts. */
    public TransitionMatrix transitions() {
        return transitions;
    }

    /** The reward of row {@code row} of T. */
    public double reward(int row) {
        return rewards[row];
    }

    /** The rewards, one per row (a copy). */
    public double[] rewards() {
        return rewards.clone();
    }

    /** The rewards without a copy, for the sweep kernel of this package. */
    double[] rewardsShared() {
        return rewards;
    }

    /** The discount factor. */
    public double gamma() {
        return gamma;
    }

    /** 0: the infinite-horizon fixed point; H &gt; 0: the exact H-step backward recursion. */
    public int horizon() {
        return horizon;
    }

    /** The number of contexts (the chain's). */
    public int contexts() {
        return chain.contexts();
    }

    /** Consecutive contexts that share one block of rows (1 for a plain model; the option tuples for options). */
    public int contextsPerBlock() {
        return contextsPerBlock;
    }

    /** The rows of T per block (the leaf-to-row map's range). */
    public int rowsPerBlock() {
        return rowsPerBlock;
    }

    /** The row of T that leaf j of context c reads. */
    public int row(int context, int leaf) {
        return (context / contextsPerBlock) * rowsPerBlock + (leafToRow == null ? leaf : leafToRow[leaf]);
    }

    /** The leaf-to-row map (a copy), or null for the identity. */
    public int[] leafToRow() {
        return leafToRow == null ? null : leafToRow.clone();
    }

    int[] leafToRowShared() {
        return leafToRow;
    }

    /** Names of the contexts: the given ones, or their indices. */
    public List<String> contextNames() {
        if (contextNames != null) {
            return contextNames;
        }
        return defaultNames(chain.contexts());
    }

    /** Names of the choices of level k. */
    public List<String> choiceNames(int k) {
        return choiceNames.get(k);
    }
}
