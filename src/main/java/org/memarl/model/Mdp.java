package org.memarl.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;
import org.memarl.InvalidModelException;

/**
 * A finite Markov decision process of the control-as-inference view (thesis section 2.4): states,
 * actions, transitions {@code T(s' | s, a)} (dense or sparse, EJML), expected rewards {@code r(s, a)},
 * an action prior {@code P(a | s)}, a discount gamma, an optional finite horizon and an initial
 * distribution. Immutable and validated on construction: every error names the key, the indices and
 * the value, in the format of {@code model-format.md}.
 */
public final class Mdp implements FiniteModel {
    private final Frame frame;
    private final List<String> actions;
    private final TransitionMatrix transitions;
    private final double[] rewards;
    private final double[] prior;
    private final boolean priorGiven;
    /** Options of chapter 4, or null. */
    private final OptionSpec options;

    private Mdp(Builder b) {
        int n = Probabilities.atLeastOne("states", b.states.size(), "states");
        int m = Probabilities.atLeastOne("actions", b.actions.size(), "actions");
        List<String> states = b.states instanceof IndexNames ? b.states : List.copyOf(b.states);
        this.actions = b.actions instanceof IndexNames ? b.actions : List.copyOf(b.actions);
        if (!(b.states instanceof IndexNames)) {
            checkDistinct("states", b.states);
        }
        if (!(b.actions instanceof IndexNames)) {
            checkDistinct("actions", b.actions);
        }
        double gamma = Probabilities.gamma(b.gamma);
        // the backward recursion keeps V by step (n) and the policy by step (n x m); with options, per option context
        long contexts = b.options == null ? 1L : 1L + b.options.names().size();
        int horizon = Probabilities.horizon(b.horizon, Probabilities.exactProduct(n,
                Probabilities.exactProduct(1L + m, contexts)), n + " states and " + m + " actions"
                + (b.options == null ? "" : " (" + b.options.names().size() + " options)"));
        this.transitions = Probabilities.transitions(b.transitions, n * m, n, "(states*actions)");
        if (b.rewards == null && b.rewardsFlat == null) {
            throw new InvalidModelException("rewards: missing");
        }
        this.rewards = b.rewardsFlat != null ? checkFlat("rewards", b.rewardsFlat, n, m, false)
                : checkMatrix("rewards", b.rewards, n, m, false, " (one per action)");
        if (b.priorFlat != null) {
            this.prior = checkFlat("prior", b.priorFlat, n, m, true);
            this.priorGiven = true;
        } else if (b.prior == null) {
            this.prior = null; // uniform, materialised on request (a large model holds no S x A array of 1/A)
            this.priorGiven = false;
        } else {
            this.prior = checkMatrix("prior", b.prior, n, m, true, " (one per action)");
            this.priorGiven = true;
        }
        double[] initial = Probabilities.initialOrUniform(b.initial, n);
        if (b.options != null && (b.options.numStates() != n || b.options.numActions() != m)) {
            throw new InvalidModelException("options: defined for " + b.options.numStates() + " states and "
                    + b.options.numActions() + " actions, the model has " + n + " and " + m);
        }
        this.options = b.options;
        this.frame = new Frame(b.name, states, gamma, horizon, initial);
    }

    @Override
    public Frame frame() {
        return frame;
    }

