package org.memarl.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memarl.io.TestGames.remove;
import static org.memarl.io.TestGames.set;
import static org.memarl.io.TestGames.tree;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.memarl.InvalidModelException;
import org.memarl.model.Game;

/** {@link GameReader}: what is read from {@code kind: "game"} and {@code "matrix-game"}, and every one-line error. */
class GameReaderTest {

    static Game read(JsonNode n) {
        return GameReader.readGame(Json.bytes(n), "game.json");
    }

    static Game read(String text) {
        return GameReader.readGame(text.getBytes(StandardCharsets.UTF_8), "game.json");
    }

    static String error(JsonNode n) {
        return error(new String(Json.bytes(n), StandardCharsets.UTF_8));
    }

    static String error(String text) {
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> read(text));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    static void assertStarts(String prefix, String message) {
        assertTrue(message.startsWith(prefix), () -> "expected <" + prefix + "...>, got <" + message + ">");
    }

    static double[] flat(double[][][] x) {
        return java.util.Arrays.stream(x).flatMap(java.util.Arrays::stream).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    @Nested
    class WhatIsRead {
        @Test
        void denseGeneralSumGameWithAllPriors() {
            Game g = read(TestGames.DENSE);
            assertEquals("dense-game", g.name());
            assertFalse(g.isMatrixGame());
            assertEquals(List.of("s0", "s1"), g.stateNames());
            assertEquals(List.of("up", "down"), g.agentActionNames());
            assertEquals(List.of("left", "mid", "right"), g.opponentActionNames());
            assertEquals(0.9, g.gamma(), 0.0);
            assertEquals(0, g.horizon());
            assertArrayEquals(new double[] {0.25, 0.75}, g.initial(), 0.0);
            assertFalse(g.transitions().isSparse());
            assertEquals(0.7, g.transitions().get(g.row(0, 1, 1), 1), 0.0);
            assertEquals(0.9, g.transitions().get(g.row(1, 0, 1), 0), 0.0);
            assertEquals(Game.Sum.GENERAL, g.sum());
            assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, -1, -2, -3, -4, -5, -6}, g.rewardsAgentFlat(), 0.0);
            assertArrayEquals(new double[] {0.5, 0, 0, 0, 0.5, 0, 0, 0, 0.5, 1, 1, 1}, g.rewardsOpponentFlat(), 0.0);
            assertArrayEquals(new boolean[] {true, true, true, true}, g.priorsGiven());
            assertArrayEquals(new double[] {0.5, 0.5, 0.25, 0.75}, g.priorAgentFlat(), 0.0);
            assertArrayEquals(new double[] {0.2, 0.4, 0.4, 1, 0, 0}, g.priorOpponentFlat(), 0.0);
            assertArrayEquals(new double[] {0.2, 0.2, 0.6, 0.2, 0.6, 0.2, 1, 0, 0, 1, 0, 0}, g.opponentGivenAgentFlat(), 0.0);
            assertArrayEquals(new double[] {0.5, 0.5, 0.25, 0.75, 0.75, 0.25, 0.25, 0.75, 0.2, 0.8, 1, 0},
                    g.agentGivenOpponentFlat(), 0.0);
        }

