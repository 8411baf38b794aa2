package org.memarl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.memarl.io.Json;
import org.memarl.io.ModelReader;
import org.memarl.io.Models;
import org.memarl.model.Game;
import org.memarl.model.Mdp;

/**
 * {@code memarl examples} lists every JSON file of {@code examples/} with its kind and sizes, and every
 * MDP example solves (the game examples once {@code solve} reads games).
 */
class ExamplesCommandTest {

    /** The example files of the source tree (the tests run in the project's base folder). */
    static List<String> filesInExamplesFolder() throws Exception {
        try (Stream<Path> s = Files.list(Path.of("examples"))) {
            // JSON models by their name without .json; the text formats (issue 15) by their file name
            return s.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".json") || Examples.isText(f))
                    .map(f -> f.endsWith(".json") ? f.substring(0, f.length() - 5) : f).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void listsEveryBundledFile() throws Exception {
        List<String> files = filesInExamplesFolder();
        assertFalse(files.isEmpty());
        Cli.Run r = Cli.run("examples").assertExit(0);
        assertEquals("", r.err(), r::toString);
        String[] lines = r.out().strip().split("\\R");
        assertTrue(lines[0].startsWith("NAME"), r::toString);
        TreeSet<String> listed = Arrays.stream(lines).skip(1).map(l -> l.split("\\s+")[0]).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(files), listed, "examples lists exactly the files of examples/");
        assertEquals(new TreeSet<>(files), new TreeSet<>(Examples.all().keySet()));
        assertTrue(lines[0].matches("NAME\\s+KIND\\s+STATES\\s+ACTIONS\\s+DESCRIPTION"), lines[0]);
        TreeSet<String> kinds = new TreeSet<>();
        for (String l : Arrays.copyOfRange(lines, 1, lines.length)) {
            String name = l.split("\\s+")[0];
            Models.Model m = Models.read(Path.of("examples", Examples.isText(name) ? name : name + ".json"));
            String[] cols = l.trim().split("\\s+");
            assertEquals(m.kind().label(), cols[1], l);
            kinds.add(cols[1]);
            assertEquals(m.numStates(), Integer.parseInt(cols[2]), l);
            if (m instanceof Models.GameModel g) {
                assertEquals(g.game().numAgentActions() + "x" + g.game().numOpponentActions(), cols[3], l);
            } else if (m instanceof Models.DecPomdpModel d) {
                assertEquals(d.decPomdp().agent(0).numActions() + "x" + d.decPomdp().agent(1).numActions(), cols[3], l);
            } else if (m instanceof Models.PomdpModel p) {
                assertEquals(p.pomdp().numActions(), Integer.parseInt(cols[3]), l);
            } else {
                assertEquals(m.asMdp().numActions(), Integer.parseInt(cols[3]), l);
            }
            assertFalse(cols.length < 5, "every bundled example has a description: " + l);
        }
        assertEquals(new TreeSet<>(List.of("dec-pomdp", "game", "matrix-game", "mdp", "pomdp")), kinds, "the bundled examples cover every kind");
    }

    @Test
    void listsKindsAndActionCountsOfTheGames() {
        String out = Cli.run("examples").assertExit(0).out();
        assertTrue(out.lines().anyMatch(l -> l.matches("climbing\\s+matrix-game\\s+1\\s+3x3\\s+.*")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("pursuit-3-state\\s+game\\s+3\\s+2x2\\s+.*")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("prisoners-dilemma\\s+matrix-game\\s+1\\s+2x2\\s+.*")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("chain\\s+mdp\\s+5\\s+\\d+\\s+.*")), out);
    }

    /** The MDP examples of examples/ (the game examples are solved by the game algorithms). */
    static List<String> mdpExamples() throws Exception {
        return filesInExamplesFolder().stream()
                .filter(n -> !Examples.isText(n)).filter(n -> Models.read(Path.of("examples", n + ".json")).kind() == Models.Kind.MDP)
                .collect(Collectors.toList());
    }

    static List<String> gameExamples() throws Exception {
        return filesInExamplesFolder().stream()
                .filter(n -> !Examples.isText(n)).filter(n -> Models.read(Path.of("examples", n + ".json")) instanceof Models.GameModel)
                .collect(Collectors.toList());
    }

    @TestFactory
    Stream<DynamicTest> everyGameExampleIsPackagedAndSolvesOnceSolveReadsGames() throws Exception {
        return gameExamples().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            assertTrue(Arrays.equals(Files.readAllBytes(Path.of("examples", name + ".json")), Examples.bytes(name)),
                    "the packaged copy is the file of examples/");
            Game g = Models.read(Path.of("examples", name + ".json")).asGame();
            Cli.Run r = Cli.run("solve", "--example", name, "--algorithm", "rommeo", "--beta", "2");
            // skipped (not failed) while `solve` still refuses games by kind
            Assumptions.assumeFalse(r.code() == 2 && r.err().contains("kind"), () -> "solve does not read games yet: " + r);
            r.assertExit(0);
            assertEquals("", r.err(), r::toString);
            JsonNode res = Json.mapper().readTree(r.out());
            assertEquals(g.numStates(), res.get("values").get("V").size(), r::toString);
            assertTrue(res.get("converged").asBoolean(), r::toString);
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyMdpExampleSolvesWithSoftValueIterationAtBeta2() throws Exception {
        return mdpExamples().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            assertTrue(Arrays.equals(Files.readAllBytes(Path.of("examples", name + ".json")), Examples.bytes(name)),
                    "the packaged copy is the file of examples/");
            Mdp m = ModelReader.readMdp(Path.of("examples", name + ".json"));
            Cli.Run r = Cli.run("solve", "--example", name, "--algorithm", "soft-value-iteration", "--beta", "2");
            if (m.gamma() == 1.0 && m.horizon() == 0 && r.code() != 0) {
                // model-format.md: gamma 1 only where the algorithm can prove termination, "otherwise a clear
                // error". The fixed-point driver has no stopping bound at gamma 1, so it refuses in one line;
                // the finite-horizon recursion and the exact linear solve of policy evaluation do run.
                r.assertOneLineError("gamma");
                assertSolves(m, Cli.run("solve", "--example", name, "--algorithm", "soft-value-iteration", "--beta", "2",
                        "--horizon", "200"));
                assertSolves(m, Cli.run("solve", "--example", name, "--algorithm", "policy-evaluation", "--beta", "2"));
            } else {
                assertSolves(m, r);
            }
        }));
    }

    private static void assertSolves(Mdp m, Cli.Run r) throws Exception {
        r.assertExit(0);
        assertEquals("", r.err(), r::toString);
        JsonNode res = Json.mapper().readTree(r.out());
        assertEquals(m.numStates(), res.get("values").get("V").size());
        assertTrue(res.get("converged").asBoolean());
    }

    @Test
    void helpAndVersion() {
        Cli.Run r = Cli.run("examples", "--help").assertExit(0);
        assertTrue(r.out().contains("Usage"), r::toString);
        assertEquals("", r.err());
    }
}
