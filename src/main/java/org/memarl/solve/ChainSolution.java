package org.memarl.solve;

import org.memarl.InvalidModelException;
import org.memarl.NotConvergedException;
import org.memarl.kernel.Chain;

/**
 * The immutable, typed result of {@link ChainSolver}: V per context (in reward units), the leaf Q
 * {@code Q(c, x_1..x_K)} (leaf index row-major, outermost slowest), and per level k its values
 * {@code f_k(c, x_1..x_k)} (the soft value of having chosen x_1..x_k; {@code f_K = Q}) and its conditional
 * Boltzmann policy {@code pi_k(x_k | c, x_1..x_{k-1})}, flat per context as {@code [prefix * n_k + x_k]};
 * with a finite horizon also {@code V_t} and every step's tables (step 0 is the one reported). Carries the
 * problem (names, shapes, betas), iterations, the last residual, the guaranteed sup-norm error bound and
 * whether the tolerance was met. Arrays are copied out.
 */
public final class ChainSolution {
    /** The tables of one backup: V, the leaf Q, each level's values and policies ({@code [k][c][prefix * n_k + x]}). */
    public static final class Tables {
        final double[] v;
        final double[][] q;
        final double[][][] values;
        final double[][][] policies;

        Tables(double[] v, double[][] q, double[][][] values, double[][][] policies) {
            this.v = v;
            this.q = q;
            this.values = values;
            this.policies = policies;
        }
    }

    private final ChainProblem problem;
    private final double[] v;
    private final double[][] vt;
    private final Tables[] steps;
    private final int iterations;
    private final double residual;
    private final double errorBound;
    private final boolean converged;
    private final double tolerance;
    private final Provenance provenance = Provenance.current();

    ChainSolution(ChainProblem problem, double[] v, double[][] vt, Tables[] steps, int iterations, double residual,
                  double errorBound, boolean converged, double tolerance) {
        this.problem = problem;
        this.v = v;
        this.vt = vt;
        this.steps = steps;
        this.iterations = iterations;
        this.residual = residual;
        this.errorBound = errorBound;
        this.converged = converged;
        this.tolerance = tolerance;
    }

    /** The solved problem (chain, names, gamma, horizon). */
    public ChainProblem problem() {
        return problem;
    }

    /** The solved chain (levels with their names, sizes, betas and priors). */
    public Chain chain() {
        return problem.chain();
    }

    /** V(c), one per context: the fixed point, or V_0 with a finite horizon. */
    public double[] values() {
        return v.clone();
    }

    /** V of one context (the fixed point, or V_0 with a finite horizon). */
    public double value(int context) {
        return v[context];
    }

    /** {@code V_t(c)} for t = 0..H ({@code V_H = 0}), or null for the fixed point. */
    public double[][] valuesByStep() {
        return vt == null ? null : deepCopy(vt);
    }

    /** The horizon H, or 0 for the fixed point. */
    public int horizon() {
        return problem.horizon();
    }

    /** The leaf Q {@code [c][leaf]} of the reported step. */
    public double[][] q() {
        return deepCopy(steps[0].q);
    }

    /** The leaf {@code Q(c, leaf)} of the reported step (leaf index row-major over the levels, outermost slowest). */
    public double q(int context, int leaf) {
        return steps[0].q[context][leaf];
    }

    /** Index of the level named {@code name}. */
    public int level(String name) {
        java.util.List<Chain.Level> ls = problem.chain().levels();
        for (int k = 0; k < ls.size(); k++) {
            if (ls.get(k).name().equals(name)) {
                return k;
            }
        }
        throw new InvalidModelException("level: no level named \"" + name + "\"");
    }

    /** Level k's policy {@code [c][prefix * n_k + x]} of the reported step. */
    public double[][] policy(int k) {
        return deepCopy(steps[0].policies[k]);
    }

    /** {@code pi_k(x | c, prefix)} of the reported step. */
    public double policy(int k, int context, int prefix, int x) {
        return steps[0].policies[k][context][prefix * problem.chain().levels().get(k).size() + x];
    }

    /** Level k's values {@code f_k(c, prefix, x)} as {@code [c][prefix * n_k + x]} (level K-1: the leaf Q). */
    public double[][] levelValues(int k) {
        return deepCopy(steps[0].values[k]);
    }

