package org.memarl.solve;

import org.memarl.InvalidModelException;
import org.memarl.kernel.Chain;
import org.memarl.model.TransitionMatrix;

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
 * {@link #solveAcyclic} solves, in one backward pass, a problem whose transitions never lead back (the
 * public-belief reduction of chapter 5). Stateless.
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
     * The exact value of an <em>acyclic</em> problem in one backward pass (dynamic programming on a DAG):
     * every row of a context c leads only to contexts {@code c' > c}, except at <em>terminal</em> contexts,
     * all of whose rows have reward 0 and lead to c itself with probability 1. With {@code V} initially 0 the
     * contexts are backed up once each, in decreasing order, in place,
     *
     * <pre>
     *   V(c) = chain(Q(c, .)),   Q(c, x) = r(row(c, x)) + gamma sum_{c' &gt; c} T(c' | row(c, x)) V(c')   (V(terminal) = 0)
     * </pre>
     *
     * so each context reads only final values. This is the problem's fixed point (unique for every gamma in
     * [0, 1]: every path reaches a terminal context), and, bit for bit, the {@code V_0} of the backward
     * recursion of {@link #solve} for every horizon H at least the longest path {@code d(c)} (number of
     * transitions from c to a terminal context): by induction on d, {@code V_t(c)} is computed from the same
     * numbers as the pass's V(c) whenever {@code H - t >= d(c)} (terminal contexts: Q = 0 + gamma 0 = 0, so
     * {@code V_t = M[0] = 0} exactly). It costs one backup per context instead of H, and keeps one step's
     * tables instead of H. The solution has no steps ({@link ChainSolution#valuesByStep} is null), one
     * iteration, residual and error bound 0.
     *
     * @throws InvalidModelException naming the context and row if a transition leads to an earlier context (or
     *         to itself from a context that is not terminal), or if the problem has a horizon H &gt; 0 shorter
     *         than the longest path (then its backward recursion is not this value)
     */
    public static ChainSolution solveAcyclic(ChainProblem problem) {
        ChainBellman op = new ChainBellman(problem);
        TransitionMatrix t = problem.transitions();
        int n = problem.contexts();
        int leaves = problem.chain().leafSize();
        int[] depth = new int[n];
        for (int c = n - 1; c >= 0; c--) {
            boolean terminal = true;
            int self = -1;
            int d = 0;
            for (int j = 0; j < leaves; j++) {
                int row = problem.row(c, j);
                for (int k = t.rowStart(row); k < t.rowEnd(row); k++) {
                    int to = t.entryColumn(k);
                    double p = t.entryProbability(k);
                    if (!(p > 0.0)) {
                        continue;
                    }
                    if (to < c) {
                        throw new InvalidModelException("transitions: row " + row + " of context " + c
                                + " leads to the earlier context " + to + " (an acyclic problem needs successors c' > c)");
                    }
                    terminal &= to == c && p == 1.0 && problem.reward(row) == 0.0;
                    if (to == c) {
                        self = row;
                    } else {
                        d = Math.max(d, depth[to] + 1);
                    }
                }
            }
            if (!terminal && self >= 0) {
                throw new InvalidModelException("transitions: row " + self + " of context " + c + " leads to the context"
                        + " itself, which is not terminal (every row with reward 0 and T(" + c + " | row) = 1)");
            }
            depth[c] = terminal ? 0 : d;
            if (problem.horizon() > 0 && depth[c] > problem.horizon()) {
                throw new InvalidModelException("horizon: " + problem.horizon() + " is shorter than the longest path ("
                        + depth[c] + " steps) from context " + c + "; the acyclic pass is the value of horizon >= "
                        + depth[c]);
            }
        }
        double[] v = new double[n];
        ChainSolution.Tables tab = tables(op, v, v, true);
        return new ChainSolution(problem, tab.v, null, new ChainSolution.Tables[] {tab}, 1, 0.0, 0.0, true, 0.0);
    }

    /**
     * The tables of one backup at the message {@code next} (V of the next step, or the fixed point): the leaf
     * Q, every level's values and policies, and the backed-up V (exact reductions, {@link Chain#reduce}).
     */
    public static ChainSolution.Tables tables(ChainProblem problem, double[] next) {
        return tables(new ChainBellman(problem), next);
    }

    static ChainSolution.Tables tables(ChainBellman op, double[] next) {
        return tables(op, next, new double[op.problem().contexts()], false);
    }

    /**
     * The tables of one backup of {@code next} into {@code v}; {@code backward}: contexts in decreasing order,
     * and {@code v} may be {@code next} (in place, for {@link #solveAcyclic}).
     */
    private static ChainSolution.Tables tables(ChainBellman op, double[] next, double[] v, boolean backward) {
        ChainProblem p = op.problem();
        Chain chain = p.chain();
        int n = p.contexts();
        int depth = chain.depth();
        int leafSize = chain.leafSize();
        if (next.length != n) {
            throw new InvalidModelException("values: length " + next.length + ", expected " + n + " (one per context)");
        }
        double[][] q = new double[n][leafSize];
        double[][][] values = new double[depth][n][];
        double[][][] policies = new double[depth][n][];
        Chain.Workspace ws = op.workspace();
        for (int step = 0; step < n; step++) {
            int c = backward ? n - 1 - step : step;
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
