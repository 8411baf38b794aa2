package org.memarl.solve;

import org.memarl.InvalidModelException;

/**
 * Inexact (soft or hard) policy iteration, matrix-free: Newton's method on the Bellman equation
 * {@code F(V) = B V - V = 0}. With pi_k the improved policy of V_k ({@link PolicySystem#improve}: the Boltzmann
 * policy (thesis (2.48), (2.53)) or the greedy one (2.16)), the evaluation of pi_k,
 *
 * <pre>
 *   (I - gamma P_{pi_k}) V_{k+1} = r_{pi_k} = r - (1/beta) KL(pi_k || P)         (thesis (2.50)-(2.51); hard: (2.17))
 * </pre>
 *
 * is exactly the Newton step {@code V_{k+1} = V_k - F'(V_k)^{-1} F(V_k)}: the Jacobian of the soft backup
 * {@code B V = M^beta[r + gamma T V]} at V_k is {@code gamma P_{pi_k}} (the derivative of the log-sum-exp is the
 * Boltzmann policy), and {@code r_{pi_k} + gamma P_{pi_k} V_k = B V_k}, so the right-hand side of the Newton
 * equation {@code (I - gamma P_pi) (V_{k+1} - V_k) = B V_k - V_k} is the Bellman residual. Hard policy
 * iteration is Newton's method on the piecewise-linear max (Puterman and Brumelle 1979). Near the fixed point
 * the outer residuals {@code ||B V_k - V_k||} fall quadratically, in a handful of steps whatever gamma is.
 *
 * <p>The evaluation is solved inexactly (Dembo, Eisenstat and Steihaug 1982), from V_k, whose residual is
 * the Bellman residual, until {@code ||r_pi - (I - gamma P_pi) V||_2 <= eta_k ||B V_k - V_k||_2}: by restarted
 * {@link Gmres} on the operator {@code V -> V - gamma P_pi V} ({@link Inner#KRYLOV}), or by the policy's own
 * Bellman sweeps {@code V <- r_pi + gamma P_pi V} ({@link Inner#SWEEPS}: modified policy iteration). The
 * forcing term is Eisenstat and Walker's (1996) choice 2, {@code eta_k = 0.9 (||F_k|| / ||F_{k-1}||)^2},
 * safeguarded by {@code 0.9 eta_{k-1}^2} while that exceeds 0.1, capped at {@value #ETA_MAX}, so it tightens as
 * the outer residual falls; an inner solve never aims below a tenth of the residual the tolerance needs, nor below
 * the rounding of the products ({@value RoundingFloor#ULPS} ulps of max|V| per state, in the 2-norm).
 *
 * <p>Certified stop (as every solver of the library): each outer step starts with one exact backup
 * {@code B V_k} (inside {@link PolicySystem#improve}); the reported values are {@code B V_k}, with the Banach bound
 * {@code ||B V_k - V*||_inf <= gamma/(1-gamma) ||B V_k - V_k||_inf}; the run stops converged when that bound
 * meets the tolerance. The rounding floor behaves as in value iteration ({@link RoundingFloor}): at the floor
 * the run stops and reports {@code converged == false}; when the residual stops falling above it
 * ({@link RoundingFloor#stalled}, after one retry with a tight forcing term), the run finishes with value
 * iteration from {@code B V_k} ({@link FixedPointDriver}, within the remaining step budget), which converges
 * from any start. The iteration cap counts outer steps (plus finishing sweeps). Cost per outer step: one sweep
 * for the improvement plus the inner products, each a pass over the rows the policy uses (a full sweep without
 * the exponentials for a Boltzmann policy, one row per state for a deterministic one) and O(m S) for GMRES(m).
 */
public final class InexactPolicyIteration {
    /** How the evaluation of each policy is solved. */
    public enum Inner {
        /** Restarted GMRES on {@code V -> V - gamma P_pi V}. */
        KRYLOV,
        /** The policy's Bellman sweeps (modified policy iteration). */
        SWEEPS
    }

