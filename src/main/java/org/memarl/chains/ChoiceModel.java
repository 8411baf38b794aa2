package org.memarl.chains;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.memarl.InvalidModelException;
import org.memarl.model.Game;
import org.memarl.model.Mdp;
import org.memarl.model.OptionSpec;
import org.memarl.model.TransitionMatrix;

/**
 * A model seen as the chain machinery sees it: its <em>contexts</em> (the states, or the augmented states
 * {@code (s, z_prev)} of an option model), its <em>choice variables</em> (an MDP's {@code action}; a game's
 * {@code agent} and {@code opponent}; with options also {@code termination} and {@code option} per player),
 * the rows of T that a full assignment of the choices reads (reward and successor distribution over
 * contexts), and its priors as <em>factors</em>: a prior over one choice given some other choices
 * ("parents"). A {@link ChainDeclaration} picks an order of the choices, a beta and a prior per level; the
 * default prior of a level is the model's factor for that choice with the most parents among the outer
 * levels (an opponent inside the agent uses {@code opponentGivenAgent}; an option inside a termination
 * uses "b = 0 keeps z_prev, b = 1 draws from the master prior"), else the choice's marginal.
 *
 * <p>Option models: contexts {@code c = s m + z_prev} (games: {@code (s m_i + z'_i) m_-i + z'_-i}) share the
 * rows of s, one per (options, actions) assignment; the row of options z and action a leads to the context
 * {@code (s', z)} with probability {@code T(s' | s, a)}: option z runs on, and the termination and the
 * master only choose which option the row is (thesis (4.3)). Immutable.
 */
public final class ChoiceModel {
    /** One choice variable: its name, size and the names of its values. */
    public static final class Choice {
        private final String name;
        private final List<String> names;

        Choice(String name, List<String> names) {
            this.name = name;
            this.names = List.copyOf(names);
        }

        /** The choice's name ({@code action}, {@code agent}, {@code opponent.option}, ...). */
        public String name() {
            return name;
        }

        /** The number of values of the choice. */
        public int size() {
            return names.size();
        }

        /** The names of the choice's values, in index order. */
        public List<String> names() {
            return names;
        }
    }

    /**
     * A prior over choice {@code choice} given the choices {@code parents} (indices into {@link #choices()}),
     * as a flat table {@code [c][parent values, row-major in the listed order][x]} over contexts, or null for
     * uniform.
     */
    public static final class Factor {
        final String name;
        final int choice;
        final int[] parents;
        final double[] table;

        Factor(String name, int choice, int[] parents, double[] table) {
            this.name = name;
            this.choice = choice;
            this.parents = parents.clone();
            this.table = table;
        }

        /** The name a chain file may use for this prior (null: a default only). */
        public String name() {
            return name;
        }
    }

    private final String kind;
    private final int states;
    private final int contextsPerBlock;
    private final List<String> contextNames;
    private final List<Choice> choices;
    /** rowStride[i]: row offset per unit of choice i (row-major over the row-defining choices). */
    private final int[] rowStride;
    private final int rowsPerBlock;
    private final TransitionMatrix transitions;
    private final double[] rewardsAgent;
    private final double[] rewardsOpponent;
    private final double gamma;
    private final int horizon;
    private final List<Factor> factors;
    /** Per context, its weight in the start value of its state (1 for plain models; the master priors with options). */
    private final double[] startWeights;

    private ChoiceModel(String kind, int states, int contextsPerBlock, List<String> contextNames, List<Choice> choices,
                        int[] rowStride, int rowsPerBlock, TransitionMatrix transitions, double[] rewardsAgent,
                        double[] rewardsOpponent, double gamma, int horizon, List<Factor> factors, double[] startWeights) {
        this.kind = kind;
        this.states = states;
        this.contextsPerBlock = contextsPerBlock;
        this.contextNames = List.copyOf(contextNames);
        this.choices = List.copyOf(choices);
        this.rowStride = rowStride;
        this.rowsPerBlock = rowsPerBlock;
        this.transitions = transitions;
        this.rewardsAgent = rewardsAgent;
        this.rewardsOpponent = rewardsOpponent;
        this.gamma = gamma;
        this.horizon = horizon;
        this.factors = List.copyOf(factors);
        this.startWeights = startWeights;
    }

