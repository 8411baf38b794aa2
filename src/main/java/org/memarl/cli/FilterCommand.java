package org.memarl.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.memarl.InvalidModelException;
import org.memarl.UsageException;
import org.memarl.algorithms.belief.BayesFilter;
import org.memarl.algorithms.belief.FilterStep;
import org.memarl.algorithms.belief.ParticleFilter;
import org.memarl.algorithms.belief.Proposal;
import org.memarl.io.Json;
import org.memarl.io.Models;
import org.memarl.io.ResultWriter;
import org.memarl.model.Fmt;
import org.memarl.model.Pomdp;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code memarl filter}: the belief over the hidden state of a POMDP after a sequence of actions and observations
 * (thesis section 2.2.5; (5.14)-(5.17) for SMC), and the log-likelihood of the observations. Exact
 * ({@link BayesFilter}) by default; with {@code --particles K} the SMC estimate ({@link ParticleFilter}: the
 * particle belief, the effective sample size of each step's weights and the log of the unbiased likelihood
 * estimate). Writes a {@code memarl-filter/1} JSON document.
 */
@Command(name = "filter", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class, sortOptions = false,
        description = {"Filter the hidden state of a POMDP through a sequence of actions and observations: print, per step,"
                + " the belief by state name and the log-likelihood of the observations so far (exact Bayes filter), or with"
                + " --particles K the SMC estimate, its effective sample size and the likelihood estimate.",
            "Models: kind \"pomdp\" (memarl/1 JSON) or Cassandra's .pomdp.",
            "Exit status: 0 done, 2 bad usage or invalid model, 1 other."})
