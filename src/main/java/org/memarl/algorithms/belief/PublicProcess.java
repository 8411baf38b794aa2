package org.memarl.algorithms.belief;

import java.util.Map;

/**
 * The decision process of the public agent (thesis section 5.1): its state is the public belief B over
 * the hidden state, its choice at time t one of finitely many options c (a prescription for a Dec-POMDP,
 * an action for a POMDP) with a prior P_t(c), and after the choice a public outcome y is seen. One step
 * gives, for the belief B and choice c, the expected reward {@code E_{s~B}[r | c]} and, for every outcome
 * y, the unnormalised next belief {@code u_y(s') = P(y, s'_{t+1} = s' | B, c)}; its sum over s' is the
 * probability of y, and Bayes' rule is {@code B'_y = u_y / sum u_y}.
 */
public interface PublicProcess {
    int numStates();

    /** The public belief at time 0. */
    double[] initialBelief();

    /** Number of decisions (the finite horizon H, at least 1). */
    int horizon();

    double gamma();

    /** Number of choices at time t (their prior may be 0 for some). */
    int numChoices(int t);

    /** {@code P_t(c)}, normalised over c. */
    double choicePrior(int t, int c);

    /** Number of public outcomes y after a choice. */
    int numOutcomes();

    /**
     * One step: writes {@code u_y(s')} into {@code next[y * numStates() + s']} (overwriting it) and returns
     * {@code E_{s~B}[r(s, .) | c]}.
     */
    double step(int t, double[] belief, int c, double[] next);

    /** A readable description of choice c at time t (names of actions by private observation). */
    Map<String, Object> describeChoice(int t, int c);

    /** A readable description of outcome y (the public actions and observation). */
    Map<String, Object> describeOutcome(int y);

    /** Names of the hidden states. */
    java.util.List<String> stateNames();
}
