package org.memarl.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.memarl.solve.Solution;
import org.junit.jupiter.api.Test;

/**
 * Pins the bytes of {@code memarl-result/1} documents (an MDP result and a game result, built by hand with
 * every kind of parameter and table rank), so that changes to {@link Solution} and {@link ResultWriter} keep
 * result files byte-identical. The streaming writer and the tree writer must both produce the pinned text;
 * the provenance block (machine-dependent) is compared with {@link ResultWriter#provenance()} separately.
 */
class ResultBytesPinTest {
    private static final Pattern PROVENANCE = Pattern.compile("(?s)\n  \"provenance\" : (\\{.*?\n  \\})\n\\}\n$");

    static Solution mdpResult() {
        return Solution.builder("soft-value-iteration")
                .parameter("beta", Double.POSITIVE_INFINITY).parameter("betaOpponent", Double.NEGATIVE_INFINITY)
                .parameter("gamma", 0.9).parameter("tolerance", 1e-10).parameter("sweep", "gauss-seidel")
                .parameter("threads", 1).parameter("seed", 12345678901L).parameter("exact", true)
                .converged(true).iterations(42).residual(3.0e-11).errorBound(2.5e-10)
                .value("V", new double[] {1.5, -0.25, 1e-300, 123456.789})
                .value("Q", new double[][] {{1.5, 0.1}, {-0.25, -1.0 / 3.0}, {0.0, 1e-300}, {123456.789, 2e20}})
                .value("distanceToFixedPoint", 0.125)
                .policy(new double[][] {{1, 0}, {0.5, 0.5}, {0.1, 0.9}, {1.0 / 3.0, 2.0 / 3.0}})
                .build();
    }

    static Solution gameResult() {
        return Solution.builder("rommeo")
                .parameter("betaAgent", 2.0).parameter("betaOpponent", -0.5).parameter("gamma", 0.95)
                .parameter("order", "agent-first")
                .converged(false).iterations(7).residual(0.25).errorBound(4.75)
                .value("V", new double[] {0.5, -3.0})
                .value("Q", new double[][][] {{{1, 2}, {3, 4.5}}, {{-1, -2}, {0.1, 0.2}}})
                .value("Qopponent", new double[][][] {{{-1, -2}, {-3, -4.5}}, {{1, 2}, {-0.1, -0.2}}})
                .value("Vt", new double[][] {{0.5, -3.0}, {0.25, 0.75}, {0, 0}})
                .value("empty", new double[0])
                .policy("agent", new double[][] {{0.25, 0.75}, {1, 0}})
                .policy("opponentGivenAgent", new double[][][] {{{0.5, 0.5}, {0.2, 0.8}}, {{1, 0}, {0, 1}}})
                .build();
    }

    static String pinned(String name) throws IOException {
        try (InputStream in = ResultBytesPinTest.class.getResourceAsStream("/pinned/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The document with its provenance object replaced by {@code PROVENANCE}, after checking that object. */
    static String withoutProvenance(String doc) throws IOException {
        Matcher m = PROVENANCE.matcher(doc);
        if (!m.find()) {
            throw new AssertionError("no provenance block at the end of\n" + doc);
        }
        assertEquals(ResultWriter.provenance(), Json.mapper().readTree(m.group(1)));
        return doc.substring(0, m.start(1)) + "PROVENANCE" + doc.substring(m.end(1));
    }

    private static void check(Solution s, String name) throws IOException {
        String want = pinned(name);
        StringWriter w = new StringWriter();
        ResultWriter.write(s, "pinned model", "0123456789abcdef", w);
        assertEquals(want, withoutProvenance(w.toString()), "stream writer");
        String tree = new String(Json.bytes(ResultWriter.toJson(s, "pinned model", "0123456789abcdef")), StandardCharsets.UTF_8);
        assertEquals(want, withoutProvenance(tree), "tree writer");
    }

    @Test
    void mdpResultBytesArePinned() throws IOException {
        check(mdpResult(), "mdp-result.json");
    }

    @Test
    void gameResultBytesArePinned() throws IOException {
        check(gameResult(), "game-result.json");
    }
}
