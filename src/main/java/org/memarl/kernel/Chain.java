package org.memarl.kernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.memarl.InvalidModelException;

/**
 * A nested soft extremum: an ordered list of choice variables {@code x_1 (outermost) .. x_K
 * (innermost)}, each with its own inverse temperature and conditional prior, reduced innermost
 * first:
 *
 * <pre>
 *   f_K(x_1..x_K)      = leaf(context, x_1..x_K)
 *   f_{k-1}(x_1..x_{k-1}) = M_{x_k}^{beta_k}[ f_k(x_1..x_{k-1}, .) | P_k(. | context, x_1..x_{k-1}) ]
 *   V(context)         = f_0
 * </pre>
 *
 * <p>Every soft recursion of the thesis is a fixed point {@code Q = r + gamma E V} with V such a chain,
 * declared in {@code org.memarl.chains.ThesisChains} and solved by {@code org.memarl.solve.ChainSolver}
 * (the algorithms run nothing else): soft value iteration (2.48-2.49) is the one-level chain over the
 * action; ROMMEO (3.14-3.15) is (opponent, agent); PR2 and Balancing Q (3.28-3.32) are (agent, opponent)
 * with two betas (Probabilistic Balancing Q (3.49-3.54) is the latter in scaled units); soft options
 * (4.5-4.8, C.1) are (termination, option, action) over the augmented contexts (s, z_prev), the
 * soft-options critic (4.9-4.10) the same chain with beta = 0 at the termination and option levels, and
 * ma-soft-options (C.2) the six levels of both players over (s, z'_i, z'_-i). The leaf block of a
 * context is laid out row-major with the outermost variable slowest, i.e. {@code leaf[((x_1 n_2 + x_2)
 * n_3 + x_3) ...]}.
 *
 * <p>Immutable and thread-safe; all evaluation goes through a {@link Workspace} (one per thread) so
 * that nothing is allocated per context or per sweep.
 */
public final class Chain {

    /** One choice variable of the chain. */
    public static final class Level {
        private final String name;
        private final int size;
        private final double beta;
        private final LevelPrior prior;

        /**
         * A level reducing the choice {@code name} of {@code size} values at inverse temperature {@code beta}
         * (+-inf: hard max / min over the prior's support; 0: the prior expectation) under {@code prior}.
         *
         * @throws InvalidModelException if {@code size < 1} or {@code beta} is NaN
         */
        public Level(String name, int size, double beta, LevelPrior prior) {
            if (size < 1) {
                throw new InvalidModelException("level " + name + ": size " + size + " < 1");
            }
            if (Double.isNaN(beta)) {
                throw new InvalidModelException("level " + name + ": beta is NaN");
            }
            this.name = name;
            this.size = size;
            this.beta = beta;
            this.prior = prior;
        }

        /** The name of the choice this level reduces (labels policies and results). */
        public String name() {
            return name;
        }

        /** The number of values of this level's choice. */
        public int size() {
            return size;
        }

        /** This level's inverse temperature (finite, +-inf or 0). */
        public double beta() {
            return beta;
        }

        /** This level's prior, conditioned on the context and (if conditional) on the outer levels' choices. */
        public LevelPrior prior() {
            return prior;
        }
    }

    private final int contexts;
    private final Level[] levels;
    /** prefixCount[k] = prod_{j<k} size_j; prefixCount[K] = leaf block size. */
    private final int[] prefixCount;
    /** Per level: the prior weights when they vary, null when uniform (absent, or all weights equal). */
    private final double[][] sweepPrior;

