package org.memarl.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.memarl.InvalidModelException;

/**
 * A two-player stochastic game (thesis Definition 7 with N = 2): the agent i chooses a, its opponent
 * -i chooses b, simultaneously; transitions {@code T(s' | s, a, b)} (dense or sparse, EJML, row
 * {@code (s A + a) B + b}), rewards {@code R^i(s, a, b)} and {@code R^{-i}(s, a, b)} (zero-sum,
 * common or general), marginal priors {@code P(a | s)}, {@code P(b | s)} and conditional priors
 * {@code P(b | s, a)}, {@code P(a | s, b)} (defaulting to the marginals), or one joint prior
 * {@code P(a, b | s)} from which all four follow. Four priors given separately must be the marginals
 * and conditionals of one joint prior: {@code P(a|s) P(b|s,a) = P(b|s) P(a|s,b)} within
 * {@link #JOINT_TOLERANCE} at every state and joint action. A matrix game is the one-state game with gamma = 0. Immutable and validated; messages name key, indices and value.
 */
public final class Game implements FiniteModel {
    /** How the opponent's payoff relates to the agent's. */
    public enum Sum {
        /** The opponent gets {@code -R}. */
        ZERO,
        /** Both get {@code R}. */
        COMMON,
        /** Separate payoffs. */
        GENERAL;

        /** The value of the {@code sum} key: {@code zero}, {@code common} or {@code general}. */
        public String label() {
            return Fmt.label(this);
        }
    }

    private final Frame frame;
    private final boolean matrixGame;
    private final List<String> agentActions;
    private final List<String> opponentActions;
    private final TransitionMatrix transitions;
    private final Sum sum;
    private final double[] rewardAgent;
    private final double[] rewardOpponent;
    private final double[] priorAgent;
    private final double[] priorOpponent;
    private final double[] opponentGivenAgent;
    private final double[] agentGivenOpponent;
    private final boolean[] given;
    /** The joint prior {@code P(a, b | s)} flat {@code [s][a][b]} when the model gave it ({@code "prior": {"joint"}}), else null. */
    private final double[] joint;
    /** Options of chapter 4 (both or neither), or null. */
    private final OptionSpec agentOptions;
    private final OptionSpec opponentOptions;