        @Test
        void sparseZeroSumGameResolvesNamesAndIndices() {
            Game g = read(TestGames.SPARSE);
            assertEquals("", g.name());
            assertEquals(List.of("0", "1"), g.agentActionNames());
            assertTrue(g.transitions().isSparse());
            assertEquals(1.0, g.transitions().get(g.row(0, 0, 0), 1), 0.0); // ["a", 0, "x", "b", 1.0]
            assertEquals(0.25, g.transitions().get(g.row(0, 1, 1), 2), 0.0); // ["a", 1, "y", 2, 0.25]
            assertEquals(0.75, g.transitions().get(g.row(0, 1, 1), 0), 0.0); // [0, 1, 1, "a", 0.75]
            assertEquals(0.5, g.transitions().get(g.row(2, 1, 0), 1), 0.0);
            assertEquals(1.0, g.transitions().get(g.row(2, 1, 1), 2), 0.0); // ["c", "1", "y", "c", 1.0]: "1" by name
            assertEquals(Game.Sum.ZERO, g.sum());
            assertEquals(2.0, g.rewardAgent(0, 1, 1), 0.0);
            assertEquals(-2.0, g.rewardOpponent(0, 1, 1), 0.0);
            assertEquals(3.0, g.rewardOpponent(2, 1, 1), 0.0);
            assertArrayEquals(new boolean[] {false, false, false, false}, g.priorsGiven());
            assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0.5, 0.5, 0.5}, g.priorAgentFlat(), 0.0);
            assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, g.initial(), 0.0);
        }

        @Test
        void commonPayoffGivesBothTheSameRewards() {
            Game g = read(set(tree(TestGames.SPARSE), "/sum", "\"common\""));
            assertEquals(Game.Sum.COMMON, g.sum());
            assertArrayEquals(g.rewardsAgentFlat(), g.rewardsOpponentFlat(), 0.0);
        }

        @Test
        void explicitGeneralSumIsAccepted() {
            assertEquals(Game.Sum.GENERAL, read(set(tree(TestGames.DENSE), "/sum", "\"general\"")).sum());
        }

        @Test
        void somePriorsOnly() {
            var t = tree(TestGames.DENSE);
            remove(t, "/prior/agent");
            remove(t, "/prior/agentGivenOpponent");
            Game g = read(t);
            assertArrayEquals(new boolean[] {false, true, true, false}, g.priorsGiven());
            // the missing conditional defaults to the (default uniform) marginal
            assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5},
                    g.agentGivenOpponentFlat(), 0.0);
        }

        @Test
        void horizonAndCounts() {
            var t = tree(TestGames.DENSE);
            set(t, "/horizon", "4");
            set(t, "/states", "2");
            set(t, "/actions/opponent", "3");
            Game g = read(t);
            assertEquals(4, g.horizon());
            assertEquals(List.of("0", "1"), g.stateNames());
            assertEquals(List.of("0", "1", "2"), g.opponentActionNames());
        }

        @Test
        void matrixGame() {
            Game g = read(TestGames.MATRIX);
            assertTrue(g.isMatrixGame());
            assertEquals("mg", g.name());
            assertEquals(1, g.numStates());
            assertEquals(0.0, g.gamma(), 0.0);
            assertEquals(0, g.horizon());
            assertEquals(List.of("u", "d"), g.agentActionNames());
            assertEquals(List.of("l", "c", "r"), g.opponentActionNames());
            assertEquals(Game.Sum.GENERAL, g.sum());
            assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, g.rewardsAgentFlat(), 0.0);
            assertArrayEquals(new double[] {6, 5, 4, 3, 2, 1}, g.rewardsOpponentFlat(), 0.0);
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 3; b++) {
                    assertEquals(1.0, g.transitions().get(g.row(0, a, b), 0), 0.0);
                }
            }
            assertArrayEquals(new double[] {0.5, 0.5}, g.priorAgentFlat(), 0.0);
            assertArrayEquals(new double[] {0.5, 0.25, 0.25}, g.priorOpponentFlat(), 0.0);
            assertArrayEquals(new double[] {1, 0, 0, 0, 0.5, 0.5}, g.opponentGivenAgentFlat(), 0.0);
            assertArrayEquals(new double[] {1, 0, 0, 1, 0, 1}, g.agentGivenOpponentFlat(), 0.0);
            assertArrayEquals(new boolean[] {true, true, true, true}, g.priorsGiven());
        }

        @Test
        void matrixGameIsTheGameOfGameMatrix() {
            double[][] r = {{1, 2, 3}, {4, 5, 6}};
            double[][] o = {{6, 5, 4}, {3, 2, 1}};
            var t = tree(TestGames.MATRIX);
            remove(t, "/prior");
            set(t, "/actions", "{\"agent\": 2, \"opponent\": 3}");
            GameRoundTripTest.assertSameGame(Game.matrix("mg", r, o, Game.Sum.GENERAL), read(t));
            remove(t, "/payoffOpponent");
            set(t, "/sum", "\"zero\"");
            GameRoundTripTest.assertSameGame(Game.matrix("mg", r, null, Game.Sum.ZERO), read(t));
        }

        @Test
        void matrixGameWithoutActionsTakesTheCountsFromThePayoff() {
            String text = "{\"format\": \"memarl/1\", \"kind\": \"matrix-game\", \"payoff\": [[1, -1, 0], [-1, 1, 0]], \"sum\": \"zero\"}";
            Game g = read(text);
            assertEquals(List.of("0", "1"), g.agentActionNames());
            assertEquals(List.of("0", "1", "2"), g.opponentActionNames());
            assertArrayEquals(new double[] {-1, 1, 0, 1, -1, 0}, g.rewardsOpponentFlat(), 0.0);
            assertEquals("payoff[1]: 2 entries, expected 3 (one per opponent action)",
                    error(text.replace("[-1, 1, 0]", "[-1, 1]")));
            assertStarts("payoff: expected R[a][b] (one row per agent action), got an array of 0",
                    error(text.replace("[[1, -1, 0], [-1, 1, 0]]", "[]")));
            assertStarts("payoff[0]: expected a row of R[a][b]", error(text.replace("[[1, -1, 0], [-1, 1, 0]]", "[3]")));
        }
    }

    @Nested
    class KindsAndKeys {
        @Test
        void dispatchByKind() {
            assertStarts("kind: \"mdp\" is not a game", error(TestModels.DENSE));
            InvalidModelException e = assertThrows(InvalidModelException.class,
                    () -> ModelReader.readMdp(TestGames.DENSE.getBytes(StandardCharsets.UTF_8), "g"));
            assertStarts("kind: \"game\" is not an \"mdp\"", e.getMessage());
            assertEquals(Models.Kind.GAME, Models.read(TestGames.DENSE.getBytes(StandardCharsets.UTF_8), "g").kind());
            assertEquals(Models.Kind.MATRIX_GAME, Models.read(TestGames.MATRIX.getBytes(StandardCharsets.UTF_8), "g").kind());
            Models.Model m = Models.read(TestModels.DENSE.getBytes(StandardCharsets.UTF_8), "m");
            assertEquals(Models.Kind.MDP, m.kind());
            assertEquals("2", m.actionsLabel());
            assertStarts("kind: \"mdp\" where a \"game\" or \"matrix-game\" is expected",
                    assertThrows(InvalidModelException.class, m::asGame).getMessage());
            Models.Model g = Models.read(TestGames.DENSE.getBytes(StandardCharsets.UTF_8), "g");
            assertEquals("2x3", g.actionsLabel());
            assertEquals("dense-game", g.name());
            assertStarts("kind: \"game\" where an \"mdp\" is expected",
                    assertThrows(InvalidModelException.class, g::asMdp).getMessage());
            assertStarts("kind: \"smdp\" is not one of", error(set(tree(TestGames.DENSE), "/kind", "\"smdp\"")));
            assertStarts("format: missing", error(remove(tree(TestGames.DENSE), "/format")));
        }

        @Test
        void unknownKeysAreErrors() {
            assertEquals("payoff: unknown key (allowed: actions, format, gamma, horizon, initial, kind, name, options, prior, rewards,"
                    + " states, sum, transitions)", error(set(tree(TestGames.DENSE), "/payoff", "[[1]]")));
            assertEquals("actions.third: unknown key (allowed: agent, opponent)",
                    error(set(tree(TestGames.DENSE), "/actions/third", "2")));
            assertEquals("rewards.both: unknown key (allowed: agent, opponent)",
                    error(set(tree(TestGames.DENSE), "/rewards/both", "1")));
            assertEquals("prior.marginal: unknown key (allowed: agent, agentGivenOpponent, joint, opponent, opponentGivenAgent)",
                    error(set(tree(TestGames.DENSE), "/prior/marginal", "1")));
            assertEquals("transitions.dense: unknown key (allowed: sparse)",
                    error(set(tree(TestGames.SPARSE), "/transitions/dense", "1")));
        }

        @Test
        void requiredKeys() {
            for (String key : new String[] {"states", "actions", "gamma", "transitions", "rewards"}) {
                assertEquals(key + ": missing", error(remove(tree(TestGames.DENSE), "/" + key)), key);
            }
            assertEquals("actions.opponent: missing", error(remove(tree(TestGames.DENSE), "/actions/opponent")));
            assertEquals("actions.agent: missing", error(remove(tree(TestGames.DENSE), "/actions/agent")));
        }

        @Test
        void namesAndScalars() {
            assertStarts("actions: expected {\"agent\": m or names, \"opponent\": k or names}, got an array of 2",
                    error(set(tree(TestGames.DENSE), "/actions", "[\"up\", \"down\"]")));
            assertEquals("actions.agent[1]: duplicate name \"up\" (also at actions.agent[0])",
                    error(set(tree(TestGames.DENSE), "/actions/agent/1", "\"up\"")));
            assertEquals("actions.opponent: 0 is not a positive count", error(set(tree(TestGames.DENSE), "/actions/opponent", "0")));
            assertStarts("actions.opponent[0]: expected a non-empty name", error(set(tree(TestGames.DENSE), "/actions/opponent/0", "\"\"")));
            assertEquals("states[1]: duplicate name \"s0\" (also at states[0])", error(set(tree(TestGames.DENSE), "/states/1", "\"s0\"")));
            assertEquals("gamma: 1.5 is not in [0, 1]", error(set(tree(TestGames.DENSE), "/gamma", "1.5")));
            assertStarts("gamma: expected a number, got the string \"0.9\"", error(set(tree(TestGames.DENSE), "/gamma", "\"0.9\"")));
            assertEquals("horizon: 0 is not a positive integer", error(set(tree(TestGames.DENSE), "/horizon", "0")));
            assertEquals("horizon: 1.5 is not a positive integer", error(set(tree(TestGames.DENSE), "/horizon", "1.5")));
            assertStarts("name: expected a string", error(set(tree(TestGames.DENSE), "/name", "3")));
            assertEquals("initial: row sums to 0.5, expected 1 (tolerance 1e-9)",
                    error(set(tree(TestGames.DENSE), "/initial", "[0.25, 0.25]")));
            assertEquals("initial: 3 entries, expected 2 (one per state)",
                    error(set(tree(TestGames.DENSE), "/initial", "[0.25, 0.25, 0.5]")));
            assertEquals("initial[0]: probability -0.25 is not in [0, 1]",
                    error(set(tree(TestGames.DENSE), "/initial", "[-0.25, 1.25]")));
        }
    }

    @Nested
    class DenseTransitions {
        @Test
        void rowSums() {
            assertEquals("transitions[1][1][2]: row sums to 0.9, expected 1 (tolerance 1e-9)",
                    error(set(tree(TestGames.DENSE), "/transitions/1/1/2", "[0.8, 0.1]")));
            assertEquals("transitions[0][0][0]: row sums to 1.1, expected 1 (tolerance 1e-9)",
                    error(set(tree(TestGames.DENSE), "/transitions/0/0/0", "[1.0, 0.1]")));
        }

        @Test
        void probabilitiesInUnitInterval() {
            assertEquals("transitions[0][0][0][0]: probability 1.5 is not in [0, 1]",
                    error(set(tree(TestGames.DENSE), "/transitions/0/0/0", "[1.5, -0.5]")));
            assertEquals("transitions[1][0][1][1]: probability -0.5 is not in [0, 1]",
                    error(set(tree(TestGames.DENSE), "/transitions/1/0/1", "[1.0, -0.5]")));
        }

        @Test
        void shapesAtEveryLevel() {
            assertEquals("transitions: 1 entries, expected 2 (one per state)", error(remove(tree(TestGames.DENSE), "/transitions/1")));
            assertEquals("transitions[0]: 1 entries, expected 2 (one per agent action)",
                    error(remove(tree(TestGames.DENSE), "/transitions/0/1")));
            assertEquals("transitions[1][1]: 2 entries, expected 3 (one per opponent action)",
                    error(remove(tree(TestGames.DENSE), "/transitions/1/1/0")));
            assertEquals("transitions[1][0][2]: 3 entries, expected 2 (one per next state)",
                    error(set(tree(TestGames.DENSE), "/transitions/1/0/2", "[1, 0, 0]")));
            assertEquals("transitions[0][1]: expected an array of 3 entries (one per opponent action), got 5",
                    error(set(tree(TestGames.DENSE), "/transitions/0/1", "5")));
            assertStarts("transitions[0][1][2]: expected an array of 2 numbers (one per next state), got the string",
                    error(set(tree(TestGames.DENSE), "/transitions/0/1/2", "\"x\"")));
            assertEquals("transitions[0][1][2][1]: expected a number, got the string \"0.6\"",
                    error(set(tree(TestGames.DENSE), "/transitions/0/1/2/1", "\"0.6\"")));
            assertStarts("transitions: expected T[s][a][b][s'] or {\"sparse\": [[s, a, b, s', p], ...]}, got 1",
                    error(set(tree(TestGames.DENSE), "/transitions", "1")));
        }

        @Test
        void nonFiniteNumbers() {
            assertEquals("transitions[0][1][0][1]: NaN is not a finite number",
                    error(TestGames.DENSE.replace("[[0.2, 0.8], [0.3, 0.7]", "[[0.2, NaN], [0.3, 0.7]")));
            assertEquals("rewards.agent[0][1][0]: Infinity is not a finite number",
                    error(TestGames.DENSE.replace("[4, 5, 6]", "[Infinity, 5, 6]")));
        }
    }

    @Nested
    class SparseTransitions {
        @Test
        void missingRow() {
            assertEquals("transitions[2][1][1]: missing sparse row (no entries)", error(remove(tree(TestGames.SPARSE), "/transitions/sparse/13")));
            assertEquals("transitions[0][0][0]: missing sparse row (no entries)", error(remove(tree(TestGames.SPARSE), "/transitions/sparse/0")));
        }

        @Test
        void duplicates() {
            assertEquals("transitions.sparse[14]: duplicate entry for transitions[1][0][0][1] (also at transitions.sparse[5])",
                    error(set(tree(TestGames.SPARSE), "/transitions/sparse/14", "[1, \"0\", 0, \"b\", 1.0]")));
        }

        @Test
        void rowSumsAndProbabilities() {
            assertEquals("transitions[0][1][1]: row sums to 0.95, expected 1 (tolerance 1e-9)",
                    error(set(tree(TestGames.SPARSE), "/transitions/sparse/3", "[\"a\", 1, \"y\", 2, 0.2]")));
            assertEquals("transitions.sparse[0]: probability 1.5 of transitions[0][0][0][1] is not in [0, 1]",
                    error(set(tree(TestGames.SPARSE), "/transitions/sparse/0", "[\"a\", 0, \"x\", \"b\", 1.5]")));
            assertEquals("transitions.sparse[0][4]: expected a number, got the string \"1\"",
                    error(set(tree(TestGames.SPARSE), "/transitions/sparse/0", "[\"a\", 0, \"x\", \"b\", \"1\"]")));
        }

        @Test
        void indicesAndNames() {
            assertEquals("transitions.sparse[2][0]: state index 3 is out of range [0, 3)",
                    error(set(tree(TestGames.SPARSE), "/transitions/sparse/2", "[3, 1, \"x\", \"c\", 1.0]")));
            assertEquals("transitions.sparse[2][1]: agent action index 2 is out of range [0, 2)",
                    error(set(tree(TestGames.SPARSE), "/transitions/sparse/2", "[\"a\", 2, \"x\", \"c\", 1.0]")));
            assertEquals("transitions.sparse[2][2]: opponent action index -1 is out of range [0, 2)",
                    error(set(tree(TestGames.SPARSE), "/transitions/sparse/2", "[\"a\", 1, -1, \"c\", 1.0]")));
            assertEquals("transitions.sparse[2][3]: state index 7 is out of range [0, 3)",
                    error(set(tree(TestGames.SPARSE), "/transitions/sparse/2", "[\"a\", 1, \"x\", 7, 1.0]")));
            assertEquals("transitions.sparse[2][0]: unknown state name \"d\"",
                    error(set(tree(TestGames.SPARSE), "/transitions/sparse/2", "[\"d\", 1, \"x\", \"c\", 1.0]")));
            assertEquals("transitions.sparse[2][1]: unknown agent action name \"up\"",
                    error(set(tree(TestGames.SPARSE), "/transitions/sparse/2", "[\"a\", \"up\", \"x\", \"c\", 1.0]")));
            assertEquals("transitions.sparse[2][2]: unknown opponent action name \"z\"",
                    error(set(tree(TestGames.SPARSE), "/transitions/sparse/2", "[\"a\", 1, \"z\", \"c\", 1.0]")));
            assertEquals("transitions.sparse[2][3]: unknown state name \"C\"",
                    error(set(tree(TestGames.SPARSE), "/transitions/sparse/2", "[\"a\", 1, \"x\", \"C\", 1.0]")));
            assertStarts("transitions.sparse[2][2]: expected an opponent action index or name, got 0.5",
                    error(set(tree(TestGames.SPARSE), "/transitions/sparse/2", "[\"a\", 1, 0.5, \"c\", 1.0]")));
        }

        @Test
        void entryShape() {
            assertEquals("transitions.sparse[0]: expected [s, a, b, s', p], got an array of 4",
                    error(set(tree(TestGames.SPARSE), "/transitions/sparse/0", "[\"a\", 0, \"b\", 1.0]")));
            assertEquals("transitions.sparse[0]: expected [s, a, b, s', p], got an object",
                    error(set(tree(TestGames.SPARSE), "/transitions/sparse/0", "{}")));
            assertStarts("transitions.sparse: expected an array of [s, a, b, s', p] entries, got nothing",
                    error(set(tree(TestGames.SPARSE), "/transitions", "{}")));
            assertStarts("transitions.sparse: expected an array of [s, a, b, s', p] entries, got an object",
                    error(set(tree(TestGames.SPARSE), "/transitions/sparse", "{}")));
        }
    }

    @Nested
    class Rewards {
        @Test
        void generalSumNeedsBothPlayers() {
            assertStarts("rewards.opponent: missing (general-sum rewards need both players' R[s][a][b]",
                    error(remove(tree(TestGames.DENSE), "/rewards/opponent")));
            assertEquals("rewards.agent: missing", error(remove(tree(TestGames.DENSE), "/rewards/agent")));
        }

        @Test
        void sumValues() {
            assertEquals("sum: \"negative\" is not one of \"zero\", \"common\", \"general\"",
                    error(set(tree(TestGames.SPARSE), "/sum", "\"negative\"")));
            assertEquals("sum: 0 is not one of \"zero\", \"common\", \"general\"", error(set(tree(TestGames.SPARSE), "/sum", "0")));
            assertStarts("sum: missing; rewards given as one R[s][a][b] need \"sum\": \"zero\"",
                    error(remove(tree(TestGames.SPARSE), "/sum")));
            assertStarts("sum: \"general\" needs rewards {\"agent\": R[s][a][b], \"opponent\": R[s][a][b]}, got one array",
                    error(set(tree(TestGames.SPARSE), "/sum", "\"general\"")));
            assertStarts("sum: \"zero\" contradicts separate rewards.agent and rewards.opponent",
                    error(set(tree(TestGames.DENSE), "/sum", "\"zero\"")));
            assertStarts("sum: \"common\" contradicts separate rewards.agent and rewards.opponent",
                    error(set(tree(TestGames.DENSE), "/sum", "\"common\"")));
            assertStarts("rewards: expected R[s][a][b] together with \"sum\"", error(set(tree(TestGames.SPARSE), "/rewards", "2")));
        }

        @Test
        void shapesAtEveryLevel() {
            assertEquals("rewards: 2 entries, expected 3 (one per state)", error(remove(tree(TestGames.SPARSE), "/rewards/2")));
            assertEquals("rewards[1]: 1 entries, expected 2 (one per agent action)", error(remove(tree(TestGames.SPARSE), "/rewards/1/1")));
            assertEquals("rewards[2][0]: 3 entries, expected 2 (one per opponent action)",
                    error(set(tree(TestGames.SPARSE), "/rewards/2/0", "[1, 2, 3]")));
            assertEquals("rewards.agent[1][0]: 2 entries, expected 3 (one per opponent action)",
                    error(set(tree(TestGames.DENSE), "/rewards/agent/1/0", "[1, 2]")));
            assertEquals("rewards.opponent: 3 entries, expected 2 (one per state)",
                    error(set(tree(TestGames.DENSE), "/rewards/opponent/2", "[[0, 0, 0], [0, 0, 0]]")));
            assertEquals("rewards.opponent[0][1][2]: expected a number, got the string \"a\"",
                    error(set(tree(TestGames.DENSE), "/rewards/opponent/0/1/2", "\"a\"")));
            assertEquals("rewards.agent[0]: expected an array of 2 entries (one per agent action), got an object",
                    error(set(tree(TestGames.DENSE), "/rewards/agent/0", "{}")));
        }
    }

    @Nested
    class Priors {
        @Test
        void conditionalRowsSumToOne() {
            assertEquals("prior.opponentGivenAgent[1][1]: row sums to 0.9, expected 1 (tolerance 1e-9)",
                    error(set(tree(TestGames.DENSE), "/prior/opponentGivenAgent/1/1", "[0, 0.5, 0.4]")));
            assertEquals("prior.agentGivenOpponent[0][2]: row sums to 1.5, expected 1 (tolerance 1e-9)",
                    error(set(tree(TestGames.DENSE), "/prior/agentGivenOpponent/0/2", "[0.5, 1]")));
            assertEquals("prior.agentGivenOpponent[1][0][0]: probability 1.1 is not in [0, 1]",
                    error(set(tree(TestGames.DENSE), "/prior/agentGivenOpponent/1/0", "[1.1, -0.1]")));
        }

        @Test
        void marginalRows() {
            assertEquals("prior.agent[1]: row sums to 0.5, expected 1 (tolerance 1e-9)",
                    error(set(tree(TestGames.DENSE), "/prior/agent/1", "[0.25, 0.25]")));
            assertEquals("prior.opponent[0][2]: probability -0.5 is not in [0, 1]",
                    error(set(tree(TestGames.DENSE), "/prior/opponent/0", "[0.75, 0.75, -0.5]")));
        }

        @Test
        void shapes() {
            assertEquals("prior.agentGivenOpponent[0]: 2 entries, expected 3 (one per opponent action)",
                    error(remove(tree(TestGames.DENSE), "/prior/agentGivenOpponent/0/2")));
            assertEquals("prior.opponentGivenAgent[0][1]: 2 entries, expected 3 (one per opponent action)",
                    error(set(tree(TestGames.DENSE), "/prior/opponentGivenAgent/0/1", "[0.5, 0.5]")));
            assertEquals("prior.agentGivenOpponent[1][2]: 3 entries, expected 2 (one per agent action)",
                    error(set(tree(TestGames.DENSE), "/prior/agentGivenOpponent/1/2", "[0.5, 0.5, 0]")));
            assertEquals("prior.opponent: 1 entries, expected 2 (one per state)", error(remove(tree(TestGames.DENSE), "/prior/opponent/1")));
            assertEquals("prior.agent[0]: 3 entries, expected 2 (one per agent action)",
                    error(set(tree(TestGames.DENSE), "/prior/agent/0", "[0.5, 0.5, 0]")));
            assertStarts("prior: expected {\"agent\": ..., \"opponent\": ...", error(set(tree(TestGames.DENSE), "/prior", "[[0.5, 0.5]]")));
        }
    }

    @Nested
    class MatrixGameKeys {
        @Test
        void keysOfTheStochasticGameAreRejectedWithAReason() {
            assertEquals("gamma: not used by kind \"matrix-game\" (a matrix-game is one-shot and has no discount; remove it,"
                    + " or use kind \"game\" for a repeated game)", error(set(tree(TestGames.MATRIX), "/gamma", "0.9")));
            assertEquals("gamma: not used by kind \"matrix-game\" (a matrix-game is one-shot and has no discount; remove it,"
                    + " or use kind \"game\" for a repeated game)", error(set(tree(TestGames.MATRIX), "/gamma", "0")));
            for (String key : new String[] {"horizon", "states", "initial", "transitions", "rewards"}) {
                assertStarts(key + ": not used by kind \"matrix-game\" (", error(set(tree(TestGames.MATRIX), "/" + key, "1")));
            }
            assertStarts("rewards: not used by kind \"matrix-game\" (a matrix-game gives the agent's R[a][b] as \"payoff\"",
                    error(set(tree(TestGames.MATRIX), "/rewards", "1")));
            assertEquals("payof: unknown key (allowed: actions, format, kind, name, payoff, payoffOpponent, prior, sum)",
                    error(set(tree(TestGames.MATRIX), "/payof", "1")));
            assertEquals("payoff: missing", error(remove(tree(TestGames.MATRIX), "/payoff")));
        }

        @Test
        void payoffShapes() {
            assertEquals("payoff: 3 entries, expected 2 (one per agent action)",
                    error(set(tree(TestGames.MATRIX), "/payoff/2", "[7, 8, 9]")));
            assertEquals("payoff[1]: 2 entries, expected 3 (one per opponent action)", error(remove(tree(TestGames.MATRIX), "/payoff/1/2")));
            assertEquals("payoffOpponent[0]: 4 entries, expected 3 (one per opponent action)",
                    error(set(tree(TestGames.MATRIX), "/payoffOpponent/0/3", "1")));
            assertEquals("payoff[0][1]: expected a number, got the string \"2\"", error(set(tree(TestGames.MATRIX), "/payoff/0/1", "\"2\"")));
            assertEquals("payoff: expected an array of 2 entries (one per agent action), got an object",
                    error(set(tree(TestGames.MATRIX), "/payoff", "{}")));
        }

        @Test
        void sumAndOpponentPayoff() {
            assertStarts("sum: \"zero\" contradicts \"payoffOpponent\"", error(set(tree(TestGames.MATRIX), "/sum", "\"zero\"")));
            assertStarts("sum: \"common\" contradicts \"payoffOpponent\"", error(set(tree(TestGames.MATRIX), "/sum", "\"common\"")));
            assertEquals(Game.Sum.GENERAL, read(set(tree(TestGames.MATRIX), "/sum", "\"general\"")).sum());
            assertStarts("sum: missing; a matrix-game needs \"payoffOpponent\": R[a][b] or \"sum\"",
                    error(remove(tree(TestGames.MATRIX), "/payoffOpponent")));
            var t = remove(tree(TestGames.MATRIX), "/payoffOpponent");
            assertStarts("payoffOpponent: missing (\"sum\": \"general\" needs the opponent's R[a][b])",
                    error(set(t, "/sum", "\"general\"")));
            assertStarts("sum: \"draw\" is not one of", error(set(t, "/sum", "\"draw\"")));
            Game common = read(set(t, "/sum", "\"common\""));
            assertEquals(Game.Sum.COMMON, common.sum());
            assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, common.rewardsOpponentFlat(), 0.0);
        }

        @Test
        void priorsWithoutStateIndex() {
            assertEquals("prior.agent: row sums to 0.9, expected 1 (tolerance 1e-9)",
                    error(set(tree(TestGames.MATRIX), "/prior/agent", "[0.3, 0.6]")));
            assertEquals("prior.agent: 3 entries, expected 2 (one per agent action)",
                    error(set(tree(TestGames.MATRIX), "/prior/agent", "[0.3, 0.6, 0.1]")));
            assertEquals("prior.opponent[1]: probability -0.3 is not in [0, 1]",
                    error(set(tree(TestGames.MATRIX), "/prior/opponent", "[0.8, -0.3, 0.5]")));
            assertEquals("prior.opponentGivenAgent[1]: row sums to 0.75, expected 1 (tolerance 1e-9)",
                    error(set(tree(TestGames.MATRIX), "/prior/opponentGivenAgent/1", "[0.5, 0.25, 0]")));
            assertEquals("prior.agentGivenOpponent: 2 entries, expected 3 (one per opponent action)",
                    error(remove(tree(TestGames.MATRIX), "/prior/agentGivenOpponent/2")));
            assertEquals("prior.agentGivenOpponent[2]: 3 entries, expected 2 (one per agent action)",
                    error(set(tree(TestGames.MATRIX), "/prior/agentGivenOpponent/2", "[0.5, 0.5, 0]")));
            assertEquals("prior.agentGivenOpponent[0][0]: probability -0.5 is not in [0, 1]",
                    error(set(tree(TestGames.MATRIX), "/prior/agentGivenOpponent/0", "[-0.5, 1.5]")));
            assertStarts("prior.state: unknown key", error(set(tree(TestGames.MATRIX), "/prior/state", "1")));
            // a state-indexed prior (the shape of kind "game") is a shape error
            assertStarts("prior.agent[0]: expected a number, got an array of 2",
                    error(set(tree(TestGames.MATRIX), "/prior/agent", "[[0.4, 0.6], [0.5, 0.5]]")));
        }

        @Test
        void actionsOfAMatrixGame() {
            assertEquals("actions.agent[1]: duplicate name \"u\" (also at actions.agent[0])",
                    error(set(tree(TestGames.MATRIX), "/actions/agent/1", "\"u\"")));
            assertEquals("payoff: 2 entries, expected 3 (one per agent action)",
                    error(set(tree(TestGames.MATRIX), "/actions/agent", "3")));
        }
    }
}
