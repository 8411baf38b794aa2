package org.memarl.solve;

/**
 * The rounding floor of an iterated fixed point: the one stopping rule every iterative solver shares
 * ({@link FixedPointDriver}, and the solvers with their own loops: soft policy iteration, Nash-Q).
 *
 * <p>In floating point each sweep of a gamma-contraction rounds by a few ulps of max|v|, which the
 * contraction accumulates to about {@code ulps(max|v|) / (1 - gamma)}: once the residual
 * {@code ||v_k - v_{k-1}||_inf} is down to {@value #ULPS} ulps of max|v| further sweeps cannot shrink it,
 * and the a-posteriori bound {@code gamma/(1-gamma) * residual} cannot go below
 * {@link #errorBound(double, double)}. A solver that reaches the floor stops and reports non-convergence
 * (unless its bound already meets the tolerance), with stop reason {@link #STOP_REASON} where it reports
 * one, instead of spinning to the iteration cap; the command line then says which tolerance is attainable.
 * A method whose residual does not contract every step (policy iteration: each step is an exact linear
 * solve, whose rounding need not shrink) detects the floor by {@link #stalled}, then finishes with the
 * {@link FixedPointDriver}, which reaches it by the rule above.
 */
public final class RoundingFloor {
    /** A residual of at most this many ulps of max|v| is the rounding floor of a sweep. */
    public static final double ULPS = 2.0;
    /** The stop reason of a solver that stopped at the floor (parameter {@code stopReason}). */
    public static final String STOP_REASON = "rounding floor";

    private RoundingFloor() {
    }

    /** The largest magnitude of {@code v} (0 for an empty vector; NaN is skipped). */
    public static double maxAbs(double[] v) {
        double m = 0.0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    /** Whether a sweep's residual is at the rounding floor of values of magnitude up to {@code scale}. */
    public static boolean reached(double residual, double scale) {
        return residual <= ULPS * Math.ulp(scale);
    }

    /** Whether a sweep's residual is at the rounding floor of the values {@code v}. */
    public static boolean reached(double residual, double[] v) {
        return reached(residual, maxAbs(v));
    }

    /**
     * The smallest error bound a run can certify for values of magnitude {@code scale}: the bound
     * {@code gamma/(1-gamma) * residual} at a residual of {@value #ULPS} ulps of the scale.
     */
    public static double errorBound(double scale, double gamma) {
        return ULPS * Math.ulp(scale) * gamma / (1.0 - gamma);
    }

    /**
     * Whether a method with exact steps (policy iteration) has stopped making progress: its residual is not
     * below the best one before it. Rounding is then what remains; in exact arithmetic the residual of such a
     * method may, rarely, rise for a step, so a caller that stops on this must finish with
     * {@link FixedPointDriver} (value iteration from its last values), which converges from any start, so the
     * rule costs at most speed, never the answer.
     */
    public static boolean stalled(double residual, double bestBefore) {
        return !(residual < bestBefore);
    }
}