    private Game(Builder b) {
        this.matrixGame = b.matrixGame;
        int n = Probabilities.atLeastOne("states", b.states.size(), "states");
        int na = Probabilities.atLeastOne("actions.agent", b.agentActions.size(), "actions");
        int nb = Probabilities.atLeastOne("actions.opponent", b.opponentActions.size(), "actions");
        Mdp.checkDistinct("states", b.states);
        Mdp.checkDistinct("actions.agent", b.agentActions);
        Mdp.checkDistinct("actions.opponent", b.opponentActions);
        List<String> states = List.copyOf(b.states);
        this.agentActions = List.copyOf(b.agentActions);
        this.opponentActions = List.copyOf(b.opponentActions);
        double gamma = Probabilities.gamma(b.gamma);
        // the backward recursion keeps values, policies and joint tables by step: n x (1 + na) x (1 + nb) bounds them
        int horizon = Probabilities.horizon(b.horizon, Probabilities.exactProduct(n,
                Probabilities.exactProduct(1L + na, 1L + nb)), n + " states and " + na + " x " + nb + " actions");
        this.transitions = Probabilities.transitions(b.transitions, n * na * nb, n,
                "(states*agent actions*opponent actions)");
        if (b.rewardAgent == null) {
            throw new InvalidModelException("rewards: missing");
        }
        this.sum = b.sum;
        this.rewardAgent = tensor("rewards" + (b.sum == Sum.GENERAL ? ".agent" : ""), b.rewardAgent, n, na, nb, false);
        if (b.sum == Sum.GENERAL) {
            if (b.rewardOpponent == null) {
                throw new InvalidModelException("rewards.opponent: missing");
            }
            this.rewardOpponent = tensor("rewards.opponent", b.rewardOpponent, n, na, nb, false);
        } else {
            this.rewardOpponent = rewardAgent.clone();
            if (b.sum == Sum.ZERO) {
                for (int i = 0; i < rewardOpponent.length; i++) {
                    rewardOpponent[i] = -rewardOpponent[i];
                }
            }
        }
        if (b.joint != null) {
            this.joint = jointTensor(b.joint, n, na, nb);
            Marginals m = fromJoint(joint, n, na, nb);
            this.given = new boolean[] {true, true, true, true};
            this.priorAgent = m.pa;
            this.priorOpponent = m.pb;
            this.opponentGivenAgent = m.pba;
            this.agentGivenOpponent = m.pab;
        } else {
            this.joint = null;
            this.given = new boolean[] {b.priorAgent != null, b.priorOpponent != null, b.opponentGivenAgent != null,
                    b.agentGivenOpponent != null};
            this.priorAgent = b.priorAgent == null ? uniform(n, na) : matrix("prior.agent", b.priorAgent, n, na);
            this.priorOpponent = b.priorOpponent == null ? uniform(n, nb) : matrix("prior.opponent", b.priorOpponent, n, nb);
            if (b.opponentGivenAgent == null) {
                this.opponentGivenAgent = new double[n * na * nb];
                for (int s = 0; s < n; s++) {
                    for (int a = 0; a < na; a++) {
                        System.arraycopy(priorOpponent, s * nb, opponentGivenAgent, (s * na + a) * nb, nb);
                    }
                }
            } else {
                this.opponentGivenAgent = tensor("prior.opponentGivenAgent", b.opponentGivenAgent, n, na, nb, true);
            }
            if (b.agentGivenOpponent == null) {
                this.agentGivenOpponent = new double[n * nb * na];
                for (int s = 0; s < n; s++) {
                    for (int o = 0; o < nb; o++) {
                        System.arraycopy(priorAgent, s * na, agentGivenOpponent, (s * nb + o) * na, na);
                    }
                }
            } else {
                this.agentGivenOpponent = tensor("prior.agentGivenOpponent", b.agentGivenOpponent, n, nb, na, true);
            }
            if (given[0] && given[1] && given[2] && given[3]) {
                checkJointConsistent(states, n, na, nb);
            }
        }
        double[] initial = Probabilities.initialOrUniform(b.initial, n);
        if ((b.agentOptions == null) != (b.opponentOptions == null)) {
            throw new InvalidModelException("options: a game needs options for both \"agent\" and \"opponent\"");
        }
        if (b.agentOptions != null) {
            if (b.agentOptions.numStates() != n || b.agentOptions.numActions() != na) {
                throw new InvalidModelException("options.agent: defined for " + b.agentOptions.numStates() + " states and "
                        + b.agentOptions.numActions() + " actions, the game has " + n + " and " + na);
            }
            if (b.opponentOptions.numStates() != n || b.opponentOptions.numActions() != nb) {
                throw new InvalidModelException("options.opponent: defined for " + b.opponentOptions.numStates()
                        + " states and " + b.opponentOptions.numActions() + " actions, the game has " + n + " and " + nb);
            }
        }
        this.agentOptions = b.agentOptions;
        this.opponentOptions = b.opponentOptions;
        this.frame = new Frame(b.name, states, gamma, horizon, initial);
    }

    @Override
    public Frame frame() {
        return frame;
    }

    private static double[] uniform(int rows, int m) {
        double[] p = new double[rows * m];
        Arrays.fill(p, 1.0 / m);
        return p;
    }

    private static double[] matrix(String key, double[][] x, int n, int m) {
        return Mdp.checkMatrix(key, x, n, m, true, "");
    }

    private static double[] tensor(String key, double[][][] x, int n, int m, int k, boolean distribution) {
        if (x.length != n) {
            throw new InvalidModelException(key + ": " + x.length + " entries, expected " + n + " (one per state)");
        }
        double[] flat = new double[n * m * k];
        for (int s = 0; s < n; s++) {
            if (x[s] == null || x[s].length != m) {
                throw new InvalidModelException(key + "[" + s + "]: " + (x[s] == null ? 0 : x[s].length) + " rows, expected " + m);
            }
            for (int a = 0; a < m; a++) {
                if (x[s][a] == null || x[s][a].length != k) {
                    throw new InvalidModelException(key + "[" + s + "][" + a + "]: " + (x[s][a] == null ? 0 : x[s][a].length)
                            + " entries, expected " + k);
                }
                for (int c = 0; c < k; c++) {
                    double v = x[s][a][c];
                    if (!Double.isFinite(v)) {
                        throw new InvalidModelException(key + "[" + s + "][" + a + "][" + c + "]: " + v + " is not a finite number");
                    }
                    flat[(s * m + a) * k + c] = v;
                }
                if (distribution) {
                    Mdp.checkDistribution(key, "[" + s + "][" + a + "]", Arrays.copyOfRange(flat, (s * m + a) * k, (s * m + a) * k + k));
                }
            }
        }
        return flat;
    }

