package org.memarl.solve;

import org.memarl.InvalidModelException;

/**
 * Immutable, validated settings of a fixed-point iteration: the sup-norm tolerance on the distance
 * to the fixed point that the stopping rule guarantees, the iteration cap (reached means
 * {@code converged == false}, never a silent stop), the sweep, and the number of threads of a Jacobi
 * sweep (default 1; the values do not depend on it: see {@link ValueOperator#apply(double[], double[], int)}).
 */
public final class IterationOptions {
    /** The default guaranteed sup-norm distance to the fixed point. */
    public static final double DEFAULT_TOLERANCE = 1e-10;
    /** The default iteration cap. */
    public static final int DEFAULT_MAX_ITERATIONS = 1_000_000;

    private final double tolerance;
    private final int maxIterations;
    private final Sweep sweep;
    private final int threads;

    /**
     * Settings with one thread per sweep.
     *
     * @throws InvalidModelException if the tolerance is not positive and finite, the cap is below 1 or the
     *         sweep is null
     */
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

    /** Tolerance {@value #DEFAULT_TOLERANCE}, cap {@value #DEFAULT_MAX_ITERATIONS}, Jacobi sweeps, one thread. */
    public static IterationOptions defaults() {
        return new IterationOptions(DEFAULT_TOLERANCE, DEFAULT_MAX_ITERATIONS, Sweep.JACOBI);
    }

    /** A copy with the tolerance {@code t} (validated as in the constructor). */
    public IterationOptions withTolerance(double t) {
        return new IterationOptions(t, maxIterations, sweep, threads);
    }

    /** A copy with the iteration cap {@code n} (validated as in the constructor). */
    public IterationOptions withMaxIterations(int n) {
        return new IterationOptions(tolerance, n, sweep, threads);
    }

    /** A copy with the sweep {@code s} (Jacobi or Gauss-Seidel). */
    public IterationOptions withSweep(Sweep s) {
        return new IterationOptions(tolerance, maxIterations, s, threads);
    }

    /** A copy with {@code n} threads per Jacobi sweep (at least 1). */
    public IterationOptions withThreads(int n) {
        return new IterationOptions(tolerance, maxIterations, sweep, n);
    }

    /** Threads of each Jacobi sweep (the values are bit-identical for every count). */
    public int threads() {
        return threads;
    }

    /** The guaranteed sup-norm distance to the fixed point at which the iteration stops. */
    public double tolerance() {
        return tolerance;
    }

    /** The iteration cap (reaching it means {@code converged == false}). */
    public int maxIterations() {
        return maxIterations;
    }

    /** The sweep: Jacobi (double-buffered) or Gauss-Seidel (in place). */
    public Sweep sweep() {
        return sweep;
    }

    @Override
    public String toString() {
        return "tolerance=" + tolerance + ", maxIterations=" + maxIterations + ", sweep=" + sweep + ", threads=" + threads;
    }
}
