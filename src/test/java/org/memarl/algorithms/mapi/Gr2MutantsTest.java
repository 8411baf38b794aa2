package org.memarl.algorithms.mapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.memarl.InvalidModelException;
import org.memarl.algorithms.RunConfig;
import org.memarl.model.Game;
import org.memarl.solve.Solution;
import org.memarl.solve.Sweep;

/**
 * Issue 19: kills the surviving mutants of {@link Gr2}: the Gauss-Seidel sweep ({@code applyInPlace}),
 * the prior normalisation (rows summing to 1 only within the 1e-9 input tolerance), the level cap and
 * the gamma = 1 guard. References: level 0 is linear, V = c + gamma M V solved by Gaussian elimination;
 * level 1 is V(s) = (1/beta) log sum_a P(a|s) exp(beta sum_b P(b|s) Q(s,a,b)), iterated in plain loops.
 */
class Gr2MutantsTest {
    private static final double DEV = 6e-10; // row sums 1 + DEV: accepted, but only the normalised prior is exact

    static double[][] rows(SplittableRandom rng, int n, int m) {
        double[][] p = new double[n][m];
        for (int s = 0; s < n; s++) {
            double z = 0.0;
            for (int i = 0; i < m; i++) {
                p[s][i] = 0.2 + rng.nextDouble();
                z += p[s][i];
            }
            for (int i = 0; i < m; i++) {
                p[s][i] /= z;
            }
            p[s][s % m] += DEV; // sums to 1 + DEV, different rows bumped in different places
        }
        return p;
    }

    record Inst(Game g, double[][][][] t, double[][][] r, double[][] pa, double[][] pb) {
    }

    static Inst instance(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 3;
        int na = 2;
        int nb = 3;
        double[][][][] t = new double[n][na][nb][n];
        double[][][] r = new double[n][na][nb];
        for (int s = 0; s < n; s++) {
            for (int a = 0; a < na; a++) {
                for (int b = 0; b < nb; b++) {
                    double z = 0.0;
                    for (int x = 0; x < n; x++) {
                        t[s][a][b][x] = rng.nextDouble();
                        z += t[s][a][b][x];
                    }
                    for (int x = 0; x < n; x++) {
                        t[s][a][b][x] /= z;
                    }
                    r[s][a][b] = 4.0 * rng.nextDouble() - 1.0;
                }
            }
        }
        double[][] pa = rows(rng, n, na);
        double[][] pb = rows(rng, n, nb);
        Game g = Game.builder().name("gr2-mutants").states(n).agentActions(na).opponentActions(nb).gamma(0.8)
                .transitions(t).sum(Game.Sum.ZERO).rewards(r).priorAgent(pa).priorOpponent(pb).build();
        return new Inst(g, t, r, pa, pb);
    }

