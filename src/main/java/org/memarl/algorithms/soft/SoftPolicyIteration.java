package org.memarl.algorithms.soft;

import org.memarl.algorithms.Evaluation;
import org.memarl.algorithms.RunConfig;
import org.memarl.algorithms.classical.PolicyIteration;
import org.memarl.algorithms.classical.PolicyEvaluation;
import org.memarl.model.Mdp;
import org.memarl.solve.ChainBellman;
import org.memarl.solve.FixedPoint;
import org.memarl.solve.FixedPointDriver;
import org.memarl.solve.PolicySystem;
import org.memarl.solve.RoundingFloor;
import org.memarl.solve.Solution;

/**
 * Soft policy iteration (thesis Theorem 6, (2.53), appendix A.3.4): alternate the exact soft policy
 * evaluation (2.50)-(2.51) of pi_k (a linear solve, {@link PolicyEvaluation#exact}) with the
 * Boltzmann improvement
 *
 * <pre>  pi_{k+1}(a | s) = P(a | s) exp(beta Q^{pi_k}(s, a)) / sum_a' P(a' | s) exp(beta Q^{pi_k}(s, a'))  </pre>
 *
 * starting from the prior. For beta &gt; 0, Q^{pi_k} is nondecreasing in k (Theorem 6) and converges
 * to the soft-optimal Q of (2.49). Stops when the soft Bellman residual {@code ||B V^{pi_k} - V^{pi_k}||}
 * guarantees {@code gamma/(1-gamma) * residual <= tolerance} for the reported {@code V = B V^{pi_k}};
 * the iteration cap is reported as non-convergence. Below the rounding floor ({@link RoundingFloor}) the
 * exact evaluations stop improving the residual: the iteration then stops at the floor, or, when the
 * residual stalls above it ({@link RoundingFloor#stalled}), finishes with value iteration from
 * {@code B V^{pi_k}} ({@link FixedPointDriver}, within the remaining iteration budget), which converges
 * from any start and stops at the floor by the driver's rule; its sweeps count as iterations. Cost per
 * iteration O(S^3 + nnz(T)), per finishing sweep O(nnz(T)).
 *
 * <p>That is {@link Evaluation#EXACT}, the default up to {@value Evaluation#AUTO_EXACT_MAX_STATES} states. Above
 * (or with {@link Evaluation#KRYLOV} / {@link Evaluation#SWEEPS}) the evaluation is inexact and matrix-free
 * ({@link org.memarl.solve.InexactPolicyIteration}): soft policy iteration is Newton's method on the soft Bellman
 * equation {@code F(V) = M^beta[r + gamma T V | P] - V = 0}, whose Jacobian is {@code gamma P_pi - I} with pi the
 * Boltzmann policy (2.48) of V, so that the Newton step is the evaluation (2.50)-(2.51)
 * {@code (I - gamma P_pi) V' = r_pi - (1/beta) KL(pi || P)}; it is solved by restarted GMRES on
 * {@code V -> V - gamma P_pi V} (a pass over the rows of T per product, never a matrix) or by the policy's sweeps,
 * to an Eisenstat-Walker forcing term; quadratic convergence near the fixed point, in a handful of outer steps
 * whatever gamma. The stop is certified as above ({@code V = B V_k}, bound {@code gamma/(1-gamma) ||B V_k - V_k||});
 * the parameters {@code outerSteps}, {@code innerIterations}, {@code sweepEquivalents} report the work.
 */
public final class SoftPolicyIteration {
    private SoftPolicyIteration() {
    }

    public static Solution solve(Mdp mdp, RunConfig config) {
        double beta = config.beta();
        double g = mdp.gamma();
        if (!(g < 1.0)) {
            throw new org.memarl.InvalidModelException("gamma: 1 has no contraction bound for soft-policy-iteration;"
                    + " use gamma < 1 or soft-value-iteration with a finite horizon");
        }
        int n = mdp.numStates();
        Evaluation how = config.evaluation().resolve(n);
        if (how != Evaluation.EXACT) {
            return PolicyIteration.inexact("soft-policy-iteration", mdp, beta, PolicySystem.Kind.BOLTZMANN, how, config);
        }
        ChainBellman op = SoftValueIteration.operator(mdp, beta);
        double[][] pi = normalisedPrior(mdp);
        double[] bv = new double[n];
        double residual = Double.POSITIVE_INFINITY;
        double bound = Double.POSITIVE_INFINITY;
        double best = Double.POSITIVE_INFINITY;
        int k = 0;
        boolean converged = false;
        boolean stalled = false;
        double tol = config.iteration().tolerance();
        int max = config.iteration().maxIterations();
        while (k < max) {
            double[] v = PolicyEvaluation.exact(mdp, pi, beta);
            op.apply(v, bv);
            residual = 0.0;
            for (int s = 0; s < n; s++) {
                residual = Math.max(residual, Math.abs(bv[s] - v[s]));
            }
            k++;
            bound = g / (1.0 - g) * residual;
            config.progress().sweepDone(k, residual, bound);
            if (bound <= tol) {
                converged = true;
                break;
            }
            if (RoundingFloor.reached(residual, bv)) {
                break;
            }
            if (RoundingFloor.stalled(residual, best)) {
                stalled = true;
                break;
            }
            best = residual;
            pi = op.outerPolicy(v);
        }
        if (stalled && k < max) {
            // the exact evaluations round above the floor: value iteration from B V^pi reaches it (driver rule)
            final int done = k;
            FixedPoint fp = FixedPointDriver.solve(op, bv, config.iteration().withMaxIterations(max - done),
                    (i, r, b) -> config.progress().sweepDone(done + i, r, b));
            bv = fp.values();
            k += fp.iterations();
            residual = fp.residual();
            bound = fp.errorBound();
            converged = fp.converged();
        }
        return Solution.builder("soft-policy-iteration")
                .parameter("gamma", g)
                .parameter("beta", beta)
                .parameter("tolerance", tol)
                .parameter("maxIterations", config.iteration().maxIterations())
                .parameter("evaluation", how.label())
                .converged(converged).iterations(k).residual(residual).errorBound(bound)
                .value("V", bv)
                .value("Q", op.qTable(bv))
                .policy(op.outerPolicy(bv))
                .build();
    }

    static double[][] normalisedPrior(Mdp mdp) {
        double[][] p = mdp.prior2d();
        for (double[] row : p) {
            double z = 0.0;
            for (double x : row) {
                z += x;
            }
            for (int a = 0; a < row.length; a++) {
                row[a] /= z;
            }
        }
        return p;
    }
}
