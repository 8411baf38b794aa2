package org.memarl.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.memarl.experiment.plot.SvgCanvas;
import org.memarl.experiment.plot.Ticks;
import org.memarl.io.ResultNames;
import org.memarl.sweep.SweepPlots;
import org.memarl.sweep.SweepResult;

/**
 * One self-contained HTML page of a report's inputs ({@link ReportInputs}): styles inline, plots as inline SVG
 * with real text, no script and no external resource (it renders offline), large type for a projector and a print
 * style sheet. A result shows its model (sizes, gamma, names), its values and policies as tables and heatmaps with
 * the model's names (1-based labels {@code s1, a1, b1, z1} where it gives none); a sweep its plots and V at the
 * grid's limits; a ledger one row per claim with statement, status, condition and counterexample; an experiment its
 * parameters, summary and figures. The page is a function of the inputs only (no date), so it is reproducible.
 */
public final class Report {
    /** The most rows of a state table (the files hold them all). */
    static final int MAX_ROWS = 60;

    private Report() {
    }

    private static final String CSS = """
            :root { color-scheme: light; }
            body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; font-size: 20px; line-height: 1.4;
                   color: #111; background: #fff; margin: 0 auto; padding: 24px 32px; max-width: 1240px; }
            h1 { font-size: 34px; margin: 0 0 8px; }
            h2 { font-size: 28px; margin: 40px 0 8px; padding-top: 12px; border-top: 3px solid #0072b2; }
            h3 { font-size: 23px; margin: 24px 0 8px; }
            p.meta, p.note { color: #444; font-size: 17px; margin: 4px 0; }
            code { font-family: "DejaVu Sans Mono", monospace; font-size: 0.9em; background: #f2f2f2; padding: 1px 4px;
                   word-break: break-all; }
            table { border-collapse: collapse; margin: 8px 0 16px; }
            th, td { border: 1px solid #bbb; padding: 5px 10px; text-align: right; vertical-align: top; }
            th { background: #eef3f8; text-align: center; }
            th.row { text-align: left; background: #f7f7f7; }
            td.text { text-align: left; }
            table.ledger { width: 100%; table-layout: fixed; }
            table.ledger td, table.ledger th { font-size: 16px; overflow-wrap: anywhere; }
            table.ledger col.c1 { width: 15%; } table.ledger col.c2 { width: 37%; } table.ledger col.c3 { width: 12%; }
            table.ledger col.c4 { width: 12%; } table.ledger col.c5 { width: 24%; }
            .status { font-weight: bold; white-space: nowrap; padding: 2px 8px; border-radius: 4px; }
            .holds { background: #d6f0e0; color: #05532b; }
            .falsified { background: #fbdcd0; color: #7a2200; }
            .holds-when { background: #fdf0c8; color: #5a4300; }
            .other { background: #e6e6e6; }
            .kv td:first-child { text-align: left; font-weight: bold; }
            figure { margin: 12px 0 24px; }
            figure svg { width: 100%; height: auto; display: block; }
            figcaption { font-size: 16px; color: #444; }
            nav ul { margin: 4px 0; }
            @media print {
              body { font-size: 12pt; max-width: none; padding: 0; }
              h2 { break-before: page; }
              table, figure { break-inside: avoid; }
            }
            """;

