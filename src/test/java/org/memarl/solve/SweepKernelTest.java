package org.memarl.solve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseTriplet;
import org.ejml.ops.DConvertMatrixStruct;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.memarl.kernel.Chain;
import org.memarl.kernel.LevelPrior;
import org.memarl.kernel.SoftExtremum;
import org.memarl.model.TransitionMatrix;
import org.memarl.testing.Tolerance;

/**
 * The fused sweep kernel of {@link ChainBellman} (dense and compressed-row T, {@link Chain#reduceFast})
 * against (1) the generic chain path it replaces in the sweeps ({@link TransitionMatrix#expect} then
 * {@link Chain#reduce}, i.e. {@link SoftExtremum#value} per reduction) and (2) an independent
 * straightforward loop written here; and its parallel Jacobi sweep against the sequential one, bit
 * for bit, for several thread counts. Nothing here is timed.
 */
class SweepKernelTest {
    private static final long SEED = Long.getLong("memarl.seed", 20201L);
    private static final double[] BETAS = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, 1e-300, 1e-9, 1e-3,
        0.05, 0.7, 1.0, -1.0, 3.0, -40.0, 1e3, 1e6, -1e6};

    /** A random row-stochastic (rows x n) matrix, dense or with k successors per row; some rows deterministic. */
    static TransitionMatrix randomT(SplittableRandom rng, int rows, int n, boolean sparse, int k) {
        if (!sparse) {
            DMatrixRMaj d = new DMatrixRMaj(rows, n);
            for (int r = 0; r < rows; r++) {
                double sum = 0;
                for (int c = 0; c < n; c++) {
                    double w = rng.nextInt(4) == 0 ? 0.0 : rng.nextDouble();
                    d.data[r * n + c] = w;
                    sum += w;
                }
                if (sum == 0) {
                    d.data[r * n + rng.nextInt(n)] = 1.0;
                } else {
                    for (int c = 0; c < n; c++) {
                        d.data[r * n + c] /= sum;
                    }
                }
            }
            return TransitionMatrix.dense(d, "transitions", r -> "[" + r + "]");
        }
        DMatrixSparseTriplet t = new DMatrixSparseTriplet(rows, n, rows * k);
        for (int r = 0; r < rows; r++) {
            int kk = 1 + rng.nextInt(k);
            int[] cols = rng.ints(0, n).distinct().limit(Math.min(kk, n)).toArray();
            double[] w = new double[cols.length];
            double sum = 0;
            for (int j = 0; j < w.length; j++) {
                w[j] = 1.0 - rng.nextDouble();
                sum += w[j];
            }
            for (int j = 0; j < w.length; j++) {
                t.addItem(r, cols[j], w[j] / sum);
            }
        }
        return TransitionMatrix.sparse(DConvertMatrixStruct.convert(t, (org.ejml.data.DMatrixSparseCSC) null),
                "transitions", r -> "[" + r + "]");
    }

    static double[] prior(SplittableRandom rng, int blocks, int n, boolean zeros) {
        double[] p = new double[blocks * n];
        for (int b = 0; b < blocks; b++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double w = zeros && rng.nextInt(3) == 0 ? 0.0 : 1.0 - rng.nextDouble();
                p[b * n + i] = w;
                sum += w;
            }
            if (sum == 0) {
                p[b * n + rng.nextInt(n)] = 1.0;
                sum = 1.0;
            }
            for (int i = 0; i < n; i++) {
                p[b * n + i] /= sum;
            }
        }
        return p;
    }

    /** The generic path: Q by {@link TransitionMatrix#expect}, V by {@link Chain#reduce} (SoftExtremum.value). */
    static double[] generic(TransitionMatrix t, double[] r, double gamma, Chain chain, int[] perm, double[] v) {
        int n = chain.contexts();
        int l = chain.leafSize();
        double[] out = new double[n];
        double[] leaf = new double[l];
        Chain.Workspace ws = chain.newWorkspace();
        for (int s = 0; s < n; s++) {
            for (int j = 0; j < l; j++) {
                int row = s * l + (perm == null ? j : perm[j]);
                leaf[j] = r[row] + gamma * t.expect(row, v);
            }
            out[s] = chain.reduce(s, leaf, 0, ws);
        }
        return out;
    }

    /** A straightforward soft max, written independently: max shift, plain exp and log over the support. */
    static double naiveSoft(double beta, double[] f, double[] p) {
        double best = beta > 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        double mass = 0;
        for (int i = 0; i < f.length; i++) {
            double w = p == null ? 1.0 : p[i];
            if (w > 0) {
                best = beta > 0 ? Math.max(best, f[i]) : Math.min(best, f[i]);
                mass += w;
            }
        }
        if (Double.isInfinite(beta)) {
            return best;
        }
        double z = 0;
        for (int i = 0; i < f.length; i++) {
            double w = p == null ? 1.0 : p[i];
            if (w > 0) {
                z += w / mass * Math.exp(beta * (f[i] - best));
            }
        }
        return best + Math.log(z) / beta;
    }

    private static double[] values(SplittableRandom rng, int n, double scale) {
        double[] v = new double[n];
        for (int s = 0; s < n; s++) {
            v[s] = scale * (2 * rng.nextDouble() - 1);
        }
        return v;
    }

    @Test
    @DisplayName("one-level sweep (dense and sparse, uniform / general / zero-mass priors, beta from -inf to +inf, 0 and"
            + " 1e-300) equals the generic SoftExtremum path to a few ulps of max|V|, in both sweep forms")
    void oneLevelMatchesGenericPath() {
        SplittableRandom rng = new SplittableRandom(SEED);
        for (int rep = 0; rep < 120; rep++) {
            int n = 1 + rng.nextInt(30);
            int m = 1 + rng.nextInt(9);
            boolean sparse = rng.nextBoolean();
            TransitionMatrix t = randomT(rng, n * m, n, sparse, 6);
            double scale = Math.pow(10, rng.nextInt(7) - 3);
            double[] r = values(rng, n * m, scale);
            double[] v = values(rng, n, 10 * scale);
            double gamma = rng.nextDouble();
            int pk = rng.nextInt(3);
            LevelPrior prior = pk == 0 ? LevelPrior.uniform()
                    : LevelPrior.marginal(prior(rng, n, m, pk == 2));
            for (double beta : BETAS) {
                Chain chain = Chain.single(n, m, beta, prior);
                ChainBellman op = new ChainBellman(t, r, gamma, chain);
                double[] expected = generic(t, r, gamma, chain, null, v);
                double[] out = new double[n];
                op.apply(v, out);
                double tol = Tolerance.ulps(16, Tolerance.maxAbs(expected), Tolerance.maxAbs(v), Tolerance.maxAbs(r));
                String where = "rep " + rep + " beta " + beta + (sparse ? " sparse" : " dense") + " prior " + pk;
                assertArrayEquals(expected, out, tol, where);
                // Gauss-Seidel in place: state s reads the updated values of states < s (generic path, in order)
                double[] manual = v.clone();
                double manualRes = 0;
                for (int s = 0; s < n; s++) {
                    double nv = generic(t, r, gamma, chain, null, manual)[s];
                    manualRes = Math.max(manualRes, Math.abs(nv - manual[s]));
                    manual[s] = nv;
                }
                double[] gs = v.clone();
                double res = op.applyInPlace(gs);
                assertArrayEquals(manual, gs, 2 * tol, where + " gauss-seidel");
                assertEquals(manualRes, res, 4 * tol, where + " gauss-seidel residual");
            }
        }
    }

    @Test
    @DisplayName("the sweep equals an independent loop r + gamma sum T V, then max shift / exp / log over the actions")
    void oneLevelMatchesIndependentLoop() {
        SplittableRandom rng = new SplittableRandom(SEED + 1);
        for (int rep = 0; rep < 60; rep++) {
            int n = 2 + rng.nextInt(40);
            int m = 1 + rng.nextInt(8);
            boolean sparse = rep % 2 == 0;
            TransitionMatrix t = randomT(rng, n * m, n, sparse, 5);
            double[] r = values(rng, n * m, 5);
            double[] v = values(rng, n, 50);
            double gamma = 0.95;
            double[] p = rep % 3 == 0 ? null : prior(rng, n, m, rep % 3 == 2);
            for (double beta : new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.5, 1.0, -2.0, 10.0}) {
                Chain chain = Chain.single(n, m, beta, p == null ? LevelPrior.uniform() : LevelPrior.marginal(p));
                double[] out = new double[n];
                new ChainBellman(t, r, gamma, chain).apply(v, out);
                double[] expected = new double[n];
                for (int s = 0; s < n; s++) {
                    double[] q = new double[m];
                    for (int a = 0; a < m; a++) {
                        double e = 0;
                        for (int c = 0; c < n; c++) {
                            e += t.get(s * m + a, c) * v[c];
                        }
                        q[a] = r[s * m + a] + gamma * e;
                    }
                    expected[s] = naiveSoft(beta, q, p == null ? null : Arrays.copyOfRange(p, s * m, s * m + m));
                }
                assertArrayEquals(expected, out, Tolerance.ulps(16, 60), "rep " + rep + " beta " + beta);
            }
        }
    }

    @Test
    @DisplayName("two-level chains (agent-first with a conditional inner prior; opponent-first through a leaf permutation)"
            + " and three-level chains equal the generic chain path")
    void nestedChainsMatchGenericPath() {
        SplittableRandom rng = new SplittableRandom(SEED + 2);
        for (int rep = 0; rep < 80; rep++) {
            int n = 1 + rng.nextInt(12);
            int na = 1 + rng.nextInt(4);
            int nb = 1 + rng.nextInt(4);
            int l = na * nb;
            TransitionMatrix t = randomT(rng, n * l, n, rng.nextBoolean(), 4);
            double[] r = values(rng, n * l, 3);
            double[] v = values(rng, n, 30);
            double b1 = BETAS[rng.nextInt(BETAS.length)];
            double b2 = BETAS[rng.nextInt(BETAS.length)];
            boolean opponentFirst = rng.nextBoolean();
            int outer = opponentFirst ? nb : na;
            int inner = opponentFirst ? na : nb;
            Chain chain = Chain.builder(n)
                    .level("outer", outer, b1, rng.nextBoolean() ? LevelPrior.uniform()
                            : LevelPrior.marginal(prior(rng, n, outer, true)))
                    .level("inner", inner, b2, LevelPrior.conditional(prior(rng, n * outer, inner, rng.nextBoolean())))
                    .build();
            int[] perm = null;
            if (opponentFirst) {
                perm = new int[l];
                for (int b = 0; b < nb; b++) {
                    for (int a = 0; a < na; a++) {
                        perm[b * na + a] = a * nb + b;
                    }
                }
            }
            ChainBellman op = new ChainBellman(t, r, 0.9, chain, perm);
            double[] expected = generic(t, r, 0.9, chain, perm, v);
            double[] out = new double[n];
            op.apply(v, out);
            assertArrayEquals(expected, out, Tolerance.ulps(32, Tolerance.maxAbs(expected), 30),
                    "rep " + rep + " betas " + b1 + ", " + b2);
        }
        // three levels over an augmented context
        for (int rep = 0; rep < 20; rep++) {
            int n = 1 + rng.nextInt(6);
            TransitionMatrix t = randomT(rng, n * 12, n, true, 3);
            double[] r = values(rng, n * 12, 2);
            double[] v = values(rng, n, 20);
            Chain chain = Chain.builder(n).level("termination", 2, 0.5, LevelPrior.uniform())
                    .level("option", 3, Double.POSITIVE_INFINITY, LevelPrior.conditional(prior(rng, n * 2, 3, true)))
                    .level("action", 2, -3.0, LevelPrior.conditional(prior(rng, n * 6, 2, false))).build();
            double[] expected = generic(t, r, 0.8, chain, null, v);
            double[] out = new double[n];
            new ChainBellman(t, r, 0.8, chain).apply(v, out);
            assertArrayEquals(expected, out, Tolerance.ulps(32, Tolerance.maxAbs(expected), 20), "three levels " + rep);
        }
    }

    @Test
    @DisplayName("values of -inf and zero prior mass follow SoftExtremum.value exactly; NaN in the support is refused as there")
    void specialValues() {
        double ninf = Double.NEGATIVE_INFINITY;
        double[] f = {1.0, ninf, 3.0, 2.0};
        double[] p = {0.5, 0.25, 0.0, 0.25};
        for (double beta : BETAS) {
            double e = SoftExtremum.value(beta, f, 0, p, 0, 4);
            assertEquals(e, SoftExtremum.fastValue(beta, f, 0, p, 0, 4), Tolerance.ulps(8, 3, e), "beta " + beta);
            double u = SoftExtremum.value(beta, f, 0, null, 0, 4);
            assertEquals(u, SoftExtremum.fastValue(beta, f, 0, null, 0, 4), Tolerance.ulps(8, 3, u), "uniform, beta " + beta);
        }
        double[] allInf = {ninf, ninf};
        assertEquals(ninf, SoftExtremum.fastValue(2.0, allInf, 0, null, 0, 2));
        assertEquals(ninf, SoftExtremum.fastValue(-2.0, f, 0, null, 0, 4));
        double[] withNaN = {1.0, Double.NaN};
        assertThrows(org.memarl.MemarlException.class, () -> SoftExtremum.fastValue(1.0, withNaN, 0, null, 0, 2));
        assertThrows(org.memarl.MemarlException.class,
                () -> SoftExtremum.fastValue(Double.POSITIVE_INFINITY, withNaN, 0, null, 0, 2));
        // NaN where the prior has no mass is ignored, as in value()
        assertEquals(1.0, SoftExtremum.fastValue(3.0, withNaN, 0, new double[] {1.0, 0.0}, 0, 2));
        assertThrows(org.memarl.MemarlException.class,
                () -> SoftExtremum.fastValue(1.0, f, 0, new double[] {0, 0, 0, 0}, 0, 4));
        // beta -> 0: the series branch, not the cancelling log of a sum near 1
        double[] close = {1.0, 1.0 + 1e-9};
        double series = SoftExtremum.value(1e-12, close, 0, null, 0, 2);
        assertEquals(series, SoftExtremum.fastValue(1e-12, close, 0, null, 0, 2), 0.0);
    }

    @Test
    @DisplayName("parallel Jacobi sweeps are bit-identical to the sequential sweep for 1..5 threads; so is a whole solve")
    void parallelIsBitIdentical() {
        SplittableRandom rng = new SplittableRandom(SEED + 3);
        for (int rep = 0; rep < 24; rep++) {
            int n = 1 + rng.nextInt(400);
            int m = 1 + rng.nextInt(6);
            TransitionMatrix t = randomT(rng, n * m, n, rep % 3 != 0, 8);
            double[] r = values(rng, n * m, 1);
            double[] v = values(rng, n, 10);
            double beta = BETAS[rep % BETAS.length];
            Chain chain = rep % 2 == 0 ? Chain.single(n, m, beta, LevelPrior.marginal(prior(rng, n, m, true)))
                    : Chain.single(n, m, beta, LevelPrior.uniform());
            ChainBellman op = new ChainBellman(t, r, 0.95, chain);
            double[] seq = new double[n];
            op.apply(v, seq);
            for (int threads = 1; threads <= 5; threads++) {
                double[] par = new double[n];
                Arrays.fill(par, Double.NaN);
                op.apply(v, par, threads);
                for (int s = 0; s < n; s++) {
                    assertEquals(Double.doubleToRawLongBits(seq[s]), Double.doubleToRawLongBits(par[s]),
                            "rep " + rep + " threads " + threads + " state " + s);
                }
            }
        }
        int n = 300;
        int m = 4;
        TransitionMatrix t = randomT(rng, n * m, n, true, 6);
        double[] r = values(rng, n * m, 1);
        ChainBellman op = new ChainBellman(t, r, 0.9, Chain.single(n, m, 2.0, LevelPrior.uniform()));
        FixedPoint one = FixedPointDriver.solve(op, new double[n], new IterationOptions(1e-10, 100_000, Sweep.JACOBI, 1));
        FixedPoint three = FixedPointDriver.solve(op, new double[n], new IterationOptions(1e-10, 100_000, Sweep.JACOBI, 3));
        assertEquals(one.iterations(), three.iterations());
        assertTrue(Arrays.equals(one.values(), three.values()), "solve with 1 and 3 threads");
    }

    @Test
    @DisplayName("sweeps allocate nothing: every kernel loop, sequential, parallel (caller and workers) and Gauss-Seidel (thread allocation counters, after warm-up)")
    void noAllocationPerSweep() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        if (!(mx instanceof com.sun.management.ThreadMXBean)) {
            return; // not a HotSpot-like JVM: nothing to measure with (JMH -prof gc covers it)
        }
        com.sun.management.ThreadMXBean hs = (com.sun.management.ThreadMXBean) mx;
        SplittableRandom rng = new SplittableRandom(SEED + 4);
        int n = 200;
        int m = 4;
        TransitionMatrix sparse = randomT(rng, n * m, n, true, 5);
        TransitionMatrix dense = randomT(rng, n * m, n, false, 5);
        double[] r = values(rng, n * m, 1);
        Chain twoLevel = Chain.builder(n).level("a", 2, 1.0, LevelPrior.uniform())
                .level("b", 2, -1.0, LevelPrior.uniform()).build();
        // every loop of the kernel: batched (two levels; dense soft), pipelined (sparse soft), fused hard
        ChainBellman[] ops = {
            new ChainBellman(sparse, r, 0.9, twoLevel),
            new ChainBellman(dense, r, 0.9, Chain.single(n, m, 2.0, LevelPrior.uniform())),
            new ChainBellman(sparse, r, 0.9, Chain.single(n, m, 2.0, LevelPrior.uniform())),
            new ChainBellman(sparse, r, 0.9, Chain.single(n, m, Double.POSITIVE_INFINITY, LevelPrior.uniform())),
            // contexts in blocks sharing rows, a many-to-one leaf map (soft options over (s, z_prev))
            new ChainBellman(org.memarl.chains.ThesisChains.softOptions(1.0)
                    .problem(org.memarl.chains.ChoiceModel.of(org.memarl.ledger.RandomOptions.mdp(3, 3)))),
        };
        double[] v = values(rng, n, 10);
        double[][] vs = new double[ops.length][];
        double[][] outs = new double[ops.length][];
        double[][] ws = new double[ops.length][];
        for (int k = 0; k < ops.length; k++) {
            vs[k] = ops[k].size() == n ? v : values(rng, ops[k].size(), 10);
            outs[k] = new double[ops[k].size()];
            ws[k] = vs[k].clone();
        }
        // warm up until the JIT has compiled every loop (a compilation or deoptimisation inside the measured
        // window, likelier on a loaded machine, can allocate a few bytes that are not the kernel's)
        for (int i = 0; i < 400; i++) {
            for (int k = 0; k < ops.length; k++) {
                ops[k].apply(vs[k], outs[k]);
                ops[k].apply(vs[k], outs[k], 2);
                ops[k].applyInPlace(vs[k].clone());
            }
        }
        long[] ids = Thread.getAllStackTraces().keySet().stream()
                .filter(th -> th.getName().startsWith("memarl-sweep-")).mapToLong(Thread::getId).toArray();
        assertTrue(ids.length >= 1, "the parallel sweeps ran on the pool's worker threads");
        long[] workersBefore = new long[ids.length];
        for (int k = 0; k < ids.length; k++) {
            workersBefore[k] = hs.getThreadAllocatedBytes(ids[k]);
        }
        long id = Thread.currentThread().getId();
        long before = hs.getThreadAllocatedBytes(id);
        for (int i = 0; i < 50; i++) {
            for (int k = 0; k < ops.length; k++) {
                ops[k].apply(vs[k], outs[k]);
                ops[k].apply(vs[k], outs[k], 2);
                ops[k].applyInPlace(ws[k]);
            }
        }
        long after = hs.getThreadAllocatedBytes(id);
        assertEquals(0L, after - before, "bytes allocated by the calling thread in 750 sweeps");
        for (int k = 0; k < ids.length; k++) {
            assertEquals(0L, hs.getThreadAllocatedBytes(ids[k]) - workersBefore[k],
                    "bytes allocated by worker thread " + ids[k] + " in 250 parallel sweeps");
        }
    }

    @Test
    @DisplayName("many chunks per thread (a model large enough to be cut finer than the thread count): bit-identical")
    void chunkedParallelIsBitIdentical() {
        SplittableRandom rng = new SplittableRandom(SEED + 5);
        int n = 40_000;
        int m = 4;
        TransitionMatrix t = randomT(rng, n * m, n, true, 8);
        assertTrue(t.nonzeros() > 5L * ChainBellman.MIN_CHUNK_WORK, "the model must be cut into several chunks per thread");
        double[] r = values(rng, n * m, 1);
        double[] v = values(rng, n, 10);
        for (double beta : new double[] {1.0, Double.POSITIVE_INFINITY, -3.0}) {
            ChainBellman op = new ChainBellman(t, r, 0.95, Chain.single(n, m, beta, LevelPrior.uniform()));
            double[] seq = new double[n];
            op.apply(v, seq);
            for (int threads = 2; threads <= 5; threads++) {
                double[] par = new double[n];
                Arrays.fill(par, Double.NaN);
                op.apply(v, par, threads);
                for (int s = 0; s < n; s++) {
                    assertEquals(Double.doubleToRawLongBits(seq[s]), Double.doubleToRawLongBits(par[s]),
                            "beta " + beta + " threads " + threads + " state " + s);
                }
            }
        }
    }

    @Test
    @DisplayName("hard one-level sweeps: the fused max / min (Q in registers) equals the general reduction bit for bit; a NaN is rejected alike")
    void fusedHardPathEqualsGeneralPath() {
        SplittableRandom rng = new SplittableRandom(SEED + 6);
        for (int rep = 0; rep < 40; rep++) {
            int n = 1 + rng.nextInt(60);
            int m = 1 + rng.nextInt(7);
            TransitionMatrix t = randomT(rng, n * m, n, rep % 2 == 0, 6);
            double[] r = values(rng, n * m, 3);
            double[] v = values(rng, n, 20);
            // all weights positive but not all equal: the sweep takes the general path (Chain.reduceFast)
            double[] w = prior(rng, n, m, false);
            if (m > 1) {
                w[0] = w[0] * 0.5 + 1e-3;
                double z = 0;
                for (int i = 0; i < m; i++) {
                    z += w[i];
                }
                for (int i = 0; i < m; i++) {
                    w[i] /= z;
                }
            }
            for (double beta : new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                Chain uniform = Chain.single(n, m, beta, LevelPrior.uniform());
                Chain weighted = Chain.single(n, m, beta, LevelPrior.marginal(w));
                assertTrue(uniform.uniformSweepPrior(0));
                ChainBellman fusedOp = new ChainBellman(t, r, 0.9, uniform);
                ChainBellman generalOp = new ChainBellman(t, r, 0.9, weighted);
                double[] fused = new double[n];
                double[] general = new double[n];
                fusedOp.apply(v, fused);
                generalOp.apply(v, general);
                double[] fusedGs = v.clone();
                double[] generalGs = v.clone();
                fusedOp.applyInPlace(fusedGs);
                generalOp.applyInPlace(generalGs);
                for (int s = 0; s < n; s++) {
                    assertEquals(Double.doubleToRawLongBits(general[s]), Double.doubleToRawLongBits(fused[s]),
                            "rep " + rep + " beta " + beta + " state " + s);
                    assertEquals(Double.doubleToRawLongBits(generalGs[s]), Double.doubleToRawLongBits(fusedGs[s]),
                            "Gauss-Seidel rep " + rep + " beta " + beta + " state " + s);
                }
                double[] bad = v.clone();
                bad[t.entryColumn(t.rowStart(0))] = Double.NaN; // a successor of row 0: some Q is NaN
                String g = assertThrows(org.memarl.MemarlException.class, () -> generalOp.apply(bad, new double[n])).getMessage();
                String f = assertThrows(org.memarl.MemarlException.class, () -> fusedOp.apply(bad, new double[n])).getMessage();
                assertEquals(g, f, "rep " + rep + ": the same error for a NaN value");
            }
        }
    }

    @Test
    @DisplayName("TransitionMatrix.extremeQ is the max / min of TransitionMatrix.q's row values, dense and sparse")
    void extremeQIsTheExtremeOfQ() {
        SplittableRandom rng = new SplittableRandom(SEED + 7);
        for (int rep = 0; rep < 60; rep++) {
            int n = 1 + rng.nextInt(50);
            int rows = 1 + rng.nextInt(9);
            TransitionMatrix t = randomT(rng, rows, n, rep % 2 == 0, 7);
            double[] r = values(rng, rows, 5);
            double[] v = values(rng, n, 5);
            double[] q = new double[rows];
            t.q(0, rows, r, 0.8, v, q, 0);
            double max = Arrays.stream(q).max().getAsDouble();
            double min = Arrays.stream(q).min().getAsDouble();
            double[] scratch = new double[rows];
            assertEquals(max, t.extremeQ(0, rows, r, 0.8, v, true, scratch), 0.0);
            assertEquals(min, t.extremeQ(0, rows, r, 0.8, v, false, scratch), 0.0);
            for (int i = 0; i < rows; i++) {
                double e = r[i];
                double sum = 0.0; // the expectation, written independently of the kernel
                for (int k = t.rowStart(i); k < t.rowEnd(i); k++) {
                    sum += t.entryProbability(k) * v[t.entryColumn(k)];
                }
                if (t.isSparse()) {
                    assertEquals(Double.doubleToRawLongBits(e + 0.8 * sum), Double.doubleToRawLongBits(q[i]),
                            "sparse rows are one running sum in storage order");
                } else {
                    assertEquals(e + 0.8 * sum, q[i], Tolerance.ulps(64, Math.abs(e) + 0.8 * 5));
                }
            }
        }
    }

    @Test
    @DisplayName("soft one-level sweeps on sparse T (software-pipelined kernel) equal TransitionMatrix.q + SoftExtremum.fastValue bit for bit")
    void pipelinedSoftSweepEqualsFastValue() {
        SplittableRandom rng = new SplittableRandom(SEED + 8);
        for (int rep = 0; rep < 45; rep++) {
            int n = 1 + rng.nextInt(80);
            int m = 1 + rng.nextInt(7);
            TransitionMatrix t = randomT(rng, n * m, n, true, 6);
            double[] r = values(rng, n * m, rep % 3 == 0 ? 1e-3 : 3);
            double[] v = values(rng, n, rep % 3 == 0 ? 1e-3 : 50);
            double beta = BETAS[2 + rep % (BETAS.length - 2)]; // the finite ones, 0 and the series regime included
            ChainBellman op = new ChainBellman(t, r, 0.9, Chain.single(n, m, beta, LevelPrior.uniform()));
            for (int threads = 1; threads <= 3; threads++) {
                double[] out = new double[n];
                op.apply(v, out, threads);
                double[] q = new double[m];
                for (int s = 0; s < n; s++) {
                    t.q(s * m, m, r, 0.9, v, q, 0);
                    double expected = SoftExtremum.fastValue(beta, q, 0, null, 0, m);
                    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(out[s]),
                            "rep " + rep + " beta " + beta + " threads " + threads + " state " + s);
                }
            }
            double[] bad = v.clone();
            bad[t.entryColumn(t.rowStart(0))] = Double.NaN;
            if (beta != 0.0) {
                org.memarl.MemarlException e = assertThrows(org.memarl.MemarlException.class, () -> op.apply(bad, new double[n]));
                assertTrue(e.getMessage().contains("NaN"), e.getMessage());
            }
        }
    }
}
