package org.memarl.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.memarl.InvalidModelException;
import org.memarl.UsageException;
import org.memarl.experiment.Experiment;
import org.memarl.experiment.ExperimentConfig;
import org.memarl.experiment.ExperimentReport;
import org.memarl.experiment.Experiments;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code memarl experiment NAME [--seeds N] [--steps N] [--seed S] [--out DIR]}: runs a reproducible
 * experiment of the thesis ({@link Experiments}), writes its CSV files, PNG and SVG plots and summary
 * into DIR and prints a summary table. Options an experiment does not use ({@link Experiment#knobs()}) are
 * refused (exit 2, one line naming the option), never silently ignored.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        sortOptions = false,
        description = {"Run a reproducible experiment of the thesis: CSV per run, PNG and SVG plots, summary.json,"
                + " and a summary table on standard output. The same seed gives the same files.",
                "Experiments: thesis-matrix-game (figures 3.1 and 3.2: ROMMEO, PR2 and Balancing Q learning the"
                        + " matrix game (3.1) with Algorithm 1 of appendix B.3.1, and the closed-form policies over beta);"
                        + " bad-two-step (the exact public-belief agent of section 5.1 against independent soft learners"
                        + " that ignore what the other's action reveals, over beta; exact, so it takes --steps and --out"
                        + " only).",
                "Exit status: 0 done, 2 bad usage, 1 other."})
final class ExperimentCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "Experiment name (see above).")
    String name;

    @Option(names = "--seeds", paramLabel = "N", description = "Number of seeds (runs per pairing); default 5.")
    Integer seeds;

    @Option(names = "--steps", paramLabel = "N", description = "Learning steps per run; default 500.")
    Integer steps;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "First seed; run k uses S + k (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "experiment-out",
            description = "Output folder, created if missing (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    @Override
    public Integer call() {
        System.setProperty("java.awt.headless", "true");
        Experiment e;
        try {
            e = Experiments.byName(name);
        } catch (InvalidModelException ex) {
            throw new CommandLine.ParameterException(spec.commandLine(), ex.getMessage());
        }
        // an option the experiment does not read is refused, not silently ignored
        CommandLine.ParseResult given = spec.commandLine().getParseResult();
        for (Experiment.Knob k : Experiment.Knob.values()) {
            if (!e.knobs().contains(k) && given.hasMatchedOption(k.option())) {
                StringBuilder takes = new StringBuilder();
                for (Experiment.Knob t : e.knobs()) {
                    takes.append(t.option()).append(", ");
                }
                throw new UsageException(k.option().substring(2) + ": experiment " + name + " does not use "
                        + k.option() + " (it takes " + takes + "--out)");
            }
        }
        ExperimentConfig config = new ExperimentConfig(seeds != null ? seeds : e.defaultSeeds(),
                steps != null ? steps : e.defaultSteps(), seed, out);
        long start = System.nanoTime();
        ExperimentReport report = e.run(config);
        double seconds = (System.nanoTime() - start) / 1e9;
        PrintWriter w = spec.commandLine().getOut();
        w.print(report.table());
        w.printf("wrote %d files to %s in %.1f s%n", report.files().size(), out, seconds);
        w.flush();
        return ExitCode.OK.code();
    }
}
