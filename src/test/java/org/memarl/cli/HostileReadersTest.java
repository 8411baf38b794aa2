package org.memarl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.memarl.InvalidModelException;
import org.memarl.io.Json;
import org.memarl.io.Models;
import org.memarl.io.Npz;
import org.memarl.io.TestModels;
import org.memarl.model.Fmt;

/**
 * Issue 16, items 12, 13, 14 and 16: hostile model files are refused before anything of the size they declare
 * is allocated or read, with one line (exit 2) in which every user string is escaped.
 */
class HostileReadersTest {
    @TempDir
    Path dir;

    /** Asserts the one-line contract and that standard error holds no control character but the final newline. */
    static void assertClean(Cli.Run r, String... fragments) {
        r.assertOneLineError(fragments);
        String line = r.err().strip();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            int at = i;
            assertFalse(c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == 0x2028 || c == 0x2029,
                    () -> "control character U+" + Integer.toHexString(c) + " at " + at + ", " + r);
        }
    }

    private Cli.Run solve(String file, String... more) {
        boolean algorithm = List.of(more).contains("--algorithm");
        List<String> list = new java.util.ArrayList<>(List.of("solve", file));
        if (!algorithm) {
            list.addAll(List.of("--algorithm", "soft-value-iteration"));
        }
        list.addAll(List.of(more));
        String[] args = list.toArray(new String[0]);
        return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Cli.run(args));
    }

    private Cli.Run solveText(String text, String... more) {
        return solve(TestModels.write(dir, "model.json", text).toString(), more);
    }

    // ------------------------------------------------------------------ item 13: declared sizes, wrong shapes

    /** Input (a small JSON model declaring huge sizes), expected message fragments; every case exits 2. */
    static List<String[]> inflated() {
        String mdp = "{\"format\": \"memarl/1\", \"kind\": \"mdp\", \"gamma\": 0.9, %s, \"transitions\": [[[1]]],"
                + " \"rewards\": [[0]]}";
        String pomdp = "{\"format\": \"memarl/1\", \"kind\": \"pomdp\", \"gamma\": 0.9, %s, \"transitions\": [[[1]]],"
                + " \"observe\": [[1]], \"rewards\": [[0]]}";
        String dec = "{\"format\": \"memarl/1\", \"kind\": \"dec-pomdp\", \"gamma\": 0.9, \"states\": 1, \"agents\": ["
                + "{\"actions\": 1, \"observations\": %s, \"observe\": [0]}, {\"actions\": 1, \"observations\": 1, \"observe\": [0]}],"
                + " \"transitions\": [[[[1]]]], \"rewards\": [[[0]]]}";
        String game = "{\"format\": \"memarl/1\", \"kind\": \"game\", \"gamma\": 0.9, \"states\": %s, \"actions\": {\"agent\": %s,"
                + " \"opponent\": 1}, \"transitions\": {\"sparse\": []}, \"rewards\": [[[0]]], \"sum\": \"zero\"}";
        return List.of(
                new String[] {String.format(mdp, "\"states\": 100000000, \"actions\": 1"), "rewards: 1 rows, expected 100000000", ""},
                new String[] {String.format(mdp, "\"states\": 1, \"actions\": 100000000"), "rewards[0]: 1 entries, expected 100000000", ""},
                new String[] {String.format(mdp, "\"states\": 1000000000, \"actions\": 1"),
                    "states: 1000000000 is more than the limit of 100000000", "(a count is 1 to 100000000"},
                new String[] {String.format(mdp, "\"states\": 1, \"actions\": 99999999999999999999999"),
                    "actions: 99999999999999999999999 is more than the limit of 100000000", ""},
                new String[] {String.format(pomdp, "\"states\": 100000000, \"actions\": 1, \"observations\": 1"),
                    "transitions: states x actions x states = 100000000 x 1 x 100000000", "limit of 2147483639"},
                new String[] {String.format(pomdp, "\"states\": 1, \"actions\": 100, \"observations\": 100000000"),
                    "observe: states x actions x observations = 1 x 100 x 100000000", "limit of 2147483639"},
                new String[] {String.format(pomdp, "\"states\": 1, \"actions\": 1, \"observations\": 100000000"),
                    "observe[0]: 1 entries, expected 100000000", ""},
                new String[] {String.format(dec, "100000000").replace("\"states\": 1,", "\"states\": 100,"),
                    "agents[0].observe: states x observations = 100 x 100000000", "limit of 2147483639"},
                new String[] {String.format(game, "100000000", "100000000"), "rewards: 1 entries, expected 100000000", ""});
    }

    @ParameterizedTest
    @MethodSource("inflated")
    void declaredSizesAreCheckedAgainstShapesBeforeAllocating(String text, String fragment, String limit) {
        assertClean(solveText(text), fragment, limit);
    }

    @Test
    void aDecPomdpWithHugeObservationCountsIsRefusedWithTheLimit() {
        String[] c = inflated().get(7);
        assertClean(solveText(c[0]), c[1], c[2]);
        String[] p = inflated().get(4);
        assertClean(solveText(p[0]), p[1], p[2]);
    }

    // ------------------------------------------------------------------ item 14: unknown keys, endless input, cap

    /** An endless stream: {@code head}, then {@code unit} repeated forever. */
    private static InputStream endless(String head, String unit) {
        byte[] u = unit.getBytes(StandardCharsets.US_ASCII);
        InputStream tail = new InputStream() {
            private long i;

            @Override
            public int read() {
                return u[(int) (i++ % u.length)] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                for (int k = 0; k < len; k++) {
                    b[off + k] = u[(int) (i++ % u.length)];
                }
                return len;
            }
        };
        return new SequenceInputStream(new ByteArrayInputStream(head.getBytes(StandardCharsets.US_ASCII)), tail);
    }

    @Test
    void anUnknownKeyIsRefusedBeforeItsEndlessValueIsRead() {
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> Json.parseStream(endless("{\"format\": \"memarl/1\", \"kind\": \"mdp\", \"junk\": [", "0, "), "m.json",
                        Long.MAX_VALUE, "--max-model-bytes", HostileReadersTest::checkKey)));
        assertTrue(e.getMessage().startsWith("junk: unknown key (allowed: actions, format, gamma,"), e.getMessage());
    }

    private static void checkKey(String key, com.fasterxml.jackson.databind.node.ObjectNode soFar) {
        // the readers' check, through the public entry: an unknown key of an mdp
        if (!List.of("format", "kind", "name", "gamma", "horizon", "states", "initial", "actions", "transitions", "rewards",
                "prior", "options").contains(key)) {
            throw new InvalidModelException(key + ": unknown key (allowed: actions, format, gamma, ...)");
        }
    }

    @Test
    void endlessZeroBytesAndAnEndlessKnownValueStopAtTheFirstTokenOrTheCap() {
        InvalidModelException zeros = assertThrows(InvalidModelException.class, () -> assertTimeoutPreemptively(
                Duration.ofSeconds(10), () -> Json.parseStream(endless("", "\0"), "zero", Long.MAX_VALUE, null, (k, o) -> { })));
        assertTrue(zeros.getMessage().startsWith("zero: malformed JSON at line 1"), zeros.getMessage());
        assertFalse(zeros.getMessage().contains("\0"), zeros.getMessage());
        InvalidModelException big = assertThrows(InvalidModelException.class, () -> assertTimeoutPreemptively(
                Duration.ofSeconds(10), () -> Json.parseStream(endless("{\"rewards\": [", "0, "), "m.json", 1 << 20,
                        "--max-model-bytes", (k, o) -> { })));
        assertEquals("m.json: larger than 1048576 bytes, the limit for a model file (raise it with --max-model-bytes)",
                big.getMessage());
    }

    @Test
    void aLargeFileWithAnUnknownKeyIsRefusedOnSightThroughTheCommandLine() throws IOException {
        Path f = dir.resolve("big.json");
        try (OutputStream out = Files.newOutputStream(f)) {
            out.write("{\"format\": \"memarl/1\", \"kind\": \"mdp\", \"junk\": [".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = "0, ".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 100; i++) { // 30 MB, 10 million numbers
                out.write(chunk);
            }
            out.write("0]}".getBytes(StandardCharsets.US_ASCII));
        }
        long t0 = System.nanoTime();
        assertClean(solve(f.toString(), "--max-model-bytes", "1000000000"), "junk: unknown key (allowed: actions,");
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "refused on sight, not after reading 30 MB");
    }

    @Test
    void theModelSizeCapIsAFlag() {
        String text = TestModels.DENSE + " ".repeat(5000);
        int size = text.getBytes(StandardCharsets.UTF_8).length;
        assertClean(solveText(text, "--max-model-bytes", "4000"), "has " + size + " bytes, more than 4000, the limit for a model file",
                "(raise it with --max-model-bytes)");
        solveText(text, "--max-model-bytes", Integer.toString(size)).assertExit(0);
        assertClean(solveText(TestModels.DENSE, "--max-model-bytes", "0"), "max-model-bytes: 0 is not a positive number");
    }

    @Test
    void aFifoOfEndlessZerosAndOneWhoseUnknownKeyNeverEndsAreRefused() throws Exception {
        for (String[] c : new String[][] {{"", "\0", "malformed JSON at line 1"},
            {"{\"format\": \"memarl/1\", \"kind\": \"mdp\", \"junk\": [", "0, ", "junk: unknown key"}}) {
            Path fifo = dir.resolve("fifo-" + c[2].length());
            Process p;
            try {
                p = new ProcessBuilder("mkfifo", fifo.toString()).start();
            } catch (IOException e) {
                Assumptions.abort("mkfifo is not available: " + e.getMessage());
                return;
            }
            Assumptions.assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo failed");
            Thread writer = new Thread(() -> {
                try (OutputStream out = Files.newOutputStream(fifo); InputStream in = endless(c[0], c[1])) {
                    byte[] b = new byte[65536];
                    while (true) {
                        int n = in.read(b);
                        out.write(b, 0, n);
                    }
                } catch (IOException expected) {
                    // the reader closed the FIFO: broken pipe ends the writer
                }
            });
            writer.setDaemon(true);
            writer.start();
            assertClean(solve(fifo.toString()), c[2]);
            writer.join(10_000);
            assertFalse(writer.isAlive(), "the writer stops when the reader gives up");
        }
    }

    // ------------------------------------------------------------------ item 12: npz entry declaring more than it holds

    /** A zip of stored entries {@code name -> bytes}, written by hand (no size check on what a header declares). */
    static byte[] zip(String[] names, byte[][] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            for (int i = 0; i < names.length; i++) {
                ZipEntry e = new ZipEntry(names[i]);
                e.setMethod(ZipEntry.STORED);
                e.setSize(data[i].length);
                e.setCompressedSize(data[i].length);
                CRC32 crc = new CRC32();
                crc.update(data[i]);
                e.setCrc(crc.getValue());
                z.putNextEntry(e);
                z.write(data[i]);
                z.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** An .npy entry: a version-1 header declaring {@code dtype} and {@code shape}, then {@code payload}. */
    static byte[] npy(String dtype, String shape, byte[] payload) {
        String dict = "{'descr': '" + dtype + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int total = 10 + dict.length() + 1;
        String h = dict + " ".repeat((64 - total % 64) % 64) + "\n";
        byte[] out = new byte[10 + h.length() + payload.length];
        out[0] = (byte) 0x93;
        System.arraycopy("NUMPY".getBytes(StandardCharsets.US_ASCII), 0, out, 1, 5);
        out[6] = 1;
        out[8] = (byte) h.length();
        System.arraycopy(h.getBytes(StandardCharsets.US_ASCII), 0, out, 10, h.length());
        System.arraycopy(payload, 0, out, 10 + h.length(), payload.length);
        return out;
    }

    static byte[] le(double... x) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 * x.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (double v : x) {
            b.putDouble(v);
        }
        return b.array();
    }

    static byte[] le32(int... x) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * x.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int v : x) {
            b.putInt(v);
        }
        return b.array();
    }

    @Test
    void anNpzEntryDeclaringABillionValuesWithSixteenBytesIsTruncatedData() throws IOException {
        byte[] z = zip(new String[] {"rewards.npy", "gamma.npy", "indptr.npy", "indices.npy", "data.npy"}, new byte[][] {
            npy("<f8", "(2, 1)", le(0, 1)), npy("<f8", "()", le(0.9)), npy("<i4", "(3,)", le32(0, 1, 2)),
            npy("<i4", "(2,)", le32(0, 1)), npy("<f8", "(1000000000,)", le(1, 1))});
        assertTrue(z.length < 1500, "a small file: " + z.length);
        Path f = dir.resolve("m.npz");
        Files.write(f, z);
        assertClean(solve(f.toString()), "data: truncated array data: shape (1000000000,) declares 1000000000 values of 8 bytes"
                + " (8000000000 bytes), the entry holds 16 bytes after its header");
        try (Npz.Reader r = new Npz.Reader(f)) {
            InvalidModelException e = assertThrows(InvalidModelException.class, () -> r.doubles("data"));
            assertTrue(e.getMessage().startsWith("data: truncated array data"), e.getMessage());
            assertEquals(2, r.doubles("rewards").length, "an honest entry still reads");
        }
        // an int array, and an unsupported dtype: refused before any allocation as well
        byte[] z2 = zip(new String[] {"rewards.npy", "gamma.npy", "indptr.npy", "indices.npy", "data.npy"}, new byte[][] {
            npy("<f8", "(2, 1)", le(0, 1)), npy("<f8", "()", le(0.9)), npy("<i4", "(3,)", le32(0, 1, 2)),
            npy("<i4", "(2000000000,)", le32(0, 1)), npy("<f8", "(2,)", le(1, 1))});
        Files.write(f, z2);
        assertClean(solve(f.toString()), "indices: truncated array data", "the entry holds 8 bytes");
    }

    @Test
    void aDeflatedEntryWhoseArchiveClaimsABillionBytesIsRefusedBeforeReading() throws IOException {
        // a deflated rewards entry whose central directory claims 8e9 uncompressed bytes: more than its compressed
        // bytes can hold, refused before the header is read or anything allocated
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry("rewards.npy"));
            z.write(npy("<f8", "(1000000000, 1)", le(0, 1)));
            z.closeEntry();
        }
        byte[] b = bytes.toByteArray();
        int cen = -1;
        for (int i = 0; i + 4 <= b.length; i++) {
            if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 1 && b[i + 3] == 2) {
                cen = i;
            }
        }
        assertTrue(cen > 0, "central directory");
        java.nio.ByteBuffer.wrap(b, cen + 24, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(-1); // 0xffffffff bytes
        Path f = dir.resolve("lying.npz");
        Files.write(f, b);
        assertClean(solve(f.toString()), "rewards: the entry declares 4294967295 bytes from", "compressed bytes, more than they"
                + " can hold");
    }

    // ------------------------------------------------------------------ item 16: escaped user strings

    static List<String[]> forged() {
        String evil = "a\\nmemarl: forged\\u001b[2J\\r\\u0085\\u2028";
        String shown = "a\\nmemarl: forged\\u001b[2J\\r\\u0085\\u2028"; // as the message prints it: escaped
        String mdp = TestModels.DENSE;
        return List.of(
                // duplicate state names
                new String[] {mdp.replaceFirst("\"states\": \\[[^\\]]*\\]", Matcher.quoteReplacement("\"states\": [\"" + evil + "\", \""
                        + evil + "\", \"c\", \"d\"]")), "states[1]: duplicate name \"" + shown + "\""},
                // an unknown top-level key
                new String[] {mdp.replaceFirst("\\{", Matcher.quoteReplacement("{\"" + evil + "\": 1, ")), shown + ": unknown key"},
                // an unknown nested key
                new String[] {mdp.replaceFirst("\"format\"", Matcher.quoteReplacement("\"options\": {\"" + evil + "\": 1}, \"format\"")),
                    "options." + shown + ": unknown key"},
                // a string where a number belongs, and a kind that is not one
                new String[] {mdp.replace("\"gamma\": 0.9", "\"gamma\": \"" + evil + "\""),
                    "gamma: expected a number, got the string \"" + shown + "\""},
                new String[] {mdp.replace("\"kind\": \"mdp\"", "\"kind\": \"" + evil + "\""), "kind: \"" + shown + "\" is not one of"},
                // duplicate option names
                new String[] {mdp.replaceFirst("\"format\"", Matcher.quoteReplacement("\"options\": {\"count\": 2, \"names\": [\""
                        + evil + "\", \"" + evil + "\"]}, \"format\"")), "options.names[1]: duplicate name \"" + shown + "\""});
    }

    @ParameterizedTest
    @MethodSource("forged")
    void userStringsAreEscapedInMessages(String text, String fragment) {
        assertClean(solveText(text), fragment);
    }

    @Test
    void sparseNamesAndPomdpNamesAreEscaped() {
        String sparse = TestModels.SPARSE.replace("[\"a\", \"x\", \"b\"", "[\"x\\u001b]0;pwn\\u0007\", \"x\", \"b\"");
        assertClean(solveText(sparse), "unknown state name \"x\\u001b]0;pwn\\u0007\"");
        String pomdp = "{\"format\": \"memarl/1\", \"kind\": \"pomdp\", \"gamma\": 0.9, \"states\": 1, \"actions\": 1,"
                + " \"observations\": [\"o\\n\", \"o\\n\"], \"transitions\": [[[1]]], \"observe\": [[1, 0]], \"rewards\": [[0]]}";
        assertClean(solveText(pomdp, "--algorithm", "public-belief"), "observations[1]: duplicate name \"o\\n\"");
    }

    @Test
    void npzEntryNamesAndAnEmptyZipAreNotEchoedRaw() throws IOException {
        Path f = dir.resolve("e.npz");
        Files.write(f, zip(new String[] {"evil\nmemarl: forged\u001b[2J.npy"}, new byte[][] {npy("<f8", "()", le(1))}));
        assertClean(solve(f.toString()), "evil\\nmemarl: forged\\u001b[2J: unknown array");
        // an empty zip: the end record alone, 22 bytes with NULs; read as a zip, not echoed as JSON
        Path empty = dir.resolve("empty.npz");
        Files.write(empty, zip(new String[0], new byte[0][]));
        assertEquals(22, Files.size(empty));
        assertClean(solve(empty.toString()), "rewards: missing");
        Path asJson = dir.resolve("empty.json");
        Files.copy(empty, asJson);
        Cli.Run r = solve(asJson.toString());
        assertClean(r);
        assertFalse(r.err().contains("\0"), r.toString());
        // a NUL and an escape in JSON text that is not JSON: escaped in the parser's message
        assertClean(solveText("\u001b[2J\0"), "malformed JSON at line 1");
    }

    @Test
    void theEscapeHelperQuotesJsonStyle() {
        assertEquals("\"a\\nb\\u001b[2J\\\"\\\\\\u0000\\u009b\\u2028\\u202e\"", Fmt.quote("a\nb\u001b[2J\"\\\0\u009b\u2028\u202e"));
        assertEquals("plain é 漢 😀", Fmt.safe("plain é 漢 😀"));
        assertEquals("C:\\dir \"x\"", Fmt.safe("C:\\dir \"x\""), "safe() leaves quotes and backslashes");
        assertEquals("a\\tb\\r\\n", Fmt.safe("a\tb\r\n"));
    }

    @Test
    void theCheckCommandsModelReaderStreamsToo() {
        Path f = TestModels.write(dir, "m.json", TestModels.DENSE.replaceFirst("\\{", "{\"zz\": [1, 2, 3], "));
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> Models.read(f));
        assertTrue(e.getMessage().startsWith("zz: unknown key (allowed: "), e.getMessage());
    }
}
