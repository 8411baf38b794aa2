package org.memarl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.memarl.InvalidModelException;
import org.memarl.algorithms.registry.GameAlgorithm;
import org.memarl.algorithms.registry.MdpAlgorithm;
import org.memarl.algorithms.belief.PublicBelief;
import org.memarl.io.BeliefResults;
import org.memarl.io.Models;
import org.memarl.model.DecPomdp;
import org.memarl.model.Pomdp;
import org.memarl.model.Game;
import org.memarl.algorithms.RunConfig;
import org.memarl.io.Json;
import org.memarl.io.ModelReader;
import org.memarl.io.ResultWriter;
import org.memarl.model.Fmt;
import org.memarl.model.Mdp;
import org.memarl.solve.RoundingFloor;
import org.memarl.solve.Solution;
import org.memarl.solve.Sweep;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code memarl solve}: runs one algorithm on one model and writes a {@code memarl-result/1} file. */
@Command(name = "solve", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        sortOptions = false,
        description = {"Run one algorithm (or a declared chain) on a model and write the result (values, Q, policy, provenance) as JSON.",
                "MDP algorithms: policy-evaluation, value-iteration, policy-iteration, q-iteration, q-learning,"
                        + " soft-value-iteration, soft-policy-iteration, soft-q-learning,"
                        + " soft-options, soft-options-critic (models with \"options\").",
                "Game algorithms: minimax, friend-q, foe-q, nash-q, friend-q-learning, foe-q-learning, nash-q-learning,"
                        + " rommeo, pr2, gr2 (--level K), balancing-q (--perspective agent|opponent),"
                        + " probabilistic-balancing-q, ma-soft-options (games with \"options\").",
                "POMDP and Dec-POMDP algorithm: public-belief (finite horizon; exact public belief, Boltzmann over"
                        + " prescriptions).",
                "Declared chains: solve MODEL --chain CHAIN.json [--param NAME=X ...] (instead of --algorithm).",
                "Exit status: 0 solved, 2 bad usage or invalid model, 3 not converged (result still written), 1 other."})