    /** Level k's policy at step t of a finite horizon ({@code [c][prefix * n_k + x]}). */
    public double[][] policyAtStep(int t, int k) {
        if (vt == null) {
            throw new InvalidModelException("step: the fixed point has no steps; use policy(k)");
        }
        return deepCopy(steps[t].policies[k]);
    }

    /** The leaf Q at step t of a finite horizon. */
    public double[][] qAtStep(int t) {
        if (vt == null) {
            throw new InvalidModelException("step: the fixed point has no steps; use q()");
        }
        return deepCopy(steps[t].q);
    }

    /**
     * The marginal of level k's choice under the chain's policies, {@code P(x_k | c) = sum_{x_<k}
     * prod_{j <= k} pi_j(x_j | c, x_<j)} as {@code [c][x]} (the executed policy of an inner level, (3.18)).
     */
    public double[][] marginal(int k) {
        Chain chain = problem.chain();
        int n = problem.contexts();
        int size = chain.levels().get(k).size();
        double[][] out = new double[n][size];
        for (int c = 0; c < n; c++) {
            double[] w = {1.0};
            for (int j = 0; j <= k; j++) {
                int nj = chain.levels().get(j).size();
                double[] next = new double[w.length * nj];
                double[] pol = steps[0].policies[j][c];
                for (int pre = 0; pre < w.length; pre++) {
                    for (int x = 0; x < nj; x++) {
                        next[pre * nj + x] = w[pre] * pol[pre * nj + x];
                    }
                }
                w = next;
            }
            for (int i = 0; i < w.length; i++) {
                out[c][i % size] += w[i];
            }
        }
        return out;
    }

    /** Level k's policy as nested arrays {@code [c][x_1]..[x_{k-1}][x_k]} (for result files). */
    public Object nestedPolicy(int k) {
        return nest(steps[0].policies[k], k + 1);
    }

    /** Level k's policy per step {@code [t][c][x_1]..[x_k]} of a finite horizon. */
    public Object nestedPolicyByStep(int k) {
        Object[] out = new Object[steps.length];
        for (int t = 0; t < steps.length; t++) {
            out[t] = nest(steps[t].policies[k], k + 1);
        }
        return out;
    }

    /** The leaf Q as nested arrays {@code [c][x_1]..[x_K]}. */
    public Object nestedQ() {
        return nest(steps[0].q, problem.chain().depth());
    }

    private Object nest(double[][] flat, int levels) {
        Chain chain = problem.chain();
        int[] dims = new int[levels + 1];
        dims[0] = flat.length;
        int width = 1;
        for (int k = 0; k < levels; k++) {
            dims[k + 1] = chain.levels().get(k).size();
            width *= dims[k + 1];
        }
        double[] all = new double[flat.length * width];
        for (int c = 0; c < flat.length; c++) {
            System.arraycopy(flat[c], 0, all, c * width, width);
        }
        return Table.nest(all, dims);
    }

    public int iterations() {
        return iterations;
    }

    /** The last sup-norm change {@code ||V_k - V_{k-1}||_inf} (0 for a finite horizon). */
    public double residual() {
        return residual;
    }

    /** Guaranteed upper bound on the sup-norm distance of V to the fixed point (0 for a finite horizon). */
    public double errorBound() {
        return errorBound;
    }

    /** Whether the error bound met the tolerance before the iteration cap (always true for a finite horizon). */
    public boolean converged() {
        return converged;
    }

    /** The tolerance the fixed point was asked for (0 for a finite horizon). */
    public double tolerance() {
        return tolerance;
    }

    /** Where this solution was computed (memarl version, Java, OS, architecture). */
    public Provenance provenance() {
        return provenance;
    }

    /** Names of the contexts (states, or augmented states such as {@code s/z}). */
    public java.util.List<String> contextNames() {
        return problem.contextNames();
    }

    /** Names of the choices of level k. */
    public java.util.List<String> choiceNames(int k) {
        return problem.choiceNames(k);
    }

    /** Returns this, or throws {@link NotConvergedException}. */
    public ChainSolution requireConverged(String what) {
        if (!converged) {
            throw new NotConvergedException(what, iterations, residual, errorBound, tolerance);
        }
        return this;
    }

    private static double[][] deepCopy(double[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i].clone();
        }
        return out;
    }
}
