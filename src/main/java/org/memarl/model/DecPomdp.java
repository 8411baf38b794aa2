package org.memarl.model;

import java.util.List;
import org.memarl.InvalidModelException;

/**
 * A finite two-agent cooperative Dec-POMDP with private observations, public observations and public
 * actions (thesis section 5.1, joint distribution (5.7)): hidden states s; at every time step t each
 * agent i draws a private observation {@code o^i_t ~ O^i(. | s_t)} (independently given the state) and
 * everyone sees a public observation {@code z_t ~ Z(. | s_t)}; the agents act {@code a_t = (a^0_t, a^1_t)},
 * and the joint action is public; both get the common reward {@code r(s_t, a_t)} and the state moves to
 * {@code s_{t+1} ~ T(. | s_t, a_t)}. (5.7)'s dependence of {@code o^{pri,i}_{t+1}} and
 * {@code o^{pub}_{t+1}} on the last actions is had by keeping those actions in the state, as the bundled
 * {@code bad-two-step} does.) Each agent has an action prior {@code P^i_t(a | o^i)} that may depend on
 * its private observation and on the (public) time step; a zero prior makes an action unavailable, which
 * is how turns are written (the agent not on turn has one available action).
 *
 * <p>Flat layouts, with the joint action {@code j = a0 * m1 + a1}: {@code T[(s*J + j)*n + s']},
 * {@code R[s*J + j]}, {@code Z[s*kz + z]}, per agent {@code O[s*k + o]} and prior
 * {@code P[t][o*m + a]} (one step when time-homogeneous).
 */
public final class DecPomdp implements FiniteModel {
    /**
     * What each agent's prescription may depend on (the key {@code "privateMemory"}, {@code --private-memory}).
     */
    public enum PrivateMemory {
        /** The current private observation only (thesis section 5.1). */
        CURRENT("current"),
        /**
         * The private observations since the last public reset: a public outcome after which the hidden state
         * is independent of the agents' private histories (they are then forgotten).
         */
        SINCE_RESET("since-reset"),
        /** The whole private observation history since t = 0 (the standard Dec-POMDP policy). */
        HISTORY("history");

        private final String label;

        PrivateMemory(String label) {
            this.label = label;
        }

        /** The name used in files and on the command line. */
        public String label() {
            return label;
        }

        /** The memory named {@code label} ({@code current}, {@code since-reset} or {@code history}), or null. */
        public static PrivateMemory of(String label) {
            for (PrivateMemory m : values()) {
                if (m.label.equals(label)) {
                    return m;
                }
            }
            return null;
        }
    }

    /** One agent: names, private-observation probabilities and action prior. */
    public static final class Agent {
        private final String name;
        private final List<String> actions;
        private final List<String> observations;
        private final double[] observe;
        private final double[][] prior;

        /**
         * @param name agent name
         * @param actions action names (m)
         * @param observations private observation names (k)
         * @param observe {@code O[s*k + o]}, n rows
         * @param prior {@code P[t][o*m + a]}: one entry (time-homogeneous) or one per time step; null = uniform
         * @param where key prefix for messages, e.g. {@code agents[1]}
         * @param n number of states
         */
        public Agent(String name, List<String> actions, List<String> observations, double[] observe, double[][] prior,
                String where, int n) {
            this.name = name == null ? where : name;
            this.actions = Probabilities.names(where + ".actions", actions);
            this.observations = Probabilities.names(where + ".observations", observations);
            int m = this.actions.size();
            int k = this.observations.size();
            Probabilities.length(where + ".observe", observe, n * k, "O[s][o]");
            this.observe = observe.clone();
            Probabilities.rows(where + ".observe", this.observe, k, n);
            if (prior == null) {
                this.prior = new double[][] {new double[k * m]};
                java.util.Arrays.fill(this.prior[0], 1.0 / m);
            } else {
                if (prior.length == 0) {
                    throw new InvalidModelException(where + ".prior: empty, expected P[o][a] or P[t][o][a]");
                }
                this.prior = new double[prior.length][];
                for (int t = 0; t < prior.length; t++) {
                    String w = where + ".prior" + (prior.length > 1 ? "[" + t + "]" : "");
                    Probabilities.length(w, prior[t], k * m, "P[o][a]");
                    this.prior[t] = prior[t].clone();
                    Probabilities.rows(w, this.prior[t], m, k);
                }
            }
        }

        public String name() {
            return name;
        }

        public List<String> actions() {
            return actions;
        }

        public List<String> observations() {
            return observations;
        }

        public int numActions() {
            return actions.size();
        }

        public int numObservations() {
            return observations.size();
        }

        /** {@code O^i(o | s)}. */
        public double observation(int s, int o) {
            return observe[s * numObservations() + o];
        }

        /** Number of time steps the prior is given for (1 = time-homogeneous). */
        public int priorSteps() {
            return prior.length;
        }

        /** {@code P^i_t(a | o)}. */
        public double prior(int t, int o, int a) {
            return prior[prior.length == 1 ? 0 : t][o * numActions() + a];
        }

        double[] observeFlat() {
            return observe;
        }

        double[][] priorFlat() {
            return prior;
        }
    }

    private final Frame frame;
    private final List<Agent> agents;
    private final List<String> publicObservations;
    private final double[] publicObserve;
    private final double[] transitions;
    private final double[] rewards;
    private final PrivateMemory memory;
    private final boolean publicActions;

    /**
     * @param publicObservations names of the public signals; null for none (one constant signal)
     * @param publicObserve {@code Z[s*kz + z]}; null when there is one signal
     */
    public DecPomdp(String name, List<String> states, double gamma, int horizon, double[] initial, List<Agent> agents,
            List<String> publicObservations, double[] publicObserve, double[] transitions, double[] rewards) {
        this(name, states, gamma, horizon, initial, agents, publicObservations, publicObserve, transitions, rewards,
                PrivateMemory.CURRENT, true);
    }

