package org.memarl.experiment;

/**
 * A reproducible experiment from the thesis, run by {@code memarl experiment NAME}: it writes CSV
 * files, PNG and SVG plots and a summary into a folder and returns a short table for the terminal.
 * The same configuration (seed included) gives the same files, byte for byte.
 */
public interface Experiment {
    /** The stable name used on the command line, e.g. {@code thesis-matrix-game}. */
    String name();

    /** One line: what the experiment reproduces. */
    String description();

    /** What a run of an experiment may vary besides its output folder: {@code --seeds}, {@code --steps}, {@code --seed}. */
    enum Knob {
        SEEDS, STEPS, SEED;

        /** The command-line option, e.g. {@code --seeds}. */
        public String option() {
            return "--" + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The knobs this experiment reads from its {@link ExperimentConfig}; the command line refuses the others
     * (exit 2) instead of ignoring them. Default: all of them.
     */
    default java.util.Set<Knob> knobs() {
        return java.util.EnumSet.allOf(Knob.class);
    }

    /** Default number of seeds. */
    int defaultSeeds();

    /** Default number of steps. */
    int defaultSteps();

    /**
     * Runs the experiment and writes its files into {@code config.out()} (created if missing), each
     * atomically.
     *
     * @return the summary table and the files written
     */
    ExperimentReport run(ExperimentConfig config);
}
