package org.memarl.algorithms.classical;

import java.util.ArrayDeque;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.memarl.InvalidModelException;
import org.memarl.MemarlException;
import org.memarl.model.Mdp;
import org.memarl.model.TransitionMatrix;
import org.memarl.solve.FixedPoint;
import org.memarl.solve.FixedPointDriver;
import org.memarl.solve.IterationOptions;
import org.memarl.solve.ValueOperator;

/**
 * Policy evaluation, classical and soft. For a stationary policy pi and inverse temperature beta,
 *
 * <pre>
 *   V^pi(s)    = sum_a pi(a|s) [ r(s,a) - (1/beta) log(pi(a|s) / P(a|s)) + gamma sum_{s'} T(s'|s,a) V^pi(s') ]
 *   Q^pi(s, a) = r(s, a) + gamma sum_{s'} T(s'|s,a) V^pi(s')
 * </pre>
 *
 * which is the expected Bellman equation (2.17)-(2.18) at beta = +inf and the soft policy evaluation
 * (2.50)-(2.51) of the control-as-inference view otherwise (in reward units: the thesis's V is
 * beta times this V; its (2.51) lacks the log). Two solvers:
 * <ul>
 * <li>{@link #exact}: the linear system {@code (I - gamma P_pi) V = r_pi} by LU (EJML), O(S^3).
 *   gamma = 1 is allowed when every state under pi reaches, with probability 1, an absorbing state
 *   (self-loop with probability 1 and zero regularised reward): such states get V = 0 and the
 *   transient system is solved; otherwise a clear error (the system is singular or the value infinite).</li>
 * <li>{@link #iterative}: the fixed-point driver on B^pi (a gamma-contraction, appendix A.2.2).</li>
 * </ul>
 */
public final class PolicyEvaluation {
    private PolicyEvaluation() {
    }

    /** Checks that pi is an S x A row-stochastic matrix; messages name {@code key[s][a]}. */
    public static void checkPolicy(String key, Mdp mdp, double[][] pi) {
        int n = mdp.numStates();
        int m = mdp.numActions();
        if (pi.length != n) {
            throw new InvalidModelException(key + ": " + pi.length + " rows, expected " + n + " (one per state)");
        }
        for (int s = 0; s < n; s++) {
            if (pi[s].length != m) {
                throw new InvalidModelException(key + "[" + s + "]: " + pi[s].length + " entries, expected " + m);
            }
            org.memarl.kernel.Distributions.check(key + "[" + s + "]", pi[s], 0, m);
        }
    }

    /**
     * The regularised one-step reward {@code r_pi(s) = sum_a pi [r - (1/beta) log(pi/P)]}.
     *
     * @throws InvalidModelException if beta is finite and pi puts mass where the prior has none
     *         (the KL term is infinite), or beta = 0 and pi differs from the prior
     */
    public static double[] regularisedReward(Mdp mdp, double[][] pi, double beta) {
        int n = mdp.numStates();
        int m = mdp.numActions();
        double[] out = new double[n];
        for (int s = 0; s < n; s++) {
            double acc = 0.0;
            double kl = 0.0;
            for (int a = 0; a < m; a++) {
                double p = pi[s][a];
                if (p > 0.0) {
                    acc += p * mdp.reward(s, a);
                    double w = mdp.prior(s, a);
                    if (w > 0.0) {
                        kl += p * Math.log(p / w);
                    } else if (!Double.isInfinite(beta)) {
                        throw new InvalidModelException("policy[" + s + "][" + a + "]: probability " + p
                                + " where the prior is 0: the KL term (1/beta) log(pi/P) is infinite");
                    }
                }
            }
            if (!Double.isInfinite(beta)) {
                if (beta == 0.0) {
                    if (Math.abs(kl) > 1e-12) {
                        throw new InvalidModelException("beta: 0 evaluates only the prior policy; policy[" + s
                                + "] differs from the prior (KL " + kl + ")");
                    }
                } else {
                    acc -= kl / beta;
                }
            }
            out[s] = acc;
        }
        return out;
    }

    /** Q^pi from V^pi: {@code r(s,a) + gamma E V(s')}. */
    public static double[][] qFromV(Mdp mdp, double[] v) {
        int n = mdp.numStates();
        int m = mdp.numActions();
        double g = mdp.gamma();
        double[][] q = new double[n][m];
        for (int s = 0; s < n; s++) {
            for (int a = 0; a < m; a++) {
                q[s][a] = mdp.reward(s, a) + g * mdp.transitions().expect(mdp.row(s, a), v);
            }
        }
        return q;
    }