    /** The largest forcing term. */
    static final double ETA_MAX = 0.5;
    /** The forcing term of the one retry after a stall. */
    static final double TIGHT_ETA = 1e-6;
    /** The default GMRES restart length. */
    public static final int DEFAULT_RESTART = 20;
    /** The most inner products of one evaluation. */
    public static final int MAX_INNER = 2000;

    /**
     * The outcome: the certified values {@code B V_k}, the policy that attains them (improved w.r.t. V_k),
     * the counts and the outer residual history.
     *
     * @param values {@code B V_k}
     * @param policy {@code pi[s][a]} improved w.r.t. {@code V_k} ({@link PolicySystem}; null for chains)
     * @param outerSteps improvements (exact backups) done, finishing sweeps excluded
     * @param innerIterations products of the inner solver (GMRES products or evaluation sweeps)
     * @param finishingSweeps value-iteration sweeps of the finish after a stall (0 otherwise)
     * @param sweepEquivalents stored entries of T read, divided by those of a full sweep
     * @param residual the last {@code ||B V - V||_inf}
     * @param errorBound {@code gamma/(1-gamma)} times it
     * @param converged whether the bound met the tolerance
     * @param stopReason {@code converged}, {@code iteration cap}, {@link RoundingFloor#STOP_REASON}
     * @param residuals the outer residuals, one per outer step
     */
    public record Result(double[] values, double[][] policy, int outerSteps, long innerIterations, int finishingSweeps,
            double sweepEquivalents, double residual, double errorBound, boolean converged, String stopReason,
            double[] residuals) {
    }

    private InexactPolicyIteration() {
    }

    /**
     * Runs from V = 0.
     *
     * @param system the policy system (its policy is overwritten)
     * @param inner how each evaluation is solved
     * @param restart GMRES restart length (ignored for sweeps)
     * @param finish the optimality backup B as a value operator, for the finish after a stall
     * @param options tolerance, cap (outer steps plus finishing sweeps), threads of the finish
     * @throws InvalidModelException if gamma is not in [0, 1)
     */
    public static Result solve(PolicyStep system, Inner inner, int restart, ValueOperator finish,
            IterationOptions options, ProgressListener progress) {
        double g = system.gamma();
        if (!(g >= 0.0 && g < 1.0)) {
            throw new InvalidModelException("gamma: " + g + " has no contraction bound for inexact policy iteration;"
                    + " use gamma < 1 (or --evaluation exact with proper policies)");
        }
        int n = system.size();
        double tol = options.tolerance();
        int max = options.maxIterations();
        double factor = g / (1.0 - g);
        double needed = g == 0.0 ? Double.POSITIVE_INFINITY : tol / factor;
        double[] v = new double[n];
        double[] bv = new double[n];
        double[] r0 = new double[n];
        double[] work = inner == Inner.SWEEPS ? new double[n] : null;
        Gmres gmres = inner == Inner.KRYLOV ? new Gmres(n, restart) : null;
        double[] history = new double[Math.min(max, 4096)];
        double entries = 0.0;
        long innerCount = 0;
        int k = 0;
        double residual = Double.POSITIVE_INFINITY;
        double bound = Double.POSITIVE_INFINITY;
        double best = Double.POSITIVE_INFINITY;
        double prevNorm = Double.NaN;
        double eta = ETA_MAX;
        boolean retried = false;
        boolean converged = false;
        boolean stalled = false;
        String reason = "iteration cap";
        while (k < max) {
            residual = system.improve(v, bv);
            entries += system.sweepEntries();
            if (k < history.length) {
                history[k] = residual;
            }
            k++;
            bound = g == 0.0 ? 0.0 : factor * residual;
            progress.sweepDone(k, residual, bound);
            if (bound <= tol) {
                converged = true;
                reason = "converged";
                break;
            }
            if (RoundingFloor.reached(residual, bv)) {
                reason = RoundingFloor.STOP_REASON;
                break;
            }
            boolean forced = false;
            if (RoundingFloor.stalled(residual, best)) {
                if (retried) {
                    stalled = true;
                    break;
                }
                retried = true; // one retry with a tight evaluation before falling back to value iteration
                forced = true;
            } else {
                best = residual;
            }
            if (k >= max) {
                break;
            }
            for (int s = 0; s < n; s++) {
                r0[s] = bv[s] - v[s];
            }
            double norm = Gmres.norm(r0);
            if (forced) {
                eta = TIGHT_ETA;
            } else if (!Double.isNaN(prevNorm)) {
                double ratio = norm / prevNorm;
                double next = 0.9 * ratio * ratio;
                double safe = 0.9 * eta * eta;
                if (safe > 0.1) {
                    next = Math.max(next, safe);
                }
                eta = Math.min(ETA_MAX, next);
            }
            prevNorm = norm;
            // never below a tenth of what the tolerance needs, nor below the rounding of the products (2-norm)
            double noise = RoundingFloor.ULPS * Math.ulp(RoundingFloor.maxAbs(bv)) * Math.sqrt(n);
            double target = Math.max(Math.max(eta * norm, 0.1 * needed), noise);
            int p = inner == Inner.KRYLOV
                    ? gmres.solve(system, system.rewardOfPolicy(), v, r0, target, MAX_INNER)
                    : sweeps(system, v, work, norm, target, MAX_INNER);
            innerCount += p;
            entries += p * (double) system.policyEntries();
        }
        double[][] policy = system instanceof PolicySystem ps ? ps.policy() : null;
        int finishing = 0;
        if (stalled && k < max) {
            final int done = k;
            FixedPoint fp = FixedPointDriver.solve(finish, bv, options.withMaxIterations(max - done),
                    (i, r, b) -> progress.sweepDone(done + i, r, b));
            bv = fp.values();
            finishing = fp.iterations();
            entries += finishing * (double) system.sweepEntries();
            residual = fp.residual();
            bound = fp.errorBound();
            converged = fp.converged();
            reason = converged ? "converged" : RoundingFloor.reached(residual, bv) ? RoundingFloor.STOP_REASON
                    : "iteration cap";
        }
        return new Result(bv, policy, k, innerCount, finishing, entries / system.sweepEntries(), residual, bound,
                converged, reason, java.util.Arrays.copyOf(history, Math.min(k, history.length)));
    }

