package org.memarl.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memarl.MemarlException;
import org.memarl.solve.Solution;

/** {@link ResultWriter}: hashing, non-finite numbers, groups of parameters and policies, echoed sections, atomic writes. */
class ResultWriterTest {
    @TempDir
    Path dir;

    @Test
    void sha256OfKnownVectors() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", ResultWriter.sha256(new byte[0]));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                ResultWriter.sha256("abc".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void infinitiesBecomeStringsAndNaNIsNeverANumber() {
        assertEquals("inf", ResultWriter.node(Double.POSITIVE_INFINITY).asText());
        assertEquals("-inf", ResultWriter.node(Double.NEGATIVE_INFINITY).asText());
        assertTrue(ResultWriter.node(Double.NaN).isNull());
        assertEquals(2.5, ResultWriter.node(2.5).asDouble(), 0.0);
        assertEquals(3, ResultWriter.node(3).asInt());
        String text = new String(Json.bytes(ResultWriter.node(new Object[] {new double[] {1.0, Double.POSITIVE_INFINITY}})),
                StandardCharsets.UTF_8);
        assertTrue(!text.contains("Infinity"), text);
    }

    @Test
    void solutionsRefuseNonFiniteTables() {
        assertThrows(MemarlException.class, () -> Solution.builder("x").value("V", new double[] {1.0, Double.NaN}).build());
    }

    @Test
    void resultDocumentHasTheFormatKeys() {
        Solution s = Solution.builder("soft-value-iteration").parameter("gamma", 0.5).parameter("beta", Double.POSITIVE_INFINITY)
                .converged(true).iterations(3).residual(1e-12).errorBound(1e-12).value("V", new double[] {1, 2})
                .policy(new double[][] {{1, 0}, {0.5, 0.5}}).build();
        byte[] model = "{}".getBytes(StandardCharsets.UTF_8);
        JsonNode r = ResultWriter.toJson(s, "m", model);
        assertEquals("memarl-result/1", r.get("format").asText());
        assertEquals("soft-value-iteration", r.get("algorithm").asText());
        assertEquals("m", r.get("model").get("name").asText());
        assertEquals(ResultWriter.sha256(model), r.get("model").get("sha256").asText());
        assertEquals("inf", r.get("parameters").get("beta").asText());
        assertEquals(3, r.get("iterations").asInt());
        assertEquals(2, r.get("values").get("V").size());
        for (String k : new String[] {"memarl", "java", "os", "arch"}) {
            assertTrue(r.get("provenance").hasNonNull(k), k);
        }
    }

    /**
     * Groups of parameters ({@code betas}, {@code params}) and of policies ({@code byStep}) are written as nested
     * objects, in insertion order, by both writers: compared with the document written out by hand.
     */
    @Test
    void groupsOfParametersAndPoliciesAreWrittenAsNestedObjects() throws Exception {
        java.util.Map<String, Double> betas = new java.util.LinkedHashMap<>();
        betas.put("opponent", Double.NEGATIVE_INFINITY);
        betas.put("agent", 2.0);
        Solution s = Solution.builder("chain").parameter("gamma", 0.5).parameter("horizon", 2)
                .parameterGroup("betas", betas).parameterGroup("params", java.util.Map.of())
                .value("V", new double[] {0.25})
                .policy("opponent", new double[][] {{0.5, 0.5}})
                .policy("byStep", "opponent", new double[][][] {{{0.5, 0.5}}, {{1.0, 0.0}}})
                .policy("byStep", "agent", new double[][][][] {{{{1.0}, {1.0}}}, {{{1.0}, {1.0}}}})
                .policy("agent", new double[][][] {{{1.0}, {1.0}}})
                .build();
        java.io.StringWriter w = new java.io.StringWriter();
        ResultWriter.write(s, "m", "00", w);
        assertEquals(new String(Json.bytes(ResultWriter.toJson(s, "m", "00")), StandardCharsets.UTF_8), w.toString());
        JsonNode r = Json.parse(w.toString().getBytes(StandardCharsets.UTF_8), "result");
        JsonNode want = Json.parse(("{\"gamma\": 0.5, \"horizon\": 2, \"betas\": {\"opponent\": \"-inf\", \"agent\": 2.0},"
                + " \"params\": {}}").getBytes(StandardCharsets.UTF_8), "want");
        assertEquals(want, r.get("parameters"));
        assertEquals(java.util.List.of("gamma", "horizon", "betas", "params"), names(r.get("parameters")));
        assertEquals(java.util.List.of("opponent", "agent"), names(r.at("/parameters/betas")));
        JsonNode pols = Json.parse(("{\"opponent\": [[0.5, 0.5]], \"agent\": [[[1.0], [1.0]]], \"byStep\": {"
                + "\"opponent\": [[[0.5, 0.5]], [[1.0, 0.0]]], \"agent\": [[[[1.0], [1.0]]], [[[1.0], [1.0]]]]}}")
                .getBytes(StandardCharsets.UTF_8), "want");
        assertEquals(pols, r.get("policies"));
        assertEquals(java.util.List.of("opponent", "agent", "byStep"), names(r.get("policies")));
        assertEquals(java.util.List.of("opponent", "agent"), names(r.at("/policies/byStep")));

        assertEquals(Double.NEGATIVE_INFINITY, s.parameters().group("betas").number("opponent"), 0.0);
        assertEquals(0, s.parameters().group("params").size());
        assertEquals("policies.byStep.agent", s.policy("byStep", "agent").name());
        assertArrayEquals(new int[] {2, 1, 2, 1}, s.policy("byStep", "agent").shape());
        MemarlException e = assertThrows(MemarlException.class, () -> s.parameters().group("gamma"));
        assertEquals("parameters.gamma: 0.5 is a Double, not a group", e.getMessage());
        e = assertThrows(MemarlException.class, () -> s.policy("byStep", "master"));
        assertEquals("chain: no policy \"byStep.master\" (groups: byStep; in byStep: opponent, agent)", e.getMessage());
        org.memarl.InvalidModelException bad = assertThrows(org.memarl.InvalidModelException.class,
                () -> Solution.builder("x").parameterGroup("betas", java.util.Map.of("a", new double[] {1})));
        assertTrue(bad.getMessage().startsWith("parameters.betas.a: unsupported parameter type double[]"), bad.getMessage());
        bad = assertThrows(org.memarl.InvalidModelException.class, () -> Solution.builder("x")
                .policy("byStep", new double[] {1}).policy("byStep", "a", new double[] {1}).build());
        assertEquals("policies.byStep: both a policy and a group of policies", bad.getMessage());
    }

    private static java.util.List<String> names(JsonNode o) {
        java.util.List<String> out = new java.util.ArrayList<>();
        o.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void aJsonObjectEchoedAsASectionIsWrittenBackUnchangedBeforeTheProvenance() throws Exception {
        JsonNode chain = Json.parse(Files.readAllBytes(Path.of("examples", "chain.json")), "chain.json");
        Solution s = Solution.builder("chain").parameter("gamma", 0.9).value("V", new double[] {0.5})
                .section(ResultWriter.section("chain", chain)).build();
        java.io.StringWriter w = new java.io.StringWriter();
        ResultWriter.write(s, "m", "00", w);
        assertEquals(new String(Json.bytes(ResultWriter.toJson(s, "m", "00")), StandardCharsets.UTF_8), w.toString());
        JsonNode r = Json.parse(w.toString().getBytes(StandardCharsets.UTF_8), "result");
        assertEquals(chain, r.get("chain"));
        java.util.List<String> keys = new java.util.ArrayList<>();
        r.fieldNames().forEachRemaining(keys::add);
        assertEquals(java.util.List.of("format", "algorithm", "model", "parameters", "converged", "iterations", "residual",
                "errorBound", "values", "chain", "provenance"), keys);
        org.memarl.InvalidModelException e = assertThrows(org.memarl.InvalidModelException.class,
                () -> ResultWriter.section("x", Json.parse("{\"a\": [1, null]}".getBytes(StandardCharsets.UTF_8), "x")));
        assertTrue(e.getMessage().startsWith("x.a[1]: null cannot be written"), e.getMessage());
    }

    @Test
    void writeAtomicallyReplacesAndLeavesNoTemporaryFile() throws Exception {
        Path target = dir.resolve("r.json");
        Files.writeString(target, "old");
        ResultWriter.writeAtomically(target, "new".getBytes(StandardCharsets.UTF_8));
        assertEquals("new", Files.readString(target));
        try (Stream<Path> s = Files.list(dir)) {
            assertArrayEquals(new Object[] {target}, s.toArray());
        }
    }

    @Test
    void writeAtomicallyIntoAMissingFolderOrOntoAFolderFailsCleanly() throws Exception {
        MemarlException e = assertThrows(MemarlException.class,
                () -> ResultWriter.writeAtomically(dir.resolve("missing").resolve("r.json"), new byte[] {1}));
        assertTrue(e.getMessage().startsWith("out: "), e.getMessage());
        Path sub = Files.createDirectory(dir.resolve("sub"));
        assertThrows(MemarlException.class, () -> ResultWriter.writeAtomically(sub, new byte[] {1}));
        assertTrue(Files.isDirectory(sub));
        try (Stream<Path> s = Files.list(dir)) {
            assertArrayEquals(new Object[] {sub}, s.toArray());
        }
    }
}
