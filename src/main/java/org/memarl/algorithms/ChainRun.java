package org.memarl.algorithms;

import java.util.Locale;
import org.memarl.chains.ChoiceModel;
import org.memarl.chains.ThesisChains;
import org.memarl.model.Mdp;
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
                b.parameter("sweep", config.iteration().sweep().label());
            }
            b.iterations(sol.iterations()).residual(sol.residual()).errorBound(sol.errorBound())
                    .converged(sol.converged());
        }
        return sol;
    }

    /**
     * The one-level chain of soft value iteration (2.48)-(2.49) on an MDP ({@code ThesisChains.softValueIteration}),
     * over the plain states: an MDP's options, if any, are left out of this recursion. beta = +inf is value
     * iteration (2.19).
     */
    public static ChainProblem mdpProblem(Mdp mdp, double beta) {
        Mdp plain = mdp.hasOptions() ? mdp.toBuilder().options(null).build() : mdp;
        return ThesisChains.softValueIteration(beta).problem(ChoiceModel.of(plain));
    }

    /**
     * Solves a one-level MDP chain problem into the result of {@code soft-value-iteration} / {@code value-iteration}:
     * {@code V}, {@code Q[s][a]}, the policy {@code pi[s][a]}; with a horizon also {@code Vt[t][s]} and
     * {@code byStep[t][s][a]}.
     */
    public static Solution solveMdp(String name, ChainProblem p, double beta, RunConfig config) {
        Solution.Builder b = Solution.builder(name)
                .parameter("gamma", p.gamma())
                .parameter("beta", beta);
        ChainSolution sol = ChainRun.solve(p, config, b, true);
        b.value("V", sol.values()).value("Q", sol.q());
        if (p.horizon() > 0) {
            int h = p.horizon();
            double[][][] byStep = new double[h][][];
            for (int t = 0; t < h; t++) {
                byStep[t] = sol.policyAtStep(t, 0);
            }
            return b.value("Vt", sol.valuesByStep()).policy(byStep[0]).policy("byStep", byStep).build();
        }
        return b.policy(sol.policy(0)).build();
    }
}
