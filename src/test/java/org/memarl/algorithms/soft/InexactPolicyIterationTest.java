package org.memarl.algorithms.soft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.memarl.InvalidModelException;
import org.memarl.UsageException;
import org.memarl.algorithms.ChainRun;
import org.memarl.algorithms.Evaluation;
import org.memarl.algorithms.RunConfig;
import org.memarl.algorithms.classical.PolicyIteration;
import org.memarl.algorithms.classical.ValueIteration;
import org.memarl.ledger.RandomMdps;
import org.memarl.model.Mdp;
import org.memarl.model.RandomMdp;
import org.memarl.solve.ChainBellman;
import org.memarl.solve.InexactPolicyIteration;
import org.memarl.solve.IterationOptions;
import org.memarl.solve.PolicySystem;
import org.memarl.solve.ProgressListener;
import org.memarl.solve.RoundingFloor;
import org.memarl.solve.Solution;
import org.memarl.solve.Sweep;
import org.memarl.testing.Reference;
import org.memarl.testing.Tolerance;

/**
 * Inexact, matrix-free (soft) policy iteration ({@link InexactPolicyIteration}, {@code --evaluation krylov|sweeps})
 * against independent computations: the certified optimum of {@link Reference#optimum} (exact evaluations by
 * Gaussian elimination, residual with the BigDecimal Bellman operator), value iteration, and the exact dense
 * evaluation of {@link SoftPolicyIteration} / {@link PolicyIteration}.
 */
class InexactPolicyIterationTest {
    private static final double[] BETAS = {1.0, 10.0, -1.0, 0.3, Double.POSITIVE_INFINITY};

    private static RunConfig config(double beta, double tol, Evaluation how) {
        return RunConfig.builder().beta(beta).tolerance(tol).evaluation(how).build();
    }

    private static Solution run(Mdp mdp, double beta, double tol, Evaluation how) {
        return Double.isInfinite(beta) ? PolicyIteration.solve(mdp, config(beta, tol, how))
                : SoftPolicyIteration.solve(mdp, config(beta, tol, how));
    }

    /** gamma/(1-gamma) rounding of values of this magnitude (the floor a certified stop can reach). */
    private static double floor(double scale, double gamma) {
        return 8 * RoundingFloor.errorBound(Math.max(1.0, scale), gamma);
    }

    @Test
    @DisplayName("Theorem 6 / eqs. (2.49)-(2.53): krylov and sweeps agree with the certified soft- and hard-optimal V"
            + " (random models, gamma up to 0.999, beta negative, small and large)")
    void agreesWithTheCertifiedOptimum() {
        SplittableRandom rng = new SplittableRandom(1717);
        double[] gammas = {0.0, 0.5, 0.9, 0.99, 0.999};
        for (int trial = 0; trial < 30; trial++) {
            double gamma = gammas[trial % gammas.length];
            Mdp mdp = RandomMdps.mdp(rng, 2 + rng.nextInt(7), 1 + rng.nextInt(4), gamma);
            double beta = BETAS[trial % BETAS.length];
            Reference.Certified ref = Reference.optimum(mdp, beta);
            for (Evaluation how : new Evaluation[] {Evaluation.KRYLOV, Evaluation.SWEEPS}) {
                Solution sol = run(mdp, beta, 1e-9, how);
                String what = "trial " + trial + " " + how + " beta " + beta + " gamma " + gamma;
                double slack = floor(Tolerance.maxAbs(ref.values), gamma);
                assertEquals(how.label(), sol.parameters().get("evaluation"), what);
                if (sol.converged()) {
                    assertTrue(sol.errorBound() <= 1e-9, what);
                } else {
                    assertEquals(RoundingFloor.STOP_REASON, sol.parameters().get("stopReason"), what);
                    assertTrue(sol.errorBound() <= slack, what + ": bound " + sol.errorBound());
                }
                double d = Tolerance.supDistance(sol.V(), ref.values);
                assertTrue(d <= sol.errorBound() + ref.error + slack, what + ": |V - V*| = " + d + ", bound "
                        + sol.errorBound() + " + " + ref.error);
            }
        }
    }

