package org.memarl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.memarl.io.Json;

/**
 * {@code solve} runs every game algorithm name of cli.md on the bundled games, and the answers that
 * have closed forms are checked against them.
 */
class SolveGamesTest {
    static final List<String> ZERO_SUM = List.of("matching-pennies", "rock-paper-scissors", "thesis-3-1-zero-sum",
            "pursuit-3-state");
    static final List<String> OTHERS = List.of("thesis-3-1-cooperative", "climbing", "penalty", "prisoners-dilemma");

    /** The algorithms without inverse temperatures (they refuse --beta). */
    static final List<String> CLASSICAL = List.of("minimax", "friend-q", "foe-q", "nash-q");

    static JsonNode solve(String... args) throws Exception {
        Cli.Run r = Cli.run(args);
        r.assertExit(0).assertNoStackTrace();
        return Json.mapper().readTree(r.out());
    }

    @Test
    @DisplayName("every game algorithm name runs on every bundled game it applies to")
    void everyAlgorithmRuns() throws Exception {
        for (String ex : ZERO_SUM) {
            for (String alg : List.of("minimax", "foe-q", "friend-q", "nash-q", "rommeo", "pr2", "gr2", "balancing-q",
                    "probabilistic-balancing-q")) {
                JsonNode d = CLASSICAL.contains(alg)
                        ? solve("solve", "--example", ex, "--algorithm", alg, "--no-progress")
                        : solve("solve", "--example", ex, "--algorithm", alg, "--beta", "2", "--no-progress");
                assertEquals(alg, d.get("algorithm").asText());
                JsonNode v = d.get("values").get("V");
                assertTrue(v.isArray() && v.size() >= 1, ex + " " + alg);
                for (String who : List.of("agent", "opponent")) {
                    for (JsonNode row : d.get("policies").get(who)) {
                        double z = 0;
                        for (JsonNode x : row) {
                            assertTrue(x.asDouble() >= 0.0);
                            z += x.asDouble();
                        }
                        assertEquals(1.0, z, 1e-12, ex + " " + alg + " " + who);
                    }
                }
            }
        }
        for (String ex : OTHERS) {
            for (String alg : List.of("friend-q", "foe-q", "nash-q", "rommeo", "pr2", "gr2", "balancing-q",
                    "probabilistic-balancing-q")) {
                if (CLASSICAL.contains(alg)) {
                    solve("solve", "--example", ex, "--algorithm", alg, "--no-progress");
                } else {
                    solve("solve", "--example", ex, "--algorithm", alg, "--beta", "1", "--no-progress");
                }
            }
        }
    }

    @Test
    @DisplayName("closed forms: matching pennies minimax 0 at (1/2, 1/2); friend-q of the cooperative (3.1) game is 10")
    void closedForms() throws Exception {
        JsonNode mp = solve("solve", "--example", "matching-pennies", "--algorithm", "minimax");
        assertEquals(0.0, mp.get("values").get("V").get(0).asDouble(), 1e-12);
        assertEquals(0.5, mp.get("policies").get("agent").get(0).get(0).asDouble(), 1e-9);
        JsonNode fr = solve("solve", "--example", "thesis-3-1-cooperative", "--algorithm", "friend-q");
        assertEquals(10.0, fr.get("values").get("V").get(0).asDouble(), 0.0);
        // Balancing Q with an adversarial opponent model on the zero-sum (3.1) game picks the Nash action a1 (index 0)
        JsonNode bq = solve("solve", "--example", "thesis-3-1-zero-sum", "--algorithm", "balancing-q", "--beta-agent", "inf",
                "--beta-opponent", "-inf");
        assertEquals(2.0, bq.get("values").get("V").get(0).asDouble(), 0.0);
        assertEquals(1.0, bq.get("policies").get("agent").get(0).get(0).asDouble(), 0.0);
        // the two perspectives differ in general (eq. (3.31) is false): matching pennies, pure maxmin -1 vs minmax +1
        JsonNode a = solve("solve", "--example", "matching-pennies", "--algorithm", "balancing-q", "--beta-agent", "inf",
                "--beta-opponent", "-inf", "--perspective", "agent");
        JsonNode o = solve("solve", "--example", "matching-pennies", "--algorithm", "balancing-q", "--beta-agent", "inf",
                "--beta-opponent", "-inf", "--perspective", "opponent");
        assertEquals(-1.0, a.get("values").get("V").get(0).asDouble(), 0.0);
        assertEquals(1.0, o.get("values").get("V").get(0).asDouble(), 0.0);
    }

    @Test
    @DisplayName("game options are validated with one-line messages")
    void gameOptionErrors() {
        Cli.run("solve", "--example", "matching-pennies", "--algorithm", "rommeo", "--beta-agent", "2")
                .assertOneLineError("beta-agent", "rommeo");
        Cli.run("solve", "--example", "matching-pennies", "--algorithm", "pr2", "--level", "2").assertOneLineError("level");
        Cli.run("solve", "--example", "matching-pennies", "--algorithm", "balancing-q", "--perspective", "both")
                .assertOneLineError("perspective", "both");
        Cli.run("solve", "--example", "chain", "--algorithm", "rommeo").assertOneLineError("algorithm", "rommeo");
        Cli.run("solve", "--example", "matching-pennies", "--algorithm", "soft-value-iteration").assertOneLineError("algorithm");
        Cli.run("solve", "--example", "prisoners-dilemma", "--algorithm", "minimax").assertOneLineError("zero");
        Cli.run("solve", "--example", "matching-pennies", "--algorithm", "probabilistic-balancing-q", "--beta-opponent", "inf")
                .assertOneLineError("beta-opponent");
        Cli.run("solve", "--example", "chain", "--algorithm", "soft-value-iteration", "--level", "2").assertOneLineError("level");
        Cli.run("solve", "--example", "matching-pennies", "--algorithm", "minimax", "--beta", "2").assertOneLineError("beta", "minimax");
        Cli.run("solve", "--example", "climbing", "--algorithm", "rommeo", "--horizon", "2").assertOneLineError("horizon", "matrix game");
    }
}
