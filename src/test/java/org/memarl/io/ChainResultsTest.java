package org.memarl.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.memarl.chains.ChainDeclaration;
import org.memarl.chains.ChoiceModel;
import org.memarl.chains.ThesisChains;
import org.memarl.model.Game;
import org.memarl.solve.ChainSolution;
import org.memarl.solve.ChainSolver;
import org.memarl.solve.IterationOptions;
import org.memarl.testing.Tolerance;

/**
 * {@link ChainResults}: the start value and the U layout of option contexts against the documented
 * indexing (by hand), a declaration built in Java written (as a {@code Solution}, by {@link ResultWriter}) like a
 * chain file's, and the bundled chain files ({@code examples/chains/}) read and bound to the models they are
 * meant for.
 */
class ChainResultsTest {
    /** A one-state option game with different master priors per player (3 agent options, 2 opponent options). */
    private static final String OPTION_GAME = """
            {"format": "memarl/1", "kind": "game", "name": "og", "gamma": 0.8, "states": ["here"],
             "actions": {"agent": 2, "opponent": 2}, "transitions": [[[[1], [1]], [[1], [1]]]],
             "rewards": [[[1, 0], [0, 2]]], "sum": "common",
             "options": {
               "agent": {"count": 3, "masterPrior": [[0.2, 0.5, 0.3]], "terminationPrior": 0.3},
               "opponent": {"count": 2, "masterPrior": [[0.6, 0.4]], "terminationPrior": 0.1}}}
            """;

    private static Game game() {
        return Models.read(OPTION_GAME.getBytes(StandardCharsets.UTF_8), "og").asGame();
    }

    /** Contexts (s, z'_agent, z'_opponent) row-major: the start weight of (zi, zo) is P^H_i(zi) P^H_-i(zo). */
    @Test
    void startValuesWeighContextsByBothMasterPriors() {
        ChoiceModel cm = ChoiceModel.of(game());
        assertEquals(6, cm.contexts());
        double[] v = {1, 2, 3, 4, 5, 6};
        double[] ha = {0.2, 0.5, 0.3};
        double[] hb = {0.6, 0.4};
        double expect = 0.0;
        for (int zi = 0; zi < 3; zi++) {
            for (int zo = 0; zo < 2; zo++) {
                expect += ha[zi] * hb[zo] * v[zi * 2 + zo];
            }
        }
        assertArrayEquals(new double[] {expect}, ChainResults.startValues(cm, v), Tolerance.ulps(16, 6.0));
        assertArrayEquals(new int[] {3, 2}, ChainResults.contextShape(cm));
        assertEquals(List.of("here/0/0", "here/0/1", "here/1/0", "here/1/1", "here/2/0", "here/2/1"), cm.contextNames());
    }

    /** A Java declaration (ma-soft-options at beta 0.7) written: U[s][zi][zo] is V of context (s m_i + zi) m_o + zo. */
    @Test
    void writesUByStateAndOptions() throws Exception {
        Game g = game();
        ChoiceModel cm = ChoiceModel.of(g);
        ChainDeclaration decl = ThesisChains.maSoftOptions(0.7);
        IterationOptions it = new IterationOptions(1e-12, 100000, org.memarl.solve.Sweep.GAUSS_SEIDEL);
        ChainSolution sol = ChainSolver.solve(decl.problem(cm), it);
        StringWriter w = new StringWriter();
        JsonNode echo = ChainFiles.toJson(decl);
        ResultWriter.write(ChainResults.toSolution(sol, new ChainResults.Run(cm, g.stateNames(), echo, Map.of(), it)),
                g.name(), "abc", w);
        JsonNode out = Json.parse(w.toString().getBytes(StandardCharsets.UTF_8), "result");
        for (int zi = 0; zi < 3; zi++) {
            for (int zo = 0; zo < 2; zo++) {
                assertEquals(sol.value(zi * 2 + zo), out.at("/values/U/0/" + zi + "/" + zo).asDouble(), 0.0);
            }
        }
        assertEquals(echo, out.get("chain"));
        assertEquals("gauss-seidel", out.at("/parameters/sweep").asText());
        assertEquals(0.7, out.at("/parameters/betas/opponent.option").asDouble());
        assertEquals(6, out.at("/values/Q").size());
        assertEquals("abc", out.at("/model/sha256").asText());
        assertEquals(List.of("continue", "terminate"), List.of(out.at("/names/choices/agent.termination/0").asText(),
                out.at("/names/choices/agent.termination/1").asText()));
        assertTrue(out.at("/values/Vt").isMissingNode());
        assertTrue(w.toString().endsWith("}\n"));
    }

