package org.memarl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memarl.InvalidModelException;
import org.memarl.algorithms.belief.PublicBelief;
import org.memarl.algorithms.mapi.Gr2;
import org.memarl.model.Probabilities;

/**
 * Issue 16, items 8, 10, 11, 15 and 18: caps on the work an option implies (threads, horizon, sizes, levels,
 * trials), refused before anything is allocated, and nonsense options refused with one line. Each probe of the
 * issue runs through the command line; the hostile cases run as one table.
 */
class HostileCapsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MAX = String.valueOf(Integer.MAX_VALUE);
    private static final int PROCESSORS = Runtime.getRuntime().availableProcessors();

    @TempDir
    Path dir;

    /** One hostile command line: its arguments, the exit status and a fragment of the one-line message. */
    private record Case(String[] args, int exit, String fragment) {
        @Override
        public String toString() {
            return String.join(" ", args);
        }
    }

    private static Case c(int exit, String fragment, String... args) {
        return new Case(args, exit, fragment);
    }

    @Test
    @DisplayName("the hostile cases of items 8, 10, 11, 15 and 18: exit 2, one line naming key and value, quickly")
    void hostileTable() throws Exception {
        Path chain = chainFile();
        Path keyHorizon = withKey("chain", "horizon", MAX);
        Path gameHorizon = withKey("pursuit-3-state", "horizon", MAX);
        Path decHorizon = homogeneousHintGuess(Integer.MAX_VALUE);
        Path decPrior = withKey("hint-guess", "horizon", "2"); // its prior is given for 3 steps
        Path npzDup = npzWithDuplicate(false);
        Path npzTwoSpellings = npzWithDuplicate(true);
        List<Case> cases = List.of(
                // item 10: a horizon's tables are checked (exactly) before they are allocated
                c(2, "horizon: 2147483647 is too long for 5 states and 2 actions", "solve", "--example", "chain",
                        "--algorithm", "soft-value-iteration", "--horizon", MAX),
                c(2, "limit of 268435456", "solve", "--example", "chain", "--algorithm", "value-iteration",
                        "--horizon", MAX),
                c(2, "horizon: 2147483647 is too long for 3 states and 2 x 2 actions", "solve", "--example",
                        "pursuit-3-state", "--algorithm", "balancing-q", "--horizon", MAX),
                c(2, "horizon: 2147483647 is too long", "solve", "--example", "pursuit-3-state", "--algorithm",
                        "minimax", "--horizon", MAX),
                c(2, "horizon: 2147483647 is too long", "solve", "--example", "pursuit-3-state", "--algorithm",
                        "nash-q", "--horizon", MAX),
                c(2, "horizon: 2147483647 is too long", "solve", "--example", "chain", "--chain", chain.toString(),
                        "--horizon", MAX),
                c(2, "horizon: 2147483647 is too long for 5 states", "solve", keyHorizon.toString(), "--algorithm",
                        "soft-value-iteration"),
                c(2, "horizon: 2147483647 is too long for 3 states", "solve", gameHorizon.toString(), "--algorithm",
                        "minimax"),
                c(2, "horizon: 2147483647 is too long for public-belief", "solve", "--example", "tiger", "--algorithm",
                        "public-belief", "--horizon", MAX),
                c(2, "horizon: 2147483647 is too long for public-belief", "solve", decHorizon.toString(),
                        "--algorithm", "public-belief"),
                c(2, "raise --max-beliefs", "solve", "--example", "tiger", "--algorithm", "public-belief", "--horizon",
                        "100000"),
                // item 15
                c(2, "horizon: 2147483647 is too long for 104 states and 4 actions (4 options)", "solve", "--example",
                        "four-rooms", "--algorithm", "soft-options", "--horizon", MAX),
                c(2, "level: 2147483647 is more than 10000", "solve", "--example", "pursuit-3-state", "--algorithm",
                        "gr2", "--level", MAX),
                c(2, "trials: 2147483647 is more than 100000", "check", "--trials", MAX),
                // item 11: the size check itself in exact arithmetic
                c(2, "= 8000000000000000000000000000 exceeds 2147483639", "generate", "random-mdp", "--states",
                        "2000000000", "--actions", "2000000000", "--successors", "2000000000", "--out",
                        dir.resolve("g.npz").toString()),
                c(2, "= 4611686014132420609 exceeds", "generate", "random-mdp", "--states", MAX, "--actions", MAX,
                        "--successors", "1", "--out", dir.resolve("g.json").toString()),
                // item 18
                c(2, "gamma: 0.5 given for a matrix game", "solve", "--example", "thesis-3-1-zero-sum", "--algorithm",
                        "minimax", "--gamma", "0.5"),
                c(2, "gamma: 0.9 given for a matrix game", "solve", "--example", "matching-pennies", "--chain",
                        chainFile().toString(), "--gamma", "0.9"),
                c(2, "episodes: --episodes does not apply to value-iteration (--episodes applies to q-learning,"
                        + " soft-q-learning)", "solve", "--example", "chain", "--algorithm", "value-iteration",
                        "--episodes", "5"),
                c(2, "episode-length: --episode-length does not apply to soft-policy-iteration", "solve", "--example",
                        "chain", "--algorithm", "soft-policy-iteration", "--episode-length", "5"),
                c(2, "seed: --seed does not apply to soft-value-iteration", "solve", "--example", "chain",
                        "--algorithm", "soft-value-iteration", "--seed", "7"),
                c(2, "seed: --seed does not apply to minimax (--seed applies to friend-q-learning, foe-q-learning,"
                        + " nash-q-learning)", "solve", "--example", "pursuit-3-state", "--algorithm", "minimax",
                        "--seed", "7"),
                c(2, "episodes: --episodes does not apply to balancing-q", "solve", "--example", "matching-pennies",
                        "--algorithm", "balancing-q", "--episodes", "9"),
                c(2, "beta: --beta 2 given with --beta-agent", "solve", "--example", "matching-pennies",
                        "--algorithm", "gr2", "--beta", "2", "--beta-agent", "3"),
                c(2, "beta: --beta 2 given with --beta-opponent", "solve", "--example", "matching-pennies",
                        "--algorithm", "balancing-q", "--beta-opponent", "3", "--beta", "2"),
                c(2, "agents[0].prior: given for 2 time steps, horizon is 1", "solve", "--example", "bad-two-step",
                        "--algorithm", "public-belief", "--horizon", "1"),
                c(2, "agents[0].prior: given for 3 time steps, horizon is 2", "solve", decPrior.toString(),
                        "--algorithm", "public-belief"),
                c(2, "holds the array \"gamma\" twice (entries \"gamma.npy\" and \"gamma.npy\")", "solve",
                        npzDup.toString(), "--algorithm", "value-iteration"),
                c(2, "holds the array \"gamma\" twice (entries \"gamma.npy\" and \"gamma\")", "solve",
                        npzTwoSpellings.toString(), "--algorithm", "value-iteration"),
                c(2, "'1e400' is beyond the range of double precision", "solve", "--example", "chain", "--algorithm",
                        "soft-value-iteration", "--beta", "1e400"),
                c(2, "'-1e400' is beyond the range", "solve", "--example", "matching-pennies", "--algorithm",
                        "balancing-q", "--beta-opponent", "-1e400"),
                c(2, "param: b: '1e999' is beyond the range", "solve", "--example", "chain", "--chain",
                        paramChainFile().toString(), "--param", "b=1e999"));
        for (Case k : cases) {
            long t0 = System.nanoTime();
            Cli.Run run = Cli.run(k.args());
            double seconds = (System.nanoTime() - t0) / 1e9;
            run.assertOneLineError(k.fragment());
            assertTrue(run.err().length() < 500, () -> "a short message, " + run);
            assertTrue(seconds < 20, () -> "refused up front, not after " + seconds + " s: " + k);
        }
    }

    @Test
    @DisplayName("item 8: --threads N is capped at the available processors, with a note; the values do not change")
    void threadsCapped() throws Exception {
        int many = Math.max(5000, 2 * PROCESSORS);
        Cli.Run one = Cli.run("solve", "--example", "chain", "--algorithm", "soft-value-iteration", "--threads", "1",
                "--no-progress").assertExit(0);
        Cli.Run capped = Cli.run("solve", "--example", "chain", "--algorithm", "soft-value-iteration", "--threads",
                String.valueOf(many), "--no-progress").assertExit(0).assertNoStackTrace();
        assertEquals(List.of("memarl: note: --threads " + many + " capped at the " + PROCESSORS
                + " available processors"), List.of(capped.errLines()), capped::toString);
        assertTrue(JSON.readTree(one.out()).get("values").get("V").size() == 5, one::toString);
        assertEquals(JSON.readTree(one.out()).get("values"), JSON.readTree(capped.out()).get("values"));
        assertEquals("", one.err(), "no note when nothing is capped");

        Path chain = chainFile();
        Cli.Run chainOne = Cli.run("solve", "--example", "chain", "--chain", chain.toString(), "--threads", "1",
                "--no-progress").assertExit(0);
        Cli.Run chainCapped = Cli.run("solve", "--example", "chain", "--chain", chain.toString(), "--threads",
                String.valueOf(many), "--no-progress").assertExit(0).assertNoStackTrace();
        assertEquals(1, chainCapped.errLines().length, chainCapped::toString);
        assertTrue(chainCapped.errLines()[0].contains("--threads " + many + " capped at the " + PROCESSORS),
                chainCapped::toString);
        assertTrue(JSON.readTree(chainOne.out()).get("values") != null, chainOne::toString);
        assertEquals(JSON.readTree(chainOne.out()).get("values"), JSON.readTree(chainCapped.out()).get("values"));

        // an error of the run stays the one line: the note comes only with a result
        Cli.run("solve", "--example", "chain", "--algorithm", "value-iteration", "--threads", String.valueOf(many),
                "--seed", "3").assertOneLineError("seed: --seed does not apply to value-iteration");
    }

    @Test
    @DisplayName("item 18: exactly the sampled learners take --episodes, --episode-length and --seed")
    void learningOptionRegistrations() {
        List<String> learners = new ArrayList<>();
        for (org.memarl.algorithms.registry.Registered<?> r : concat()) {
            if (r.entry().options().contains(org.memarl.algorithms.registry.Registered.Option.LEARNING)) {
                learners.add(r.id());
            }
        }
        assertEquals(List.of("q-learning", "soft-q-learning", "friend-q-learning", "foe-q-learning", "nash-q-learning"),
                learners);
        assertEquals(List.of("--episodes", "--episode-length", "--seed"),
                org.memarl.algorithms.registry.Registered.Option.LEARNING.flags());
    }

    private static List<org.memarl.algorithms.registry.Registered<?>> concat() {
        List<org.memarl.algorithms.registry.Registered<?>> all = new ArrayList<>();
        all.addAll(List.of(org.memarl.algorithms.registry.MdpAlgorithm.values()));
        all.addAll(List.of(org.memarl.algorithms.registry.GameAlgorithm.values()));
        return all;
    }

    @Test
    @DisplayName("item 8: the thread count rule (0 = all, capped at the processors)")
    void threadRule() {
        assertEquals(4, SolveCommand.threads(0, 4));
        assertEquals(3, SolveCommand.threads(3, 4));
        assertEquals(4, SolveCommand.threads(4, 4));
        assertEquals(4, SolveCommand.threads(5, 4));
        assertEquals(4, SolveCommand.threads(Integer.MAX_VALUE, 4));
    }

    @Test
    @DisplayName("item 10: the horizon limit is (H + 1) x per-step values <= 2^28, computed exactly at the boundary")
    void horizonBoundary() {
        long limit = 1L << 28;
        for (long perStep : new long[] {1, 2, 15, 16, 2600, 12345, limit / 2, limit}) {
            long most = limit / perStep - 1; // the largest H with (H + 1) * perStep <= 2^28
            assertTrue((most + 1) * perStep <= limit && (most + 2) * perStep > limit, "independent boundary");
            if (most >= 1) {
                assertEquals((int) most, Probabilities.horizon((int) most, perStep, "x"));
            }
            long over = most + 1;
            InvalidModelException e = assertThrows(InvalidModelException.class,
                    () -> Probabilities.horizon((int) over, perStep, "the sizes"));
            assertTrue(e.getMessage().startsWith("horizon: " + over + " is too long for the sizes"), e.getMessage());
        }
        // per-step counts beyond the range of long: no overflow into an accepted product
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> Probabilities.horizon(Integer.MAX_VALUE, Long.MAX_VALUE, "huge"));
        assertTrue(e.getMessage().contains("too large for a finite horizon"), e.getMessage());
        assertEquals(Long.MAX_VALUE, Probabilities.exactProduct(1L << 32, 1L << 32));
        assertEquals(0, Probabilities.horizon(0, Long.MAX_VALUE, "no horizon"));
        // a horizon within the limit still solves
        Cli.run("solve", "--example", "chain", "--algorithm", "soft-value-iteration", "--horizon", "1000",
                "--no-progress").assertExit(0);
    }

    @Test
    @DisplayName("item 10: public-belief refuses a long horizon at once, with a short message")
    void publicBeliefHorizon() {
        long t0 = System.nanoTime();
        Cli.Run run = Cli.run("solve", "--example", "tiger", "--algorithm", "public-belief", "--horizon", MAX)
                .assertOneLineError("horizon: 2147483647 is too long for public-belief", "20000000");
        assertTrue((System.nanoTime() - t0) / 1e9 < 5, run::toString);
        // the budget of distinct beliefs is checked while expanding (issue 15), and the message names the option
        Cli.Run longOne = Cli.run("solve", "--example", "tiger", "--algorithm", "public-belief", "--horizon", "100000")
                .assertOneLineError("max-beliefs: horizon 100000 reaches more than "
                        + PublicBelief.DEFAULT_MAX_BELIEFS + " distinct public beliefs", "raise --max-beliefs");
        assertTrue(longOne.err().length() < 400, longOne::toString);
        // the model's own horizon still solves
        Cli.run("solve", "--example", "tiger", "--algorithm", "public-belief", "--no-progress").assertExit(0);
    }

    @Test
    @DisplayName("item 15: gr2 takes levels up to the cap")
    void gr2LevelCap() {
        Cli.run("solve", "--example", "matching-pennies", "--algorithm", "gr2", "--level",
                String.valueOf(Gr2.MAX_LEVEL + 1)).assertOneLineError("level: " + (Gr2.MAX_LEVEL + 1) + " is more than");
        Cli.run("solve", "--example", "matching-pennies", "--algorithm", "gr2", "--level", "50", "--no-progress")
                .assertExit(0);
        Cli.run("check", "--trials", String.valueOf(CheckCommand.MAX_TRIALS + 1))
                .assertOneLineError("trials: " + (CheckCommand.MAX_TRIALS + 1) + " is more than");
    }

    @Test
    @DisplayName("item 18: the learners still take --episodes, --episode-length and --seed; betas as words still work")
    void acceptedStillAccepted() throws Exception {
        Cli.Run a = Cli.run("solve", "--example", "chain", "--algorithm", "soft-q-learning", "--episodes", "20",
                "--episode-length", "10", "--seed", "5", "--no-progress");
        assertTrue(a.code() == 0 || a.code() == 3, a::toString);
        Cli.Run b = Cli.run("solve", "--example", "pursuit-3-state", "--algorithm", "nash-q-learning", "--episodes",
                "5", "--episode-length", "5", "--seed", "5", "--no-progress");
        assertTrue(b.code() == 0 || b.code() == 3, b::toString);
        JsonNode inf = JSON.readTree(Cli.run("solve", "--example", "matching-pennies", "--algorithm", "balancing-q",
                "--beta-agent", "inf", "--beta-opponent", "-inf").assertExit(0).out());
        JsonNode big = JSON.readTree(Cli.run("solve", "--example", "matching-pennies", "--algorithm", "balancing-q",
                "--beta", "1e300").assertExit(0).out());
        assertFalse(inf.isNull());
        assertFalse(big.isNull());
        // a per-player beta alone, and --beta alone, still go through
        Cli.run("solve", "--example", "matching-pennies", "--algorithm", "gr2", "--beta-agent", "3", "--no-progress")
                .assertExit(0);
        Cli.run("solve", "--example", "pursuit-3-state", "--algorithm", "minimax", "--gamma", "0.5", "--no-progress")
                .assertExit(0);
    }

    // ---- fixtures -----------------------------------------------------------------------------------------

    private Path chainFile() throws Exception {
        Path p = Files.createTempFile(dir, "chain", ".json");
        Files.writeString(p, "{\"format\":\"memarl-chain/1\",\"levels\":[{\"choice\":\"action\",\"beta\":1}]}");
        return p;
    }

    private Path paramChainFile() throws Exception {
        Path p = Files.createTempFile(dir, "chain", ".json");
        Files.writeString(p, "{\"format\":\"memarl-chain/1\",\"levels\":[{\"choice\":\"action\",\"beta\":\"$b\"}]}");
        return p;
    }

    /** A bundled example with one top-level key set to a raw JSON value. */
    private Path withKey(String example, String key, String rawValue) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(Examples.bytes(example));
        root.set(key, JSON.readTree(rawValue));
        Path p = Files.createTempFile(dir, example, ".json");
        Files.write(p, JSON.writeValueAsBytes(root));
        return p;
    }

    /** hint-guess with each agent's time-dependent prior replaced by its first step, and the given horizon. */
    private Path homogeneousHintGuess(int horizon) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(Examples.bytes("hint-guess"));
        for (JsonNode a : root.get("agents")) {
            JsonNode prior = a.get("prior");
            assertTrue(prior.get(0).get(0).isArray(), "hint-guess has a time-dependent prior");
            ((ObjectNode) a).set("prior", prior.get(0));
        }
        root.put("horizon", horizon);
        Path p = Files.createTempFile(dir, "hint-guess", ".json");
        Files.write(p, JSON.writeValueAsBytes(root));
        return p;
    }

    /**
     * A generated .npz with its {@code gamma} entry twice: as {@code gamma.npy} and {@code gamma} (when
     * {@code twoSpellings}), or twice as {@code gamma.npy} (a zip writer refuses that, so the second entry is
     * written under a name of the same length and its name bytes patched).
     */
    private Path npzWithDuplicate(boolean twoSpellings) throws Exception {
        Path src = dir.resolve("src" + twoSpellings + ".npz");
        Cli.run("generate", "random-mdp", "--states", "4", "--actions", "2", "--successors", "2", "--out",
                src.toString()).assertExit(0);
        List<String> names = new ArrayList<>();
        List<byte[]> data = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(src))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
                data.add(in.readAllBytes());
            }
        }
        int g = names.indexOf("gamma.npy");
        assertTrue(g >= 0, names::toString);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (int i = 0; i < names.size(); i++) {
                out.putNextEntry(new ZipEntry(names.get(i)));
                out.write(data.get(i));
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry(twoSpellings ? "gamma" : "gammX.npy"));
            out.write(data.get(g));
            out.closeEntry();
        }
        byte[] zip = bytes.toByteArray();
        if (!twoSpellings) {
            byte[] from = "gammX.npy".getBytes(StandardCharsets.US_ASCII);
            int patched = 0;
            for (int i = 0; i + from.length <= zip.length; i++) {
                if (java.util.Arrays.equals(zip, i, i + from.length, from, 0, from.length)) {
                    zip[i + 4] = 'a';
                    patched++;
                }
            }
            assertEquals(2, patched, "the local and the central header");
        }
        Path p = dir.resolve("dup" + twoSpellings + ".npz");
        Files.write(p, zip);
        return p;
    }

    @Test
    @DisplayName("fixtures: the patched archive still holds both gamma entries, and the source archive solves")
    void fixtures() throws Exception {
        Path p = npzWithDuplicate(false);
        int gammas = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(p))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                gammas += e.getName().equals("gamma.npy") ? 1 : 0;
            }
        }
        assertEquals(2, gammas);
        Cli.run("solve", dir.resolve("srcfalse.npz").toString(), "--algorithm", "value-iteration", "--no-progress")
                .assertExit(0);
        ArrayNode agents = (ArrayNode) JSON.readTree(Files.readAllBytes(homogeneousHintGuess(3))).get("agents");
        assertEquals(2, agents.size());
        Cli.run("solve", homogeneousHintGuess(3).toString(), "--algorithm", "public-belief", "--no-progress")
                .assertExit(0);
    }
}
