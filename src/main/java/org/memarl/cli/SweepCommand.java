package org.memarl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.memarl.InvalidModelException;
import org.memarl.UsageException;
import org.memarl.algorithms.RunConfig;
import org.memarl.algorithms.registry.GameAlgorithm;
import org.memarl.algorithms.registry.MdpAlgorithm;
import org.memarl.io.Json;
import org.memarl.io.Models;
import org.memarl.io.ResultWriter;
import org.memarl.model.Game;
import org.memarl.model.Mdp;
import org.memarl.solve.Sweep;
import org.memarl.sweep.BetaGrid;
import org.memarl.sweep.BetaSweep;
import org.memarl.sweep.SweepFiles;
import org.memarl.sweep.SweepParameter;
import org.memarl.sweep.SweepResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code memarl sweep}: one algorithm over a grid of an inverse temperature; JSON, CSV and plots in a folder. */
@Command(name = "sweep", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        sortOptions = false,
        description = {"Run one soft algorithm once per value of an inverse temperature and write DIR/sweep.json (values,"
                + " V[i][s], the policies), DIR/sweep.csv and plots (PNG and SVG): V over beta per state, and each policy"
                + " over beta as stacked areas per state, labelled with the model's names.",
                "Default grid: -inf, -100 .. -0.01, 0, 0.01 .. 100 (4 points per decade), inf.",
                "Models: mdp, game, matrix-game and option models.",
                "Exit status: 0 done, 2 bad usage or invalid model, 3 some value did not converge (files still"
                        + " written), 1 other."})