final class SolveCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL",
            description = "Model file: memarl/1 JSON, an MDP as .npz (CSR arrays), a POMDP in Cassandra's .pomdp format or a"
                    + " two-agent Dec-POMDP in MADP's .dpomdp format (see docs/model-format.md).")
    Path model;

    @Option(names = "--example", paramLabel = "NAME", description = "Use a bundled model instead (see `memarl examples`).")
    String example;

    @Option(names = "--algorithm", paramLabel = "NAME", description = "Algorithm name (see above); or --chain.")
    String algorithm;

    @Option(names = "--chain", paramLabel = "FILE",
            description = "Solve a declared chain (memarl-chain/1 JSON, see docs/model-format.md) instead of --algorithm:"
                    + " mdp, game and matrix-game models, with or without options.")
    Path chain;

    @Option(names = "--param", paramLabel = "NAME=X",
            description = "Value of a chain file's \"$NAME\" beta: a number, inf or -inf (repeatable; with --chain).")
    java.util.List<String> params;

    @Option(names = "--beta", paramLabel = "X", converter = BetaConverter.class, defaultValue = "1",
            description = "Inverse temperature; inf / -inf give max / min, 0 the prior expectation (default: ${DEFAULT-VALUE}).")
    double beta;

    @Option(names = "--beta-agent", paramLabel = "X", converter = BetaConverter.class,
            description = "Agent's inverse temperature (two-temperature games).")
    Double betaAgent;

    @Option(names = "--beta-opponent", paramLabel = "Y", converter = BetaConverter.class,
            description = "Opponent's inverse temperature (two-temperature games).")
    Double betaOpponent;

    @Option(names = "--level", paramLabel = "K", description = "GR2's reasoning level (default 1; 0 = the prior).")
    Integer level;

    @Option(names = "--perspective", paramLabel = "WHO",
            description = "Balancing Q's perspective: agent (default) or opponent.")
    String perspective;

    @Option(names = "--gamma", paramLabel = "G", description = "Discount, overrides the model's gamma.")
    Double gamma;

    @Option(names = "--horizon", paramLabel = "H", description = "Finite horizon: exact backward recursion (overrides the model).")
    Integer horizon;

    @Option(names = "--max-beliefs", paramLabel = "N",
            description = "public-belief: budget of distinct public beliefs, checked while expanding (default 100000).")
    Integer maxBeliefs;

    @Option(names = "--private-memory", paramLabel = "MEMORY",
            description = "public-belief on a dec-pomdp: prescriptions map the current private observation (current),"
                    + " the history since the last public reset (since-reset) or the whole history (history);"
                    + " overrides the model's privateMemory.")
    String privateMemory;

    @Option(names = "--tolerance", paramLabel = "EPS", defaultValue = "1e-10",
            description = "Guaranteed sup-norm distance to the fixed point (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--max-iterations", paramLabel = "N", defaultValue = "1000000",
            description = "Iteration cap; reaching it exits 3 (default: ${DEFAULT-VALUE}).")
    int maxIterations;

    @Option(names = "--sweep", paramLabel = "KIND", defaultValue = "jacobi",
            description = "jacobi (double-buffered) or gauss-seidel (in place) (default: ${DEFAULT-VALUE}).")
    String sweep;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Threads of each Jacobi sweep; 0 = all available processors, and more are capped at them (with"
                    + " a note on standard error). The values are bit-identical for every N; Gauss-Seidel sweeps are"
                    + " sequential (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--evaluation", paramLabel = "HOW",
            description = "policy-iteration, soft-policy-iteration and --chain: exact (dense solve, up to 5000 states), krylov"
                    + " (matrix-free GMRES) or sweeps (modified policy iteration); default exact up to 500 states, krylov above.")
    String evaluation;

    @Option(names = "--policy", paramLabel = "FILE",
            description = "Policy to evaluate: JSON {\"policy\": [[...]]} (a result file works) or a bare [[...]] array.")
    Path policy;

    @CommandLine.Mixin
    LearningOptions learning;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the result here (atomically) instead of standard output.")
    Path out;

    @Option(names = "--plot", paramLabel = "FILE",
            description = "soft-options / soft-options-critic on a gridworld (states r<row>c<col>): draw the option policy"
                    + " into FILE (.png or .svg).")
    Path plot;

    @Option(names = "--max-model-bytes", paramLabel = "N", defaultValue = "268435456",
            description = "Largest JSON model file read, in bytes (default 256 MiB; .npz models are checked entry by entry).")
    long maxModelBytes;

    @Option(names = "--no-progress", description = "Never show a progress bar.")
    boolean noProgress;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    /** A note on standard error after a successful (or not converged) run, e.g. that --threads was capped. */
    private String note;

    @Override
    public Integer call() {
        int code = solve();
        if (note != null) {
            // after the result, so that an error of the run stays the one line on standard error
            spec.commandLine().getErr().println(note);
            spec.commandLine().getErr().flush();
        }
        return code;
    }

    private int solve() {
        ModelInput.requireOne(spec, model, example);
        ModelInput.requireAlgorithmOrChain(spec, algorithm, chain);
        if (chain != null) {
            ChainSolve.checkOptions(this);
        } else if (params != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--param applies to --chain (a chain file's"
                    + " \"$name\" betas), not to --algorithm");
        }
        // before the (possibly long) run: a bad --out or --plot is bad usage, not a failure after the work
        checkOutput("out", out);
        checkOutput("plot", plot);
        if (plot != null) {
            plotFormat(plot);
        }
        Models.Model m;
        String sha;
        checkMaxModelBytes(maxModelBytes);
        ModelInput.Loaded loaded = ModelInput.load(model, example, maxModelBytes, "--max-model-bytes", true, true);
        m = loaded.model();
        sha = loaded.sha256();
        if (horizon != null && horizon < 1) {
            throw new InvalidModelException("horizon: " + horizon + " is not a positive integer");
        }
        Sweep sw;
        switch (sweep.toLowerCase(Locale.ROOT)) {
            case "jacobi":
                sw = Sweep.JACOBI;
                break;
            case "gauss-seidel":
                sw = Sweep.GAUSS_SEIDEL;
                break;
            default:
                throw new org.memarl.UsageException("sweep: \"" + sweep + "\" is not jacobi or gauss-seidel");
        }
        checkThreads(threads);
        int processors = Runtime.getRuntime().availableProcessors();
        int nThreads = threads(threads, processors);
        if (threads > processors) {
            note = "memarl: note: --threads " + threads + " capped at the " + processors + " available processors";
        }
        RunConfig.Builder cfg = RunConfig.builder().beta(beta).tolerance(tolerance).maxIterations(maxIterations).sweep(sw)
                .threads(nThreads);
        learning.applyTo(cfg);
        if (chain != null) {
            return ChainSolve.run(this, m, sha, new org.memarl.solve.IterationOptions(tolerance, maxIterations, sw, nThreads));
        }
        if (m instanceof Models.PomdpModel || m instanceof Models.DecPomdpModel) {
            return solveBelief(m, sha);
        }
        for (String o : new String[] {"--max-beliefs", "--private-memory"}) {
            if (spec.commandLine().getParseResult().hasMatchedOption(o)) {
                throw new InvalidModelException(o.substring(2) + ": " + o + " applies to public-belief on a pomdp or"
                        + " dec-pomdp only");
            }
        }
        Solution sol;
        String name;
        double discount;
        if (m instanceof Models.MdpModel) {
            Mdp mdp = m.asMdp();
            mdp = overridden(mdp, gamma, horizon);
            MdpAlgorithm alg = MdpAlgorithm.byId(algorithm);
            alg.checkOptions(matchedOptions());
            if (evaluation != null) {
                cfg.evaluation(org.memarl.algorithms.Evaluation.parse(evaluation));
            }
            if (policy != null) {
                cfg.policy(readPolicy(policy));
            }
            if (plot != null) {
                plotFormat(plot);
            }
            name = mdp.name();
            discount = mdp.gamma();
            Mdp plotModel = plot != null ? mdp : null;
            org.memarl.solve.Section names = org.memarl.io.ResultNames.of(mdp); // issue 14: results carry the model's names
            m = null; // the model is not needed for writing the result: let a large one be collected
            try (Progress progress = new Progress(alg.id(), discount, tolerance, !noProgress)) {
                cfg.progress(progress);
                Mdp run = mdp;
                mdp = null;
                sol = alg.run(run, cfg.build());
            }
            sol = sol.withSection(names);
            if (plotModel != null) {
                writePlot(plotModel, sol);
            }
        } else {
            Game game = m.asGame();
            game = overridden(game, gamma, horizon);
            GameAlgorithm alg = GameAlgorithm.byId(algorithm);
            alg.checkOptions(matchedOptions());
            java.util.Set<String> given = matchedOptions();
            if (given.contains("--beta") && (betaAgent != null || betaOpponent != null)) {
                String per = betaAgent != null ? "--beta-agent" : "--beta-opponent";
                throw new org.memarl.UsageException("beta: --beta " + Fmt.num(beta) + " given with " + per + "; give"
                        + " either one --beta for both players or the per-player --beta-agent and --beta-opponent");
            }
            cfg.beta(betaAgent != null ? betaAgent : beta).betaOpponent(betaOpponent != null ? betaOpponent : beta);
            if (level != null) {
                cfg.level(level);
            }
            if (perspective != null) {
                cfg.perspective(perspective(perspective));
            }
            try (Progress progress = new Progress(algorithm, game.gamma(), tolerance, !noProgress)) {
                cfg.progress(progress);
                sol = alg.run(game, cfg.build());
            }
            sol = sol.withSection(org.memarl.io.ResultNames.of(game)); // issue 14: results carry the model's names
            name = game.name();
            discount = game.gamma();
        }
        writeResult(sol, name, sha);
        if (!sol.converged()) {
            Object reason = sol.parameters().get("stopReason");
            if (reason != null && !"iteration cap".equals(reason) && !"converged".equals(reason)
                    && !RoundingFloor.STOP_REASON.equals(reason)) {
                Object len = sol.parameters().get("cycleLength");
                spec.commandLine().getErr().println("memarl: " + sol.algorithm() + " stopped after " + sol.iterations()
                        + " iterations: " + reason + (len != null ? " (length " + len + ")" : "") + ", residual "
                        + sol.residual() + "; result written with \"converged\": false");
                return ExitCode.NOT_CONVERGED.code();
            }
            spec.commandLine().getErr().println("memarl: " + sol.algorithm() + " did not converge within " + sol.iterations()
                    + " iterations (error bound " + sol.errorBound() + " > tolerance " + tolerance + "); result written with"
                    + " \"converged\": false" + floorHint(sol, discount));
            return ExitCode.NOT_CONVERGED.code();
        }
        return ExitCode.OK.code();
    }

    /** {@code public-belief} on a {@code pomdp} or {@code dec-pomdp}: exact, finite horizon, always converged. */
    private int solveBelief(Models.Model m, String sha) {
        if (!PUBLIC_BELIEF.equals(algorithm)) {
            throw new InvalidModelException("algorithm: \"" + algorithm + "\" does not apply to kind \"" + m.kind().label()
                    + "\"; use public-belief");
        }
        for (String o : new String[] {"--beta-agent", "--beta-opponent", "--level", "--perspective", "--policy",
            "--sweep", "--episodes", "--episode-length", "--max-iterations", "--tolerance", "--evaluation"}) {
            if (spec.commandLine().getParseResult().hasMatchedOption(o)) {
                throw new InvalidModelException(o.substring(2) + ": " + o + " does not apply to public-belief (it takes"
                        + " --beta, --gamma and --horizon)");
            }
        }
        PublicBelief.Result r;
        String name;
        int budget = maxBeliefs == null ? PublicBelief.DEFAULT_MAX_BELIEFS : maxBeliefs;
        if (budget < 1) {
            throw new InvalidModelException("max-beliefs: " + budget + " is not a positive number of beliefs");
        }
        DecPomdp.PrivateMemory memory = null;
        if (privateMemory != null) {
            memory = DecPomdp.PrivateMemory.of(privateMemory);
            if (memory == null) {
                throw new InvalidModelException("private-memory: \"" + privateMemory + "\" is not current, since-reset"
                        + " or history");
            }
            if (m instanceof Models.PomdpModel) {
                throw new InvalidModelException("private-memory: --private-memory applies to a dec-pomdp, not a pomdp");
            }
        }
        if (m instanceof Models.PomdpModel pm) {
            Pomdp p = pm.pomdp();
            if (gamma != null) {
                p = p.withGamma(gamma);
            }
            if (horizon != null) {
                p = p.withHorizon(horizon);
            }
            r = PublicBelief.solve(p, beta, budget);
            name = p.name();
        } else {
            DecPomdp d = ((Models.DecPomdpModel) m).decPomdp();
            if (gamma != null) {
                d = d.withGamma(gamma);
            }
            if (horizon != null) {
                d = d.withHorizon(horizon);
            }
            if (memory != null) {
                d = d.withPrivateMemory(memory);
            }
            r = PublicBelief.solve(d, beta, budget);
            name = d.name();
        }
        writeResult(BeliefResults.toSolution(r), name, sha);
        return ExitCode.OK.code();
    }

    private static final String PUBLIC_BELIEF = "public-belief";

    /** {@code --perspective agent|opponent} (any case). */
    static RunConfig.Perspective perspective(String perspective) {
        return switch (perspective.toLowerCase(Locale.ROOT)) {
            case "agent" -> RunConfig.Perspective.AGENT;
            case "opponent" -> RunConfig.Perspective.OPPONENT;
            default -> throw new org.memarl.UsageException("perspective: \"" + perspective + "\" is not agent or opponent");
        };
    }

    /** Refuses a negative {@code --threads} (0 = all processors). */
    static void checkThreads(int threads) {
        if (threads < 0) {
            throw new org.memarl.UsageException("threads: " + threads + " is not a nonnegative integer (0 = all processors)");
        }
    }

    /** Refuses a {@code --max-model-bytes} below 1. */
    static void checkMaxModelBytes(long maxModelBytes) {
        if (maxModelBytes < 1) {
            throw new org.memarl.UsageException("max-model-bytes: " + maxModelBytes + " is not a positive number of bytes");
        }
    }

    /**
     * The threads of each sweep: {@code requested}, 0 meaning all {@code processors}, capped at {@code processors}
     * (one OS thread each: more only add overhead). The values do not depend on it.
     */
    static int threads(int requested, int processors) {
        return requested == 0 ? processors : Math.min(requested, processors);
    }

    /** The MDP with {@code --gamma} and {@code --horizon} applied (each when given). */
    static Mdp overridden(Mdp mdp, Double gamma, Integer horizon) {
        Mdp out = gamma != null ? mdp.withGamma(gamma) : mdp;
        return horizon != null ? out.withHorizon(horizon) : out;
    }

    /**
     * The game with {@code --gamma} and {@code --horizon} applied (each when given); a matrix game, which is
     * one-shot, takes neither.
     *
     * @throws org.memarl.UsageException for either on a matrix game
     */
    static Game overridden(Game game, Double gamma, Integer horizon) {
        if (game.isMatrixGame() && gamma != null) {
            throw new org.memarl.UsageException("gamma: " + Fmt.num(gamma) + " given for a matrix game, which is"
                    + " one-shot (no discount)");
        }
        if (game.isMatrixGame() && horizon != null) {
            throw new org.memarl.UsageException("horizon: " + horizon + " given for a matrix game, which is one-shot");
        }
        Game out = gamma != null ? game.withGamma(gamma) : game;
        return horizon != null ? out.withHorizon(horizon) : out;
    }

    /** The long names of the options given on the command line (for the algorithms' option rules). */
    private java.util.Set<String> matchedOptions() {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (CommandLine.Model.OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
            out.add(o.longestName());
        }
        return out;
    }

    /** Writes a result (any model kind, a declared chain too) to {@code --out} atomically, or to standard output. */
    void writeResult(Solution result, String modelName, String sha) {
        if (out != null) {
            ResultWriter.writeAtomically(out, o -> {
                java.io.Writer w = new java.io.OutputStreamWriter(o, StandardCharsets.UTF_8);
                ResultWriter.write(result, modelName, sha, w);
                w.flush();
            });
        } else {
            PrintWriter w = spec.commandLine().getOut();
            try {
                ResultWriter.write(result, modelName, sha, w);
            } catch (java.io.IOException e) {
                throw new org.memarl.MemarlException("writing the result: " + e.getMessage(), e);
            }
            w.flush();
        }
    }

    /**
     * Usage errors of an output file ({@code --out}, {@code --plot}), before any work: a missing folder, a
     * folder in its place, or one of the input files (the model, chain or policy: writing would destroy it).
     */
    private void checkOutput(String key, Path file) {
        checkOutputFile(key, file, new String[] {"model", "chain", "policy"}, new Path[] {model, chain, policy});
    }

    /**
     * Refuses an output file (option {@code key}) whose folder is missing, that is a folder, or that is one of the
     * input files (named by their roles).
     */
    static void checkOutputFile(String key, Path file, String[] roles, Path[] inputs) {
        if (file == null) {
            return;
        }
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new InvalidModelException(key + ": folder " + dir + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new InvalidModelException(key + ": " + file + " is a folder, expected a file name");
        }
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] != null && sameFile(file, inputs[i])) {
                throw new InvalidModelException(key + ": " + file + " is the " + roles[i] + " file " + inputs[i]
                        + "; writing there would overwrite it, choose another file name");
            }
        }
    }

    /** Whether two paths name the same existing file (links followed); false when either is missing. */
    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Explains a stop at the floating-point floor, where a smaller tolerance cannot be guaranteed. */
    static String floorHint(Solution sol, double gamma) {
        return floorHint(sol.V(), sol.iterations(), sol.errorBound(), gamma);
    }

    /** As {@link #floorHint(Solution, double)} from the values, iteration count and error bound of a run. */
    static String floorHint(double[] v, int iterations, double errorBound, double gamma) {
        double mx = 0.0;
        for (double x : v) {
            mx = Math.max(mx, Math.abs(x));
        }
        double floor = RoundingFloor.errorBound(mx, gamma);
        if (gamma < 1.0 && iterations < Integer.MAX_VALUE && errorBound <= 2.0 * floor) {
            return "; the tolerance is below the rounding floor of double precision for values of this size"
                    + String.format(Locale.ROOT, " (about %.1e): use --tolerance %.0e or larger", floor, 10 * floor);
        }
        return "";
    }

    static double[][] readPolicy(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidModelException("policy: file not found: " + file);
        } catch (java.io.IOException e) {
            throw new InvalidModelException("policy: cannot read " + file + ": " + ResultWriter.reason(e));
        }
        JsonNode root = Json.parse(bytes, file.toString());
        JsonNode p = root.isObject() ? root.get("policy") : root;
        if (p == null || !p.isArray()) {
            throw new InvalidModelException("policy: " + file + " has no \"policy\" array [[...]]");
        }
        double[][] pi = new double[p.size()][];
        for (int s = 0; s < p.size(); s++) {
            JsonNode row = p.get(s);
            if (!row.isArray()) {
                throw new InvalidModelException("policy[" + s + "]: expected an array of probabilities");
            }
            pi[s] = new double[row.size()];
            for (int a = 0; a < row.size(); a++) {
                JsonNode x = row.get(a);
                if (!x.isNumber()) {
                    throw new InvalidModelException("policy[" + s + "][" + a + "]: expected a number, got " + x);
                }
                pi[s][a] = x.asDouble();
            }
        }
        return pi;
    }

    /** "png" or "svg" from the file name, or a one-line error. */
    private static String plotFormat(Path file) {
        String f = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (f.endsWith(".png")) {
            return "png";
        }
        if (f.endsWith(".svg")) {
            return "svg";
        }
        throw new InvalidModelException("plot: \"" + file + "\" should end in .png or .svg");
    }

    private void writePlot(Mdp mdp, Solution sol) {
        String title = "memarl " + sol.algorithm() + " on " + (mdp.name().isEmpty() ? "model" : mdp.name()) + ", beta = "
                + Fmt.num(beta) + ", gamma = " + Fmt.num(mdp.gamma());
        org.memarl.experiment.plot.OptionGridPlot p = new org.memarl.experiment.plot.OptionGridPlot(title, mdp.stateNames(),
                mdp.actionNames(), mdp.options().names(), sol.policy("master").matrix(),
                sol.policy("low").cube(), sol.policy("termination").matrix(),
                sol.V());
        ResultWriter.writeAtomically("plot", plot, "svg".equals(plotFormat(plot)) ? p.svg() : p.png());
    }
}