    /** Tolerance of the check that four given priors come from one joint prior, per entry of the joint. */
    public static final double JOINT_TOLERANCE = org.memarl.kernel.Distributions.TOLERANCE;

    /** The four priors derived from one joint prior. */
    private record Marginals(double[] pa, double[] pb, double[] pba, double[] pab) {
    }

    /** {@code P(a,b|s)} as {@code [s][a][b]}, each state's table a distribution over the joint actions. */
    private static double[] jointTensor(double[][][] x, int n, int na, int nb) {
        double[] flat = tensor("prior.joint", x, n, na, nb, false);
        for (int s = 0; s < n; s++) {
            org.memarl.kernel.Distributions.check("prior.joint[" + s + "] (flattened over [a][b])", flat, s * na * nb,
                    na * nb);
        }
        return flat;
    }

    /**
     * Marginals {@code P(a|s) = sum_b P(a,b|s)}, {@code P(b|s)} and conditionals {@code P(b|s,a) = P(a,b|s) / P(a|s)},
     * {@code P(a|s,b) = P(a,b|s) / P(b|s)}; a conditional given an action of marginal 0 (which never occurs) is the
     * other player's marginal.
     */
    private static Marginals fromJoint(double[] j, int n, int na, int nb) {
        double[] pa = new double[n * na];
        double[] pb = new double[n * nb];
        double[] pba = new double[n * na * nb];
        double[] pab = new double[n * nb * na];
        for (int s = 0; s < n; s++) {
            for (int a = 0; a < na; a++) {
                for (int b = 0; b < nb; b++) {
                    double x = j[(s * na + a) * nb + b];
                    pa[s * na + a] += x;
                    pb[s * nb + b] += x;
                }
            }
            for (int a = 0; a < na; a++) {
                for (int b = 0; b < nb; b++) {
                    double x = j[(s * na + a) * nb + b];
                    double ma = pa[s * na + a];
                    double mb = pb[s * nb + b];
                    pba[(s * na + a) * nb + b] = ma > 0.0 ? x / ma : pb[s * nb + b];
                    pab[(s * nb + b) * na + a] = mb > 0.0 ? x / mb : pa[s * na + a];
                }
            }
        }
        return new Marginals(pa, pb, pba, pab);
    }

    /**
     * The largest {@code |P(a|s) P(b|s,a) - P(b|s) P(a|s,b)|} over a state's joint actions: 0 exactly when the four
     * priors (as given or defaulted) are the marginals and conditionals of one joint prior {@code P(a,b|s)}.
     */
    public double jointInconsistency(int s) {
        int na = numAgentActions();
        int nb = numOpponentActions();
        double worst = 0.0;
        for (int a = 0; a < na; a++) {
            for (int b = 0; b < nb; b++) {
                worst = Math.max(worst, Math.abs(priorAgent[s * na + a] * opponentGivenAgent[(s * na + a) * nb + b]
                        - priorOpponent[s * nb + b] * agentGivenOpponent[(s * nb + b) * na + a]));
            }
        }
        return worst;
    }

