package org.memarl.solve;

import org.memarl.InvalidModelException;

/**
 * Immutable, validated settings of a fixed-point iteration: the sup-norm tolerance on the distance
 * to the fixed point that the stopping rule guarantees, the iteration cap (reached means
 * {@code converged == false}, never a silent stop) and the sweep.
 */
public final class IterationOptions {
    public static final double DEFAULT_TOLERANCE = 1e-10;
    public static final int DEFAULT_MAX_ITERATIONS = 1_000_000;

    private final double tolerance;
    private final int maxIterations;
    private final Sweep sweep;

    public IterationOptions(double tolerance, int maxIterations, Sweep sweep) {
        if (!(tolerance > 0.0) || Double.isInfinite(tolerance)) {
            throw new InvalidModelException("tolerance: " + tolerance + " is not a positive finite number");
        }
        if (maxIterations < 1) {
            throw new InvalidModelException("max-iterations: " + maxIterations + " is not a positive integer");
        }
        if (sweep == null) {
            throw new InvalidModelException("sweep: null");
        }
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
        this.sweep = sweep;
    }

    public static IterationOptions defaults() {
        return new IterationOptions(DEFAULT_TOLERANCE, DEFAULT_MAX_ITERATIONS, Sweep.JACOBI);
    }

    public IterationOptions withTolerance(double t) {
        return new IterationOptions(t, maxIterations, sweep);
    }

    public IterationOptions withMaxIterations(int n) {
        return new IterationOptions(tolerance, n, sweep);
    }

    public IterationOptions withSweep(Sweep s) {
        return new IterationOptions(tolerance, maxIterations, s);
    }

    public double tolerance() {
        return tolerance;
    }

    public int maxIterations() {
        return maxIterations;
    }

    public Sweep sweep() {
        return sweep;
    }

    @Override
    public String toString() {
        return "tolerance=" + tolerance + ", maxIterations=" + maxIterations + ", sweep=" + sweep;
    }
}
