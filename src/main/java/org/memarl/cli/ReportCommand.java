package org.memarl.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code memarl report}: one self-contained HTML page of results, sweeps, ledgers and experiments. */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        sortOptions = false,
        description = {"Write one self-contained HTML page (styles inline, plots as inline SVG, no network) of the inputs:"
                + " result files (solve --out), sweep folders (sweep --out), ledger JSON (check --format json) and"
                + " experiment folders (experiment --out). Readable on a projector and printable.",
                "Exit status: 0 written, 2 bad usage or an unreadable input, 1 other."})
final class ReportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Result file, sweep folder, ledger JSON or experiment folder.")
    List<Path> inputs;

    @Option(names = "--out", paramLabel = "FILE.html", required = true, description = "The page to write (atomically).")
    Path out;

    @Option(names = "--title", paramLabel = "TEXT", defaultValue = "memarl report", description = "Page title (default: ${DEFAULT-VALUE}).")
    String title;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    @Override
    public Integer call() {
        String html = org.memarl.report.Report.html(title, org.memarl.report.ReportInputs.read(inputs));
        org.memarl.io.ResultWriter.writeAtomically("out", out, html.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        spec.commandLine().getOut().println("report of " + inputs.size() + " input" + (inputs.size() == 1 ? "" : "s")
                + " written to " + out);
        spec.commandLine().getOut().flush();
        return ExitCode.OK.code();
    }
}