final class FilterCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL",
            description = "A POMDP: memarl/1 JSON of kind \"pomdp\", or Cassandra's .pomdp format.")
    Path model;

    @Option(names = "--example", paramLabel = "NAME", description = "Use a bundled POMDP instead (tiger, tiger.pomdp).")
    String example;

    @Option(names = "--actions", paramLabel = "LIST", required = true,
            description = "The actions taken, comma-separated names or indices (one per step).")
    String actions;

    @Option(names = "--observations", paramLabel = "LIST", required = true,
            description = "The observations seen after each action, comma-separated names or indices (as many as actions).")
    String observations;

    @Option(names = "--particles", paramLabel = "K", description = "Sequential Monte Carlo with K particles instead of the"
            + " exact filter.")
    Integer particles;

    @Option(names = "--proposal", paramLabel = "KIND", description = "SMC proposal: bootstrap (the transition kernel,"
            + " default) or optimal (the locally optimal proposal, proportional to T(s'|s,a) U(o|s',a)).")
    String proposal;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the SMC random stream (default 0).")
    Long seed;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the result here (atomically) instead of standard output.")
    Path out;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    @Override
    public Integer call() {
        ModelInput.requireOne(spec, model, example);
        if (particles == null && (proposal != null || seed != null)) {
            throw new UsageException((proposal != null ? "proposal: --proposal" : "seed: --seed") + " applies to SMC; give"
                    + " --particles K");
        }
        if (particles != null && particles < 1) {
            throw new UsageException("particles: " + particles + " is not a positive integer");
        }
        Proposal prop = Proposal.BOOTSTRAP;
        String propName = "bootstrap";
        if (proposal != null) {
            switch (proposal.toLowerCase(Locale.ROOT)) {
                case "bootstrap" -> {
                }
                case "optimal" -> {
                    prop = Proposal.LOCALLY_OPTIMAL;
                    propName = "optimal";
                }
                default -> throw new UsageException("proposal: " + Fmt.quote(proposal) + " is not bootstrap or optimal");
            }
        }
        checkOutput();
        ModelInput.Loaded loaded = ModelInput.load(model, example, Models.DEFAULT_MAX_BYTES, null, false, true);
        Models.Model m = loaded.model();
        String sha = loaded.sha256();
        if (!(m instanceof Models.PomdpModel pm)) {
            throw new InvalidModelException("kind: \"" + m.kind().label() + "\" where a \"pomdp\" is expected (filter runs on"
                    + " POMDPs: memarl/1 kind \"pomdp\" or Cassandra's .pomdp)");
        }
        Pomdp p = pm.pomdp();
        int[] as = indices("actions", actions, p.actions());
        int[] os = indices("observations", observations, p.observations());
        if (as.length != os.length) {
            throw new UsageException("observations: " + os.length + " given for " + as.length + " actions; give one observation"
                    + " per action");
        }
        List<FilterStep> steps = new ArrayList<>();
        for (int t = 0; t < as.length; t++) {
            steps.add(FilterStep.of(p, as[t], os[t]));
        }
        ObjectNode doc = particles == null ? exact(p, as, os, steps)
                : smc(p, as, os, steps, particles, prop, propName, seed == null ? 0L : seed);
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("format", "memarl-filter/1");
        ObjectNode mo = root.putObject("model");
        mo.put("name", p.name());
        mo.put("sha256", sha);
        root.setAll(doc);
        root.set("provenance", ResultWriter.provenance());
        byte[] bytes = Json.bytes(root);
        if (out != null) {
            ResultWriter.writeAtomically("out", out, bytes);
        } else {
            PrintWriter w = spec.commandLine().getOut();
            w.print(new String(bytes, StandardCharsets.UTF_8));
            w.flush();
        }
        return ExitCode.OK.code();
    }

    private void checkOutput() {
        SolveCommand.checkOutputFile("out", out, new String[] {"model"}, new Path[] {model});
    }

    /** A comma-separated list of names or indices. */
    static int[] indices(String key, String list, List<String> names) {
        String[] parts = list.split(",", -1);
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String x = parts[i].strip();
            int at = names.indexOf(x);
            if (at < 0 && x.matches("[0-9]{1,9}")) {
                at = Integer.parseInt(x);
                if (at >= names.size()) {
                    throw new UsageException(key + "[" + i + "]: index " + x + " is out of range (" + names.size() + " " + key
                            + ", indices from 0)");
                }
            }
            if (at < 0) {
                throw new UsageException(key + "[" + i + "]: unknown name " + Fmt.quote(x) + " (the model's " + key + ": "
                        + Fmt.safe(String.join(", ", names.size() > 20 ? names.subList(0, 20) : names))
                        + (names.size() > 20 ? ", ..." : "") + ")");
            }
            out[i] = at;
        }
        return out;
    }

    private static ObjectNode belief(Pomdp p, double[] b) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        for (int s = 0; s < b.length; s++) {
            o.put(p.states().get(s), b[s]);
        }
        return o;
    }

    private static void putLog(ObjectNode o, String key, double x) {
        if (x == Double.NEGATIVE_INFINITY) {
            o.put(key, "-inf");
        } else {
            o.put(key, x);
        }
    }

    private static ObjectNode step(Pomdp p, int t, int[] as, int[] os) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("t", t);
        if (t > 0) {
            o.put("action", p.actions().get(as[t - 1]));
            o.put("observation", p.observations().get(os[t - 1]));
        }
        return o;
    }

    /** The exact filter: beliefs, {@code p(y_t | y_<t)} and {@code log p(y_1:t)} per step. */
    static ObjectNode exact(Pomdp p, int[] as, int[] os, List<FilterStep> steps) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("filter", "exact");
        ArrayNode arr = doc.putArray("steps");
        double[] b = p.initial();
        ObjectNode first = step(p, 0, as, os);
        first.set("belief", belief(p, b));
        arr.add(first);
        double ll = 0.0;
        for (int t = 0; t < steps.size(); t++) {
            ObjectNode o = step(p, t + 1, as, os);
            if (ll > Double.NEGATIVE_INFINITY) {
                double[] nb = new double[b.length];
                double z = BayesFilter.update(b, steps.get(t), nb);
                ll += Math.log(z);
                b = nb;
                o.put("likelihood", z);
            }
            if (ll > Double.NEGATIVE_INFINITY) {
                o.set("belief", belief(p, b));
            } else {
                o.putNull("belief");
            }
            putLog(o, "logLikelihood", ll);
            arr.add(o);
        }
        putLog(doc, "logLikelihood", ll);
        doc.put("possible", ll > Double.NEGATIVE_INFINITY);
        return doc;
    }

    /** SMC: the particle beliefs, the effective sample sizes and {@code log p-hat(y_1:t)} per step. */
    static ObjectNode smc(Pomdp p, int[] as, int[] os, List<FilterStep> steps, int k, Proposal prop, String propName,
            long seed) {
        ParticleFilter.Run run = new ParticleFilter(k, prop).run(p.initial(), steps, new SplittableRandom(seed));
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("filter", "smc");
        ObjectNode par = doc.putObject("parameters");
        par.put("particles", k);
        par.put("proposal", propName);
        par.put("seed", seed);
        ArrayNode arr = doc.putArray("steps");
        ObjectNode first = step(p, 0, as, os);
        first.set("belief", belief(p, run.beliefs()[0]));
        arr.add(first);
        for (int t = 0; t < steps.size(); t++) {
            ObjectNode o = step(p, t + 1, as, os);
            double ll = run.logLikelihoods()[t];
            if (ll > Double.NEGATIVE_INFINITY) {
                o.set("belief", belief(p, run.beliefs()[t + 1]));
            } else {
                o.putNull("belief");
            }
            o.put("effectiveSampleSize", run.effectiveSampleSizes()[t]);
            putLog(o, "logLikelihood", ll);
            arr.add(o);
        }
        putLog(doc, "logLikelihood", run.logLikelihood());
        doc.put("possible", run.logLikelihood() > Double.NEGATIVE_INFINITY);
        return doc;
    }
}
