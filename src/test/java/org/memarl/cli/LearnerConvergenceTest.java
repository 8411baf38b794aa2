package org.memarl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.memarl.io.Json;

/** A learner's "converged" means its measured distance to the exact fixed point meets the tolerance. */
class LearnerConvergenceTest {
    @Test
    void aShortLearningRunIsNotConverged() throws Exception {
        for (String[] args : new String[][] {
            {"solve", "--example", "chain", "--algorithm", "q-learning", "--episodes", "10", "--episode-length", "5"},
            {"solve", "--example", "pursuit-3-state", "--algorithm", "friend-q-learning", "--episodes", "1",
                "--episode-length", "1"}}) {
            Cli.Run r = Cli.run(args).assertExit(3);
            JsonNode res = Json.mapper().readTree(r.out());
            assertFalse(res.get("converged").asBoolean(), r::toString);
            double d = res.get("values").get("distanceToFixedPoint").asDouble();
            assertEquals(d, res.get("errorBound").asDouble(), 0.0);
            assertEquals(d, res.get("residual").asDouble(), 0.0);
            assertTrue(d > res.get("parameters").get("tolerance").asDouble());
        }
    }

    @Test
    void aLooseToleranceTheRunMeetsIsConverged() throws Exception {
        Cli.Run r = Cli.run("solve", "--example", "chain", "--algorithm", "q-learning", "--tolerance", "100").assertExit(0);
        assertTrue(Json.mapper().readTree(r.out()).get("converged").asBoolean());
    }
}