    /**
     * Exact V^pi by a linear solve (see the class comment for gamma = 1).
     *
     * @param beta inverse temperature of the KL regulariser; {@code Double.POSITIVE_INFINITY} = classical
     */
    public static double[] exact(Mdp mdp, double[][] pi, double beta) {
        checkPolicy("policy", mdp, pi);
        int n = mdp.numStates();
        int m = mdp.numActions();
        double g = mdp.gamma();
        double[] r = regularisedReward(mdp, pi, beta);
        TransitionMatrix t = mdp.transitions();
        // P_pi dense
        DMatrixRMaj p = new DMatrixRMaj(n, n);
        for (int s = 0; s < n; s++) {
            for (int a = 0; a < m; a++) {
                if (pi[s][a] > 0.0) {
                    t.addRow(mdp.row(s, a), pi[s][a], p.data, s * n);
                }
            }
        }
        boolean[] absorbing = new boolean[n];
        if (g == 1.0) {
            markAbsorbing(p, r, absorbing);
        }
        int[] index = new int[n];
        int k = 0;
        for (int s = 0; s < n; s++) {
            index[s] = absorbing[s] ? -1 : k++;
        }
        double[] v = new double[n];
        if (k == 0) {
            return v;
        }
        DMatrixRMaj a = new DMatrixRMaj(k, k);
        DMatrixRMaj b = new DMatrixRMaj(k, 1);
        for (int s = 0; s < n; s++) {
            int i = index[s];
            if (i < 0) {
                continue;
            }
            b.data[i] = r[s];
            for (int s2 = 0; s2 < n; s2++) {
                int j = index[s2];
                if (j >= 0) {
                    a.data[i * k + j] = (i == j ? 1.0 : 0.0) - g * p.data[s * n + s2];
                }
            }
        }
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.lu(k);
        // I - gamma P_pi is nonsingular: strictly diagonally dominant for gamma < 1, and for gamma = 1 the
        // transient block of a chain absorbed with probability 1 (checked above). LU's quality() (the
        // product of the pivots relative to the largest) is no singularity test here: it is (1-gamma)^k
        // for k self-loops of a perfectly conditioned system; a non-finite solution is reported below.
        if (!solver.setA(a)) {
            throw new InvalidModelException("gamma: " + g + " makes the policy-evaluation system singular (quality "
                    + solver.quality() + "); use gamma < 1 or a finite horizon");
        }
        DMatrixRMaj x = new DMatrixRMaj(k, 1);
        solver.solve(b, x);
        for (int s = 0; s < n; s++) {
            if (index[s] >= 0) {
                double val = x.data[index[s]];
                if (!Double.isFinite(val)) {
                    throw new MemarlException("policy evaluation: V[" + s + "] = " + val + " is not finite");
                }
                v[s] = val;
            }
        }
        return v;
    }

    /**
     * For gamma = 1: marks absorbing states and checks that every other state reaches one with
     * probability 1 under the policy.
     */
    private static void markAbsorbing(DMatrixRMaj p, double[] r, boolean[] absorbing) {
        int n = r.length;
        for (int s = 0; s < n; s++) {
            if (Math.abs(p.data[s * n + s] - 1.0) <= TransitionMatrix.ROW_SUM_TOLERANCE) {
                if (r[s] != 0.0) {
                    throw new InvalidModelException("gamma: 1 but the policy never leaves state " + s + " and collects reward "
                            + r[s] + " per step there, so its value is infinite; use gamma < 1 or a finite horizon");
                }
                absorbing[s] = true;
            }
        }
        // backward reachability to the absorbing set over positive-probability edges
        boolean[] reaches = absorbing.clone();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int s = 0; s < n; s++) {
            if (absorbing[s]) {
                queue.add(s);
            }
        }
        while (!queue.isEmpty()) {
            int target = queue.poll();
            for (int s = 0; s < n; s++) {
                if (!reaches[s] && p.data[s * n + target] > 0.0) {
                    reaches[s] = true;
                    queue.add(s);
                }
            }
        }
        for (int s = 0; s < n; s++) {
            if (!reaches[s]) {
                throw new InvalidModelException("gamma: 1 but from state " + s + " the policy never reaches an absorbing"
                        + " state (self-loop with probability 1 and zero reward), so the system is singular;"
                        + " use gamma < 1 or a finite horizon");
            }
        }
    }

    /** The expected Bellman operator B^pi of (2.18), soft when beta is finite, as a {@link ValueOperator}. */
    public static ValueOperator operator(Mdp mdp, double[][] pi, double beta) {
        checkPolicy("policy", mdp, pi);
        final double[] r = regularisedReward(mdp, pi, beta);
        final int n = mdp.numStates();
        final int m = mdp.numActions();
        final double g = mdp.gamma();
        final TransitionMatrix t = mdp.transitions();
        final double[] flatPi = new double[n * m];
        for (int s = 0; s < n; s++) {
            System.arraycopy(pi[s], 0, flatPi, s * m, m);
        }
        return new ValueOperator() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public double modulus() {
                return g;
            }

            private double backup(int s, double[] v) {
                double acc = r[s];
                for (int a = 0; a < m; a++) {
                    double w = flatPi[s * m + a];
                    if (w > 0.0) {
                        acc += w * g * t.expect(s * m + a, v);
                    }
                }
                return acc;
            }

            @Override
            public void apply(double[] in, double[] out) {
                for (int s = 0; s < n; s++) {
                    out[s] = backup(s, in);
                }
            }

            @Override
            public double applyInPlace(double[] v) {
                double res = 0.0;
                for (int s = 0; s < n; s++) {
                    double nv = backup(s, v);
                    res = Math.max(res, Math.abs(nv - v[s]));
                    v[s] = nv;
                }
                return res;
            }
        };
    }

    /** Iterative V^pi by the fixed-point driver (gamma &lt; 1), from V = 0. */
    public static FixedPoint iterative(Mdp mdp, double[][] pi, double beta, IterationOptions options) {
        return FixedPointDriver.solve(operator(mdp, pi, beta), new double[mdp.numStates()], options);
    }

    /** The prior as a policy matrix. */
    public static double[][] priorPolicy(Mdp mdp) {
        return mdp.prior2d();
    }

    /** Uniform policy. */
    public static double[][] uniformPolicy(Mdp mdp) {
        double[][] pi = new double[mdp.numStates()][mdp.numActions()];
        for (double[] row : pi) {
            Arrays.fill(row, 1.0 / row.length);
        }
        return pi;
    }

    static double supNorm(double[] a, double[] b) {
        double d = 0.0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }
}
