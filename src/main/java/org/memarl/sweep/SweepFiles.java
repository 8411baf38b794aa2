package org.memarl.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.memarl.InvalidModelException;
import org.memarl.MemarlException;
import org.memarl.experiment.plot.ChartGrid;
import org.memarl.io.Json;
import org.memarl.io.ResultNames;
import org.memarl.io.ResultWriter;
import org.memarl.solve.Section;

/**
 * The files of a sweep folder, each written atomically ({@link ResultWriter#writeAtomically}): {@code sweep.json}
 * ({@code memarl-sweep/1}, see {@code docs/model-format.md}), {@code sweep.csv} (tidy: one row per value, state,
 * table and choice), {@code values.png}/{@code .svg} (V over the parameter) and {@code policy.png}/{@code .svg}
 * ({@code policy-agent}, {@code policy-opponent} for games): the policy over the parameter as stacked areas. SVG
 * text is real text.
 */
public final class SweepFiles {
    /** The format tag of {@code sweep.json}. */
    public static final String FORMAT = "memarl-sweep/1";
    /** The file name of the JSON document in a sweep folder. */
    public static final String JSON = "sweep.json";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private SweepFiles() {
    }

    /** The {@code sweep.json} document. */
    public static ObjectNode toJson(SweepResult r) {
        ObjectNode o = F.objectNode();
        o.put("format", FORMAT);
        o.put("algorithm", r.algorithm());
        ObjectNode model = o.putObject("model");
        model.put("name", r.modelName());
        model.put("sha256", r.modelSha256());
        o.put("parameter", r.parameter());
        ObjectNode fixed = o.putObject("parameters");
        r.fixed().forEach((k, v) -> fixed.set(k, ResultWriter.node(v)));
        o.set("values", ResultWriter.node(r.values()));
        o.set("V", matrix(r.V()));
        ObjectNode pols = o.putObject("policies");
        for (String p : r.policies().keySet()) {
            ArrayNode rows = pols.putArray(p);
            for (int i = 0; i < r.values().length; i++) {
                rows.add(matrix(r.policy(p, i)));
            }
        }
        ArrayNode conv = o.putArray("converged");
        for (boolean c : r.converged()) {
            conv.add(c);
        }
        ArrayNode it = o.putArray("iterations");
        for (int k : r.iterations()) {
            it.add(k);
        }
        o.set("errorBound", ResultWriter.node(r.errorBound()));
        if (r.names() != null) {
            o.set(ResultNames.SECTION, ResultWriter.node(r.names().body()));
        }
        o.set("provenance", ResultWriter.provenance());
        return o;
    }

    private static ArrayNode matrix(double[][] m) {
        ArrayNode a = F.arrayNode();
        for (double[] row : m) {
            ArrayNode r = a.addArray();
            for (double x : row) {
                r.add(x);
            }
        }
        return a;
    }

