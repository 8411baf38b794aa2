package org.memarl.benchmarks.solve;

import java.util.Locale;

import org.memarl.solve.ProgressListener;

/**
 * The trace of one solve: (seconds since {@link #start(long)}, certified error bound) after every report of the
 * solver's {@link ProgressListener} (a value-iteration sweep, a policy-iteration outer step), appended to arrays
 * allocated once; reports beyond the capacity are counted, not stored. Reports without a bound (NaN) are skipped.
 */
final class Trace implements ProgressListener {
    /** Reports stored per run (value iteration at gamma 0.999 to 1e-8 needs about 25 000 sweeps). */
    static final int CAPACITY = 1 << 16;
    /** The CSV header. */
    static final String HEADER = "method,backup,gamma,t_seconds,bound";

    private final double[] seconds;
    private final double[] bounds;
    private int size;
    private int dropped;
    private long t0;

    Trace(int capacity) {
        seconds = new double[capacity];
        bounds = new double[capacity];
    }

    /** Forgets the previous run; times are measured from {@code nanoTime}. */
    void start(long nanoTime) {
        t0 = nanoTime;
        size = 0;
        dropped = 0;
    }

    @Override
    public void sweepDone(int iteration, double residual, double errorBound) {
        long now = System.nanoTime();
        if (Double.isNaN(errorBound)) {
            return;
        }
        if (size == seconds.length) {
            dropped++;
            return;
        }
        seconds[size] = (now - t0) / 1e9;
        bounds[size] = errorBound;
        size++;
    }

    int size() {
        return size;
    }

    int dropped() {
        return dropped;
    }

    double seconds(int i) {
        return seconds[i];
    }

    double bound(int i) {
        return bounds[i];
    }

    /** Appends one CSV row per stored report: {@code method,backup,gamma,t_seconds,bound}. */
    void appendCsv(StringBuilder out, String method, String backup, String gamma) {
        for (int i = 0; i < size; i++) {
            out.append(method).append(',').append(backup).append(',').append(gamma).append(',')
                    .append(String.format(Locale.ROOT, "%.6f", seconds[i])).append(',')
                    .append(String.format(Locale.ROOT, "%.6e", bounds[i])).append('\n');
        }
    }
}
