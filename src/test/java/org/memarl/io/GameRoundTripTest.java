package org.memarl.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.data.DMatrixSparseTriplet;
import org.ejml.ops.DConvertMatrixStruct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.memarl.ledger.RandomGames;
import org.memarl.model.Game;
import org.memarl.model.TransitionMatrix;

/** {@link GameWriter} then {@link GameReader} gives back the identical game, every number bit for bit. */
class GameRoundTripTest {

    static void assertBits(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]),
                    what + "[" + i + "]: " + expected[i] + " vs " + actual[i]);
        }
    }

    /** Every field of the two games is the same, numbers bit for bit, and the transitions have the same storage. */
    static void assertSameGame(Game e, Game a) {
        assertEquals(e.name(), a.name(), "name");
        assertEquals(e.isMatrixGame(), a.isMatrixGame(), "matrix game");
        assertEquals(e.stateNames(), a.stateNames(), "states");
        assertEquals(e.agentActionNames(), a.agentActionNames(), "agent actions");
        assertEquals(e.opponentActionNames(), a.opponentActionNames(), "opponent actions");
        assertBits(new double[] {e.gamma()}, new double[] {a.gamma()}, "gamma");
        assertEquals(e.horizon(), a.horizon(), "horizon");
        assertBits(e.initial(), a.initial(), "initial");
        assertEquals(e.sum(), a.sum(), "sum");
        assertBits(e.rewardsAgentFlat(), a.rewardsAgentFlat(), "rewards agent");
        assertBits(e.rewardsOpponentFlat(), a.rewardsOpponentFlat(), "rewards opponent");
        assertArrayEquals(e.priorsGiven(), a.priorsGiven(), "priors given");
        assertBits(e.priorAgentFlat(), a.priorAgentFlat(), "prior agent");
        assertBits(e.priorOpponentFlat(), a.priorOpponentFlat(), "prior opponent");
        assertBits(e.opponentGivenAgentFlat(), a.opponentGivenAgentFlat(), "opponentGivenAgent");
        assertBits(e.agentGivenOpponentFlat(), a.agentGivenOpponentFlat(), "agentGivenOpponent");
        TransitionMatrix te = e.transitions();
        TransitionMatrix ta = a.transitions();
        assertEquals(te.isSparse(), ta.isSparse(), "sparse");
        assertEquals(te.rows(), ta.rows());
        assertEquals(te.columns(), ta.columns());
        assertEquals(te.nonzeros(), ta.nonzeros(), "stored entries");
        for (int r = 0; r < te.rows(); r++) {
            assertEquals(te.rowEnd(r) - te.rowStart(r), ta.rowEnd(r) - ta.rowStart(r), "entries of row " + r);
            for (int c = 0; c < te.columns(); c++) {
                assertBits(new double[] {te.get(r, c)}, new double[] {ta.get(r, c)}, "transitions row " + r + " column " + c);
            }
        }
    }

    static Game roundTrip(Game g) {
        byte[] text = Json.bytes(GameWriter.toJson(g));
        Game back = GameReader.readGame(text, "round-trip");
        assertSameGame(g, back);
        assertArrayEquals(text, Json.bytes(GameWriter.toJson(back)), "writing the game read back gives the same text");
        Models.Model m = Models.read(text, "round-trip");
        assertSameGame(g, m.asGame());
        assertArrayEquals(text, Json.bytes(Models.toJson(m)));
        return back;
    }

    /** The same game with sparse transitions (zeros dropped). */
    static Game sparse(Game g) {
        TransitionMatrix t = g.transitions();
        DMatrixSparseTriplet trip = new DMatrixSparseTriplet(t.rows(), t.columns(), t.rows());
        for (int r = 0; r < t.rows(); r++) {
            for (int c = 0; c < t.columns(); c++) {
                if (t.get(r, c) != 0.0) {
                    trip.addItem(r, c, t.get(r, c));
                }
            }
        }
        int na = g.numAgentActions();
        int nb = g.numOpponentActions();
        TransitionMatrix s = TransitionMatrix.sparse(DConvertMatrixStruct.convert(trip, (DMatrixSparseCSC) null),
                "transitions", r -> "[" + (r / (na * nb)) + "][" + ((r / nb) % na) + "][" + (r % nb) + "]");
        return g.toBuilder().transitions(s).build();
    }

    /** Names that are not their indices, including index names in the wrong places ("1" at index 0). */
    static Game named(Game g) {
        List<String> s = new ArrayList<>();
        for (int i = 0; i < g.numStates(); i++) {
            s.add(Integer.toString(g.numStates() - 1 - i));
        }
        if (g.numStates() == 1) {
            s.set(0, "only state");
        }
        List<String> a = new ArrayList<>();
        for (int i = 0; i < g.numAgentActions(); i++) {
            a.add("act " + i + " \u00e9");
        }
        List<String> b = new ArrayList<>();
        for (int i = 0; i < g.numOpponentActions(); i++) {
            b.add(i == 0 ? "1" : "opp\"" + i);
        }
        return g.toBuilder().states(s).agentActions(a).opponentActions(b).name("named \"game\" \u00e9").build();
    }

    static Stream<Long> seeds() {
        return LongStream.rangeClosed(1, 120).boxed();
    }

    @ParameterizedTest(name = "random game seed {0}")
    @MethodSource("seeds")
    void randomGames(long seed) {
        Game g = seed % 5 == 0 ? RandomGames.consistentPriors(seed, 4) : RandomGames.game(seed, 4);
        roundTrip(g);
        roundTrip(sparse(g));
        roundTrip(named(g));
        roundTrip(named(sparse(g)));
        SplittableRandom rng = new SplittableRandom(seed);
        double[] init = new double[g.numStates()];
        double sum = 0;
        for (int i = 0; i < init.length; i++) {
            init[i] = rng.nextDouble();
            sum += init[i];
        }
        for (int i = 0; i < init.length; i++) {
            init[i] /= sum;
        }
        if (g.numStates() > 1) {
            roundTrip(g.toBuilder().initial(init).horizon(1 + rng.nextInt(9)).build());
        }
    }

    @Test
    void awkwardNumbers() {
        double third = 1.0 / 3.0;
        double[][][][] t = {{{{third, 1 - third}, {0.1 + 0.2, 1 - (0.1 + 0.2)}}}, {{{1.0, 0.0}, {Double.MIN_VALUE, 1.0}}}};
        double[][][] ra = {{{-0.0, 0.1 + 0.2}}, {{1e-300, -1e300}}};
        double[][][] ro = {{{0.0, Double.MIN_VALUE}}, {{-Double.MAX_VALUE, Math.PI}}};
        Game.Builder b = Game.builder().states(2).agentActions(1).opponentActions(2).gamma(Math.nextDown(1.0)).transitions(t);
        for (Game.Sum s : Game.Sum.values()) {
            b.sum(s).rewards(ra).rewardsOpponent(s == Game.Sum.GENERAL ? ro : null);
            Game g = b.build();
            roundTrip(g);
            roundTrip(sparse(g));
        }
        Game z = b.sum(Game.Sum.ZERO).rewardsOpponent(null).priorOpponent(new double[][] {{third, 1 - third}, {0.0, 1.0}}).build();
        assertEquals(0.0, z.rewardOpponent(0, 0, 0), 0.0);
        roundTrip(z);
    }

    @Test
    void matrixGames() {
        double[][] r = {{2, 3, 3}, {1, 4, 0}, {1, 0, 10}};
        for (Game.Sum s : Game.Sum.values()) {
            Game g = Game.matrix("m " + s.label(), r, s == Game.Sum.GENERAL ? new double[][] {{0.1, 0.2, 0.3}, {-1, -2, -3}, {7, 8, 9}} : null, s);
            Game back = roundTrip(g);
            assertTrue(back.isMatrixGame());
            JsonNode j = GameWriter.toJson(g);
            assertEquals("matrix-game", j.get("kind").asText());
            assertNull(j.get("gamma"), "a matrix-game has no gamma");
            assertNull(j.get("states"));
            assertNull(j.get("transitions"));
            assertNull(j.get("prior"));
            assertEquals(s == Game.Sum.GENERAL, j.has("payoffOpponent"));
            assertEquals(s != Game.Sum.GENERAL, j.has("sum"));
            // with priors, and with names
            Game p = g.toBuilder().agentActions(List.of("x", "y", "z")).priorAgent(new double[][] {{0.5, 0.25, 0.25}})
                    .agentGivenOpponent(new double[][][] {{{1, 0, 0}, {0, 1, 0}, {1.0 / 3, 1.0 / 3, 1 - 2.0 / 3}}}).build();
            roundTrip(p);
            JsonNode pj = GameWriter.toJson(p);
            assertEquals("[0.5,0.25,0.25]", pj.get("prior").get("agent").toString());
            assertFalse(pj.get("prior").has("opponent"));
            assertFalse(pj.get("prior").has("opponentGivenAgent"));
            assertEquals(3, pj.get("prior").get("agentGivenOpponent").size());
        }
    }

    @Test
    void aMatrixGameWithChangedGammaIsWrittenAsAOneStateGame() {
        Game g = Game.matrix("m", new double[][] {{1, -1}, {-1, 1}}, null, Game.Sum.ZERO).withGamma(0.5);
        JsonNode j = GameWriter.toJson(g);
        assertEquals("game", j.get("kind").asText());
        Game back = GameReader.readGame(Json.bytes(j), "x");
        assertFalse(back.isMatrixGame());
        assertEquals(0.5, back.gamma(), 0.0);
        assertBits(g.rewardsOpponentFlat(), back.rewardsOpponentFlat(), "rewards");
    }

    @Test
    void writtenForm() {
        Game g = GameReader.readGame(TestGames.SPARSE.getBytes(StandardCharsets.UTF_8), "sparse");
        JsonNode j = GameWriter.toJson(g);
        assertEquals("game", j.get("kind").asText());
        assertEquals("zero", j.get("sum").asText());
        assertTrue(j.get("rewards").isArray());
        assertEquals(2, j.get("actions").get("agent").asInt(), "index names are written as a count");
        assertEquals("[\"x\",\"y\"]", j.get("actions").get("opponent").toString());
        assertEquals("[\"a\",0,\"x\",\"b\",1.0]", j.get("transitions").get("sparse").get(0).toString(),
                "sparse entries use names where the list has names");
        assertNull(j.get("prior"));
        assertNull(j.get("initial"), "a uniform initial distribution is not written");
        assertNull(j.get("name"));
        Game d = GameReader.readGame(TestGames.DENSE.getBytes(StandardCharsets.UTF_8), "dense");
        JsonNode jd = GameWriter.toJson(d);
        assertTrue(jd.get("rewards").isObject());
        assertNull(jd.get("sum"));
        assertEquals("[0.25,0.75]", jd.get("initial").toString());
        assertEquals(4, jd.get("prior").size());
        assertEquals("[[[1.0,0.0],[0.5,0.5],[0.0,1.0]],[[0.2,0.8],[0.3,0.7],[0.4,0.6]]]", jd.get("transitions").get(0).toString());
        roundTrip(g);
        roundTrip(d);
        roundTrip(GameReader.readGame(TestGames.MATRIX.getBytes(StandardCharsets.UTF_8), "matrix"));
    }
}
