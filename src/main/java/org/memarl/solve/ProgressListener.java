package org.memarl.solve;

/** Told after each sweep; the command line shows a progress bar with it. */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores every report. */
    ProgressListener NONE = (iteration, residual, bound) -> { };

    /** Called after sweep {@code iteration} (or backward step) with its sup-norm residual and error bound. */
    void sweepDone(int iteration, double residual, double errorBound);
}
