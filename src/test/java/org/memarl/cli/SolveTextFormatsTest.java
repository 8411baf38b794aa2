package org.memarl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.memarl.io.CassandraPomdp;
import org.memarl.io.Json;
import org.memarl.io.MadpDecPomdp;
import org.memarl.model.Pomdp;

/**
 * Issue 15: files in Cassandra's {@code .pomdp} and MADP's {@code .dpomdp} formats solve with
 * {@code solve FILE --algorithm public-belief --horizon H} (and as bundled examples). Tiger against an independent
 * recursion over observation histories; Dec-Tiger against its published optimum -4 at horizon 2 and against uniform
 * play at beta = 0, computed from the file's own model.
 */
class SolveTextFormatsTest {
    static double v0(String... args) throws Exception {
        Cli.Run r = Cli.run(args).assertExit(0);
        assertEquals("", r.err(), r::toString);
        JsonNode res = Json.mapper().readTree(r.out());
        return res.get("values").get("V").get(0).asDouble();
    }

    /**
     * The optimal value of a POMDP over horizon h from belief b, by the recursion over actions and observations
     * (each observation's Bayes update written here), independently of memarl's belief code.
     */
    static double optimal(Pomdp p, double[] b, int h) {
        if (h == 0) {
            return 0.0;
        }
        int n = p.numStates();
        double best = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < p.numActions(); a++) {
            double v = 0.0;
            for (int s = 0; s < n; s++) {
                v += b[s] * p.reward(s, a);
            }
            for (int o = 0; o < p.numObservations(); o++) {
                double[] nb = new double[n];
                double z = 0.0;
                for (int s2 = 0; s2 < n; s2++) {
                    double x = 0.0;
                    for (int s = 0; s < n; s++) {
                        x += b[s] * p.transition(s, a, s2);
                    }
                    nb[s2] = x * p.observation(s2, a, o);
                    z += nb[s2];
                }
                if (z == 0.0) {
                    continue;
                }
                for (int s2 = 0; s2 < n; s2++) {
                    nb[s2] /= z;
                }
                v += p.gamma() * z * optimal(p, nb, h - 1);
            }
            best = Math.max(best, v);
        }
        return best;
    }

    @Test
    void tigerFromThePomdpFileAgainstAnIndependentRecursion() throws Exception {
        Pomdp tiger = CassandraPomdp.read(Path.of("examples", "tiger.pomdp"));
        for (int h = 1; h <= 5; h++) {
            double expected = optimal(tiger, new double[] {0.5, 0.5}, h);
            double got = v0("solve", "examples/tiger.pomdp", "--algorithm", "public-belief", "--beta", "inf", "--horizon",
                    Integer.toString(h));
            assertEquals(expected, got, 1e-12 * Math.max(1.0, Math.abs(expected)), "Tiger, horizon " + h);
        }
        // the bundled example by name, and the same number as the JSON Tiger at its horizon 4 (docs/belief.md: 1.7955)
        double h4 = v0("solve", "--example", "tiger.pomdp", "--algorithm", "public-belief", "--beta", "inf", "--horizon", "4");
        assertEquals(v0("solve", "--example", "tiger", "--algorithm", "public-belief", "--beta", "inf"), h4, 0.0);
        assertEquals(1.7955, h4, 5e-5);
    }

    @Test
    void decTigerFromTheDpomdpFile() throws Exception {
        assertEquals(-4.0, v0("solve", "examples/dec-tiger.dpomdp", "--algorithm", "public-belief", "--beta", "inf",
                "--horizon", "2"), 0.0, "Dec-Tiger, horizon 2, published -4");
        assertEquals(-2.0, v0("solve", "--example", "dec-tiger.dpomdp", "--algorithm", "public-belief", "--beta", "inf",
                "--horizon", "1"), 0.0, "horizon 1: both listen");
        // beta = 0: uniform play, H times the mean reward (the tiger stays uniform: listening keeps it, doors reset it)
        MadpDecPomdp.Spec d = MadpDecPomdp.readSpec(Path.of("examples", "dec-tiger.dpomdp"));
        double mean = 0.0;
        for (double r : d.rewards()) {
            mean += r / d.rewards().length;
        }
        assertEquals(2 * mean, v0("solve", "examples/dec-tiger.dpomdp", "--algorithm", "public-belief", "--beta", "0",
                "--horizon", "2"), 1e-12 * Math.abs(2 * mean));
    }

    /**
     * Issue 15 done means: Dec-Tiger from the {@code .dpomdp} file (read as the standard Dec-POMDP: history
     * prescriptions, private joint actions) gives the published 5.190812 at horizon 3 (exactly 5.1908125, checked
     * independently by {@code MadpDecPomdpTest}'s brute force and {@code DecTigerHistoryTest}), with a policy tree per
     * agent whose last step opens the door opposite the side heard twice.
     */
    @Test
    void decTigerFromTheDpomdpFileAtHorizonThreeUsesHistories() throws Exception {
        Cli.Run r = Cli.run("solve", "examples/dec-tiger.dpomdp", "--algorithm", "public-belief", "--beta", "inf",
                "--horizon", "3").assertExit(0);
        JsonNode res = Json.mapper().readTree(r.out());
        assertEquals(5.1908125, res.get("values").get("V").get(0).asDouble(), 1e-12, "Dec-Tiger, horizon 3, published 5.190812");
        for (String agent : new String[] {"agents[0]", "agents[1]"}) {
            JsonNode last = res.get("publicBelief").get("policyTrees").get(agent).get("next").get(0).get("node").get("next")
                    .get(0).get("node").get("policy");
            // histories start with the constant start observation (index 0, hear-left)
            assertEquals("open-right", last.get("hear-left,hear-left,hear-left").asText(), agent + ": " + last);
            assertEquals("open-left", last.get("hear-left,hear-right,hear-right").asText(), agent + ": " + last);
        }
        MadpDecPomdp.Spec spec = MadpDecPomdp.readSpec(Path.of("examples", "dec-tiger.dpomdp"));
        org.memarl.model.DecPomdp m = MadpDecPomdp.read(Path.of("examples", "dec-tiger.dpomdp"));
        org.junit.jupiter.api.Assertions.assertEquals(org.memarl.model.DecPomdp.PrivateMemory.HISTORY, m.privateMemory());
        org.junit.jupiter.api.Assertions.assertFalse(m.publicActions(), "the standard Dec-POMDP: joint actions private");
        org.junit.jupiter.api.Assertions.assertNotNull(spec);
    }

    /**
     * Done means: malformed files (rows not summing to 1, unknown names, missing sections, truncated files) get
     * exit 2 and one line naming the line, through the command line.
     */
    @Test
    void malformedFilesGetOneLineNamingTheLine(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String tiger = java.nio.file.Files.readString(Path.of("examples", "tiger.pomdp"));
        String dec = java.nio.file.Files.readString(Path.of("examples", "dec-tiger.dpomdp"));
        String[][] cases = {
            {"rows.pomdp", tiger.replace("0.85 0.15", "0.85 0.25"), "row sums to 1.1, expected 1"},
            {"names.pomdp", tiger.replace("R: listen : *", "R: shout : *"), "unknown action \"shout\""},
            {"missing.pomdp", tiger.replace("observations: hear-left hear-right", ""), "T: before observations: (the preamble must declare"},
            {"cut.pomdp", tiger.substring(0, tiger.indexOf("0.15 0.85") + 5), "O: listen: 3 numbers, expected 4"},
            {"rows.dpomdp", dec.replace("tiger-right : hear-left hear-left : 0.0225", "tiger-right : hear-left hear-left : 0.5"),
                "O: listen listen : tiger-right: row sums to 1.4775"},
            {"names.dpomdp", dec.replace("R: open-left open-right : *", "R: open-left open-up : *"),
                "unknown action of agent 1 \"open-up\""},
            {"missing.dpomdp", dec.replace("discount: 1\n", ""), "missing section discount:"},
            {"cut.dpomdp", dec.substring(0, dec.indexOf("T: listen listen :")), "no probabilities given"}};
        for (String[] c : cases) {
            Path f = dir.resolve(c[0]);
            java.nio.file.Files.writeString(f, c[1]);
            Cli.Run r = Cli.run("solve", f.toString(), "--algorithm", "public-belief", "--horizon", "2");
            HostileReadersTest.assertClean(r, c[2]);
            assertTrue(r.err().matches("memarl: line \\d+: .*\\R?"), r::toString);
        }
    }

    @Test
    void theFormatsHaveNoHorizon() {
        Cli.run("solve", "examples/tiger.pomdp", "--algorithm", "public-belief").assertOneLineError("horizon: missing",
                "--horizon H");
        Cli.run("solve", "examples/dec-tiger.dpomdp", "--algorithm", "soft-value-iteration")
                .assertOneLineError("does not apply to kind \"dec-pomdp\"");
        Cli.run("solve", "examples/tiger.pomdp", "--algorithm", "public-belief", "--horizon", "2", "--max-model-bytes", "100")
                .assertOneLineError("bytes, more than 100, the limit for a model file (raise it with --max-model-bytes)");
        Cli.Run r = Cli.run("examples").assertExit(0);
        assertTrue(r.out().contains("tiger.pomdp") && r.out().contains("dec-tiger.dpomdp"), r::toString);
    }
}
