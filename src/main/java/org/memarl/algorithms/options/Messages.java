package org.memarl.algorithms.options;

import java.util.Locale;
import org.memarl.algorithms.RunConfig;
import org.memarl.solve.FixedPoint;
import org.memarl.solve.FixedPointDriver;
import org.memarl.solve.Solution;
import org.memarl.solve.ValueOperator;

/** The message U that the first step's tables are built from, for the option recursions. */
final class Messages {
    private Messages() {
    }

    /**
     * With a horizon H &gt; 0: the exact backward recursion {@code U_H = 0}, {@code U_t = B U_{t+1}}, returning
     * U_1 (the message the step t = 0 reads); otherwise the fixed point of B to the configured tolerance.
     * Records the run's parameters (tolerance, sweep or horizon) and convergence in {@code b}.
     */
    static double[] firstStepMessage(ValueOperator op, int horizon, RunConfig config, Solution.Builder b) {
        if (horizon > 0) {
            double[] u = new double[op.size()];
            double[] w = new double[op.size()];
            for (int k = horizon - 1; k >= 1; k--) {
                op.apply(u, w);
                double[] x = u;
                u = w;
                w = x;
            }
            b.parameter("horizon", horizon).converged(true).iterations(horizon).residual(0.0).errorBound(0.0);
            return u;
        }
        FixedPoint fp = FixedPointDriver.solve(op, new double[op.size()], config.iteration(), config.progress());
        b.parameter("tolerance", config.iteration().tolerance())
                .parameter("maxIterations", config.iteration().maxIterations())
                .parameter("sweep", config.iteration().sweep().name().toLowerCase(Locale.ROOT))
                .fixedPoint(fp);
        return fp.values();
    }
}
