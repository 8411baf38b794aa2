package org.memarl.algorithms;

import java.util.Locale;
import org.memarl.solve.ChainProblem;
import org.memarl.solve.ChainSolution;
import org.memarl.solve.ChainSolver;
import org.memarl.solve.Solution;

/**
 * How an algorithm runs its declared chain ({@link org.memarl.chains.ThesisChains}): one call of
 * {@link ChainSolver#solve} with the run's iteration settings and progress listener, and the run's
 * record (horizon, or tolerance, iteration cap and sweep; iterations, residual, error bound, converged) in
 * the algorithm's {@link Solution}. The algorithm then turns the typed {@link ChainSolution} into its own
 * value and policy tables. Stateless.
 */
public final class ChainRun {
    private ChainRun() {
    }

    /**
     * Solves the problem (its fixed point, or its exact backward recursion when it has a horizon) and records
     * the run in {@code b}: with a horizon H {@code horizon = H}, H iterations, residual and bound 0; else
     * {@code tolerance}, {@code maxIterations} and, when {@code withSweep}, {@code sweep}.
     */
    public static ChainSolution solve(ChainProblem problem, RunConfig config, Solution.Builder b, boolean withSweep) {
        ChainSolution sol = ChainSolver.solve(problem, config.iteration(), config.progress());
        if (problem.horizon() > 0) {
            b.parameter("horizon", problem.horizon()).converged(true).iterations(problem.horizon())
                    .residual(0.0).errorBound(0.0);
        } else {
            b.parameter("tolerance", config.iteration().tolerance())
                    .parameter("maxIterations", config.iteration().maxIterations());
            if (withSweep) {
                b.parameter("sweep", config.iteration().sweep().name().toLowerCase(Locale.ROOT));
            }
            b.iterations(sol.iterations()).residual(sol.residual()).errorBound(sol.errorBound())
                    .converged(sol.converged());
        }
        return sol;
    }
}
