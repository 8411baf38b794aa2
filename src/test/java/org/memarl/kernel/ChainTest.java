package org.memarl.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.memarl.testing.Reference;
import org.memarl.testing.Tolerance;

/**
 * Nested soft extrema: a chain reduces innermost first, each level with its own beta and a prior that
 * may condition on the outer choices. Checked against the nested formula written out with the
 * BigDecimal reference.
 */
class ChainTest {
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final long SEED = Long.getLong("memarl.seed", 20201L);

    @Test
    @DisplayName("common beta, uniform priors: the chain (a outer, b inner) equals log-mean-exp over all pairs")
    void handComputedTwoByTwo() {
        Chain chain = Chain.builder(1)
                .level("a", 2, 1.0, LevelPrior.uniform())
                .level("b", 2, 1.0, LevelPrior.uniform())
                .build();
        double[] q = {1, 2, 3, 0}; // Q(a, b) row-major, a outer
        double v = chain.reduce(0, q, 0, chain.newWorkspace());
        double e = Math.E;
        assertEquals(Math.log((e + e * e + e * e * e + 1) / 4), v, Tolerance.ulps(4, 3));
    }

    /**
     * Agent a outer (beta1, marginal prior P(a|s)), opponent b inner (beta2, conditional prior P(b|s,a)):
     * V(s) = M_a^{beta1}[ M_b^{beta2}[Q(s,a,.) | P(.|s,a)] | P(.|s) ].
     */
    @Test
    @DisplayName("two levels with a conditional inner prior reduce to the nested formula; policies per level are the Boltzmann factors")
    void twoLevelsWithConditionalPrior() {
        SplittableRandom rng = new SplittableRandom(SEED);
        double[][] betaPairs = {{2.0, -1.5}, {0.5, INF}, {-INF, 3.0}, {INF, -INF}, {0.0, 1.0}, {1.0, 0.0},
            {1e-6, -1e-6}, {40.0, 40.0}, {-0.3, -7.0}};
        int contexts = 3;
        int na = 2;
        int nb = 3;
        for (double[] betas : betaPairs) {
            for (int rep = 0; rep < 20; rep++) {
                double[] pa = new double[contexts * na];
                double[] pb = new double[contexts * na * nb];
                for (int i = 0; i < pa.length; i++) {
                    pa[i] = rng.nextInt(4) == 0 ? 0.0 : rng.nextDouble() + 0.05;
                }
                for (int i = 0; i < pb.length; i++) {
                    pb[i] = rng.nextInt(4) == 0 ? 0.0 : rng.nextDouble() + 0.05;
                }
                ensureSupport(pa, na);
                ensureSupport(pb, nb);
                double[] leaf = new double[contexts * na * nb];
                for (int i = 0; i < leaf.length; i++) {
                    leaf[i] = 10 * rng.nextDouble() - 5;
                }
                Chain chain = Chain.builder(contexts)
                        .level("agent", na, betas[0], LevelPrior.marginal(normalised(pa, na)))
                        .level("opponent", nb, betas[1], LevelPrior.conditional(normalised(pb, nb)))
                        .build();
                assertEquals(na * nb, chain.leafSize());
                assertEquals(na, chain.prefixCount(1));
                Chain.Workspace ws = chain.newWorkspace();
                for (int s = 0; s < contexts; s++) {
                    BigDecimal[] inner = new BigDecimal[na];
                    double[] innerD = new double[na];
                    double[] priorA = java.util.Arrays.copyOfRange(pa, s * na, s * na + na);
                    for (int a = 0; a < na; a++) {
                        int off = (s * na + a) * nb;
                        double[] qab = java.util.Arrays.copyOfRange(leaf, s * na * nb + a * nb, s * na * nb + a * nb + nb);
                        double[] priorB = java.util.Arrays.copyOfRange(pb, off, off + nb);
                        BigDecimal[] qb = new BigDecimal[nb];
                        for (int b = 0; b < nb; b++) {
                            qb[b] = priorB[b] > 0 ? new BigDecimal(qab[b]) : null;
                        }
                        inner[a] = priorA[a] > 0 ? Reference.softExtremumBig(betas[1], qb, priorB) : null;
                        innerD[a] = inner[a] == null ? Double.NaN : inner[a].doubleValue();
                    }
                    double expected = Reference.softExtremumBig(betas[0], inner, priorA).doubleValue();
                    double v = chain.reduce(s, leaf, s * na * nb, ws);
                    String where = "betas " + java.util.Arrays.toString(betas) + " context " + s;
                    assertEquals(expected, v, Tolerance.ulps(8, 5), where);

                    // level values and policies
                    for (int a = 0; a < na; a++) {
                        if (priorA[a] > 0) {
                            assertEquals(innerD[a], chain.levelValue(0, 0, a, ws), Tolerance.ulps(4, 5), where);
                        }
                        for (int b = 0; b < nb; b++) {
                            assertEquals(leaf[s * na * nb + a * nb + b], chain.levelValue(1, a, b, ws), 0.0);
                        }
                    }
                    double[] outer = new double[na];
                    chain.policy(0, 0, ws, outer, 0);
                    // the outer policy also carries the rounding of the inner values, amplified by beta1
                    double sens = Double.isInfinite(betas[0]) ? 0 : Math.abs(betas[0]) * Tolerance.ulps(8, 5);
                    assertArrayEquals(expectedPolicy(betas[0], innerD, priorA), outer, Tolerance.ulps(64, 1) + sens, where);
                    for (int a = 0; a < na; a++) {
                        int off = (s * na + a) * nb;
                        double[] priorB = java.util.Arrays.copyOfRange(pb, off, off + nb);
                        double[] qab = java.util.Arrays.copyOfRange(leaf, s * na * nb + a * nb, s * na * nb + a * nb + nb);
                        double[] rho = new double[nb];
                        chain.policy(1, a, ws, rho, 0);
                        assertArrayEquals(expectedPolicy(betas[1], qab, priorB), rho, Tolerance.ulps(64, 1), where + " a=" + a);
                        double z = 0;
                        for (double w : priorB) {
                            z += w;
                        }
                        for (int b = 0; b < nb; b++) {
                            assertEquals(priorB[b] / z, chain.priorWeight(1, s, a, b), Tolerance.ulps(2, 1));
                        }
                    }
                }
            }
        }
    }

