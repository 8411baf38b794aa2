package org.memarl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.memarl.io.Json;
import org.memarl.io.ResultWriterSafetyTestAccess;
import org.memarl.io.TestModels;
import org.memarl.testing.Tolerance;

/**
 * Issue 16 ("Hostile inputs and faults"), the done-means table: every probe of the issue that is a command line
 * plus files made in a temporary folder, in item order, as one row each (input, expected exit status, fragments of
 * the message), run through {@link Cli#run}. Every row is checked for: the exit status; on a failure exactly one
 * line on standard error starting {@code memarl: } (and nothing on standard output for exit 2); a short message;
 * no stack trace; no control character on standard error; every fragment in the row's text; and the row's own
 * after-check where it has one (a file kept, a value against an independent computation).
 *
 * <p>Not rows here, with their dedicated tests:
 * <ul>
 * <li>item 2 (a write error on standard output) needs a failing stream instead of {@link Cli#run}'s capture:
 *     {@code OutputSafetyTest.aWriteErrorOnStandardOutputExitsOneWithOneMessage} (solve, check, examples,
 *     {@code --help}, {@code --version}), {@code experimentWithAFailingStandardOutputExitsOne} and
 *     {@code aClosedPipeOnStandardOutputExitsOneWithTheReason};</li>
 * <li>item 3 (SIGTERM during a large {@code --out} write) needs a child JVM and a signal:
 *     {@code org.memarl.io.ResultWriterSafetyTest.aWriteInterruptedBySigtermLeavesNoTemporaryFile};</li>
 * <li>item 5's thousands of random and degenerate games: {@code SolveZeroSumProbeTest} and the solver tests;
 *     item 6's every-solver table: {@code FloorAndOverflowTest.everyIterativeSolverStopsAtTheFloor};
 *     the fuzz test of the done-means: {@code HostileFuzzTest}.</li>
 * </ul>
 */
class HostileProbesTest {
    private static final String MAX = String.valueOf(Integer.MAX_VALUE);
    private static final int PROCESSORS = Runtime.getRuntime().availableProcessors();
    /** Text as a row checks it: standard error, or standard output for a run that succeeds. */
    private static final Function<Cli.Run, String> ERR = Cli.Run::err;
    private static final Function<Cli.Run, String> OUT = Cli.Run::out;

    @TempDir
    Path dir;

    /** A check on a row's run beyond exit status and fragments. */
    interface After {
        void verify(Cli.Run run) throws Exception;
    }

    /** A text a row's fragments are looked for in (standard error, standard output, a file written). */
    interface Text {
        String of(Cli.Run run) throws Exception;
    }

    /**
     * One hostile probe: the item, the arguments, the expected exit status, the fragments and where they
     * are looked for, a further check, and a reason to skip (a FIFO where {@code mkfifo} is missing).
     */
    record Row(int item, String[] args, int exit, List<String> fragments, Text text, After after, String skip) {
        @Override
        public String toString() {
            String a = Arrays.stream(args).map(s -> s.length() > 60 ? s.substring(0, 25) + "..." + s.substring(s.length() - 30)
                    : s).collect(Collectors.joining(" "));
            return "item " + item + ": memarl " + a + " -> " + exit;
        }

        Row then(After more) {
            return new Row(item, args, exit, fragments, text, more, skip);
        }

        Row in(Text where) {
            return new Row(item, args, exit, fragments, where, after, skip);
        }
    }

    /** A row whose fragments are on standard error. */
    private static Row row(int item, int exit, List<String> fragments, String... args) {
        return new Row(item, args, exit, fragments, ERR::apply, r -> { }, null);
    }

    private static Row row(int item, int exit, String fragment, String... args) {
        return row(item, exit, List.of(fragment), args);
    }

