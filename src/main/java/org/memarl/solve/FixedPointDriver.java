package org.memarl.solve;

import org.memarl.InvalidModelException;

/**
 * Iterates a sup-norm contraction B with modulus gamma &lt; 1 from a start vector until the
 * <em>a posteriori</em> bound
 *
 * <pre>  ||v_k - v*||_inf &lt;= gamma / (1 - gamma) * ||v_k - v_{k-1}||_inf  </pre>
 *
 * (Banach; thesis Theorem 2) is at most the tolerance, or until the iteration cap, which is reported
 * as {@code converged == false}. Jacobi sweeps use two buffers allocated once (on
 * {@link IterationOptions#threads()} threads, with values independent of the count); Gauss-Seidel sweeps
 * update one buffer in place, sequentially. gamma = 0 stops after one sweep with residual and bound 0 (B does not
 * depend on its argument, so that sweep is exact: a one-shot matrix game, an MDP at gamma 0). gamma = 1 has no such
 * bound and is refused (use a finite horizon or the exact linear solve of policy evaluation).
 *
 * <p>The bound is that of exact arithmetic. In floating point each sweep also rounds by a few ulps of
 * max|v|, which the contraction accumulates to about {@code ulps(max|v|) / (1 - gamma)}: a tolerance
 * below that floor cannot be guaranteed. When the residual reaches the floor (at most
 * {@value RoundingFloor#ULPS} ulps of max|v|) the driver stops and reports non-convergence instead of
 * spinning to the iteration cap. The rule is {@link RoundingFloor}'s, shared with the solvers that run their
 * own loops.
 */
public final class FixedPointDriver {
    private FixedPointDriver() {
    }

    /**
     * Iterates {@code op} from {@code start} without progress reports; see
     * {@link #solve(ValueOperator, double[], IterationOptions, ProgressListener)}.
     */
    public static FixedPoint solve(ValueOperator op, double[] start, IterationOptions options) {
        return solve(op, start, options, ProgressListener.NONE);
    }

    /**
     * @param start initial iterate (not modified), length {@code op.size()}
     * @throws InvalidModelException if the modulus is not in [0, 1)
     * @throws InvalidModelException if an iterate has a NaN or infinite coordinate (the rewards overflow at this gamma)
     */
    public static FixedPoint solve(ValueOperator op, double[] start, IterationOptions options, ProgressListener progress) {
        double g = op.modulus();
        if (!(g >= 0.0 && g < 1.0)) {
            throw new InvalidModelException("gamma: " + g + " has no contraction bound for an infinite-horizon fixed point;"
                    + " use gamma < 1, a finite --horizon, or policy-evaluation (exact linear solve)");
        }
        int n = op.size();
        if (start.length != n) {
            throw new org.memarl.InvalidModelException("start: length " + start.length + ", expected " + n);
        }
        double factor = g / (1.0 - g);
        double[] cur = start.clone();
        double[] next = options.sweep() == Sweep.JACOBI ? new double[n] : null;
        double residual = Double.POSITIVE_INFINITY;
        double bound = Double.POSITIVE_INFINITY;
        int k = 0;
        while (k < options.maxIterations()) {
            if (next != null) {
                op.apply(cur, next, options.threads());
                residual = 0.0;
                for (int i = 0; i < n; i++) {
                    double d = Math.abs(next[i] - cur[i]);
                    if (!(d <= residual)) {
                        residual = d;
                    }
                }
                double[] t = cur;
                cur = next;
                next = t;
            } else {
                residual = op.applyInPlace(cur);
            }
            k++;
            if (!Double.isFinite(residual)) {
                int bad = firstNonFinite(cur);
                // the model's rewards are too large for double precision at this gamma: bad input (exit 2), located
                throw new InvalidModelException("fixed-point iteration: values[" + bad + "] = "
                        + (bad >= 0 ? cur[bad] : Double.NaN) + " after " + k + " sweeps: the values overflow double"
                        + " precision (rewards too large for this gamma?)");
            }
            if (g == 0.0) {
                // B ignores its argument: the first sweep is the fixed point exactly, and a second would not change
                // it, so its residual is 0 like its bound (the change from the start vector means nothing here)
                residual = 0.0;
            }
            bound = g == 0.0 ? 0.0 : factor * residual;
            progress.sweepDone(k, residual, bound);
            if (bound <= options.tolerance()) {
                return new FixedPoint(cur, k, residual, bound, true, options.tolerance());
            }
            if (RoundingFloor.reached(residual, cur)) {
                // rounding floor: further sweeps cannot shrink the residual; the tolerance is unreachable
                return new FixedPoint(cur, k, residual, bound, false, options.tolerance());
            }
        }
        return new FixedPoint(cur, k, residual, bound, false, options.tolerance());
    }

    private static int firstNonFinite(double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                return i;
            }
        }
        return -1;
    }
}
