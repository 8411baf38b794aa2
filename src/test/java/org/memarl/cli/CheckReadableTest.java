package org.memarl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memarl.algorithms.mapi.Gr2;
import org.memarl.io.GameReader;
import org.memarl.io.Json;
import org.memarl.ledger.Claim;
import org.memarl.ledger.Ledger;
import org.memarl.ledger.Status;
import org.memarl.model.Game;

/**
 * Issue 14 item 4, a ledger a student can read: every format shows the statement, the status, the condition, the
 * counterexample's violation beside its tolerance (apart from the largest violation over all trials) and its replay
 * command; refs match loosely with a "did you mean"; {@code --list}; and every falsified claim's counterexample file
 * replays with one command, reproducing its violation.
 */
class CheckReadableTest {
    @Test
    void textShowsStatementConditionCounterexampleAndReplay() {
        Cli.Run r = Cli.run("check", "3.31", "--trials", "4").assertExit(0);
        String out = r.out();
        assertTrue(out.contains("statement: (3.31): the value functions"), out);
        assertTrue(out.contains("condition: beta_i = beta_-i"), out);
        assertTrue(out.contains("largest violation over the trials"), out);
        assertTrue(out.matches("(?s).*counterexample \\(the smallest failing instance, seed -?[0-9]+, size [0-9]+\\):"
                + " violation [0-9.e+-]+ > tolerance [0-9.e+-]+.*"), out);
        assertTrue(out.contains("replay: java -jar target/memarl.jar check --replay perspectives-coincide@"), out);
        assertTrue(out.contains("claimed: agent's-perspective V"), out);
    }

    @Test
    void jsonAndMarkdownCarryTheSame() throws Exception {
        Cli.Run j = Cli.run("check", "theorem 9", "eq. (4.9)", "--trials", "3", "--format", "json").assertExit(0);
        JsonNode claims = Json.mapper().readTree(j.out()).get("claims");
        boolean sawCondition = false;
        for (JsonNode c : claims) {
            assertTrue(c.get("statement").asText().length() > 20, c.toString());
            assertTrue(c.get("hypotheses").isArray() && c.get("hypotheses").size() >= 1, c.toString());
            if (c.get("status").asText().equals("falsified")) {
                JsonNode ce = c.get("counterexample");
                for (String k : List.of("violation", "tolerance", "seed", "size", "claim", "detail", "replay", "model")) {
                    assertTrue(ce.has(k), k + " in " + c.get("id"));
                }
                assertTrue(ce.get("violation").asDouble() > ce.get("tolerance").asDouble(), ce.toString());
                assertTrue(c.get("maxViolation").asDouble() >= ce.get("violation").asDouble(), c.toString());
            }
            sawCondition |= c.has("condition");
        }
        assertTrue(sawCondition, "eq. (4.9) has a holds-when claim");
        Cli.Run md = Cli.run("check", "theorem 9", "--trials", "3", "--format", "markdown").assertExit(0);
        assertTrue(md.out().startsWith("| ref | id | status | expected | statement | condition |"), md.out());
        assertTrue(md.out().contains("> tolerance") && md.out().contains("replay: `java -jar target/memarl.jar check"
                + " --replay agent-update-sign-as-printed@"), md.out());
        assertTrue(md.out().contains("Agent-first factorisation"), md.out());
    }

    @Test
    void unknownRefSuggestsAndListListsEveryClaim() throws Exception {
        Cli.run("check", "theorem 99", "--trials", "1").assertOneLineError("did you mean", "\"Theorem 9\"");
        Cli.run("check", "perspectives-coincde", "--trials", "1").assertOneLineError("\"perspectives-coincide\"");
        Cli.Run l = Cli.run("check", "--list").assertExit(0);
        for (Claim c : Ledger.standard().claims()) {
            assertTrue(l.out().contains(c.id()), c.id());
        }
        JsonNode arr = Json.mapper().readTree(Cli.run("check", "--list", "--format", "json").assertExit(0).out())
                .get("claims");
        assertEquals(Ledger.standard().claims().size(), arr.size());
        for (JsonNode c : arr) {
            assertTrue(c.has("ref") && c.has("id") && c.has("statement") && c.has("expected"), c.toString());
            assertTrue(!c.get("statement").asText().contains("\n"));
        }
    }