    /** The Boltzmann policy, or the prior on the extremal set for infinite beta, or the prior for beta 0. */
    private static double[] expectedPolicy(double beta, double[] f, double[] p) {
        int n = f.length;
        double[] out = new double[n];
        if (beta == 0.0) {
            double z = 0;
            for (double w : p) {
                z += w;
            }
            for (int i = 0; i < n; i++) {
                out[i] = p[i] / z;
            }
            return out;
        }
        if (Double.isInfinite(beta)) {
            double best = beta > 0 ? -INF : INF;
            for (int i = 0; i < n; i++) {
                if (p[i] > 0) {
                    best = beta > 0 ? Math.max(best, f[i]) : Math.min(best, f[i]);
                }
            }
            double z = 0;
            for (int i = 0; i < n; i++) {
                z += p[i] > 0 && f[i] == best ? p[i] : 0;
            }
            for (int i = 0; i < n; i++) {
                out[i] = p[i] > 0 && f[i] == best ? p[i] / z : 0;
            }
            return out;
        }
        double[] safe = f.clone();
        for (int i = 0; i < n; i++) {
            if (!(p[i] > 0)) {
                safe[i] = 0;
            }
        }
        return Reference.boltzmann(beta, safe, p);
    }

    private static void ensureSupport(double[] p, int size) {
        for (int off = 0; off < p.length; off += size) {
            boolean any = false;
            for (int i = 0; i < size; i++) {
                any |= p[off + i] > 0;
            }
            if (!any) {
                p[off] = 1.0;
            }
        }
    }

    @Test
    @DisplayName("equal betas and a factorised prior P(a) P(b|a): the two-level chain is the one-level soft extremum over pairs")
    void equalBetasCollapseToTheJointExtremum() {
        SplittableRandom rng = new SplittableRandom(SEED + 1);
        for (int rep = 0; rep < 200; rep++) {
            double beta = (rng.nextBoolean() ? 1 : -1) * Math.pow(10, -2 + 4 * rng.nextDouble());
            int na = 1 + rng.nextInt(3);
            int nb = 1 + rng.nextInt(3);
            double[] pa = new double[na];
            double[] pb = new double[na * nb];
            double za = 0;
            for (int a = 0; a < na; a++) {
                pa[a] = rng.nextDouble() + 0.1;
                za += pa[a];
            }
            double[] joint = new double[na * nb];
            double[] leaf = new double[na * nb];
            for (int a = 0; a < na; a++) {
                double zb = 0;
                for (int b = 0; b < nb; b++) {
                    pb[a * nb + b] = rng.nextDouble() + 0.1;
                    zb += pb[a * nb + b];
                }
                for (int b = 0; b < nb; b++) {
                    joint[a * nb + b] = pa[a] / za * pb[a * nb + b] / zb;
                    leaf[a * nb + b] = 4 * rng.nextDouble() - 2;
                }
            }
            Chain chain = Chain.builder(1)
                    .level("a", na, beta, LevelPrior.marginal(normalised(pa, na)))
                    .level("b", nb, beta, LevelPrior.conditional(normalised(pb, nb)))
                    .build();
            double v = chain.reduce(0, leaf, 0, chain.newWorkspace());
            assertEquals(Reference.softExtremum(beta, leaf, joint), v, Tolerance.ulps(16, 2), "beta=" + beta);
        }
    }

