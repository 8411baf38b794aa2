package org.memarl.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.memarl.InvalidModelException;
import org.memarl.testing.Reference;
import org.memarl.testing.Tolerance;

/** Restarted GMRES against Gaussian elimination ({@link Reference#solve}) on random nonsymmetric systems. */
class GmresTest {
    /** A = I - gamma P with P a random row-stochastic matrix (the policy-evaluation systems), as dense rows. */
    private static double[][] system(SplittableRandom rng, int n, double gamma) {
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            double z = 0.0;
            double[] p = new double[n];
            for (int j = 0; j < n; j++) {
                p[j] = rng.nextInt(3) == 0 ? rng.nextDouble() : 0.0;
                z += p[j];
            }
            if (z == 0.0) {
                p[rng.nextInt(n)] = 1.0;
                z = 1.0;
            }
            for (int j = 0; j < n; j++) {
                a[i][j] = (i == j ? 1.0 : 0.0) - gamma * p[j] / z;
            }
        }
        return a;
    }

    private static Gmres.Operator op(double[][] a) {
        return new Gmres.Operator() {
            @Override
            public int size() {
                return a.length;
            }

            @Override
            public void apply(double[] x, double[] y) {
                for (int i = 0; i < a.length; i++) {
                    double s = 0.0;
                    for (int j = 0; j < a.length; j++) {
                        s += a[i][j] * x[j];
                    }
                    y[i] = s;
                }
            }
        };
    }

    @Test
    void solvesToTheTargetAndAgreesWithGaussianElimination() {
        SplittableRandom rng = new SplittableRandom(17);
        for (int trial = 0; trial < 20; trial++) {
            int n = 8 + rng.nextInt(60);
            double gamma = new double[] {0.5, 0.9, 0.99, 0.999}[trial % 4];
            double[][] a = system(rng, n, gamma);
            double[] b = new double[n];
            for (int i = 0; i < n; i++) {
                b[i] = rng.nextDouble() * 2 - 1;
            }
            double[] exact = Reference.solve(a, b);
            // restarts below n exercise the restart path (restarted GMRES may stagnate with very short restarts)
            int restart = Math.max(1, n / 2 + rng.nextInt(n / 2 + 1));
            Gmres gm = new Gmres(n, restart);
            double[] x = new double[n];
            double target = 1e-12 * Gmres.norm(b);
            int products = gm.solve(op(a), b, x, null, target, 100_000);
            assertTrue(products >= 1);
            // the true residual meets the target (up to the rounding of the product)
            double[] ax = new double[n];
            op(a).apply(x, ax);
            double[] r = new double[n];
            for (int i = 0; i < n; i++) {
                r[i] = b[i] - ax[i];
            }
            assertTrue(Gmres.norm(r) <= target + Tolerance.ulps(64 * n, Tolerance.maxAbs(b)),
                    "trial " + trial + " n " + n + " restart " + restart + ": residual " + Gmres.norm(r) + " target " + target);
            // and x is the solution: ||x - x*|| <= ||A^-1|| ||r||, ||A^-1||_inf <= 1/(1-gamma)
            double err = Tolerance.supDistance(x, exact);
            assertTrue(err <= (Gmres.norm(r) + Tolerance.ulps(64 * n, Tolerance.maxAbs(exact))) / (1 - gamma),
                    "trial " + trial + ": error " + err);
            assertEquals(gm.residualNorm(), Gmres.norm(r), 1e-9 * Gmres.norm(b) + target);
        }
    }

    @Test
    void aGivenInitialResidualSavesOneProductAndGivesTheSameIterate() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 30;
        double[][] a = system(rng, n, 0.9);
        double[] b = new double[n];
        double[] x0 = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = rng.nextDouble();
            x0[i] = rng.nextDouble();
        }
        double[] ax = new double[n];
        op(a).apply(x0, ax);
        double[] r0 = new double[n];
        for (int i = 0; i < n; i++) {
            r0[i] = b[i] - ax[i];
        }
        double[] x1 = x0.clone();
        double[] x2 = x0.clone();
        int p1 = new Gmres(n, 8).solve(op(a), b, x1, null, 1e-10, 1000);
        int p2 = new Gmres(n, 8).solve(op(a), b, x2, r0, 1e-10, 1000);
        assertEquals(p1 - 1, p2);
        assertTrue(Tolerance.supDistance(x1, x2) <= Tolerance.ulps(16, Tolerance.maxAbs(x1)));
    }

    @Test
    void theProductBudgetIsRespectedAndAZeroResidualCostsNothing() {
        SplittableRandom rng = new SplittableRandom(5);
        int n = 40;
        double[][] a = system(rng, n, 0.99);
        double[] b = new double[n];
        java.util.Arrays.fill(b, 1.0);
        double[] x = new double[n];
        assertEquals(3, new Gmres(n, 20).solve(op(a), b, x, null, 0.0, 3));
        double[] exact = Reference.solve(a, b);
        double[] r0 = new double[n];
        assertEquals(0, new Gmres(n, 20).solve(op(a), b, exact.clone(), r0, 0.0, 10));
    }

    @Test
    void badShapesAreRefused() {
        assertThrows(InvalidModelException.class, () -> new Gmres(0, 5));
        assertThrows(InvalidModelException.class, () -> new Gmres(5, 0));
        double[][] a = system(new SplittableRandom(1), 4, 0.5);
        assertThrows(InvalidModelException.class, () -> new Gmres(4, 2).solve(op(a), new double[3], new double[4], null, 0, 5));
    }
}
