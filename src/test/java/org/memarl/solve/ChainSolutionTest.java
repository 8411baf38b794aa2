package org.memarl.solve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.memarl.Version;
import org.memarl.kernel.Chain;
import org.memarl.kernel.LevelPrior;
import org.memarl.model.TransitionMatrix;
import org.memarl.testing.Tolerance;

/** The typed result of {@link ChainSolver}: values, policies, marginals, names and provenance on closed forms. */
class ChainSolutionTest {
    /** One context, a self-loop for every leaf: V = M[r] / (1 - gamma) in closed form. */
    private static ChainProblem oneStateGame(double betaA, double betaB, double gamma) {
        double[][] t = new double[4][1];
        for (double[] row : t) {
            row[0] = 1.0;
        }
        Chain chain = Chain.builder(1)
                .level("agent", 2, betaA, LevelPrior.marginal(new double[] {0.25, 0.75}))
                .level("opponent", 2, betaB, LevelPrior.conditional(new double[] {0.5, 0.5, 0.9, 0.1}))
                .build();
        TransitionMatrix tm = TransitionMatrix.dense(new org.ejml.data.DMatrixRMaj(t), "T", r -> "[" + r + "]");
        return ChainProblem.builder(chain, tm, new double[] {1.0, -2.0, 0.5, 3.0}, gamma)
                .contextNames(List.of("s")).choiceNames(List.of(List.of("x", "y"), List.of("l", "r"))).build();
    }

    @Test
    @DisplayName("V, the policies and the marginal of a one-state two-level chain against the closed form")
    void closedForm() {
        double ba = 1.5;
        double bb = -0.7;
        double g = 0.6;
        ChainSolution sol = ChainSolver.solve(oneStateGame(ba, bb, g), IterationOptions.defaults().withTolerance(1e-13));
        double[] r = {1.0, -2.0, 0.5, 3.0};
        double[][] pb = {{0.5, 0.5}, {0.9, 0.1}};
        double[] pa = {0.25, 0.75};
        // fixed point of V = M_a[M_b[r + g V]] = M_a[M_b[r]] + g V
        double[] inner = new double[2];
        for (int a = 0; a < 2; a++) {
            inner[a] = Math.log(pb[a][0] * Math.exp(bb * r[2 * a]) + pb[a][1] * Math.exp(bb * r[2 * a + 1])) / bb;
        }
        double outer = Math.log(pa[0] * Math.exp(ba * inner[0]) + pa[1] * Math.exp(ba * inner[1])) / ba;
        double v = outer / (1 - g);
        double tol = 1e-13 + Tolerance.ulps(64, v);
        assertEquals(v, sol.value(0), tol);
        double[] piA = new double[2];
        for (int a = 0; a < 2; a++) {
            piA[a] = pa[a] * Math.exp(ba * (inner[a] - outer));
            assertEquals(piA[a], sol.policy(0, 0, 0, a), 1e-12);
            for (int b = 0; b < 2; b++) {
                double q = r[2 * a + b] + g * v;
                assertEquals(pb[a][b] * Math.exp(bb * (q - (inner[a] + g * v))), sol.policy(1, 0, a, b), 1e-12);
                assertEquals(q, sol.q(0, 2 * a + b), tol);
            }
        }
        double[][] m = sol.marginal(1);
        for (int b = 0; b < 2; b++) {
            double want = 0;
            for (int a = 0; a < 2; a++) {
                want += piA[a] * sol.policy(1, 0, a, b);
            }
            assertEquals(want, m[0][b], 1e-15);
        }
        double[][][] nested = (double[][][]) sol.nestedPolicy(1);
        assertArrayEquals(new double[] {sol.policy(1, 0, 1, 0), sol.policy(1, 0, 1, 1)}, nested[0][1], 0.0);
    }

    @Test
    @DisplayName("names and provenance travel with the solution")
    void namesAndProvenance() {
        ChainSolution sol = ChainSolver.solve(oneStateGame(1, 1, 0), IterationOptions.defaults());
        assertEquals(List.of("s"), sol.contextNames());
        assertEquals(List.of("l", "r"), sol.choiceNames(1));
        assertEquals(1, sol.level("opponent"));
        assertEquals(Version.get(), sol.provenance().memarl());
        assertEquals(System.getProperty("os.arch"), sol.provenance().arch());
        assertEquals(0.0, sol.errorBound());
    }
}
