package org.memarl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.memarl.Version;
import org.memarl.io.Json;

/** {@code memarl check} (the theorem ledger's command line), {@code --version} and {@code --help}. */
class CheckCommandTest {
    private static final List<String> STATUSES = List.of("holds", "falsified", "holds-when");

    @Test
    void jsonFormatListsEveryClaimWithTheContractFields() throws Exception {
        Cli.Run r = Cli.run("check", "--format", "json", "--trials", "5").assertExit(0);
        r.assertNoStackTrace();
        JsonNode root = Json.mapper().readTree(r.out());
        assertEquals(Set.of("claims"), fieldNames(root));
        JsonNode claims = root.get("claims");
        assertTrue(claims.isArray() && claims.size() > 0);
        Set<String> refs = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode c : claims) {
            for (String k : new String[] {"id", "ref", "statement", "status", "trials", "maxViolation", "counterexample"}) {
                assertTrue(c.has(k), "claim " + c.get("id") + " lacks " + k);
            }
            assertTrue(c.get("id").isTextual() && ids.add(c.get("id").asText()), "ids are unique strings");
            assertTrue(c.get("statement").isTextual() && !c.get("statement").asText().isEmpty());
            assertTrue(STATUSES.contains(c.get("status").asText()), c.toString());
            // the random trials asked for, plus the claim's known witnesses (re-checked first)
            assertTrue(c.get("trials").asInt() >= 5, c.toString());
            assertTrue(c.get("maxViolation").isNumber() && Double.isFinite(c.get("maxViolation").asDouble()), c.toString());
            JsonNode ce = c.get("counterexample");
            assertTrue(ce.isNull() || ce.isObject(), c.toString());
            if (c.get("status").asText().equals("falsified")) {
                assertTrue(ce.isObject(), "a falsified claim carries its counterexample: " + c);
            }
            refs.add(c.get("ref").asText());
        }
        assertTrue(refs.containsAll(List.of("appendix A.2.1", "appendix A.2.2", "appendix A.3.3", "Theorem 6", "Theorem 8",
                "Theorem 9", "Corollary 10", "eq. (3.31)")), refs.toString());
    }

    private static Set<String> fieldNames(JsonNode n) {
        Set<String> s = new HashSet<>();
        n.fieldNames().forEachRemaining(s::add);
        return s;
    }

    @Test
    void selectingOneClaimByRef() throws Exception {
        Cli.Run r = Cli.run("check", "Theorem 6", "--trials", "3").assertExit(0);
        assertTrue(r.out().contains("Theorem 6"), r::toString);
        Cli.Run j = Cli.run("check", "Theorem 6", "--trials", "3", "--format", "json").assertExit(0);
        JsonNode claims = Json.mapper().readTree(j.out()).get("claims");
        assertEquals(1, claims.size(), j::toString);
        assertEquals("Theorem 6", claims.get(0).get("ref").asText());
        assertEquals(3, claims.get(0).get("trials").asInt());
    }

    @Test
    void unknownRefIsBadUsage() {
        Cli.run("check", "Theorem 99", "--trials", "3").assertOneLineError("Theorem 99");
        Cli.run("check", "--trials", "0").assertOneLineError("trials");
        Cli.run("check", "--format", "yaml", "--trials", "1").assertOneLineError("yaml");
        Cli.run("check", "--trials", "many").assertOneLineError("--trials", "many");
    }

    @Test
    void markdownAndTextFormats() {
        Cli.Run md = Cli.run("check", "appendix A.2.2", "--trials", "2", "--format", "markdown").assertExit(0);
        assertTrue(md.out().startsWith("| ref |"), md::toString);
        assertTrue(md.out().contains("appendix A.2.2"), md::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--version", "-V"})
    void versionPrintsTheVersionAndExitsZero(String flag) {
        Cli.Run r = Cli.run(flag).assertExit(0);
        assertTrue(r.out().contains(Version.get()), r::toString);
        assertTrue(r.out().startsWith("memarl "), r::toString);
        assertTrue(!Version.get().equals("unknown") && !Version.get().contains("${"), "version filtered in: " + Version.get());
        assertEquals("", r.err());
        for (String cmd : new String[] {"solve", "check", "examples"}) {
            Cli.Run c = Cli.run(cmd, flag).assertExit(0);
            assertTrue(c.out().contains(Version.get()), c::toString);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "solve", "check", "examples", "help"})
    void helpOnEveryCommandExitsZero(String command) {
        Cli.Run r = command.isEmpty() ? Cli.run("--help") : Cli.run(command, "--help");
        r.assertExit(0);
        assertTrue(r.out().contains("Usage: memarl"), r::toString);
        assertEquals("", r.err(), r::toString);
        if (command.equals("solve")) {
            for (String opt : new String[] {"--algorithm", "--beta", "--gamma", "--tolerance", "--max-iterations", "--horizon",
                    "--seed", "--episodes", "--out", "--example"}) {
                assertTrue(r.out().contains(opt), "solve --help documents " + opt);
            }
        }
    }

    @Test
    void helpSubcommandNamesACommand() {
        Cli.Run r = Cli.run("help", "solve").assertExit(0);
        assertTrue(r.out().contains("Usage: memarl solve"), r::toString);
    }
}
