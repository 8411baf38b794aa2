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
 * One full Jacobi sweep {@code V' = B V} of {@link ChainBellman} (the fused sweep kernel every
 * fixed-point solver of the library runs) on a {@link RandomModel} generated once per trial from
 * {@link RandomModel#SEED}, gamma 0.95:
 *
 * <pre>
 *   Q(s, x) = r(s, x) + gamma sum_{s'} T(s' | s, x) V(s')          x = the rows s*A .. s*A + A - 1 of state s
 *   hard:      V'(s) = max_a Q(s, a)                               one level, beta = +inf, uniform prior
 *   soft:      V'(s) = log (1/A) sum_a exp Q(s, a)                 one level, beta = 1, uniform prior
 *   balancing: V'(s) = M_a^{1}[ M_b^{-1}[ Q(s, a, .) | P(b|s,a) ] | P(a|s) ]
 * </pre>
 *
 * Balancing is the agent-first chain of Balancing Q ({@code ThesisChains.balancingQ}, thesis (3.28), (3.32)) with
 * an adversarial opponent model: the same T and rewards, each state's A rows read as the joint block
 * of A/2 agent actions by B = 2 opponent actions (row {@code (s * A/2 + a) * 2 + b}, the layout of a
 * game), so its nonzeros (stored entries of the (S * A/2 * 2) x S transition matrix: one per joint
 * (s, a, b) row and successor) and its bytes are exactly those of the soft sweep and the times per
 * nonzero compare directly. Its priors are stored arrays of equal weights, as the declaration bound by
 * {@code ChoiceModel.of(game)} builds them from a game without priors ({@code LevelPrior.marginal} /
 * {@code conditional}). Requires
 * an even {@code actions}.
 *
 * <p>V is not updated between operations, so every operation does the same work. Divide the time per
 * operation by {@code S * A * k} (k = S dense, {@code successors} sparse) for ns per stored nonzero of
 * T, and {@link RandomModel#sweepBytes()} by it for the effective bandwidth. {@code threads}: the
 * Jacobi sweep's thread count ({@code ChainBellman.apply(in, out, threads)}), bit-identical results.
 *
 * <p>The fork runs with {@code -XX:+UseTransparentHugePages} (the heap on 2 MB pages where the kernel's
 * THP mode is {@code madvise}): the random gather of V(s') over a million states otherwise misses the
 * TLB on most nonzeros; it made the 2-thread sparse sweep at S = 1e6 about 2x faster (see README).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "-XX:+UseTransparentHugePages")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SweepBenchmark {
    /** Discount of the benchmarked operator (as in {@code shared/bench/sweep.c}). */
    static final double GAMMA = 0.95;

    /** Storage of T: {@code dense} (EJML DMatrixRMaj) or {@code sparse} (compressed rows). */
    @Param({"dense", "sparse"})
    public String layout;

    /** {@code hard} (beta = +inf), {@code soft} (beta = 1) or {@code balancing} (two levels, betas 1 and -1). */
    @Param({"hard", "soft", "balancing"})
    public String backup;

    /** Number of states S. */
    @Param({"1000"})
    public int states;

    /** Number of actions A (balancing: joint actions, A/2 agent by 2 opponent actions). */
    @Param({"8"})
    public int actions;

    /** Successors per (s, a) row, drawn uniformly over all states; ignored for dense. */
    @Param({"10"})
    public int successors;

    /** Worker threads of the sweep (1 = the calling thread alone). */
    @Param({"1"})
    public int threads;

    private ChainBellman op;
    private double[] in;
    private double[] out;

    @Setup(Level.Trial)
    public void setUp() {
        RandomModel model = RandomModel.generate(layout, states, actions, successors, RandomModel.SEED);
        Backup b = Backup.of(backup);
        Chain chain;
        if (b == Backup.BALANCING) {
            if (actions % 2 != 0) {
                throw new IllegalArgumentException("actions: " + actions + " is odd; balancing reads each state's rows"
                        + " as A/2 agent by 2 opponent actions");
            }
            int na = actions / 2;
            int nb = 2;
            double[] agent = new double[states * na];
            java.util.Arrays.fill(agent, 1.0 / na);
            double[] opponent = new double[states * na * nb];
            java.util.Arrays.fill(opponent, 1.0 / nb);
            chain = Chain.builder(states)
                    .level("agent", na, 1.0, LevelPrior.marginal(agent))
                    .level("opponent", nb, -1.0, LevelPrior.conditional(opponent))
                    .build();
        } else {
            chain = Chain.single(states, actions, b.beta(), LevelPrior.uniform());
        }
        op = new ChainBellman(model.transitions(), model.rewards(), GAMMA, chain);
        in = model.values();
        out = new double[states];
        if (threads < 1) {
            throw new IllegalArgumentException("threads: " + threads + " is not a positive integer");
        }
    }

    /** One sweep; returns a coordinate of V' so the result is consumed. */
    @Benchmark
    public double sweep() {
        op.apply(in, out, threads);
        return out[states - 1];
    }
}
