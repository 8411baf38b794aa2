package org.memarl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.memarl.io.Json;
import org.memarl.io.TestModels;

/**
 * Every invalid model and every bad usage of {@code solve}: exit 2, exactly one line on standard
 * error naming the key, the indices and the value, nothing on standard output, no stack trace
 * (cli.md, model-format.md).
 */
class SolveValidationTest {
    @TempDir
    Path dir;

    private Cli.Run solve(String text) {
        Path f = TestModels.write(dir, "model.json", text);
        return Cli.run("solve", f.toString(), "--algorithm", "soft-value-iteration", "--beta", "2");
    }

    private Cli.Run solveDense(Consumer<ObjectNode> edit) {
        ObjectNode m = TestModels.dense();
        edit.accept(m);
        return solve(new String(Json.bytes(m), StandardCharsets.UTF_8));
    }

    private Cli.Run solveSparse(Consumer<ObjectNode> edit) {
        ObjectNode m = TestModels.sparse();
        edit.accept(m);
        return solve(new String(Json.bytes(m), StandardCharsets.UTF_8));
    }

    private static ArrayNode at(JsonNode n, int... path) {
        JsonNode x = n;
        for (int i : path) {
            x = x.get(i);
        }
        return (ArrayNode) x;
    }

    private static void setRow(ArrayNode row, double... values) {
        row.removeAll();
        for (double v : values) {
            row.add(v);
        }
    }

    @Test
    void theValidTestModelsSolve() {
        solveDense(m -> { }).assertExit(0);
        solveSparse(m -> { }).assertExit(0);
    }

    @Test
    void transitionRowNotSummingToOneNamesRowSumAndTolerance() {
        solveDense(m -> setRow(at(m.get("transitions"), 2, 1), 0.0, 0.0, 0.18, 0.8))
                .assertOneLineError("transitions[2][1]: row sums to 0.98, expected 1 (tolerance 1e-9)");
    }

    @Test
    void rowSumWithinToleranceIsAccepted() {
        solveDense(m -> setRow(at(m.get("transitions"), 2, 1), 0.0, 0.0, 0.2 + 4e-10, 0.8)).assertExit(0);
    }

    @Test
    void negativeProbability() {
        solveDense(m -> setRow(at(m.get("transitions"), 1, 0), 0.5, 0.6, -0.1, 0.0))
                .assertOneLineError("transitions[1][0][2]", "-0.1", "not in [0, 1]");
    }

    @Test
    void probabilityAboveOne() {
        solveDense(m -> setRow(at(m.get("transitions"), 3, 1), 0.0, 0.0, -0.5, 1.5))
                .assertOneLineError("transitions[3][1][2]", "-0.5");
    }

    @Test
    void nanWhereANumberIsExpected() {
        String text = TestModels.DENSE.replace("\"rewards\": [[0.2, 0.0], [0.0, 0.0]", "\"rewards\": [[0.2, 0.0], [NaN, 0.0]");
        solve(text).assertOneLineError("rewards[1][0]", "NaN", "not a finite number");
    }

    @Test
    void infinityAndOverflowWhereANumberIsExpected() {
        solve(TestModels.DENSE.replace("\"gamma\": 0.9", "\"gamma\": Infinity")).assertOneLineError("gamma", "Infinity");
        solve(TestModels.DENSE.replace("[[0.2, 0.0], [0.0, 0.0]", "[[0.2, 1e400], [0.0, 0.0]"))
                .assertOneLineError("rewards[0][1]", "not a finite number");
    }

    @Test
    void stringWhereANumberIsExpected() {
        solveDense(m -> at(m.get("rewards"), 1).set(0, "x")).assertOneLineError("rewards[1][0]", "\"x\"", "expected a number");
        solveDense(m -> at(m.get("transitions"), 0, 1).set(1, "0.8"))
                .assertOneLineError("transitions[0][1][1]", "\"0.8\"", "expected a number");
        solveDense(m -> m.put("gamma", "0.9")).assertOneLineError("gamma", "\"0.9\"");
        solveDense(m -> at(m.get("prior"), 3).set(1, "half")).assertOneLineError("prior[3][1]", "\"half\"");
    }