    private Chain(int contexts, List<Level> levels) {
        if (levels.isEmpty()) {
            throw new InvalidModelException("chain: no levels");
        }
        this.contexts = contexts;
        this.levels = levels.toArray(new Level[0]);
        this.prefixCount = new int[this.levels.length + 1];
        prefixCount[0] = 1;
        for (int k = 0; k < this.levels.length; k++) {
            prefixCount[k + 1] = Math.multiplyExact(prefixCount[k], this.levels[k].size);
            Level l = this.levels[k];
            int expected = l.prior.expectedLength(contexts, prefixCount[k], l.size);
            double[] d = l.prior.data();
            if (d != null && d.length != expected) {
                throw new InvalidModelException("level " + l.name + ": prior has " + d.length
                        + " weights, expected " + expected);
            }
            if (d != null) {
                checkRows(l, d);
            }
        }
        this.sweepPrior = new double[this.levels.length][];
        for (int k = 0; k < this.levels.length; k++) {
            double[] d = this.levels[k].prior.data();
            sweepPrior[k] = d == null || constantPositive(d) ? null : d;
        }
    }

    /**
     * Every row {@code P(. | context, prefix)} of a stored prior is a distribution: entries in [0, 1]
     * summing to 1 within {@link Distributions#TOLERANCE} (the one row-sum rule of the
     * library, {@link Distributions#check}).
     */
    private static void checkRows(Level l, double[] d) {
        int n = l.size;
        for (int row = 0; row * n < d.length; row++) {
            Distributions.check("level " + l.name + ": prior row " + row, d, row * n, n);
        }
    }

    /** Starts a chain over {@code contexts} contexts (states, or augmented states). */
    public static Builder builder(int contexts) {
        return new Builder(contexts);
    }

    /** A one-level chain: {@code V(s) = M_a^beta[Q(s, .) | P(. | s)]}, the soft value of (2.48). */
    public static Chain single(int contexts, int actions, double beta, LevelPrior prior) {
        return builder(contexts).level("action", actions, beta, prior).build();
    }

    /** Builder: add levels outermost first. */
    public static final class Builder {
        private final int contexts;
        private final List<Level> levels = new ArrayList<>();

        private Builder(int contexts) {
            if (contexts < 1) {
                throw new InvalidModelException("chain: contexts " + contexts + " < 1");
            }
            this.contexts = contexts;
        }

        /**
         * Appends a level inside the ones added so far (the first call adds the outermost level).
         *
         * @throws InvalidModelException if {@code size < 1} or {@code beta} is NaN
         */
        public Builder level(String name, int size, double beta, LevelPrior prior) {
            levels.add(new Level(name, size, beta, prior));
            return this;
        }

        /**
         * The chain; checks each stored prior's length against the contexts and outer levels and that its rows
         * are distributions.
         *
         * @throws InvalidModelException if there is no level, or a prior has the wrong length or a row that is not
         *         a distribution
         */
        public Chain build() {
            return new Chain(contexts, levels);
        }
    }

    /** The number of contexts (states, or augmented states) the priors are given over. */
    public int contexts() {
        return contexts;
    }

    /** The number of levels K. */
    public int depth() {
        return levels.length;
    }

    /** The levels, outermost first (unmodifiable). */
    public List<Level> levels() {
        return Collections.unmodifiableList(List.of(levels));
    }

    /** Number of leaf values per context: the product of the level sizes. */
    public int leafSize() {
        return prefixCount[levels.length];
    }

    /** Number of distinct outer-choice prefixes of level k (product of the sizes of levels before k). */
    public int prefixCount(int k) {
        return prefixCount[k];
    }

    /** A fresh workspace for this chain (allocate once per thread, reuse across contexts and sweeps). */
    public Workspace newWorkspace() {
        return new Workspace(this);
    }

    /**
     * Reduces the leaf block {@code leaf[leafOff .. leafOff + leafSize())} of one context and returns
     * V. The intermediate values of every level stay in {@code ws} until the next call, for
     * {@link #policy}. Modifies only {@code ws}.
     */
    public double reduce(int context, double[] leaf, int leafOff, Workspace ws) {
        int depth = levels.length;
        System.arraycopy(leaf, leafOff, ws.values[depth - 1], 0, prefixCount[depth]);
        ws.context = context;
        for (int k = depth - 1; k >= 0; k--) {
            Level l = levels[k];
            double[] in = ws.values[k];
            double[] out = k > 0 ? ws.values[k - 1] : ws.root;
            int n = l.size;
            double[] pd = l.prior.data();
            for (int pre = 0; pre < prefixCount[k]; pre++) {
                int po = l.prior.offset(context, pre, prefixCount[k], n);
                out[pre] = SoftExtremum.value(l.beta, in, pre * n, pd, po < 0 ? 0 : po, n);
            }
        }
        return ws.root[0];
    }