    /**
     * Policy iteration of a chain ({@link ChainPolicySystem}: every level's policy fixed during the evaluation) as a
     * {@link ChainSolution}: the certified values {@code B V_k}, the tables (leaf Q, every level's values and
     * policies) of one exact backup of them, {@code iterations} = outer steps plus finishing sweeps.
     *
     * @throws InvalidModelException if the problem has a horizon or gamma is not in [0, 1)
     */
    public static ChainSolution solveChain(ChainProblem problem, Inner inner, IterationOptions options,
            ProgressListener progress) {
        ChainBellman op = new ChainBellman(problem);
        Result r = solve(new ChainPolicySystem(problem, options.threads()), inner, DEFAULT_RESTART, op, options, progress);
        double[] v = r.values();
        ChainSolution.Tables tab = ChainSolver.tables(op, v);
        return new ChainSolution(problem, v, null, new ChainSolution.Tables[] {tab}, r.outerSteps() + r.finishingSweeps(),
                r.residual(), r.errorBound(), r.converged(), options.tolerance());
    }

    /**
     * Modified policy iteration's evaluation: {@code v <- r_pi + gamma P_pi v} until the change (the linear
     * residual at the previous iterate) has 2-norm at most {@code target}; {@code v} is modified.
     */
    private static int sweeps(PolicyStep system, double[] v, double[] work, double norm, double target, int max) {
        int p = 0;
        double res = norm;
        while (res > target && p < max) {
            system.backup(v, work);
            p++;
            double scale = 0.0;
            for (int i = 0; i < v.length; i++) {
                double d = work[i] - v[i];
                v[i] = d; // the change, for its norm; v is restored below
                scale = Math.max(scale, Math.abs(d));
            }
            double s = 0.0;
            if (scale > 0.0 && Double.isFinite(scale)) {
                double inv = 1.0 / scale;
                for (double d : v) {
                    double x = d * inv;
                    s += x * x;
                }
                res = scale * Math.sqrt(s);
            } else {
                res = scale;
            }
            System.arraycopy(work, 0, v, 0, v.length);
        }
        return p;
    }
}