    /**
     * A {@code "given": null} the reader takes as absent is left out of the echoed chain file (a result section
     * holds no nulls); everything else is echoed as read.
     */
    @Test
    void nullFieldsOfTheChainFileAreLeftOutOfTheEcho() throws Exception {
        String file = """
                {"format": "memarl-chain/1", "levels": [
                  {"choice": "opponent", "beta": -1, "prior": {"given": null, "table": [[0.5, 0.25, 0.25]]}},
                  {"choice": "agent", "beta": 2}]}
                """;
        String echoed = """
                {"format": "memarl-chain/1", "levels": [
                  {"choice": "opponent", "beta": -1, "prior": {"table": [[0.5, 0.25, 0.25]]}},
                  {"choice": "agent", "beta": 2}]}
                """;
        JsonNode root = Json.parse(file.getBytes(StandardCharsets.UTF_8), "chain");
        Game g = Models.read(Path.of("examples", "thesis-3-1-zero-sum.json")).asGame();
        ChoiceModel cm = ChoiceModel.of(g);
        IterationOptions it = new IterationOptions(1e-12, 100000, org.memarl.solve.Sweep.JACOBI);
        ChainSolution sol = ChainSolver.solve(ChainFiles.parse(root).problem(cm, Map.of()), it);
        StringWriter w = new StringWriter();
        ResultWriter.write(ChainResults.toSolution(sol, new ChainResults.Run(cm, g.stateNames(), root, Map.of(), it)),
                g.name(), "abc", w);
        JsonNode out = Json.parse(w.toString().getBytes(StandardCharsets.UTF_8), "result");
        assertEquals(Json.parse(echoed.getBytes(StandardCharsets.UTF_8), "echoed"), out.get("chain"));
    }

    /** Every bundled chain file reads, and binds to the bundled model it is written for. */
    @Test
    void bundledChainFilesBind() throws Exception {
        Map<String, String> model = new TreeMap<>(Map.of(
                "adversarial-opponent.json", "thesis-3-1-zero-sum",
                "rommeo.json", "pursuit-3-state",
                "pr2.json", "pursuit-3-state",
                "soft-options.json", "four-rooms",
                "soft-options-critic.json", "four-rooms",
                "sweep-beta.json", "chain",
                "ma-soft-options.json", "coordination-options"));
        model.put("agent-prior-table.json", "pursuit-3-state");
        model.put("balancing-q-opponent.json", "pursuit-3-state");
        model.put("opponent-beta-sweep.json", "pursuit-3-state");
        model.put("opponent-first.json", "pursuit-3-state");
        model.put("agent-first.json", "pursuit-3-state");
        List<String> files;
        try (Stream<Path> s = Files.list(Path.of("examples", "chains"))) {
            files = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.copyOf(model.keySet()), files, "a model for every bundled chain file");
        for (String f : files) {
            ChainDeclaration d = ChainFiles.read(Path.of("examples", "chains", f));
            Models.Model m = Models.read(Path.of("examples", model.get(f) + ".json"));
            ChoiceModel cm = m instanceof Models.GameModel gm ? ChoiceModel.of(gm.game()) : ChoiceModel.of(m.asMdp());
            Map<String, Double> params = new java.util.HashMap<>();
            d.parameters().forEach(p -> params.put(p, 1.0));
            assertEquals(d.levels().size(), d.problem(cm, params).chain().depth(), f);
        }
    }
}
