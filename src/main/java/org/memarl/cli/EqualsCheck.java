package org.memarl.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.memarl.InvalidModelException;
import org.memarl.chains.ChainDeclaration;
import org.memarl.chains.ChainEquivalence;
import org.memarl.chains.EquivalenceModel;
import org.memarl.chains.EquivalenceModels;
import org.memarl.chains.RandomChainModels;
import org.memarl.io.ChainFiles;
import org.memarl.io.GameWriter;
import org.memarl.io.Json;
import org.memarl.io.ModelWriter;
import org.memarl.io.Models;
import org.memarl.io.ResultWriter;

/**
 * {@code check --chain A.json --equals B.json [--model MODEL] [--param NAME=X ...]}: whether two declared
 * chains have the same fixed point ({@link ChainEquivalence}) on the given model and random models like it
 * (or, without a model, random models of a shape fitting A's choices). Prints holds or falsified with the
 * smallest counterexample; with {@code --counterexamples DIR} writes its model to
 * {@code DIR/<A>-equals-<B>.json} (ready for {@code solve --chain}) and the rest to
 * {@code DIR/<A>-equals-<B>.counterexample.json}. Exit 0 holds, 1 falsified, 2 bad input.
 */
final class EqualsCheck {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final Path chainA;
    private final Path chainB;
    private final Path modelFile;
    private final List<String> params;
    private final int trials;
    private final long seed;
    private final String format;
    private final Path counterexamples;

    EqualsCheck(Path chainA, Path chainB, Path modelFile, List<String> params, int trials, long seed, String format,
                Path counterexamples) {
        this.chainA = chainA;
        this.chainB = chainB;
        this.modelFile = modelFile;
        this.params = params;
        this.trials = trials;
        this.seed = seed;
        this.format = format;
        this.counterexamples = counterexamples;
    }

