package org.memarl.algorithms.soft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.memarl.InvalidModelException;
import org.memarl.algorithms.RunConfig;
import org.memarl.ledger.RandomMdps;
import org.memarl.model.Mdp;
import org.memarl.solve.Solution;

/**
 * Issue 19: kills the surviving mutants of {@link SoftPolicyIteration}: the progress reports (one per
 * sweep, numbered 1..iterations, also on the value-iteration continuation after a stall), the iteration
 * cap shared by both phases, the stop at bound == tolerance, the gamma = 1 guard and the normalised prior
 * as the first policy. References: the soft Bellman operator (eq. (2.19)) and the exact evaluation of the
 * prior policy (a Gaussian elimination), written out in plain loops.
 */
class SoftPolicyIterationMutantsTest {
    /** Seed 5 of a 40-state, 3-action, gamma 0.99 random MDP: the exact evaluations stall at sweep 2. */
    private static Mdp stalling() {
        return RandomMdps.mdp(new SplittableRandom(5), 40, 3, 0.99);
    }

    private static double[] bellman(Mdp mdp, double beta, double[] v) {
        int n = v.length;
        int m = mdp.numActions();
        double[][] p = mdp.prior2d();
        double[] out = new double[n];
        for (int s = 0; s < n; s++) {
            double z = 0.0;
            double w = 0.0;
            double[] q = new double[m];
            double max = Double.NEGATIVE_INFINITY;
            for (int a = 0; a < m; a++) {
                double e = 0.0;
                for (int x = 0; x < n; x++) {
                    e += mdp.transitions().get(mdp.row(s, a), x) * v[x];
                }
                q[a] = mdp.reward(s, a) + mdp.gamma() * e;
                max = Math.max(max, q[a]);
                w += p[s][a];
            }
            for (int a = 0; a < m; a++) {
                z += p[s][a] / w * Math.exp(beta * (q[a] - max));
            }
            out[s] = max + Math.log(z) / beta;
        }
        return out;
    }

    private static double sup(double[] a, double[] b) {
        double r = 0.0;
        for (int i = 0; i < a.length; i++) {
            r = Math.max(r, Math.abs(a[i] - b[i]));
        }
        return r;
    }

    @Test
    @DisplayName("after a stall, value iteration continues: reports numbered 1..iterations, V a certified fixed point of eq. (2.19)")
    void stallContinuesWithValueIteration() {
        Mdp mdp = stalling();
        List<Integer> ks = new ArrayList<>();
        List<Double> bounds = new ArrayList<>();
        Solution sol = SoftPolicyIteration.solve(mdp, RunConfig.builder().beta(2.0).tolerance(1e-8).maxIterations(20000)
                .progress((k, r, b) -> {
                    ks.add(k);
                    bounds.add(b);
                }).build());
        assertTrue(sol.converged(), "converged after " + sol.iterations());
        assertTrue(sol.iterations() > 2, "the value-iteration continuation ran: " + sol.iterations());
        assertEquals(sol.iterations(), ks.size(), "one report per sweep");
        for (int i = 0; i < ks.size(); i++) {
            assertEquals(i + 1, ks.get(i), "report " + i);
        }
        assertTrue(bounds.get(bounds.size() - 1) <= 1e-8, "last reported bound " + bounds.get(bounds.size() - 1));
        double[] v = sol.V();
        double res = sup(bellman(mdp, 2.0, v), v);
        assertTrue(res <= (1 + mdp.gamma()) * 1e-8 * (1 - mdp.gamma()) / mdp.gamma() + 1e-12, "||BV - V|| = " + res);
    }

    @Test
    @DisplayName("both phases share maxIterations: a stalled run capped at 60 stops at exactly 60 sweeps")
    void capCountsBothPhases() {
        List<Integer> ks = new ArrayList<>();
        Solution sol = SoftPolicyIteration.solve(stalling(), RunConfig.builder().beta(2.0).tolerance(1e-300).maxIterations(60)
                .progress((k, r, b) -> ks.add(k)).build());
        assertEquals(60, sol.iterations());
        assertEquals(60, ks.size());
        assertEquals(60, ks.get(59));
    }

    @Test
    @DisplayName("stops when the bound gamma/(1-gamma) residual is at most the tolerance, equality included")
    void stopsAtBoundEqualToTolerance() {
        Mdp mdp = RandomMdps.mdp(new SplittableRandom(3), 6, 3, 0.9);
        List<Double> bounds = new ArrayList<>();
        SoftPolicyIteration.solve(mdp, RunConfig.builder().beta(1.5).tolerance(1e-300).maxIterations(3)
                .progress((k, r, b) -> bounds.add(b)).build());
        double b2 = bounds.get(1);
        assertTrue(b2 > 0.0, "bound at sweep 2: " + b2);
        List<Double> again = new ArrayList<>();
        Solution sol = SoftPolicyIteration.solve(mdp, RunConfig.builder().beta(1.5).tolerance(b2).maxIterations(50)
                .progress((k, r, b) -> again.add(b)).build());
        assertTrue(sol.converged());
        assertEquals(2, sol.iterations(), "stops at the sweep whose bound equals the tolerance " + again);
    }