    private DecPomdp(String name, List<String> states, double gamma, int horizon, double[] initial, List<Agent> agents,
            List<String> publicObservations, double[] publicObserve, double[] transitions, double[] rewards,
            PrivateMemory memory, boolean publicActions) {
        this.memory = memory;
        this.publicActions = publicActions;
        List<String> stateNames = Probabilities.names("states", states);
        double g = Probabilities.gamma(gamma);
        int h = Probabilities.horizon(horizon);
        int n = stateNames.size();
        this.frame = new Frame(name == null ? "" : name, stateNames, g, h, Probabilities.initial(initial, n));
        if (agents == null || agents.size() != 2) {
            throw new InvalidModelException("agents: " + (agents == null ? 0 : agents.size())
                    + " agents, expected 2 (a two-agent Dec-POMDP)");
        }
        this.agents = List.copyOf(agents);
        for (int i = 0; i < 2; i++) {
            Agent a = this.agents.get(i);
            if (a.observeFlat().length != n * a.numObservations()) {
                throw new InvalidModelException("agents[" + i + "].observe: " + a.observeFlat().length / Math.max(1,
                        a.numObservations()) + " rows, expected " + n + " (one per state)");
            }
            if (a.priorSteps() > 1 && horizon > 0 && a.priorSteps() != horizon) {
                throw new InvalidModelException("agents[" + i + "].prior: given for " + a.priorSteps()
                        + " time steps, horizon is " + horizon);
            }
        }
        if (publicObservations == null) {
            this.publicObservations = List.of("none");
            this.publicObserve = new double[n];
            java.util.Arrays.fill(this.publicObserve, 1.0);
        } else {
            this.publicObservations = Probabilities.names("public.observations", publicObservations);
            int kz = this.publicObservations.size();
            Probabilities.length("public.observe", publicObserve, n * kz, "Z[s][z]");
            this.publicObserve = publicObserve.clone();
            Probabilities.rows("public.observe", this.publicObserve, kz, n);
        }
        int jn = numJointActions();
        Probabilities.length("transitions", transitions, n * jn * n, "T[s][a0][a1][s']");
        this.transitions = transitions.clone();
        Probabilities.rows("transitions", this.transitions, n, n, agent(0).numActions(), agent(1).numActions());
        Probabilities.length("rewards", rewards, n * jn, "R[s][a0][a1]");
        this.rewards = rewards.clone();
        Probabilities.finite("rewards", this.rewards);
    }

    @Override
    public Frame frame() {
        return frame;
    }

    public List<String> states() {
        return frame.states();
    }

    public List<Agent> agents() {
        return agents;
    }

    public Agent agent(int i) {
        return agents.get(i);
    }

    /** {@code m0 * m1}. */
    public int numJointActions() {
        return agents.get(0).numActions() * agents.get(1).numActions();
    }

    /** Joint action index {@code a0 * m1 + a1}. */
    public int joint(int a0, int a1) {
        return a0 * agents.get(1).numActions() + a1;
    }

    public List<String> publicObservations() {
        return publicObservations;
    }

    public int numPublicObservations() {
        return publicObservations.size();
    }

    /** {@code Z(z | s)}. */
    public double publicObservation(int s, int z) {
        return publicObserve[s * numPublicObservations() + z];
    }

    /** {@code T(s' | s, j)} for the joint action j. */
    public double transition(int s, int j, int s2) {
        return transitions[(s * numJointActions() + j) * numStates() + s2];
    }

    /** {@code r(s, j)} for the joint action j. */
    public double reward(int s, int j) {
        return rewards[s * numJointActions() + j];
    }

    public double maxAbsReward() {
        return Probabilities.maxAbs(rewards);
    }

    /** Whether the model has its public signals given (not the one constant signal). */
    public boolean hasPublicObservations() {
        return !(publicObservations.size() == 1 && publicObservations.get(0).equals("none") && publicObserve[0] == 1.0);
    }

    /** What the agents' prescriptions depend on (default {@link PrivateMemory#CURRENT}). */
    public PrivateMemory privateMemory() {
        return memory;
    }

    /**
     * Whether the joint action is seen by both agents (default true, the thesis's (5.7)). False is the standard
     * Dec-POMDP (Dec-Tiger, the MADP files): each agent sees only its own observations, and the public outcome
     * after a move is the public signal alone.
     */
    public boolean publicActions() {
        return publicActions;
    }

    /** The same model with the joint action public or private ({@link #publicActions()}). */
    public DecPomdp withPublicActions(boolean visible) {
        return new DecPomdp(name(), states(), gamma(), horizon(), initial(), agents, publicObservations, publicObserve,
                transitions, rewards, memory, visible);
    }

    /** The same model with another discount. */
    public DecPomdp withGamma(double g) {
        return copy(g, horizon(), memory);
    }

    /** The same model with another finite horizon. */
    public DecPomdp withHorizon(int h) {
        return copy(gamma(), h, memory);
    }

    /** The same model with prescriptions over another private memory (null is refused). */
    public DecPomdp withPrivateMemory(PrivateMemory m) {
        if (m == null) {
            throw new InvalidModelException("privateMemory: null, expected current, since-reset or history");
        }
        return copy(gamma(), horizon(), m);
    }

    private DecPomdp copy(double g, int h, PrivateMemory m) {
        return new DecPomdp(name(), states(), g, h, initial(), agents, publicObservations, publicObserve,
                transitions, rewards, m, publicActions);
    }
}
