package org.memarl.chains;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.memarl.InvalidModelException;
import org.memarl.kernel.Chain;
import org.memarl.kernel.SoftExtremum;
import org.memarl.model.Fmt;
import org.memarl.model.Probabilities;
import org.memarl.solve.ChainProblem;
import org.memarl.solve.ChainSolution;
import org.memarl.model.TransitionMatrix;

/**
 * Exact evaluation of arbitrary conditional policies of any {@link ChainProblem}: the regularised objective of
 * the chain's declared factorisation {@code pi(x | c) = prod_k pi_k(x_k | c, x_<k)} with priors
 * {@code P_k(x_k | c, x_<k)} (the chain's levels' priors), in reward units,
 *
 * <pre>
 *   V^pi(c) = sum_x pi(x | c) [ r(row(c, x)) + gamma sum_{c'} T(c' | row(c, x)) V^pi(c') ]
 *             - sum_k (1/beta_k) E_{pi(. | c)}[ log pi_k(x_k | c, x_<k) / P_k(x_k | c, x_<k) ]
 * </pre>
 *
 * the multi-level form of the regularised evaluations of the thesis ((2.50) for one level; (3.34) and (3.39),
 * the evaluation operators of Theorems 8 and 9, for two; the option ELBOs (4.4), (4.15) for three and six).
 * With horizon 0 it is solved as one linear system {@code (I - gamma P_pi) V = R_pi} (EJML dense LU; needs
 * gamma &lt; 1); with a horizon H &gt; 0 by the exact backward recursion {@code V_H = 0},
 * {@code V_t = R_pi + gamma P_pi V_{t+1}} (stationary policies, or one set per step).
 *
 * <p>Besides V and the leaf {@code Q^pi(c, x) = r + gamma E V^pi}, the result holds each level's
 * <em>continuation values</em> {@code U_k(c, x_1..x_k)}: the objective's value after the outer choices
 * {@code x_1..x_k}, {@code U_{K}(c, x) = Q^pi(c, x)} and
 * {@code U_{k-1}(c, x_<k) = sum_{x_k} pi_k(x_k | c, x_<k) [U_k(c, x_<=k) - (1/beta_k) log(pi_k / P_k)]}, so
 * {@code V^pi(c) = U_0(c)}. Level k's Boltzmann response holding the other levels is
 * {@code pi_k'(x_k | c, x_<k) ∝ P_k(x_k | c, x_<k) exp(beta_k U_k(c, x_<=k))} ({@link #boltzmannResponse}); at
 * the chain's own policies it is the chain's policy and {@code U_k} is the chain's level value {@code f_k}.
 *
 * <p>Limits of the inverse temperatures:
 * <ul>
 *   <li>{@code beta_k = +-inf}: no regulariser (the hard max/min has none); the policy must still put its mass
 *       inside the prior's support.</li>
 *   <li>{@code beta_k = 0}: the objective is finite only when {@code pi_k = P_k} (else the KL term is
 *       {@code -inf} as beta -&gt; 0+ and {@code +inf} as beta -&gt; 0-); such a level contributes no regulariser,
 *       and any row differing from the prior by more than {@link #BETA_ZERO_TOLERANCE} is rejected.</li>
 *   <li>finite nonzero beta: a policy with mass where the prior has none has an infinite regulariser and is
 *       rejected.</li>
 * </ul>
 * Rejections (and policies that are not distributions, or of the wrong shape) are one
 * {@link InvalidModelException} naming the level, context, prefix and value. Every row of every level is
 * checked, reached or not. Stateless.
 */
public final class ChainEvaluation {
    /** Largest |pi_k - P_k| accepted for a level with beta 0 (the policy must be its prior). */
    public static final double BETA_ZERO_TOLERANCE = 1e-12;

    private ChainEvaluation() {
    }

    /** The exact evaluation of one set of policies: V, the leaf Q and every level's continuation values. */
    public static final class Result {
        private final double[] v;
        private final double[][] q;
        private final double[][][] levelValues;
        private final double scale;

