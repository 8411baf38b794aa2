package org.memarl.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.memarl.InvalidModelException;
import org.memarl.chains.ChainDeclaration;

/**
 * Reads and writes declared chains, format {@code memarl-chain/1} ({@code docs/model-format.md}, "Declared
 * chains"): {@code format}, optional {@code name}, optional {@code reward} ({@code "agent"} or
 * {@code "opponent"}), and {@code levels}, outermost first, each {@code {"choice": NAME, "beta": X | "inf" |
 * "-inf" | "$param", "prior": NAME | {"given": [CHOICE, ...], "table": P[s][given...][x]}}} ({@code prior}
 * optional). Strict: unknown or duplicate keys, wrong types and ragged tables are errors with one line that
 * names the key ({@code levels[1].prior.given[0]: ...}). What depends on the model (which choices exist,
 * the table's sizes, whether {@code given} names outer levels) is checked when the declaration is bound
 * ({@link ChainDeclaration#problem}).
 */
public final class ChainFiles {
    /** The format tag. */
    public static final String FORMAT = "memarl-chain/1";
    private static final Set<String> KEYS = Set.of("format", "name", "reward", "levels");
    private static final Set<String> LEVEL_KEYS = Set.of("choice", "beta", "prior");
    private static final Set<String> PRIOR_KEYS = Set.of("given", "table");

    private ChainFiles() {
    }

    /** Reads a chain file. */
    public static ChainDeclaration read(Path file) {
        return parse(ModelReader.readBytes(file), file.toString());
    }

    /** Parses chain-file bytes; {@code what} names the input in messages about malformed JSON. */
    public static ChainDeclaration parse(byte[] bytes, String what) {
        return parse(Json.parse(bytes, what));
    }

    /** Parses a chain-file tree. */
    public static ChainDeclaration parse(JsonNode root) {
        if (!root.isObject()) {
            throw new InvalidModelException("chain: expected a JSON object, got " + ModelReader.type(root));
        }
        ModelReader.checkKeys(root, KEYS, "");
        JsonNode f = root.get("format");
        if (f == null || f.isNull()) {
            throw new InvalidModelException("format: missing, expected \"" + FORMAT + "\"");
        }
        if (!f.isTextual() || !FORMAT.equals(f.asText())) {
            throw new InvalidModelException("format: " + ModelReader.value(f) + " is not \"" + FORMAT + "\"");
        }
        ChainDeclaration.Builder b = ChainDeclaration.builder();
        JsonNode name = root.get("name");
        if (name != null) {
            if (!name.isTextual()) {
                throw new InvalidModelException("name: expected a string, got " + ModelReader.type(name));
            }
            b.name(name.asText());
        }
        JsonNode reward = root.get("reward");
        if (reward != null) {
            if (!reward.isTextual() || !(reward.asText().equals("agent") || reward.asText().equals("opponent"))) {
                throw new InvalidModelException("reward: " + ModelReader.value(reward) + " is not \"agent\" or \"opponent\"");
            }
            b.reward(reward.asText());
        }
        JsonNode levels = root.get("levels");
        if (levels == null || levels.isNull()) {
            throw new InvalidModelException("levels: missing (a list of levels, outermost first)");
        }
        if (!levels.isArray() || levels.size() == 0) {
            throw new InvalidModelException("levels: expected a non-empty list of levels, got " + ModelReader.type(levels));
        }
        for (int k = 0; k < levels.size(); k++) {
            level(b, levels.get(k), "levels[" + k + "]");
        }
        return b.build();
    }

    private static void level(ChainDeclaration.Builder b, JsonNode l, String key) {
        if (!l.isObject()) {
            throw new InvalidModelException(key + ": expected an object {\"choice\", \"beta\", \"prior\"}, got "
                    + ModelReader.type(l));
        }
        ModelReader.checkKeys(l, LEVEL_KEYS, key + ".");
        JsonNode choice = l.get("choice");
        if (choice == null || choice.isNull()) {
            throw new InvalidModelException(key + ".choice: missing");
        }
        if (!choice.isTextual()) {
            throw new InvalidModelException(key + ".choice: expected a choice name, got " + ModelReader.type(choice));
        }
        ChainDeclaration.Prior prior = l.has("prior") ? prior(l.get("prior"), key + ".prior") : null;
        JsonNode beta = l.get("beta");
        if (beta == null || beta.isNull()) {
            throw new InvalidModelException(key + ".beta: missing (a number, \"inf\", \"-inf\" or \"$name\")");
        }
        if (beta.isTextual() && beta.asText().startsWith("$")) {
            String p = beta.asText().substring(1);
            if (!p.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
                throw new InvalidModelException(key + ".beta: " + beta + " is not a parameter name ($ then a letter,"
                        + " then letters, digits, _ . -)");
            }
            b.level(choice.asText(), p, prior);
            return;
        }
        b.level(choice.asText(), beta(beta, key + ".beta"), prior);
    }