    /**
     * Every falsified claim's counterexample file replays with one command (exit 0), recomputing the violation: the
     * printed recomputed violation equals the recorded one and exceeds its tolerance; for a contraction counterexample
     * (GR2, with its operator inputs x and y) and for eq. (2.51) as printed the test also recomputes both sides itself
     * from the file alone; every falsified claim records and replays both sides of its comparison.
     */
    @Test
    void everyCounterexampleFileReplays(@TempDir Path dir) throws Exception {
        Cli.run("check", "--trials", "2", "--counterexamples", dir.toString()).assertExit(0);
        List<String> falsified = new ArrayList<>();
        for (Claim c : Ledger.standard().claims()) {
            if (c.expected() == Status.FALSIFIED) {
                falsified.add(c.id());
            }
        }
        for (String id : falsified) {
            Path f = dir.resolve(id + ".counterexample.json");
            assertTrue(Files.exists(f), "falsified claim " + id + " wrote its counterexample");
            JsonNode doc = Json.mapper().readTree(Files.readAllBytes(f));
            assertEquals("java -jar target/memarl.jar check --replay " + f, doc.get("command").asText());
            for (String k : List.of("claim", "seed", "size", "model", "parameters", "violation", "tolerance")) {
                assertTrue(doc.has(k), k + " in " + f);
            }
            Cli.Run r = Cli.run("check", "--replay", f.toString(), "--format", "json").assertExit(0);
            JsonNode out = Json.mapper().readTree(r.out());
            assertTrue(out.get("reproduced").asBoolean(), r.out());
            assertEquals(0, out.get("invalidHypotheses").size(), r.out());
            JsonNode again = out.get("recomputed");
            assertEquals(doc.get("violation").asDouble(), again.get("violation").asDouble(), 0.0, id);
            assertTrue(again.get("violation").asDouble() > again.get("tolerance").asDouble(), id);
            Cli.Run text = Cli.run("check", "--replay", f.toString()).assertExit(0);
            assertTrue(text.out().contains("reproduced: the claim fails on this valid instance"), text.out());
            assertBothSides(id, doc, again, text.out());
        }
        // GR2's operator inputs: recompute ||B x - B y|| and gamma ||x - y|| from the file (model, level, betas, x, y)
        JsonNode gr2 = Json.mapper().readTree(Files.readAllBytes(dir.resolve("gr2-contraction.counterexample.json")));
        Game g = GameReader.readGame(gr2.get("model"));
        JsonNode p = gr2.get("parameters");
        Gr2.Operator op = new Gr2.Operator(g, p.get("level").asInt(), p.get("betaAgent").asDouble(),
                p.get("betaOpponent").asDouble());
        double[] x = Json.mapper().convertValue(gr2.get("x"), double[].class);
        double[] y = Json.mapper().convertValue(gr2.get("y"), double[].class);
        double[] bx = new double[x.length];
        double[] by = new double[y.length];
        op.apply(x, bx);
        op.apply(y, by);
        double lhs = 0.0;
        double dxy = 0.0;
        for (int i = 0; i < x.length; i++) {
            lhs = Math.max(lhs, Math.abs(bx[i] - by[i]));
            dxy = Math.max(dxy, Math.abs(x[i] - y[i]));
        }
        assertTrue(lhs - g.gamma() * dxy > gr2.get("tolerance").asDouble(), "the file alone shows the GR2 violation");
        assertEquals(gr2.get("sides").get("left").asDouble(), lhs, 4 * Math.ulp(lhs));
        assertPrintedSoftEvaluationSides(Json.mapper().readTree(Files.readAllBytes(
                dir.resolve("soft-evaluation-as-printed.counterexample.json"))));
    }