    /** Whether the four priors (as given or defaulted) come from one joint prior, within {@link #JOINT_TOLERANCE}. */
    public boolean hasJointPrior() {
        for (int s = 0; s < numStates(); s++) {
            if (!(jointInconsistency(s) <= JOINT_TOLERANCE)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The joint prior {@code P(a,b|s)}, flat {@code [s][a][b]}: as given, or else {@code P(a|s) P(b|s,a)} (the agent-first
     * factorisation; the joint prior of the model when {@link #hasJointPrior()}).
     */
    public double[] jointPriorFlat() {
        if (joint != null) {
            return joint.clone();
        }
        int na = numAgentActions();
        int nb = numOpponentActions();
        double[] j = new double[numStates() * na * nb];
        for (int s = 0; s < numStates(); s++) {
            for (int a = 0; a < na; a++) {
                for (int b = 0; b < nb; b++) {
                    j[(s * na + a) * nb + b] = priorAgent[s * na + a] * opponentGivenAgent[(s * na + a) * nb + b];
                }
            }
        }
        return j;
    }

    /** Whether the priors were given as one joint prior ({@code "prior": {"joint": P[s][a][b]}}). */
    public boolean jointGiven() {
        return joint != null;
    }

    /** Four given priors must be one joint prior's marginals and conditionals: names the first state that is not. */
    private void checkJointConsistent(List<String> states, int n, int na, int nb) {
        for (int s = 0; s < n; s++) {
            for (int a = 0; a < na; a++) {
                for (int b = 0; b < nb; b++) {
                    double ab = priorAgent[s * na + a] * opponentGivenAgent[(s * na + a) * nb + b];
                    double ba = priorOpponent[s * nb + b] * agentGivenOpponent[(s * nb + b) * na + a];
                    if (!(Math.abs(ab - ba) <= JOINT_TOLERANCE)) {
                        throw new InvalidModelException("prior: state " + s + " (\"" + states.get(s) + "\"): agent action "
                                + a + " (\"" + agentActions.get(a) + "\"), opponent action " + b + " (\""
                                + opponentActions.get(b) + "\"): P(a|s) P(b|s,a) = "
                                + org.memarl.kernel.Distributions.num(ab) + " but P(b|s) P(a|s,b) = "
                                + org.memarl.kernel.Distributions.num(ba) + "; the four priors are not the marginals and"
                                + " conditionals of one joint prior (tolerance " + org.memarl.kernel.Distributions.TOLERANCE_TEXT
                                + " per joint action); give \"prior\": {\"joint\": P[s][a][b]} instead");
                    }
                }
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder; {@link #build()} validates. */
    public static final class Builder {
        private String name = "";
        private boolean matrixGame;
        private List<String> states = List.of("0");
        private List<String> agentActions = List.of();
        private List<String> opponentActions = List.of();
        private double gamma = 0.9;
        private int horizon;
        private double[] initial;
        private TransitionMatrix transitions;
        private Sum sum = Sum.GENERAL;
        private double[][][] rewardAgent;
        private double[][][] rewardOpponent;
        private double[][] priorAgent;
        private double[][] priorOpponent;
        private double[][][] joint;
        private double[][][] opponentGivenAgent;
        private double[][][] agentGivenOpponent;
        private OptionSpec agentOptions;
        private OptionSpec opponentOptions;

        /** The options of chapter 4 for both players (both null = none). */
        public Builder options(OptionSpec agent, OptionSpec opponent) {
            this.agentOptions = agent;
            this.opponentOptions = opponent;
            return this;
        }

        public Builder name(String n) {
            this.name = n == null ? "" : n;
            return this;
        }

        public Builder states(int n) {
            this.states = Mdp.indexNames(n);
            return this;
        }

        public Builder states(List<String> names) {
            this.states = Mdp.isIndexNames(names) ? names : new ArrayList<>(names);
            return this;
        }

        public Builder agentActions(int m) {
            this.agentActions = Mdp.indexNames(m);
            return this;
        }

        public Builder agentActions(List<String> names) {
            this.agentActions = Mdp.isIndexNames(names) ? names : new ArrayList<>(names);
            return this;
        }

        public Builder opponentActions(int m) {
            this.opponentActions = Mdp.indexNames(m);
            return this;
        }

        public Builder opponentActions(List<String> names) {
            this.opponentActions = Mdp.isIndexNames(names) ? names : new ArrayList<>(names);
            return this;
        }

        public Builder gamma(double g) {
            this.gamma = g;
            return this;
        }

        public Builder horizon(int h) {
            this.horizon = h;
            return this;
        }

        public Builder initial(double[] p) {
            this.initial = p;
            return this;
        }

        public Builder transitions(TransitionMatrix t) {
            this.transitions = t;
            return this;
        }

        /** Dense {@code T[s][a][b][s']}. */
        public Builder transitions(double[][][][] t) {
            int n = t.length;
            int na = n == 0 ? 0 : t[0].length;
            int nb = na == 0 ? 0 : t[0][0].length;
            org.ejml.data.DMatrixRMaj d = new org.ejml.data.DMatrixRMaj(n * na * nb, n);
            for (int s = 0; s < n; s++) {
                if (t[s].length != na) {
                    throw new InvalidModelException("transitions[" + s + "]: " + t[s].length + " rows, expected " + na);
                }
                for (int a = 0; a < na; a++) {
                    if (t[s][a].length != nb) {
                        throw new InvalidModelException("transitions[" + s + "][" + a + "]: " + t[s][a].length
                                + " rows, expected " + nb);
                    }
                    for (int b = 0; b < nb; b++) {
                        if (t[s][a][b].length != n) {
                            throw new InvalidModelException("transitions[" + s + "][" + a + "][" + b + "]: "
                                    + t[s][a][b].length + " entries, expected " + n + " (one per state)");
                        }
                        System.arraycopy(t[s][a][b], 0, d.data, ((s * na + a) * nb + b) * n, n);
                    }
                }
            }
            final int fa = na;
            final int fb = nb;
            this.transitions = TransitionMatrix.dense(d, "transitions",
                    r -> "[" + (r / (fa * fb)) + "][" + ((r / fb) % fa) + "][" + (r % fb) + "]");
            return this;
        }

        /** A one-shot matrix game: one state, self-loop, gamma 0. */
        public Builder matrixGame(boolean m) {
            this.matrixGame = m;
            return this;
        }

        public Builder sum(Sum s) {
            this.sum = s;
            return this;
        }

        public Builder rewards(double[][][] agent) {
            this.rewardAgent = agent;
            return this;
        }

        public Builder rewardsOpponent(double[][][] opp) {
            this.rewardOpponent = opp;
            return this;
        }

        public Builder priorAgent(double[][] p) {
            this.priorAgent = p;
            this.joint = null;
            return this;
        }

        public Builder priorOpponent(double[][] p) {
            this.priorOpponent = p;
            this.joint = null;
            return this;
        }

        /** {@code P(b | s, a)} as {@code [s][a][b]}. */
        public Builder opponentGivenAgent(double[][][] p) {
            this.opponentGivenAgent = p;
            this.joint = null;
            return this;
        }

        /** {@code P(a | s, b)} as {@code [s][b][a]}. */
        public Builder agentGivenOpponent(double[][][] p) {
            this.agentGivenOpponent = p;
            this.joint = null;
            return this;
        }

        /**
         * One joint prior {@code P(a, b | s)} as {@code [s][a][b]} (each state's table sums to 1), from which both
         * marginals and both conditionals follow. Setting it clears the four separate priors, and setting any of them
         * clears it (the last one set wins).
         */
        public Builder joint(double[][][] p) {
            this.joint = p;
            if (p != null) {
                this.priorAgent = null;
                this.priorOpponent = null;
                this.opponentGivenAgent = null;
                this.agentGivenOpponent = null;
            }
            return this;
        }

        public Game build() {
            return new Game(this);
        }
    }

    /**
     * A matrix game {@code R[a][b]} (one state, gamma 0) with the given sum type; {@code opponent} is
     * used only for {@link Sum#GENERAL}.
     */
    public static Game matrix(String name, double[][] agent, double[][] opponent, Sum sum) {
        int na = agent.length;
        int nb = na == 0 ? 0 : agent[0].length;
        double[][][][] t = new double[1][na][nb][];
        for (int a = 0; a < na; a++) {
            for (int b = 0; b < nb; b++) {
                t[0][a][b] = new double[] {1.0};
            }
        }
        Builder bld = builder().name(name).matrixGame(true).states(1).agentActions(na).opponentActions(nb).gamma(0.0)
                .transitions(t).sum(sum).rewards(new double[][][] {agent});
        if (sum == Sum.GENERAL) {
            bld.rewardsOpponent(new double[][][] {opponent});
        }
        return bld.build();
    }

    public Builder toBuilder() {
        Builder b = builder().name(name()).matrixGame(matrixGame).states(stateNames()).agentActions(agentActions)
                .opponentActions(opponentActions).gamma(gamma()).horizon(horizon()).initial(initial())
                .transitions(transitions).sum(sum).rewards(unflatten(rewardAgent, numAgentActions(), numOpponentActions()));
        if (sum == Sum.GENERAL) {
            b.rewardsOpponent(unflatten(rewardOpponent, numAgentActions(), numOpponentActions()));
        }
        if (joint != null) {
            b.joint(unflatten(joint, numAgentActions(), numOpponentActions()));
        } else {
            if (given[0]) {
                b.priorAgent(unflatten2(priorAgent, numAgentActions()));
            }
            if (given[1]) {
                b.priorOpponent(unflatten2(priorOpponent, numOpponentActions()));
            }
            if (given[2]) {
                b.opponentGivenAgent(unflatten(opponentGivenAgent, numAgentActions(), numOpponentActions()));
            }
            if (given[3]) {
                b.agentGivenOpponent(unflatten(agentGivenOpponent, numOpponentActions(), numAgentActions()));
            }
        }
        b.options(agentOptions, opponentOptions);
        return b;
    }

    /** Whether the game carries options for both players (chapter 4). */
    public boolean hasOptions() {
        return agentOptions != null;
    }

    /** The agent's options, or an error naming the missing key. */
    public OptionSpec agentOptions() {
        if (agentOptions == null) {
            throw new InvalidModelException("options: missing; this algorithm needs a game with \"options\"");
        }
        return agentOptions;
    }

    /** The opponent's options, or an error naming the missing key. */
    public OptionSpec opponentOptions() {
        if (opponentOptions == null) {
            throw new InvalidModelException("options: missing; this algorithm needs a game with \"options\"");
        }
        return opponentOptions;
    }

    public Game withGamma(double g) {
        return toBuilder().gamma(g).build();
    }

    public Game withHorizon(int h) {
        return toBuilder().horizon(h).build();
    }

    private double[][][] unflatten(double[] x, int m, int k) {
        double[][][] out = new double[numStates()][m][k];
        for (int s = 0; s < out.length; s++) {
            for (int a = 0; a < m; a++) {
                System.arraycopy(x, (s * m + a) * k, out[s][a], 0, k);
            }
        }
        return out;
    }

    private double[][] unflatten2(double[] x, int m) {
        double[][] out = new double[numStates()][m];
        for (int s = 0; s < out.length; s++) {
            System.arraycopy(x, s * m, out[s], 0, m);
        }
        return out;
    }

    /** Whether the model was given as a one-shot matrix game. */
    public boolean isMatrixGame() {
        return matrixGame;
    }

    public int numAgentActions() {
        return agentActions.size();
    }

    public int numOpponentActions() {
        return opponentActions.size();
    }

    public List<String> stateNames() {
        return frame.states();
    }

    public List<String> agentActionNames() {
        return agentActions;
    }

    public List<String> opponentActionNames() {
        return opponentActions;
    }

    public TransitionMatrix transitions() {
        return transitions;
    }

    public Sum sum() {
        return sum;
    }

    /** Row of (s, a, b) in {@link #transitions()} and in the flat reward arrays. */
    public int row(int s, int a, int b) {
        return (s * agentActions.size() + a) * opponentActions.size() + b;
    }

    public double rewardAgent(int s, int a, int b) {
        return rewardAgent[row(s, a, b)];
    }

    public double rewardOpponent(int s, int a, int b) {
        return rewardOpponent[row(s, a, b)];
    }

    /** Copy of the agent's rewards, flat {@code [s][a][b]}. */
    public double[] rewardsAgentFlat() {
        return rewardAgent.clone();
    }

    /** Copy of the opponent's rewards, flat {@code [s][a][b]}. */
    public double[] rewardsOpponentFlat() {
        return rewardOpponent.clone();
    }

    /** Copy of {@code P(a | s)}, flat {@code [s][a]}. */
    public double[] priorAgentFlat() {
        return priorAgent.clone();
    }

    /** Copy of {@code P(b | s)}, flat {@code [s][b]}. */
    public double[] priorOpponentFlat() {
        return priorOpponent.clone();
    }

    /** Copy of {@code P(b | s, a)}, flat {@code [s][a][b]}. */
    public double[] opponentGivenAgentFlat() {
        return opponentGivenAgent.clone();
    }

    /** Copy of {@code P(a | s, b)}, flat {@code [s][b][a]}. */
    public double[] agentGivenOpponentFlat() {
        return agentGivenOpponent.clone();
    }

    /** Which priors were given: agent, opponent, opponentGivenAgent, agentGivenOpponent. */
    public boolean[] priorsGiven() {
        return given.clone();
    }

    public double maxAbsReward() {
        return Math.max(Probabilities.maxAbs(rewardAgent), Probabilities.maxAbs(rewardOpponent));
    }
}