    /** Parses {@code NAME=X} parameters (X a number, inf or -inf). */
    static Map<String, Double> parseParams(List<String> raw) {
        Map<String, Double> out = new LinkedHashMap<>();
        BetaConverter conv = new BetaConverter();
        for (int i = 0; i < raw.size(); i++) {
            String p = raw.get(i);
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new InvalidModelException("param[" + i + "]: \"" + p + "\" is not NAME=X");
            }
            String name = p.substring(0, eq).trim();
            if (name.startsWith("$")) {
                name = name.substring(1);
            }
            double v;
            try {
                v = conv.convert(p.substring(eq + 1));
            } catch (RuntimeException e) {
                throw new InvalidModelException("param " + name + ": \"" + p.substring(eq + 1) + "\" is not a number, inf or -inf");
            }
            if (out.put(name, v) != null) {
                throw new InvalidModelException("param " + name + ": given twice");
            }
        }
        return out;
    }

    private static ChainDeclaration readChain(Path file, String option) {
        if (!Files.exists(file)) {
            throw new InvalidModelException(option + ": file not found: " + file);
        }
        try {
            return ChainFiles.read(file);
        } catch (InvalidModelException e) {
            throw new InvalidModelException(file + ": " + e.getMessage(), e);
        }
    }

    private static EquivalenceModel readModel(Path file) {
        Models.Model m = Models.read(file);
        if (m instanceof Models.MdpModel mm) {
            return EquivalenceModel.of(mm.mdp());
        }
        if (m instanceof Models.GameModel gm) {
            return EquivalenceModel.of(gm.game());
        }
        throw new InvalidModelException("model: " + file + " is a " + m.kind().label()
                + "; chains reduce the choices of an mdp, game or matrix-game");
    }

    /** Binds a declaration once, so that a misfit is reported with its file before any solve. */
    private static void bind(ChainDeclaration d, Path file, EquivalenceModel model, Map<String, Double> given) {
        Map<String, Double> p = new LinkedHashMap<>(given);
        for (String name : d.parameters()) {
            p.putIfAbsent(name, 1.0);
        }
        try {
            d.problem(model.choiceModel(), p);
        } catch (InvalidModelException e) {
            throw new InvalidModelException(file + ": " + e.getMessage(), e);
        }
    }

    private String stem(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".json") ? n.substring(0, n.length() - 5) : n;
    }

    int run(PrintWriter out) {
        Map<String, Double> given = parseParams(params);
        ChainDeclaration a = readChain(chainA, "chain");
        ChainDeclaration b = readChain(chainB, "equals");
        EquivalenceModel model = modelFile == null ? null : readModel(modelFile);
        EquivalenceModel probe = model;
        if (probe == null) {
            ChainEquivalence.requireShapeFree(a, b);
            Set<String> choices = new HashSet<>();
            for (ChainDeclaration.Level l : a.levels()) {
                choices.add(l.choice());
            }
            try {
                probe = EquivalenceModels.ofChoices(choices, 1, new SplittableRandom(seed));
            } catch (InvalidModelException e) {
                throw new InvalidModelException(chainA + ": " + e.getMessage(), e);
            }
        }
        bind(a, chainA, probe, given);
        bind(b, chainB, probe, given);
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
        ChainEquivalence.Result r;
        try {
            r = ChainEquivalence.check(a, b, model, given, trials, seed);
        } catch (InvalidModelException e) {
            throw new InvalidModelException(chainA.getFileName() + " = " + chainB.getFileName() + ": " + e.getMessage(), e);
        }
        String id = stem(chainA) + "-equals-" + stem(chainB);
        ObjectNode ce = r.counterexample() == null ? null : counterexample(r, a, b);
        Path written = null;
        if (ce != null && counterexamples != null) {
            written = counterexamples.resolve(id + ".json");
            ResultWriter.writeAtomically(written, Json.bytes(ce.get("model")));
            ObjectNode about = ce.deepCopy();
            about.put("model", id + ".json");
            about.put("chain", chainA.toString());
            about.put("equals", chainB.toString());
            about.putArray("rerun").add(solveCommand(written, chainA, ce)).add(solveCommand(written, chainB, ce));
            ResultWriter.writeAtomically(counterexamples.resolve(id + ".counterexample.json"), Json.bytes(about));
        }
        switch (format) {
            case "json":
                out.print(new String(Json.bytes(json(r, ce, given)), StandardCharsets.UTF_8));
                break;
            case "markdown":
                out.println("| chain | equals | status | models | max gap |");
                out.println("|---|---|---|---|---|");
                out.printf("| %s | %s | %s | %d | %.3g |%n", chainA, chainB, r.label(), r.trials(), r.maxGap());
                if (ce != null) {
                    out.println();
                    out.println("Counterexample: " + ce.get("detail").asText() + "; parameters " + ce.get("parameters"));
                }
                break;
            default:
                text(out, r, ce, given, written);
                break;
        }
        out.flush();
        return r.holds() ? ExitCode.OK.code() : ExitCode.ERROR.code();
    }

    private String modelsTried(ChainEquivalence.Result r) {
        return r.trials() + " models (" + (modelFile != null ? "the given model and " + (r.trials() - 1) + " like it"
                : "random models of the chains' shape") + ")";
    }

    private void text(PrintWriter out, ChainEquivalence.Result r, ObjectNode ce, Map<String, Double> given, Path written) {
        out.printf("%-10s %s = %s on %s, max gap %.3g%n", r.label(), chainA, chainB, modelsTried(r), r.maxGap());
        Set<String> drawn = new java.util.LinkedHashSet<>(r.first().parameters());
        drawn.addAll(r.second().parameters());
        drawn.removeAll(given.keySet());
        if (!drawn.isEmpty()) {
            out.println("           parameters drawn per model (+-inf, 0, +-10^u): " + String.join(", ", drawn));
        }
        if (ce != null) {
            out.println("           counterexample: " + ce.get("detail").asText());
            if (ce.get("parameters").size() > 0) {
                out.println("           parameters: " + ce.get("parameters"));
            }
            if (written != null) {
                out.println("           model written to " + written + "; re-run: " + solveCommand(written, chainA, ce));
            }
        }
    }

    private static String solveCommand(Path model, Path chain, ObjectNode ce) {
        StringBuilder sb = new StringBuilder("memarl solve ").append(model).append(" --chain ").append(chain);
        ce.get("parameters").fields().forEachRemaining(e -> sb.append(" --param ").append(e.getKey()).append('=')
                .append(e.getValue().asText()));
        return sb.toString();
    }

    private ObjectNode counterexample(ChainEquivalence.Result r, ChainDeclaration a, ChainDeclaration b) {
        ChainEquivalence.Counterexample c = r.counterexample();
        ChainEquivalence.Comparison cmp = c.comparison();
        ObjectNode o = F.objectNode();
        EquivalenceModel m = c.model();
        o.set("model", m.mdp() != null ? ModelWriter.toJson(m.mdp()) : GameWriter.toJson(m.game()));
        ObjectNode p = o.putObject("parameters");
        c.parameters().forEach((k, v) -> p.set(k, ResultWriter.node(v)));
        o.put("detail", c.detail(a.name(), b.name()));
        o.put("givenModel", c.givenModel());
        o.put("context", cmp.contextName());
        ObjectNode v = o.putObject("values");
        v.put("chain", cmp.first().value(cmp.context()));
        v.put("equals", cmp.second().value(cmp.context()));
        o.put("gap", cmp.gap());
        o.put("tolerance", cmp.tolerance());
        return o;
    }

    private ObjectNode json(ChainEquivalence.Result r, ObjectNode ce, Map<String, Double> given) {
        ObjectNode root = F.objectNode();
        ObjectNode e = root.putObject("equivalence");
        e.put("chain", chainA.toString());
        e.put("equals", chainB.toString());
        e.put("names", r.first().name() + " = " + r.second().name());
        if (modelFile != null) {
            e.put("model", modelFile.toString());
        } else {
            e.putNull("model");
        }
        ObjectNode p = e.putObject("parameters");
        given.forEach((k, v) -> p.set(k, ResultWriter.node(v)));
        e.put("status", r.label());
        e.put("trials", r.trials());
        e.put("maxGap", r.maxGap());
        if (ce == null) {
            e.putNull("counterexample");
        } else {
            e.set("counterexample", ce);
        }
        return root;
    }
}
