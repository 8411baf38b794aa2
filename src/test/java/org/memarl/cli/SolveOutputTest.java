package org.memarl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.memarl.io.Json;
import org.memarl.io.TestModels;

/** What {@code solve} writes: the {@code memarl-result/1} file, atomically, and exit 3 on non-convergence. */
class SolveOutputTest {
    @TempDir
    Path dir;

    private static List<String> listing(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** No NaN or infinity anywhere: not in the text (Jackson's spellings), not as a parsed number. */
    static void assertNoNonFinite(String text) throws IOException {
        for (String bad : new String[] {"NaN", "Infinity"}) {
            assertFalse(text.contains(bad), () -> "result contains " + bad + ":\n" + text);
        }
        walk(Json.mapper().readTree(text), "");
    }

    private static void walk(JsonNode n, String where) {
        if (n.isNumber()) {
            assertTrue(Double.isFinite(n.asDouble()), where + " = " + n);
        }
        if (n.isNull()) {
            throw new AssertionError(where + " is null");
        }
        if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                walk(n.get(i), where + "[" + i + "]");
            }
        }
        n.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("counterexample")) {
                walk(e.getValue(), where + "." + e.getKey());
            }
        });
    }

    @Test
    void invalidModelLeavesNoFileAndNoTemporaryFile() throws Exception {
        Path models = Files.createDirectory(dir.resolve("models"));
        Path outDir = Files.createDirectory(dir.resolve("out"));
        Path bad = TestModels.write(models, "bad.json", TestModels.DENSE.replace("\"gamma\": 0.9", "\"gamma\": 1.5"));
        Cli.run("solve", bad.toString(), "--algorithm", "soft-value-iteration", "--out", outDir.resolve("r.json").toString())
                .assertOneLineError("gamma");
        assertEquals(List.of(), listing(outDir));
        // also when the run fails after reading the model (gamma 1 refused by the fixed-point driver)
        Path g1 = TestModels.write(models, "g1.json", TestModels.DENSE.replace("\"gamma\": 0.9", "\"gamma\": 1"));
        Cli.run("solve", g1.toString(), "--algorithm", "soft-value-iteration", "--out", outDir.resolve("r.json").toString())
                .assertOneLineError("gamma");
        assertEquals(List.of(), listing(outDir));
    }

    @Test
    void failingRunDoesNotClobberAnExistingResult() throws Exception {
        Path result = dir.resolve("result.json");
        Path good = TestModels.write(dir, "good.json", TestModels.DENSE);
        Cli.run("solve", good.toString(), "--algorithm", "soft-value-iteration", "--beta", "2", "--out", result.toString())
                .assertExit(0);
        byte[] before = Files.readAllBytes(result);
        Path bad = TestModels.write(dir, "bad.json", TestModels.DENSE.replace("[0.0, 0.0, 0.2, 0.8]", "[0.0, 0.0, 0.18, 0.8]"));
        Cli.run("solve", bad.toString(), "--algorithm", "soft-value-iteration", "--out", result.toString())
                .assertOneLineError("transitions[2][1]");
        Cli.run("solve", good.toString(), "--algorithm", "no-such-algorithm", "--out", result.toString())
                .assertOneLineError("algorithm");
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(result)), "the earlier result is intact");
        assertEquals(List.of("bad.json", "good.json", "result.json"), listing(dir));
    }

    @Test
    void outIntoAMissingFolderOrOntoAFolderIsBadUsage() throws Exception {
        Cli.run("solve", "--example", "chain", "--algorithm", "value-iteration", "--out",
                dir.resolve("no-such-folder").resolve("r.json").toString()).assertOneLineError("out", "no-such-folder");
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Cli.run("solve", "--example", "chain", "--algorithm", "value-iteration", "--out", sub.toString())
                .assertOneLineError("out", "folder");
        assertTrue(Files.isDirectory(sub));
        assertEquals(List.of(), listing(sub));
    }

    @Test
    void successfulRunWritesACompleteParseableResult() throws Exception {
        Path model = TestModels.write(dir, "model.json", TestModels.DENSE);
        Path result = dir.resolve("result.json");
        Cli.Run r = Cli.run("solve", model.toString(), "--algorithm", "soft-value-iteration", "--beta", "2",
                "--out", result.toString()).assertExit(0);
        assertEquals("", r.out(), "nothing on standard output with --out");
        assertEquals("", r.err());
        assertEquals(List.of("model.json", "result.json"), listing(dir), "no temporary files left");
        String text = Files.readString(result, StandardCharsets.UTF_8);
        assertNoNonFinite(text);
        JsonNode res = Json.mapper().readTree(text);
        assertEquals("memarl-result/1", res.get("format").asText());
        assertEquals("soft-value-iteration", res.get("algorithm").asText());
        assertEquals("dense-4", res.get("model").get("name").asText());
        assertEquals(sha256(Files.readAllBytes(model)), res.get("model").get("sha256").asText());
        JsonNode p = res.get("parameters");
        assertEquals(0.9, p.get("gamma").asDouble(), 0.0);
        assertEquals(2.0, p.get("beta").asDouble(), 0.0);
        assertEquals(1e-10, p.get("tolerance").asDouble(), 0.0);
        assertTrue(res.get("converged").asBoolean());
        assertTrue(res.get("iterations").isInt() && res.get("iterations").asInt() > 0);
        assertTrue(res.get("residual").isNumber());
        JsonNode v = res.get("values").get("V");
        assertEquals(4, v.size(), "one value per state");
        v.forEach(x -> assertTrue(x.isNumber()));
        assertEquals(4, res.get("values").get("Q").size());
        assertPolicy(res.get("policy"), 4, 2);
        // the prior has a zero at (s2, right): the soft policy never takes it
        assertEquals(0.0, res.get("policy").get(2).get(1).asDouble(), 0.0);
        JsonNode prov = res.get("provenance");
        for (String k : new String[] {"memarl", "java", "os", "arch"}) {
            assertTrue(prov.hasNonNull(k) && !prov.get(k).asText().isEmpty(), "provenance." + k);
        }
        assertEquals(System.getProperty("os.arch"), prov.get("arch").asText());
        assertTrue(prov.get("java").asText().startsWith(System.getProperty("java.version")));
    }

    private static void assertPolicy(JsonNode policy, int n, int m) {
        assertEquals(n, policy.size());
        for (JsonNode row : policy) {
            assertEquals(m, row.size());
            double sum = 0.0;
            for (JsonNode x : row) {
                assertTrue(x.asDouble() >= 0.0 && x.asDouble() <= 1.0);
                sum += x.asDouble();
            }
            assertEquals(1.0, sum, 1e-12, "policy row sums to 1");
        }
    }

    @Test
    void standardOutputResultMatchesTheFileResultAndHashesTheExampleBytes() throws Exception {
        Path result = dir.resolve("r.json");
        Cli.Run r = Cli.run("solve", "--example", "chain", "--algorithm", "value-iteration");
        r.assertExit(0);
        Cli.run("solve", "--example", "chain", "--algorithm", "value-iteration", "--out", result.toString()).assertExit(0);
        assertEquals(r.out(), Files.readString(result, StandardCharsets.UTF_8));
        JsonNode res = Json.mapper().readTree(r.out());
        assertEquals("chain", res.get("model").get("name").asText());
        assertEquals(sha256(Files.readAllBytes(Path.of("examples", "chain.json"))), res.get("model").get("sha256").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"inf", "-inf"})
    void infiniteBetaIsWrittenAsAString(String beta) throws Exception {
        Cli.Run r = Cli.run("solve", "--example", "two-state-prior", "--algorithm", "soft-value-iteration", "--beta", beta)
                .assertExit(0);
        assertNoNonFinite(r.out());
        JsonNode res = Json.mapper().readTree(r.out());
        assertEquals(beta, res.get("parameters").get("beta").asText());
        assertTrue(res.get("parameters").get("beta").isTextual());
        assertPolicy(res.get("policy"), 2, 3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"policy-evaluation", "value-iteration", "policy-iteration", "q-iteration", "soft-value-iteration",
            "soft-policy-iteration"})
    void everyExactAlgorithmWritesAFiniteResult(String alg) throws Exception {
        Path model = TestModels.write(dir, "model.json", TestModels.DENSE);
        boolean soft = alg.startsWith("soft") || alg.equals("policy-evaluation");
        Cli.Run r = (soft ? Cli.run("solve", model.toString(), "--algorithm", alg, "--beta", "2")
                : Cli.run("solve", model.toString(), "--algorithm", alg)).assertExit(0);
        assertNoNonFinite(r.out());
        JsonNode res = Json.mapper().readTree(r.out());
        assertEquals(alg, res.get("algorithm").asText());
        if (!soft) {
            // the hard solvers have no temperature: --beta is refused rather than ignored
            Cli.run("solve", model.toString(), "--algorithm", alg, "--beta", "2").assertOneLineError("beta", alg);
        }
        assertEquals(4, res.get("values").get("V").size());
        assertPolicy(res.get("policy"), 4, 2);
    }

    @Test
    void notConvergedExitsThreeAndStillWritesTheResult() throws Exception {
        Path result = dir.resolve("r.json");
        Cli.Run r = Cli.run("solve", "--example", "chain", "--algorithm", "value-iteration", "--max-iterations", "2",
                "--out", result.toString());
        r.assertExit(3).assertNoStackTrace();
        assertEquals(1, r.errLines().length, r::toString);
        assertTrue(r.err().contains("converge"), r::toString);
        String text = Files.readString(result, StandardCharsets.UTF_8);
        assertNoNonFinite(text);
        JsonNode res = Json.mapper().readTree(text);
        assertFalse(res.get("converged").asBoolean());
        assertTrue(res.get("converged").isBoolean());
        assertEquals(2, res.get("iterations").asInt());
        assertEquals(5, res.get("values").get("V").size());
        assertEquals(List.of("r.json"), listing(dir));
        // the same on standard output
        Cli.Run s = Cli.run("solve", "--example", "chain", "--algorithm", "soft-value-iteration", "--max-iterations", "2");
        s.assertExit(3);
        assertFalse(Json.mapper().readTree(s.out()).get("converged").asBoolean());
    }
}
