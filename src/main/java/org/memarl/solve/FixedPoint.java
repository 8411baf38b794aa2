package org.memarl.solve;

import org.memarl.NotConvergedException;

/**
 * The outcome of a fixed-point iteration: the last iterate, the number of sweeps, the last residual
 * {@code ||v_k - v_{k-1}||_inf}, the guaranteed bound {@code gamma/(1-gamma) * residual} on
 * {@code ||v_k - v*||_inf}, and whether that bound met the tolerance. Immutable.
 */
public final class FixedPoint {
    private final double[] values;
    private final int iterations;
    private final double residual;
    private final double errorBound;
    private final boolean converged;
    private final double tolerance;

    /** The outcome of an iteration ({@code values} is copied). */
    public FixedPoint(double[] values, int iterations, double residual, double errorBound, boolean converged,
                      double tolerance) {
        this.values = values.clone();
        this.iterations = iterations;
        this.residual = residual;
        this.errorBound = errorBound;
        this.converged = converged;
        this.tolerance = tolerance;
    }

    /** The last iterate (a copy). */
    public double[] values() {
        return values.clone();
    }

    /** The number of sweeps done. */
    public int iterations() {
        return iterations;
    }

    /** The last sup-norm change {@code ||v_k - v_{k-1}||_inf}. */
    public double residual() {
        return residual;
    }

    /** Upper bound on the sup-norm distance of {@link #values()} to the fixed point. */
    public double errorBound() {
        return errorBound;
    }

    /** Whether the error bound met the tolerance before the iteration cap or the rounding floor. */
    public boolean converged() {
        return converged;
    }

    /** The tolerance that was asked for. */
    public double tolerance() {
        return tolerance;
    }

    /** Returns this, or throws {@link NotConvergedException} if the cap was reached first. */
    public FixedPoint requireConverged(String what) {
        if (!converged) {
            throw new NotConvergedException(what, iterations, residual, errorBound, tolerance);
        }
        return this;
    }
}
