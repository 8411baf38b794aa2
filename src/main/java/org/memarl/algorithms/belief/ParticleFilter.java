package org.memarl.algorithms.belief;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Sequential Monte Carlo with K particles and ancestor resampling (thesis (5.4), (5.14)-(5.17)) on the
 * steps of {@link FilterStep}. At time 0 the particles are drawn from the initial distribution with
 * equal weights; at every step t each particle k
 * <pre>
 *   u^k ~ Categorical(W_t)                                  ancestor (multinomial resampling)
 *   s^k_{t+1} ~ q(. | s^{u^k}_t)                              proposal (bootstrap: q = K)
 *   w^k_{t+1} = g(s^{u^k}) K(s^k_{t+1} | s^{u^k}) h(s^k_{t+1}) / q(s^k_{t+1} | s^{u^k})        (5.13), (5.19)
 * </pre>
 * and the estimates are
 * <pre>
 *   p-hat(y_{1:T}) = prod_t (1/K) sum_k w^k_{t+1}                                              (5.17)
 *   B-hat_{t+1}(s) = sum_k W^k_{t+1} [s^k_{t+1} = s],   W^k = w^k / sum_j w^j                  (5.15)-(5.16)
 * </pre>
 * {@code p-hat} is an unbiased estimate of {@code p(y_{1:T})} for every K (Del Moral 2004), so
 * {@code E[log p-hat] <= log p(y_{1:T})} (Jensen: the Monte Carlo objective (5.3), (5.18)), and
 * {@code B-hat} converges to the exact belief of {@link BayesFilter} as K grows. When every weight of a
 * step is 0 the estimate is 0 ({@code log p-hat = -inf}) and the later beliefs are reported as zero
 * vectors. Cost {@code O(T K n)} per run; workspaces are allocated once per run.
 */
public final class ParticleFilter {
    private final int particles;
    private final Proposal proposal;

    /**
     * @param particles K, at least 1
     * @param proposal the proposal; {@link Proposal#BOOTSTRAP} for the bootstrap filter
     */
    public ParticleFilter(int particles, Proposal proposal) {
        if (particles < 1) {
            throw new org.memarl.InvalidModelException("particles: " + particles + " is not a positive integer");
        }
        this.particles = particles;
        this.proposal = proposal == null ? Proposal.BOOTSTRAP : proposal;
    }

    /**
     * One run.
     *
     * @param beliefs {@code beliefs[t]} = B-hat_t, t = 0..T (B-hat_0 the empirical initial distribution)
     * @param logLikelihood {@code log p-hat(y_{1:T})} (5.17)
     * @param ancestors {@code ancestors[t][k]} = u^k_t, the ancestor index of particle k at step t
     * @param effectiveSampleSizes {@code ess[t]} = {@code (sum_k w^k_{t+1})^2 / sum_k (w^k_{t+1})^2}, the effective
     *     sample size of the weights after step t (0 when every weight is 0)
     * @param logLikelihoods {@code logLikelihoods[t]} = {@code log p-hat(y_{1:t+1})}, the estimate (5.17) after step t
     */
    public record Run(double[][] beliefs, double logLikelihood, int[][] ancestors, double[] effectiveSampleSizes,
            double[] logLikelihoods) {
        /** A run without the per-step diagnostics (empty arrays). */
        public Run(double[][] beliefs, double logLikelihood, int[][] ancestors) {
            this(beliefs, logLikelihood, ancestors, new double[0], new double[0]);
        }

        /** {@code p-hat} itself, which may underflow to 0 for long sequences (use the log). */
        public double likelihood() {
            return Math.exp(logLikelihood);
        }
    }

    /** Runs the filter once with the given random stream. */
    public Run run(double[] initial, List<FilterStep> steps, SplittableRandom rng) {
        return run(initial, steps, Draws.of(rng));
    }

    /** Runs the filter once, making its random choices through {@code draws}. */
    public Run run(double[] initial, List<FilterStep> steps, Draws draws) {
        int n = initial.length;
        int k = particles;
        int[] cur = new int[k];
        int[] nxt = new int[k];
        double[] w = new double[k];
        double[] wn = new double[k];
        double[] cum = new double[k];
        double[] q = new double[n];
        double[][] beliefs = new double[steps.size() + 1][n];
        int[][] ancestors = new int[steps.size()][k];
        for (int i = 0; i < k; i++) {
            cur[i] = draws.categorical(initial, 0, n);
            w[i] = 1.0;
            beliefs[0][cur[i]] += 1.0 / k;
        }
        double ll = 0.0;
        double[] ess = new double[steps.size()];
        double[] lls = new double[steps.size()];
        for (int t = 0; t < steps.size(); t++) {
            if (ll == Double.NEGATIVE_INFINITY) {
                lls[t] = ll;
                continue;
            }
            FilterStep st = steps.get(t);
            double total = 0.0;
            for (int i = 0; i < k; i++) {
                total += w[i];
                cum[i] = total;
            }
            double sum = 0.0;
            double sumSq = 0.0;
            for (int i = 0; i < k; i++) {
                int u = draws.ancestor(w, cum);
                ancestors[t][i] = u;
                int parent = cur[u];
                proposal.distribution(t, st, parent, q);
                checkSupport(st, parent, q, t);
                int s2 = draws.categorical(q, 0, n);
                nxt[i] = s2;
                double x = st.g(parent) * st.k(parent, s2) * st.h(s2) / q[s2];
                sum += x;
                sumSq += x * x;
                wn[i] = x;
            }
            double mean = sum / k;
            ll += Math.log(mean);
            lls[t] = ll;
            ess[t] = sum > 0.0 ? sum * sum / sumSq : 0.0;
            double[] wt = w;
            w = wn;
            wn = wt;
            int[] tmp = cur;
            cur = nxt;
            nxt = tmp;
            if (sum > 0.0) {
                for (int i = 0; i < k; i++) {
                    beliefs[t + 1][cur[i]] += w[i] / sum;
                }
            }
        }
        return new Run(beliefs, ll, ancestors, ess, lls);
    }

    private static void checkSupport(FilterStep st, int parent, double[] q, int t) {
        for (int s2 = 0; s2 < q.length; s2++) {
            if (q[s2] == 0.0 && st.k(parent, s2) * st.h(s2) > 0.0) {
                throw new org.memarl.InvalidModelException("proposal: q(" + s2 + " | " + parent + ") = 0 at step " + t
                        + " where the target K h has mass; the estimate would be biased");
            }
        }
    }
}
