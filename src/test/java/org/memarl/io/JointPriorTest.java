package org.memarl.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memarl.InvalidModelException;
import org.memarl.cli.Cli;
import org.memarl.model.Game;

/**
 * Issue 14 item 5: a game's prior given as one joint prior {@code "prior": {"joint": P[s][a][b]}}, and four separately
 * given priors checked to be one joint prior's marginals and conditionals (tolerance 1e-9 per joint action).
 */
class JointPriorTest {
    /** A 2-state game with 2 agent and 2 opponent actions; {@code PRIOR} is spliced in. */
    private static String game(String prior) {
        return "{\"format\": \"memarl/1\", \"kind\": \"game\", \"states\": [\"s0\", \"s1\"], \"gamma\": 0.5,"
                + " \"actions\": {\"agent\": [\"a1\", \"a2\"], \"opponent\": [\"b1\", \"b2\"]},"
                + " \"transitions\": [[[[1, 0], [0, 1]], [[0.5, 0.5], [1, 0]]], [[[0, 1], [0, 1]], [[1, 0], [1, 0]]]],"
                + " \"rewards\": [[[1, -1], [-1, 1]], [[0, 2], [3, 0]]], \"sum\": \"zero\""
                + (prior == null ? "" : ", \"prior\": " + prior) + "}";
    }

    private static Game read(String text) {
        return GameReader.readGame(text.getBytes(StandardCharsets.UTF_8), "game.json");
    }

    private static String error(String text) {
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> read(text));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    // state 0: joint [[0.1, 0.3], [0.2, 0.4]] (exact binary fractions avoided on purpose); state 1: a2 never played
    private static final String JOINT = "{\"joint\": [[[0.1, 0.3], [0.2, 0.4]], [[0.25, 0.75], [0, 0]]]}";

    @Test
    void jointPriorGivesMarginalsAndConditionalsByHand() {
        Game g = read(game(JOINT));
        double[] pa = g.priorAgentFlat();
        double[] pb = g.priorOpponentFlat();
        double[] pba = g.opponentGivenAgentFlat();
        double[] pab = g.agentGivenOpponentFlat();
        // state 0: P(a) = (0.4, 0.6), P(b) = (0.3, 0.7), P(b|a1) = (1/4, 3/4), P(b|a2) = (1/3, 2/3),
        // P(a|b1) = (1/3, 2/3), P(a|b2) = (3/7, 4/7)
        double eps = 4 * Math.ulp(1.0);
        assertEquals(0.4, pa[0], eps);
        assertEquals(0.6, pa[1], eps);
        assertEquals(0.3, pb[0], eps);
        assertEquals(0.7, pb[1], eps);
        assertEquals(0.25, pba[0], eps);
        assertEquals(0.75, pba[1], eps);
        assertEquals(1.0 / 3, pba[2], eps);
        assertEquals(2.0 / 3, pba[3], eps);
        assertEquals(1.0 / 3, pab[0], eps);
        assertEquals(2.0 / 3, pab[1], eps);
        assertEquals(3.0 / 7, pab[2], eps);
        assertEquals(4.0 / 7, pab[3], eps);
        // state 1: P(a) = (1, 0), P(b) = (0.25, 0.75); P(b|a2) (a2 has marginal 0) is the marginal P(b)
        assertEquals(1.0, pa[2], 0.0);
        assertEquals(0.0, pa[3], 0.0);
        assertEquals(0.25, pba[4 + 2], eps);
        assertEquals(0.75, pba[4 + 3], eps);
        assertEquals(1.0, pab[4], 0.0);
        assertEquals(0.0, pab[5], 0.0);
        assertTrue(g.jointGiven());
        assertTrue(g.hasJointPrior());
    }

    @Test
    void jointPriorRoundTripsAsJoint() {
        Game g = read(game(JOINT));
        String written = new String(Json.bytes(GameWriter.toJson(g)), StandardCharsets.UTF_8);
        assertTrue(written.contains("\"joint\""), written);
        assertFalse(written.contains("opponentGivenAgent"), written);
        Game back = read(written);
        assertTrue(java.util.Arrays.equals(g.jointPriorFlat(), back.jointPriorFlat()));
        assertTrue(java.util.Arrays.equals(g.agentGivenOpponentFlat(), back.agentGivenOpponentFlat()));
    }