    private static boolean constantPositive(double[] d) {
        double c = d[0];
        if (!(c > 0.0) || Double.isInfinite(c)) {
            return false;
        }
        for (double x : d) {
            if (x != c) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the sweeps weigh level k's choices equally in every context (a uniform prior, or one that is
     * the same positive constant everywhere): the kernel may then skip the prior.
     */
    public boolean uniformSweepPrior(int k) {
        return sweepPrior[k] == null;
    }

    /**
     * The value of {@link #reduce} for the hot loop of a sweep: every level reduced with
     * {@link SoftExtremum#fastValue} (one exp per entry, one log per reduction, the exact
     * {@link SoftExtremum#value} where beta is 0, small or the values are special), reading the leaf
     * block in place (no copy). A level whose prior weights are all equal is reduced as uniform.
     * Agrees with {@link #reduce} to a few ulps of the largest |value|. Uses {@code ws} as scratch
     * for the inner levels only: {@link #policy} and {@link #levelValue} are not valid after it (call
     * {@link #reduce} for policies). Allocation-free.
     */
    public double reduceFast(int context, double[] leaf, int leafOff, Workspace ws) {
        double[] in = leaf;
        int inOff = leafOff;
        for (int k = levels.length - 1; k > 0; k--) {
            Level l = levels[k];
            int n = l.size;
            double[] pd = sweepPrior[k];
            double[] out = ws.values[k - 1];
            int pc = prefixCount[k];
            for (int pre = 0; pre < pc; pre++) {
                int po = pd == null ? 0 : l.prior.offset(context, pre, pc, n);
                out[pre] = SoftExtremum.fastValue(l.beta, in, inOff + pre * n, pd, po, n);
            }
            in = out;
            inOff = 0;
        }
        Level l = levels[0];
        double[] pd = sweepPrior[0];
        int po = pd == null ? 0 : l.prior.offset(context, 0, 1, l.size);
        return SoftExtremum.fastValue(l.beta, in, inOff, pd, po, l.size);
    }

    /**
     * After {@link #reduce}, writes the Boltzmann policy of level k given the outer choices
     * {@code prefix}, {@code pi_k(x | context, prefix)}, into {@code out[outOff .. outOff + size_k)}.
     */
    public void policy(int k, int prefix, Workspace ws, double[] out, int outOff) {
        Level l = levels[k];
        int n = l.size;
        int po = l.prior.offset(ws.context, prefix, prefixCount[k], n);
        SoftExtremum.policy(l.beta, ws.values[k], prefix * n, l.prior.data(), po < 0 ? 0 : po, n, out, outOff);
    }

    /** After {@link #reduce}: the value of level k's variable choices, {@code f_k(prefix, x)}. */
    public double levelValue(int k, int prefix, int x, Workspace ws) {
        return ws.values[k][prefix * levels[k].size + x];
    }

    /** The prior weight {@code P_k(x | context, prefix)} normalised over x. */
    public double priorWeight(int k, int context, int prefix, int x) {
        Level l = levels[k];
        double[] d = l.prior.data();
        if (d == null) {
            return 1.0 / l.size;
        }
        int po = l.prior.offset(context, prefix, prefixCount[k], l.size);
        double z = 0.0;
        for (int i = 0; i < l.size; i++) {
            z += d[po + i];
        }
        return d[po + x] / z;
    }

    /** Per-thread scratch space of a chain: the values of every level of the current context. */
    public static final class Workspace {
        final double[][] values;
        final double[] root = new double[1];
        int context = -1;

        Workspace(Chain chain) {
            values = new double[chain.levels.length][];
            for (int k = 0; k < chain.levels.length; k++) {
                values[k] = new double[chain.prefixCount[k + 1]];
            }
        }
    }
}