    @Test
    @DisplayName("eq. (2.50)-(2.51): krylov agrees with the exact dense evaluation and with value iteration on sparse"
            + " random models (S = 600 > the auto threshold, gamma 0.99 and 0.999)")
    void agreesWithTheExactDenseSolveAndValueIteration() {
        for (double gamma : new double[] {0.99, 0.999}) {
            Mdp mdp = RandomMdp.generate(600, 4, 6, 11, true).mdp("r", gamma);
            for (double beta : new double[] {1.0, -2.0, 10.0, Double.POSITIVE_INFINITY}) {
                String what = "gamma " + gamma + " beta " + beta;
                Solution auto = run(mdp, beta, 1e-8, Evaluation.AUTO);
                assertEquals("krylov", auto.parameters().get("evaluation"), what);
                assertTrue(auto.converged(), what);
                Solution exact = run(mdp, beta, 1e-8, Evaluation.EXACT);
                assertEquals("exact", exact.parameters().get("evaluation"), what);
                Solution vi = Double.isInfinite(beta) ? ValueIteration.solve(mdp, config(beta, 1e-8, Evaluation.AUTO))
                        : SoftValueIteration.solve(mdp, config(beta, 1e-8, Evaluation.AUTO));
                assertTrue(vi.converged(), what);
                double slack = floor(Tolerance.maxAbs(vi.V()), gamma);
                assertTrue(Tolerance.supDistance(auto.V(), exact.V()) <= auto.errorBound() + exact.errorBound() + slack,
                        what + ": vs exact " + Tolerance.supDistance(auto.V(), exact.V()));
                assertTrue(Tolerance.supDistance(auto.V(), vi.V()) <= auto.errorBound() + vi.errorBound() + slack,
                        what + ": vs value iteration " + Tolerance.supDistance(auto.V(), vi.V()));
                // the work: a handful of outer steps, far fewer sweep-equivalents than value iteration's sweeps
                int outer = ((Number) auto.parameters().get("outerSteps")).intValue();
                double eq = ((Number) auto.parameters().get("sweepEquivalents")).doubleValue();
                assertTrue(outer <= 15, what + ": " + outer + " outer steps");
                assertTrue(eq < vi.iterations() / 5.0, what + ": " + eq + " sweep-equivalents vs " + vi.iterations());
                assertTrue(((Number) auto.parameters().get("innerIterations")).longValue() >= outer - 1, what);
            }
        }
    }

    @Test
    @DisplayName("Newton's method: near the fixed point the outer residuals fall quadratically, r_{k+1} <= 10 r_k^2"
            + " once r_k <= 1e-2 (rewards in [0, 1), every gamma and beta)")
    void outerResidualsConvergeQuadratically() {
        for (double gamma : new double[] {0.9, 0.99, 0.999}) {
            for (double beta : BETAS) {
                Mdp mdp = RandomMdp.generate(300, 4, 5, 7, true).mdp("r", gamma);
                InexactPolicyIteration.Result r = solve(mdp, beta, 1e-12, InexactPolicyIteration.Inner.KRYLOV, 1);
                double[] h = r.residuals();
                double scale = Tolerance.maxAbs(r.values());
                int checked = 0;
                for (int k = 0; k + 1 < h.length; k++) {
                    boolean near = h[k] <= 1e-2;
                    boolean aboveFloor = h[k + 1] > 64 * Math.ulp(scale);
                    if (near && aboveFloor) {
                        assertTrue(h[k + 1] <= 10 * h[k] * h[k], "gamma " + gamma + " beta " + beta + ": r" + (k + 1) + " = "
                                + h[k + 1] + " after r" + k + " = " + h[k] + " " + java.util.Arrays.toString(h));
                        checked++;
                    }
                }
                // the quadratic phase happens (the residual crosses from 1e-3 to the floor in about two steps)
                assertTrue(checked >= 1 || h.length >= 2 && h[h.length - 2] > 1e-2,
                        "gamma " + gamma + " beta " + beta + java.util.Arrays.toString(h));
                assertTrue(h.length <= 12, "gamma " + gamma + " beta " + beta + ": " + h.length + " outer steps");
            }
        }
    }

    private static InexactPolicyIteration.Result solve(Mdp mdp, double beta, double tol, InexactPolicyIteration.Inner inner,
            int threads) {
        PolicySystem sys = new PolicySystem(mdp, beta,
                Double.isInfinite(beta) ? PolicySystem.Kind.GREEDY : PolicySystem.Kind.BOLTZMANN, threads);
        ChainBellman op = new ChainBellman(ChainRun.mdpProblem(mdp, beta));
        return InexactPolicyIteration.solve(sys, inner, 20, op, new IterationOptions(tol, 1000, Sweep.JACOBI, threads),
                ProgressListener.NONE);
    }

    @Test
    @DisplayName("Certified stop (Theorem 2, Banach): the bound is gamma/(1-gamma) ||B V_k - V_k||, the reported V = B V_k"
            + " has ||B V - V|| <= gamma ||B V_k - V_k||, and the bound holds against the certified optimum")
    void theStopIsCertified() {
        SplittableRandom rng = new SplittableRandom(99);
        for (int trial = 0; trial < 12; trial++) {
            double gamma = new double[] {0.5, 0.9, 0.99}[trial % 3];
            double beta = BETAS[trial % BETAS.length];
            Mdp mdp = RandomMdps.mdp(rng, 3 + rng.nextInt(5), 2 + rng.nextInt(3), gamma);
            // a loose tolerance stops early, where the bound is far from the rounding and must still hold
            for (double tol : new double[] {1e-2, 1e-6}) {
                InexactPolicyIteration.Result r = solve(mdp, beta, tol, InexactPolicyIteration.Inner.KRYLOV, 1);
                String what = "trial " + trial + " tol " + tol;
                assertEquals(gamma / (1 - gamma) * r.residual(), r.errorBound(), Math.ulp(r.errorBound()) * 4, what);
                assertTrue(r.converged() && r.errorBound() <= tol, what);
                double scale = Tolerance.maxAbs(r.values());
                double res = Reference.bellmanResidual(mdp, beta, r.values());
                assertTrue(res <= gamma * r.residual() + Tolerance.ulps(16, scale), what + ": ||BV - V|| " + res);
                Reference.Certified ref = Reference.optimum(mdp, beta);
                assertTrue(Tolerance.supDistance(r.values(), ref.values) <= r.errorBound() + ref.error
                        + Tolerance.ulps(64, scale) / (1 - gamma), what);
            }
        }
    }

