package org.memarl.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.memarl.model.Mdp;

/** {@link ModelReader} and {@link Json} called directly: what is read, and the one-line messages. */
class ModelReaderTest {
    @TempDir
    Path dir;

    private static Mdp read(String text) {
        return ModelReader.readMdp(text.getBytes(StandardCharsets.UTF_8), "model.json");
    }

    private static String error(String text) {
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> read(text));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void denseModelIsReadAsWritten() {
        Mdp m = read(TestModels.DENSE);
        assertEquals("dense-4", m.name());
        assertEquals(java.util.List.of("s0", "s1", "s2", "s3"), m.stateNames());
        assertEquals(java.util.List.of("left", "right"), m.actionNames());
        assertEquals(0.9, m.gamma(), 0.0);
        assertEquals(0, m.horizon());
        assertFalse(m.transitions().isSparse());
        assertEquals(0.8, m.transitions().get(m.row(2, 1), 3), 0.0);
        assertEquals(0.2, m.reward(0, 0), 0.0);
        assertTrue(m.hasPrior());
        assertEquals(0.75, m.prior(1, 1), 0.0);
        assertArrayEquals(new double[] {1, 0, 0, 0}, m.initial(), 0.0);
    }

    @Test
    void sparseModelResolvesNamesAndIndices() {
        Mdp m = read(TestModels.SPARSE);
        assertTrue(m.transitions().isSparse());
        assertEquals(1.0, m.transitions().get(m.row(0, 0), 1), 0.0); // ["a", "x", "b", 1.0]
        assertEquals(0.25, m.transitions().get(m.row(2, 1), 0), 0.0); // ["c", "y", 0, 0.25]
        assertEquals(0.75, m.transitions().get(m.row(2, 1), 1), 0.0);
        assertEquals(0.0, m.transitions().get(m.row(2, 1), 2), 0.0);
        assertFalse(m.hasPrior());
        assertEquals(0.5, m.prior(1, 0), 0.0);
        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, m.initial(), 0.0);
    }

    @Test
    void countsGiveIndexNames() {
        Mdp m = read(TestModels.DENSE.replace("[\"s0\", \"s1\", \"s2\", \"s3\"]", "4").replace("[\"left\", \"right\"]", "2"));
        assertEquals(java.util.List.of("0", "1", "2", "3"), m.stateNames());
        assertEquals(java.util.List.of("0", "1"), m.actionNames());
    }

    @Test
    void horizon() {
        assertEquals(3, read(TestModels.DENSE.replace("\"gamma\": 0.9,", "\"gamma\": 1, \"horizon\": 3,")).horizon());
        assertTrue(error(TestModels.DENSE.replace("\"gamma\": 0.9,", "\"gamma\": 1, \"horizon\": 0,")).startsWith("horizon: 0"));
        assertTrue(error(TestModels.DENSE.replace("\"gamma\": 0.9,", "\"gamma\": 1, \"horizon\": 2.5,")).startsWith("horizon: 2.5"));
    }

    @Test
    void exactRowSumMessageOfTheSpec() {
        String e = error(TestModels.DENSE.replace("[0.0, 0.0, 0.2, 0.8]", "[0.0, 0.0, 0.18, 0.8]"));
        assertEquals("transitions[2][1]: row sums to 0.98, expected 1 (tolerance 1e-9)", e);
    }

    @Test
    void messagesStartWithTheKey() {
        assertTrue(error(TestModels.DENSE.replace("\"rewards\"", "\"reward\"")).startsWith("reward: unknown key"));
        assertTrue(error(TestModels.DENSE.replace("\"s2\", \"s3\"", "\"s2\", \"s2\"")).startsWith("states[3]: duplicate name \"s2\""));
        assertTrue(error(TestModels.DENSE.replace("[0.2, 0.0], [0.0, 0.0]", "[0.2, 0.0], [NaN, 0.0]"))
                .startsWith("rewards[1][0]: NaN is not a finite number"));
        assertTrue(error(TestModels.DENSE.replace("[0.2, 0.0], [0.0, 0.0]", "[0.2, 0.0], [-Infinity, 0.0]"))
                .startsWith("rewards[1][0]: -Infinity is not a finite number"));
        assertTrue(error(TestModels.DENSE.replace("\"gamma\": 0.9", "\"gamma\": null")).startsWith("gamma: missing"));
    }

    @Test
    void malformedJsonNamesFileLineAndColumnWithoutJacksonInternals() {
        String e = error(TestModels.DENSE.substring(0, 200));
        assertTrue(e.startsWith("model.json: malformed JSON at line "), e);
        assertTrue(e.contains(", column "), e);
        String trailing = error(TestModels.DENSE + "x");
        assertFalse(trailing.contains("`"), trailing);
        assertFalse(trailing.contains("com.fasterxml"), trailing);
        String dup = error(TestModels.DENSE.replace("\"kind\": \"mdp\",", "\"kind\": \"mdp\", \"kind\": \"mdp\","));
        assertTrue(dup.contains("kind") && dup.contains("line 3"), dup);
    }

    @Test
    void missingAndEmptyFiles() throws Exception {
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelReader.readMdp(dir.resolve("nope.json")));
        assertTrue(e.getMessage().contains("not found") && e.getMessage().contains("nope.json"), e.getMessage());
        Path empty = Files.writeString(dir.resolve("empty.json"), "");
        e = assertThrows(InvalidModelException.class, () -> ModelReader.readMdp(empty));
        assertTrue(e.getMessage().startsWith("empty.json: empty"), e.getMessage());
    }

    @Test
    void theBundledExamplesAreValid() throws Exception {
        try (var files = Files.list(Path.of("examples"))) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".json"))::iterator) {
                Models.Model m = Models.read(f);
                assertTrue(m.numStates() > 0, f.toString());
                if (m.kind() == Models.Kind.MDP) {
                    assertTrue(ModelReader.readMdp(f).numStates() > 0, f.toString());
                }
            }
        }
    }
}
