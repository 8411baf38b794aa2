package org.memarl.cli;

import picocli.CommandLine;

/**
 * Parses a command line with the real command tree (subcommands, options, converters) without running it:
 * for documented commands too slow to run in the tests, so that a renamed or removed option is still caught.
 * Only the option syntax is checked (what picocli checks); the rules a command applies when it runs (which
 * options an algorithm takes, file contents) are not.
 */
public final class DryParse {
    private DryParse() {
    }

    /** {@code null} when the arguments parse, else picocli's message. */
    public static String error(String... args) {
        try {
            new CommandLine(new Main()).parseArgs(args);
            return null;
        } catch (CommandLine.ParameterException e) {
            return e.getMessage().replace('\n', ' ').trim();
        }
    }

    /**
     * The default value of {@code option} of the innermost subcommand the arguments select, when that
     * subcommand has the option with a default and the arguments do not give it; else {@code null}. (An
     * {@code experiment} without {@code --out} writes into {@code experiment-out}: the runner of documented
     * commands sends such output to a temporary folder.)
     */
    public static String unmatchedDefault(String option, String... args) {
        CommandLine.ParseResult r;
        try {
            r = new CommandLine(new Main()).parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            return null;
        }
        while (r.hasSubcommand()) {
            r = r.subcommand();
        }
        CommandLine.Model.OptionSpec o = r.commandSpec().findOption(option);
        if (o == null || r.hasMatchedOption(option) || o.defaultValue() == null) {
            return null;
        }
        return o.defaultValue();
    }

    /** The names of the top-level subcommands ({@code solve}, {@code check}, ...). */
    public static java.util.Set<String> subcommands() {
        return new CommandLine(new Main()).getSubcommands().keySet();
    }
}
