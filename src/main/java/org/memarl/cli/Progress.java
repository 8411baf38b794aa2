package org.memarl.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.memarl.solve.ProgressListener;

/**
 * A progress bar on standard error for long runs: shown only when the process has a terminal
 * ({@code System.console() != null}) and the run has lasted more than half a second; otherwise
 * silent. The maximum is the number of sweeps the contraction bound predicts from the current residual.
 */
final class Progress implements ProgressListener, AutoCloseable {
    private static final long DELAY_NANOS = 500_000_000L;
    private final boolean enabled;
    private final String task;
    private final double gamma;
    private final double tolerance;
    private final long start = System.nanoTime();
    private ProgressBar bar;

    Progress(String task, double gamma, double tolerance, boolean enabled) {
        this.task = task;
        this.gamma = gamma;
        this.tolerance = tolerance;
        this.enabled = enabled && System.console() != null;
    }

    @Override
    public void sweepDone(int iteration, double residual, double bound) {
        if (!enabled) {
            return;
        }
        if (bar == null) {
            if (System.nanoTime() - start < DELAY_NANOS) {
                return;
            }
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(-1).setStyle(ProgressBarStyle.ASCII)
                    .continuousUpdate().build();
        }
        long max = iteration;
        if (bound > tolerance && gamma > 0.0 && gamma < 1.0 && Double.isFinite(bound)) {
            max = iteration + (long) Math.ceil(Math.log(tolerance / bound) / Math.log(gamma));
        }
        bar.maxHint(Math.max(max, iteration));
        bar.stepTo(iteration);
        if (Double.isFinite(bound)) {
            bar.setExtraMessage(String.format(" bound %.2e", bound));
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