    @Test
    void fourConsistentPriorsAreAccepted() {
        String four = "{\"agent\": [[0.4, 0.6], [0.5, 0.5]], \"opponent\": [[0.3, 0.7], [0.5, 0.5]],"
                + " \"opponentGivenAgent\": [[[0.25, 0.75], [0.3333333333333333, 0.6666666666666666]], [[0.5, 0.5], [0.5, 0.5]]],"
                + " \"agentGivenOpponent\": [[[0.3333333333333333, 0.6666666666666666], [0.42857142857142855, 0.5714285714285714]],"
                + " [[0.5, 0.5], [0.5, 0.5]]]}";
        Game g = read(game(four));
        assertTrue(g.hasJointPrior());
        assertFalse(g.jointGiven());
    }

    @Test
    void fourInconsistentPriorsAreRefusedNamingTheState() {
        // state 1: one agent action would need P(b|s) = P(b|s,a); here P(b|s1) = (0.5, 0.5) but P(b|s1,a) = (0.9, 0.1)
        String four = "{\"agent\": [[0.5, 0.5], [0.5, 0.5]], \"opponent\": [[0.5, 0.5], [0.5, 0.5]],"
                + " \"opponentGivenAgent\": [[[0.5, 0.5], [0.5, 0.5]], [[0.9, 0.1], [0.9, 0.1]]],"
                + " \"agentGivenOpponent\": [[[0.5, 0.5], [0.5, 0.5]], [[0.5, 0.5], [0.5, 0.5]]]}";
        String m = error(game(four));
        assertTrue(m.startsWith("prior: state 1 (\"s1\")"), m);
        assertTrue(m.contains("tolerance 1e-9"), m);
        assertTrue(m.contains("0.45") && m.contains("0.25"), m);
        assertTrue(m.contains("\"joint\""), m);
    }

    @Test
    void threePriorsAreNotRequiredToAgree() {
        // only four given priors are checked: three given (one defaulted) may describe no joint prior
        String three = "{\"agent\": [[0.5, 0.5], [0.5, 0.5]], \"opponent\": [[0.5, 0.5], [0.5, 0.5]],"
                + " \"opponentGivenAgent\": [[[0.9, 0.1], [0.9, 0.1]], [[0.9, 0.1], [0.9, 0.1]]]}";
        Game g = read(game(three));
        assertFalse(g.hasJointPrior());
    }

    @Test
    void jointWithAnotherPriorOrBadSumsIsAnError() {
        String both = error(game("{\"joint\": [[[0.1, 0.3], [0.2, 0.4]], [[0.25, 0.25], [0.25, 0.25]]],"
                + " \"agent\": [[0.5, 0.5], [0.5, 0.5]]}"));
        assertTrue(both.startsWith("prior.agent: given together with prior.joint"), both);
        String sum = error(game("{\"joint\": [[[0.1, 0.3], [0.2, 0.3]], [[0.25, 0.25], [0.25, 0.25]]]}"));
        assertTrue(sum.startsWith("prior.joint[0]") && sum.contains("row sums to 0.9"), sum);
        String shape = error(game("{\"joint\": [[[0.1, 0.3], [0.2, 0.4]]]}"));
        assertTrue(shape.contains("prior.joint"), shape);
    }

    @Test
    void matrixGameTakesAJointPrior() {
        Game g = read("{\"format\": \"memarl/1\", \"kind\": \"matrix-game\", \"payoff\": [[1, -1], [-1, 1]], \"sum\": \"zero\","
                + " \"prior\": {\"joint\": [[0.5, 0], [0, 0.5]]}}");
        double[] pba = g.opponentGivenAgentFlat();
        assertEquals(1.0, pba[0], 0.0);
        assertEquals(0.0, pba[1], 0.0);
        assertEquals(0.0, pba[2], 0.0);
        assertEquals(1.0, pba[3], 0.0);
        assertTrue(g.hasJointPrior());
    }

    @Test
    void solveRefusesInconsistentPriorsWithExitTwo(@TempDir Path dir) throws Exception {
        String four = "{\"agent\": [[0.5, 0.5], [0.5, 0.5]], \"opponent\": [[0.5, 0.5], [0.5, 0.5]],"
                + " \"opponentGivenAgent\": [[[0.9, 0.1], [0.5, 0.5]], [[0.5, 0.5], [0.5, 0.5]]],"
                + " \"agentGivenOpponent\": [[[0.5, 0.5], [0.5, 0.5]], [[0.5, 0.5], [0.5, 0.5]]]}";
        Path f = dir.resolve("g.json");
        Files.writeString(f, game(four));
        Cli.run("solve", f.toString(), "--algorithm", "rommeo", "--beta", "1").assertOneLineError("prior: state 0",
                "tolerance 1e-9");
        Path ok = dir.resolve("ok.json");
        Files.writeString(ok, game(JOINT));
        Cli.run("solve", ok.toString(), "--algorithm", "rommeo", "--beta", "1").assertExit(0);
    }
}
