package org.memarl.solve;

import org.memarl.InvalidModelException;
import org.memarl.kernel.Chain;

/**
 * The one solver of every chain recursion ({@link ChainProblem}): with horizon 0 the fixed point of the
 * chain's Bellman operator {@link ChainBellman} (a gamma-contraction in the sup norm for every beta of
 * every level, thesis appendix A.3.3) by {@link FixedPointDriver} — Jacobi or Gauss-Seidel sweeps, threads,
 * the stopping rule {@code gamma/(1-gamma) * residual <= tolerance} and the iteration cap reported as
 * {@code converged == false}; with horizon H &gt; 0 the exact backward recursion
 *
 * <pre>
 *   V_H = 0,   Q_t(c, x) = r(row(c, x)) + gamma sum_{c'} T(c' | row(c, x)) V_{t+1}(c'),   V_t(c) = chain(Q_t(c, .))
 * </pre>
 *
 * (thesis (2.43)-(2.47) for the one-level chain), with every step's policies. The result
 * ({@link ChainSolution}) holds V per context, the leaf Q, each level's values and conditional Boltzmann
 * policies {@code pi_k(x_k | c, x_<k) = P_k(x_k | c, x_<k) exp(beta_k (f_k(x_<k, x_k) - f_{k-1}(x_<k)))}.
 * Stateless.
 */
public final class ChainSolver {
    private ChainSolver() {
    }

    /** Solves with the given iteration settings (used only for the fixed point). */
    public static ChainSolution solve(ChainProblem problem, IterationOptions options) {
        return solve(problem, options, ProgressListener.NONE);
    }

    /**
     * Solves the problem.
     *
     * @throws InvalidModelException if the horizon is 0 and gamma is 1 (no contraction bound)
     * @throws org.memarl.MemarlException if the values overflow
     */
    public static ChainSolution solve(ChainProblem problem, IterationOptions options, ProgressListener progress) {
        ChainBellman op = new ChainBellman(problem);
        int n = problem.contexts();
        int h = problem.horizon();
        if (h > 0) {
            double[][] vt = new double[h + 1][];
            vt[h] = new double[n];
            ChainSolution.Tables[] steps = new ChainSolution.Tables[h];
            for (int t = h - 1; t >= 0; t--) {
                steps[t] = tables(op, vt[t + 1]);
                vt[t] = steps[t].v;
                progress.sweepDone(h - t, 0.0, 0.0);
            }
            return new ChainSolution(problem, vt[0], vt, steps, h, 0.0, 0.0, true, 0.0);
        }
        FixedPoint fp = FixedPointDriver.solve(op, new double[n], options, progress);
        double[] v = fp.values();
        ChainSolution.Tables tab = tables(op, v);
        return new ChainSolution(problem, v, null, new ChainSolution.Tables[] {tab}, fp.iterations(), fp.residual(),
                fp.errorBound(), fp.converged(), options.tolerance());
    }

    /**
     * The tables of one backup at the message {@code next} (V of the next step, or the fixed point): the leaf
     * Q, every level's values and policies, and the backed-up V (exact reductions, {@link Chain#reduce}).
     */
    public static ChainSolution.Tables tables(ChainProblem problem, double[] next) {
        return tables(new ChainBellman(problem), next);
    }

    static ChainSolution.Tables tables(ChainBellman op, double[] next) {
        ChainProblem p = op.problem();
        Chain chain = p.chain();
        int n = p.contexts();
        int depth = chain.depth();
        int leafSize = chain.leafSize();
        if (next.length != n) {
            throw new InvalidModelException("values: length " + next.length + ", expected " + n + " (one per context)");
        }
        double[] v = new double[n];
        double[][] q = new double[n][leafSize];
        double[][][] values = new double[depth][n][];
        double[][][] policies = new double[depth][n][];
        Chain.Workspace ws = op.workspace();
        for (int c = 0; c < n; c++) {
            op.q(c, next, q[c], 0);
            v[c] = chain.reduce(c, q[c], 0, ws);
            for (int k = 0; k < depth; k++) {
                int size = chain.levels().get(k).size();
                int pre = chain.prefixCount(k);
                double[] pol = new double[pre * size];
                double[] val = new double[pre * size];
                for (int x = 0; x < pre; x++) {
                    chain.policy(k, x, ws, pol, x * size);
                    for (int i = 0; i < size; i++) {
                        val[x * size + i] = chain.levelValue(k, x, i, ws);
                    }
                }
                policies[k][c] = pol;
                values[k][c] = val;
            }
        }
        return new ChainSolution.Tables(v, q, values, policies);
    }
}
