package org.memarl.solve;

import org.memarl.NotConvergedException;

/**
 * The outcome of a fixed-point iteration: the last iterate, the number of sweeps, the last residual
 * {@code ||v_k - v_{k-1}||_inf}, the guaranteed bound {@code gamma/(1-gamma) * residual} on
 * {@code ||v_k - v*||_inf}, and whether that bound met the tolerance. Immutable.
 */
public record FixedPoint(double[] values, int iterations, double residual, double errorBound, boolean converged,
        double tolerance) {
    /**
     * The outcome of an iteration ({@code values} is copied).
     *
     * @param values the last iterate
     * @param iterations the number of sweeps done
     * @param residual the last sup-norm change {@code ||v_k - v_{k-1}||_inf}
     * @param errorBound upper bound on the sup-norm distance of {@code values} to the fixed point
     * @param converged whether the error bound met the tolerance before the iteration cap or the rounding floor
     * @param tolerance the tolerance that was asked for
     */
    public FixedPoint {
        values = values.clone();
    }

    /** The last iterate (a copy). */
    @Override
    public double[] values() {
        return values.clone();
    }

    /** Returns this, or throws {@link NotConvergedException} if the cap was reached first. */
    public FixedPoint requireConverged(String what) {
        if (!converged) {
            throw new NotConvergedException(what, iterations, residual, errorBound, tolerance);
        }
        return this;
    }
}