    @Test
    void rewardsWithTheWrongNumberOfRows() {
        solveDense(m -> ((ArrayNode) m.get("rewards")).remove(3)).assertOneLineError("rewards", "3 rows", "expected 4");
    }

    @Test
    void rewardsRowWithTheWrongLength() {
        solveDense(m -> at(m.get("rewards"), 2).add(7.0)).assertOneLineError("rewards[2]", "3 entries", "expected 2");
    }

    @Test
    void priorRowWithTheWrongLength() {
        solveDense(m -> setRow(at(m.get("prior"), 2), 1.0)).assertOneLineError("prior[2]", "1 entries", "expected 2");
    }

    @Test
    void priorRowNotSummingToOne() {
        solveDense(m -> setRow(at(m.get("prior"), 1), 0.25, 0.65)).assertOneLineError("prior[1]", "row sums to 0.9");
    }

    @Test
    void initialNotADistribution() {
        solveDense(m -> setRow((ArrayNode) m.get("initial"), 0.5, 0.5, 0.5, 0.0)).assertOneLineError("initial", "1.5");
        solveDense(m -> setRow((ArrayNode) m.get("initial"), 1.0, 0.0)).assertOneLineError("initial", "2 entries", "expected 4");
    }

    @Test
    void transitionsWithTheWrongDepth() {
        // too few next states in one row
        solveDense(m -> setRow(at(m.get("transitions"), 3, 1), 0.0, 0.0, 1.0))
                .assertOneLineError("transitions[3][1]", "3 entries", "expected 4");
        // too few actions in one state
        solveDense(m -> at(m.get("transitions"), 3).remove(1)).assertOneLineError("transitions[3]", "1 entries", "expected 2");
        // too few states
        solveDense(m -> ((ArrayNode) m.get("transitions")).remove(0)).assertOneLineError("transitions", "3 entries", "expected 4");
        // a number where a row is expected
        solveDense(m -> at(m.get("transitions"), 1).set(0, 1.0)).assertOneLineError("transitions[1][0]");
    }

    @Test
    void unknownTopLevelKeyIsATypoNotIgnored() {
        solveDense(m -> m.set("reward", m.remove("rewards"))).assertOneLineError("reward: unknown key");
        solveDense(m -> m.put("discount", 0.9)).assertOneLineError("discount: unknown key");
    }

    @Test
    void duplicateStateAndActionNames() {
        solveDense(m -> at(m.get("states")).set(2, "s1")).assertOneLineError("states[2]", "duplicate", "\"s1\"");
        solveDense(m -> ((ArrayNode) m.get("actions")).set(1, "left")).assertOneLineError("actions[1]", "duplicate", "\"left\"");
    }

