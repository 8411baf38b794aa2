package org.memarl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memarl.InvalidModelException;
import org.memarl.io.Json;
import org.memarl.io.Models;
import org.memarl.io.Npz;
import org.memarl.io.NpzModel;
import org.memarl.io.ResultWriter;

/**
 * Issue 16 (done means): truncated, byte-flipped and size-inflated copies of every bundled example (the JSON
 * models under {@code examples/}, and {@code .npz} models written by {@code generate random-mdp} and by the
 * writer) fed to the readers and the command line. A copy the reader refuses is refused by {@code solve} with
 * exit 2 and one line (no stack trace, no control character), in bounded time; a copy that is still a valid model
 * (a flipped digit of a reward) is read without error. Fixed seed.
 */
class HostileFuzzTest {
    private static final long SEED = 16;

    @TempDir
    Path dir;

    private int cases;

    /** Reads the copy with the reader; null when it is valid, else the reader's message. */
    private static String readerVerdict(Path f, boolean npz) {
        try {
            if (npz) {
                NpzModel.read(f);
            } else {
                Models.read(f);
            }
            return null;
        } catch (InvalidModelException e) {
            return e.getMessage();
        }
    }

    /** Feeds one copy; {@code mustFail}: a truncated or inflated copy, never valid. */
    private void feed(byte[] bytes, String name, boolean npz, boolean mustFail) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        cases++;
        String verdict = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> readerVerdict(f, npz), name);
        if (verdict == null) {
            if (mustFail) {
                fail(name + ": a damaged copy was accepted");
            }
            return;
        }
        assertTrue(!verdict.contains("\n") && !verdict.contains("\r"), () -> name + ": " + verdict);
        Cli.Run r = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> Cli.run("solve", f.toString(), "--algorithm", "soft-value-iteration"), name);
        HostileReadersTest.assertClean(r);
        if (!npz) { // (an .npz cut before its signature is read by the command line as JSON)
            assertEquals("memarl: " + verdict.strip(), r.err().strip().replace(dir + java.io.File.separator, ""),
                    () -> name + ": the reader's message");
        }
        Files.delete(f);
    }

    private static List<Path> examples() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("examples"))) {
            return s.filter(p -> p.toString().endsWith(".json")).filter(p -> {
                try {
                    return Files.readString(p).contains("\"memarl/1\"");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sorted().toList();
        }
    }

    private static final byte[] HOSTILE = {0, 0x1b, '\n', '"', '{', '}', '[', ']', ',', ':', '9', '-', 'x', (byte) 0xff,
        (byte) 0xc3, '\\'};

    private void mutate(byte[] orig, String stem, boolean npz, Random rnd) throws IOException {
        String ext = npz ? ".npz" : ".json";
        // truncated: cut before the last byte that matters (JSON: the closing brace; zip: the end record)
        int last = orig.length - 1;
        while (!npz && last > 0 && orig[last] != '}') {
            last--;
        }
        for (int i = 0; i < 6; i++) {
            int cut = i == 0 ? 0 : rnd.nextInt(last);
            feed(java.util.Arrays.copyOf(orig, cut), stem + "-cut" + i + ext, npz, true);
        }
        // byte-flipped: a random bit, or a hostile byte, at a random place
        for (int i = 0; i < 14; i++) {
            byte[] b = orig.clone();
            int at = rnd.nextInt(b.length);
            b[at] = i % 2 == 0 ? (byte) (b[at] ^ (1 << rnd.nextInt(8))) : HOSTILE[rnd.nextInt(HOSTILE.length)];
            feed(b, stem + "-flip" + i + ext, npz, false);
        }
    }

    @Test
    void everyBundledJsonExampleDamaged() throws IOException {
        long t0 = System.nanoTime();
        Random rnd = new Random(SEED);
        List<Path> ex = examples();
        assertTrue(ex.size() >= 10, "the bundled examples: " + ex);
        for (Path p : ex) {
            byte[] orig = Files.readAllBytes(p);
            String stem = p.getFileName().toString().replace(".json", "");
            // the original is valid, and its digest is the file's
            Json.Parsed parsed = Models.parse(p, Models.DEFAULT_MAX_BYTES, null);
            assertEquals(ResultWriter.sha256(p), parsed.sha256(), stem);
            mutate(orig, stem, false, rnd);
            // size-inflated: each declared count in turn set to 100000000, the arrays left as they are
            ObjectNode root = (ObjectNode) Json.mapper().readTree(orig);
            List<Runnable> edits = new ArrayList<>();
            inflations(root, edits);
            assertTrue(!edits.isEmpty(), stem);
            for (int i = 0; i < edits.size(); i++) {
                ObjectNode copy = (ObjectNode) Json.mapper().readTree(orig);
                List<Runnable> e2 = new ArrayList<>();
                inflations(copy, e2);
                e2.get(i).run();
                feed(Json.bytes(copy), stem + "-inflated" + i + ".json", false, true);
            }
        }
        assertTrue(cases > 300, "cases: " + cases);
        assertTrue(System.nanoTime() - t0 < 20_000_000_000L, "bounded time");
    }

    /** Edits that set a declared count (states, actions, observations, per player or agent) to 100000000. */
    private static void inflations(JsonNode node, List<Runnable> out) {
        if (node instanceof ObjectNode o) {
            List<String> keys = new ArrayList<>();
            o.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                JsonNode v = o.get(k);
                boolean count = v.isIntegralNumber() || v.isArray() && v.size() > 0 && v.get(0).isTextual();
                if (count && List.of("states", "actions", "observations", "agent", "opponent").contains(k)) {
                    out.add(() -> o.put(k, 100_000_000));
                } else {
                    inflations(v, out);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (JsonNode x : a) {
                inflations(x, out);
            }
        }
    }

    @Test
    void npzModelsDamaged() throws IOException {
        long t0 = System.nanoTime();
        Random rnd = new Random(SEED);
        Path gen = dir.resolve("gen.npz");
        Cli.run("generate", "random-mdp", "--states", "6", "--actions", "3", "--successors", "2", "--seed", "3",
                "--out", gen.toString()).assertExit(0);
        Path dense = dir.resolve("dense.npz");
        ResultWriter.writeAtomically(dense, out -> Npz.write(out, List.of(
                Npz.Array.of("T", new double[] {1, 0, 0.5, 0.5, 0, 1, 0.25, 0.75}, 2, 2, 2),
                Npz.Array.of("rewards", new double[] {0, 1, 2, 3}, 2, 2),
                Npz.Array.of("prior", new double[] {0.5, 0.5, 0.25, 0.75}, 2, 2),
                Npz.Array.of("initial", new double[] {1, 0}, 2),
                Npz.Array.scalar("horizon", 7L),
                Npz.Array.scalar("gamma", 0.9))));
        for (Path p : List.of(gen, dense)) {
            assertEquals(null, readerVerdict(p, true), "the original reads");
            byte[] orig = Files.readAllBytes(p);
            String stem = p.getFileName().toString().replace(".npz", "");
            mutate(orig, stem, true, rnd);
            // size-inflated: every array's declared shape grown (the padding of its header gives the room)
            int i = 0;
            for (int at = indexOf(orig, "'shape': (", 0); at >= 0; at = indexOf(orig, "'shape': (", at + 1)) {
                byte[] b = orig.clone();
                int start = at + "'shape': (".length();
                int nl = indexOf(b, "\n", start);
                int k = 10;
                System.arraycopy(b, start, b, start + k, nl - k - start);
                for (int j = 0; j < k; j++) {
                    b[start + j] = '9';
                }
                feed(b, stem + "-inflated" + i++ + ".npz", true, true);
            }
            assertTrue(i >= 5, stem + ": " + i);
        }
        assertTrue(System.nanoTime() - t0 < 20_000_000_000L, "bounded time");
    }

    private static int indexOf(byte[] b, String s, int from) {
        byte[] t = s.getBytes(StandardCharsets.ISO_8859_1);
        outer:
        for (int i = from; i + t.length <= b.length; i++) {
            for (int j = 0; j < t.length; j++) {
                if (b[i + j] != t[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
