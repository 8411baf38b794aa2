package org.memarl.algorithms.soft;

import org.memarl.algorithms.classical.PolicyEvaluation;
import org.memarl.model.Mdp;

/**
 * The exact evidence lower bound (2.42) of a (time-dependent) policy on a finite horizon H, in reward
 * units and with the discount of (2.47):
 *
 * <pre>
 *   ELBO(pi) = E_q[ sum_{t=0}^{H-1} gamma^t ( r(s_t, a_t) - (1/beta) log(pi_t(a_t | s_t) / P(a_t | s_t)) ) ]
 * </pre>
 *
 * with {@code s_0 ~ initial}, {@code a_t ~ pi_t}, {@code s_{t+1} ~ T}. The thesis's (2.42) is beta
 * times this with gamma = 1. Computed exactly by the backward recursion
 * {@code W_H = 0, W_t(s) = sum_a pi_t [r - (1/beta) log(pi_t/P) + gamma T W_{t+1}]}. The Boltzmann
 * policy of the backward messages (2.48) maximises it (for beta &gt; 0), with maximum
 * {@code sum_s initial(s) V_0(s)}: the ledger checks this.
 */
public final class Elbo {
    private Elbo() {
    }

    /**
     * @param policyByStep {@code pi[t][s][a]} for t = 0..H-1
     */
    public static double of(Mdp mdp, double beta, double[][][] policyByStep) {
        int horizon = policyByStep.length;
        int n = mdp.numStates();
        int m = mdp.numActions();
        double g = mdp.gamma();
        double[] w = new double[n];
        double[] next = new double[n];
        for (int t = horizon - 1; t >= 0; t--) {
            double[][] pi = policyByStep[t];
            PolicyEvaluation.checkPolicy("policy[" + t + "]", mdp, pi);
            double[] r = PolicyEvaluation.regularisedReward(mdp, pi, beta);
            for (int s = 0; s < n; s++) {
                double acc = r[s];
                for (int a = 0; a < m; a++) {
                    if (pi[s][a] > 0.0) {
                        acc += pi[s][a] * g * mdp.transitions().expect(mdp.row(s, a), w);
                    }
                }
                next[s] = acc;
            }
            double[] tmp = w;
            w = next;
            next = tmp;
        }
        double e = 0.0;
        for (int s = 0; s < n; s++) {
            e += mdp.initial(s) * w[s];
        }
        return e;
    }
}
