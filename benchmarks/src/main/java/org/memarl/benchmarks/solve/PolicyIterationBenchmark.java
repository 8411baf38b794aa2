package org.memarl.benchmarks.solve;

import java.util.concurrent.TimeUnit;
import org.memarl.algorithms.ChainRun;
import org.memarl.benchmarks.Backup;
import org.memarl.benchmarks.RandomModel;
import org.memarl.model.Mdp;
import org.memarl.solve.ChainBellman;
import org.memarl.solve.Gmres;
import org.memarl.solve.PolicySystem;
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
 * The pieces of matrix-free policy iteration ({@code org.memarl.solve.InexactPolicyIteration}) beside one
 * value-iteration sweep on the same sparse model (gamma 0.99): {@code sweep}, one Jacobi sweep of
 * {@link ChainBellman} (value iteration's unit of work); {@code improve}, the fused improvement pass of
 * {@link PolicySystem} (Q, backup, Boltzmann or greedy policy and r_pi per state); {@code product}, one
 * product {@code V -> V - gamma P_pi V} (GMRES's unit of work: all A rows for a Boltzmann policy, one per state
 * for a greedy one); {@code gmres20}, one full GMRES(20) cycle (20 products and the orthogonalisation).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PolicyIterationBenchmark {
    @Param({"100000"})
    public int states;

    @Param({"8"})
    public int actions;

    @Param({"10"})
    public int successors;

    /** {@code soft} (beta = 1, Boltzmann policy) or {@code hard} (greedy policy). */
    @Param({"soft", "hard"})
    public String backup;

    @Param({"2"})
    public int threads;

    private ChainBellman op;
    private PolicySystem system;
    private Gmres gmres;
    private double[] v;
    private double[] out;
    private double[] x;

    @Setup(Level.Trial)
    public void setUp() {
        Mdp mdp = RandomModel.generate("sparse", states, actions, successors, RandomModel.SEED).mdp(0.99);
        double beta = Backup.of(backup).beta();
        op = new ChainBellman(ChainRun.mdpProblem(mdp, beta));
        system = new PolicySystem(mdp, beta, Double.isInfinite(beta) ? PolicySystem.Kind.GREEDY
                : PolicySystem.Kind.BOLTZMANN, threads);
        gmres = new Gmres(states, 20);
        v = new double[states];
        out = new double[states];
        x = new double[states];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(RandomModel.SEED);
        for (int s = 0; s < states; s++) {
            v[s] = rng.nextDouble();
        }
        system.improve(v, out);
    }

    @Benchmark
    public double[] sweep() {
        op.apply(v, out, threads);
        return out;
    }

    @Benchmark
    public double improve() {
        return system.improve(v, out);
    }

    @Benchmark
    public double[] product() {
        system.apply(v, out);
        return out;
    }

    @Benchmark
    public int gmres20() {
        java.util.Arrays.fill(x, 0.0);
        return gmres.solve(system, system.rewardOfPolicy(), x, null, 0.0, 21);
    }
}