    @Test
    void duplicateJsonKeys() {
        String text = TestModels.DENSE.replace("\"gamma\": 0.9,", "\"gamma\": 0.9,\n  \"gamma\": 0.5,");
        solve(text).assertOneLineError("gamma", "line 6");
        String inner = TestModels.SPARSE.replace("{\"sparse\": [", "{\"sparse\": [], \"sparse\": [");
        solve(inner).assertOneLineError("sparse");
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.5, -0.1, 1.0000001})
    void gammaOutsideTheUnitInterval(double g) {
        solveDense(m -> m.put("gamma", g)).assertOneLineError("gamma: " + g + " is not in [0, 1]");
    }

    @Test
    void gammaOneWithoutATerminationProofIsAClearError() {
        solveDense(m -> m.put("gamma", 1.0)).assertOneLineError("gamma");
    }

    @ParameterizedTest
    @ValueSource(strings = {"format", "kind", "gamma", "states", "actions", "transitions", "rewards"})
    void missingRequiredKey(String key) {
        solveDense(m -> m.remove(key)).assertOneLineError(key + ": missing");
    }

    @Test
    void wrongFormatOrKind() {
        solveDense(m -> m.put("format", "memarl/2")).assertOneLineError("format", "\"memarl/2\"");
        solveDense(m -> m.put("kind", "smdp")).assertOneLineError("kind", "\"smdp\"");
    }

    @Test
    void truncatedJsonNamesLineAndColumn() {
        String text = TestModels.DENSE.substring(0, TestModels.DENSE.length() / 2);
        Cli.Run r = solve(text).assertOneLineError("malformed JSON", "line ", "column ");
        assertTrue(r.err().contains("model.json"), r::toString);
    }

    @Test
    void trailingGarbage() {
        solve(TestModels.DENSE + "}").assertOneLineError("malformed JSON", "line ", "column ");
    }

    @Test
    void topLevelNotAnObject() {
        solve("[1, 2]").assertOneLineError("object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n"})
    void emptyFile(String text) {
        solve(text).assertOneLineError("model.json", "empty");
    }

    @Test
    void missingFile() {
        Path f = dir.resolve("no-such-model.json");
        Cli.run("solve", f.toString(), "--algorithm", "value-iteration").assertOneLineError("not found", "no-such-model.json");
    }

    @Test
    void sparseIndexOutOfRange() {
        solveSparse(m -> at(m.get("transitions").get("sparse"), 2).set(2, 3))
                .assertOneLineError("transitions.sparse[2][2]", "index 3", "out of range");
        solveSparse(m -> at(m.get("transitions").get("sparse"), 2).set(1, -1))
                .assertOneLineError("transitions.sparse[2][1]", "-1", "out of range");
    }

    @Test
    void sparseUnknownName() {
        solveSparse(m -> at(m.get("transitions").get("sparse"), 0).set(2, "zz"))
                .assertOneLineError("transitions.sparse[0][2]", "unknown state", "\"zz\"");
        solveSparse(m -> at(m.get("transitions").get("sparse"), 1).set(1, "jump"))
                .assertOneLineError("transitions.sparse[1][1]", "unknown action", "\"jump\"");
    }

    @Test
    void sparseDuplicateEntry() {
        solveSparse(m -> at(m.get("transitions").get("sparse")).addArray().add(0).add("x").add("b").add(0.0))
                .assertOneLineError("transitions.sparse[8]", "duplicate", "transitions[0][0][1]", "transitions.sparse[0]");
    }

    @Test
    void sparseMissingRow() {
        solveSparse(m -> at(m.get("transitions").get("sparse")).remove(4))
                .assertOneLineError("transitions[1][1]", "missing");
    }

    @Test
    void sparseRowSumAndBadProbability() {
        solveSparse(m -> at(m.get("transitions").get("sparse"), 7).set(3, 0.7))
                .assertOneLineError("transitions[2][1]: row sums to 0.95, expected 1 (tolerance 1e-9)");
        solveSparse(m -> at(m.get("transitions").get("sparse"), 3).set(3, -0.5))
                .assertOneLineError("transitions.sparse[3]", "-0.5", "transitions[1][0][0]");
        solveSparse(m -> at(m.get("transitions").get("sparse"), 3).add(1))
                .assertOneLineError("transitions.sparse[3]", "[s, a, s', p]");
    }

    @Test
    void sparseNamesAndIndicesGiveTheSameModel() throws Exception {
        // the sparse test model mixes names and indices; the same model with indices only solves identically
        ObjectNode byIndex = TestModels.sparse();
        ArrayNode entries = at(byIndex.get("transitions").get("sparse"));
        java.util.List<String> states = java.util.List.of("a", "b", "c");
        java.util.List<String> actions = java.util.List.of("x", "y");
        for (JsonNode e : entries) {
            ArrayNode a = (ArrayNode) e;
            if (a.get(0).isTextual()) {
                a.set(0, states.indexOf(a.get(0).asText()));
            }
            if (a.get(1).isTextual()) {
                a.set(1, actions.indexOf(a.get(1).asText()));
            }
            if (a.get(2).isTextual()) {
                a.set(2, states.indexOf(a.get(2).asText()));
            }
        }
        Path named = TestModels.write(dir, "named.json", TestModels.SPARSE);
        Path indexed = TestModels.write(dir, "indexed.json", byIndex);
        Cli.Run a = Cli.run("solve", named.toString(), "--algorithm", "soft-value-iteration", "--beta", "2").assertExit(0);
        Cli.Run b = Cli.run("solve", indexed.toString(), "--algorithm", "soft-value-iteration", "--beta", "2").assertExit(0);
        JsonNode ra = Json.mapper().readTree(a.out());
        JsonNode rb = Json.mapper().readTree(b.out());
        assertEquals(ra.get("values"), rb.get("values"));
        assertEquals(ra.get("policy"), rb.get("policy"));
    }

    @Test
    void unknownAlgorithm() {
        Cli.run("solve", "--example", "chain", "--algorithm", "soft-value-iteratoin")
                .assertOneLineError("algorithm", "\"soft-value-iteratoin\"", "soft-value-iteration");
    }

    @Test
    void unknownExample() {
        Cli.run("solve", "--example", "chian", "--algorithm", "value-iteration").assertOneLineError("example", "\"chian\"", "chain");
    }

    @Test
    void bothModelAndExample() {
        Path f = TestModels.write(dir, "model.json", TestModels.DENSE);
        Cli.run("solve", f.toString(), "--example", "chain", "--algorithm", "value-iteration")
                .assertOneLineError("MODEL", "--example");
    }

    @Test
    void neitherModelNorExample() {
        Cli.run("solve", "--algorithm", "value-iteration").assertOneLineError("MODEL", "--example");
    }

    @Test
    void missingAlgorithm() {
        Cli.run("solve", "--example", "chain").assertOneLineError("--algorithm");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "NaN", "", "1..2"})
    void betaThatIsNotANumber(String beta) {
        Cli.run("solve", "--example", "chain", "--algorithm", "soft-value-iteration", "--beta", beta)
                .assertOneLineError("--beta", "'" + beta + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"inf", "-inf", "0", "+inf", "Infinity", "1e-3", "-2"})
    void betaInfinitiesAndZeroAreAccepted(String beta) throws Exception {
        Cli.Run r = Cli.run("solve", "--example", "chain", "--algorithm", "soft-value-iteration", "--beta", beta).assertExit(0);
        assertEquals("", r.err(), r::toString);
        JsonNode res = Json.mapper().readTree(r.out());
        JsonNode b = res.get("parameters").get("beta");
        switch (beta) {
            case "inf", "+inf", "Infinity" -> assertEquals("inf", b.asText());
            case "-inf" -> assertEquals("-inf", b.asText());
            default -> assertEquals(Double.parseDouble(beta), b.asDouble(), 0.0);
        }
    }

    @Test
    void otherBadOptionsAreOneLine() {
        Cli.run("solve", "--example", "chain", "--algorithm", "value-iteration", "--tolerance", "0").assertOneLineError("tolerance");
        Cli.run("solve", "--example", "chain", "--algorithm", "value-iteration", "--max-iterations", "0")
                .assertOneLineError("max-iterations");
        Cli.run("solve", "--example", "chain", "--algorithm", "value-iteration", "--gamma", "2").assertOneLineError("gamma");
        Cli.run("solve", "--example", "chain", "--algorithm", "value-iteration", "--horizon", "0").assertOneLineError("horizon");
        Cli.run("solve", "--example", "chain", "--algorithm", "value-iteration", "--sweep", "diagonal")
                .assertOneLineError("sweep", "diagonal");
        Cli.run("solve", "--example", "chain", "--algorithm", "value-iteration", "--frobnicate").assertOneLineError("--frobnicate");
        Cli.run("frobnicate").assertOneLineError("frobnicate");
        Cli.run().assertOneLineError("command");
    }

    @Test
    void debugPrintsTheStackTrace() {
        Path f = TestModels.write(dir, "model.json", TestModels.DENSE.replace("\"gamma\": 0.9", "\"gamma\": 2"));
        Cli.Run r = Cli.run("solve", f.toString(), "--algorithm", "value-iteration", "--debug").assertExit(2);
        assertTrue(r.err().contains("\tat "), r::toString);
    }
}
