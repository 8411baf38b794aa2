package org.memarl.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memarl.algorithms.RunConfig;
import org.memarl.algorithms.mapi.BalancingQ;
import org.memarl.algorithms.mapi.Pr2;
import org.memarl.algorithms.mapi.Rommeo;
import org.memarl.io.Json;
import org.memarl.model.Game;
import org.memarl.solve.Solution;

/** The thesis-matrix-game experiment: determinism, the summary's schema, the outcomes, the exact picture. */
class ThesisMatrixGameTest {
    private static final Set<String> SETTINGS = Set.of("cooperative", "competitive");
    private static final Set<String> AGENTS = Set.of("rommeo", "pr2", "balancing-q");

    private static TreeSet<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @TempDir
    static Path tmp;
    /** Two runs with seed 5, shared by the tests (rendering dominates their cost). */
    private static Path a;
    private static Path b;
    private static ExperimentReport ra;

    @BeforeAll
    static void runTwice() {
        ThesisMatrixGame e = new ThesisMatrixGame();
        a = tmp.resolve("a");
        b = tmp.resolve("b");
        ra = e.run(new ExperimentConfig(2, 40, 5, a));
        e.run(new ExperimentConfig(2, 40, 5, b));
    }

    @Test
    void sameSeedGivesByteIdenticalFilesAndAnotherSeedDiffers() throws IOException {
        Path c = tmp.resolve("c");
        new ThesisMatrixGame().run(new ExperimentConfig(2, 40, 6, c));
        TreeSet<String> files = names(a);
        assertEquals(files, names(b));
        assertEquals(ra.files().size(), files.size());
        Set<String> kinds = new HashSet<>();
        for (String f : files) {
            kinds.add(f.substring(f.lastIndexOf('.') + 1));
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f + " differs between runs");
        }
        assertEquals(Set.of("csv", "json", "png", "svg"), kinds);
        for (String f : List.of("summary.json", "experiment.json", "figure-3-1.png", "figure-3-1.svg", "figure-3-2.png",
                "figure-3-2.svg", "policies.png", "policies.svg", "exact-policies.png", "exact-policies.svg",
                "exact-policies.csv", "cooperative-rommeo-vs-rommeo-seed5.csv", "cooperative-pr2-vs-pr2-seed6.csv",
                "competitive-balancing-q-vs-balancing-q-seed5.csv", "competitive-pr2-vs-balancing-q-seed6.csv")) {
            assertTrue(files.contains(f), f + " is written; got " + files);
        }
        // no leftover temporary files of the atomic writes
        assertFalse(files.stream().anyMatch(f -> f.endsWith(".tmp")), files.toString());
        // seed 6 is run by both; seed 7 replaces seed 5 in c
        assertArrayEquals(Files.readAllBytes(a.resolve("cooperative-pr2-vs-pr2-seed6.csv")),
                Files.readAllBytes(c.resolve("cooperative-pr2-vs-pr2-seed6.csv")));
        assertTrue(names(c).contains("cooperative-pr2-vs-pr2-seed7.csv"));
        for (String f : List.of("figure-3-1.png", "figure-3-1.svg", "figure-3-2.png", "policies.svg")) {
            assertFalse(java.util.Arrays.equals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(c.resolve(f))),
                    f + " should differ for another seed");
        }
        String svg = Files.readString(a.resolve("figure-3-1.svg"));
        assertTrue(svg.startsWith("<?xml") && svg.contains("<svg"), "an SVG document");
        byte[] png = Files.readAllBytes(a.resolve("figure-3-1.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        assertFalse(new String(png, java.nio.charset.StandardCharsets.ISO_8859_1).contains("tIME"), "no time chunk");
    }

    @Test
    void summaryHasExactlyTheDocumentedSchema() throws IOException {
        JsonNode root = Json.mapper().readTree(Files.readAllBytes(a.resolve("summary.json")));
        assertEquals(List.of("runs"), fields(root));
        JsonNode runs = root.get("runs");
        assertTrue(runs.isArray());
        List<String> seen = new ArrayList<>();
        for (JsonNode r : runs) {
            assertEquals(List.of("setting", "agent", "opponent", "finalReward", "finalActions"), fields(r));
            assertTrue(r.get("setting").isTextual() && SETTINGS.contains(r.get("setting").asText()), r.toString());
            assertTrue(r.get("agent").isTextual() && AGENTS.contains(r.get("agent").asText()), r.toString());
            assertTrue(r.get("opponent").isTextual() && AGENTS.contains(r.get("opponent").asText()), r.toString());
            assertTrue(r.get("finalReward").isNumber() && Double.isFinite(r.get("finalReward").asDouble()), r.toString());
            JsonNode fa = r.get("finalActions");
            assertTrue(fa.isArray() && fa.size() == 2, r.toString());
            for (JsonNode x : fa) {
                assertTrue(x.isInt() && x.asInt() >= 0 && x.asInt() < 3, "0-based action in range: " + r);
            }
            seen.add(r.get("setting").asText() + " " + r.get("agent").asText() + " " + r.get("opponent").asText());
        }
        assertEquals(List.of("cooperative rommeo rommeo", "cooperative pr2 pr2", "competitive balancing-q balancing-q",
                "competitive pr2 balancing-q"), seen);
    }

    private static List<String> fields(JsonNode n) {
        List<String> s = new ArrayList<>();
        n.fieldNames().forEachRemaining(s::add);
        return s;
    }

    /**
     * The default run's outcomes (computed without plots): both cooperative pairings reach the better
     * equilibrium (2, 2) with reward 10; Balancing Q against Balancing Q reaches the zero-sum saddle point
     * (0, 0) with value 2; PR2 against Balancing Q plays 2 (its cooperative model of j) and gets R[2][0] = 1,
     * because j plays its maximin action 0. The docs state these numbers.
     */
    @Test
    void defaultRunOutcomes() {
        ThesisMatrixGame.Results res = ThesisMatrixGame.compute(new ExperimentConfig(ThesisMatrixGame.DEFAULT_SEEDS,
                ThesisMatrixGame.DEFAULT_STEPS, 0, Path.of("unused")));
        List<ThesisMatrixGame.Outcome> o = res.outcomes();
        double[] reward = {10.0, 10.0, 2.0, 1.0};
        int[][] actions = {{2, 2}, {2, 2}, {0, 0}, {2, 0}};
        for (int p = 0; p < 4; p++) {
            assertArrayEquals(actions[p], o.get(p).finalActions(), o.get(p).pairing().id());
            assertArrayEquals(actions[p], o.get(p).exactActions(), o.get(p).pairing().id());
            assertEquals(reward[p], o.get(p).finalReward(), 0.05, o.get(p).pairing().id());
        }
        assertEquals(50, ThesisMatrixGame.finalWindow(500));
        assertEquals(5, ThesisMatrixGame.finalWindow(50));
        assertEquals(1, ThesisMatrixGame.finalWindow(3));
        String table = ThesisMatrixGame.table(res);
        assertTrue(table.contains("competitive  pr2          balancing-q"), table);
    }

    /** The exact picture is the library's closed form, on games built here independently. */
    @Test
    void exactPictureEqualsTheLibrarySolvers() {
        double[][] r = ThesisMatrixGame.payoff();
        double[][] negT = new double[3][3];
        double[][] t = new double[3][3];
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                t[b][a] = r[a][b];
                negT[b][a] = -r[a][b];
            }
        }
        Game coopRow = Game.matrix("row", r, null, Game.Sum.COMMON);
        Game coopCol = Game.matrix("col", t, null, Game.Sum.COMMON);
        Game compRow = Game.matrix("row", r, null, Game.Sum.ZERO);
        Game compCol = Game.matrix("col", negT, null, Game.Sum.ZERO);
        double[] betas = {0.01, 0.3, 1.0, 5.0, 100.0};
        List<Pairing> ps = ThesisMatrixGame.pairings();
        for (int p = 0; p < ps.size(); p++) {
            Pairing pr = ps.get(p);
            boolean coop = pr.setting() == Setting.COOPERATIVE;
            ExactPicture.Curve row = ExactPicture.curve(r, pr.setting(), pr.agent(), false, betas);
            ExactPicture.Curve col = ExactPicture.curve(r, pr.setting(), pr.opponent(), true, betas);
            for (int k = 0; k < betas.length; k++) {
                double beta = betas[k];
                Solution sr = solve(pr.agent().kind(), coop ? coopRow : compRow, beta);
                Solution sc = solve(pr.opponent().kind(), coop ? coopCol : compCol, beta);
                assertArrayEquals(agent(sr), row.policy()[k], 0.0, pr.id() + " row at beta " + beta);
                assertArrayEquals(opponent(sr), row.model()[k], 0.0, pr.id() + " row model at beta " + beta);
                assertArrayEquals(agent(sc), col.policy()[k], 0.0, pr.id() + " column at beta " + beta);
            }
        }
        // the limits the learning approaches: beta = 100 is greedy to 1e-12
        ExactPicture.Curve bq = ExactPicture.curve(r, Setting.COMPETITIVE, PlayerSpec.balancingQ(0.1, -0.1), false,
                new double[] {100.0});
        assertEquals(1.0, bq.policy()[0][0], 1e-12);
        ExactPicture.Curve pr2 = ExactPicture.curve(r, Setting.COMPETITIVE, PlayerSpec.pr2(0.1), false, new double[] {100.0});
        assertEquals(1.0, pr2.policy()[0][2], 1e-12);
        double[] grid = ExactPicture.logGrid(0.01, 100.0, 40);
        assertEquals(40, grid.length);
        assertEquals(0.01, grid[0], 0.0);
        assertEquals(100.0, grid[39], 0.0);
        for (int k = 1; k < 40; k++) {
            assertEquals(Math.pow(10.0, 4.0 / 39.0), grid[k] / grid[k - 1], 1e-12);
        }
    }

    private static Solution solve(AgentKind kind, Game g, double beta) {
        switch (kind) {
            case ROMMEO:
                return Rommeo.solve(g, RunConfig.builder().beta(beta).build());
            case PR2:
                return Pr2.solve(g, RunConfig.builder().beta(beta).build());
            default:
                return BalancingQ.solve(g, RunConfig.builder().beta(beta).betaOpponent(-beta).build());
        }
    }

    private static double[] agent(Solution s) {
        return s.policy("agent").matrix()[0];
    }

    private static double[] opponent(Solution s) {
        return s.policy("opponent").matrix()[0];
    }
}