    /**
     * Eq. (2.51) as printed, recomputed from the file's model (dense JSON arrays) and beta alone: V* by soft value
     * iteration (V = (1/beta) log sum_a P(a|s) exp(beta (r + gamma E V)), stable log-sum-exp) until the Banach bound is
     * at rounding, the Boltzmann policy pi = P exp(beta (Q - V*)), and the printed recursion's fixed point with reward
     * beta r - pi/P by Gaussian elimination on (I - gamma P_pi) V = r_pi. Its sides are that fixed point and beta V* at
     * one state, and the violation is their largest difference (to the claim's tolerance).
     */
    private static void assertPrintedSoftEvaluationSides(JsonNode doc) {
        JsonNode model = doc.get("model");
        double beta = doc.get("parameters").get("beta").asDouble();
        double gamma = model.get("gamma").asDouble();
        double[][][] t = Json.mapper().convertValue(model.get("transitions"), double[][][].class);
        double[][] r = Json.mapper().convertValue(model.get("rewards"), double[][].class);
        double[][] p = Json.mapper().convertValue(model.get("prior"), double[][].class);
        int n = r.length;
        int m = r[0].length;
        double[] v = new double[n];
        double[][] q = new double[n][m];
        for (int it = 0; it < 10_000_000; it++) {
            double res = 0.0;
            double big = 0.0;
            double[] nv = new double[n];
            for (int s = 0; s < n; s++) {
                double hi = Double.NEGATIVE_INFINITY;
                for (int a = 0; a < m; a++) {
                    double e = 0.0;
                    for (int s2 = 0; s2 < n; s2++) {
                        e += t[s][a][s2] * v[s2];
                    }
                    q[s][a] = r[s][a] + gamma * e;
                    if (p[s][a] > 0) {
                        hi = Math.max(hi, q[s][a]);
                    }
                }
                double acc = 0.0;
                for (int a = 0; a < m; a++) {
                    acc += p[s][a] * Math.exp(beta * (q[s][a] - hi));
                }
                nv[s] = hi + Math.log(acc) / beta;
                res = Math.max(res, Math.abs(nv[s] - v[s]));
                big = Math.max(big, Math.abs(nv[s]));
            }
            v = nv;
            if (res * gamma / (1.0 - gamma) <= 4 * Math.ulp(big) || res <= 2 * Math.ulp(big)) {
                break;
            }
        }
        // (I - gamma P_pi) V = beta r_pi - sum_a pi (pi / P), augmented matrix
        double[][] aug = new double[n][n + 1];
        for (int s = 0; s < n; s++) {
            double hi = Double.NEGATIVE_INFINITY;
            double z = 0.0;
            for (int a = 0; a < m; a++) {
                z += p[s][a];
                if (p[s][a] > 0) {
                    hi = Math.max(hi, q[s][a]);
                }
            }
            double[] pi = new double[m];
            double norm = 0.0;
            for (int a = 0; a < m; a++) {
                pi[a] = p[s][a] * Math.exp(beta * (q[s][a] - hi));
                norm += pi[a];
            }
            aug[s][s] = 1.0;
            for (int a = 0; a < m; a++) {
                pi[a] /= norm;
                if (pi[a] == 0.0) {
                    continue;
                }
                aug[s][n] += pi[a] * (beta * r[s][a] - pi[a] / (p[s][a] / z));
                for (int s2 = 0; s2 < n; s2++) {
                    aug[s][s2] -= gamma * pi[a] * t[s][a][s2];
                }
            }
        }
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int i = c + 1; i < n; i++) {
                if (Math.abs(aug[i][c]) > Math.abs(aug[piv][c])) {
                    piv = i;
                }
            }
            double[] tmp = aug[c];
            aug[c] = aug[piv];
            aug[piv] = tmp;
            for (int i = 0; i < n; i++) {
                if (i != c) {
                    double f = aug[i][c] / aug[c][c];
                    for (int j = c; j <= n; j++) {
                        aug[i][j] -= f * aug[c][j];
                    }
                }
            }
        }
        double tol = doc.get("tolerance").asDouble();
        double left = doc.get("sides").get("left").asDouble();
        double right = doc.get("sides").get("right").asDouble();
        double sup = 0.0;
        boolean sidesFound = false;
        for (int s = 0; s < n; s++) {
            double vp = aug[s][n] / aug[s][s];
            sup = Math.max(sup, Math.abs(vp - beta * v[s]));
            sidesFound |= Math.abs(vp - left) <= tol && Math.abs(beta * v[s] - right) <= tol;
        }
        assertTrue(sidesFound, "eq. (2.51): the sides " + doc.get("sides") + " are the printed fixed point and beta V*"
                + " at one state");
        assertEquals(sup, doc.get("violation").asDouble(), tol, "eq. (2.51): the violation recomputed from the file");
    }

    /**
     * Both sides of the failed comparison: the recorded file and the replay carry them (the same values), the replay's
     * text prints them, and the violation is their difference as the relation defines it ({@code left - right} for
     * {@code <=}, {@code right - left} for {@code >=}, {@code |left - right|} for {@code =}), to a few ulps of the sides.
     */
    private static void assertBothSides(String id, JsonNode doc, JsonNode again, String text) {
        JsonNode recorded = doc.get("sides");
        JsonNode sides = again.get("sides");
        assertTrue(recorded != null && sides != null, "falsified claim " + id + " records and replays both sides");
        assertEquals(recorded, sides, id + ": the replay recomputes the recorded sides");
        assertTrue(sides.get("left").isNumber() && sides.get("right").isNumber(), id + ": " + sides);
        double left = sides.get("left").asDouble();
        double right = sides.get("right").asDouble();
        String rel = sides.get("relation").asText();
        double diff;
        if (rel.equals("<=")) {
            diff = left - right;
        } else if (rel.equals(">=")) {
            diff = right - left;
        } else {
            assertEquals("=", rel, id);
            diff = Math.abs(left - right);
        }
        double violation = again.get("violation").asDouble();
        assertEquals(diff, violation, 4 * Math.ulp(Math.max(Math.abs(left), Math.abs(right))),
                id + ": violation is the difference of the sides " + sides);
        assertTrue(sides.get("claimed").asText().contains(" " + rel + " "), id + ": " + sides);
        assertTrue(text.contains("claimed: " + sides.get("claimed").asText()), text);
        assertTrue(text.contains("left side (recomputed):  " + sides.get("left").toString()), text);
        assertTrue(text.contains("right side (recomputed): " + sides.get("right").toString()), text);
    }

    @Test
    void replayRefusesAnEditedInstance(@TempDir Path dir) throws Exception {
        Cli.run("check", "eq. (3.31)", "--trials", "1", "--counterexamples", dir.toString()).assertExit(0);
        Path f = dir.resolve("perspectives-coincide.counterexample.json");
        JsonNode doc = Json.mapper().readTree(Files.readAllBytes(f));
        ((com.fasterxml.jackson.databind.node.ObjectNode) doc.get("parameters")).put("betaOpponent", 12.5);
        Files.write(f, Json.bytes(doc));
        Cli.run("check", "--replay", f.toString()).assertOneLineError("parameters: differs");
        Cli.run("check", "--replay", dir.resolve("missing.json").toString()).assertOneLineError("--replay");
    }
}