    /**
     * The tidy CSV: header {@code <parameter>,state,table,choice,value}; rows {@code V} (choice empty) and one per
     * policy entry ({@code table} = the policy's name, {@code choice} = the action's label); infinities as
     * {@code -inf} / {@code inf}; labels quoted when they hold a comma, quote or line break.
     */
    public static String csv(SweepResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.parameter()).append(",state,table,choice,value\n");
        double[] x = r.values();
        double[][] v = r.V();
        for (int i = 0; i < x.length; i++) {
            String b = num(x[i]);
            for (int s = 0; s < r.numStates(); s++) {
                String st = quote(r.stateLabels().get(s));
                sb.append(b).append(',').append(st).append(",V,,").append(num(v[i][s])).append('\n');
                for (String p : r.policies().keySet()) {
                    double[] row = r.policy(p, i)[s];
                    List<String> labels = r.choiceLabels().get(p);
                    for (int a = 0; a < row.length; a++) {
                        sb.append(b).append(',').append(st).append(',').append(p).append(',').append(quote(labels.get(a)))
                                .append(',').append(num(row[a])).append('\n');
                    }
                }
            }
        }
        return sb.toString();
    }

    private static String num(double x) {
        if (x == Double.POSITIVE_INFINITY) {
            return "inf";
        }
        if (x == Double.NEGATIVE_INFINITY) {
            return "-inf";
        }
        return Double.toString(x);
    }

    private static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** The file stem of a policy's plot: {@code policy}, {@code policy-agent}, {@code policy-opponent}. */
    public static String policyStem(String policy) {
        return "policy".equals(policy) ? "policy" : "policy-" + policy;
    }

    /**
     * Writes the sweep folder (created if missing), each file atomically.
     *
     * @return the files written, in order
     * @throws MemarlException naming {@code out} and the reason when the folder cannot be made or a file written
     */
    public static List<Path> write(SweepResult r, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new MemarlException("out: cannot create folder " + dir + ": " + ResultWriter.reason(e), e);
        }
        List<Path> written = new ArrayList<>();
        Path json = dir.resolve(JSON);
        ResultWriter.writeAtomically("out", json, Json.bytes(toJson(r)));
        written.add(json);
        Path csv = dir.resolve("sweep.csv");
        ResultWriter.writeAtomically("out", csv, csv(r).getBytes(StandardCharsets.UTF_8));
        written.add(csv);
        plot(dir, "values", SweepPlots.values(r), written);
        for (String p : r.policies().keySet()) {
            plot(dir, policyStem(p), SweepPlots.policy(r, p), written);
        }
        return written;
    }

    private static void plot(Path dir, String stem, ChartGrid g, List<Path> written) {
        Path png = dir.resolve(stem + ".png");
        ResultWriter.writeAtomically("out", png, g.png());
        written.add(png);
        Path svg = dir.resolve(stem + ".svg");
        ResultWriter.writeAtomically("out", svg, g.svg().getBytes(StandardCharsets.UTF_8));
        written.add(svg);
    }

    /**
     * Reads a sweep back from its folder or its {@code sweep.json} (for {@code report}).
     *
     * @throws InvalidModelException naming the file and key of what is missing or malformed
     */
    public static SweepResult read(Path folderOrFile) {
        Path file = Files.isDirectory(folderOrFile) ? folderOrFile.resolve(JSON) : folderOrFile;
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidModelException("input: cannot read " + file + ": " + ResultWriter.reason(e));
        }
        return fromJson(Json.parse(bytes, file.toString()), file.toString());
    }

    /** A sweep from its {@code sweep.json} tree; {@code where} names the file in errors. */
    public static SweepResult fromJson(JsonNode o, String where) {
        if (!FORMAT.equals(text(o, "format", where))) {
            throw new InvalidModelException(where + ": format: expected \"" + FORMAT + "\"");
        }
        double[] values = numbers(need(o, "values", where), where + ": values");
        double[][] v = matrix(need(o, "V", where), where + ": V");
        int n = values.length;
        int states = v.length == 0 ? 0 : v[0].length;
        JsonNode names = o.get(ResultNames.SECTION);
        List<String> stateLabels = ResultNames.labels(strings(names == null ? null : names.get("states")), states, "s");
        Map<String, double[][][]> pols = new LinkedHashMap<>();
        Map<String, List<String>> labels = new LinkedHashMap<>();
        JsonNode p = o.get("policies");
        if (p != null) {
            p.fieldNames().forEachRemaining(k -> {
                JsonNode rows = p.get(k);
                double[][][] c = new double[rows.size()][][];
                for (int i = 0; i < rows.size(); i++) {
                    c[i] = matrix(rows.get(i), where + ": policies." + k + "[" + i + "]");
                }
                pols.put(k, c);
                int m = c.length == 0 || c[0].length == 0 ? 0 : c[0][0].length;
                JsonNode an = names == null ? null : names.get("actions");
                List<String> given = an == null ? null : an.isArray() ? strings(an) : strings(an.get(k));
                if (given == null && names != null && names.has("choices")) {
                    given = strings(names.get("choices").get(k)); // a declared chain's names
                }
                labels.put(k, ResultNames.labels(given, m, "opponent".equals(k) ? "b" : "a"));
            });
        }
        boolean[] conv = new boolean[n];
        int[] it = new int[n];
        double[] eb = new double[n];
        JsonNode c = o.get("converged");
        JsonNode its = o.get("iterations");
        JsonNode ebs = o.get("errorBound");
        for (int i = 0; i < n; i++) {
            conv[i] = c == null || c.path(i).asBoolean(true);
            it[i] = its == null ? 0 : its.path(i).asInt();
            eb[i] = ebs == null ? 0 : ebs.path(i).asDouble();
        }
        Map<String, Object> fixed = new LinkedHashMap<>();
        JsonNode fp = o.get("parameters");
        if (fp != null) {
            fp.fields().forEachRemaining(e -> fixed.put(e.getKey(), e.getValue().isNumber() ? (Object) e.getValue().doubleValue()
                    : e.getValue().asText()));
        }
        Section sec = names == null ? null : ResultWriter.section(ResultNames.SECTION, names);
        JsonNode model = o.path("model");
        return new SweepResult(text(o, "algorithm", where), model.path("name").asText(""), model.path("sha256").asText(""),
                text(o, "parameter", where), fixed, values, v, pols, stateLabels, labels, sec, conv, it,
                eb);
    }

    private static JsonNode need(JsonNode o, String key, String where) {
        JsonNode n = o.get(key);
        if (n == null || n.isNull()) {
            throw new InvalidModelException(where + ": " + key + ": missing");
        }
        return n;
    }

    private static String text(JsonNode o, String key, String where) {
        JsonNode n = need(o, key, where);
        if (!n.isTextual()) {
            throw new InvalidModelException(where + ": " + key + ": expected a string, got " + n);
        }
        return n.textValue();
    }

    private static List<String> strings(JsonNode a) {
        if (a == null || !a.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        a.forEach(x -> out.add(x.asText()));
        return out;
    }

    /** Numbers, {@code "inf"} and {@code "-inf"}. */
    static double[] numbers(JsonNode a, String where) {
        if (!a.isArray()) {
            throw new InvalidModelException(where + ": expected an array of numbers");
        }
        double[] out = new double[a.size()];
        for (int i = 0; i < a.size(); i++) {
            JsonNode x = a.get(i);
            if (x.isNumber()) {
                out[i] = x.doubleValue();
            } else if ("inf".equals(x.asText())) {
                out[i] = Double.POSITIVE_INFINITY;
            } else if ("-inf".equals(x.asText())) {
                out[i] = Double.NEGATIVE_INFINITY;
            } else {
                throw new InvalidModelException(where + "[" + i + "]: expected a number, inf or -inf, got " + x);
            }
        }
        return out;
    }

    static double[][] matrix(JsonNode a, String where) {
        if (!a.isArray()) {
            throw new InvalidModelException(where + ": expected an array of arrays");
        }
        double[][] out = new double[a.size()][];
        for (int i = 0; i < a.size(); i++) {
            out[i] = numbers(a.get(i), where + "[" + i + "]");
        }
        return out;
    }
}
