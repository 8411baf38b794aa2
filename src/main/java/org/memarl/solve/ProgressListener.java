package org.memarl.solve;

/** Told after each sweep; the command line shows a progress bar with it. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (iteration, residual, bound) -> { };

    void sweepDone(int iteration, double residual, double errorBound);
}
