package org.memarl.model;

import java.util.List;

/**
 * A finite partially observable MDP (thesis section 2.2.5, Definition 4): hidden states, actions,
 * observations, transitions {@code T(s' | s, a)}, observation probabilities {@code U(o | s', a)} of the
 * observation emitted after the move, expected rewards {@code r(s, a)} (the expectation of Definition
 * 4's {@code R(r | s', a)} over s'), an initial distribution {@code p0}, an action prior {@code P(a)}
 * (the agent does not see the state, so the prior does not depend on it), gamma and an optional finite
 * horizon. Immutable and validated: every error names the key, the indices and the value.
 *
 * <p>Flat layouts: {@code T[(s*m + a)*n + s']}, {@code U[(s'*m + a)*k + o]}, {@code R[s*m + a]}.
 */
public final class Pomdp implements FiniteModel {
    private final Frame frame;
    private final List<String> actions;
    private final List<String> observations;
    private final double[] transitions;
    private final double[] observe;
    private final double[] rewards;
    private final double[] prior;

    /**
     * @param name model name (may be empty)
     * @param states state names (n)
     * @param actions action names (m)
     * @param observations observation names (k)
     * @param gamma discount in [0, 1]
     * @param horizon finite horizon, 0 for none
     * @param initial p0, null for uniform
     * @param transitions {@code T[(s*m + a)*n + s']}
     * @param observe {@code U[(s'*m + a)*k + o]}
     * @param rewards {@code R[s*m + a]}
     * @param prior {@code P[a]}, null for uniform
     */
    public Pomdp(String name, List<String> states, List<String> actions, List<String> observations, double gamma,
            int horizon, double[] initial, double[] transitions, double[] observe, double[] rewards, double[] prior) {
        List<String> stateNames = Probabilities.names("states", states);
        this.actions = Probabilities.names("actions", actions);
        this.observations = Probabilities.names("observations", observations);
        double g = Probabilities.gamma(gamma);
        int h = Probabilities.horizon(horizon);
        int n = stateNames.size();
        int m = this.actions.size();
        int k = this.observations.size();
        this.frame = new Frame(name == null ? "" : name, stateNames, g, h, Probabilities.initial(initial, n));
        Probabilities.length("transitions", transitions, n * m * n, "T[s][a][s']");
        this.transitions = transitions.clone();
        Probabilities.rows("transitions", this.transitions, n, n, m);
        Probabilities.length("observe", observe, n * m * k, "U[s'][a][o]");
        this.observe = observe.clone();
        Probabilities.rows("observe", this.observe, k, n, m);
        Probabilities.length("rewards", rewards, n * m, "R[s][a]");
        this.rewards = rewards.clone();
        Probabilities.finite("rewards", this.rewards);
        this.prior = prior == null ? Probabilities.uniform(m) : prior.clone();
        Probabilities.length("prior", this.prior, m, "one per action");
        Probabilities.check("prior", this.prior, 0, m);
    }

    @Override
    public Frame frame() {
        return frame;
    }

    public List<String> states() {
        return frame.states();
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

    /** {@code T(s' | s, a)}. */
    public double transition(int s, int a, int s2) {
        return transitions[(s * numActions() + a) * numStates() + s2];
    }

    /** {@code U(o | s', a)}: the observation emitted after action a led to s'. */
    public double observation(int s2, int a, int o) {
        return observe[(s2 * numActions() + a) * numObservations() + o];
    }

    public double reward(int s, int a) {
        return rewards[s * numActions() + a];
    }

    /** {@code P(a)}. */
    public double prior(int a) {
        return prior[a];
    }

    public double[] priorVector() {
        return prior.clone();
    }

    public double maxAbsReward() {
        return Probabilities.maxAbs(rewards);
    }

    /** The same model with another discount. */
    public Pomdp withGamma(double g) {
        return new Pomdp(name(), states(), actions, observations, g, horizon(), initial(), transitions, observe, rewards, prior);
    }

    /** The same model with another finite horizon. */
    public Pomdp withHorizon(int h) {
        return new Pomdp(name(), states(), actions, observations, gamma(), h, initial(), transitions, observe, rewards, prior);
    }
}
