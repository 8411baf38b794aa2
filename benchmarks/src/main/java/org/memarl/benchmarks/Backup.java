package org.memarl.benchmarks;

import java.util.Locale;

/**
 * The backup of a benchmarked sweep, the {@code backup} parameter: hard (beta = +inf, max), soft
 * (beta = 1), or balancing: the two-level chain of Balancing Q (agent first, beta_i = 1, opponent
 * model beta_-i = -1), see {@code SweepBenchmark}.
 */
public enum Backup {
    /** {@code V(s) = max_a Q(s, a)}: beta = +inf. */
    HARD(Double.POSITIVE_INFINITY),
    /** {@code V(s) = log sum_a P(a|s) exp Q(s, a)} with the uniform prior: beta = 1. */
    SOFT(1.0),
    /** Balancing Q's two-level chain; {@link #beta()} is the agent's inverse temperature. */
    BALANCING(1.0);

    private final double beta;

    Backup(double beta) {
        this.beta = beta;
    }

    /** The inverse temperature of the one-level chain. */
    public double beta() {
        return beta;
    }

    /**
     * Parses a JMH parameter value.
     *
     * @throws IllegalArgumentException if the name is not {@code hard}, {@code soft} or {@code balancing}
     */
    public static Backup of(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("backup: \"" + name + "\" is not one of hard, soft, balancing", e);
        }
    }
}