    @Test
    void gammaOneIsRejectedNamingGamma() {
        Mdp mdp = RandomMdps.mdp(new SplittableRandom(1), 4, 2, 0.9);
        Mdp one = Mdp.builder().states(4).actions(2).gamma(1.0).transitions(mdp.transitions()).rewards(mdp.rewards2d())
                .build();
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> SoftPolicyIteration.solve(one, RunConfig.builder().maxIterations(20).build()));
        assertTrue(e.getMessage().startsWith("gamma: 1 has no contraction bound for soft-policy-iteration"), e.getMessage());
    }

    @Test
    @DisplayName("the first policy is the normalised prior: sweep 1's residual is ||B V^P - V^P|| with V^P by Gaussian elimination")
    void firstPolicyIsTheNormalisedPrior() {
        int n = 4;
        int m = 3;
        double g = 0.9;
        double beta = 1.7;
        double dev = 6e-10;
        SplittableRandom rng = new SplittableRandom(77);
        double[][][] t = new double[n][m][n];
        double[][] r = new double[n][m];
        double[][] p = new double[n][m];
        for (int s = 0; s < n; s++) {
            double zp = 0.0;
            for (int a = 0; a < m; a++) {
                double z = 0.0;
                for (int x = 0; x < n; x++) {
                    t[s][a][x] = rng.nextDouble();
                    z += t[s][a][x];
                }
                for (int x = 0; x < n; x++) {
                    t[s][a][x] /= z;
                }
                r[s][a] = 10.0 * rng.nextDouble();
                p[s][a] = 0.2 + rng.nextDouble();
                zp += p[s][a];
            }
            for (int a = 0; a < m; a++) {
                p[s][a] /= zp;
            }
            p[s][s % m] += dev; // sums to 1 + dev: accepted, normalised before use
        }
        Mdp mdp = Mdp.builder().states(n).actions(m).gamma(g).transitions(t).rewards(r).prior(p).build();
        double[] vp = priorValue(p, t, r, g, true);
        double[] vRaw = priorValue(p, t, r, g, false);
        double expected = sup(bellman(mdp, beta, vp), vp);
        List<Double> residuals = new ArrayList<>();
        SoftPolicyIteration.solve(mdp, RunConfig.builder().beta(beta).tolerance(1e-12).maxIterations(50)
                .progress((k, res, b) -> residuals.add(res)).build());
        // the regulariser compares pi with the row as given (sum 1 + dev): a shift of at most dev/beta per
        // step in the evaluated reward, hence at most 2 dev/beta in the residual; the unnormalised first
        // policy would move the residual by far more (checked here, so that the comparison can fail)
        double tol = 2 * dev / beta + 1e-12;
        double wrong = sup(bellman(mdp, beta, vRaw), vRaw);
        assertTrue(Math.abs(wrong - expected) > 10 * tol, "unnormalised prior indistinguishable: " + wrong + " vs " + expected);
        assertEquals(expected, residuals.get(0), tol, "sweep 1 residual");
    }

    /** V^P = r_P + g T_P V^P for the policy P (its rows normalised or as given), by Gaussian elimination. */
    private static double[] priorValue(double[][] p, double[][][] t, double[][] r, double g, boolean normalise) {
        int n = p.length;
        int m = p[0].length;
        double[][] a = new double[n][n + 1];
        for (int s = 0; s < n; s++) {
            double zp = 0.0;
            for (int u = 0; u < m; u++) {
                zp += p[s][u];
            }
            a[s][s] = 1.0;
            for (int u = 0; u < m; u++) {
                double w = normalise ? p[s][u] / zp : p[s][u];
                a[s][n] += w * r[s][u];
                for (int x = 0; x < n; x++) {
                    a[s][x] -= g * w * t[s][u][x];
                }
            }
        }
        for (int c = 0; c < n; c++) { // diagonally dominant: no pivoting needed
            for (int i = c + 1; i < n; i++) {
                double f = a[i][c] / a[c][c];
                for (int j = c; j <= n; j++) {
                    a[i][j] -= f * a[c][j];
                }
            }
        }
        double[] v = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double acc = a[i][n];
            for (int j = i + 1; j < n; j++) {
                acc -= a[i][j] * v[j];
            }
            v[i] = acc / a[i][i];
        }
        return v;
    }
}
