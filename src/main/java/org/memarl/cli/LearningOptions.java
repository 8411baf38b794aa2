package org.memarl.cli;

import org.memarl.algorithms.RunConfig;
import picocli.CommandLine.Option;

/**
 * The options of the learning algorithms that {@code solve} and {@code sweep} share (a picocli mixin):
 * {@code --seed}, {@code --episodes}, {@code --episode-length}, declared once so that their names, defaults and
 * descriptions stay the same in both commands.
 */
final class LearningOptions {
    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of the learning algorithms.")
    long seed;

    @Option(names = "--episodes", paramLabel = "N", defaultValue = "2000", description = "Episodes of the learning algorithms.")
    int episodes;

    @Option(names = "--episode-length", paramLabel = "N", defaultValue = "100", description = "Steps per episode.")
    int episodeLength;

    /** Sets the seed, episodes and episode length of the run. */
    RunConfig.Builder applyTo(RunConfig.Builder cfg) {
        return cfg.seed(seed).episodes(episodes).episodeLength(episodeLength);
    }
}
