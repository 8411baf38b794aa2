package org.memarl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.memarl.InvalidModelException;
import org.memarl.io.Json;
import org.memarl.ledger.Claim;
import org.memarl.ledger.ClaimResult;
import org.memarl.ledger.Hypothesis;
import org.memarl.ledger.Ledger;
import org.memarl.ledger.Replay;
import org.memarl.ledger.Status;

/**
 * What {@code check} prints, in its three formats, so that a student reads in each of them the same things: the
 * statement, the status (and the expected one), the condition of a holds-when claim, the largest violation over all
 * trials, and for a falsified claim its smallest counterexample with its parameters, the two sides of the failed
 * comparison, its violation beside its tolerance, and the one command that replays it. Also {@code check --list} and
 * {@code check --replay}.
 */
final class LedgerReport {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String JAR = "java -jar target/memarl.jar";
    private static final Pattern SPEC = Pattern.compile("([A-Za-z0-9._-]+)@(-?[0-9]+)/([0-9]+)");

    private LedgerReport() {
    }

    /** The command that replays a counterexample file. */
    static String replayCommand(String file) {
        return JAR + " check --replay " + quote(file);
    }

    /** The one command that replays a result's counterexample: its file when written ({@code dir}), else ID@SEED/SIZE. */
    static String replayCommand(ClaimResult r, Path dir) {
        ObjectNode ce = r.counterexample();
        if (dir != null) {
            return replayCommand(dir.resolve(r.claim().id() + ".counterexample.json").toString());
        }
        return JAR + " check --replay " + r.claim().id() + "@" + ce.get("seed").asLong() + "/" + ce.get("size").asInt();
    }

