package org.memarl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code solve} with the option algorithms of chapter 4: results, --plot, and one-line errors. */
class SolveOptionsTest {
    private static final ObjectMapper M = new ObjectMapper();
    @TempDir
    Path dir;

    private static final String TINY = "{\"format\":\"memarl/1\",\"kind\":\"mdp\",\"name\":\"tiny\",\"gamma\":0.5,\"states\":1,"
            + "\"actions\":2,\"transitions\":[[[1],[1]]],\"rewards\":[[1,0]],"
            + "\"options\":{\"count\":2,\"actionPrior\":[[[0.9,0.1]],[[0.2,0.8]]],\"terminationPrior\":0.25}}";

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static JsonNode json(Cli.Run r) throws Exception {
        return M.readTree(r.out());
    }

    /**
     * gamma = 0.5, one state: the fixed point solves U(z') = M_b[b ? V^H : V(z')] with V(z) = M_a[r + gamma U(z)];
     * with beta = +inf every reduction is a max: U = max_a r / (1 - gamma) = 2 for both options.
     */
    @Test
    void hardLimitIsTheBestActionForever() throws Exception {
        Path m = write("tiny.json", TINY);
        JsonNode r = json(Cli.run("solve", m.toString(), "--algorithm", "soft-options", "--beta", "inf").assertExit(0));
        assertEquals(2.0, r.at("/values/U/0/0").asDouble(), 1e-9);
        assertEquals(2.0, r.at("/values/U/0/1").asDouble(), 1e-9);
        assertEquals(2.0, r.at("/values/V/0").asDouble(), 1e-9);
        assertEquals(1.0, r.at("/policies/low/0/1/0").asDouble(), 0.0, "option 1 still takes the better action");
    }

    /** beta = 0 evaluates the priors: the same for soft-options and the critic. */
    @Test
    void atBetaZeroTheCriticAndSoftOptionsCoincide() throws Exception {
        Path m = write("tiny.json", TINY);
        JsonNode a = json(Cli.run("solve", m.toString(), "--algorithm", "soft-options", "--beta", "0", "--tolerance", "1e-12")
                .assertExit(0));
        JsonNode b = json(Cli.run("solve", m.toString(), "--algorithm", "soft-options-critic", "--beta", "0",
                "--tolerance", "1e-12").assertExit(0));
        for (int z = 0; z < 2; z++) {
            assertEquals(a.at("/values/U/0/" + z).asDouble(), b.at("/values/U/0/" + z).asDouble(), 1e-11);
        }
        // prior policy evaluation by hand: option z's mean reward rbar_z = P(a=0|z); the Markov chain on z_prev
        // keeps z with 1 - 0.25 + 0.25/2 and switches with 0.125: U = (I - gamma P)^{-1} (P rbar)
        double[] rbar = {0.9, 0.2};
        double stay = 0.875;
        double sw = 0.125;
        // U0 = stay rbar0 + sw rbar1 + g (stay U0 + sw U1), U1 = sw rbar0 + stay rbar1 + g (sw U0 + stay U1)
        double c0 = stay * rbar[0] + sw * rbar[1];
        double c1 = sw * rbar[0] + stay * rbar[1];
        double a11 = 1 - 0.5 * stay;
        double a12 = -0.5 * sw;
        double det = a11 * a11 - a12 * a12;
        double u0 = (a11 * c0 - a12 * c1) / det;
        double u1 = (a11 * c1 - a12 * c0) / det;
        assertEquals(u0, a.at("/values/U/0/0").asDouble(), 1e-11);
        assertEquals(u1, a.at("/values/U/0/1").asDouble(), 1e-11);
    }

    @Test
    void resultHasTheTablesOfTheIssue() throws Exception {
        JsonNode r = json(Cli.run("solve", "--example", "four-rooms", "--algorithm", "soft-options", "--beta", "5")
                .assertExit(0));
        int n = r.at("/values/V").size();
        assertEquals(104, n);
        for (String k : new String[] {"U", "VH", "Vz", "Q"}) {
            assertEquals(n, r.at("/values/" + k).size(), k);
        }
        assertEquals(4, r.at("/values/U/0").size());
        for (String k : new String[] {"low", "master", "termination"}) {
            assertEquals(n, r.at("/policies/" + k).size(), k);
        }
        assertEquals(4, r.at("/parameters/options").asInt());
    }

