package org.memarl.algorithms.options;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.memarl.algorithms.RunConfig;
import org.memarl.model.Mdp;
import org.memarl.model.OptionSpec;
import org.memarl.solve.Solution;
import org.memarl.solve.Sweep;
import org.memarl.testing.Tolerance;

/**
 * Issue 19's surviving soft-options mutants (the Q copy of the tables, the start value's index), killed
 * against a plain value iteration of appendix C.1's recursion written out here with its own log-sum-exp:
 * {@code Q(s,a,z) = r + gamma T U(., z)}, {@code V(s,z) = M_a}, {@code V^H(s) = M_z}, {@code U(s,z') = M_b},
 * and the start value {@code V(s) = sum_z P^H(z|s) U(s,z)}, on random option MDPs with per-state,
 * non-uniform master priors (and a number of options different from the number of states), for Jacobi,
 * Gauss-Seidel and two-thread sweeps and both variants.
 */
class SoftOptionsGapsTest {
    /** (1/b) log( sum p exp(b x) / sum p ) for b != 0; the prior mean for b = 0. */
    private static double m(double b, double[] x, double[] p) {
        double z = 0.0;
        double s = 0.0;
        for (int i = 0; i < x.length; i++) {
            z += p[i];
            s += b == 0.0 ? p[i] * x[i] : p[i] * Math.exp(b * x[i]);
        }
        return b == 0.0 ? s / z : Math.log(s / z) / b;
    }

    private static double[] positiveDistribution(SplittableRandom rng, int k) {
        double[] p = new double[k];
        double z = 0.0;
        for (int i = 0; i < k; i++) {
            p[i] = 0.05 + rng.nextDouble();
            z += p[i];
        }
        for (int i = 0; i < k; i++) {
            p[i] /= z;
        }
        return p;
    }

    private static Mdp optionMdp(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 2 + rng.nextInt(3);
        int na = 2 + rng.nextInt(2);
        int m = n + 1; // never equal to the number of states, so [s][z] and [z][s] cannot be confused
        double[][][] t = new double[n][na][];
        double[][] r = new double[n][na];
        double[][] prior = new double[n][];
        for (int s = 0; s < n; s++) {
            prior[s] = positiveDistribution(rng, na);
            for (int a = 0; a < na; a++) {
                t[s][a] = positiveDistribution(rng, n);
                r[s][a] = 4.0 * rng.nextDouble() - 2.0;
            }
        }
        double[][][] actionPrior = new double[m][n][];
        double[][] term = new double[n][m];
        double[][] master = new double[n][];
        for (int s = 0; s < n; s++) {
            master[s] = positiveDistribution(rng, m);
            for (int z = 0; z < m; z++) {
                actionPrior[z][s] = positiveDistribution(rng, na);
                term[s][z] = 0.1 + 0.8 * rng.nextDouble();
            }
        }
        double gamma = 0.5 + 0.4 * rng.nextDouble();
        Mdp base = Mdp.builder().states(n).actions(na).gamma(gamma).transitions(t).rewards(r).prior(prior).build();
        return base.toBuilder().options(OptionSpec.of("options", m, n, na, actionPrior, base.priorFlat(), term, 0.5, master))
                .build();
    }

    /** Reference tables after enough sweeps: [0] U[s][z'], and the Q[s][z][a], Vz, VH, start of the fixed point. */
    private static final class Ref {
        double[][] u;
        double[][][] q;
        double[][] vz;
        double[] vh;
        double[] start;
    }

    private static Ref reference(Mdp mdp, double beta, boolean critic) {
        OptionSpec o = mdp.options();
        int n = mdp.numStates();
        int na = mdp.numActions();
        int k = o.count();
        double g = mdp.gamma();
        double bo = critic ? 0.0 : beta;
        double[][] u = new double[n][k];
        int sweeps = (int) Math.ceil(60.0 / -Math.log10(g));
        Ref ref = new Ref();
        for (int it = 0; it <= sweeps; it++) {
            double[][][] q = new double[n][k][na];
            double[][] vz = new double[n][k];
            double[] vh = new double[n];
            double[][] next = new double[n][k];
            for (int s = 0; s < n; s++) {
                double[] masterPrior = new double[k];
                for (int z = 0; z < k; z++) {
                    double[] actionPrior = new double[na];
                    for (int a = 0; a < na; a++) {
                        double e = 0.0;
                        for (int s2 = 0; s2 < n; s2++) {
                            e += mdp.transitions().get(mdp.row(s, a), s2) * u[s2][z];
                        }
                        q[s][z][a] = mdp.reward(s, a) + g * e;
                        actionPrior[a] = o.actionPrior(z, s, a);
                    }
                    vz[s][z] = m(beta, q[s][z], actionPrior);
                    masterPrior[z] = o.master(s, z);
                }
                vh[s] = m(bo, vz[s], masterPrior);
                for (int z = 0; z < k; z++) {
                    double pt = o.termination(s, z);
                    next[s][z] = m(bo, new double[] {vz[s][z], vh[s]}, new double[] {1.0 - pt, pt});
                }
            }
            if (it < sweeps) {
                u = next;
            } else {
                ref.q = q;
                ref.vz = vz;
                ref.vh = vh;
            }
        }
        ref.u = u;
        ref.start = new double[n];
        for (int s = 0; s < n; s++) {
            for (int z = 0; z < k; z++) {
                ref.start[s] += o.master(s, z) * u[s][z];
            }
        }
        return ref;
    }

    private static void assertVector(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol, what + "[" + i + "]");
        }
    }

    @Test
    @DisplayName("gap: soft options' Q[s][z][a], U, V^H, V(s,z) and the start value sum_z P^H(z|s) U(s,z) against a reference, every sweep")
    void tablesAndStartValueAgainstReference() {
        for (long seed = 0; seed < 12; seed++) {
            Mdp mdp = optionMdp(1900 + seed);
            double beta = seed % 2 == 0 ? 1.3 : -0.8;
            double scale = 2.0 / (1 - mdp.gamma());
            double tol = 4e-12 + Tolerance.ulps(256, scale) / (1 - mdp.gamma());
            for (SoftOptions.Variant variant : SoftOptions.Variant.values()) {
                Ref ref = reference(mdp, beta, variant == SoftOptions.Variant.CRITIC);
                for (int k = 0; k < 3; k++) {
                    RunConfig.Builder b = RunConfig.builder().beta(beta).tolerance(1e-12);
                    b = k == 0 ? b.sweep(Sweep.JACOBI) : k == 1 ? b.sweep(Sweep.GAUSS_SEIDEL) : b.sweep(Sweep.JACOBI).threads(2);
                    Solution sol = SoftOptions.solve(mdp, b.build(), variant);
                    String w = variant.cliName() + " seed " + seed + " sweep " + k;
                    assertVector(ref.start, sol.V(), tol, w + " V (start value)");
                    assertVector(ref.vh, sol.value("VH").vector(), tol, w + " VH");
                    double[][] u = sol.value("U").matrix();
                    double[][] vz = sol.value("Vz").matrix();
                    double[][][] q = sol.value("Q").cube();
                    for (int s = 0; s < ref.u.length; s++) {
                        assertVector(ref.u[s], u[s], tol, w + " U[" + s + "]");
                        assertVector(ref.vz[s], vz[s], tol, w + " Vz[" + s + "]");
                        for (int z = 0; z < ref.q[s].length; z++) {
                            assertVector(ref.q[s][z], q[s][z], tol, w + " Q[" + s + "][" + z + "]");
                        }
                    }
                }
            }
        }
    }
}
