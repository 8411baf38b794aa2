package org.memarl.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.memarl.io.Models;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code memarl examples}: lists the bundled models with their kind ({@code mdp}, {@code game},
 * {@code matrix-game}), number of states and actions ({@code m} for an MDP, {@code mxk} agent x
 * opponent actions for a game).
 */
@Command(name = "examples", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "List the bundled example models (use them with `solve --example NAME`).")
final class ExamplesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-22s %-11s %6s %7s  %s%n", "NAME", "KIND", "STATES", "ACTIONS", "DESCRIPTION");
        for (Map.Entry<String, String> e : Examples.all().entrySet()) {
            Models.Model m = Examples.isText(e.getKey()) ? Models.readText(Examples.bytes(e.getKey()), e.getKey())
                    : Models.read(Examples.bytes(e.getKey()), "example " + e.getKey());
            out.printf("%-22s %-11s %6d %7s  %s%n", e.getKey(), m.kind().label(), m.numStates(), m.actionsLabel(),
                    e.getValue());
        }
        out.flush();
        return ExitCode.OK.code();
    }
}
