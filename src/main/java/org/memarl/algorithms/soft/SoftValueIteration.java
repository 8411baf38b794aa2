package org.memarl.algorithms.soft;

import org.memarl.algorithms.RunConfig;
import org.memarl.kernel.Chain;
import org.memarl.kernel.LevelPrior;
import org.memarl.kernel.SoftExtremum;
import org.memarl.model.Mdp;
import org.memarl.solve.ChainBellman;
import org.memarl.solve.FixedPoint;
import org.memarl.solve.FixedPointDriver;
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
 * The thesis's quantities are {@code Q_th = beta Q}, {@code V_th = beta V}. beta = +inf is hard value
 * iteration (2.19) over the prior's support, beta = -inf the min, beta = 0 the evaluation of the prior
 * policy. Infinite horizon: the fixed point of a gamma-contraction (appendix A.3.3) to the stated
 * sup-norm tolerance ({@link FixedPointDriver}). Finite horizon H (the model's {@code horizon}):
 * the exact backward messages (2.43)-(2.47) with {@code V_H = 0}, giving a time-dependent policy.
 * Cost per sweep O(nnz(T) + S A).
 */
public final class SoftValueIteration {
    private SoftValueIteration() {
    }

    /** The one-level chain of (2.48): the action with the model's prior (uniform when it gives none) and the given beta. */
    public static Chain chain(Mdp mdp, double beta) {
        return Chain.single(mdp.numStates(), mdp.numActions(), beta,
                mdp.hasPrior() ? LevelPrior.marginal(mdp.priorFlat()) : LevelPrior.uniform());
    }

    /** The soft Bellman operator on V. */
    public static ChainBellman operator(Mdp mdp, double beta) {
        return new ChainBellman(mdp.transitions(), mdp.rewardsFlat(), mdp.gamma(), chain(mdp, beta));
    }

    /** Runs under the name {@code soft-value-iteration}. */
    public static Solution solve(Mdp mdp, RunConfig config) {
        return solve("soft-value-iteration", mdp, config.beta(), config);
    }

    /** Soft (or, with beta = +inf, hard) value iteration, finite-horizon when the model has a horizon. */
    public static Solution solve(String name, Mdp mdp, double beta, RunConfig config) {
        if (mdp.horizon() > 0) {
            return finiteHorizon(name, mdp, beta, mdp.horizon());
        }
        ChainBellman op = operator(mdp, beta);
        FixedPoint fp = FixedPointDriver.solve(op, new double[mdp.numStates()], config.iteration(), config.progress());
        double[] v = fp.values();
        return Solution.builder(name)
                .parameter("gamma", mdp.gamma())
                .parameter("beta", beta)
                .parameter("tolerance", config.iteration().tolerance())
                .parameter("maxIterations", config.iteration().maxIterations())
                .parameter("sweep", config.iteration().sweep().name().toLowerCase(java.util.Locale.ROOT))
                .fixedPoint(fp)
                .value("V", v)
                .value("Q", op.qTable(v))
                .policy(op.outerPolicy(v))
                .build();
    }

    /** Exact finite-horizon soft value iteration with the given beta and horizon H. */
    public static Solution finiteHorizon(String name, Mdp mdp, double beta, int horizon) {
        FiniteHorizonTables t = backwardMessages(mdp, beta, horizon);
        return Solution.builder(name)
                .parameter("gamma", mdp.gamma())
                .parameter("beta", beta)
                .parameter("horizon", horizon)
                .converged(true).iterations(horizon).residual(0.0).errorBound(0.0)
                .value("V", t.v[0])
                .value("Q", t.q[0])
                .value("Vt", t.v)
                .policy(t.policy[0])
                .policy("byStep", t.policy)
                .build();
    }

    /** Tables of the backward recursion: {@code v[t][s]} for t = 0..H (v[H] = 0), q and policy for t = 0..H-1. */
    public static final class FiniteHorizonTables {
        public final double[][] v;
        public final double[][][] q;
        public final double[][][] policy;

        FiniteHorizonTables(double[][] v, double[][][] q, double[][][] policy) {
            this.v = v;
            this.q = q;
            this.policy = policy;
        }
    }

    /**
     * The backward messages (2.43)-(2.47): {@code V_H = 0}, {@code Q_t = r + gamma T V_{t+1}},
     * {@code V_t = M^beta[Q_t]}, {@code pi_t = P exp(beta (Q_t - V_t))}. Exact (no iteration to converge).
     */
    public static FiniteHorizonTables backwardMessages(Mdp mdp, double beta, int horizon) {
        if (horizon < 1) {
            throw new org.memarl.InvalidModelException("horizon: " + horizon + " is not a positive integer");
        }
        int n = mdp.numStates();
        int m = mdp.numActions();
        ChainBellman op = operator(mdp, beta);
        double[][] v = new double[horizon + 1][n];
        double[][][] q = new double[horizon][n][m];
        double[][][] pi = new double[horizon][n][m];
        double[] prior = mdp.priorFlat();
        for (int t = horizon - 1; t >= 0; t--) {
            for (int s = 0; s < n; s++) {
                op.q(s, v[t + 1], q[t][s], 0);
                v[t][s] = SoftExtremum.policy(beta, q[t][s], 0, prior, s * m, m, pi[t][s], 0);
            }
        }
        return new FiniteHorizonTables(v, q, pi);
    }
}
