package org.memarl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memarl.io.Json;

/** {@code solve --algorithm public-belief} on the belief examples: result contents and refused options. */
class SolveBeliefTest {
    static JsonNode solve(String... args) throws Exception {
        Cli.Run r = Cli.run(args).assertExit(0);
        assertEquals("", r.err(), r::toString);
        return Json.mapper().readTree(r.out());
    }

    @Test
    void badTwoStepAtBetaInfReportsTheTeamOptimumAndTheSignallingTree() throws Exception {
        JsonNode res = solve("solve", "--example", "bad-two-step", "--algorithm", "public-belief", "--beta", "inf");
        assertEquals(10.0, res.get("values").get("V").get(0).asDouble(), 0.0);
        assertEquals("inf", res.get("parameters").get("beta").asText());
        JsonNode tree = res.get("publicBelief").get("tree");
        assertEquals(0, tree.get("t").asInt());
        assertEquals(4, tree.get("belief").size(), "the four deals");
        JsonNode best = tree.get("prescriptions").get(0);
        assertTrue(best.get("probability").asDouble() > 0.0);
        assertTrue(best.get("prescription").has("player 0"), best::toString);
        JsonNode next = tree.get("next").get(0);
        assertTrue(next.get("actions").has("player 0"), next::toString);
        assertEquals(2, next.get("node").get("belief").size(), "after the signal: two deals left, " + next);
    }

    @Test
    void finiteBetaLiesBetweenUniformPlayAndTheOptimum() throws Exception {
        double v0 = solve("solve", "--example", "bad-two-step", "--algorithm", "public-belief", "--beta", "0")
                .get("values").get("V").get(0).asDouble();
        double v1 = solve("solve", "--example", "bad-two-step", "--algorithm", "public-belief")
                .get("values").get("V").get(0).asDouble();
        assertEquals(134.0 / 36.0, v0, 1e-12);
        assertTrue(v0 < v1 && v1 < 10.0, v0 + " " + v1);
    }

    @Test
    void horizonOverrideAndPomdp() throws Exception {
        JsonNode res = solve("solve", "--example", "tiger", "--algorithm", "public-belief", "--beta", "inf", "--horizon", "1");
        assertEquals(-1.0, res.get("values").get("V").get(0).asDouble(), 0.0);
        assertEquals("listen", res.get("publicBelief").get("tree").get("prescriptions").get(0).get("prescription")
                .get("action").asText());
    }

    /** A Dec-POMDP with 2 agents of {@code m} actions seeing one of {@code k} observations (state s: observation s mod k). */
    static String manyPrescriptions(int n, int k, int m, int horizon) {
        StringBuilder b = new StringBuilder("{\"format\": \"memarl/1\", \"kind\": \"dec-pomdp\", \"name\": \"many\", \"gamma\": 1, \"horizon\": ")
                .append(horizon).append(", \"states\": ").append(n).append(", \"agents\": [");
        for (int i = 0; i < 2; i++) {
            b.append(i == 0 ? "" : ", ").append("{\"name\": \"p").append(i).append("\", \"actions\": ").append(m)
                    .append(", \"observations\": ").append(k).append(", \"observe\": [");
            for (int s = 0; s < n; s++) {
                b.append(s == 0 ? "" : ", ").append(s % k);
            }
            b.append("]}");
        }
        b.append("], \"transitions\": {\"sparse\": [");
        for (int s = 0; s < n; s++) {
            b.append(s == 0 ? "" : ", ").append("[").append(s).append(", \"*\", \"*\", ").append(s).append(", 1]");
        }
        return b.append("]}, \"rewards\": {\"sparse\": [[0, 0, \"*\", 1]]}}").toString();
    }

    @Test
    void workBeyondTheBudgetIsRefusedWhileExpandingNamingTheOption(@TempDir Path dir) throws Exception {
        // 6^4 * 6^4 = 1679616 prescriptions, 36 public joint actions: the budget of distinct beliefs is counted
        // while the graph is expanded (issue 15), and the first belief beyond it stops the run
        Path f = dir.resolve("big.json");
        Files.writeString(f, manyPrescriptions(16, 4, 6, 2));
        Cli.run("solve", f.toString(), "--algorithm", "public-belief", "--max-beliefs", "1").assertOneLineError(
                "max-beliefs: horizon 2 reaches more than 1 distinct public beliefs", "more at step 1",
                "raise --max-beliefs");
    }

    @Test
    void initialPrescriptionsAreCappedAndTheTreeSaysWhetherItWasCut(@TempDir Path dir) throws Exception {
        // 3^4 * 3^4 = 6561 prescriptions > 4096 written
        Path f = dir.resolve("many.json");
        Files.writeString(f, manyPrescriptions(4, 4, 3, 1));
        JsonNode res = solve("solve", f.toString(), "--algorithm", "public-belief", "--beta", "1");
        JsonNode pb = res.get("publicBelief");
        assertEquals(4096, pb.get("initialPrescriptions").size());
        assertEquals(6561 - 4096, pb.get("initialPrescriptionsOmitted").asInt());
        assertEquals(4096, res.get("values").get("Q0").size());
        assertEquals(4096, res.get("policies").get("initial").size());
        assertFalse(pb.get("truncated").asBoolean(), "horizon 1: one level, written");
        JsonNode small = solve("solve", "--example", "tiger", "--algorithm", "public-belief", "--beta", "1", "--horizon", "2");
        assertFalse(small.get("publicBelief").get("truncated").asBoolean());
        assertFalse(small.get("publicBelief").has("initialPrescriptionsOmitted"));
        assertEquals(3, small.get("values").get("Q0").size());
        // tiger at horizon 8: 6^t positions at level t, so levels 0..4 (1555 nodes) are written, not 8
        JsonNode cut = solve("solve", "--example", "tiger", "--algorithm", "public-belief", "--beta", "1", "--horizon", "8");
        assertEquals(5, cut.get("publicBelief").get("depth").asInt());
        assertTrue(cut.get("publicBelief").get("truncated").asBoolean());
    }

    @Test
    void otherAlgorithmsAndOptionsAreRefused() {
        Cli.run("solve", "--example", "tiger", "--algorithm", "soft-value-iteration")
                .assertOneLineError("algorithm", "public-belief");
        Cli.run("solve", "--example", "bad-two-step", "--algorithm", "public-belief", "--beta-agent", "1")
                .assertOneLineError("beta-agent");
        Cli.run("solve", "--example", "chain", "--algorithm", "public-belief").assertOneLineError("public-belief");
    }
}
