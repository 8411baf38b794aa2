package org.memarl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memarl.io.Json;

/**
 * Issue 15 through the command line: merged beliefs (Tiger at horizon 15, the published 9.72842474467767),
 * {@code --max-beliefs}, the beliefs per step in the result, and history prescriptions on Dec-Tiger (the
 * published -4 and 5.190812) with {@code privateMemory}, {@code publicActions} and {@code --private-memory}.
 */
class SolveBeliefScaleTest {
    @TempDir
    Path dir;

    static JsonNode json(Cli.Run r) throws IOException {
        return Json.mapper().readTree(r.out());
    }

    @Test
    @DisplayName("Tiger, horizon 15, beta = inf: 9.72842474467767 at b = 0.5 and 2t + 1 beliefs at step t")
    void tiger15() throws IOException {
        JsonNode r = json(Cli.run("solve", "--example", "tiger", "--algorithm", "public-belief", "--beta", "inf",
                "--horizon", "15", "--no-progress").assertExit(0));
        assertEquals(9.72842474467767, r.path("values").path("V").get(0).asDouble(), 1e-12);
        JsonNode perStep = r.path("publicBelief").path("beliefsPerStep");
        assertEquals(15, perStep.size());
        for (int t = 0; t < 15; t++) {
            assertEquals(2 * t + 1, perStep.get(t).asInt());
        }
        assertEquals(225, r.path("publicBelief").path("beliefs").asInt()); // sum of 2t + 1
    }

    @Test
    @DisplayName("--max-beliefs: the budget is named in the message, and bad values are refused")
    void maxBeliefs() {
        Cli.run("solve", "--example", "tiger", "--algorithm", "public-belief", "--horizon", "4", "--max-beliefs", "16",
                "--no-progress").assertExit(0);
        Cli.run("solve", "--example", "tiger", "--algorithm", "public-belief", "--horizon", "4", "--max-beliefs", "15")
                .assertOneLineError("max-beliefs: horizon 4 reaches more than 15 distinct public beliefs",
                        "raise --max-beliefs");
        Cli.run("solve", "--example", "tiger", "--algorithm", "public-belief", "--max-beliefs", "0")
                .assertOneLineError("max-beliefs: 0 is not a positive number");
        Cli.run("solve", "--example", "chain", "--algorithm", "value-iteration", "--max-beliefs", "5")
                .assertOneLineError("max-beliefs: --max-beliefs applies to public-belief");
        Cli.run("solve", "--example", "tiger", "--algorithm", "public-belief", "--private-memory", "history")
                .assertOneLineError("private-memory: --private-memory applies to a dec-pomdp");
    }

    /** Dec-Tiger as a memarl dec-pomdp file (states keep whether both listened; the joint action is private). */
    Path decTiger(String extra) throws IOException {
        StringBuilder t = new StringBuilder("[");
        StringBuilder r = new StringBuilder("[");
        for (int s = 0; s < 4; s++) {
            t.append(s == 0 ? "" : ",").append("[");
            r.append(s == 0 ? "" : ",").append("[");
            for (int x = 0; x < 3; x++) {
                t.append(x == 0 ? "" : ",").append("[");
                r.append(x == 0 ? "" : ",").append("[");
                for (int y = 0; y < 3; y++) {
                    String row = x == 0 && y == 0 ? (s % 2 == 0 ? "[1,0,0,0]" : "[0,1,0,0]") : "[0,0,0.5,0.5]";
                    t.append(y == 0 ? "" : ",").append(row);
                    r.append(y == 0 ? "" : ",").append(
                            (int) org.memarl.algorithms.belief.DecTigerReward.reward(s % 2, x, y));
                }
                t.append("]");
                r.append("]");
            }
            t.append("]");
            r.append("]");
        }
        t.append("]");
        r.append("]");
        String agent = "{\"name\": \"%s\", \"actions\": [\"listen\", \"open-left\", \"open-right\"],"
                + " \"observations\": [\"hear-left\", \"hear-right\"],"
                + " \"observe\": [[0.85, 0.15], [0.15, 0.85], [0.5, 0.5], [0.5, 0.5]]}";
        String json = "{\"format\": \"memarl/1\", \"kind\": \"dec-pomdp\", \"name\": \"dec-tiger\", \"gamma\": 1,"
                + " \"horizon\": 2," + extra
                + " \"states\": [\"tiger-left-heard\", \"tiger-right-heard\", \"tiger-left\", \"tiger-right\"],"
                + " \"initial\": [0, 0, 0.5, 0.5], \"agents\": [" + String.format(agent, "agent0") + ", "
                + String.format(agent, "agent1") + "], \"transitions\": " + t + ", \"rewards\": " + r + "}";
        Path p = dir.resolve("dec-tiger.json");
        Files.writeString(p, json);
        return p;
    }

