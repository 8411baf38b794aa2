package org.memarl.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.memarl.InvalidModelException;
import org.memarl.io.Json;
import org.memarl.io.ModelWriter;
import org.memarl.io.NpzModel;
import org.memarl.io.ResultWriter;
import org.memarl.model.RandomMdp;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code memarl generate random-mdp}: writes a random sparse MDP as memarl/1 JSON or as an .npz (CSR arrays). */
@Command(name = "generate", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        sortOptions = false,
        description = {"Generate a model. random-mdp: every (s, a) has K distinct successors drawn uniformly over all"
                + " states, weights uniform in (0, 1] normalised; rewards uniform in [0, 1); deterministic for a seed.",
                "The output is memarl/1 JSON when FILE ends with .json, an .npz of CSR arrays (indptr, indices, data of T"
                        + " as (S*A) x S, rewards (S, A), gamma, optional prior) when it ends with .npz; written atomically.",
                "Exit status: 0 written, 2 bad usage, 1 other."})
final class GenerateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KIND", description = "What to generate: random-mdp.")
    String kind;

    @Option(names = "--states", required = true, paramLabel = "N", description = "Number of states.")
    int states;

    @Option(names = "--actions", required = true, paramLabel = "A", description = "Number of actions.")
    int actions;

    @Option(names = "--successors", required = true, paramLabel = "K", description = "Successors per (s, a), at most N.")
    int successors;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--gamma", paramLabel = "G", defaultValue = "0.95", description = "Discount (default: ${DEFAULT-VALUE}).")
    double gamma;

    @Option(names = "--prior", paramLabel = "KIND", defaultValue = "uniform",
            description = "Action prior: uniform (none stored) or random (per state, weights uniform in (0, 1])"
                    + " (default: ${DEFAULT-VALUE}).")
    String prior;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output file, .json or .npz.")
    Path out;

    @Override
    public Integer call() {
        if (!"random-mdp".equals(kind)) {
            throw new InvalidModelException("kind: \"" + kind + "\" is not a generator (available: random-mdp)");
        }
        String lower = out.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean npz = lower.endsWith(".npz");
        if (!npz && !lower.endsWith(".json")) {
            throw new InvalidModelException("out: " + out + " ends neither in .json nor in .npz");
        }
        Path dir = out.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new InvalidModelException("out: folder " + dir + " does not exist");
        }
        if (!(gamma >= 0.0 && gamma <= 1.0)) {
            throw new InvalidModelException("gamma: " + gamma + " is not in [0, 1]");
        }
        boolean randomPrior;
        switch (prior.toLowerCase(Locale.ROOT)) {
            case "uniform" -> randomPrior = false;
            case "random" -> randomPrior = true;
            default -> throw new InvalidModelException("prior: \"" + prior + "\" is not uniform or random");
        }
        RandomMdp r = RandomMdp.generate(states, actions, successors, seed, randomPrior);
        if (npz) {
            NpzModel.write(out, NpzModel.arrays(states, actions, r.rowStart(), r.columns(), r.probabilities(),
                    r.rewards(), r.prior(), gamma));
        } else {
            String name = "random-mdp-" + states + "x" + actions + "x" + successors + "-seed" + seed;
            ResultWriter.writeAtomically(out, Json.bytes(ModelWriter.toJson(r.mdp(name, gamma))));
        }
        return ExitCode.OK.code();
    }
}
