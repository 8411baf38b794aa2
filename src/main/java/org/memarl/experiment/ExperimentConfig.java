package org.memarl.experiment;

import java.nio.file.Path;
import org.memarl.InvalidModelException;

/**
 * The options of an experiment run, immutable and validated.
 *
 * @param seeds number of seeds (runs per pairing), at least 1
 * @param steps learning steps per run, at least 1
 * @param seed the first seed; run k uses {@code seed + k}
 * @param out output folder (created if missing)
 */
public record ExperimentConfig(int seeds, int steps, long seed, Path out) {
    /** Upper bound on seeds, to catch typos before hours of work. */
    public static final int MAX_SEEDS = 10_000;

    public ExperimentConfig {
        if (seeds < 1 || seeds > MAX_SEEDS) {
            throw new InvalidModelException("seeds: " + seeds + " is not in [1, " + MAX_SEEDS + "]");
        }
        if (steps < 1) {
            throw new InvalidModelException("steps: " + steps + " is not a positive integer");
        }
        if (out == null) {
            throw new InvalidModelException("out: missing output folder");
        }
    }
}
