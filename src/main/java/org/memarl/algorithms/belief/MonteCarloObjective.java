package org.memarl.algorithms.belief;

/**
 * The importance-weighted (Monte Carlo) objective of (5.2)-(5.3) on a finite latent variable, computed
 * exactly: with {@code w(z) = p(x, z) / q(z)} and {@code z_1..z_K} drawn i.i.d. from q,
 * <pre>
 *   L_K = E[ log (1/K) sum_k w(z_k) ]  &lt;=  log E[w] = log p(x)          (Jensen, (5.2))
 * </pre>
 * and {@code L_K} is nondecreasing in K (Burda et al. 2016, Theorem 1). The expectation is a finite sum
 * over the multisets of K draws (count vectors c with {@code sum c = K}, multinomial probability
 * {@code K! prod q_i^{c_i} / c_i!}), so it is exact: {@code C(n + K - 1, K)} terms.
 */
public final class MonteCarloObjective {
    private MonteCarloObjective() {
    }

    /**
     * {@code L_K} exactly; -inf when some multiset of positive probability has all weights 0.
     *
     * @param joint {@code p(x, z)} per latent value z (nonnegative)
     * @param q the proposal {@code q(z)} (a distribution with mass wherever joint has)
     * @param k number of samples K, at least 1
     */
    public static double expectedLogEstimate(double[] joint, double[] q, int k) {
        if (k < 1) {
            throw new org.memarl.InvalidModelException("K: " + k + " is not a positive integer");
        }
        int n = joint.length;
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            if (joint[i] > 0.0 && !(q[i] > 0.0)) {
                throw new org.memarl.InvalidModelException("q[" + i + "]: 0 where p(x, z) > 0");
            }
            w[i] = q[i] > 0.0 ? joint[i] / q[i] : 0.0;
        }
        return sum(w, q, new int[n], 0, k, k);
    }

    private static double sum(double[] w, double[] q, int[] c, int i, int left, int k) {
        int n = w.length;
        if (i == n - 1) {
            c[i] = left;
            double logP = logFactorial(k);
            double est = 0.0;
            for (int j = 0; j < n; j++) {
                if (c[j] > 0) {
                    if (!(q[j] > 0.0)) {
                        return 0.0;
                    }
                    logP += c[j] * Math.log(q[j]) - logFactorial(c[j]);
                    est += c[j] * w[j];
                }
            }
            double p = Math.exp(logP);
            if (p == 0.0) {
                return 0.0;
            }
            return p * Math.log(est / k);
        }
        double s = 0.0;
        for (int x = 0; x <= left; x++) {
            c[i] = x;
            s += sum(w, q, c, i + 1, left - x, k);
        }
        return s;
    }

    private static double logFactorial(int m) {
        double s = 0.0;
        for (int i = 2; i <= m; i++) {
            s += Math.log(i);
        }
        return s;
    }
}
