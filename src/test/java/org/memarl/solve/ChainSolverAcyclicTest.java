package org.memarl.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.memarl.InvalidModelException;
import org.memarl.kernel.Chain;
import org.memarl.kernel.LevelPrior;
import org.memarl.model.TransitionMatrix;
import org.memarl.testing.Tolerance;

/**
 * {@link ChainSolver#solveAcyclic} on random acyclic two-level chain problems (forward transitions, one
 * terminal context, priors with zeros, betas among +-inf, 0 and finite values): against a recursion over
 * the DAG written here with plain log-sum-exp sums, and bit for bit against the {@code V_0} of the backward
 * recursion of {@link ChainSolver#solve} at the longest path; and its rejections of cycles and of a horizon
 * shorter than the longest path.
 */
class ChainSolverAcyclicTest {
    private static final long SEED = Long.getLong("memarl.seed", 20201L);
    private static final double[] BETAS = {Double.POSITIVE_INFINITY, 3, 0.5, 0, -1, Double.NEGATIVE_INFINITY};

    /** A random acyclic problem: contexts 0..n-2 lead forward, n-1 is terminal; two levels of sizes a x b. */
    record Instance(ChainProblem problem, int n, int a, int b, double[] rewards, double[][] t, double[] p1, double[] p2,
                    double beta1, double beta2) {
    }

