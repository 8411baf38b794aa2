package org.memarl.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.memarl.InvalidModelException;
import org.memarl.chains.ChainDeclaration;
import org.memarl.chains.RandomChainModels;
import org.memarl.io.ChainFiles;
import org.memarl.io.Models;
import org.memarl.ledger.ChainClaims;
import org.memarl.io.Json;
import org.memarl.io.ResultWriter;
import org.memarl.ledger.Claim;
import org.memarl.ledger.ClaimResult;
import org.memarl.ledger.EquationIndex;
import org.memarl.ledger.Ledger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code memarl check}: runs the theorem ledger. */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class, sortOptions = false,
        description = {"Run the theorem ledger: every numerically checkable claim of the thesis, on random models.",
                "Each claim is reported holds, falsified (with its smallest counterexample, a model file `solve` re-runs)"
                        + " or holds-when (with its condition).",
                "With --chain CHAIN.json: the generic claims of a declared chain on random models of the model's shape"
                        + " (the given --model first): contraction, per-level improvement, saddle point, monotone in each"
                        + " beta, the +-inf and 0 limits.",
                "Exit status: 0 when every claim has the status the ledger expects, 1 otherwise, 2 bad usage."})
final class CheckCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "REF", description = "Claims to run, by ref (\"Theorem 6\") or id (default: all).")
    List<String> refs = new ArrayList<>();

    @Option(names = "--trials", paramLabel = "N", defaultValue = "200", description = "Random instances per claim (default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "20201", description = "Seed of the instance generator (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "text", description = "text, json or markdown (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--counterexamples", paramLabel = "DIR",
            description = "Write each counterexample's model to DIR/<claim id>.json, ready for `solve`, and its parameters"
                    + " and failed check to DIR/<claim id>.counterexample.json (DIR is created if missing).")
    Path counterexamples;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    @Option(names = "--chain", paramLabel = "CHAIN.json",
            description = "Run the generic claims of a declared chain (memarl-chain/1) instead of the thesis ledger:"
                    + " contraction, per-level improvement, saddle point, monotone in each beta, the limits."
                    + " With --equals: the first chain.")
    Path chain;

    @Option(names = "--equals", paramLabel = "FILE",
            description = "With --chain A: whether A and this chain have the same fixed point on the model (--model) and on"
                    + " random models like it, or on random models of A's shape; holds (exit 0) or falsified (exit 1, with"
                    + " the smallest counterexample).")
    Path equals;

    @Option(names = "--model", paramLabel = "MODEL",
            description = "With --chain: check the chain on this model first, then on random models of its shape"
                    + " (default: a small model of the kind the chain's choices name). The claims are about the discounted"
                    + " fixed point: a horizon is dropped and gamma 1 becomes 0.9.")
    Path model;

    @Option(names = "--param", paramLabel = "NAME=X",
            description = "With --chain: the value of a \"$NAME\" beta (repeatable; with --equals for both chains, and unset"
                    + " ones are drawn per model).")
    java.util.Map<String, String> params = new java.util.LinkedHashMap<>();

    @Option(names = "--explain", paramLabel = "REF",
            description = "Print the equation index's row for REF (3.31, eq. (2.27), Theorem 9; case-insensitive): its role,"
                    + " the code that implements it, the claims that check it with their expected status, and the command"
                    + " that replays a counterexample; runs no claim (docs/equations.md).")
    String explain;
    @Option(names = "--list", description = "List the claims (ref, id, one-line statement, expected status) and exit.")
    boolean list;

    @Option(names = "--replay", paramLabel = "FILE|ID@SEED/SIZE",
            description = "Replay a counterexample: regenerate its instance (a FILE.counterexample.json written by"
                    + " --counterexamples, or claim ID, SEED and SIZE), recompute both sides of the failed comparison and"
                    + " print them; exit 0 when the violation is reproduced on a valid instance, 1 otherwise.")
    String replay;

    /** The most random instances per claim (500 times the default): a bound on the time of a check. */
    static final int MAX_TRIALS = 100_000;

    @Override
    public Integer call() throws Exception {
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!fmt.equals("text") && !fmt.equals("json") && !fmt.equals("markdown")) {
            throw new InvalidModelException("format: \"" + format + "\" is not text, json or markdown");
        }
        if (trials < 1) {
            throw new InvalidModelException("trials: " + trials + " is not a positive integer");
        }
        if (trials > MAX_TRIALS) {
            throw new InvalidModelException("trials: " + trials + " is more than " + MAX_TRIALS
                    + ", the most random instances per claim a check runs");
        }
        if (explain != null) {
            return explain();
        }
        if (equals != null) {
            return equalsCheck(fmt);
        }
        if (list) {
            return list(Ledger.standard().select(refs), fmt);
        }
        if (replay != null) {
            return LedgerReport.replay(replay, fmt, spec.commandLine().getOut());
        }
        Ledger ledger = chain != null ? chainLedger() : Ledger.standard();
        if (chain == null && (model != null || !params.isEmpty())) {
            throw new InvalidModelException((model != null ? "--model" : "--param") + ": needs --chain");
        }
        List<Claim> selected = ledger.select(refs);
        for (String r : refs) {
            if (ledger.select(List.of(r)).isEmpty()) {
                List<String> near = ledger.suggestions(r);
                throw new InvalidModelException("check: no claim has ref or id \"" + r + "\""
                        + (near.isEmpty() ? "" : "; did you mean " + String.join(", ", near.stream().map(x -> "\"" + x + "\"")
                                .toList()) + "?") + " (check --list lists the claims)");
            }
        }
        if (counterexamples != null) {
            if (Files.exists(counterexamples) && !Files.isDirectory(counterexamples)) {
                throw new InvalidModelException("counterexamples: " + counterexamples + " is a file, expected a folder");
            }
            try {
                Files.createDirectories(counterexamples);
            } catch (java.io.IOException e) {
                throw new InvalidModelException("counterexamples: cannot create folder " + counterexamples + ": " + e.getMessage());
            }
        }
        List<ClaimResult> results = new ArrayList<>();
        boolean ok = true;
        for (Claim c : selected) {
            ClaimResult r = Ledger.run(c, trials, seed);
            results.add(r);
            ok &= r.asExpected();
            if (counterexamples != null && r.counterexample() != null) {
                // the model alone (what `solve` reads) and, beside it, everything a replay needs: the model again, the
                // parameters and inputs of the failed check, the claim, seed and size, and the command
                ResultWriter.writeAtomically(counterexamples.resolve(c.id() + ".json"),
                        Json.bytes(r.counterexample().get("model")));
                com.fasterxml.jackson.databind.node.ObjectNode about = r.counterexample().deepCopy();
                about.put("modelFile", c.id() + ".json");
                if (chain == null) {
                    about.put("command", LedgerReport.replayCommand(counterexamples.resolve(c.id() + ".counterexample.json")
                            .toString()));
                }
                ResultWriter.writeAtomically(counterexamples.resolve(c.id() + ".counterexample.json"), Json.bytes(about));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        switch (fmt) {
            case "json":
                out.print(new String(Json.bytes(LedgerReport.json(results, replayDir())), StandardCharsets.UTF_8));
                break;
            case "markdown":
                LedgerReport.markdown(out, results, replayDir());
                break;
            default:
                LedgerReport.text(out, results, replayDir());
                break;
        }
        out.flush();
        return ok ? ExitCode.OK.code() : ExitCode.ERROR.code();
    }

    /** {@code check --explain REF}: the rows of the equation index ({@link EquationIndex}) REF names; runs no claim. */
    private int explain() {
        if (!refs.isEmpty() || chain != null) {
            throw new InvalidModelException("check: --explain " + explain + " cannot be combined with "
                    + (chain != null ? "--chain" : "claim refs " + refs) + "; it prints the index's rows and runs no claim");
        }
        String text = EquationIndex.load().explain(explain, Ledger.standard().claims());
        PrintWriter out = spec.commandLine().getOut();
        out.print(text);
        out.flush();
        return ExitCode.OK.code();
    }

    /** {@code check --chain A --equals B} ({@link EqualsCheck}); the options without a ledger run. */
    private int equalsCheck(String fmt) {
        if (!refs.isEmpty()) {
            throw new InvalidModelException("check: claim refs " + refs + " cannot be combined with --equals");
        }
        if (chain == null) {
            throw new InvalidModelException("check: --equals needs --chain FILE");
        }
        List<String> raw = new ArrayList<>();
        params.forEach((k, v) -> raw.add(k + "=" + v));
        return new EqualsCheck(chain, equals, model, raw, trials, seed, fmt, counterexamples).run(spec.commandLine().getOut());
    }

    /**
     * {@code --chain FILE [--model MODEL] [--param NAME=X ...]}: the generic claims (a)-(e) of the declared chain
     * ({@link ChainClaims}) over the given model (checked first) and random models of its shape, or of a default
     * shape for the chain's choices.
     */
    private Ledger chainLedger() {
        ChainDeclaration decl = ChainFiles.read(chain);
        java.util.Map<String, Double> values = chainParams(decl, params);
        Object given = model == null ? null : chainModel(model);
        RandomChainModels.Shape shape = given instanceof org.memarl.model.Mdp m ? RandomChainModels.Shape.of(m)
                : given instanceof org.memarl.model.Game g ? RandomChainModels.Shape.of(g)
                : RandomChainModels.Shape.defaultFor(decl);
        ChainClaims.Subject s = ChainClaims.declared(decl, values, shape, given);
        List<long[]> first = given == null ? List.of() : List.of(new long[] {0L, 0});
        return new Ledger(ChainClaims.all("", "chain " + decl.name(), s, first));
    }

    /**
     * The {@code --param NAME=X} values of a chain's {@code $NAME} betas (numbers, {@code inf}, {@code -inf}).
     *
     * @throws InvalidModelException naming a parameter the chain does not have, or a value that is not a beta
     */
    static java.util.Map<String, Double> chainParams(ChainDeclaration decl, java.util.Map<String, String> raw) {
        java.util.Map<String, Double> values = new java.util.HashMap<>();
        BetaConverter beta = new BetaConverter();
        for (java.util.Map.Entry<String, String> e : raw.entrySet()) {
            if (!decl.parameters().contains(e.getKey())) {
                throw new InvalidModelException("--param: \"" + e.getKey() + "\" is not a parameter of the chain; it has "
                        + decl.parameters());
            }
            try {
                values.put(e.getKey(), beta.convert(e.getValue()));
            } catch (CommandLine.TypeConversionException x) {
                throw new InvalidModelException("--param " + e.getKey() + ": " + x.getMessage());
            }
        }
        return values;
    }

    /**
     * The {@code --model} of a chain check: an {@link org.memarl.model.Mdp} or a {@link org.memarl.model.Game}.
     *
     * @throws InvalidModelException for a bad file or another kind of model
     */
    static Object chainModel(Path file) {
        Models.Model m = Models.read(file);
        if (m instanceof Models.MdpModel mm) {
            return mm.mdp();
        }
        if (m instanceof Models.GameModel gm) {
            return gm.game();
        }
        throw new InvalidModelException("--model: a chain is checked on an mdp or a game, not a " + m.kind().label());
    }

    /** Where the counterexample files are (replay commands name them), or null: replay by id, seed and size. */
    private Path replayDir() {
        return chain != null ? null : counterexamples;
    }

    /** {@code check --list}: ref, id, one-line statement and expected status of each claim. */
    private int list(List<Claim> claims, String fmt) {
        PrintWriter out = spec.commandLine().getOut();
        LedgerReport.list(out, claims, fmt);
        out.flush();
        return ExitCode.OK.code();
    }
}