final class SweepCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL",
            description = "Model file: memarl/1 JSON, or an MDP as .npz.")
    Path model;

    @Option(names = "--example", paramLabel = "NAME", description = "Use a bundled model instead (see `memarl examples`).")
    String example;

    @Option(names = "--algorithm", paramLabel = "NAME",
            description = "A soft algorithm: soft-value-iteration, soft-policy-iteration, policy-evaluation, soft-options,"
                    + " soft-options-critic, rommeo, pr2, gr2, balancing-q, probabilistic-balancing-q, ma-soft-options,"
                    + " soft-q-learning.")
    String algorithm;

    @Option(names = "--chain", paramLabel = "FILE",
            description = "Sweep a declared chain (memarl-chain/1) instead of --algorithm: --vary NAME is its \"$NAME\" beta.")
    Path chain;

    @Option(names = "--param", paramLabel = "NAME=X",
            description = "With --chain: the value of another \"$NAME\" beta (repeatable).")
    List<String> params;

    @Option(names = "--vary", paramLabel = "WHICH", defaultValue = "beta",
            description = "beta (both players' in a game), beta-agent or beta-opponent; with --chain the name of a"
                    + " \"$NAME\" beta of the chain (default: ${DEFAULT-VALUE}).")
    String vary;

    @Option(names = "--values", paramLabel = "LIST", split = ",", converter = BetaConverter.class,
            description = "The grid: comma-separated numbers, inf, -inf (sorted ascending).")
    double[] values;

    @Option(names = "--from", paramLabel = "X", description = "First value of a generated grid (with --to, --points).")
    Double from;

    @Option(names = "--to", paramLabel = "Y", description = "Last value of a generated grid.")
    Double to;

    @Option(names = "--points", paramLabel = "N", description = "Number of values from --from to --to: log-spaced when both"
            + " have one sign, else equally spaced (default 21).")
    Integer points;

    @Option(names = "--beta", paramLabel = "X", converter = BetaConverter.class,
            description = "With --vary beta-agent / beta-opponent: the other player's inverse temperature (default 1).")
    Double beta;

    @Option(names = "--beta-agent", paramLabel = "X", converter = BetaConverter.class,
            description = "With --vary beta-opponent: the agent's inverse temperature.")
    Double betaAgent;

    @Option(names = "--beta-opponent", paramLabel = "Y", converter = BetaConverter.class,
            description = "With --vary beta-agent: the opponent's inverse temperature.")
    Double betaOpponent;

    @Option(names = "--level", paramLabel = "K", description = "GR2's reasoning level (default 1).")
    Integer level;

    @Option(names = "--perspective", paramLabel = "WHO", description = "Balancing Q's perspective: agent (default) or opponent.")
    String perspective;

    @Option(names = "--gamma", paramLabel = "G", description = "Discount, overrides the model's gamma.")
    Double gamma;

    @Option(names = "--horizon", paramLabel = "H", description = "Finite horizon (overrides the model).")
    Integer horizon;

    @Option(names = "--tolerance", paramLabel = "EPS", defaultValue = "1e-10",
            description = "Guaranteed sup-norm distance to each fixed point (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--max-iterations", paramLabel = "N", defaultValue = "1000000",
            description = "Iteration cap per value (default: ${DEFAULT-VALUE}).")
    int maxIterations;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Threads of each Jacobi sweep; 0 = all processors (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--policy", paramLabel = "FILE", description = "policy-evaluation: the policy to evaluate.")
    Path policy;

    @CommandLine.Mixin
    LearningOptions learning;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder, created if missing.")
    Path out;

    @Option(names = "--max-model-bytes", paramLabel = "N", defaultValue = "268435456",
            description = "Largest JSON model file read, in bytes (default 256 MiB).")
    long maxModelBytes;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    @Override
    public Integer call() {
        ModelInput.requireOne(spec, model, example);
        ModelInput.requireAlgorithmOrChain(spec, algorithm, chain);
        if (chain == null && params != null) {
            throw new UsageException("param: --param applies to --chain (a chain file's \"$name\" betas)");
        }
        SweepParameter parameter = chain == null ? SweepParameter.of(vary) : null;
        double[] grid = grid();
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new InvalidModelException("out: " + out + " is a file, expected a folder");
        }
        if (horizon != null && horizon < 1) {
            throw new InvalidModelException("horizon: " + horizon + " is not a positive integer");
        }
        SolveCommand.checkThreads(threads);
        SolveCommand.checkMaxModelBytes(maxModelBytes);
        ModelInput.Loaded loaded = ModelInput.load(model, example, maxModelBytes, "--max-model-bytes", true, false);
        Models.Model m = loaded.model();
        String sha = loaded.sha256();
        int nThreads = SolveCommand.threads(threads, Runtime.getRuntime().availableProcessors());
        RunConfig.Builder cfg = RunConfig.builder().tolerance(tolerance).maxIterations(maxIterations).sweep(Sweep.JACOBI)
                .threads(nThreads);
        learning.applyTo(cfg);
        if (policy != null) {
            cfg.policy(SolveCommand.readPolicy(policy));
        }
        SweepResult r;
        if (chain != null) {
            r = chainSweep(m, sha, nThreads, grid);
        } else if (m instanceof Models.MdpModel) {
            Mdp mdp = SolveCommand.overridden(m.asMdp(), gamma, horizon);
            MdpAlgorithm alg = MdpAlgorithm.byId(algorithm);
            refuse("--beta", beta, "an MDP algorithm has one inverse temperature, the one swept");
            refuse("--beta-agent", betaAgent, "it applies to two-temperature game algorithms");
            refuse("--beta-opponent", betaOpponent, "it applies to two-temperature game algorithms");
            refuse("--level", level, "it applies to gr2");
            refuse("--perspective", perspective, "it applies to balancing-q");
            r = BetaSweep.run(mdp, alg, cfg, parameter, grid, sha, BetaSweep.Listener.NONE);
        } else if (m instanceof Models.GameModel) {
            Game game = SolveCommand.overridden(m.asGame(), gamma, horizon);
            GameAlgorithm alg = GameAlgorithm.byId(algorithm);
            double other = beta != null ? beta : 1.0;
            if (parameter == SweepParameter.BETA) {
                refuse("--beta", beta, "--vary beta sets both players' inverse temperatures");
                refuse("--beta-agent", betaAgent, "--vary beta sets both players' inverse temperatures");
                refuse("--beta-opponent", betaOpponent, "--vary beta sets both players' inverse temperatures");
            } else if (parameter == SweepParameter.BETA_AGENT) {
                refuse("--beta-agent", betaAgent, "it is the one swept");
                cfg.betaOpponent(betaOpponent != null ? betaOpponent : other);
            } else {
                refuse("--beta-opponent", betaOpponent, "it is the one swept");
                cfg.beta(betaAgent != null ? betaAgent : other);
            }
            if (level != null) {
                if (alg != GameAlgorithm.GR2) {
                    throw new UsageException("level: --level does not apply to " + alg.id() + " (--level applies to gr2)");
                }
                cfg.level(level);
            }
            if (perspective != null) {
                if (alg != GameAlgorithm.BALANCING_Q) {
                    throw new UsageException("perspective: --perspective does not apply to " + alg.id()
                            + " (--perspective applies to balancing-q)");
                }
                cfg.perspective(SolveCommand.perspective(perspective));
            }
            r = BetaSweep.run(game, alg, cfg, parameter, grid, sha, BetaSweep.Listener.NONE);
        } else {
            throw new InvalidModelException("model: sweep applies to mdp, game and matrix-game models (with or without"
                    + " options), not to kind \"" + m.kind().label() + "\"");
        }
        List<Path> files = SweepFiles.write(r, out);
        java.io.PrintWriter o = spec.commandLine().getOut();
        o.println("sweep of " + r.algorithm() + " over " + r.parameter() + " (" + r.values().length
                + " values): " + files.size() + " files in " + out);
        for (Path f : files) {
            o.println("  " + f);
        }
        o.flush();
        if (!r.allConverged()) {
            StringBuilder which = new StringBuilder();
            boolean[] c = r.converged();
            double[] x = r.values();
            for (int i = 0; i < c.length; i++) {
                if (!c[i]) {
                    which.append(which.length() == 0 ? "" : ", ").append(org.memarl.model.Fmt.num(x[i]));
                }
            }
            spec.commandLine().getErr().println("memarl: " + r.algorithm() + " did not converge at " + r.parameter()
                    + " = " + which + "; files written with \"converged\": false there");
            spec.commandLine().getErr().flush();
            return ExitCode.NOT_CONVERGED.code();
        }
        return ExitCode.OK.code();
    }

    /** {@code --chain FILE --vary NAME}: the chain's {@code "$NAME"} beta over the grid. */
    private SweepResult chainSweep(Models.Model m, String sha, int nThreads, double[] grid) {
        for (Object[] o : new Object[][] {{"--beta", beta}, {"--beta-agent", betaAgent}, {"--beta-opponent", betaOpponent},
            {"--level", level}, {"--perspective", perspective}, {"--policy", policy}}) {
            refuse((String) o[0], o[1], "--chain takes its betas from the chain file (--vary NAME, --param NAME=X)");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(chain);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidModelException("chain: file not found: " + chain);
        } catch (java.io.IOException e) {
            throw new InvalidModelException("chain: cannot read " + chain + ": " + ResultWriter.reason(e));
        }
        JsonNode root = Json.parse(bytes, chain.toString());
        org.memarl.chains.ChainDeclaration decl = org.memarl.io.ChainFiles.parse(root);
        java.util.Map<String, Double> fixed = ChainSolve.params(params);
        org.memarl.chains.ChoiceModel cm;
        List<String> states;
        String name;
        if (m instanceof Models.MdpModel) {
            Mdp mdp = SolveCommand.overridden(m.asMdp(), gamma, horizon);
            cm = org.memarl.chains.ChoiceModel.of(mdp);
            states = mdp.stateNames();
            name = mdp.name();
        } else if (m instanceof Models.GameModel) {
            Game game = SolveCommand.overridden(m.asGame(), gamma, horizon);
            cm = org.memarl.chains.ChoiceModel.of(game);
            states = game.stateNames();
            name = game.name();
        } else {
            throw new InvalidModelException("chain: --chain applies to mdp, game and matrix-game models, not kind \""
                    + m.kind().label() + "\"");
        }
        return BetaSweep.chain(decl, root, cm, states, name, sha, vary, fixed, grid,
                new org.memarl.solve.IterationOptions(tolerance, maxIterations, Sweep.JACOBI, nThreads),
                BetaSweep.Listener.NONE);
    }

    private double[] grid() {
        boolean range = from != null || to != null || points != null;
        if (values != null && range) {
            throw new UsageException("values: give either --values or --from/--to/--points, not both");
        }
        if (values != null) {
            return BetaGrid.of(values);
        }
        if (range) {
            if (from == null || to == null) {
                throw new UsageException((from == null ? "from" : "to") + ": --from and --to go together");
            }
            return BetaGrid.range(from, to, points != null ? points : 21);
        }
        return BetaGrid.symmetric(4);
    }

    private static void refuse(String flag, Object given, String why) {
        if (given != null) {
            throw new UsageException(flag.substring(2) + ": " + flag + " does not apply here: " + why);
        }
    }
}
