package org.memarl.algorithms.classical;

import org.memarl.algorithms.RunConfig;
import org.memarl.kernel.SoftExtremum;
import org.memarl.model.Mdp;
import org.memarl.model.TransitionMatrix;
import org.memarl.solve.FixedPoint;
import org.memarl.solve.FixedPointDriver;
import org.memarl.solve.Solution;
import org.memarl.solve.ValueOperator;

/**
 * Q-iteration with the optimal action-value operator (thesis (2.20)), soft when beta is finite:
 *
 * <pre>  (B Q)(s, a) = r(s, a) + gamma sum_{s'} T(s' | s, a) M_{a'}^beta[ Q(s', .) | P(. | s') ]  </pre>
 *
 * (beta = +inf: max over the prior's support). Iterated on the S x A table by the fixed-point driver;
 * (2.20) is a gamma-contraction in the sup norm over Q, which the ledger checks. Per Jacobi sweep the
 * state values {@code M[Q(s', .)]} are computed once into a buffer; a Gauss-Seidel sweep refreshes a
 * state's value right after its row is updated. The sweep uses the fused kernels
 * ({@link TransitionMatrix#q}, {@link SoftExtremum#fastValue}).
 */
public final class QIteration {
    private QIteration() {
    }

    /** The operator (2.20) on flat Q tables of length S*A. */
    public static ValueOperator operator(Mdp mdp, double beta) {
        final int n = mdp.numStates();
        final int m = mdp.numActions();
        final double g = mdp.gamma();
        final double[] r = mdp.rewardsFlat();
        final double[] prior = mdp.hasPrior() ? mdp.priorFlat() : null;
        final TransitionMatrix t = mdp.transitions();
        final double[] v = new double[n];
        return new ValueOperator() {
            @Override
            public int size() {
                return n * m;
            }

            @Override
            public double modulus() {
                return g;
            }

            @Override
            public void apply(double[] in, double[] out) {
                for (int s = 0; s < n; s++) {
                    v[s] = SoftExtremum.fastValue(beta, in, s * m, prior, s * m, m);
                }
                t.q(0, n * m, r, g, v, out, 0);
            }

            @Override
            public double applyInPlace(double[] q) {
                for (int s = 0; s < n; s++) {
                    v[s] = SoftExtremum.fastValue(beta, q, s * m, prior, s * m, m);
                }
                double res = 0.0;
                for (int s = 0; s < n; s++) {
                    for (int a = 0; a < m; a++) {
                        int i = s * m + a;
                        double nq = r[i] + g * t.expect(i, v);
                        res = Math.max(res, Math.abs(nq - q[i]));
                        q[i] = nq;
                    }
                    v[s] = SoftExtremum.fastValue(beta, q, s * m, prior, s * m, m);
                }
                return res;
            }
        };
    }

    public static Solution solve(Mdp mdp, RunConfig config) {
        double beta = Double.POSITIVE_INFINITY;
        int n = mdp.numStates();
        int m = mdp.numActions();
        if (mdp.horizon() > 0) {
            throw new org.memarl.InvalidModelException("horizon: q-iteration computes the infinite-horizon fixed point;"
                    + " use value-iteration or soft-value-iteration for a finite horizon");
        }
        FixedPoint fp = FixedPointDriver.solve(operator(mdp, beta), new double[n * m], config.iteration(), config.progress());
        double[] flat = fp.values();
        double[][] q = new double[n][m];
        double[] v = new double[n];
        double[][] pi = new double[n][m];
        double[] prior = mdp.priorFlat();
        for (int s = 0; s < n; s++) {
            System.arraycopy(flat, s * m, q[s], 0, m);
            v[s] = SoftExtremum.policy(beta, flat, s * m, prior, s * m, m, pi[s], 0);
        }
        return Solution.builder("q-iteration")
                .parameter("gamma", mdp.gamma())
                .parameter("tolerance", config.iteration().tolerance())
                .parameter("maxIterations", config.iteration().maxIterations())
                .parameter("sweep", config.iteration().sweep().label())
                .fixedPoint(fp)
                .value("V", v)
                .value("Q", q)
                .policy(pi)
                .build();
    }
}
