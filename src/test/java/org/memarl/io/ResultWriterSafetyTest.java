package org.memarl.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memarl.MemarlException;

/**
 * Issue 16 items 1, 3 and 17 at the level of {@link ResultWriter#writeAtomically}: FIFOs written through,
 * symbolic links followed, the reason of a failure in words, and no temporary file left by an interrupted
 * write (a child JVM killed with SIGTERM).
 */
class ResultWriterSafetyTest {
    @TempDir
    Path dir;

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    /** A private FIFO in the temp folder (the test skips itself where mkfifo is missing). */
    static Path fifo(Path folder, String name) throws Exception {
        Path f = folder.resolve(name);
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", f.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "mkfifo is not available: " + e.getMessage());
            return null;
        }
        assumeTrue(p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo failed");
        assumeTrue(Files.exists(f) && !Files.isRegularFile(f), "no FIFO made");
        return f;
    }

    /** Reads everything from a FIFO on another thread. */
    static CompletableFuture<byte[]> drain(Path fifo) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readAllBytes(fifo);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void aFifoIsWrittenThroughAndStaysAFifo() throws Exception {
        Path f = fifo(dir, "pipe");
        CompletableFuture<byte[]> read = drain(f);
        byte[] bytes = new byte[300_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        ResultWriter.writeAtomically(f, bytes);
        assertArrayEquals(bytes, read.get(60, TimeUnit.SECONDS));
        assertTrue(Files.exists(f) && !Files.isRegularFile(f) && !Files.isDirectory(f), "still a FIFO");
        assertEquals(List.of("pipe"), listing(), "no temporary file");
    }

    @Test
    void aSymbolicLinkToAFifoIsWrittenThrough() throws Exception {
        Path f = fifo(dir, "pipe");
        Path link = Files.createSymbolicLink(dir.resolve("out.json"), Path.of("pipe"));
        CompletableFuture<byte[]> read = drain(f);
        ResultWriter.writeAtomically(link, "through".getBytes(StandardCharsets.UTF_8));
        assertEquals("through", new String(read.get(60, TimeUnit.SECONDS), StandardCharsets.UTF_8));
        assertTrue(Files.isSymbolicLink(link) && !Files.isRegularFile(f));
        assertEquals(List.of("out.json", "pipe"), listing());
    }

    @Test
    void aSymbolicLinkIsFollowedAndKept() throws Exception {
        Path real = Files.writeString(dir.resolve("real.json"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), Path.of("real.json"));
        ResultWriter.writeAtomically(link, "new".getBytes(StandardCharsets.UTF_8));
        assertTrue(Files.isSymbolicLink(link), "the link is not replaced");
        assertEquals(Path.of("real.json"), Files.readSymbolicLink(link));
        assertEquals("new", Files.readString(real));
        assertEquals(List.of("link.json", "real.json"), listing());
    }

    @Test
    void aChainOfLinksAndADanglingLinkReachTheirTarget() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Path a = Files.createSymbolicLink(dir.resolve("a"), Path.of("sub/b"));
        Files.createSymbolicLink(sub.resolve("b"), Path.of("target.json"));
        ResultWriter.writeAtomically(a, "x".getBytes(StandardCharsets.UTF_8));
        assertEquals("x", Files.readString(sub.resolve("target.json")));
        assertTrue(Files.isSymbolicLink(a) && Files.isSymbolicLink(sub.resolve("b")));
        assertTrue(Files.isRegularFile(sub.resolve("target.json"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aLinkLoopIsAOneLineError() throws Exception {
        Path a = Files.createSymbolicLink(dir.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(dir.resolve("b"), Path.of("a"));
        MemarlException e = assertThrows(MemarlException.class, () -> ResultWriter.writeAtomically(a, new byte[] {1}));
        assertTrue(e.getMessage().startsWith("out: cannot write ") && e.getMessage().contains("symbolic links"),
                e.getMessage());
        assertEquals(List.of("a", "b"), listing());
    }

    @Test
    void aFailedWriteSaysWhyAndNamesItsKey() throws Exception {
        Path target = dir.resolve("plot.png");
        MemarlException e = assertThrows(MemarlException.class, () -> ResultWriter.writeAtomically("plot", target, out -> {
            out.write(new byte[100]);
            throw new AccessDeniedException(dir.resolve(".plot.png.123.tmp").toString());
        }));
        assertEquals("plot: cannot write " + target + ": permission denied", e.getMessage());
        assertEquals(List.of(), listing(), "the temporary file is removed");
        assertEquals(List.of(), InFlightFiles.pending());
    }

    @Test
    void reasonsInWords() {
        assertEquals("permission denied", ResultWriter.reason(new AccessDeniedException("/x/.y.tmp")));
        assertEquals("no such file or folder", ResultWriter.reason(new java.nio.file.NoSuchFileException("/x")));
        assertEquals("No space left on device",
                ResultWriter.reason(new java.nio.file.FileSystemException("/x", null, "No space left on device")));
        assertEquals("Broken pipe", ResultWriter.reason(new IOException("Broken pipe")));
    }

    @Test
    void theCleanupRegistryTracksTheTemporaryFileOnlyWhileWriting() throws Exception {
        Path target = dir.resolve("r.json");
        List<Path>[] during = new List[1];
        ResultWriter.writeAtomically(target, out -> {
            out.write(1);
            during[0] = InFlightFiles.pending();
        });
        assertEquals(1, during[0].stream().filter(p -> dir.equals(p.getParent())).count(), during[0].toString());
        assertTrue(during[0].stream().allMatch(p -> p.getFileName().toString().startsWith(".r.json.")));
        assertFalse(InFlightFiles.pending().stream().anyMatch(p -> dir.equals(p.getParent())));
        assertEquals(List.of("r.json"), listing());
    }

    @Test
    void theCleanupRegistryDeletesWhatItRecords() throws Exception {
        Path a = Files.writeString(dir.resolve(".a.1.tmp"), "partial");
        Path b = dir.resolve(".b.2.tmp"); // recorded but already gone
        InFlightFiles.add(a);
        InFlightFiles.add(b);
        assertTrue(InFlightFiles.removeAll() >= 1);
        assertFalse(Files.exists(a));
        assertFalse(InFlightFiles.pending().contains(a) || InFlightFiles.pending().contains(b));
        assertEquals(List.of(), listing());
    }

    /** The probe of issue 16 item 3: SIGTERM during a large write leaves no {@code .NAME.<random>.tmp}. */
    @Test
    void aWriteInterruptedBySigtermLeavesNoTemporaryFile() throws Exception {
        Path target = dir.resolve("big.json");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                InterruptedWriteChild.class.getName(), target.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
                try {
                    return r.readLine();
                } catch (IOException e) {
                    return "error: " + e;
                }
            });
            assertEquals("ready", ready.get(60, TimeUnit.SECONDS));
            List<String> before = listing();
            assertEquals(1, before.size(), before.toString());
            assertTrue(before.get(0).startsWith(".big.json.") && before.get(0).endsWith(".tmp"), before.toString());
            assertEquals(4L << 20, Files.size(dir.resolve(before.get(0))));
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child exits on SIGTERM");
            assertEquals(List.of(), listing(), "no temporary file and no partial result");
        } finally {
            p.destroyForcibly();
        }
    }

    /** Issue 16 item 19: an infinite error bound is written as the string "inf", as documented. */
    @Test
    void anInfiniteErrorBoundIsTheDocumentedStringInf() throws Exception {
        org.memarl.solve.Solution sol = org.memarl.solve.Solution.builder("soft-value-iteration").parameter("gamma", 0.9)
                .parameter("beta", Double.NEGATIVE_INFINITY).value("V", new double[] {1.0, 2.0}).converged(false)
                .iterations(1).residual(Double.POSITIVE_INFINITY).errorBound(Double.POSITIVE_INFINITY).build();
        java.io.StringWriter w = new java.io.StringWriter();
        ResultWriter.write(sol, "m", "00", w);
        for (com.fasterxml.jackson.databind.JsonNode root : List.of(Json.mapper().readTree(w.toString()),
                ResultWriter.toJson(sol, "m", "00"))) {
            assertTrue(root.get("errorBound").isTextual(), root.toString());
            assertEquals("inf", root.get("errorBound").asText());
            assertEquals("inf", root.get("residual").asText());
            assertEquals("-inf", root.get("parameters").get("beta").asText());
        }
        assertFalse(w.toString().contains("Infinity"), w.toString());
        String doc = Files.readString(Path.of("docs", "model-format.md"));
        assertTrue(doc.contains("`errorBound` the guaranteed sup-norm distance") && doc.contains(
                "Either is the string `\"inf\"` when no finite value is known"), "docs/model-format.md documents it");
    }
}
