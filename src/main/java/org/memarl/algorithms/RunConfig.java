package org.memarl.algorithms;

import org.memarl.InvalidModelException;
import org.memarl.solve.IterationOptions;
import org.memarl.solve.ProgressListener;
import org.memarl.solve.Sweep;

/**
 * Immutable, validated configuration of one algorithm run: inverse temperature(s), fixed-point
 * settings, learning budget and seed, an optional policy to evaluate, and a progress listener.
 * Built with {@link #builder()}; every knob is documented at its setter.
 */
public final class RunConfig {
    private final double beta;
    private final double betaOpponent;
    private final IterationOptions iteration;
    private final long seed;
    private final int episodes;
    private final int episodeLength;
    private final double exploration;
    private final double stepExponent;
    private final double[][] policy;
    private final ProgressListener progress;
    private final int level;
    private final Perspective perspective;
    private final Evaluation evaluation;

    /** Whose perspective a two-temperature game recursion takes (Balancing Q, thesis (3.28) vs (3.30)). */
    public enum Perspective {
        /** The agent chooses first (outer reduction), the opponent model responds to its action. */
        AGENT,
        /** The opponent (model) chooses first, the agent responds to its action. */
        OPPONENT
    }

    private RunConfig(Builder b) {
        if (b.level < 0) {
            throw new InvalidModelException("level: " + b.level + " is not a nonnegative integer");
        }
        if (b.perspective == null) {
            throw new InvalidModelException("perspective: missing (agent or opponent)");
        }
        this.level = b.level;
        if (b.evaluation == null) {
            throw new InvalidModelException("evaluation: missing (exact, krylov or sweeps)");
        }
        this.evaluation = b.evaluation;
        this.perspective = b.perspective;
        if (Double.isNaN(b.beta)) {
            throw new InvalidModelException("beta: NaN is not an inverse temperature");
        }
        if (Double.isNaN(b.betaOpponent)) {
            throw new InvalidModelException("beta-opponent: NaN is not an inverse temperature");
        }
        if (b.episodes < 1) {
            throw new InvalidModelException("episodes: " + b.episodes + " is not a positive integer");
        }
        if (b.episodeLength < 1) {
            throw new InvalidModelException("episode-length: " + b.episodeLength + " is not a positive integer");
        }
        if (!(b.exploration >= 0.0 && b.exploration <= 1.0)) {
            throw new InvalidModelException("exploration: " + b.exploration + " is not in [0, 1]");
        }
        if (!(b.stepExponent > 0.5 && b.stepExponent <= 1.0)) {
            throw new InvalidModelException("step-exponent: " + b.stepExponent
                    + " is not in (0.5, 1] (Robbins-Monro: sum alpha = inf, sum alpha^2 < inf)");
        }
        this.beta = b.beta;
        this.betaOpponent = b.betaOpponent;
        this.iteration = b.iteration;
        this.seed = b.seed;
        this.episodes = b.episodes;
        this.episodeLength = b.episodeLength;
        this.exploration = b.exploration;
        this.stepExponent = b.stepExponent;
        this.policy = b.policy == null ? null : deepCopy(b.policy);
        this.progress = b.progress;
    }

    private static double[][] deepCopy(double[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i].clone();
        }
        return out;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static RunConfig defaults() {
        return builder().build();
    }

    /** Builder with defaults: beta 1, tolerance 1e-10, Jacobi sweeps, seed 0, 2000 episodes of 100 steps. */
    public static final class Builder {
        private double beta = 1.0;
        private double betaOpponent = 1.0;
        private IterationOptions iteration = IterationOptions.defaults();
        private long seed;
        private int episodes = 2000;
        private int episodeLength = 100;
        private double exploration = 0.2;
        private double stepExponent = 0.8;
        private double[][] policy;
        private ProgressListener progress = ProgressListener.NONE;
        private int level = 1;
        private Perspective perspective = Perspective.AGENT;
        private Evaluation evaluation = Evaluation.AUTO;

        /** How policy iteration evaluates each policy (default {@link Evaluation#AUTO}: exact on small models). */
        public Builder evaluation(Evaluation e) {
            this.evaluation = e;
            return this;
        }

        /** GR2's reasoning level K (level 0 = the prior), default 1. */
        public Builder level(int k) {
            this.level = k;
            return this;
        }

        /** Balancing Q's perspective, default {@link Perspective#AGENT}. */
        public Builder perspective(Perspective p) {
            this.perspective = p;
            return this;
        }

        /** Inverse temperature of the (agent's) soft extremum; +-inf = hard max / min; 0 = prior expectation. */
        public Builder beta(double beta) {
            this.beta = beta;
            return this;
        }

        /** Inverse temperature of the opponent in two-temperature games. */
        public Builder betaOpponent(double b) {
            this.betaOpponent = b;
            return this;
        }

        public Builder iteration(IterationOptions it) {
            this.iteration = it;
            return this;
        }

        public Builder tolerance(double t) {
            this.iteration = iteration.withTolerance(t);
            return this;
        }

        public Builder maxIterations(int n) {
            this.iteration = iteration.withMaxIterations(n);
            return this;
        }

        public Builder sweep(Sweep s) {
            this.iteration = iteration.withSweep(s);
            return this;
        }

        /** Threads of each Jacobi sweep of the fixed-point solvers (default 1; the values do not depend on it). */
        public Builder threads(int n) {
            this.iteration = iteration.withThreads(n);
            return this;
        }

        /** Seed of the learning algorithms' random stream. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder episodes(int n) {
            this.episodes = n;
            return this;
        }

        public Builder episodeLength(int n) {
            this.episodeLength = n;
            return this;
        }

        /** Probability that a learner's behaviour action is drawn from the prior instead of its current policy. */
        public Builder exploration(double e) {
            this.exploration = e;
            return this;
        }

        /** omega of the Robbins-Monro step size alpha = 1 / n(s,a)^omega, in (0.5, 1]. */
        public Builder stepExponent(double w) {
            this.stepExponent = w;
            return this;
        }

        /** Policy to evaluate {@code pi[s][a]} (default: the prior). */
        public Builder policy(double[][] pi) {
            this.policy = pi;
            return this;
        }

        public Builder progress(ProgressListener p) {
            this.progress = p == null ? ProgressListener.NONE : p;
            return this;
        }

        public RunConfig build() {
            return new RunConfig(this);
        }
    }

    public double beta() {
        return beta;
    }

    public double betaOpponent() {
        return betaOpponent;
    }

    public IterationOptions iteration() {
        return iteration;
    }

    public long seed() {
        return seed;
    }

    public int episodes() {
        return episodes;
    }

    public int episodeLength() {
        return episodeLength;
    }

    public double exploration() {
        return exploration;
    }

    public double stepExponent() {
        return stepExponent;
    }

    /** A copy of the policy to evaluate, or null for the prior. */
    public double[][] policy() {
        return policy == null ? null : deepCopy(policy);
    }

    public ProgressListener progress() {
        return progress;
    }

    public int level() {
        return level;
    }

    public Perspective perspective() {
        return perspective;
    }

    /** How policy iteration evaluates each policy. */
    public Evaluation evaluation() {
        return evaluation;
    }
}
