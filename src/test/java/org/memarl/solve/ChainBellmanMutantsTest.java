package org.memarl.solve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.memarl.InvalidModelException;
import org.memarl.kernel.Chain;
import org.memarl.kernel.LevelPrior;
import org.memarl.model.TransitionMatrix;
import org.memarl.testing.Tolerance;

/**
 * Issue 19's surviving and uncovered {@link ChainBellman} mutants: every sweep (sequential Jacobi, parallel
 * Jacobi on 1 .. more threads than contexts, Gauss-Seidel) of plain, blocked, one- and two-level, hard and soft,
 * dense and sparse problems against a Bellman backup written out here (Q = r + gamma sum_s' T v, then the soft
 * extremum of eq. (2.48)-(2.49) with a log1p/expm1 form, max / min at beta = +-inf, the prior mean at beta 0);
 * {@code qRows} and {@code reduce} against the same loops; the leaf-to-row checks' messages.
 */
class ChainBellmanMutantsTest {
    private static final double GAMMA = 0.9;

    /** The soft extremum (1/beta) log sum_a p_a exp(beta q_a) over the support of p, written independently. */
    static double ext(double[] q, int off, int n, double[] p, double beta) {
        if (beta == 0.0) {
            double s = 0.0;
            for (int a = 0; a < n; a++) {
                s += p[a] * q[off + a];
            }
            return s;
        }
        double m = beta > 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        for (int a = 0; a < n; a++) {
            if (p[a] > 0) {
                m = beta > 0 ? Math.max(m, q[off + a]) : Math.min(m, q[off + a]);
            }
        }
        if (Double.isInfinite(beta) || Double.isInfinite(m)) {
            return m;
        }
        double s = 0.0;
        for (int a = 0; a < n; a++) {
            if (p[a] > 0) {
                s += p[a] * Math.expm1(beta * (q[off + a] - m));
            }
        }
        return m + Math.log1p(s) / beta;
    }

    static double[] uniform(int n) {
        double[] p = new double[n];
        java.util.Arrays.fill(p, 1.0 / n);
        return p;
    }

    /** A random problem with its own reference backup. */
    static final class Case {
        final String name;
        final int contexts;
        final int m;
        final int rowsPerBlock;
        final int n1;
        final int n2;
        final double beta1;
        final double beta2;
        final double[][] prior1; // [context][x1]
        final double[][] t; // dense rows
        final double[] r;
        final ChainBellman op;
        final boolean sparse;
        final boolean nonUniform;

        Case(SplittableRandom rng, int blocks, int m, int n1, int n2, double beta1, double beta2, boolean sparse,
             boolean nonUniform, double rewardScale) {
            this.m = m;
            this.sparse = sparse;
            this.nonUniform = nonUniform;
            this.contexts = blocks * m;
            this.n1 = n1;
            this.n2 = n2;
            this.beta1 = beta1;
            this.beta2 = beta2;
            int leaves = n1 * Math.max(1, n2);
            this.rowsPerBlock = leaves;
            int rows = blocks * leaves;
            this.t = new double[rows][contexts];
            this.r = new double[rows];
            List<Integer> starts = new ArrayList<>();
            List<Integer> cols = new ArrayList<>();
            List<Double> probs = new ArrayList<>();
            starts.add(0);
            for (int i = 0; i < rows; i++) {
                double sum = 0;
                for (int j = 0; j < contexts; j++) {
                    double w = rng.nextInt(3) == 0 ? 0.0 : rng.nextDouble() + 0.1;
                    t[i][j] = w;
                    sum += w;
                }
                if (sum == 0) {
                    t[i][rng.nextInt(contexts)] = 1.0;
                    sum = 1.0;
                }
                for (int j = 0; j < contexts; j++) {
                    t[i][j] /= sum;
                    if (t[i][j] != 0) {
                        cols.add(j);
                        probs.add(t[i][j]);
                    }
                }
                starts.add(cols.size());
                r[i] = rewardScale * (2 * rng.nextDouble() - 1);
            }
            TransitionMatrix tm;
            if (sparse) {
                tm = TransitionMatrix.compressedRows(rows, contexts, starts.stream().mapToInt(Integer::intValue).toArray(),
                        cols.stream().mapToInt(Integer::intValue).toArray(),
                        probs.stream().mapToDouble(Double::doubleValue).toArray(), "T", x -> "[" + x + "]");
            } else {
                tm = TransitionMatrix.dense(new DMatrixRMaj(t), "T", x -> "[" + x + "]");
            }
            prior1 = new double[contexts][];
            double[] flat = new double[contexts * n1];
            for (int c = 0; c < contexts; c++) {
                double[] p = uniform(n1);
                if (nonUniform && n1 > 1) {
                    p = new double[n1];
                    double s = 0;
                    for (int a = 1; a < n1; a++) { // action 0 has weight 0
                        p[a] = rng.nextDouble() + 0.1;
                        s += p[a];
                    }
                    for (int a = 1; a < n1; a++) {
                        p[a] /= s;
                    }
                }
                prior1[c] = p;
                System.arraycopy(p, 0, flat, c * n1, n1);
            }
            Chain.Builder cb = Chain.builder(contexts).level("x1", n1, beta1,
                    nonUniform ? LevelPrior.marginal(flat) : LevelPrior.uniform());
            if (n2 > 0) {
                cb.level("x2", n2, beta2, LevelPrior.uniform());
            }
            Chain chain = cb.build();
            this.name = "blocks " + blocks + " m " + m + " n1 " + n1 + " n2 " + n2 + " beta " + beta1 + "/" + beta2
                    + (sparse ? " sparse" : " dense") + (nonUniform ? " prior" : "") + " scale " + rewardScale;
            ChainProblem.Builder pb = ChainProblem.builder(chain, tm, r, GAMMA);
            if (m > 1) {
                pb.blocks(m, leaves, null);
            }
            this.op = new ChainBellman(pb.build());
        }