    @Test
    @DisplayName("three levels (termination, option, action) with mixed betas reduce innermost first")
    void threeLevels() {
        SplittableRandom rng = new SplittableRandom(SEED + 2);
        double[] betas = {-0.7, 2.0, INF};
        int[] sizes = {2, 3, 2};
        double[] leaf = new double[12];
        for (int i = 0; i < leaf.length; i++) {
            leaf[i] = 6 * rng.nextDouble() - 3;
        }
        double[] pz = {0.2, 0.5, 0.3, 0.6, 0.1, 0.3}; // P(z | x1), conditional on the outer level
        Chain chain = Chain.builder(1)
                .level("x1", sizes[0], betas[0], LevelPrior.uniform())
                .level("x2", sizes[1], betas[1], LevelPrior.conditional(pz))
                .level("x3", sizes[2], betas[2], LevelPrior.uniform())
                .build();
        BigDecimal[] l1 = new BigDecimal[2];
        for (int x1 = 0; x1 < 2; x1++) {
            BigDecimal[] l2 = new BigDecimal[3];
            for (int x2 = 0; x2 < 3; x2++) {
                int o = (x1 * 3 + x2) * 2;
                l2[x2] = new BigDecimal(Math.max(leaf[o], leaf[o + 1]));
            }
            l1[x1] = Reference.softExtremumBig(betas[1], l2, java.util.Arrays.copyOfRange(pz, x1 * 3, x1 * 3 + 3));
        }
        double expected = Reference.softExtremumBig(betas[0], l1, null).doubleValue();
        assertEquals(expected, chain.reduce(0, leaf, 0, chain.newWorkspace()), Tolerance.ulps(8, 3));
        assertEquals(3, chain.depth());
        assertEquals(12, chain.leafSize());
    }

    @Test
    @DisplayName("a one-level chain is SoftExtremum per context, with the context's row of a marginal prior")
    void singleLevelChainUsesTheContextRow() {
        double[] prior = {0.9, 0.1, 0.0, 0.5, 0.5, 0.0};
        Chain chain = Chain.single(2, 3, 1.7, LevelPrior.marginal(prior));
        double[] q = {1, 2, 100, -1, 3, 100};
        Chain.Workspace ws = chain.newWorkspace();
        assertEquals(Reference.softExtremum(1.7, new double[] {1, 2, 100}, new double[] {0.9, 0.1, 0}),
                chain.reduce(0, q, 0, ws), Tolerance.ulps(4, 2));
        assertEquals(Reference.softExtremum(1.7, new double[] {-1, 3, 100}, new double[] {0.5, 0.5, 0}),
                chain.reduce(1, q, 3, ws), Tolerance.ulps(4, 3));
    }

    @Test
    @DisplayName("priors are copied: changing the caller's array afterwards changes nothing")
    void priorsAreCopied() {
        double[] prior = {0.5, 0.5};
        Chain chain = Chain.single(1, 2, 1.0, LevelPrior.marginal(prior));
        double before = chain.reduce(0, new double[] {0, 1}, 0, chain.newWorkspace());
        prior[0] = 0.0;
        assertEquals(before, chain.reduce(0, new double[] {0, 1}, 0, chain.newWorkspace()), 0.0);
    }

    @Test
    @DisplayName("invalid chains: no levels, size < 1, NaN beta, contexts < 1, prior of the wrong length")
    void invalidChains() {
        assertThrows(org.memarl.MemarlException.class, () -> Chain.builder(1).build());
        assertThrows(org.memarl.MemarlException.class, () -> Chain.builder(0));
        assertThrows(org.memarl.MemarlException.class, () -> Chain.builder(1).level("a", 0, 1.0, LevelPrior.uniform()));
        assertThrows(org.memarl.MemarlException.class, () -> Chain.builder(1).level("a", 2, Double.NaN, LevelPrior.uniform()));
        assertThrows(org.memarl.MemarlException.class,
                () -> Chain.builder(2).level("a", 2, 1.0, LevelPrior.marginal(new double[] {1, 1})).build());
        assertThrows(org.memarl.MemarlException.class, () -> Chain.builder(1)
                .level("a", 2, 1.0, LevelPrior.uniform())
                .level("b", 2, 1.0, LevelPrior.conditional(new double[] {0.5, 0.5})).build());
    }

    @Test
    @DisplayName("bad prior weights are refused with the index: negative, above 1, NaN, rows not summing to 1")
    void badPriorsAreRefused() {
        org.memarl.MemarlException e = assertThrows(org.memarl.MemarlException.class,
                () -> LevelPrior.marginal(new double[] {-1, 2}));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("prior[0]: -1.0"), e.getMessage());
        assertThrows(org.memarl.MemarlException.class, () -> LevelPrior.conditional(new double[] {0.5, Double.NaN}));
        e = assertThrows(org.memarl.MemarlException.class,
                () -> Chain.single(2, 2, 1.0, LevelPrior.marginal(new double[] {0.5, 0.5, 0.2, 0.7})));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("prior row 1: row sums to 0.9"), e.getMessage());
    }

    /** Each row of n weights divided by its sum. */
    static double[] normalised(double[] w, int n) {
        double[] out = w.clone();
        for (int r = 0; r * n < w.length; r++) {
            double z = 0;
            for (int i = 0; i < n; i++) {
                z += w[r * n + i];
            }
            for (int i = 0; i < n; i++) {
                out[r * n + i] = w[r * n + i] / z;
            }
        }
        return out;
    }
}
