package org.memarl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.memarl.io.Json;
import org.memarl.io.ResultNames;

/** Issue 14: results carry the model's {@code names} (states, actions per player, options) when it has them. */
class ResultNamesCliTest {
    private static JsonNode solve(String... args) {
        Cli.Run r = Cli.run(args).assertExit(0);
        return Json.parse(r.out().getBytes(java.nio.charset.StandardCharsets.UTF_8), "result");
    }

    private static List<String> texts(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(x -> out.add(x.asText()));
        return out;
    }

    @Test
    void mdpResultsCarryStateAndActionNames() {
        JsonNode d = solve("solve", "--example", "two-state-prior", "--algorithm", "soft-value-iteration");
        assertEquals(List.of("low", "high"), texts(d.get("names").get("states")));
        assertEquals(List.of("stay", "switch", "gamble"), texts(d.get("names").get("actions")));
        List<String> keys = new ArrayList<>();
        d.fieldNames().forEachRemaining(keys::add);
        assertEquals(keys.size() - 2, keys.indexOf("names"), "names after the policies, before provenance: " + keys);
    }

    @Test
    void gameResultsCarryEachPlayersActionsAndOptions() {
        JsonNode d = solve("solve", "--example", "thesis-3-1-zero-sum", "--algorithm", "rommeo");
        assertEquals(List.of("a1", "a2", "a3"), texts(d.get("names").get("actions").get("agent")));
        assertEquals(List.of("b1", "b2", "b3"), texts(d.get("names").get("actions").get("opponent")));
        assertFalse(d.get("names").has("states"), "a matrix game names no state");
        JsonNode o = solve("solve", "--example", "coordination-options", "--algorithm", "ma-soft-options");
        assertEquals(List.of("go-left", "go-right"), texts(o.get("names").get("options").get("agent")));
        assertEquals(List.of("play"), texts(o.get("names").get("states")));
    }

    @Test
    void optionModelResultsCarryOptionNamesAndCountedStatesNone() {
        JsonNode d = solve("solve", "--example", "four-rooms", "--algorithm", "soft-options");
        assertEquals(4, d.get("names").get("actions").size());
        assertTrue(d.get("names").has("options"));
        JsonNode ring = solve("solve", "--example", "sparse-ring", "--algorithm", "soft-value-iteration");
        assertFalse(ring.get("names").has("states"), "a model that counts its states names none");
        assertEquals(List.of("cw", "ccw", "stay"), texts(ring.get("names").get("actions")));
    }

    @Test
    void labelsAreOneBasedWhereTheModelGivesNone() {
        assertEquals(List.of("a1", "a2", "a3"), ResultNames.labels(null, 3, "a"));
        assertEquals(List.of("s1", "s2"), ResultNames.labels(List.of("0", "1"), 2, "s"), "index names are not names");
        assertEquals(List.of("up", "down"), ResultNames.labels(List.of("up", "down"), 2, "a"));
    }
}
