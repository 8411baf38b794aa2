package org.memarl.benchmarks.solve;

import java.util.concurrent.TimeUnit;
import org.memarl.algorithms.RunConfig;
import org.memarl.algorithms.soft.SoftValueIteration;
import org.memarl.benchmarks.Backup;
import org.memarl.benchmarks.RandomModel;
import org.memarl.model.Mdp;
import org.memarl.solve.Solution;
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
 * End to end {@link SoftValueIteration#solve(Mdp, RunConfig)} on a random sparse MDP (uniform
 * prior, gamma 0.9, tolerance 1e-8, Jacobi sweeps from V = 0): building the operator, the fixed
 * point iteration, and the Q table and policy of the result. Setup solves once and prints the number
 * of sweeps, so that the time per operation can be read per sweep.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SoftValueIterationBenchmark {
    static final double GAMMA = 0.9;
    static final double TOLERANCE = 1e-8;

    @Param({"2000"})
    public int states;

    @Param({"4"})
    public int actions;

    @Param({"5"})
    public int successors;

    /** {@code soft} (beta = 1) or {@code hard} (beta = +inf, classical value iteration). */
    @Param({"soft"})
    public String backup;

    private Mdp mdp;
    private RunConfig config;

    @Setup(Level.Trial)
    public void setUp() {
        mdp = RandomModel.generate("sparse", states, actions, successors, RandomModel.SEED).mdp(GAMMA);
        config = RunConfig.builder().beta(Backup.of(backup).beta()).tolerance(TOLERANCE).build();
        Solution s = SoftValueIteration.solve(mdp, config).requireConverged();
        System.out.println("# SoftValueIteration: " + s.iterations() + " sweeps to error bound "
                + s.errorBound() + " on " + mdp.transitions().nonzeros() + " nonzeros");
    }

    @Benchmark
    public Solution solve() {
        return SoftValueIteration.solve(mdp, config);
    }
}