    private static String quote(String s) {
        return s.matches("[A-Za-z0-9._/@:+=-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    /** The statement's first sentence (at most 160 characters). */
    static String oneLine(String statement) {
        String s = statement.replaceAll("\\s+", " ").trim();
        int dot = s.indexOf(". ");
        if (dot > 0 && dot < 160) {
            return s.substring(0, dot + 1);
        }
        return s.length() <= 160 ? s : s.substring(0, 157) + "...";
    }

    private static String num(double x) {
        return String.format(java.util.Locale.ROOT, "%.3g", x);
    }

    private static boolean thesis(List<ClaimResult> results) {
        Ledger standard = Ledger.standard();
        for (ClaimResult r : results) {
            if (standard.byId(r.claim().id()) == null) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ text

    static void text(PrintWriter out, List<ClaimResult> results, Path dir) {
        boolean replayable = thesis(results);
        for (ClaimResult r : results) {
            Claim c = r.claim();
            out.printf("%-11s %-30s %-28s trials %d, largest violation over the trials %s%s%n", r.status().label(),
                    c.ref(), c.id(), r.trials(), num(r.maxViolation()), r.status() == c.expected() ? ""
                            : "   UNEXPECTED (expected " + c.expected().label() + ")");
            out.println("            statement: " + c.statement());
            if (c.condition() != null) {
                out.println("            condition: " + c.condition());
            }
            ObjectNode ce = r.counterexample();
            if (ce != null) {
                out.println("            counterexample (the smallest failing instance, seed " + ce.path("seed").asText()
                        + ", size " + ce.path("size").asText() + "): violation " + num(ce.get("violation").asDouble())
                        + " > tolerance " + num(ce.get("tolerance").asDouble()));
                if (ce.has("parameters") && ce.get("parameters").size() > 0) {
                    out.println("              parameters: " + ce.get("parameters"));
                }
                if (ce.has("sides")) {
                    JsonNode sd = ce.get("sides");
                    out.println("              claimed: " + sd.get("claimed").asText() + "; here " + sd.get("left") + " vs "
                            + sd.get("right"));
                }
                out.println("              " + ce.get("detail").asText());
                if (replayable) {
                    out.println("              replay: " + replayCommand(r, dir));
                }
            }
            for (String h : r.invalidHypotheses()) {
                out.println("            INVALID INSTANCE (a generator bug), hypothesis not satisfied: " + h);
            }
        }
        long bad = results.stream().filter(r -> !r.asExpected()).count();
        out.println(results.size() + " claims, " + (results.size() - bad) + " as expected, " + bad + " unexpected");
    }

    // ------------------------------------------------------------------ json

    static ObjectNode json(List<ClaimResult> results, Path dir) {
        boolean replayable = thesis(results);
        ObjectNode root = F.objectNode();
        ArrayNode arr = root.putArray("claims");
        for (ClaimResult r : results) {
            ObjectNode o = arr.addObject();
            Claim c = r.claim();
            o.put("id", c.id());
            o.put("ref", c.ref());
            o.put("statement", c.statement());
            o.put("status", r.status().label());
            o.put("expected", c.expected().label());
            if (c.condition() != null) {
                o.put("condition", c.condition());
            }
            ArrayNode hs = o.putArray("hypotheses");
            for (Hypothesis h : c.hypotheses()) {
                hs.add(h.text());
            }
            o.put("trials", r.trials());
            // the largest violation over all trials, not the counterexample's (that one is in the counterexample)
            o.put("maxViolation", r.maxViolation());
            if (r.counterexample() == null) {
                o.putNull("counterexample");
            } else {
                ObjectNode ce = r.counterexample();
                if (replayable) {
                    ce.put("replay", replayCommand(r, dir));
                }
                o.set("counterexample", ce);
            }
            if (!r.invalidHypotheses().isEmpty()) {
                ArrayNode inv = o.putArray("invalidHypotheses");
                r.invalidHypotheses().forEach(inv::add);
            }
        }
        return root;
    }

    // ------------------------------------------------------------------ markdown

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    static void markdown(PrintWriter out, List<ClaimResult> results, Path dir) {
        boolean replayable = thesis(results);
        out.println("| ref | id | status | expected | statement | condition | trials | largest violation over the trials"
                + " | counterexample |");
        out.println("|---|---|---|---|---|---|---|---|---|");
        for (ClaimResult r : results) {
            Claim c = r.claim();
            String ce = "";
            ObjectNode x = r.counterexample();
            if (x != null) {
                StringBuilder b = new StringBuilder();
                b.append("seed ").append(x.path("seed").asText()).append(", size ").append(x.path("size").asText())
                        .append(": violation ").append(num(x.get("violation").asDouble())).append(" > tolerance ")
                        .append(num(x.get("tolerance").asDouble()));
                if (x.has("parameters") && x.get("parameters").size() > 0) {
                    b.append("; parameters `").append(x.get("parameters")).append('`');
                }
                if (x.has("sides")) {
                    b.append("; claimed ").append(x.get("sides").get("claimed").asText()).append(", here ")
                            .append(x.get("sides").get("left")).append(" vs ").append(x.get("sides").get("right"));
                }
                b.append("; ").append(x.get("detail").asText());
                if (replayable) {
                    b.append("; replay: `").append(replayCommand(r, dir)).append('`');
                }
                ce = b.toString();
            }
            for (String h : r.invalidHypotheses()) {
                ce += " INVALID INSTANCE: " + h;
            }
            out.printf("| %s | %s | %s | %s | %s | %s | %d | %s | %s |%n", cell(c.ref()), cell(c.id()), r.status().label(),
                    c.expected().label(), cell(c.statement()), c.condition() == null ? "" : cell(c.condition()), r.trials(),
                    num(r.maxViolation()), cell(ce));
        }
    }

    // ------------------------------------------------------------------ --list

    static void list(PrintWriter out, List<Claim> claims, String fmt) {
        switch (fmt) {
            case "json": {
                ObjectNode root = F.objectNode();
                ArrayNode arr = root.putArray("claims");
                for (Claim c : claims) {
                    arr.addObject().put("ref", c.ref()).put("id", c.id()).put("statement", oneLine(c.statement()))
                            .put("expected", c.expected().label());
                }
                out.print(new String(Json.bytes(root), StandardCharsets.UTF_8));
                break;
            }
            case "markdown":
                out.println("| ref | id | statement | expected |");
                out.println("|---|---|---|---|");
                for (Claim c : claims) {
                    out.printf("| %s | %s | %s | %s |%n", cell(c.ref()), cell(c.id()), cell(oneLine(c.statement())),
                            c.expected().label());
                }
                break;
            default:
                for (Claim c : claims) {
                    out.printf("%-45s %-42s %-11s %s%n", c.ref(), c.id(), c.expected().label(), oneLine(c.statement()));
                }
                out.println(claims.size() + " claims (ref, id, expected status, statement); `check REF` runs one");
                break;
        }
    }

    // ------------------------------------------------------------------ --replay

    /** {@code check --replay FILE|ID@SEED/SIZE}: exit 0 when reproduced on a valid instance, 1 otherwise. */
    static int replay(String what, String fmt, PrintWriter out) {
        Ledger ledger = Ledger.standard();
        Replay r;
        Matcher m = SPEC.matcher(what);
        Path file = Path.of(what);
        if (!Files.exists(file) && m.matches()) {
            r = Replay.of(ledger, m.group(1), Long.parseLong(m.group(2)), Integer.parseInt(m.group(3)));
        } else {
            if (!Files.isRegularFile(file)) {
                throw new InvalidModelException("--replay: " + what + " is not a file (a <id>.counterexample.json of check"
                        + " --counterexamples) nor ID@SEED/SIZE");
            }
            JsonNode doc;
            try {
                doc = Json.parse(Files.readAllBytes(file), file.getFileName().toString());
            } catch (java.io.IOException e) {
                throw new InvalidModelException("--replay: cannot read " + what + ": " + e.getMessage());
            }
            if (!doc.isObject()) {
                throw new InvalidModelException("--replay: " + what + " is not a counterexample document (a JSON object)");
            }
            JsonNode model = doc.get("model");
            if (model != null && model.isTextual()) {
                Path mf = file.resolveSibling(model.asText());
                try {
                    model = Json.parse(Files.readAllBytes(mf), mf.getFileName().toString());
                } catch (java.io.IOException e) {
                    throw new InvalidModelException("model: cannot read " + mf + ": " + e.getMessage());
                }
            }
            r = Replay.of(ledger, (ObjectNode) doc, model);
        }
        ObjectNode got = r.recomputed();
        ObjectNode rec = r.recorded();
        if ("json".equals(fmt)) {
            ObjectNode o = F.objectNode();
            o.put("claim", r.claim().id());
            o.put("ref", r.claim().ref());
            o.put("statement", r.claim().statement());
            o.put("reproduced", r.reproduced());
            if (rec != null && rec.has("violation")) {
                o.set("recordedViolation", rec.get("violation"));
            }
            ArrayNode inv = o.putArray("invalidHypotheses");
            r.invalidHypotheses().forEach(inv::add);
            o.set("recomputed", got);
            out.print(new String(Json.bytes(o), StandardCharsets.UTF_8));
        } else {
            String p = "markdown".equals(fmt) ? "* " : "";
            out.println(p + "replay of " + r.claim().ref() + " (" + r.claim().id() + "), seed " + got.get("seed")
                    + ", size " + got.get("size") + ", expected " + r.claim().expected().label());
            out.println(p + "statement: " + r.claim().statement());
            if (r.claim().condition() != null) {
                out.println(p + "condition: " + r.claim().condition());
            }
            out.println(p + "hypotheses: " + (r.invalidHypotheses().isEmpty() ? "all satisfied ("
                    + String.join("; ", r.claim().hypotheses().stream().map(Hypothesis::text).toList()) + ")"
                    : "NOT satisfied: " + String.join("; ", r.invalidHypotheses())));
            if (got.has("parameters") && got.get("parameters").size() > 0) {
                out.println(p + "parameters: " + got.get("parameters"));
            }
            if (got.has("sides")) {
                JsonNode sd = got.get("sides");
                out.println(p + "claimed: " + sd.get("claimed").asText());
                out.println(p + "  left side (recomputed):  " + sd.get("left"));
                out.println(p + "  right side (recomputed): " + sd.get("right"));
            }
            out.println(p + "recomputed: " + got.get("detail").asText());
            out.println(p + "violation " + r.trial().violation() + (r.trial().failed() ? " > " : " <= ") + "tolerance "
                    + r.trial().tolerance() + (rec != null && rec.has("violation") ? " (recorded violation "
                    + rec.get("violation").asDouble() + ")" : ""));
            out.println(p + (r.reproduced() ? "reproduced: the claim fails on this valid instance"
                    : "NOT reproduced" + (r.trial().failed() ? " (the instance violates a hypothesis)" : "")));
        }
        out.flush();
        return r.reproduced() ? ExitCode.OK.code() : ExitCode.ERROR.code();
    }
}