    @Test
    void maSoftOptionsWritesUAndTheSixPolicies() throws Exception {
        JsonNode r = json(Cli.run("solve", "--example", "coordination-options", "--algorithm", "ma-soft-options", "--beta", "1")
                .assertExit(0));
        assertEquals(2, r.at("/values/U/0").size());
        assertEquals(2, r.at("/values/U/0/0").size());
        for (String k : new String[] {"agentTermination", "agentMaster", "agentLow", "opponentTermination", "opponentMaster",
                "opponentLow", "agent", "opponent"}) {
            assertFalse(r.at("/policies/" + k).isMissingNode(), k);
        }
        // the agent reads the message: its master prefers the option the opponent ran last step
        assertTrue(r.at("/policies/agentMaster/0/0/0").asDouble() > 0.5);
        assertTrue(r.at("/policies/agentMaster/0/1/1").asDouble() > 0.5);
    }

    @Test
    void plotWritesPngAndSvg() throws Exception {
        Path png = dir.resolve("fr.png");
        Path svg = dir.resolve("fr.svg");
        Cli.run("solve", "--example", "four-rooms", "--algorithm", "soft-options", "--beta", "5", "--plot", png.toString(),
                "--out", dir.resolve("r.json").toString()).assertExit(0);
        byte[] head = Arrays.copyOf(Files.readAllBytes(png), 8);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, head);
        Cli.run("solve", "--example", "four-rooms", "--algorithm", "soft-options-critic", "--beta", "5", "--plot",
                svg.toString(), "--out", dir.resolve("r2.json").toString()).assertExit(0);
        assertTrue(Files.readString(svg, StandardCharsets.UTF_8).contains("<svg"));
    }

    @Test
    void badUsageIsOneLine() throws Exception {
        Path m = write("tiny.json", TINY);
        Cli.run("solve", m.toString(), "--algorithm", "soft-options", "--plot", dir.resolve("x.png").toString())
                .assertOneLineError("plot:", "states[0]", "r<row>c<col>");
        assertFalse(Files.exists(dir.resolve("x.png")));
        Cli.run("solve", "--example", "four-rooms", "--algorithm", "soft-value-iteration", "--plot",
                dir.resolve("x.png").toString()).assertOneLineError("plot:", "soft-value-iteration");
        Cli.run("solve", "--example", "four-rooms", "--algorithm", "soft-options", "--plot", dir.resolve("x.gif").toString())
                .assertOneLineError("plot:", ".png or .svg");
        Cli.run("solve", "--example", "chain", "--algorithm", "soft-options").assertOneLineError("options: missing");
        Cli.run("solve", "--example", "pursuit-3-state", "--algorithm", "ma-soft-options").assertOneLineError("options: missing");
        Cli.run("solve", "--example", "coordination-options", "--algorithm", "ma-soft-options", "--beta-agent", "2")
                .assertOneLineError("beta-agent:");
    }

    @Test
    void malformedOptionsAreOneLineErrors() throws Exception {
        ObjectNode base = (ObjectNode) M.readTree(TINY);
        String[][] cases = {
            {"/options/count", "0", "options.count: 0"},
            {"/options/terminationPrior", "1.5", "options.terminationPrior: probability 1.5 is not in [0, 1]"},
            {"/options/terminationPrior", "[[0.5, 2]]", "options.terminationPrior[0][1]: probability 2"},
            {"/options/masterPrior", "[[0.5, 0.6]]", "options.masterPrior[0]: row sums to 1.1"},
            {"/options/actionPrior", "[[[1, 0]]]", "options.actionPrior: 1 entries, expected 2"},
            {"/options/actionPrior", "[[[1, 0]], [[0.5, -0.5]]]", "options.actionPrior[1][0][1]: probability -0.5"},
            {"/options/names", "[\"a\", \"a\"]", "options.names[1]: duplicate name \"a\""},
            {"/options/names", "[\"a\"]", "options.names: 1 names, expected 2"},
            {"/options/colour", "1", "options.colour: unknown key"},
        };
        int i = 0;
        for (String[] c : cases) {
            ObjectNode t = base.deepCopy();
            String[] parts = c[0].substring(1).split("/");
            ((ObjectNode) t.get(parts[0])).set(parts[1], M.readTree(c[1]));
            Path p = write("bad" + (i++) + ".json", M.writeValueAsString(t));
            Cli.run("solve", p.toString(), "--algorithm", "soft-options").assertOneLineError(c[2]);
        }
    }
}