    /** Names must be non-empty and distinct; the message names the key and index. */
    static void checkDistinct(String key, List<String> names) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String s = names.get(i);
            if (s == null || s.isEmpty()) {
                throw new InvalidModelException(key + "[" + i + "]: empty name");
            }
            if (!seen.add(s)) {
                throw new InvalidModelException(key + "[" + i + "]: duplicate name " + Fmt.quote(s));
            }
        }
    }

    /**
     * A {@code [s][a]} table of finite numbers, flattened; rows checked as distributions when asked.
     * {@code perEntry} ends the message about a row of the wrong length, e.g. {@code " (one per action)"}.
     */
    static double[] checkMatrix(String key, double[][] x, int n, int m, boolean distribution, String perEntry) {
        if (x.length != n) {
            throw new InvalidModelException(key + ": " + x.length + " rows, expected " + n + " (one per state)");
        }
        double[] flat = new double[n * m];
        for (int s = 0; s < n; s++) {
            if (x[s] == null || x[s].length != m) {
                throw new InvalidModelException(key + "[" + s + "]: " + (x[s] == null ? 0 : x[s].length)
                        + " entries, expected " + m + perEntry);
            }
            for (int a = 0; a < m; a++) {
                double v = x[s][a];
                if (!Double.isFinite(v)) {
                    throw new InvalidModelException(key + "[" + s + "][" + a + "]: " + v + " is not a finite number");
                }
                flat[s * m + a] = v;
            }
            if (distribution) {
                double[] row = Arrays.copyOfRange(flat, s * m, s * m + m);
                checkDistribution(key, "[" + s + "]", row);
            }
        }
        return flat;
    }

    /** A flat {@code [s][a]} table (copied), validated with the messages of {@link #checkMatrix}. */
    private static double[] checkFlat(String key, double[] x, int n, int m, boolean distribution) {
        if (x.length != (long) n * m) {
            throw new InvalidModelException(key + ": " + x.length + " entries, expected " + n + " x " + m);
        }
        double[] flat = x.clone();
        for (int s = 0; s < n; s++) {
            for (int a = 0; a < m; a++) {
                double v = flat[s * m + a];
                if (!Double.isFinite(v)) {
                    throw new InvalidModelException(key + "[" + s + "][" + a + "]: " + v + " is not a finite number");
                }
            }
            if (distribution) {
                checkDistribution(key, "[" + s + "]", Arrays.copyOfRange(flat, s * m, s * m + m));
            }
        }
        return flat;
    }

    static double[] checkDistribution(String key, String index, double[] p) {
        org.memarl.kernel.Distributions.check(key + index, p, 0, p.length);
        return p;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder; {@link #build()} validates. */
    public static final class Builder {
        private String name = "";
        private List<String> states = List.of();
        private List<String> actions = List.of();
        private double gamma = 0.9;
        private int horizon;
        private double[] initial;
        private TransitionMatrix transitions;
        private double[][] rewards;
        private double[][] prior;
        private OptionSpec options;
        private double[] rewardsFlat;
        private double[] priorFlat;

        public Builder name(String name) {
            this.name = name == null ? "" : name;
            return this;
        }

        public Builder states(int n) {
            this.states = indexNames(n);
            return this;
        }

        public Builder states(List<String> names) {
            this.states = names instanceof IndexNames ? names : new ArrayList<>(names);
            return this;
        }

        public Builder actions(int m) {
            this.actions = indexNames(m);
            return this;
        }

        public Builder actions(List<String> names) {
            this.actions = names instanceof IndexNames ? names : new ArrayList<>(names);
            return this;
        }

        public Builder gamma(double gamma) {
            this.gamma = gamma;
            return this;
        }

        /** 0 = infinite horizon (fixed point). */
        public Builder horizon(int horizon) {
            this.horizon = horizon;
            return this;
        }

        public Builder initial(double[] initial) {
            this.initial = initial;
            return this;
        }

        public Builder transitions(TransitionMatrix t) {
            this.transitions = t;
            return this;
        }

        /** Dense {@code T[s][a][s']}, validated with messages naming {@code transitions[s][a]}. */
        public Builder transitions(double[][][] t) {
            int n = t.length;
            int m = n == 0 ? 0 : t[0].length;
            DMatrixRMaj d = new DMatrixRMaj(n * m, n);
            for (int s = 0; s < n; s++) {
                if (t[s].length != m) {
                    throw new InvalidModelException("transitions[" + s + "]: " + t[s].length + " rows, expected " + m);
                }
                for (int a = 0; a < m; a++) {
                    if (t[s][a].length != n) {
                        throw new InvalidModelException("transitions[" + s + "][" + a + "]: " + t[s][a].length
                                + " entries, expected " + n + " (one per state)");
                    }
                    System.arraycopy(t[s][a], 0, d.data, (s * m + a) * n, n);
                }
            }
            final int mm = m;
            this.transitions = TransitionMatrix.dense(d, "transitions", r -> "[" + (r / mm) + "][" + (r % mm) + "]");
            return this;
        }

        public Builder rewards(double[][] r) {
            this.rewards = r;
            this.rewardsFlat = null;
            return this;
        }

        /** Rewards as a flat {@code [s][a]} array of length S*A (copied when built). */
        public Builder rewardsFlat(double[] r) {
            this.rewardsFlat = r;
            this.rewards = null;
            return this;
        }

        /** The prior as a flat {@code [s][a]} array of length S*A (copied when built); null = uniform. */
        public Builder priorFlat(double[] p) {
            this.priorFlat = p;
            this.prior = null;
            return this;
        }

        /** {@code P[s][a]}; null = uniform. */
        public Builder prior(double[][] p) {
            this.prior = p;
            this.priorFlat = null;
            return this;
        }

        /** The options of chapter 4 (null = none). */
        public Builder options(OptionSpec o) {
            this.options = o;
            return this;
        }

        public Mdp build() {
            return new Mdp(this);
        }
    }

    /** Whether {@code names} are the computed names "0".."n-1" of {@link #indexNames}. */
    public static boolean isIndexNames(List<String> names) {
        return names instanceof IndexNames;
    }

    /** The names "0".."n-1", computed on access. */
    public static List<String> indexNames(int n) {
        if (n < 0) {
            throw new InvalidModelException("count: " + n + " is negative");
        }
        return new IndexNames(n);
    }

    /** The names "0" .. "n-1", computed on access (a million-state model holds no million strings). Immutable. */
    private static final class IndexNames extends java.util.AbstractList<String> implements java.util.RandomAccess {
        private final int n;

        IndexNames(int n) {
            this.n = n;
        }

        @Override
        public String get(int i) {
            java.util.Objects.checkIndex(i, n);
            return Integer.toString(i);
        }

        @Override
        public int size() {
            return n;
        }
    }

    /** A copy of this model with another discount. */
    public Mdp withGamma(double g) {
        return toBuilder().gamma(g).build();
    }

    /** A copy of this model with another horizon (0 = infinite). */
    public Mdp withHorizon(int h) {
        return toBuilder().horizon(h).build();
    }

    /** A builder initialised with this model. */
    public Builder toBuilder() {
        Builder b = new Builder().name(name()).states(stateNames()).actions(actions).gamma(gamma()).horizon(horizon())
                .initial(initial()).transitions(transitions).rewardsFlat(rewards);
        if (priorGiven) {
            b.priorFlat(prior);
        }
        b.options(options);
        return b;
    }

    /** Whether the model carries options (chapter 4). */
    public boolean hasOptions() {
        return options != null;
    }

    /** The options (chapter 4), or an error naming the missing key. */
    public OptionSpec options() {
        if (options == null) {
            throw new InvalidModelException("options: missing; this algorithm needs a model with \"options\"");
        }
        return options;
    }

    public int numActions() {
        return actions.size();
    }

    public List<String> stateNames() {
        return frame.states();
    }

    public List<String> actionNames() {
        return actions;
    }

    public TransitionMatrix transitions() {
        return transitions;
    }

    /** Row index of (s, a) in {@link #transitions()}. */
    public int row(int s, int a) {
        return s * actions.size() + a;
    }

    public double reward(int s, int a) {
        return rewards[s * actions.size() + a];
    }

    public double prior(int s, int a) {
        return prior == null ? 1.0 / actions.size() : prior[s * actions.size() + a];
    }

    /** Whether the model gave a prior (otherwise it is uniform). */
    public boolean hasPrior() {
        return priorGiven;
    }

    /** Copy of the rewards as a flat {@code [s][a]} array of length S*A. */
    public double[] rewardsFlat() {
        return rewards.clone();
    }

    /** Copy of the prior as a flat {@code [s][a]} array of length S*A. */
    public double[] priorFlat() {
        if (prior == null) {
            double[] u = new double[numStates() * actions.size()];
            Arrays.fill(u, 1.0 / actions.size());
            return u;
        }
        return prior.clone();
    }

    public double[][] rewards2d() {
        return unflatten(rewards);
    }

    public double[][] prior2d() {
        return unflatten(priorFlat());
    }

    /** Rewards as an S x A EJML matrix (a copy). */
    public DMatrixRMaj rewardsMatrix() {
        return new DMatrixRMaj(numStates(), numActions(), true, rewards);
    }

    private double[][] unflatten(double[] x) {
        int m = actions.size();
        double[][] out = new double[numStates()][];
        for (int s = 0; s < out.length; s++) {
            out[s] = Arrays.copyOfRange(x, s * m, s * m + m);
        }
        return out;
    }

    /** Largest |r(s, a)|. */
    public double maxAbsReward() {
        return Probabilities.maxAbs(rewards);
    }
}
