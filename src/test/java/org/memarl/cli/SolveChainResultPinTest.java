package org.memarl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the {@code memarl-result/1} document of {@code solve --chain} on bundled cases (a stochastic game with a
 * parameter, an option game with a horizon, a matrix game with a named prior and a reward key, an MDP at beta = -inf): the
 * parsed JSON tree without {@code provenance} equals the one stored under {@code src/test/resources/pinned/chain/}
 * (written by the streaming chain writer before the chain result became a {@code Solution}), the same keys,
 * nesting, numbers and, below the top level, key order. Standard output and {@code --out} give the same tree.
 */
class SolveChainResultPinTest {
    private static final ObjectMapper M = new ObjectMapper();

    @TempDir
    Path dir;

    private static JsonNode pinned(String name) throws Exception {
        try (InputStream in = SolveChainResultPinTest.class.getResourceAsStream("/pinned/chain/" + name)) {
            return M.readTree(in);
        }
    }

    /** The tree without provenance, after checking that provenance names the version, Java, OS and architecture. */
    private static ObjectNode withoutProvenance(JsonNode doc) {
        ObjectNode o = ((ObjectNode) doc).deepCopy();
        JsonNode p = o.remove("provenance");
        assertTrue(p != null && p.has("memarl") && p.has("java") && p.has("os") && p.has("arch"), "provenance: " + p);
        return o;
    }

    /**
     * Every object's field names in order, by the object's path, below the top level (whose order follows the
     * result writer's).
     */
    private static void keyOrder(JsonNode n, String at, Map<String, List<String>> out) {
        if (n.isObject()) {
            List<String> names = new ArrayList<>();
            n.fieldNames().forEachRemaining(names::add);
            if (!at.isEmpty()) {
                out.put(at, names);
            }
            for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
                String k = it.next();
                keyOrder(n.get(k), at + "/" + k, out);
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                keyOrder(n.get(i), at + "/" + i, out);
            }
        }
    }

    private void check(String pin, String... args) throws Exception {
        JsonNode expected = withoutProvenance(pinned(pin));
        JsonNode out = withoutProvenance(M.readTree(Cli.run(args).assertExit(0).out()));
        assertEquals(expected, out, pin);
        Map<String, List<String>> want = new TreeMap<>();
        Map<String, List<String>> got = new TreeMap<>();
        keyOrder(expected, "", want);
        keyOrder(out, "", got);
        assertEquals(want, got, pin + ": key order");
        Path file = dir.resolve(pin);
        String[] withOut = java.util.Arrays.copyOf(args, args.length + 2);
        withOut[args.length] = "--out";
        withOut[args.length + 1] = file.toString();
        assertEquals("", Cli.run(withOut).assertExit(0).out());
        assertEquals(expected, withoutProvenance(M.readTree(Files.readString(file))), pin + " (--out)");
    }

    private static String chain(String file) {
        return Path.of("examples", "chains", file).toString();
    }

    @Test
    void gameChainWithAParameter() throws Exception {
        check("rommeo-pursuit-3-state.json", "solve", "--example", "pursuit-3-state", "--chain", chain("rommeo.json"),
                "--param", "beta=2", "--no-progress");
    }

    @Test
    void optionGameChainWithAHorizon() throws Exception {
        check("ma-soft-options-coordination-options-horizon-2.json", "solve", "--example", "coordination-options",
                "--chain", chain("ma-soft-options.json"), "--param", "beta=1", "--horizon", "2");
    }

    @Test
    void matrixGameChainWithANamedPrior() throws Exception {
        check("adversarial-opponent-thesis-3-1-zero-sum.json", "solve", "--example", "thesis-3-1-zero-sum",
                "--chain", chain("adversarial-opponent.json"));
    }

    @Test
    void mdpChainAtMinusInfinity() throws Exception {
        check("sweep-beta-chain.json", "solve", "--example", "chain", "--chain", chain("sweep-beta.json"),
                "--param", "beta=-inf", "--no-progress");
    }
}
