package org.memarl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
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

    @Test
    void otherAlgorithmsAndOptionsAreRefused() {
        Cli.run("solve", "--example", "tiger", "--algorithm", "soft-value-iteration")
                .assertOneLineError("algorithm", "public-belief");
        Cli.run("solve", "--example", "bad-two-step", "--algorithm", "public-belief", "--beta-agent", "1")
                .assertOneLineError("beta-agent");
        Cli.run("solve", "--example", "chain", "--algorithm", "public-belief").assertOneLineError("public-belief");
    }
}