        double qRow(int row, double[] v) {
            double s = 0;
            for (int j = 0; j < contexts; j++) {
                if (t[row][j] != 0) { // an absent transition contributes nothing, even from an infinite value
                    s += t[row][j] * v[j];
                }
            }
            return r[row] + GAMMA * s;
        }

        double backup(int c, double[] v) {
            int base = (c / m) * rowsPerBlock;
            double[] q = new double[rowsPerBlock];
            for (int k = 0; k < rowsPerBlock; k++) {
                q[k] = qRow(base + k, v);
            }
            if (n2 == 0) {
                return ext(q, 0, n1, prior1[c], beta1);
            }
            double[] w = new double[n1];
            for (int a = 0; a < n1; a++) {
                w[a] = ext(q, a * n2, n2, uniform(n2), beta2);
            }
            return ext(w, 0, n1, prior1[c], beta1);
        }
    }

    private static List<Case> cases() {
        SplittableRandom rng = new SplittableRandom(190_001L);
        List<Case> out = new ArrayList<>();
        double[] betas = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, 0.7, -1.3, 40.0, -40.0, 1e-3, -2e-3};
        int[] blockCounts = {1, 2, 5, 13};
        for (double beta : betas) {
            for (int blocks : blockCounts) {
                for (boolean sparse : new boolean[] {true, false}) {
                    for (double scale : new double[] {0.3, 30.0}) {
                        out.add(new Case(rng, blocks, 1, 3, 0, beta, 0, sparse, false, scale));
                        out.add(new Case(rng, blocks, 1, 3, 0, beta, 0, sparse, true, scale));
                        out.add(new Case(rng, blocks, 2, 3, 0, beta, 0, sparse, true, scale));
                        out.add(new Case(rng, blocks, 3, 2, 0, beta, 0, sparse, false, scale));
                        out.add(new Case(rng, blocks, 1, 2, 3, beta, 1.5, sparse, false, scale));
                    }
                }
            }
        }
        return out;
    }

    private static double[] randomV(SplittableRandom rng, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * (2 * rng.nextDouble() - 1);
        }
        return v;
    }

    @Test
    @DisplayName("Jacobi sweeps on 1, 2, 3, 4 and more threads than contexts equal the backup (2.48)-(2.49) written out")
    void jacobiSweepsMatchTheWrittenOutBackup() {
        SplittableRandom rng = new SplittableRandom(190_002L);
        for (Case k : cases()) {
            double[] v = randomV(rng, k.contexts, 3.0);
            double[] expected = new double[k.contexts];
            for (int c = 0; c < k.contexts; c++) {
                expected[c] = k.backup(c, v);
            }
            double tol = Tolerance.ulps(64, Tolerance.maxAbs(expected), Tolerance.maxAbs(k.r) + 3.0);
            double[] out = new double[k.contexts];
            k.op.apply(v, out);
            assertArrayEquals(expected, out, tol, k.name);
            for (int threads : new int[] {1, 2, 3, 4, k.contexts + 3}) {
                double[] o = new double[k.contexts];
                k.op.apply(v, o, threads);
                assertArrayEquals(expected, o, tol, k.name + " threads " + threads);
            }
        }
    }

    @Test
    @DisplayName("a Gauss-Seidel sweep equals the written-out backup applied in context order, and returns its largest change")
    void gaussSeidelMatchesTheWrittenOutBackup() {
        SplittableRandom rng = new SplittableRandom(190_003L);
        for (Case k : cases()) {
            double[] v = randomV(rng, k.contexts, 3.0);
            double[] manual = v.clone();
            double res = 0;
            for (int blk = 0; blk < k.contexts / k.m; blk++) {
                double[] nv = new double[k.m];
                for (int i = 0; i < k.m; i++) {
                    nv[i] = k.backup(blk * k.m + i, manual);
                }
                for (int i = 0; i < k.m; i++) {
                    res = Math.max(res, Math.abs(nv[i] - manual[blk * k.m + i]));
                    manual[blk * k.m + i] = nv[i];
                }
            }
            double tol = Tolerance.ulps(64, Tolerance.maxAbs(manual), Tolerance.maxAbs(k.r) + 3.0);
            double[] gs = v.clone();
            double got = k.op.applyInPlace(gs);
            assertArrayEquals(manual, gs, tol, k.name);
            assertEquals(res, got, 2 * tol, k.name);
        }
    }

    @Test
    @DisplayName("qRows gives Q of every row of the context's block in row order; reduce gives the soft extremum; chain() is the problem's chain")
    void qRowsReduceAndChain() {
        SplittableRandom rng = new SplittableRandom(190_004L);
        for (Case k : cases()) {
            if (k.n2 != 0 || Double.isInfinite(k.beta1)) {
                continue;
            }
            double[] v = randomV(rng, k.contexts, 3.0);
            assertSame(k.op.problem().chain(), k.op.chain());
            for (int c = 0; c < k.contexts; c++) {
                double[] out = new double[k.rowsPerBlock + 2];
                out[0] = -7.0;
                k.op.qRows(c, v, out, 1);
                int base = (c / k.m) * k.rowsPerBlock;
                double[] expected = new double[k.rowsPerBlock + 2];
                expected[0] = -7.0;
                for (int j = 0; j < k.rowsPerBlock; j++) {
                    expected[1 + j] = k.qRow(base + j, v);
                }
                double tol = Tolerance.ulps(16, Tolerance.maxAbs(expected));
                assertArrayEquals(expected, out, tol, k.name + " context " + c);
                double want = ext(expected, 1, k.n1, k.prior1[c], k.beta1);
                assertEquals(want, k.op.reduce(c, out, 1), Tolerance.ulps(32, Tolerance.maxAbs(expected)), k.name + " reduce " + c);
            }
        }
    }

    @Test
    @DisplayName("leafToRow: a wrong length, an entry out of 0..L-1 (L itself, -1) and a repeat are refused with their messages")
    void leafToRowRefused() {
        Chain chain = Chain.builder(1).level("x", 2, 1.0, LevelPrior.uniform()).build();
        TransitionMatrix t = TransitionMatrix.dense(new DMatrixRMaj(new double[][] {{1.0}, {1.0}}), "T", x -> "[" + x + "]");
        double[] r = {1.0, 2.0};
        for (int[] bad : new int[][] {{0, 2}, {-1, 0}, {1, 1}, {2, 0}}) {
            InvalidModelException e = assertThrows(InvalidModelException.class,
                    () -> new ChainBellman(t, r, 0.5, chain, bad));
            assertEquals("leafToRow: not a permutation of 0..1", e.getMessage());
        }
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> new ChainBellman(t, r, 0.5, chain, new int[] {0, 1, 2}));
        assertEquals("leafToRow: length 3, expected 2", e.getMessage());
        // the swap is accepted and a uniform one-level chain at beta = 1 gives log((e^1 + e^2) / 2) from v = 0
        ChainBellman ok = new ChainBellman(t, r, 0.5, chain, new int[] {1, 0});
        double[] out = new double[1];
        ok.apply(new double[] {0.0}, out);
        assertEquals(Math.log((Math.exp(1) + Math.exp(2)) / 2), out[0], Tolerance.ulps(8, 2.0));
    }

    @Test
    @DisplayName("soft one-level sweeps on sparse T with V(0) = +inf: +inf (beta > 0) or the finite soft minimum (beta < 0) per state")
    void infiniteValueInTheSoftSparseSweep() {
        SplittableRandom rng = new SplittableRandom(190_005L);
        for (Case k : cases()) {
            if (!k.sparse || k.n2 != 0 || k.m != 1 || k.nonUniform || k.beta1 == 0.0 || Double.isInfinite(k.beta1)) {
                continue;
            }
            double[] v = randomV(rng, k.contexts, 3.0);
            v[0] = Double.POSITIVE_INFINITY;
            double[] expected = new double[k.contexts];
            for (int c = 0; c < k.contexts; c++) {
                expected[c] = k.backup(c, v);
            }
            double tol = Tolerance.ulps(64, Tolerance.maxAbs(k.r) + 3.0 + 10.0);
            double[] out = new double[k.contexts];
            k.op.apply(v, out);
            assertArrayEquals(expected, out, tol, k.name);
            double[] o = new double[k.contexts];
            k.op.apply(v, o, 2);
            assertArrayEquals(expected, o, tol, k.name + " 2 threads");
        }
    }
}
