package org.memarl.algorithms.belief;

import java.util.Map;

/**
 * The decision process of the public agent (thesis section 5.1): its state is the public belief B over
 * the hidden state, its choice at time t one of finitely many options c (a prescription for a Dec-POMDP,
 * an action for a POMDP) with a prior P_t(c), and after the choice a public outcome y is seen. One step
 * gives, for the belief B and choice c, the expected reward {@code E_{s~B}[r | c]} and, for every outcome
 * y, the unnormalised next belief {@code u_y(s') = P(y, s'_{t+1} = s' | B, c)}; its sum over s' is the
 * probability of y, and Bayes' rule is {@code B'_y = u_y / sum u_y}.
 *
 * <p>A process whose choices depend on the belief (the prescriptions over the reachable private histories of
 * {@link HistoryProcess}) overrides the belief forms {@link #numChoices(int, double[])},
 * {@link #choicePrior(int, double[], int)}, {@link #describeChoice(int, double[], int)},
 * {@link #describeBelief(double[])} and {@link #expand}; {@link PublicBelief} uses only those, and their
 * defaults delegate to the per-step forms and to {@link #step}.
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

    /** Number of choices at the belief B of step t (default {@link #numChoices(int)}). */
    default int numChoices(int t, double[] belief) {
        return numChoices(t);
    }

    /** {@code P_t(c | B)}, normalised over c (default {@link #choicePrior(int, int)}). */
    default double choicePrior(int t, double[] belief, int c) {
        return choicePrior(t, c);
    }

    /** A readable description of choice c at the belief B of step t (default {@link #describeChoice(int, int)}). */
    default Map<String, Object> describeChoice(int t, double[] belief, int c) {
        return describeChoice(t, c);
    }

    /** The belief as {state name: probability} over the states of positive probability. */
    default Map<String, Object> describeBelief(double[] belief) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int s = 0; s < belief.length; s++) {
            if (belief[s] > 0.0) {
                m.put(stateNames().get(s), belief[s]);
            }
        }
        return m;
    }

    /** Receives the outcomes of one step. */
    interface Outcomes {
        /** Outcome y has probability {@code p > 0} and leads to the (normalised, fresh) belief {@code next}. */
        void accept(int y, double p, double[] next);
    }

    /**
     * One step with Bayes' rule: calls {@code out.accept(y, P(y | B, c), B'_y)} for every outcome y of positive
     * probability, in increasing y, and returns {@code E[r | B, c]}. {@code scratch} has
     * {@code numOutcomes() * numStates()} entries (overwritten). The default uses {@link #step}.
     */
    default double expand(int t, double[] belief, int c, double[] scratch, Outcomes out) {
        int n = numStates();
        double reward = step(t, belief, c, scratch);
        for (int y = 0; y < numOutcomes(); y++) {
            double py = 0.0;
            for (int s = 0; s < n; s++) {
                py += scratch[y * n + s];
            }
            if (!(py > 0.0)) {
                continue;
            }
            double[] b2 = new double[n];
            for (int s = 0; s < n; s++) {
                b2[s] = scratch[y * n + s] / py;
            }
            out.accept(y, py, b2);
        }
        return reward;
    }
}
