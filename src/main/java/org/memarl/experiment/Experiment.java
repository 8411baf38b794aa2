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
