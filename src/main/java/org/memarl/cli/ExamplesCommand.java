package org.memarl.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.memarl.io.ModelReader;
import org.memarl.model.Mdp;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code memarl examples}: lists the bundled models. */
@Command(name = "examples", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "List the bundled example models (use them with `solve --example NAME`).")
final class ExamplesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-22s %-5s %7s %7s  %s%n", "NAME", "KIND", "STATES", "ACTIONS", "DESCRIPTION");
        for (Map.Entry<String, String> e : Examples.all().entrySet()) {
            Mdp mdp = ModelReader.readMdp(Examples.bytes(e.getKey()), e.getKey());
            out.printf("%-22s %-5s %7d %7d  %s%n", e.getKey(), "mdp", mdp.numStates(), mdp.numActions(), e.getValue());
        }
        out.flush();
        return ExitCode.OK.code();
    }
}