    /** An MDP: the choice {@code action}; with options {@code termination}, {@code option}, {@code action}. */
    public static ChoiceModel of(Mdp mdp) {
        int s = mdp.numStates();
        int a = mdp.numActions();
        double[] prior = mdp.hasPrior() ? mdp.priorFlat() : null;
        if (!mdp.hasOptions()) {
            List<Factor> f = List.of(new Factor("prior", 0, new int[0], prior));
            return new ChoiceModel("mdp", s, 1, mdp.stateNames(), List.of(new Choice("action", mdp.actionNames())),
                    new int[] {1}, a, mdp.transitions(), mdp.rewardsFlat(), null, mdp.gamma(), mdp.horizon(), f, ones(s));
        }
        OptionSpec o = mdp.options();
        int m = o.count();
        List<Choice> ch = List.of(new Choice("termination", List.of("continue", "terminate")),
                new Choice("option", optionNames(o)), new Choice("action", mdp.actionNames()));
        TransitionMatrix t = augment(mdp.transitions(), s, a, new int[] {m}, "transitions");
        double[] r = repeatRewards(mdp.rewardsFlat(), s, a, m);
        List<Factor> f = new ArrayList<>();
        addOptionFactors(f, "", 0, 1, 2, o, s, a, new int[] {m}, 0);
        return new ChoiceModel("mdp", s, m, augmentedNames(mdp.stateNames(), List.of(optionNames(o))), ch,
                new int[] {0, a, 1}, m * a, t, r, null, mdp.gamma(), mdp.horizon(), f, masterWeights(s, o, null));
    }

    /**
     * A game: the choices {@code agent}, {@code opponent}; with options {@code agent.termination},
     * {@code agent.option}, {@code agent}, {@code opponent.termination}, {@code opponent.option}, {@code opponent}.
     */
    public static ChoiceModel of(Game g) {
        int s = g.numStates();
        int na = g.numAgentActions();
        int nb = g.numOpponentActions();
        if (!g.hasOptions()) {
            List<Choice> ch = List.of(new Choice("agent", g.agentActionNames()), new Choice("opponent", g.opponentActionNames()));
            List<Factor> f = new ArrayList<>();
            f.add(new Factor("agent", 0, new int[0], g.priorAgentFlat()));
            f.add(new Factor("opponent", 1, new int[0], g.priorOpponentFlat()));
            f.add(new Factor("agentGivenOpponent", 0, new int[] {1}, g.agentGivenOpponentFlat()));
            f.add(new Factor("opponentGivenAgent", 1, new int[] {0}, g.opponentGivenAgentFlat()));
            return new ChoiceModel(g.isMatrixGame() ? "matrix-game" : "game", s, 1, g.stateNames(), ch, new int[] {nb, 1},
                    na * nb, g.transitions(), g.rewardsAgentFlat(), g.rewardsOpponentFlat(), g.gamma(), g.horizon(), f, ones(s));
        }
        OptionSpec oa = g.agentOptions();
        OptionSpec ob = g.opponentOptions();
        int mi = oa.count();
        int mo = ob.count();
        List<Choice> ch = List.of(new Choice("agent.termination", List.of("continue", "terminate")),
                new Choice("agent.option", optionNames(oa)), new Choice("agent", g.agentActionNames()),
                new Choice("opponent.termination", List.of("continue", "terminate")),
                new Choice("opponent.option", optionNames(ob)), new Choice("opponent", g.opponentActionNames()));
        int[] opts = {mi, mo};
        TransitionMatrix t = augment(g.transitions(), s, na * nb, opts, "transitions");
        // rows per state: ((zi * mo + zo) * na + a) * nb + b
        int[] stride = {0, mo * na * nb, nb, 0, na * nb, 1};
        List<Factor> f = new ArrayList<>();
        addOptionFactors(f, "agent.", 0, 1, 2, oa, s, na, opts, 0);
        addOptionFactors(f, "opponent.", 3, 4, 5, ob, s, nb, opts, 1);
        List<String> ctx = augmentedNames(g.stateNames(), List.of(optionNames(oa), optionNames(ob)));
        return new ChoiceModel(g.isMatrixGame() ? "matrix-game" : "game", s, mi * mo, ctx, ch, stride, mi * mo * na * nb,
                t, repeatRewards(g.rewardsAgentFlat(), s, na * nb, mi * mo),
                repeatRewards(g.rewardsOpponentFlat(), s, na * nb, mi * mo), g.gamma(), g.horizon(), f, masterWeights(s, oa, ob));
    }