        Result(double[] v, double[][] q, double[][][] levelValues, double scale) {
            this.v = v;
            this.q = q;
            this.levelValues = levelValues;
            this.scale = scale;
        }

        /**
         * The largest magnitude among the terms of the evaluation (rewards, regularisers, Q, continuation values,
         * V) and the {@code 1/|beta_k|} of the finite nonzero betas (a log ratio rounded by an ulp becomes an error of
         * an ulp over |beta_k|): the scale of its rounding errors.
         */
        public double scale() {
            return scale;
        }

        /** {@code V^pi(c)} per context (a copy). */
        public double[] values() {
            return v.clone();
        }

        public double value(int context) {
            return v[context];
        }

        /** The leaf {@code Q^pi(c, x) = r + gamma E V^pi} as {@code [c][leaf]} (a copy; at step 0 with a horizon). */
        public double[][] q() {
            double[][] out = new double[q.length][];
            for (int c = 0; c < q.length; c++) {
                out[c] = q[c].clone();
            }
            return out;
        }

        /**
         * Level k's continuation values {@code U_k(c, x_1..x_k)} as {@code [c][prefix * n_k + x_k]} (a copy; the
         * innermost level's are the leaf Q).
         */
        public double[][] levelValues(int k) {
            double[][] out = new double[levelValues[k].length][];
            for (int c = 0; c < out.length; c++) {
                out[c] = levelValues[k][c].clone();
            }
            return out;
        }
    }

    /** The chain's own policies of a solution, {@code [k][c][prefix * n_k + x]}. */
    public static double[][][] policies(ChainSolution solution) {
        int depth = solution.chain().depth();
        double[][][] out = new double[depth][][];
        for (int k = 0; k < depth; k++) {
            out[k] = solution.policy(k);
        }
        return out;
    }

    /**
     * Evaluates stationary policies {@code policies[k][c][prefix * n_k + x_k]} (the layout of
     * {@link ChainSolution#policy(int)}): the fixed point of the policy's regularised Bellman equation with
     * horizon 0, else the H-step backward recursion.
     *
     * @throws InvalidModelException on a wrong shape, a row that is not a distribution, mass outside a prior's
     *     support, a beta-0 level whose policy is not its prior, or gamma = 1 without a horizon
     */
    public static Result evaluate(ChainProblem problem, double[][][] policies) {
        int h = problem.horizon();
        Step step = new Step(problem, policies, "policies");
        int n = problem.contexts();
        if (h == 0) {
            if (!(problem.gamma() < 1.0)) {
                throw new InvalidModelException("gamma: 1 without a horizon; the evaluation has no unique solution");
            }
            DMatrixRMaj a = new DMatrixRMaj(n, n);
            DMatrixRMaj b = new DMatrixRMaj(n, 1);
            for (int c = 0; c < n; c++) {
                for (int d = 0; d < n; d++) {
                    a.set(c, d, (c == d ? 1.0 : 0.0) - problem.gamma() * step.p[c][d]);
                }
                b.set(c, 0, step.r[c]);
            }
            LinearSolverDense<DMatrixRMaj> lu = LinearSolverFactory_DDRM.lu(n);
            if (!lu.setA(a)) {
                throw new InvalidModelException("evaluation: the system I - gamma P_pi is singular");
            }
            DMatrixRMaj x = new DMatrixRMaj(n, 1);
            lu.solve(b, x);
            double[] v = x.data.clone();
            return step.result(v);
        }
        double[] v = new double[n];
        Result last = null;
        for (int t = h - 1; t >= 0; t--) {
            last = step.result(v);
            v = last.v;
        }
        return last;
    }