    static Instance instance(long seed, int size) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 2 + rng.nextInt(size + 2);
        int a = 1 + rng.nextInt(3);
        int b = 1 + rng.nextInt(3);
        int leaves = a * b;
        double[] rewards = new double[n * leaves];
        double[][] t = new double[n * leaves][n];
        for (int c = 0; c < n; c++) {
            for (int j = 0; j < leaves; j++) {
                int row = c * leaves + j;
                if (c == n - 1) {
                    t[row][c] = 1.0;
                    continue;
                }
                rewards[row] = 20 * rng.nextDouble() - 10;
                double z = 0.0;
                for (int c2 = c + 1; c2 < n; c2++) {
                    t[row][c2] = rng.nextInt(3) == 0 ? 0.0 : rng.nextDouble();
                    z += t[row][c2];
                }
                if (z == 0.0) {
                    t[row][n - 1] = 1.0;
                } else {
                    for (int c2 = c + 1; c2 < n; c2++) {
                        t[row][c2] /= z;
                    }
                }
            }
        }
        double[] p1 = randomPrior(rng, n, a);
        double[] p2 = randomPrior(rng, n * a, b);
        double beta1 = BETAS[rng.nextInt(BETAS.length)];
        double beta2 = BETAS[rng.nextInt(BETAS.length)];
        Chain chain = Chain.builder(n).level("x", a, beta1, LevelPrior.marginal(p1))
                .level("y", b, beta2, LevelPrior.conditional(p2)).build();
        ChainProblem problem = ChainProblem.builder(chain, dense(t), rewards, rng.nextDouble()).build();
        return new Instance(problem, n, a, b, rewards, t, p1, p2, beta1, beta2);
    }

    /** Rows of a distribution with at least one positive weight (some zeros). */
    static double[] randomPrior(SplittableRandom rng, int rows, int size) {
        double[] p = new double[rows * size];
        for (int r = 0; r < rows; r++) {
            double z = 0.0;
            for (int x = 0; x < size; x++) {
                p[r * size + x] = rng.nextInt(4) == 0 ? 0.0 : rng.nextDouble();
                z += p[r * size + x];
            }
            if (z == 0.0) {
                p[r * size + rng.nextInt(size)] = 1.0;
                z = 1.0;
            }
            for (int x = 0; x < size; x++) {
                p[r * size + x] /= z;
            }
        }
        return p;
    }

    static TransitionMatrix dense(double[][] t) {
        org.ejml.data.DMatrixRMaj m = new org.ejml.data.DMatrixRMaj(t);
        return TransitionMatrix.dense(m, "T", r -> "[" + r + "]");
    }

    /** {@code (1/beta) log sum P exp(beta f) / sum P} over the support; max / min at +-inf; the mean at 0. */
    static double soft(double beta, double[] f, double[] p, int off, int n) {
        double z = 0.0;
        double hi = Double.NEGATIVE_INFINITY;
        double lo = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (p[off + i] > 0.0) {
                z += p[off + i];
                hi = Math.max(hi, f[i]);
                lo = Math.min(lo, f[i]);
            }
        }
        if (beta == Double.POSITIVE_INFINITY) {
            return hi;
        }
        if (beta == Double.NEGATIVE_INFINITY) {
            return lo;
        }
        double s = 0.0;
        double shift = beta > 0 ? hi : lo;
        for (int i = 0; i < n; i++) {
            if (p[off + i] > 0.0) {
                s += beta == 0.0 ? p[off + i] * f[i] : p[off + i] * Math.exp(beta * (f[i] - shift));
            }
        }
        return beta == 0.0 ? s / z : shift + Math.log(s / z) / beta;
    }

    /** V over the DAG, last context first, from the instance's arrays. */
    static double[] reference(Instance in) {
        double gamma = in.problem().gamma();
        int leaves = in.a() * in.b();
        double[] v = new double[in.n()];
        for (int c = in.n() - 2; c >= 0; c--) {
            double[] outer = new double[in.a()];
            for (int x = 0; x < in.a(); x++) {
                double[] inner = new double[in.b()];
                for (int y = 0; y < in.b(); y++) {
                    int row = c * leaves + x * in.b() + y;
                    double e = 0.0;
                    for (int c2 = c + 1; c2 < in.n(); c2++) {
                        e += in.t()[row][c2] * v[c2];
                    }
                    inner[y] = in.rewards()[row] + gamma * e;
                }
                outer[x] = soft(in.beta2(), inner, in.p2(), (c * in.a() + x) * in.b(), in.b());
            }
            v[c] = soft(in.beta1(), outer, in.p1(), c * in.a(), in.a());
        }
        return v;
    }

    /** The longest path from each context to the terminal one. */
    static int longestPath(Instance in) {
        int leaves = in.a() * in.b();
        int[] d = new int[in.n()];
        for (int c = in.n() - 2; c >= 0; c--) {
            for (int j = 0; j < leaves; j++) {
                for (int c2 = c + 1; c2 < in.n(); c2++) {
                    if (in.t()[c * leaves + j][c2] > 0.0) {
                        d[c] = Math.max(d[c], d[c2] + 1);
                    }
                }
            }
        }
        int m = 0;
        for (int x : d) {
            m = Math.max(m, x);
        }
        return m;
    }

    @Test
    void theAcyclicPassIsTheRecursionOverTheDagAndTheBackwardRecursionAtTheLongestPath() {
        qt().withFixedSeed(SEED).withExamples(300).forAll(integers().between(1, 6), longs().all())
                .checkAssert((size, seed) -> {
                    Instance in = instance(seed, size);
                    ChainSolution pass = ChainSolver.solveAcyclic(in.problem());
                    double[] v = pass.values();
                    double[] ref = reference(in);
                    double scale = 10.0 * in.n();
                    for (int c = 0; c < in.n(); c++) {
                        assertEquals(ref[c], v[c], Tolerance.ulps(64, scale), "context " + c + ", seed " + seed);
                    }
                    assertEquals(0.0, v[in.n() - 1], 0.0, "the terminal context");
                    assertNull(pass.valuesByStep());
                    assertTrue(pass.converged());
                    int h = longestPath(in);
                    ChainProblem finite = in.problem().withHorizon(h);
                    double[] v0 = ChainSolver.solve(finite, IterationOptions.defaults()).values();
                    double[] same = ChainSolver.solveAcyclic(finite).values();
                    for (int c = 0; c < in.n(); c++) {
                        assertEquals(v0[c], v[c], 0.0, "V_0 of the backward recursion, context " + c + ", seed " + seed);
                        assertEquals(v[c], same[c], 0.0);
                    }
                    double[][] q = pass.q();
                    for (int c = 0; c < in.n(); c++) {
                        for (int j = 0; j < q[c].length; j++) {
                            double e = 0.0;
                            for (int c2 = 0; c2 < in.n(); c2++) {
                                e += in.t()[c * q[c].length + j][c2] * ref[c2];
                            }
                            assertEquals(in.rewards()[c * q[c].length + j] + in.problem().gamma() * e, q[c][j],
                                    Tolerance.ulps(64, scale), "Q");
                        }
                    }
                    if (h > 1) {
                        InvalidModelException ex = assertThrows(InvalidModelException.class,
                                () -> ChainSolver.solveAcyclic(in.problem().withHorizon(h - 1)));
                        assertTrue(ex.getMessage().startsWith("horizon: " + (h - 1)), ex.getMessage());
                    }
                });
    }

    static ChainProblem problem(double[][] t, double[] rewards) {
        Chain chain = Chain.single(t.length, 1, 1.0, LevelPrior.uniform());
        return ChainProblem.builder(chain, dense(t), rewards, 0.9).build();
    }

    @Test
    void aTransitionBackToAnEarlierContextIsRejectedNamingIt() {
        double[][] t = {{0, 1, 0}, {1, 0, 0}, {0, 0, 1}};
        InvalidModelException ex = assertThrows(InvalidModelException.class,
                () -> ChainSolver.solveAcyclic(problem(t, new double[3])));
        assertEquals("transitions: row 1 of context 1 leads to the earlier context 0 (an acyclic problem needs"
                + " successors c' > c)", ex.getMessage());
    }

    @Test
    void aSelfLoopIsAcceptedOnlyAtATerminalContext() {
        double[][] loop = {{0, 1, 0}, {0, 0.5, 0.5}, {0, 0, 1}};
        InvalidModelException ex = assertThrows(InvalidModelException.class,
                () -> ChainSolver.solveAcyclic(problem(loop, new double[3])));
        assertTrue(ex.getMessage().startsWith("transitions: row 1 of context 1 leads to the context itself"),
                ex.getMessage());
        double[][] t = {{0, 1, 0}, {0, 0, 1}, {0, 0, 1}};
        ex = assertThrows(InvalidModelException.class,
                () -> ChainSolver.solveAcyclic(problem(t, new double[] {1, 2, 3})));
        assertTrue(ex.getMessage().startsWith("transitions: row 2 of context 2 leads to the context itself"),
                ex.getMessage());
        // with reward 0 at the terminal: V = (1, 2 + 0.9 * 0, 0) pushed back: V(0) = 1 + 0.9 * 2
        double[] v = ChainSolver.solveAcyclic(problem(t, new double[] {1, 2, 0})).values();
        assertEquals(0.0, v[2], 0.0);
        assertEquals(2.0, v[1], 0.0);
        assertEquals(1.0 + 0.9 * 2.0, v[0], 0.0);
    }
}