    private static double[] ones(int n) {
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1.0);
        return w;
    }

    /**
     * The start weights of option contexts: {@code P^H(z | s)} for {@code (s, z)}, or with a second player
     * {@code P^H_i(z_i | s) P^H_-i(z_-i | s)} for {@code (s, z_i, z_-i)} (the initial options are drawn from the
     * master priors, as soft-options and ma-soft-options define the start value).
     */
    private static double[] masterWeights(int states, OptionSpec a, OptionSpec b) {
        int mi = a.count();
        int mo = b == null ? 1 : b.count();
        double[] w = new double[states * mi * mo];
        for (int s = 0; s < states; s++) {
            for (int zi = 0; zi < mi; zi++) {
                for (int zo = 0; zo < mo; zo++) {
                    w[(s * mi + zi) * mo + zo] = a.master(s, zi) * (b == null ? 1.0 : b.master(s, zo));
                }
            }
        }
        return w;
    }

    private static List<String> optionNames(OptionSpec o) {
        return o.names();
    }

    private static List<String> augmentedNames(List<String> states, List<List<String>> opts) {
        List<String> out = new ArrayList<>(states);
        for (List<String> names : opts) {
            List<String> next = new ArrayList<>(out.size() * names.size());
            for (String a : out) {
                for (String z : names) {
                    next.add(a + "/" + z);
                }
            }
            out = next;
        }
        return out;
    }

    /**
     * The rows over contexts of an option model: state s's block has, per option tuple {@code zs} (row-major
     * over {@code opts}) and joint action j, the row of T(. | s, j) with each successor s' moved to the context
     * {@code (s', zs)}.
     */
    static TransitionMatrix augment(TransitionMatrix t, int states, int joint, int[] opts, String key) {
        int tuples = 1;
        for (int m : opts) {
            tuples *= m;
        }
        long rows = (long) states * tuples * joint;
        long nnz = 0;
        for (int r = 0; r < t.rows(); r++) {
            nnz += t.rowEnd(r) - t.rowStart(r);
        }
        nnz *= tuples;
        if (rows > Integer.MAX_VALUE || nnz > Integer.MAX_VALUE) {
            throw new InvalidModelException("options: " + rows + " augmented rows / " + nnz + " entries exceed 2^31");
        }
        int[] start = new int[(int) rows + 1];
        int[] col = new int[(int) nnz];
        double[] p = new double[(int) nnz];
        int k = 0;
        int row = 0;
        for (int s = 0; s < states; s++) {
            for (int z = 0; z < tuples; z++) {
                for (int j = 0; j < joint; j++) {
                    int src = s * joint + j;
                    start[row++] = k;
                    for (int e = t.rowStart(src); e < t.rowEnd(src); e++) {
                        col[k] = t.entryColumn(e) * tuples + z;
                        p[k++] = t.entryProbability(e);
                    }
                }
            }
        }
        start[row] = k;
        return TransitionMatrix.compressedRows((int) rows, states * tuples, start, col, p, key, r -> "[" + r + "]");
    }

    private static double[] repeatRewards(double[] r, int states, int joint, int tuples) {
        double[] out = new double[states * tuples * joint];
        for (int s = 0; s < states; s++) {
            for (int z = 0; z < tuples; z++) {
                System.arraycopy(r, s * joint, out, (s * tuples + z) * joint, joint);
            }
        }
        return out;
    }

    /**
     * The factors of one player's options over contexts {@code (s, z'_0, z'_1, ...)} (row-major over
     * {@code opts}; this player's previous option is coordinate {@code who}): termination
     * {@code P^T(b | s, z')}, option given termination (b = 0 keeps z', b = 1 draws from {@code P^H(. | s)}),
     * option marginal {@code (1 - p) delta_{z'} + p P^H}, action given option {@code P(a | s, z)}, action
     * marginal {@code sum_z P(z | c) P(a | s, z)}.
     */
    private static void addOptionFactors(List<Factor> f, String prefix, int term, int opt, int act, OptionSpec o,
                                         int states, int actions, int[] opts, int who) {
        int m = o.count();
        int tuples = 1;
        for (int x : opts) {
            tuples *= x;
        }
        int inner = 1;
        for (int i = who + 1; i < opts.length; i++) {
            inner *= opts[i];
        }
        int contexts = states * tuples;
        double[] pt = new double[contexts * 2];
        double[] zGivenB = new double[contexts * 2 * m];
        double[] zMarg = new double[contexts * m];
        double[] aGivenZ = new double[contexts * m * actions];
        double[] aMarg = new double[contexts * actions];
        for (int c = 0; c < contexts; c++) {
            int s = c / tuples;
            int zPrev = (c % tuples) / inner % m;
            double p = o.termination(s, zPrev);
            pt[2 * c] = 1.0 - p;
            pt[2 * c + 1] = p;
            zGivenB[(2 * c) * m + zPrev] = 1.0;
            for (int z = 0; z < m; z++) {
                double h = o.master(s, z);
                zGivenB[(2 * c + 1) * m + z] = h;
                zMarg[c * m + z] = p * h + (z == zPrev ? 1.0 - p : 0.0);
            }
            for (int z = 0; z < m; z++) {
                for (int a = 0; a < actions; a++) {
                    double pa = o.actionPrior(z, s, a);
                    aGivenZ[(c * m + z) * actions + a] = pa;
                    aMarg[c * actions + a] += zMarg[c * m + z] * pa;
                }
            }
        }
        f.add(new Factor(prefix + "termination", term, new int[0], pt));
        f.add(new Factor(null, opt, new int[0], zMarg));
        f.add(new Factor(prefix + "option", opt, new int[] {term}, zGivenB));
        f.add(new Factor(null, act, new int[0], aMarg));
        f.add(new Factor(prefix + "actionPrior", act, new int[] {opt}, aGivenZ));
    }

    /** "mdp", "game" or "matrix-game". */
    public String kind() {
        return kind;
    }

    /** The number of states of the underlying model. */
    public int states() {
        return states;
    }

    /** Contexts: states times the previous-option tuples of an option model. */
    public int contexts() {
        return states * contextsPerBlock;
    }

    /** Contexts per state: 1, or the number of previous-option tuples of an option model. */
    public int contextsPerBlock() {
        return contextsPerBlock;
    }

    /** The context names: the state names, or {@code state/option[/option]} for an option model. */
    public List<String> contextNames() {
        return contextNames;
    }

    /** The choice variables, in the model's canonical order. */
    public List<Choice> choices() {
        return choices;
    }

    /** Index of the choice named {@code name}, or -1. */
    public int choiceIndex(String name) {
        for (int i = 0; i < choices.size(); i++) {
            if (choices.get(i).name.equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The rows of T per state: one per assignment of the row-defining choices. */
    public int rowsPerBlock() {
        return rowsPerBlock;
    }

    /** The row offset, within a block, of the assignment {@code values[i]} of choice i. */
    public int rowOffset(int[] values) {
        int r = 0;
        for (int i = 0; i < values.length; i++) {
            r += rowStride[i] * values[i];
        }
        return r;
    }

    /** T over contexts: one row per (state, row offset), columns over contexts. */
    public TransitionMatrix transitions() {
        return transitions;
    }

    /** The rewards of a player ({@code "agent"}, or {@code "opponent"} for games), one per row. */
    public double[] rewards(String whose) {
        if ("opponent".equals(whose)) {
            if (rewardsOpponent == null) {
                throw new InvalidModelException("reward: \"opponent\" needs a game");
            }
            return rewardsOpponent;
        }
        return rewardsAgent;
    }

    /** The model's discount factor. */
    public double gamma() {
        return gamma;
    }

    /** The model's horizon (0: infinite). */
    public int horizon() {
        return horizon;
    }

    /**
     * The weight of each context in the start value of its state, {@code V(s) = sum_{c in block s} w(c) V(c)}:
     * 1 for plain models (the context is the state); with options the probability of the initial option(s)
     * drawn from the master prior(s), {@code P^H(z | s)} (games: {@code P^H_i(z_i | s) P^H_-i(z_-i | s)}).
     * A copy, one per context.
     */
    public double[] startWeights() {
        return startWeights.clone();
    }

    /** The factors (default and named priors). */
    public List<Factor> factors() {
        return Collections.unmodifiableList(factors);
    }

    /** The model's factor named {@code name}, or null. */
    Factor factor(String name) {
        for (Factor f : factors) {
            if (name.equals(f.name)) {
                return f;
            }
        }
        return null;
    }

    /** The names a chain file may give as a level's prior (besides "uniform"). */
    public List<String> priorNames() {
        List<String> out = new ArrayList<>();
        for (Factor f : factors) {
            if (f.name != null) {
                out.add(f.name);
            }
        }
        return out;
    }
}
