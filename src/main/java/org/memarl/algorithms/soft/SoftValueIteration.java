package org.memarl.algorithms.soft;

import org.memarl.InvalidModelException;
import org.memarl.algorithms.ChainRun;
import org.memarl.algorithms.RunConfig;
import org.memarl.model.Mdp;
import org.memarl.solve.ChainBellman;
import org.memarl.solve.ChainProblem;
import org.memarl.solve.Solution;

/**
 * Soft value iteration with an action prior and inverse temperature beta (thesis (2.48)-(2.49), in
 * reward units):
 *
 * <pre>
 *   Q(s, a)  = r(s, a) + gamma sum_{s'} T(s' | s, a) V(s')
 *   V(s)     = (1/beta) log sum_a P(a | s) exp(beta Q(s, a))     = M_a^beta[Q(s, .) | P(. | s)]
 *   pi(a|s)  = P(a | s) exp(beta (Q(s, a) - V(s)))                                  (2.48)
 * </pre>
 *
 * <p>Declaration ({@link ThesisChains#softValueIteration}): one level, {@code action} with beta and the
 * model's action prior {@code P(a | s)} (uniform when it gives none), over the states; run by
 * {@link org.memarl.solve.ChainSolver} on {@code ChoiceModel.of(mdp)}.
 *
 * <p>The thesis's quantities are {@code Q_th = beta Q}, {@code V_th = beta V}. beta = +inf is hard value
 * iteration (2.19) over the prior's support, beta = -inf the min, beta = 0 the evaluation of the prior
 * policy. Infinite horizon: the fixed point of a gamma-contraction (appendix A.3.3) to the stated
 * sup-norm tolerance. Finite horizon H (the model's {@code horizon}, or {@link #finiteHorizon}): the same
 * declaration with {@code problem.withHorizon(H)}, whose exact backward recursion is the messages
 * (2.43)-(2.47), {@code V_H = 0}, {@code Q_t = r + gamma T V_{t+1}}, {@code V_t = M^beta[Q_t]}, giving a
 * time-dependent policy ({@code byStep[t][s][a]}) and {@code Vt[t][s]}. Cost per sweep O(nnz(T) + S A).
 */
public final class SoftValueIteration {
    private SoftValueIteration() {
    }

    /**
     * The declared problem: {@link ThesisChains#softValueIteration} bound to the MDP (with its horizon; an
     * option spec the MDP may carry is not part of this recursion and is left out).
     */
    public static ChainProblem problem(Mdp mdp, double beta) {
        return ChainRun.mdpProblem(mdp, beta);
    }

    /** The soft Bellman operator on V (the declared problem's {@link ChainBellman}). */
    public static ChainBellman operator(Mdp mdp, double beta) {
        return new ChainBellman(problem(mdp, beta));
    }

    /** Runs under the name {@code soft-value-iteration}. */
    public static Solution solve(Mdp mdp, RunConfig config) {
        return solve("soft-value-iteration", mdp, config.beta(), config);
    }

    /** Soft (or, with beta = +inf, hard) value iteration, finite-horizon when the model has a horizon. */
    public static Solution solve(String name, Mdp mdp, double beta, RunConfig config) {
        return ChainRun.solveMdp(name, problem(mdp, beta), beta, config);
    }

    /** Exact finite-horizon soft value iteration with the given beta and horizon H &gt; 0. */
    public static Solution finiteHorizon(String name, Mdp mdp, double beta, int horizon) {
        if (horizon < 1) {
            throw new InvalidModelException("horizon: " + horizon + " is not a positive integer");
        }
        return ChainRun.solveMdp(name, problem(mdp, beta).withHorizon(horizon), beta, RunConfig.defaults());
    }

}