    /** The page. */
    public static String html(String title, List<ReportInputs.Input> inputs) {
        StringBuilder b = new StringBuilder(1 << 16);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(esc(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        b.append("<h1>").append(esc(title)).append("</h1>\n<p class=\"meta\">memarl ")
                .append(esc(org.memarl.Version.get())).append(", ").append(inputs.size()).append(" input")
                .append(inputs.size() == 1 ? "" : "s").append(". Values in reward units; V = (1/\u03b2) log \u03a3 P exp(\u03b2 Q).</p>\n");
        if (inputs.size() > 1) {
            b.append("<nav><ul>\n");
            for (int i = 0; i < inputs.size(); i++) {
                b.append("<li><a href=\"#input-").append(i + 1).append("\">").append(esc(heading(inputs.get(i))))
                        .append("</a></li>\n");
            }
            b.append("</ul></nav>\n");
        }
        for (int i = 0; i < inputs.size(); i++) {
            ReportInputs.Input in = inputs.get(i);
            b.append("<section id=\"input-").append(i + 1).append("\">\n<h2>").append(esc(heading(in))).append("</h2>\n");
            b.append("<p class=\"meta\">from <code>").append(esc(in.source())).append("</code></p>\n");
            if (in instanceof ReportInputs.Result r) {
                result(b, r.root());
            } else if (in instanceof ReportInputs.Sweep s) {
                sweep(b, s.sweep());
            } else if (in instanceof ReportInputs.Ledger l) {
                ledger(b, l.root());
            } else {
                experiment(b, (ReportInputs.ExperimentFolder) in);
            }
            b.append("</section>\n");
        }
        b.append("</body>\n</html>\n");
        return b.toString();
    }

    private static String heading(ReportInputs.Input in) {
        if (in instanceof ReportInputs.Result r) {
            return "Result: " + r.root().path("algorithm").asText("?") + " on " + modelName(r.root().path("model").path("name").asText(""));
        }
        if (in instanceof ReportInputs.Sweep s) {
            return "Sweep: " + s.sweep().algorithm() + " over " + s.sweep().parameter() + " on "
                    + modelName(s.sweep().modelName());
        }
        if (in instanceof ReportInputs.Ledger l) {
            return "Theorem ledger: " + l.root().path("claims").size() + " claims";
        }
        ReportInputs.ExperimentFolder e = (ReportInputs.ExperimentFolder) in;
        return "Experiment: " + (e.config() != null ? e.config().path("experiment").asText("?") : e.source());
    }

    private static String modelName(String s) {
        return s.isEmpty() ? "a model" : s;
    }

    // ---------------------------------------------------------------- results

    private static void result(StringBuilder b, JsonNode r) {
        JsonNode names = r.path(ResultNames.SECTION);
        JsonNode values = r.path("values");
        JsonNode pols = r.path("policies");
        double[] v = vector(values.path("V"));
        int n = v.length;
        boolean game = pols.has("agent") || rank(values.path("Q")) == 3;
        List<String> states = labels(names.path("states"), n, "s");
        JsonNode actionNames = names.path("actions");
        List<String[]> facts = new ArrayList<>();
        facts.add(new String[] {"algorithm", r.path("algorithm").asText()});
        facts.add(new String[] {"model", r.path("model").path("name").asText("")});
        facts.add(new String[] {"states", n + (names.has("states") ? "" : " (unnamed: s1, s2, ...)")});
        if (game) {
            facts.add(new String[] {"agent's actions", String.join(", ", agentLabels(r, actionNames))});
            facts.add(new String[] {"opponent's actions", String.join(", ", opponentLabels(r, actionNames))});
        } else if (r.has("policy") || rank(values.path("Q")) == 2) {
            facts.add(new String[] {"actions", String.join(", ", mdpActions(r, actionNames))});
        }
        if (names.has("options")) {
            JsonNode o = names.get("options");
            facts.add(new String[] {"options", o.isArray() ? join(o) : o.toString()});
        }
        r.path("parameters").fields().forEachRemaining(e -> facts.add(new String[] {e.getKey(), scalar(e.getValue())}));
        facts.add(new String[] {"converged", r.path("converged").asText()});
        facts.add(new String[] {"iterations", r.path("iterations").asText()});
        facts.add(new String[] {"error bound", scalar(r.path("errorBound"))});
        b.append("<h3>Model and run</h3>\n<table class=\"kv\">\n");
        for (String[] f : facts) {
            b.append("<tr><td>").append(esc(f[0])).append("</td><td class=\"text\">").append(esc(f[1])).append("</td></tr>\n");
        }
        b.append("</table>\n");
        if (n > 0) {
            b.append("<h3>Values V(s)</h3>\n");
            heatmap(b, states, List.of("V"), column(v), false);
        }
        if (!game && rank(values.path("Q")) == 2) {
            b.append("<h3>Q(s, a)</h3>\n");
            heatmap(b, states, mdpActions(r, actionNames), matrix(values.path("Q")), false);
        }
        if (rank(r.path("policy")) == 2) {
            b.append("<h3>Policy \u03c0(a | s)</h3>\n");
            heatmap(b, states, mdpActions(r, actionNames), matrix(r.path("policy")), true);
        }
        if (game) {
            if (rank(pols.path("agent")) == 2) {
                b.append("<h3>Agent's policy \u03c0(a | s)</h3>\n");
                heatmap(b, states, agentLabels(r, actionNames), matrix(pols.path("agent")), true);
            }
            if (rank(pols.path("opponent")) == 2) {
                b.append("<h3>Opponent's policy \u03c1(b | s)</h3>\n");
                heatmap(b, states, opponentLabels(r, actionNames), matrix(pols.path("opponent")), true);
            }
            JsonNode q = values.path("Q");
            if (rank(q) == 3) {
                for (int s = 0; s < Math.min(q.size(), 4); s++) {
                    b.append("<h3>Agent's Q(").append(esc(states.get(s))).append(", a, b)</h3>\n");
                    heatmap(b, agentLabels(r, actionNames), opponentLabels(r, actionNames), matrix(q.get(s)), false);
                }
                if (q.size() > 4) {
                    b.append("<p class=\"note\">Q of the first 4 of ").append(q.size()).append(" states shown.</p>\n");
                }
            }
        }
        if (rank(pols.path("master")) == 2) {
            JsonNode m = pols.path("master");
            int k = m.get(0).size();
            JsonNode on = names.path("options");
            List<String> opts = labels(on.isArray() ? on : on.path("agent"), k, "z");
            b.append("<h3>Master policy P(z | s)</h3>\n");
            heatmap(b, states, opts, matrix(m), true);
        }
    }

    private static List<String> mdpActions(JsonNode r, JsonNode actionNames) {
        JsonNode p = r.has("policy") ? r.path("policy") : r.path("values").path("Q");
        int m = p.size() == 0 ? 0 : p.get(0).size();
        return labels(actionNames.isArray() ? actionNames : null, m, "a");
    }

    private static List<String> agentLabels(JsonNode r, JsonNode actionNames) {
        JsonNode p = r.path("policies").path("agent");
        int m = p.size() > 0 ? p.get(0).size() : r.path("values").path("Q").path(0).size();
        return labels(actionNames.path("agent"), m, "a");
    }

    private static List<String> opponentLabels(JsonNode r, JsonNode actionNames) {
        JsonNode p = r.path("policies").path("opponent");
        int m = p.size() > 0 ? p.get(0).size() : r.path("values").path("Q").path(0).path(0).size();
        return labels(actionNames.path("opponent"), m, "b");
    }

    /** The given names when there are {@code n}, else {@code prefix1 .. prefixN}. */
    static List<String> labels(JsonNode names, int n, String prefix) {
        List<String> given = null;
        if (names != null && names.isArray() && names.size() == n) {
            given = new ArrayList<>();
            for (JsonNode x : names) {
                given.add(x.asText());
            }
        }
        return ResultNames.labels(given, n, prefix);
    }

    /**
     * A table whose cells are coloured by value: probabilities from white to blue (0 to 1), other numbers from white to
     * orange (smallest to largest of the table). At most {@link #MAX_ROWS} rows.
     */
    static void heatmap(StringBuilder b, List<String> rows, List<String> cols, double[][] x, boolean probabilities) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] row : x) {
            for (double v : row) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (probabilities) {
            lo = 0.0;
            hi = 1.0;
        }
        b.append("<table class=\"heat\">\n<tr><th></th>");
        for (String c : cols) {
            b.append("<th>").append(esc(c)).append("</th>");
        }
        b.append("</tr>\n");
        int shown = Math.min(x.length, MAX_ROWS);
        for (int i = 0; i < shown; i++) {
            b.append("<tr><th class=\"row\">").append(esc(i < rows.size() ? rows.get(i) : "s" + (i + 1))).append("</th>");
            for (double v : x[i]) {
                double t = hi > lo ? (v - lo) / (hi - lo) : 0.0;
                int[] c = probabilities ? mix(new int[] {0x00, 0x72, 0xb2}, t) : mix(new int[] {0xe6, 0x9f, 0x00}, t * 0.85);
                boolean dark = probabilities && t > 0.55;
                b.append("<td style=\"background:").append(String.format(Locale.ROOT, "#%02x%02x%02x", c[0], c[1], c[2]))
                        .append(dark ? ";color:#fff" : "").append("\">").append(probabilities ? prob(v) : num(v)).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n");
        if (x.length > shown) {
            b.append("<p class=\"note\">First ").append(shown).append(" of ").append(x.length)
                    .append(" rows shown; the file holds them all.</p>\n");
        }
    }

    private static int[] mix(int[] to, double t) {
        t = Math.max(0.0, Math.min(1.0, t));
        return new int[] {(int) Math.round(255 + (to[0] - 255) * t), (int) Math.round(255 + (to[1] - 255) * t),
            (int) Math.round(255 + (to[2] - 255) * t)};
    }

    // ---------------------------------------------------------------- sweeps

    private static void sweep(StringBuilder b, SweepResult s) {
        b.append("<table class=\"kv\">\n");
        kv(b, "algorithm", s.algorithm());
        kv(b, "model", s.modelName());
        kv(b, "varied", s.parameter() + ", " + s.values().length + " values from " + Ticks.format(s.values()[0])
                + " to " + Ticks.format(s.values()[s.values().length - 1]));
        s.fixed().forEach((k, v) -> kv(b, k, v instanceof Double d ? Ticks.format(d) : String.valueOf(v)));
        kv(b, "converged", s.allConverged() ? "at every value" : "not at every value (see sweep.json)");
        b.append("</table>\n");
        figure(b, SweepPlots.values(s).svgFragment(), "V(s) over " + s.parameter()
                + "; -\u221e, 0 and +\u221e marked (dashed breaks before the infinities).");
        for (String p : s.policies().keySet()) {
            figure(b, SweepPlots.policy(s, p).svgFragment(), "The " + ("policy".equals(p) ? "" : p + "'s ")
                    + "policy over " + s.parameter() + ", stacked per state.");
        }
        // V at the limits and 0
        double[] x = s.values();
        List<Integer> cols = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || x[i] == 0.0 || i == 0 || i == x.length - 1) {
                cols.add(i);
            }
        }
        List<String> colLabels = new ArrayList<>();
        for (int i : cols) {
            colLabels.add(s.parameter() + " = " + Ticks.format(x[i]));
        }
        double[][] v = s.V();
        double[][] t = new double[s.numStates()][cols.size()];
        for (int st = 0; st < s.numStates(); st++) {
            for (int j = 0; j < cols.size(); j++) {
                t[st][j] = v[cols.get(j)][st];
            }
        }
        b.append("<h3>V at the ends of the grid and at 0</h3>\n");
        heatmap(b, s.stateLabels(), colLabels, t, false);
    }

