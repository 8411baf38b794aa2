package org.memarl.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.memarl.InvalidModelException;
import org.memarl.MemarlException;
import org.memarl.NotConvergedException;
import org.memarl.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code memarl} command line. Only this package imports picocli; commands turn their options into
 * library configuration ({@link org.memarl.algorithms.RunConfig}) and call the library.
 */
@Command(name = "memarl", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Exact soft (log-sum-exp) Bellman recursions of maximum-entropy multi-agent RL, "
                + "and a numerical ledger of the thesis's theorems.",
        subcommands = {SolveCommand.class, ExamplesCommand.class, CheckCommand.class, ExperimentCommand.class,
                GenerateCommand.class, FilterCommand.class,
                SweepCommand.class, ReportCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: solve, examples, check, experiment, generate or filter");
    }

    /** Version for {@code --version}. */
    public static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"memarl " + Version.get(),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                            + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
        }
    }

    public static void main(String[] args) {
        PrintStream out = StandardOutput.stdout();
        System.setOut(out);
        System.exit(mainWithoutExit(args, out, System.err));
    }

    /** Runs the command line and returns the exit status (for tests). */
    public static int mainWithoutExit(String[] args, PrintStream out, PrintStream err) {
        boolean debug = java.util.Arrays.asList(args).contains("--debug");
        CommandLine cl = new CommandLine(new Main());
        // a write error on standard output is not swallowed (StandardOutput): exit 1 with one message
        StandardOutput stdout = StandardOutput.over(out);
        cl.setOut(stdout);
        cl.setExecutionStrategy(parseResult -> {
            Integer help = CommandLine.executeHelpRequest(parseResult);
            if (help != null) {
                return help;
            }
            stdout.arm();
            return new CommandLine.RunLast().execute(parseResult);
        });
        cl.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            // one line (cli.md): the problem, then where to read more
            c.getErr().println("memarl: " + ex.getMessage().replace('\n', ' ').trim() + " (see '"
                    + c.getCommandSpec().qualifiedName() + " --help')");
            c.getErr().flush();
            return ExitCode.USAGE.code();
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            PrintWriter e = c.getErr();
            int code;
            if (ex instanceof org.memarl.UsageException) {
                e.println("memarl: " + ex.getMessage() + " (see '" + c.getCommandSpec().qualifiedName() + " --help')");
                code = ExitCode.USAGE.code();
            } else if (ex instanceof InvalidModelException) {
                e.println("memarl: " + ex.getMessage());
                code = ExitCode.USAGE.code();
            } else if (ex instanceof NotConvergedException) {
                e.println("memarl: " + ex.getMessage());
                code = ExitCode.NOT_CONVERGED.code();
            } else if (ex instanceof MemarlException) {
                e.println("memarl: " + ex.getMessage());
                code = ExitCode.ERROR.code();
            } else {
                e.println("memarl: internal error: " + ex);
                code = ExitCode.ERROR.code();
            }
            if (debug) {
                ex.printStackTrace(e);
            }
            e.flush();
            return code;
        });
        int code;
        try {
            code = cl.execute(args);
        } catch (MemarlException e) {
            // a write error on standard output met outside a command (picocli's own help or version output)
            cl.getErr().println("memarl: " + e.getMessage());
            code = ExitCode.ERROR.code();
        } catch (OutOfMemoryError e) {
            cl.getErr().println("memarl: out of memory; raise the heap (java -Xmx...) or use a smaller model");
            code = ExitCode.ERROR.code();
        }
        String lost = stdout.unreportedFailure();
        if (lost != null) {
            // --help, --version, or output after the command's last flush
            cl.getErr().println("memarl: " + lost);
            code = ExitCode.ERROR.code();
        }
        cl.getErr().flush();
        return code;
    }
}