    /**
     * Evaluates time-dependent policies {@code policies[t][k][c][prefix * n_k + x_k]}, t = 0..H-1, over the
     * problem's horizon H &gt; 0 (the layout of {@link ChainSolution#policyAtStep}): {@code V_H = 0},
     * {@code V_t = R_{pi_t} + gamma P_{pi_t} V_{t+1}}; the result is step 0's.
     *
     * @throws InvalidModelException as {@link #evaluate(ChainProblem, double[][][])}, or when the problem has no
     *     horizon or the number of steps differs from it
     */
    public static Result evaluateSteps(ChainProblem problem, double[][][][] policies) {
        int h = problem.horizon();
        if (h == 0) {
            throw new InvalidModelException("horizon: the problem has none; use evaluate(problem, policies)");
        }
        if (policies.length != h) {
            throw new InvalidModelException("policies: " + policies.length + " steps, expected the horizon " + h);
        }
        double[] v = new double[problem.contexts()];
        Result last = null;
        for (int t = h - 1; t >= 0; t--) {
            last = new Step(problem, policies[t], "policies[" + t + "]").result(v);
            v = last.v;
        }
        return last;
    }

    /**
     * Level k's Boltzmann response to an evaluation, holding the other levels:
     * {@code pi_k'(x | c, prefix) = P_k(x | c, prefix) exp(beta_k U_k(c, prefix, x)) / Z} ({@code beta = +-inf}:
     * the prior restricted to the maximisers/minimisers; 0: the prior), as {@code [c][prefix * n_k + x]}.
     */
    public static double[][] boltzmannResponse(ChainProblem problem, Result evaluation, int k) {
        Chain chain = problem.chain();
        Chain.Level l = chain.levels().get(k);
        int n = l.size();
        int pre = chain.prefixCount(k);
        double[][] u = evaluation.levelValues[k];
        double[][] out = new double[problem.contexts()][pre * n];
        double[] prior = new double[n];
        for (int c = 0; c < out.length; c++) {
            for (int p = 0; p < pre; p++) {
                for (int x = 0; x < n; x++) {
                    prior[x] = chain.priorWeight(k, c, p, x);
                }
                SoftExtremum.policy(l.beta(), u[c], p * n, prior, 0, n, out[c], p * n);
            }
        }
        return out;
    }

    /** One step's policy-weighted rewards R_pi, transition rows P_pi and per-leaf regularisers. */
    private static final class Step {
        final ChainProblem problem;
        final Chain chain;
        final double[][][] pol;
        /** log-ratio coefficient of each level's policy entry: (1/beta_k) log(pi_k / P_k), 0 where none. */
        final double[][][] reg;
        final double[][] p;
        final double[] r;
        /** Largest |reward| and |regulariser| of the step. */
        double terms;

        Step(ChainProblem problem, double[][][] policies, String key) {
            this.problem = problem;
            this.chain = problem.chain();
            int depth = chain.depth();
            int n = problem.contexts();
            if (policies == null || policies.length != depth) {
                throw new InvalidModelException(key + ": " + (policies == null ? "missing" : policies.length + " levels")
                        + ", expected " + depth);
            }
            this.pol = policies;
            this.reg = new double[depth][n][];
            for (int k = 0; k < depth; k++) {
                Chain.Level l = chain.levels().get(k);
                int size = l.size();
                int pre = chain.prefixCount(k);
                if (policies[k] == null || policies[k].length != n) {
                    throw new InvalidModelException(key + "[" + k + "] (" + l.name() + "): "
                            + (policies[k] == null ? "missing" : policies[k].length + " contexts") + ", expected " + n);
                }
                for (int c = 0; c < n; c++) {
                    double[] row = policies[k][c];
                    String at = key + "[" + k + "][" + c + "]";
                    if (row == null || row.length != pre * size) {
                        throw new InvalidModelException(at + " (" + l.name() + "): " + (row == null ? "missing"
                                : row.length + " entries") + ", expected " + pre * size + " (prefixes x choices)");
                    }
                    reg[k][c] = new double[pre * size];
                    for (int x = 0; x < pre; x++) {
                        Probabilities.check(at + "[" + x + "]", row, x * size, size);
                        for (int i = 0; i < size; i++) {
                            reg[k][c][x * size + i] = regulariser(l, chain.priorWeight(k, c, x, i), row[x * size + i],
                                    at + "[" + (x * size + i) + "]");
                            terms = Math.max(terms, Math.abs(reg[k][c][x * size + i]));
                        }
                    }
                }
            }
            this.p = new double[n][n];
            this.r = new double[n];
            int leaf = chain.leafSize();
            TransitionMatrix t = problem.transitions();
            for (int c = 0; c < n; c++) {
                for (int j = 0; j < leaf; j++) {
                    double w = 1.0;
                    double rg = 0.0;
                    for (int k = 0; k < depth && w > 0.0; k++) {
                        int idx = j / (leaf / chain.prefixCount(k + 1));
                        w *= pol[k][c][idx];
                        rg += reg[k][c][idx];
                    }
                    if (w > 0.0) {
                        int row = problem.row(c, j);
                        r[c] += w * (problem.reward(row) - rg);
                        terms = Math.max(terms, Math.abs(problem.reward(row)) + Math.abs(rg));
                        t.addRow(row, w, p[c], 0);
                    }
                }
            }
        }

