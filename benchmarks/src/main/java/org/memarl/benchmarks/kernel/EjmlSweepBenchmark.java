package org.memarl.benchmarks.kernel;

import java.util.concurrent.TimeUnit;
import org.ejml.data.DGrowArray;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.sparse.csc.CommonOps_DSCC;
import org.memarl.benchmarks.Backup;
import org.memarl.benchmarks.RandomModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Baseline for {@link SweepBenchmark}: the same sweep on the same model (same parameters, same seed)
 * written the way an EJML user would, without memarl:
 *
 * <pre>
 *   Q  = T V                      CommonOps_DDRM.mult (dense) / CommonOps_DSCC.multTransA on T^T (sparse)
 *   Q  = r + gamma Q              CommonOps_DDRM.add
 *   V' = max_a Q(s, a)  or  m + log sum_a exp(Q(s, a) - m) + log(1/A)     plain loop over s
 * </pre>
 *
 * The sparse product keeps T^T in CSC, which is T in compressed rows, so {@code multTransA} computes
 * every Q(s, a) as one gather-dot-product over its row, the same access pattern as memarl's kernel
 * (and as {@code sweep.c}); {@code CommonOps_DSCC.mult} on T itself would scatter column by column.
 * Allocates nothing per operation (Q, V' and the work array are sized in setup).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EjmlSweepBenchmark {
    @Param({"dense", "sparse"})
    public String layout;

    @Param({"hard", "soft"})
    public String backup;

    @Param({"1000"})
    public int states;

    @Param({"8"})
    public int actions;

    /** Successors per (s, a) row; ignored for dense. */
    @Param({"10"})
    public int successors;

    private DMatrixRMaj dense;
    private DMatrixSparseCSC transposed;
    private final DGrowArray work = new DGrowArray();
    private DMatrixRMaj rewards;
    private DMatrixRMaj v;
    private DMatrixRMaj q;
    private double[] out;
    private boolean hard;
    private double logPrior;

    @Setup(Level.Trial)
    public void setUp() {
        RandomModel model = RandomModel.generate(layout, states, actions, successors, RandomModel.SEED);
        dense = model.dense();
        transposed = model.sparseTransposed();
        rewards = DMatrixRMaj.wrap(model.rows(), 1, model.rewards().clone());
        v = DMatrixRMaj.wrap(states, 1, model.values());
        q = new DMatrixRMaj(model.rows(), 1);
        out = new double[states];
        Backup b = Backup.of(backup);
        if (b == Backup.BALANCING) {
            throw new UnsupportedOperationException("backup: balancing has no EJML baseline (hard and soft only)");
        }
        hard = b == Backup.HARD;
        logPrior = Math.log(1.0 / actions);
    }

    /** One sweep; returns a coordinate of V' so the result is consumed. */
    @Benchmark
    public double sweep() {
        if (dense != null) {
            CommonOps_DDRM.mult(dense, v, q);
        } else {
            CommonOps_DSCC.multTransA(transposed, v, q, work);
        }
        CommonOps_DDRM.add(rewards, SweepBenchmark.GAMMA, q, q);
        double[] qd = q.data;
        int n = actions;
        for (int s = 0; s < states; s++) {
            int o = s * n;
            double m = qd[o];
            for (int a = 1; a < n; a++) {
                m = Math.max(m, qd[o + a]);
            }
            if (hard) {
                out[s] = m;
            } else {
                double z = 0.0;
                for (int a = 0; a < n; a++) {
                    z += Math.exp(qd[o + a] - m);
                }
                out[s] = m + logPrior + Math.log(z);
            }
        }
        return out[states - 1];
    }
}
