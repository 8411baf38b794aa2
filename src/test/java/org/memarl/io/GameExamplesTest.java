package org.memarl.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.memarl.model.Game;

/** The bundled game examples of {@code examples/} are the games of the literature, payoffs compared to literal arrays. */
class GameExamplesTest {

    static Game example(String name) {
        Game g = GameReader.readGame(Path.of("examples", name + ".json"));
        assertEquals(name, g.name());
        GameRoundTripTest.roundTrip(g);
        return g;
    }

    /** A one-shot game with the given agent payoff R[a][b] and opponent payoff. */
    static void assertMatrixGame(Game g, List<String> agent, List<String> opponent, Game.Sum sum, double[][] r, double[][] o) {
        assertTrue(g.isMatrixGame());
        assertEquals(1, g.numStates());
        assertEquals(0.0, g.gamma(), 0.0);
        assertEquals(agent, g.agentActionNames());
        assertEquals(opponent, g.opponentActionNames());
        assertEquals(sum, g.sum());
        for (int a = 0; a < r.length; a++) {
            for (int b = 0; b < r[a].length; b++) {
                assertEquals(r[a][b], g.rewardAgent(0, a, b), 0.0, "agent payoff [" + a + "][" + b + "]");
                assertEquals(o[a][b], g.rewardOpponent(0, a, b), 0.0, "opponent payoff [" + a + "][" + b + "]");
                assertEquals(1.0, g.transitions().get(g.row(0, a, b), 0), 0.0);
            }
        }
        assertEquals(r.length * r[0].length, g.rewardsAgentFlat().length);
        assertArrayEquals(new boolean[] {false, false, false, false}, g.priorsGiven());
    }

    static double[][] negate(double[][] r) {
        double[][] o = new double[r.length][];
        for (int a = 0; a < r.length; a++) {
            o[a] = new double[r[a].length];
            for (int b = 0; b < r[a].length; b++) {
                o[a][b] = -r[a][b];
            }
        }
        return o;
    }

    private static final double[][] THESIS_3_1 = {{2, 3, 3}, {1, 4, 0}, {1, 0, 10}};
    private static final List<String> A123 = List.of("a1", "a2", "a3");
    private static final List<String> B123 = List.of("b1", "b2", "b3");
    private static final List<String> ABC = List.of("a", "b", "c");

    @Test
    void thesisPayoff31Cooperative() {
        assertMatrixGame(example("thesis-3-1-cooperative"), A123, B123, Game.Sum.COMMON, THESIS_3_1, THESIS_3_1);
    }

    @Test
    void thesisPayoff31ZeroSum() {
        assertMatrixGame(example("thesis-3-1-zero-sum"), A123, B123, Game.Sum.ZERO, THESIS_3_1,
                new double[][] {{-2, -3, -3}, {-1, -4, 0}, {-1, 0, -10}});
    }

    @Test
    void climbing() {
        double[][] r = {{11, -30, 0}, {-30, 7, 6}, {0, 0, 5}};
        assertMatrixGame(example("climbing"), ABC, ABC, Game.Sum.COMMON, r, r);
    }

    @Test
    void penalty() {
        double k = -10;
        double[][] r = {{10, 0, k}, {0, 2, 0}, {k, 0, 10}};
        assertMatrixGame(example("penalty"), ABC, ABC, Game.Sum.COMMON, r, r);
    }

    @Test
    void matchingPennies() {
        double[][] r = {{1, -1}, {-1, 1}};
        List<String> ht = List.of("heads", "tails");
        assertMatrixGame(example("matching-pennies"), ht, ht, Game.Sum.ZERO, r, negate(r));
    }

    @Test
    void rockPaperScissors() {
        double[][] r = {{0, -1, 1}, {1, 0, -1}, {-1, 1, 0}};
        List<String> rps = List.of("rock", "paper", "scissors");
        assertMatrixGame(example("rock-paper-scissors"), rps, rps, Game.Sum.ZERO, r, negate(r));
    }

    @Test
    void prisonersDilemma() {
        List<String> cd = List.of("cooperate", "defect");
        assertMatrixGame(example("prisoners-dilemma"), cd, cd, Game.Sum.GENERAL, new double[][] {{-1, -3}, {0, -2}},
                new double[][] {{-1, 0}, {-3, -2}});
    }

    @Test
    void pursuit3State() {
        Game g = example("pursuit-3-state");
        assertTrue(!g.isMatrixGame());
        assertEquals(List.of("far", "near", "adjacent"), g.stateNames());
        assertEquals(List.of("advance", "hold"), g.agentActionNames());
        assertEquals(List.of("flee", "hide"), g.opponentActionNames());
        assertEquals(0.9, g.gamma(), 0.0);
        assertEquals(Game.Sum.ZERO, g.sum());
        assertTrue(g.transitions().isSparse());
        double[][][] r = {{{-0.1, -0.1}, {0, 0}}, {{-0.1, -0.1}, {0, 0}}, {{0, 2}, {1, -1}}};
        // T[s][a][b][s'] in the order far, near, adjacent
        double[][][][] t = {
            {{{0.6, 0.4, 0}, {0.2, 0.8, 0}}, {{1, 0, 0}, {0.7, 0.3, 0}}},
            {{{0.2, 0.5, 0.3}, {0, 0.3, 0.7}}, {{0.6, 0.4, 0}, {0, 0.8, 0.2}}},
            {{{0.5, 0.5, 0}, {1, 0, 0}}, {{1, 0, 0}, {0, 0.4, 0.6}}}};
        for (int s = 0; s < 3; s++) {
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    assertEquals(r[s][a][b], g.rewardAgent(s, a, b), 0.0);
                    assertEquals(-r[s][a][b], g.rewardOpponent(s, a, b), 0.0);
                    for (int s2 = 0; s2 < 3; s2++) {
                        assertEquals(t[s][a][b][s2], g.transitions().get(g.row(s, a, b), s2), 0.0,
                                "T[" + s + "][" + a + "][" + b + "][" + s2 + "]");
                    }
                }
            }
        }
        assertArrayEquals(new boolean[] {false, false, false, false}, g.priorsGiven());
    }

    @Test
    void coordinationOptions() {
        Game g = GameReader.readGame(Path.of("examples/coordination-options.json"));
        assertEquals(Game.Sum.COMMON, g.sum());
        assertEquals(1, g.numStates());
        assertEquals(List.of("go-left", "go-right"), g.agentOptions().names());
        assertEquals(0.9, g.agentOptions().actionPrior(0, 0, 0), 0.0);
        assertEquals(0.9, g.opponentOptions().actionPrior(1, 0, 1), 0.0);
        assertEquals(0.1, g.opponentOptions().termination(0, 0), 0.0);
        assertEquals(0.5, g.agentOptions().master(0, 1), 0.0);
        assertEquals(1.0, g.rewardAgent(0, 1, 1), 0.0);
        assertEquals(0.0, g.rewardOpponent(0, 0, 1), 0.0);
    }

    @Test
    void everyGameExampleIsCoveredHere() throws Exception {
        TreeSet<String> games;
        try (Stream<Path> s = Files.list(Path.of("examples"))) {
            games = s.filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> Models.read(p) instanceof Models.GameModel)
                    .map(p -> p.getFileName().toString().replace(".json", ""))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(new TreeSet<>(List.of("climbing", "coordination-options", "matching-pennies", "penalty",
                "prisoners-dilemma", "pursuit-3-state",
                "rock-paper-scissors", "thesis-3-1-cooperative", "thesis-3-1-zero-sum")), games);
    }
}