    @Test
    @DisplayName("Dec-Tiger with history prescriptions: -4 at horizon 2, 5.190812 at horizon 3, the policy per history")
    void decTiger() throws IOException {
        Path file = decTiger(" \"privateMemory\": \"history\", \"publicActions\": false,");
        JsonNode two = json(Cli.run("solve", file.toString(), "--algorithm", "public-belief", "--beta", "inf",
                "--no-progress").assertExit(0));
        assertEquals(-4.0, two.path("values").path("V").get(0).asDouble(), 1e-12);
        JsonNode three = json(Cli.run("solve", file.toString(), "--algorithm", "public-belief", "--beta", "inf",
                "--horizon", "3", "--no-progress").assertExit(0));
        assertEquals(5.190812, three.path("values").path("V").get(0).asDouble(), 1e-6);
        // the tree: at t = 1 after both listened, each agent's prescription maps its two histories to listen
        JsonNode child = three.path("publicBelief").path("tree").path("next").get(0).path("node");
        JsonNode presc = child.path("prescriptions").get(0).path("prescription").path("agent0");
        // (the first observation is uninformative: both are one cluster, named in parentheses)
        assertEquals("listen", presc.path("(hear-left | hear-right),hear-left").asText(), child.toString());
        assertEquals("listen", presc.path("(hear-left | hear-right),hear-right").asText(), child.toString());
        // the policy tree of agent 1: listen, listen, then open away from a tiger heard twice on one side
        JsonNode tree = three.path("publicBelief").path("policyTrees").path("agent1");
        assertEquals("listen", tree.path("policy").path("hear-left | hear-right").asText(), tree.toString());
        JsonNode last = tree.path("next").get(0).path("node").path("next").get(0).path("node");
        assertEquals(2, last.path("t").asInt(), tree.toString());
        JsonNode p2 = last.path("policy");
        assertEquals("open-right", p2.path("(hear-left | hear-right),hear-left,hear-left").asText(), p2.toString());
        assertEquals("open-left", p2.path("(hear-left | hear-right),hear-right,hear-right").asText(), p2.toString());
        assertEquals("listen", p2.path("(hear-left | hear-right),hear-left,hear-right"
                + " | (hear-left | hear-right),hear-right,hear-left").asText(), p2.toString());
        // the current observation only (the option overrides the model): a smaller policy class, -6 here
        JsonNode current = json(Cli.run("solve", file.toString(), "--algorithm", "public-belief", "--beta", "inf",
                "--horizon", "3", "--private-memory", "current", "--no-progress").assertExit(0));
        assertTrue(current.path("values").path("V").get(0).asDouble() < 5.19, current.toString());
    }

    @Test
    @DisplayName("privateMemory and publicActions: bad values are one-line errors naming the key")
    void badKeys() throws IOException {
        Cli.run("solve", decTiger(" \"privateMemory\": \"forever\",").toString(), "--algorithm", "public-belief")
                .assertOneLineError("privateMemory: \"forever\" is not");
        Cli.run("solve", decTiger(" \"publicActions\": 3,").toString(), "--algorithm", "public-belief")
                .assertOneLineError("publicActions:", "expected true or false");
        Cli.run("solve", decTiger("").toString(), "--algorithm", "public-belief", "--private-memory", "sometimes")
                .assertOneLineError("private-memory: \"sometimes\" is not current, since-reset or history");
    }
}
