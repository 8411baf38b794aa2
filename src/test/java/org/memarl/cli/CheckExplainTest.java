package org.memarl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.memarl.io.Json;

/** {@code check --explain REF}: a row of docs/equations.md with its claims and the command replaying a counterexample. */
class CheckExplainTest {

    @Test
    void explainsEquationThreeThirtyOneWithItsClaimsAndTheReplayCommand() {
        Cli.Run r = Cli.run("check", "--explain", "3.31").assertExit(0);
        r.assertNoStackTrace();
        for (String s : new String[] {"eq. (3.31)", "role:            claim", "BalancingQ.solve",
                "src/main/java/org/memarl/algorithms/mapi/BalancingQ.java", "perspectives-coincide (eq. (3.31)): expected falsified",
                "perspectives-coincide-when (eq. (3.31) (corrected)): expected holds-when",
                "java -jar target/memarl.jar check perspectives-coincide --trials 1 --seed 20201 --counterexamples counterexamples"}) {
            assertTrue(r.out().contains(s), () -> "missing <" + s + ">: " + r);
        }
        assertFalse(r.out().contains("eq. (3.30)"), r.toString());
    }

    @Test
    void explainsLabelsAndEquationRefsCaseInsensitively() {
        Cli.Run t9 = Cli.run("check", "--explain", "theorem 9").assertExit(0);
        assertTrue(t9.out().contains("eq. (3.41)") && t9.out().contains("agent-update-sign-as-printed"), t9.toString());
        Cli.Run pg = Cli.run("check", "--explain", "EQ. (2.27)").assertExit(0);
        assertTrue(pg.out().contains("policy-gradient-as-printed (eq. (2.27)): expected falsified"), pg.toString());
        assertTrue(pg.out().contains("policy-gradient-discounted (eq. (2.27) (corrected)): expected holds"), pg.toString());
        Cli.Run t5 = Cli.run("check", "--explain", "Theorem 5").assertExit(0);
        assertTrue(t5.out().contains("trpo-lower-bound (Theorem 5): expected holds"), t5.toString());
        Cli.Run left = Cli.run("check", "--explain", "2.22").assertExit(0);
        assertTrue(left.out().contains("left aside") && left.out().contains("checked by:      —"), left.toString());
    }

    @Test
    void anUnknownReferenceIsBadInput() {
        Cli.run("check", "--explain", "9.99").assertOneLineError("explain", "\"9.99\"");
        Cli.run("check", "--explain", "Theorem 99").assertOneLineError("explain", "Theorem 99");
        Cli.run("check", "--explain", "3.31", "Theorem 9").assertOneLineError("--explain", "claim refs");
    }

    /** The ledger runs its claims by these refs: Theorem 5 and eq. (2.27) are exact checks with their expected statuses. */
    @Test
    void theoremFiveAndEquationTwoTwentySevenRunAsTheLedgerExpects() throws Exception {
        JsonNode t5 = claims(Cli.run("check", "Theorem 5", "--trials", "20", "--format", "json").assertExit(0));
        assertEquals(1, t5.size(), t5.toString());
        assertEquals("trpo-lower-bound", t5.get(0).get("id").asText());
        assertEquals("holds", t5.get(0).get("status").asText());
        JsonNode pg = claims(Cli.run("check", "eq. (2.27)", "--trials", "5", "--format", "json").assertExit(0));
        assertEquals(1, pg.size(), pg.toString());
        assertEquals("policy-gradient-as-printed", pg.get(0).get("id").asText());
        assertEquals("falsified", pg.get(0).get("status").asText());
        assertTrue(pg.get(0).get("counterexample").isObject(), pg.toString());
        JsonNode fixed = claims(Cli.run("check", "eq. (2.27) (corrected)", "--trials", "5", "--format", "json").assertExit(0));
        assertEquals("holds", fixed.get(0).get("status").asText());
    }

    private static JsonNode claims(Cli.Run r) throws Exception {
        return Json.mapper().readTree(r.out()).get("claims");
    }
}
