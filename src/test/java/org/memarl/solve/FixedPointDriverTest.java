package org.memarl.solve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.memarl.InvalidModelException;
import org.memarl.NotConvergedException;
import org.memarl.algorithms.soft.SoftValueIteration;
import org.memarl.ledger.RandomMdps;
import org.memarl.model.Mdp;
import org.memarl.testing.Reference;
import org.memarl.testing.Tolerance;

/**
 * The fixed-point driver: the a posteriori bound gamma/(1-gamma) ||v_k - v_{k-1}|| really bounds the
 * distance to the fixed point, for Jacobi and Gauss-Seidel sweeps; the cap is never a silent stop.
 */
class FixedPointDriverTest {
    private static final long SEED = Long.getLong("memarl.seed", 20201L);

    /** An affine contraction v -> c + g A v with A row-stochastic: its fixed point solves (I - g A) v = c. */
    private static ValueOperator affine(double[][] a, double[] c, double g) {
        int n = c.length;
        return new ValueOperator() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public double modulus() {
                return g;
            }

            @Override
            public void apply(double[] in, double[] out) {
                for (int i = 0; i < n; i++) {
                    double s = 0;
                    for (int j = 0; j < n; j++) {
                        s += a[i][j] * in[j];
                    }
                    out[i] = c[i] + g * s;
                }
            }

            @Override
            public double applyInPlace(double[] v) {
                double res = 0;
                for (int i = 0; i < n; i++) {
                    double s = 0;
                    for (int j = 0; j < n; j++) {
                        s += a[i][j] * v[j];
                    }
                    double nv = c[i] + g * s;
                    res = Math.max(res, Math.abs(nv - v[i]));
                    v[i] = nv;
                }
                return res;
            }
        };
    }

    @Test
    @DisplayName("affine contractions: for both sweeps, the reported error bound covers the distance to the exact solution")
    void errorBoundCoversTheDistanceOnAffineContractions() {
        SplittableRandom rng = new SplittableRandom(SEED);
        for (int rep = 0; rep < 100; rep++) {
            int n = 1 + rng.nextInt(8);
            double g = new double[] {0.3, 0.9, 0.99}[rng.nextInt(3)];
            double[][] a = new double[n][];
            double[] c = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = RandomMdps.distribution(rng, n, true);
                c[i] = 10 * rng.nextDouble() - 5;
            }
            double[][] m = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    m[i][j] = (i == j ? 1 : 0) - g * a[i][j];
                }
            }
            double[] exact = Reference.solve(m, c);
            double slack = Tolerance.discounted(16, 5, g);
            double vScale = 5 / (1 - g);
            for (Sweep sweep : Sweep.values()) {
                // tolerances relative to the size of the values: an absolute 1e-11 is below the rounding floor at 500
                for (double tol : new double[] {1e-2 * vScale, 1e-6 * vScale, 1e-13 * vScale}) {
                    FixedPoint fp = FixedPointDriver.solve(affine(a, c, g), new double[n],
                            new IterationOptions(tol, 100_000, sweep));
                    assertTrue(fp.converged());
                    assertTrue(fp.errorBound() <= tol);
                    assertEquals(g / (1 - g) * fp.residual(), fp.errorBound(), Tolerance.ulps(4, fp.errorBound()));
                    double d = Tolerance.supDistance(fp.values(), exact);
                    assertTrue(d <= fp.errorBound() + slack,
                            sweep + " tol " + tol + ": distance " + d + " > bound " + fp.errorBound());
                }
            }
        }
    }

    @Test
    @DisplayName("soft Bellman operators of random MDPs: Jacobi and Gauss-Seidel reach the same certified fixed point within their bounds")
    void jacobiAndGaussSeidelAgreeOnRandomMdps() {
        SplittableRandom rng = new SplittableRandom(SEED + 1);
        int checked = 0;
        for (int rep = 0; rep < 120; rep++) {
            Mdp mdp = RandomMdps.mdp(rng.nextLong(), 5);
            double g = mdp.gamma();
            double beta = pickBeta(rng);
            double vScale = mdp.maxAbsReward() / (1 - g);
            double tol = Math.max(1e-10, 1e-13 * vScale);
            Reference.Certified ref = Reference.optimum(mdp, beta);
            double slack = Tolerance.discounted(32, mdp.maxAbsReward(), g);
            FixedPoint jac = FixedPointDriver.solve(SoftValueIteration.operator(mdp, beta), new double[mdp.numStates()],
                    new IterationOptions(tol, 1_000_000, Sweep.JACOBI));
            FixedPoint gs = FixedPointDriver.solve(SoftValueIteration.operator(mdp, beta), new double[mdp.numStates()],
                    new IterationOptions(tol, 1_000_000, Sweep.GAUSS_SEIDEL));
            String where = "model " + rep + " gamma " + g + " beta " + beta;
            assertTrue(jac.converged(), where);
            assertTrue(gs.converged(), where);
            assertTrue(Tolerance.supDistance(jac.values(), ref.values) <= jac.errorBound() + ref.error + slack, where);
            assertTrue(Tolerance.supDistance(gs.values(), ref.values) <= gs.errorBound() + ref.error + slack, where);
            assertTrue(Tolerance.supDistance(jac.values(), gs.values()) <= jac.errorBound() + gs.errorBound() + slack, where);
            checked++;
        }
        assertEquals(120, checked);
    }

    static double pickBeta(SplittableRandom rng) {
        switch (rng.nextInt(6)) {
            case 0:
                return Double.POSITIVE_INFINITY;
            case 1:
                return Double.NEGATIVE_INFINITY;
            case 2:
                return -RandomMdps.positiveBeta(rng);
            default:
                return RandomMdps.positiveBeta(rng);
        }
    }

    @Test
    @DisplayName("a loose tolerance: the reported bound still covers the distance to a reference solved to 1e-13 (relative)")
    void looseToleranceBoundIsHonest() {
        SplittableRandom rng = new SplittableRandom(SEED + 2);
        for (int rep = 0; rep < 80; rep++) {
            Mdp mdp = RandomMdps.mdp(rng, 2 + rng.nextInt(5), 1 + rng.nextInt(4), new double[] {0.5, 0.9, 0.99}[rep % 3]);
            double beta = pickBeta(rng);
            double g = mdp.gamma();
            double vScale = Math.max(1, mdp.maxAbsReward() / (1 - g));
            FixedPoint tight = FixedPointDriver.solve(SoftValueIteration.operator(mdp, beta), new double[mdp.numStates()],
                    new IterationOptions(1e-13 * vScale, 1_000_000, Sweep.JACOBI));
            assertTrue(tight.converged());
            for (Sweep sweep : Sweep.values()) {
                FixedPoint loose = FixedPointDriver.solve(SoftValueIteration.operator(mdp, beta), new double[mdp.numStates()],
                        new IterationOptions(1e-3 * vScale, 1_000_000, sweep));
                double d = Tolerance.supDistance(loose.values(), tight.values());
                assertTrue(d <= loose.errorBound() + tight.errorBound() + Tolerance.discounted(8, mdp.maxAbsReward(), g),
                        "distance " + d + " > bound " + loose.errorBound());
            }
        }
    }

    @Test
    @DisplayName("the iteration cap: converged() == false, requireConverged() throws NotConvergedException with the count")
    void iterationCapIsReported() {
        Mdp mdp = RandomMdps.mdp(new SplittableRandom(SEED + 3), 4, 3, 0.9);
        List<Integer> sweeps = new ArrayList<>();
        FixedPoint fp = FixedPointDriver.solve(SoftValueIteration.operator(mdp, 1.0), new double[4],
                new IterationOptions(1e-12, 3, Sweep.JACOBI), (k, res, bound) -> sweeps.add(k));
        assertFalse(fp.converged());
        assertEquals(3, fp.iterations());
        assertEquals(List.of(1, 2, 3), sweeps);
        assertTrue(fp.errorBound() > 1e-12);
        NotConvergedException e = assertThrows(NotConvergedException.class, () -> fp.requireConverged("soft-value-iteration"));
        assertEquals(3, e.iterations());
        assertEquals(fp.residual(), e.residual(), 0.0);
        assertTrue(e.getMessage().contains("soft-value-iteration") && e.getMessage().contains("3 iterations"), e.getMessage());
        // the same through an algorithm's Solution
        Solution s = SoftValueIteration.solve(mdp, org.memarl.algorithms.RunConfig.builder().beta(1.0).maxIterations(3).build());
        assertFalse(s.converged());
        assertEquals(3, s.iterations());
        assertThrows(NotConvergedException.class, s::requireConverged);
        assertArrayEquals(fp.values(), s.V(), 0.0);
    }

    @Test
    @DisplayName("gamma = 0: one sweep, bound 0, V(s) = M_a^beta[r(s, .) | P(.|s)]")
    void gammaZeroConvergesInOneSweep() {
        SplittableRandom rng = new SplittableRandom(SEED + 4);
        for (int rep = 0; rep < 50; rep++) {
            Mdp mdp = RandomMdps.mdp(rng, 1 + rng.nextInt(5), 1 + rng.nextInt(5), 0.0);
            double beta = pickBeta(rng);
            for (Sweep sweep : Sweep.values()) {
                FixedPoint fp = FixedPointDriver.solve(SoftValueIteration.operator(mdp, beta), new double[mdp.numStates()],
                        IterationOptions.defaults().withSweep(sweep));
                assertTrue(fp.converged());
                assertEquals(1, fp.iterations());
                assertEquals(0.0, fp.errorBound());
                double[] v = fp.values();
                for (int s = 0; s < mdp.numStates(); s++) {
                    double[] r = new double[mdp.numActions()];
                    double[] p = new double[mdp.numActions()];
                    for (int a = 0; a < r.length; a++) {
                        r[a] = mdp.reward(s, a);
                        p[a] = mdp.prior(s, a);
                    }
                    assertEquals(Reference.softExtremum(beta, r, p), v[s], Tolerance.ulps(4, mdp.maxAbsReward()));
                }
            }
        }
    }

    @Test
    @DisplayName("gamma = 1 has no contraction bound and is refused with a message naming gamma")
    void gammaOneIsRefused() {
        Mdp mdp = RandomMdps.mdp(new SplittableRandom(SEED + 5), 3, 2, 1.0);
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> FixedPointDriver.solve(
                SoftValueIteration.operator(mdp, 1.0), new double[3], IterationOptions.defaults()));
        assertTrue(e.getMessage().startsWith("gamma: 1.0"), e.getMessage());
        assertThrows(org.memarl.MemarlException.class, () -> FixedPointDriver.solve(
                SoftValueIteration.operator(mdp.withGamma(0.5), 1.0), new double[2], IterationOptions.defaults()));
    }

    @Test
    @DisplayName("IterationOptions are validated: tolerance positive and finite, cap >= 1, a sweep")
    void iterationOptionsValidated() {
        assertThrows(InvalidModelException.class, () -> new IterationOptions(0.0, 10, Sweep.JACOBI));
        assertThrows(InvalidModelException.class, () -> new IterationOptions(-1e-3, 10, Sweep.JACOBI));
        assertThrows(InvalidModelException.class, () -> new IterationOptions(Double.NaN, 10, Sweep.JACOBI));
        assertThrows(InvalidModelException.class, () -> new IterationOptions(Double.POSITIVE_INFINITY, 10, Sweep.JACOBI));
        assertThrows(InvalidModelException.class, () -> new IterationOptions(1e-3, 0, Sweep.JACOBI));
        assertThrows(InvalidModelException.class, () -> new IterationOptions(1e-3, 10, null));
        IterationOptions o = IterationOptions.defaults().withTolerance(1e-4).withMaxIterations(7).withSweep(Sweep.GAUSS_SEIDEL);
        assertEquals(1e-4, o.tolerance());
        assertEquals(7, o.maxIterations());
        assertEquals(Sweep.GAUSS_SEIDEL, o.sweep());
    }
}
