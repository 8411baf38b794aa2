package org.memarl.algorithms.classical;

import org.memarl.algorithms.RunConfig;
import org.memarl.model.Mdp;
import org.memarl.solve.FixedPoint;
import org.memarl.solve.Solution;

/**
 * The {@code policy-evaluation} algorithm of the command line: V^pi of the given policy (default: the
 * prior policy), soft when beta is finite (2.50)-(2.51), classical at beta = +inf (2.17). Uses the
 * exact linear solve up to {@link #EXACT_LIMIT} states (and always for gamma = 1), the iterative
 * fixed point beyond it; finite horizon when the model has one.
 */
public final class PolicyEvaluationRun {
    /** Largest state count solved by the dense O(S^3) linear solve. */
    public static final int EXACT_LIMIT = 3000;

    private PolicyEvaluationRun() {
    }

    public static Solution solve(Mdp mdp, RunConfig config) {
        double beta = config.beta();
        double[][] pi = config.policy() != null ? config.policy() : PolicyEvaluation.priorPolicy(mdp);
        PolicyEvaluation.checkPolicy("policy", mdp, pi);
        Solution.Builder b = Solution.builder("policy-evaluation").parameter("gamma", mdp.gamma()).parameter("beta", beta);
        double[] v;
        if (mdp.horizon() > 0) {
            int h = mdp.horizon();
            double[][][] byStep = new double[h][][];
            java.util.Arrays.fill(byStep, pi);
            double[][] vt = new double[h + 1][];
            vt[h] = new double[mdp.numStates()];
            for (int t = h - 1; t >= 0; t--) {
                double[] r = PolicyEvaluation.regularisedReward(mdp, pi, beta);
                double[] next = new double[mdp.numStates()];
                for (int s = 0; s < mdp.numStates(); s++) {
                    double acc = r[s];
                    for (int a = 0; a < mdp.numActions(); a++) {
                        if (pi[s][a] > 0.0) {
                            acc += pi[s][a] * mdp.gamma() * mdp.transitions().expect(mdp.row(s, a), vt[t + 1]);
                        }
                    }
                    next[s] = acc;
                }
                vt[t] = next;
            }
            v = vt[0];
            b.parameter("horizon", h).parameter("method", "backward").converged(true).iterations(h).value("V", v)
                    .value("Q", PolicyEvaluation.qFromV(mdp, vt[1])).value("Vt", vt);
        } else if (mdp.gamma() == 1.0 || mdp.numStates() <= EXACT_LIMIT) {
            v = PolicyEvaluation.exact(mdp, pi, beta);
            double res = residual(mdp, pi, beta, v);
            // ||V - V^pi|| <= ||B V - V|| / (1 - gamma): the rounding of the solve, bounded honestly
            b.parameter("method", "linear-solve").converged(true).iterations(1).residual(res)
                    .errorBound(mdp.gamma() < 1.0 ? res / (1.0 - mdp.gamma()) : res)
                    .value("V", v).value("Q", PolicyEvaluation.qFromV(mdp, v));
        } else {
            FixedPoint fp = PolicyEvaluation.iterative(mdp, pi, beta, config.iteration());
            v = fp.values();
            b.parameter("method", "iterative").parameter("tolerance", config.iteration().tolerance())
                    .parameter("maxIterations", config.iteration().maxIterations())
                    .fixedPoint(fp).value("V", v).value("Q", PolicyEvaluation.qFromV(mdp, v));
        }
        return b.policy(pi).build();
    }

    private static double residual(Mdp mdp, double[][] pi, double beta, double[] v) {
        double[] bv = new double[v.length];
        PolicyEvaluation.operator(mdp, pi, beta).apply(v, bv);
        return PolicyEvaluation.supNorm(bv, v);
    }
}