    @Test
    @DisplayName("RoundingFloor: a tolerance below the rounding floor stops there, converged false, at the optimum")
    void belowTheFloorStopsAtTheFloor() {
        Mdp mdp = RandomMdp.generate(700, 3, 5, 5, false).mdp("r", 0.999);
        for (double beta : new double[] {1.0, Double.POSITIVE_INFINITY}) {
            for (Evaluation how : new Evaluation[] {Evaluation.KRYLOV, Evaluation.SWEEPS}) {
                Solution sol = run(mdp, beta, 1e-15, how);
                String what = how + " beta " + beta;
                assertFalse(sol.converged(), what);
                assertEquals(RoundingFloor.STOP_REASON, sol.parameters().get("stopReason"), what);
                double scale = Tolerance.maxAbs(sol.V());
                assertTrue(sol.errorBound() <= floor(scale, 0.999), what + ": bound " + sol.errorBound());
                if (how == Evaluation.KRYLOV) {
                    assertTrue(sol.iterations() < 30, what + ": " + sol.iterations());
                }
                Solution ok = run(mdp, beta, 1e-8, how);
                assertTrue(ok.converged(), what);
                assertTrue(Tolerance.supDistance(ok.V(), sol.V()) <= ok.errorBound() + sol.errorBound(), what);
            }
        }
    }

    @Test
    void theValuesDoNotDependOnTheThreadCount() {
        Mdp mdp = RandomMdp.generate(2000, 5, 8, 3, true).mdp("r", 0.99);
        for (double beta : new double[] {2.0, Double.POSITIVE_INFINITY}) {
            InexactPolicyIteration.Result one = solve(mdp, beta, 1e-9, InexactPolicyIteration.Inner.KRYLOV, 1);
            InexactPolicyIteration.Result two = solve(mdp, beta, 1e-9, InexactPolicyIteration.Inner.KRYLOV, 2);
            assertArrayEquals(one.values(), two.values());
            assertArrayEquals(one.residuals(), two.residuals());
        }
    }

    @Test
    void theIterationCapIsReportedAsNotConverged() {
        Mdp mdp = RandomMdp.generate(600, 4, 5, 2, false).mdp("r", 0.99);
        Solution sol = SoftPolicyIteration.solve(mdp, RunConfig.builder().beta(1).tolerance(1e-8).maxIterations(2)
                .evaluation(Evaluation.KRYLOV).build());
        assertFalse(sol.converged());
        assertEquals(2, sol.iterations());
        assertEquals("iteration cap", sol.parameters().get("stopReason"));
        assertTrue(sol.errorBound() > 1e-8);
    }

    @Test
    void evaluationChoicesAndRefusals() {
        assertEquals(Evaluation.EXACT, Evaluation.AUTO.resolve(Evaluation.AUTO_EXACT_MAX_STATES));
        assertEquals(Evaluation.KRYLOV, Evaluation.AUTO.resolve(Evaluation.AUTO_EXACT_MAX_STATES + 1));
        assertEquals(Evaluation.SWEEPS, Evaluation.parse("Sweeps"));
        UsageException bad = assertThrows(UsageException.class, () -> Evaluation.parse("lu"));
        assertTrue(bad.getMessage().startsWith("evaluation: \"lu\""), bad.getMessage());
        assertThrows(UsageException.class, () -> Evaluation.parse("auto"));
        InvalidModelException big = assertThrows(InvalidModelException.class,
                () -> Evaluation.EXACT.resolve(Evaluation.EXACT_MAX_STATES + 1));
        assertTrue(big.getMessage().startsWith("evaluation: exact"), big.getMessage());
        // gamma = 1 has no contraction bound for the inexact evaluations
        Mdp one = RandomMdp.generate(20, 2, 3, 1, false).mdp("r", 1.0);
        InvalidModelException g1 = assertThrows(InvalidModelException.class,
                () -> PolicyIteration.solve(one, config(Double.POSITIVE_INFINITY, 1e-8, Evaluation.KRYLOV)));
        assertTrue(g1.getMessage().startsWith("gamma: 1"), g1.getMessage());
    }
}