    /** A beta: a finite number, {@code "inf"}, {@code "-inf"} (also {@code "+inf"}). */
    static double beta(JsonNode n, String key) {
        if (n.isTextual()) {
            switch (n.asText()) {
                case "inf":
                case "+inf":
                    return Double.POSITIVE_INFINITY;
                case "-inf":
                    return Double.NEGATIVE_INFINITY;
                default:
                    throw new InvalidModelException(key + ": " + n + " is not a number, \"inf\", \"-inf\" or \"$name\"");
            }
        }
        if (!n.isNumber()) {
            throw new InvalidModelException(key + ": expected a number, \"inf\", \"-inf\" or \"$name\", got "
                    + ModelReader.type(n));
        }
        double v = n.asDouble();
        if (Double.isNaN(v)) {
            throw new InvalidModelException(key + ": NaN is not an inverse temperature");
        }
        return v;
    }

    private static ChainDeclaration.Prior prior(JsonNode p, String key) {
        if (p.isTextual()) {
            return ChainDeclaration.Prior.named(p.asText());
        }
        if (!p.isObject()) {
            throw new InvalidModelException(key + ": expected a prior name or {\"given\": [...], \"table\": [...]}, got "
                    + ModelReader.type(p));
        }
        ModelReader.checkKeys(p, PRIOR_KEYS, key + ".");
        List<String> given = new ArrayList<>();
        JsonNode g = p.get("given");
        if (g != null && !g.isNull()) {
            if (!g.isArray()) {
                throw new InvalidModelException(key + ".given: expected a list of outer choices, got " + ModelReader.type(g));
            }
            for (int i = 0; i < g.size(); i++) {
                if (!g.get(i).isTextual()) {
                    throw new InvalidModelException(key + ".given[" + i + "]: expected a choice name, got "
                            + ModelReader.type(g.get(i)));
                }
                given.add(g.get(i).asText());
            }
        }
        JsonNode t = p.get("table");
        if (t == null || t.isNull()) {
            throw new InvalidModelException(key + ".table: missing (P[s][given...][x])");
        }
        int depth = given.size() + 2;
        int[] dims = new int[depth];
        JsonNode n = t;
        for (int d = 0; d < depth; d++) {
            if (!n.isArray() || n.size() == 0) {
                throw new InvalidModelException(key + ".table" + "[0]".repeat(d) + ": expected a non-empty list ("
                        + depth + " nested levels: state, " + (given.isEmpty() ? "" : String.join(", ", given) + ", ")
                        + "this choice), got " + ModelReader.type(n));
            }
            dims[d] = n.size();
            n = n.get(0);
        }
        int total = 1;
        for (int d : dims) {
            total = Math.multiplyExact(total, d);
        }
        double[] flat = new double[total];
        fill(t, 0, dims, flat, new int[] {0}, key + ".table");
        return ChainDeclaration.Prior.table(given, flat, dims);
    }

    private static void fill(JsonNode n, int d, int[] dims, double[] out, int[] pos, String where) {
        if (!n.isArray() || n.size() != dims[d]) {
            throw new InvalidModelException(where + ": expected a list of " + dims[d] + ", got " + ModelReader.type(n)
                    + " (the table is not rectangular)");
        }
        for (int i = 0; i < n.size(); i++) {
            String w = where + "[" + i + "]";
            if (d == dims.length - 1) {
                out[pos[0]++] = ModelReader.number(n.get(i), w);
            } else {
                fill(n.get(i), d + 1, dims, out, pos, w);
            }
        }
    }

    /** A declaration as a chain-file tree (inline tables written back as nested lists). */
    public static ObjectNode toJson(ChainDeclaration decl) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("format", FORMAT);
        root.put("name", decl.name());
        root.put("reward", decl.reward());
        ArrayNode levels = root.putArray("levels");
        for (ChainDeclaration.Level l : decl.levels()) {
            ObjectNode o = levels.addObject();
            o.put("choice", l.choice());
            if (l.param() != null) {
                o.put("beta", "$" + l.param());
            } else if (Double.isInfinite(l.beta())) {
                o.put("beta", l.beta() > 0 ? "inf" : "-inf");
            } else {
                o.put("beta", l.beta());
            }
            ChainDeclaration.Prior p = l.prior();
            if (p != null) {
                if (p.name() != null) {
                    o.put("prior", p.name());
                } else {
                    ObjectNode po = o.putObject("prior");
                    ArrayNode g = po.putArray("given");
                    p.given().forEach(g::add);
                    po.set("table", nested(p.tableValues(), p.dims(), 0, new int[] {0}));
                }
            }
        }
        return root;
    }

    private static ArrayNode nested(double[] flat, int[] dims, int d, int[] pos) {
        ArrayNode a = Json.mapper().createArrayNode();
        for (int i = 0; i < dims[d]; i++) {
            if (d == dims.length - 1) {
                a.add(flat[pos[0]++]);
            } else {
                a.add(nested(flat, dims, d + 1, pos));
            }
        }
        return a;
    }
}