        /** {@code (1/beta) log(pi / P)} of one entry, 0 where pi = 0 or beta is infinite; rejects infinities. */
        private static double regulariser(Chain.Level l, double prior, double pi, String at) {
            double beta = l.beta();
            if (beta == 0.0) {
                if (Math.abs(pi - prior) > BETA_ZERO_TOLERANCE) {
                    throw new InvalidModelException(at + ": " + Fmt.num(pi) + " differs from the prior " + Fmt.num(prior)
                            + " of level " + l.name() + ", whose beta is 0 (the regulariser would be infinite)");
                }
                return 0.0;
            }
            if (!(pi > 0.0)) {
                return 0.0;
            }
            if (!(prior > 0.0)) {
                throw new InvalidModelException(at + ": " + Fmt.num(pi) + " > 0 outside the support of level " + l.name()
                        + "'s prior" + (Double.isInfinite(beta) ? "" : " (the regulariser would be infinite)"));
            }
            return Double.isInfinite(beta) ? 0.0 : Math.log(pi / prior) / beta;
        }

        /** One backup at the next step's values {@code next}: V, Q and the continuation values. */
        Result result(double[] next) {
            int n = problem.contexts();
            int depth = chain.depth();
            int leaf = chain.leafSize();
            double gamma = problem.gamma();
            TransitionMatrix t = problem.transitions();
            double[][] q = new double[n][leaf];
            double[][][] u = new double[depth][n][];
            double[] v = new double[n];
            double scale = terms;
            for (Chain.Level l : chain.levels()) {
                if (l.beta() != 0.0 && Double.isFinite(l.beta())) {
                    scale = Math.max(scale, 1.0 / Math.abs(l.beta()));
                }
            }
            for (double x : next) {
                scale = Math.max(scale, Math.abs(x));
            }
            for (int c = 0; c < n; c++) {
                for (int j = 0; j < leaf; j++) {
                    int row = problem.row(c, j);
                    q[c][j] = problem.reward(row) + gamma * t.expect(row, next);
                    scale = Math.max(scale, Math.abs(q[c][j]));
                }
                u[depth - 1][c] = q[c].clone();
                for (int k = depth - 1; k >= 0; k--) {
                    int size = chain.levels().get(k).size();
                    int pre = chain.prefixCount(k);
                    double[] in = u[k][c];
                    double[] out = new double[pre];
                    for (int x = 0; x < pre; x++) {
                        double s = 0.0;
                        for (int i = 0; i < size; i++) {
                            double w = pol[k][c][x * size + i];
                            if (w > 0.0) {
                                s += w * (in[x * size + i] - reg[k][c][x * size + i]);
                            }
                        }
                        out[x] = s;
                        scale = Math.max(scale, Math.abs(s));
                    }
                    if (k > 0) {
                        u[k - 1][c] = out;
                    } else {
                        v[c] = out[0];
                    }
                }
            }
            return new Result(v, q, u, scale);
        }
    }
}
