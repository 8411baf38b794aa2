package org.memarl.benchmarks.kernel;

import java.util.concurrent.TimeUnit;
import org.memarl.benchmarks.Backup;
import org.memarl.benchmarks.RandomModel;
import org.memarl.kernel.Chain;
import org.memarl.kernel.LevelPrior;
import org.memarl.solve.ChainBellman;
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
 * One full Jacobi sweep {@code V' = B V} of {@link ChainBellman} with the one-level chain over the
 * actions and the uniform prior:
 *
 * <pre>
 *   Q(s, a) = r(s, a) + gamma sum_{s'} T(s' | s, a) V(s')
 *   V'(s)   = max_a Q(s, a)                              (backup = hard, beta = +inf)
 *   V'(s)   = log (1/A) sum_a exp Q(s, a)                (backup = soft, beta = 1)
 * </pre>
 *
 * on a {@link RandomModel} generated once per trial from {@link RandomModel#SEED}. V is not updated
 * between operations, so every operation does the same work. Divide the time per operation by
 * {@code S * A * k} (k = S dense, {@code successors} sparse) for ns per stored nonzero of T, and
 * {@link RandomModel#sweepBytes()} by it for the effective bandwidth.
 *
 * <p>{@code threads}: only 1 for now; the parallel sweep kernel comes later, other values fail in setup.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SweepBenchmark {
    /** Discount of the benchmarked operator (as in {@code shared/bench/sweep.c}). */
    static final double GAMMA = 0.95;

    /** Storage of T: {@code dense} (EJML DMatrixRMaj) or {@code sparse} (EJML DMatrixSparseCSC). */
    @Param({"dense", "sparse"})
    public String layout;

    /** {@code hard} (beta = +inf) or {@code soft} (beta = 1). */
    @Param({"hard", "soft"})
    public String backup;

    /** Number of states S. */
    @Param({"1000"})
    public int states;

    /** Number of actions A. */
    @Param({"8"})
    public int actions;

    /** Successors per (s, a) row, drawn uniformly over all states; ignored for dense. */
    @Param({"10"})
    public int successors;

    /** Worker threads of the sweep; only 1 is supported until the parallel kernel exists. */
    @Param({"1"})
    public int threads;

    private ChainBellman op;
    private double[] in;
    private double[] out;

    @Setup(Level.Trial)
    public void setUp() {
        if (threads != 1) {
            throw new UnsupportedOperationException("threads: " + threads
                    + " is not supported yet; only threads=1 (the parallel sweep kernel comes in a later issue)");
        }
        RandomModel model = RandomModel.generate(layout, states, actions, successors, RandomModel.SEED);
        Chain chain = Chain.single(states, actions, Backup.of(backup).beta(), LevelPrior.uniform());
        op = new ChainBellman(model.transitions(), model.rewards(), GAMMA, chain);
        in = model.values();
        out = new double[states];
    }

    /** One sweep; returns a coordinate of V' so the result is consumed. */
    @Benchmark
    public double sweep() {
        op.apply(in, out);
        return out[states - 1];
    }
}