    static double[] norm(double[] p) {
        double z = 0.0;
        for (double x : p) {
            z += x;
        }
        double[] o = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            o[i] = p[i] / z;
        }
        return o;
    }

    /** Gaussian elimination with partial pivoting on a copy. */
    static double[] gauss(double[][] a0, double[] b0) {
        int n = b0.length;
        double[][] a = new double[n][];
        double[] b = b0.clone();
        for (int i = 0; i < n; i++) {
            a[i] = a0[i].clone();
        }
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int i = c + 1; i < n; i++) {
                if (Math.abs(a[i][c]) > Math.abs(a[p][c])) {
                    p = i;
                }
            }
            double[] tr = a[c];
            a[c] = a[p];
            a[p] = tr;
            double tb = b[c];
            b[c] = b[p];
            b[p] = tb;
            for (int i = c + 1; i < n; i++) {
                double f = a[i][c] / a[c][c];
                for (int j = c; j < n; j++) {
                    a[i][j] -= f * a[c][j];
                }
                b[i] -= f * b[c];
            }
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double acc = b[i];
            for (int j = i + 1; j < n; j++) {
                acc -= a[i][j] * x[j];
            }
            x[i] = acc / a[i][i];
        }
        return x;
    }

    private static double q(Inst in, int s, int a, int b, double[] v) {
        double e = 0.0;
        for (int x = 0; x < v.length; x++) {
            e += in.t[s][a][b][x] * v[x];
        }
        return in.r[s][a][b] + 0.8 * e;
    }

    private static void assertQ(Inst in, double[] v, Solution sol, double tol, String w) {
        double[][][] qs = sol.value("Q").cube();
        for (int s = 0; s < v.length; s++) {
            for (int a = 0; a < in.r[s].length; a++) {
                for (int b = 0; b < in.r[s][a].length; b++) {
                    assertEquals(q(in, s, a, b, v), qs[s][a][b], tol, w + " Q[" + s + "][" + a + "][" + b + "]");
                }
            }
        }
    }

    @Test
    @DisplayName("GR2 level 0, Gauss-Seidel: V and Q against the exact linear solve with normalised priors")
    void levelZeroGaussSeidelMatchesLinearSolve() {
        for (long seed = 1; seed <= 4; seed++) {
            Inst in = instance(seed);
            int n = 3;
            double[][] m = new double[n][n];
            double[] c = new double[n];
            for (int s = 0; s < n; s++) {
                double[] pa = norm(in.pa[s]);
                double[] pb = norm(in.pb[s]);
                m[s][s] = 1.0;
                for (int a = 0; a < pa.length; a++) {
                    for (int b = 0; b < pb.length; b++) {
                        double w = pa[a] * pb[b];
                        c[s] += w * in.r[s][a][b];
                        for (int x = 0; x < n; x++) {
                            m[s][x] -= 0.8 * w * in.t[s][a][b][x];
                        }
                    }
                }
            }
            double[] v = gauss(m, c);
            for (Sweep sw : new Sweep[] {Sweep.GAUSS_SEIDEL, Sweep.JACOBI}) {
                Solution sol = Gr2.solve(in.g, RunConfig.builder().level(0).sweep(sw).tolerance(1e-13).build());
                String w = "seed " + seed + " " + sw;
                assertTrue(sol.converged(), w);
                for (int s = 0; s < n; s++) {
                    assertEquals(v[s], sol.V()[s], 1e-11, w + " V[" + s + "]");
                }
                assertQ(in, v, sol, 1e-11, w);
            }
        }
    }

    @Test
    @DisplayName("GR2 level 1, Gauss-Seidel: V and the agent's soft best response against a plain iterated reference")
    void levelOneGaussSeidelMatchesIteratedReference() {
        double beta = 1.3;
        for (long seed = 11; seed <= 13; seed++) {
            Inst in = instance(seed);
            int n = 3;
            double[] v = new double[n];
            for (int it = 0; it < 400; it++) { // 0.8^400 ~ 1e-39
                double[] nv = new double[n];
                for (int s = 0; s < n; s++) {
                    double[] pa = norm(in.pa[s]);
                    double[] pb = norm(in.pb[s]);
                    double z = 0.0;
                    for (int a = 0; a < pa.length; a++) {
                        double f = 0.0;
                        for (int b = 0; b < pb.length; b++) {
                            f += pb[b] * q(in, s, a, b, v);
                        }
                        z += pa[a] * Math.exp(beta * f);
                    }
                    nv[s] = Math.log(z) / beta;
                }
                v = nv;
            }
            Solution sol = Gr2.solve(in.g, RunConfig.builder().level(1).beta(beta).betaOpponent(-0.7)
                    .sweep(Sweep.GAUSS_SEIDEL).tolerance(1e-13).build());
            String w = "seed " + seed;
            assertTrue(sol.converged(), w);
            for (int s = 0; s < n; s++) {
                assertEquals(v[s], sol.V()[s], 1e-11, w + " V[" + s + "]");
            }
            assertQ(in, v, sol, 1e-11, w);
            double[][] agent = sol.policy("agent").matrix();
            for (int s = 0; s < n; s++) {
                double[] pa = norm(in.pa[s]);
                double[] pb = norm(in.pb[s]);
                for (int a = 0; a < pa.length; a++) {
                    double f = 0.0;
                    for (int b = 0; b < pb.length; b++) {
                        f += pb[b] * q(in, s, a, b, v);
                    }
                    assertEquals(pa[a] * Math.exp(beta * (f - v[s])), agent[s][a], 1e-10, w + " agent[" + s + "][" + a + "]");
                }
            }
        }
    }

    @Test
    void levelCapIsInclusiveAndNamed() {
        Game g = instance(1).g();
        new Gr2.Operator(g, Gr2.MAX_LEVEL, 1.0, 1.0); // the cap itself is allowed
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> new Gr2.Operator(g, Gr2.MAX_LEVEL + 1, 1.0, 1.0));
        assertTrue(e.getMessage().startsWith("level: " + (Gr2.MAX_LEVEL + 1)), e.getMessage());
    }

    @Test
    void gammaOneIsRejectedNamingGamma() {
        Game g = instance(2).g().toBuilder().gamma(1.0).build();
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> Gr2.solve(g, RunConfig.builder().level(0).maxIterations(50).build()));
        assertTrue(e.getMessage().startsWith("gamma: 1 has no contraction bound for gr2"), e.getMessage());
    }
}
