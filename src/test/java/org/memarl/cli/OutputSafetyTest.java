package org.memarl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.memarl.io.Json;

/**
 * Issue 16 items 1, 2, 4, 17 and 19 through the command line: {@code --out} onto a FIFO, a symbolic link or
 * the model itself; write errors on standard output (exit 1, one message, no "result written"); {@code --plot}
 * and {@code --policy} errors naming their own key; {@code experiment} leaving no empty folder.
 */
class OutputSafetyTest {
    @TempDir
    Path dir;

    private List<String> listing(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    private static final String[] SOLVE = {"solve", "--example", "chain", "--algorithm", "soft-value-iteration",
        "--no-progress"};

    private static String[] solve(String... more) {
        String[] a = java.util.Arrays.copyOf(SOLVE, SOLVE.length + more.length);
        System.arraycopy(more, 0, a, SOLVE.length, more.length);
        return a;
    }

    // ---- item 1: --out onto a FIFO or a symbolic link

    @Test
    void outOntoAFifoWritesThroughIt() throws Exception {
        Path fifo = org.memarl.io.ResultWriterSafetyTestAccess.fifo(dir, "pipe");
        CompletableFuture<byte[]> read = org.memarl.io.ResultWriterSafetyTestAccess.drain(fifo);
        Cli.Run r = Cli.run(solve("--out", fifo.toString())).assertExit(0);
        assertEquals("", r.out());
        byte[] got = read.get(60, TimeUnit.SECONDS);
        JsonNode result = Json.mapper().readTree(got);
        assertEquals("memarl-result/1", result.get("format").asText());
        // the same bytes as standard output
        assertEquals(Cli.run(SOLVE).assertExit(0).out().replaceAll("\"java\" : \"[^\"]*\"", ""),
                new String(got, StandardCharsets.UTF_8).replaceAll("\"java\" : \"[^\"]*\"", ""));
        assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo), "still a FIFO");
        assertEquals(List.of("pipe"), listing(dir));
    }

    @Test
    void outThroughASymbolicLinkWritesItsTargetAndKeepsTheLink() throws Exception {
        Path real = Files.writeString(dir.resolve("real.json"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), Path.of("real.json"));
        Cli.run(solve("--out", link.toString())).assertExit(0);
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("memarl-result/1", Json.mapper().readTree(Files.readString(real)).get("format").asText());
        assertEquals(List.of("link.json", "real.json"), listing(dir));
    }

    // ---- item 4: --out naming an input file

    @Test
    void outNamingTheModelFileIsRefusedAndTheModelIsKept() throws Exception {
        Path model = dir.resolve("m.json");
        Files.write(model, Examples.bytes("chain"));
        byte[] before = Files.readAllBytes(model);
        Path link = Files.createSymbolicLink(dir.resolve("alias.json"), Path.of("m.json"));
        for (String out : new String[] {model.toString(), dir.resolve(".").resolve("m.json").toString(), link.toString()}) {
            Cli.run("solve", model.toString(), "--algorithm", "soft-value-iteration", "--out", out)
                    .assertOneLineError("out: " + out + " is the model file " + model);
            assertArrayEquals(before, Files.readAllBytes(model));
        }
        Cli.run("solve", model.toString(), "--algorithm", "soft-value-iteration", "--plot", model.toString())
                .assertOneLineError("plot: ", "is the model file");
        assertArrayEquals(before, Files.readAllBytes(model));
        assertEquals(List.of("alias.json", "m.json"), listing(dir));
        Path policy = Files.writeString(dir.resolve("p.json"), "{\"policy\": [[0.5, 0.5], [0.5, 0.5], [0.5, 0.5], [0.5, 0.5],"
                + " [0.5, 0.5]]}");
        Cli.run("solve", model.toString(), "--algorithm", "policy-evaluation", "--policy", policy.toString(), "--out",
                policy.toString()).assertOneLineError("out: " + policy + " is the policy file");
        assertTrue(Files.readString(policy).startsWith("{\"policy\""));
        // the same policy file as input, a new output beside it: accepted (the check is not over-eager)
        Cli.run("solve", model.toString(), "--algorithm", "policy-evaluation", "--policy", policy.toString(), "--out",
                dir.resolve("r.json").toString()).assertExit(0);
    }

    // ---- item 17: --plot validated up front, --policy and a read-only folder say what is wrong

    @Test
    void plotIntoAMissingFolderIsRefusedBeforeSolving() {
        Path missing = dir.resolve("nonexist").resolve("x.png");
        long t0 = System.nanoTime();
        Cli.run("solve", "--example", "four-rooms", "--algorithm", "soft-options", "--plot", missing.toString(),
                "--no-progress").assertOneLineError("plot: folder " + missing.getParent() + " does not exist");
        Cli.run(solve("--plot", dir.resolve("x.gif").toString())).assertOneLineError("plot: ", ".png or .svg");
        Cli.run(solve("--plot", dir.toString())).assertOneLineError("plot: " + dir + " is a folder");
        assertTrue(System.nanoTime() - t0 < 60e9);
    }

    @Test
    void aMissingPolicyFileNamesThePolicy() {
        Path missing = dir.resolve("missing.json");
        Cli.run("solve", "--example", "chain", "--algorithm", "policy-evaluation", "--policy", missing.toString())
                .assertOneLineError("policy: file not found: " + missing);
    }

    // ---- item 2: write errors on standard output

    /** Standard output that fails like a full disk once {@code limit} bytes are written. */
    private static final class Full extends OutputStream {
        private final int limit;
        private int n;

        Full(int limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            if (++n > limit) {
                throw new IOException("No space left on device");
            }
        }
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> commandsWritingToStandardOutput() {
        return Stream.<String[]>of(
                solve(),
                // not converged: must not claim "result written"
                solve("--max-iterations", "2"),
                new String[] {"solve", "--example", "matching-pennies", "--algorithm", "minimax"},
                // a declared chain (ChainSolve's own output path), converged and not
                new String[] {"solve", "--example", "thesis-3-1-zero-sum", "--chain", "examples/chains/adversarial-opponent.json",
                    "--no-progress"},
                new String[] {"solve", "--example", "chain", "--chain", "examples/chains/sweep-beta.json", "--param", "beta=2",
                    "--max-iterations", "2", "--no-progress"},
                new String[] {"check", "Theorem 6", "--trials", "2"},
                new String[] {"check", "Theorem 6", "--trials", "2", "--format", "json"},
                new String[] {"examples"},
                new String[] {"--help"},
                new String[] {"--version"},
                new String[] {"solve", "--help"},
                new String[] {"examples", "--version"}).map(a -> org.junit.jupiter.params.provider.Arguments.of((Object) a));
    }

    @ParameterizedTest
    @MethodSource("commandsWritingToStandardOutput")
    void aWriteErrorOnStandardOutputExitsOneWithOneMessage(String[] args) {
        for (int limit : new int[] {0, 10}) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code;
            try (PrintStream o = new PrintStream(new Full(limit), false, StandardCharsets.UTF_8);
                    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                code = Main.mainWithoutExit(args, o, e);
            }
            String text = err.toString(StandardCharsets.UTF_8);
            Cli.Run r = new Cli.Run(args, code, "", text);
            r.assertExit(1).assertNoStackTrace();
            assertEquals(1, r.errLines().length, r.toString());
            assertTrue(r.errLines()[0].startsWith("memarl: cannot write to standard output"), r.toString());
            assertFalse(text.contains("result written"), r.toString());
        }
    }

    @Test
    void experimentWithAFailingStandardOutputExitsOne() {
        Path out = dir.resolve("exp");
        String[] args = {"experiment", "thesis-matrix-game", "--seeds", "1", "--steps", "20", "--out", out.toString()};
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(new Full(0), false, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.mainWithoutExit(args, o, e);
        }
        Cli.Run r = new Cli.Run(args, code, "", err.toString(StandardCharsets.UTF_8));
        r.assertExit(1).assertNoStackTrace();
        assertEquals(1, r.errLines().length, r.toString());
        assertTrue(r.errLines()[0].startsWith("memarl: cannot write to standard output"), r.toString());
    }

    @Test
    void theSameRunsWithAWorkingStandardOutputStillSucceed() {
        Cli.run(solve()).assertExit(0);
        Cli.Run nc = Cli.run(solve("--max-iterations", "2")).assertExit(3);
        assertTrue(nc.err().contains("result written"), nc.toString());
        Cli.run("--version").assertExit(0);
        Cli.Run chain = Cli.run("solve", "--example", "chain", "--chain", "examples/chains/sweep-beta.json", "--param",
                "beta=2", "--max-iterations", "2", "--no-progress").assertExit(3);
        assertTrue(chain.err().contains("result written"), chain.toString());
        Cli.run("examples").assertExit(0);
    }

    /**
     * The real process: standard output is a pipe whose reader has gone (like {@code solve | head -c 0} or
     * {@code > /dev/full}); the reason is given.
     */
    @Test
    void aClosedPipeOnStandardOutputExitsOneWithTheReason() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "solve", "--example", "four-rooms", "--algorithm", "soft-value-iteration", "--no-progress").start();
        try {
            p.getInputStream().close(); // the reader goes away before the JVM has even started
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "error: " + e;
                }
            });
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child exits");
            String text = err.get(30, TimeUnit.SECONDS);
            assertEquals(1, p.exitValue(), text);
            assertEquals("memarl: cannot write to standard output: Broken pipe; the output is lost", text.strip());
        } finally {
            p.destroyForcibly();
        }
    }

    // ---- item 19: experiment refusing its options leaves no folder

    @Test
    void aRefusedExperimentLeavesNoEmptyFolder() throws Exception {
        Path out = dir.resolve("exp").resolve("nested");
        Cli.run("experiment", "thesis-matrix-game", "--steps", "75000", "--out", out.toString())
                .assertOneLineError("steps: 75000");
        Cli.run("experiment", "thesis-matrix-game", "--seeds", "0", "--out", out.toString()).assertOneLineError("seeds");
        assertEquals(List.of(), listing(dir));
        Path file = Files.writeString(dir.resolve("f"), "x");
        Cli.run("experiment", "thesis-matrix-game", "--out", file.resolve("sub").toString())
                .assertOneLineError("out: cannot create folder", "is a file");
        assertEquals(List.of("f"), listing(dir));
    }
}