    @TestFactory
    @DisplayName("issue 16: the hostile probes as a table (item, command line, exit status, message fragments)")
    Stream<DynamicTest> hostileProbes() throws Exception {
        long t0 = System.nanoTime();
        List<Row> rows = rows();
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(rows.get(i - 1).item() <= rows.get(i).item(), "rows in item order at " + rows.get(i));
        }
        assertEquals(List.of(1, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19),
                rows.stream().map(Row::item).distinct().collect(Collectors.toList()), "every item but 2 and 3 has a row");
        return Stream.concat(rows.stream().map(r -> dynamicTest(r.toString(), () -> check(r))),
                Stream.of(dynamicTest("the whole table in bounded time (about 1 s alone; 60 s allows a loaded machine)", () -> {
                    double s = (System.nanoTime() - t0) / 1e9;
                    assertTrue(s < 60, "the table took " + s + " s");
                })));
    }

    private static void check(Row k) throws Exception {
        if (k.skip() != null) {
            Assumptions.abort(k.skip());
        }
        Cli.Run r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Cli.run(k.args()), k::toString);
        r.assertExit(k.exit()).assertNoStackTrace();
        String err = r.err();
        for (int i = 0; i < err.length(); i++) {
            char c = err.charAt(i);
            int at = i;
            assertFalse((c < 0x20 && c != '\n' && c != '\r') || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == 0x2028
                    || c == 0x2029, () -> "control character U+" + Integer.toHexString(c) + " at " + at + ", " + r);
        }
        String[] lines = r.errLines();
        if (k.exit() == 0) {
            assertTrue(lines.length <= 1, () -> "at most a note on standard error, " + r);
        } else {
            assertEquals(1, lines.length, () -> "one line on standard error, " + r);
            assertTrue(lines[0].startsWith("memarl: "), () -> "prefix, " + r);
            assertTrue(lines[0].length() < 600, () -> "a short message, " + r);
            if (k.exit() == 2) {
                assertEquals("", r.out(), () -> "nothing on standard output, " + r);
            }
        }
        String text = k.text().of(r);
        for (String f : k.fragments()) {
            assertTrue(text.contains(f), () -> "should contain <" + f + ">, " + r);
        }
        k.after().verify(r);
    }

    private List<Row> rows() throws Exception {
        List<Row> rows = new ArrayList<>();
        String[] sviChain = {"solve", "--example", "chain", "--algorithm", "soft-value-iteration", "--no-progress"};

        // ---- item 1: --out onto a FIFO writes through it; onto a symbolic link writes its target
        Path fifo = null;
        String noFifo = null;
        try {
            fifo = ResultWriterSafetyTestAccess.fifo(dir, "pipe");
        } catch (org.opentest4j.TestAbortedException e) {
            noFifo = "no FIFO here: " + e.getMessage();
        }
        if (fifo != null) {
            Path p = fifo;
            CompletableFuture<byte[]> drained = ResultWriterSafetyTestAccess.drain(p);
            rows.add(row(1, 0, "\"format\" : \"memarl-result/1\"", cat(sviChain, "--out", p.toString()))
                    .in(r -> new String(drained.get(60, TimeUnit.SECONDS), StandardCharsets.UTF_8))
                    .then(r -> {
                        assertEquals("", r.out());
                        assertTrue(Files.exists(p) && !Files.isRegularFile(p), "still a FIFO");
                    }));
        } else {
            rows.add(new Row(1, new String[] {"solve", "--out", "<fifo>"}, 0, List.of(), ERR::apply, r -> { }, noFifo));
        }
        Path real = Files.writeString(dir.resolve("real.json"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), Path.of("real.json"));
        rows.add(row(1, 0, "\"format\" : \"memarl-result/1\"", cat(sviChain, "--out", link.toString()))
                .in(r -> Files.readString(real)).then(r -> assertTrue(Files.isSymbolicLink(link), "the link is kept")));

        // ---- item 4: --out naming the model file is refused; the model is kept
        Path model = Files.write(dir.resolve("m.json"), Examples.bytes("chain"));
        byte[] modelBytes = Files.readAllBytes(model);
        rows.add(row(4, 2, "out: " + model + " is the model file " + model, "solve", model.toString(), "--algorithm",
                "soft-value-iteration", "--out", model.toString())
                .then(r -> assertArrayEquals(modelBytes, Files.readAllBytes(model), "the model is unchanged")));

        // ---- item 5: the probe 3x3 zero-sum game, minimax and foe-q: exit 0 and the exact value
        String probeRows = Arrays.stream(SolveZeroSumProbeTest.PROBE).map(Arrays::toString)
                .collect(Collectors.joining(", ", "[", "]"));
        Path probe = Files.writeString(dir.resolve("probe.json"), "{\"format\": \"memarl/1\", \"kind\": \"matrix-game\","
                + " \"actions\": {\"agent\": 3, \"opponent\": 3}, \"payoff\": " + probeRows + ", \"sum\": \"zero\"}");
        double exact = SolveZeroSumProbeTest.exactValue(); // independent: the 2x2 kernel in BigDecimal
        for (String alg : new String[] {"minimax", "foe-q"}) {
            rows.add(row(5, 0, "\"V\" : [ 3.4122", "solve", probe.toString(), "--algorithm", alg, "--no-progress").in(OUT::apply)
                    .then(r -> assertEquals(exact, v0(r), Tolerance.ulps(16, exact), alg + " V")));
        }

        // ---- item 6: soft-policy-iteration below the rounding floor stops there, with soft VI's message
        Path floor = FloorAndOverflowTest.write(dir, "floor.json", FloorAndOverflowTest.mdpJson(16, 6, 3, 3, 0.9, 1e6));
        rows.add(row(6, 3, List.of("memarl: soft-policy-iteration did not converge within",
                "below the rounding floor of double precision", "use --tolerance"), "solve", floor.toString(), "--algorithm",
                "soft-policy-iteration", "--beta", "1e-4", "--max-iterations", "20000", "--no-progress")
                .then(r -> assertTrue(Json.mapper().readTree(r.out()).get("iterations").asInt() < 2000, "stopped at the floor")));

        // ---- item 7: probabilistic-balancing-q at rewards +-1e300, betas 1e-3 / -1e-3: the closed form, as balancing-q
        Path huge = FloorAndOverflowTest.write(dir, "huge.json", FloorAndOverflowTest.oneStateGame("1e300"));
        double closed = Math.log(0.5) / (1e-3 * (1.0 - 0.9)); // -6931.47...
        rows.add(row(7, 0, "-6931.47", "solve", huge.toString(), "--algorithm", "probabilistic-balancing-q", "--beta-agent",
                "1e-3", "--beta-opponent", "-1e-3", "--no-progress").in(OUT::apply)
                .then(r -> assertEquals(closed, v0(r), 1e-10 + Tolerance.ulps(64, closed) / 0.1, "V")));
        Path overflow = FloorAndOverflowTest.write(dir, "overflow.json", FloorAndOverflowTest.oneStateGame("1.7e308"));
        rows.add(row(7, 2, List.of("Qth[0][1][0]", "overflows double precision"), "solve", overflow.toString(),
                "--algorithm", "probabilistic-balancing-q", "--beta-agent", "2", "--beta-opponent", "-2", "--no-progress"));

        // ---- item 8: --threads is capped at the available processors, with a note
        rows.add(row(8, 0, "memarl: note: --threads 5000 capped at the " + PROCESSORS + " available processors",
                cat(sviChain, "--threads", "5000")));

        // ---- item 9: soft-q-learning with rewards 1.7e308 and beta 1e6: a located overflow error, not NaN
        Path q = FloorAndOverflowTest.write(dir, "q.json", FloorAndOverflowTest.mdpJson(9, 4, 2, 2, 0.95, 1.0)
                .replaceAll("\"rewards\": \\[.*\\]\\}$", "\"rewards\": [[1.7e308, 1.7e308], [1.7e308, 1.7e308],"
                        + " [1.7e308, 1.7e308], [1.7e308, 1.7e308]]}"));
        rows.add(row(9, 2, List.of("rewards[0][0]: 1.7E308", "soft-q-learning", "overflow double precision"), "solve",
                q.toString(), "--algorithm", "soft-q-learning", "--beta", "1e6", "--no-progress"));

        // ---- item 10: horizons checked before anything is allocated, with a short message
        rows.add(row(10, 2, "horizon: 2147483647 is too long for 5 states and 2 actions", cat(sviChain, "--horizon", MAX)));
        rows.add(row(10, 2, "horizon: 2147483647 is too long for 3 states and 2 x 2 actions", "solve", "--example",
                "pursuit-3-state", "--algorithm", "balancing-q", "--horizon", MAX));
        rows.add(row(10, 2, "horizon: 2147483647 is too long", "solve", "--example", "pursuit-3-state", "--algorithm",
                "minimax", "--horizon", MAX));
        rows.add(row(10, 2, "horizon: 2147483647 is too long for public-belief", "solve", "--example", "tiger",
                "--algorithm", "public-belief", "--horizon", MAX));
        rows.add(row(10, 2, "raise --max-beliefs", "solve", "--example", "tiger", "--algorithm", "public-belief", "--horizon",
                "100000"));

        // ---- item 11: generate's size check in exact arithmetic
        rows.add(row(11, 2, "= 8000000000000000000000000000 exceeds 2147483639", "generate", "random-mdp", "--states",
                "2000000000", "--actions", "2000000000", "--successors", "2000000000", "--out", dir.resolve("g.npz").toString())
                .then(r -> assertFalse(Files.exists(dir.resolve("g.npz")), "nothing written")));

        // ---- item 12: an .npz entry declaring 1e9 float64 values with a 16-byte payload
        byte[] lying = HostileReadersTest.zip(new String[] {"rewards.npy", "gamma.npy", "indptr.npy", "indices.npy",
            "data.npy"}, new byte[][] {HostileReadersTest.npy("<f8", "(2, 1)", HostileReadersTest.le(0, 1)),
                HostileReadersTest.npy("<f8", "()", HostileReadersTest.le(0.9)),
                HostileReadersTest.npy("<i4", "(3,)", HostileReadersTest.le32(0, 1, 2)),
                HostileReadersTest.npy("<i4", "(2,)", HostileReadersTest.le32(0, 1)),
                HostileReadersTest.npy("<f8", "(1000000000,)", HostileReadersTest.le(1, 1))});
        assertTrue(lying.length < 1500, "a small archive: " + lying.length);
        Path npz = Files.write(dir.resolve("lying.npz"), lying);
        rows.add(row(12, 2, List.of("data: truncated array data: shape (1000000000,) declares 1000000000 values",
                "the entry holds 16 bytes after its header"), "solve", npz.toString(), "--algorithm", "soft-value-iteration"));

        // ---- item 13: a small JSON model declaring 1e8 states (or 1e9) with wrong-shaped arrays
        String inflated = "{\"format\": \"memarl/1\", \"kind\": \"mdp\", \"gamma\": 0.9, \"states\": %s, \"actions\": 1,"
                + " \"transitions\": [[[1]]], \"rewards\": [[0]]}";
        Path e8 = TestModels.write(dir, "e8.json", String.format(inflated, "100000000"));
        assertTrue(Files.size(e8) < 250, "a small file");
        rows.add(row(13, 2, "rewards: 1 rows, expected 100000000", "solve", e8.toString(), "--algorithm",
                "soft-value-iteration"));
        Path e8literal = TestModels.write(dir, "e8literal.json", String.format(inflated, "1e8")); // the probe's spelling
        rows.add(row(13, 2, "states: expected a positive integer or a list of names, got 1.0E8", "solve",
                e8literal.toString(), "--algorithm", "soft-value-iteration"));
        Path e9 = TestModels.write(dir, "e9.json", String.format(inflated, "1000000000"));
        rows.add(row(13, 2, List.of("states: 1000000000 is more than the limit of 100000000", "(a count is 1 to 100000000"),
                "solve", e9.toString(), "--algorithm", "soft-value-iteration"));

        // ---- item 14: an unknown key holding millions of numbers, NUL bytes as a model, the size cap
        Path big = dir.resolve("big.json");
        try (OutputStream out = Files.newOutputStream(big)) {
            out.write("{\"format\": \"memarl/1\", \"kind\": \"mdp\", \"junk\": [".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = "0, ".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 20; i++) { // 6 MB, 2 million numbers
                out.write(chunk);
            }
            out.write("0]}".getBytes(StandardCharsets.US_ASCII));
        }
        rows.add(row(14, 2, "junk: unknown key (allowed: actions,", "solve", big.toString(), "--algorithm",
                "soft-value-iteration"));
        Path zeros = Files.write(dir.resolve("zeros.json"), new byte[1 << 20]); // what /dev/zero hands over
        rows.add(row(14, 2, "malformed JSON at line 1", "solve", zeros.toString(), "--algorithm", "soft-value-iteration"));
        String padded = TestModels.DENSE + " ".repeat(5000);
        Path paddedFile = TestModels.write(dir, "padded.json", padded);
        rows.add(row(14, 2, List.of("has " + padded.getBytes(StandardCharsets.UTF_8).length + " bytes, more than 4000,"
                + " the limit for a model file", "(raise it with --max-model-bytes)"), "solve", paddedFile.toString(),
                "--algorithm", "soft-value-iteration", "--max-model-bytes", "4000"));

        // ---- item 15: caps on gr2's level, soft-options' horizon, check's trials
        rows.add(row(15, 2, "level: 2147483647 is more than 10000", "solve", "--example", "pursuit-3-state", "--algorithm",
                "gr2", "--level", MAX));
        rows.add(row(15, 2, "horizon: 2147483647 is too long for 104 states and 4 actions (4 options)", "solve",
                "--example", "four-rooms", "--algorithm", "soft-options", "--horizon", MAX));
        rows.add(row(15, 2, "trials: 2147483647 is more than 100000", "check", "--trials", MAX));

        // ---- item 16: user strings escaped (newline, forged prefix, terminal escapes, NUL bytes)
        String evil = "a\\nmemarl: forged\\u001b[2J\\r\\u0085\\u2028"; // JSON escapes: the key holds the raw characters
        Path forged = TestModels.write(dir, "forged.json", TestModels.DENSE.replaceFirst("\\{",
                Matcher.quoteReplacement("{\"" + evil + "\": 1, ")));
        rows.add(row(16, 2, evil + ": unknown key", "solve", forged.toString(), "--algorithm", "soft-value-iteration"));
        Path evilNpz = Files.write(dir.resolve("e.npz"), HostileReadersTest.zip(new String[] {
            "evil\nmemarl: forged\u001b[2J.npy"}, new byte[][] {HostileReadersTest.npy("<f8", "()", HostileReadersTest.le(1))}));
        rows.add(row(16, 2, "evil\\nmemarl: forged\\u001b[2J: unknown array", "solve", evilNpz.toString(), "--algorithm",
                "soft-value-iteration"));
        Path emptyZipAsJson = Files.write(dir.resolve("empty.json"), HostileReadersTest.zip(new String[0], new byte[0][]));
        // an empty zip named .json: read as the zip it is (its NUL bytes not echoed as JSON)
        rows.add(row(16, 2, "rewards: missing (an (S, A) float64 array)", "solve", emptyZipAsJson.toString(),
                "--algorithm", "soft-value-iteration")
                .then(r -> assertFalse(r.err().contains("\0"), "no NUL echoed")));

        // ---- item 17: --plot checked up front under its own key; --policy names the policy
        Path missing = dir.resolve("nonexist").resolve("x.png");
        rows.add(row(17, 2, "plot: folder " + missing.getParent() + " does not exist", "solve", "--example", "four-rooms",
                "--algorithm", "soft-options", "--plot", missing.toString(), "--no-progress"));
        Path noPolicy = dir.resolve("missing.json");
        rows.add(row(17, 2, "policy: file not found: " + noPolicy, "solve", "--example", "chain", "--algorithm",
                "policy-evaluation", "--policy", noPolicy.toString()));

        // ---- item 18: nonsense refused with one line
        rows.add(row(18, 2, "gamma: 0.5 given for a matrix game", "solve", "--example", "thesis-3-1-zero-sum",
                "--algorithm", "minimax", "--gamma", "0.5"));
        rows.add(row(18, 2, "episodes: --episodes does not apply to value-iteration", "solve", "--example", "chain",
                "--algorithm", "value-iteration", "--episodes", "5"));
        rows.add(row(18, 2, "seed: --seed does not apply to soft-value-iteration", cat(sviChain, "--seed", "7")));
        rows.add(row(18, 2, "beta: --beta 2 given with --beta-agent", "solve", "--example", "matching-pennies",
                "--algorithm", "gr2", "--beta", "2", "--beta-agent", "3"));
        rows.add(row(18, 2, "agents[0].prior: given for 2 time steps, horizon is 1", "solve", "--example", "bad-two-step",
                "--algorithm", "public-belief", "--horizon", "1"));
        Path dup = Files.write(dir.resolve("dup.npz"), HostileReadersTest.zip(new String[] {"rewards.npy", "gamma.npy",
            "indptr.npy", "indices.npy", "data.npy", "gamma"}, new byte[][] {
                HostileReadersTest.npy("<f8", "(2, 1)", HostileReadersTest.le(0, 1)),
                HostileReadersTest.npy("<f8", "()", HostileReadersTest.le(0.9)),
                HostileReadersTest.npy("<i4", "(3,)", HostileReadersTest.le32(0, 1, 2)),
                HostileReadersTest.npy("<i4", "(2,)", HostileReadersTest.le32(0, 1)),
                HostileReadersTest.npy("<f8", "(2,)", HostileReadersTest.le(1, 1)),
                HostileReadersTest.npy("<f8", "()", HostileReadersTest.le(0.5))}));
        rows.add(row(18, 2, "holds the array \"gamma\" twice (entries \"gamma.npy\" and \"gamma\")", "solve",
                dup.toString(), "--algorithm", "value-iteration"));
        rows.add(row(18, 2, "'1e400' is beyond the range of double precision", cat(sviChain, "--beta", "1e400")));

        // ---- item 19: a refused experiment leaves no (empty) output folder
        Path exp = dir.resolve("exp");
        rows.add(row(19, 2, "steps: 75000", "experiment", "thesis-matrix-game", "--steps", "75000", "--out",
                exp.resolve("nested").toString()).then(r -> assertFalse(Files.exists(exp), "no folder left")));
        return rows;
    }

    private static double v0(Cli.Run r) throws Exception {
        JsonNode d = Json.mapper().readTree(r.out());
        return d.get("values").get("V").get(0).asDouble();
    }

    private static String[] cat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
