package org.memarl.solve;

import org.memarl.InvalidModelException;

/**
 * Immutable, validated settings of a fixed-point iteration: the sup-norm tolerance on the distance
 * to the fixed point that the stopping rule guarantees, the iteration cap (reached means
 * {@code converged == false}, never a silent stop), the sweep, and the number of threads of a Jacobi
 * sweep (default 1; the values do not depend on it: see {@link ValueOperator#apply(double[], double[], int)}).
 */
public final class IterationOptions {
    public static final double DEFAULT_TOLERANCE = 1e-10;
    public static final int DEFAULT_MAX_ITERATIONS = 1_000_000;

    private final double tolerance;
    private final int maxIterations;
    private final Sweep sweep;
    private final int threads;

    public IterationOptions(double tolerance, int maxIterations, Sweep sweep) {
        this(tolerance, maxIterations, sweep, 1);
    }

    /**
     * @param threads worker threads of each Jacobi sweep, at least 1 (Gauss-Seidel sweeps are sequential)
     */
    public IterationOptions(double tolerance, int maxIterations, Sweep sweep, int threads) {
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
        if (threads < 1) {
            throw new InvalidModelException("threads: " + threads + " is not a positive integer");
        }
        this.sweep = sweep;
        this.threads = threads;
    }

    public static IterationOptions defaults() {
        return new IterationOptions(DEFAULT_TOLERANCE, DEFAULT_MAX_ITERATIONS, Sweep.JACOBI);
    }

    public IterationOptions withTolerance(double t) {
        return new IterationOptions(t, maxIterations, sweep, threads);
    }

    public IterationOptions withMaxIterations(int n) {
        return new IterationOptions(tolerance, n, sweep, threads);
    }

    public IterationOptions withSweep(Sweep s) {
        return new IterationOptions(tolerance, maxIterations, s, threads);
    }

    public IterationOptions withThreads(int n) {
        return new IterationOptions(tolerance, maxIterations, sweep, n);
    }

    /** Threads of each Jacobi sweep (the values are bit-identical for every count). */
    public int threads() {
        return threads;
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
        return "tolerance=" + tolerance + ", maxIterations=" + maxIterations + ", sweep=" + sweep + ", threads=" + threads;
    }
}
