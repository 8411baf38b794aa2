package org.memarl.algorithms.belief;

import java.util.List;

/**
 * The exact Bayes filter for the hidden state (thesis section 5.1: the public belief
 * {@code B_t = P(s_t | public history)}; section 2.2.5 for a POMDP): for each {@link FilterStep}
 * <pre>
 *   p(y_t | y_{&lt;t}) = sum_s B(s) g(s) sum_s' K(s'|s) h(s'),   B'(s') = sum_s B(s) g(s) K(s'|s) h(s') / p(y_t | y_{&lt;t})
 * </pre>
 * and {@code log p(y_{1:T}) = sum_t log p(y_t | y_{&lt;t})}, the quantity that the SMC estimate (5.17)
 * estimates without bias. An observation of probability 0 gives {@code -inf} and leaves the belief
 * undefined (the result says so: {@link Result#possible()}).
 */
public final class BayesFilter {
    private BayesFilter() {
    }

    /**
     * The filtered beliefs and the log-likelihood.
     *
     * @param beliefs {@code beliefs[t]} = B_t, t = 0..T (B_0 the initial distribution)
     * @param logLikelihood {@code log p(y_{1:T})}, -inf when the observations are impossible
     */
    public record Result(double[][] beliefs, double logLikelihood) {
        public boolean possible() {
            return logLikelihood > Double.NEGATIVE_INFINITY;
        }
    }

    /**
     * One update: writes B' into {@code out} and returns {@code p(y | past)} (0 when y is impossible, and
     * then {@code out} is left all zero).
     */
    public static double update(double[] belief, FilterStep step, double[] out) {
        int n = step.numStates();
        java.util.Arrays.fill(out, 0.0);
        for (int s = 0; s < n; s++) {
            double w = belief[s] * step.g(s);
            if (w == 0.0) {
                continue;
            }
            for (int s2 = 0; s2 < n; s2++) {
                double p = step.k(s, s2);
                if (p > 0.0) {
                    out[s2] += w * p * step.h(s2);
                }
            }
        }
        double z = 0.0;
        for (double x : out) {
            z += x;
        }
        if (z > 0.0) {
            for (int s = 0; s < n; s++) {
                out[s] /= z;
            }
        }
        return z;
    }

    /** Filters from {@code initial} through the steps. */
    public static Result run(double[] initial, List<FilterStep> steps) {
        double[][] beliefs = new double[steps.size() + 1][];
        beliefs[0] = initial.clone();
        double ll = 0.0;
        for (int t = 0; t < steps.size(); t++) {
            beliefs[t + 1] = new double[initial.length];
            if (ll == Double.NEGATIVE_INFINITY) {
                continue;
            }
            double z = update(beliefs[t], steps.get(t), beliefs[t + 1]);
            ll += Math.log(z);
        }
        return new Result(beliefs, ll);
    }
}
