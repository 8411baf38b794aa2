package org.memarl.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.memarl.InvalidModelException;
import org.memarl.model.OptionSpec;

/**
 * Reads the {@code "options"} object of an MDP (or one player's entry of a game's
 * {@code "options": {"agent": {...}, "opponent": {...}}}), documented in {@code docs/model-format.md}:
 * {@code {"count": m, "actionPrior": P[z][s][a], "terminationPrior": p or P[s][z], "masterPrior": P[s][z]}}.
 * Defaults: every option uses the model's action prior, termination probability 0.5, master prior 1/m.
 */
final class OptionReader {
    static final Set<String> OPTION_KEYS = Set.of("count", "names", "actionPrior", "terminationPrior", "masterPrior");
    /** The thesis does not fix P^T; 0.5 makes b a fair coin. */
    static final double DEFAULT_TERMINATION = 0.5;

    private OptionReader() {
    }

    static OptionSpec read(JsonNode node, String key, int states, int actions, double[] basePrior) {
        if (!node.isObject()) {
            throw new InvalidModelException(key + ": expected an object {\"count\": m, ...}, got " + ModelReader.type(node));
        }
        ModelReader.checkKeys(node, OPTION_KEYS, key + ".");
        JsonNode c = node.get("count");
        if (c == null || c.isNull()) {
            throw new InvalidModelException(key + ".count: missing");
        }
        if (!c.isIntegralNumber() || c.asLong() < 1 || c.asLong() > 10_000) {
            throw new InvalidModelException(key + ".count: " + ModelReader.value(c) + " is not a positive number of options (at most 10000)");
        }
        int m = c.asInt();
        double[][][] ap = null;
        JsonNode apn = node.get("actionPrior");
        if (apn != null) {
            String k = key + ".actionPrior";
            if (!apn.isArray() || apn.size() != m) {
                throw new InvalidModelException(k + ": " + (apn.isArray() ? apn.size() + " entries" : ModelReader.type(apn))
                        + ", expected " + m + " (one P[s][a] per option)");
            }
            ap = new double[m][][];
            for (int z = 0; z < m; z++) {
                ap[z] = ModelReader.matrix(apn.get(z), k + "[" + z + "]", states, actions);
            }
        }
        double[][] term = null;
        double termAll = DEFAULT_TERMINATION;
        JsonNode tn = node.get("terminationPrior");
        if (tn != null) {
            String k = key + ".terminationPrior";
            if (tn.isNumber()) {
                termAll = ModelReader.number(tn, k);
            } else {
                term = optionMatrix(tn, k, states, m);
            }
        }
        double[][] master = null;
        JsonNode mn = node.get("masterPrior");
        if (mn != null) {
            master = optionMatrix(mn, key + ".masterPrior", states, m);
        }
        OptionSpec spec = OptionSpec.of(key, m, states, actions, ap, basePrior, term, termAll, master);
        JsonNode names = node.get("names");
        if (names != null) {
            if (!names.isArray()) {
                throw new InvalidModelException(key + ".names: expected a list of " + m + " names, got " + ModelReader.type(names));
            }
            spec = spec.withNames(key, ModelReader.names(names, key + ".names"));
        }
        return spec;
    }

    private static double[][] optionMatrix(JsonNode n, String key, int states, int m) {
        if (!n.isArray()) {
            throw new InvalidModelException(key + ": expected " + states + " rows of " + m + " numbers ([s][z]), got "
                    + ModelReader.type(n));
        }
        if (n.size() != states) {
            throw new InvalidModelException(key + ": " + n.size() + " rows, expected " + states + " (one per state)");
        }
        double[][] out = new double[states][];
        for (int s = 0; s < states; s++) {
            out[s] = ModelReader.vector(n.get(s), key + "[" + s + "]", m, "one per option");
        }
        return out;
    }
}