    private static void figure(StringBuilder b, String svg, String caption) {
        b.append("<figure>\n").append(svg).append("<figcaption>").append(esc(caption)).append("</figcaption>\n</figure>\n");
    }

    // ---------------------------------------------------------------- ledger

    private static void ledger(StringBuilder b, JsonNode root) {
        JsonNode claims = root.path("claims");
        java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        for (JsonNode c : claims) {
            counts.merge(c.path("status").asText("?"), 1, Integer::sum);
        }
        b.append("<p>");
        counts.forEach((k, v) -> b.append("<span class=\"status ").append(statusClass(k)).append("\">").append(esc(k))
                .append(": ").append(v).append("</span> "));
        b.append("</p>\n<table class=\"ledger\">\n<colgroup><col class=\"c1\"><col class=\"c2\"><col class=\"c3\">"
                + "<col class=\"c4\"><col class=\"c5\"></colgroup>\n<tr><th>claim</th><th>statement</th><th>status</th><th>condition</th>"
                + "<th>counterexample</th></tr>\n");
        for (JsonNode c : claims) {
            String status = c.path("status").asText("?");
            String expected = c.path("expected").asText(status);
            b.append("<tr><td class=\"text\"><b>").append(esc(c.path("ref").asText(""))).append("</b><br><code>")
                    .append(esc(c.path("id").asText(""))).append("</code></td>");
            b.append("<td class=\"text statement\">").append(esc(c.path("statement").asText(""))).append("</td>");
            b.append("<td class=\"text\"><span class=\"status ").append(statusClass(status)).append("\">").append(esc(status))
                    .append("</span>");
            if (!expected.equals(status)) {
                b.append("<br>expected ").append(esc(expected));
            }
            b.append("<br>").append(esc(c.path("trials").asText(""))).append(" trials</td>");
            b.append("<td class=\"text\">").append(esc(c.path("condition").asText(""))).append("</td>");
            b.append("<td class=\"text\">").append(counterexample(c.path("counterexample")));
            for (String k : new String[] {"replay", "command"}) {
                if (c.path(k).isTextual()) { // a ledger that names the command replaying its counterexample
                    b.append("<code>").append(esc(c.get(k).asText())).append("</code><br>");
                }
            }
            b.append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    private static String counterexample(JsonNode ce) {
        if (ce.isMissingNode() || ce.isNull()) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        JsonNode model = ce.path("model");
        if (model.isObject()) {
            s.append(esc(model.path("kind").asText("model"))).append(", ").append(esc(size(model.path("states"))))
                    .append(" state").append("1".equals(size(model.path("states"))) ? "" : "s").append("<br>");
        }
        JsonNode params = ce.path("parameters");
        if (params.isObject() && params.size() > 0) {
            List<String> kv = new ArrayList<>();
            params.fields().forEachRemaining(e -> kv.add(e.getKey() + " = " + scalar(e.getValue())));
            s.append(esc(String.join(", ", kv))).append("<br>");
        }
        if (ce.has("violation")) {
            s.append("violation <b>").append(esc(scalar(ce.get("violation")))).append("</b>");
            if (ce.has("tolerance")) {
                s.append(" (tolerance ").append(esc(scalar(ce.get("tolerance")))).append(')');
            }
            s.append("<br>");
        }
        if (ce.has("detail")) {
            s.append(esc(ce.get("detail").asText())).append("<br>");
        }
        for (String k : new String[] {"replay", "command"}) {
            if (ce.path(k).isTextual()) {
                s.append("<code>").append(esc(ce.get(k).asText())).append("</code><br>");
            }
        }
        return s.toString();
    }

    private static String size(JsonNode n) {
        return n.isArray() ? Integer.toString(n.size()) : n.asText("?");
    }

    private static String statusClass(String status) {
        return switch (status) {
            case "holds", "falsified", "holds-when" -> status;
            default -> "other";
        };
    }

    // ---------------------------------------------------------------- experiments

    private static void experiment(StringBuilder b, ReportInputs.ExperimentFolder e) {
        JsonNode params = e.config() == null ? null : e.config().path("parameters");
        if (params != null && params.isObject()) {
            b.append("<h3>Parameters</h3>\n<table class=\"kv\">\n");
            params.fields().forEachRemaining(f -> kv(b, f.getKey(), f.getValue().isValueNode() ? scalar(f.getValue())
                    : f.getValue().toString()));
            b.append("</table>\n");
        }
        if (e.summary() != null) {
            e.summary().fields().forEachRemaining(f -> {
                if (f.getValue().isArray() && f.getValue().size() > 0 && f.getValue().get(0).isObject()) {
                    b.append("<h3>").append(esc(f.getKey())).append("</h3>\n");
                    objectTable(b, f.getValue());
                }
            });
        }
        for (String[] fig : e.figures()) {
            figure(b, inlineSvg(fig[1]), fig[0]);
        }
    }

    private static void objectTable(StringBuilder b, JsonNode rows) {
        Set<String> keys = new LinkedHashSet<>();
        rows.forEach(r -> r.fieldNames().forEachRemaining(keys::add));
        b.append("<table>\n<tr>");
        for (String k : keys) {
            b.append("<th>").append(esc(k)).append("</th>");
        }
        b.append("</tr>\n");
        int i = 0;
        for (JsonNode r : rows) {
            if (i++ == MAX_ROWS) {
                break;
            }
            b.append("<tr>");
            for (String k : keys) {
                JsonNode x = r.path(k);
                b.append(x.isNumber() ? "<td>" : "<td class=\"text\">")
                        .append(esc(x.isMissingNode() ? "" : x.isValueNode() ? scalar(x) : x.toString())).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n");
    }

    /**
     * An SVG document as an inline element: the XML declaration and DOCTYPE dropped, and nothing that could load a
     * resource (external {@code href}s, scripts) kept.
     */
    static String inlineSvg(String svg) {
        String s = svg.replaceFirst("^\\s*<\\?xml[^>]*\\?>", "").replaceFirst("<!DOCTYPE[^>]*>", "");
        s = s.replaceAll("(?is)<script.*?</script>", "");
        s = s.replaceAll("(?i)(xlink:)?href\\s*=\\s*\"(?!#)[^\"]*\"", "");
        return s.strip() + "\n";
    }

    // ---------------------------------------------------------------- helpers

    private static void kv(StringBuilder b, String k, String v) {
        b.append("<tr><td>").append(esc(k)).append("</td><td class=\"text\">").append(esc(v)).append("</td></tr>\n");
    }

    private static int rank(JsonNode n) {
        int r = 0;
        while (n.isArray() && n.size() > 0) {
            r++;
            n = n.get(0);
        }
        return r;
    }

    private static double[] vector(JsonNode a) {
        double[] out = new double[a.isArray() ? a.size() : 0];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }

    private static double[][] matrix(JsonNode a) {
        double[][] out = new double[a.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = vector(a.get(i));
        }
        return out;
    }

    private static double[][] column(double[] v) {
        double[][] out = new double[v.length][1];
        for (int i = 0; i < v.length; i++) {
            out[i][0] = v[i];
        }
        return out;
    }

    private static String join(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(x -> out.add(x.asText()));
        return String.join(", ", out);
    }

    private static String scalar(JsonNode x) {
        if (x.isIntegralNumber()) {
            return x.asText();
        }
        if (x.isNumber()) {
            return num(x.doubleValue());
        }
        return x.isValueNode() ? x.asText() : x.toString();
    }

    /** A number for a table: 4 significant digits, exponent outside [1e-3, 1e5). */
    static String num(double v) {
        if (v == 0.0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e5) {
            return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.3e", v);
    }

    private static String prob(double p) {
        return String.format(Locale.ROOT, "%.3f", p);
    }

    /** HTML text escaping. */
    static String esc(String s) {
        return SvgCanvas.escape(s);
    }
}
