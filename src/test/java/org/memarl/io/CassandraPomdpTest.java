package org.memarl.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memarl.InvalidModelException;
import org.memarl.model.Pomdp;

/**
 * Issue 15, item 2: Cassandra's {@code .pomdp} format. The bundled {@code examples/tiger.pomdp} against the
 * independently written {@code examples/tiger.json}; every construct of the format against arrays written out by
 * hand; the reward expectation over s' and o; {@code read(write(m)) == m} on Tiger and on random POMDPs; one-line
 * errors naming the line and the entry.
 */
class CassandraPomdpTest {
    @TempDir
    Path dir;

    static Pomdp parse(String text) {
        return CassandraPomdp.read(text.getBytes(StandardCharsets.UTF_8), "test", "test.pomdp");
    }

    static String error(String text) {
        return assertThrows(InvalidModelException.class, () -> parse(text)).getMessage();
    }

    static void assertSameModel(Pomdp a, Pomdp b) {
        assertEquals(a.states(), b.states());
        assertEquals(a.actions(), b.actions());
        assertEquals(a.observations(), b.observations());
        assertEquals(a.gamma(), b.gamma(), 0.0);
        assertArrayEquals(a.initial(), b.initial(), 0.0);
        for (int s = 0; s < a.numStates(); s++) {
            for (int x = 0; x < a.numActions(); x++) {
                assertEquals(a.reward(s, x), b.reward(s, x), 0.0, "r(" + s + ", " + x + ")");
                assertEquals(a.prior(x), b.prior(x), 0.0);
                for (int s2 = 0; s2 < a.numStates(); s2++) {
                    assertEquals(a.transition(s, x, s2), b.transition(s, x, s2), 0.0, "T");
                }
                for (int o = 0; o < a.numObservations(); o++) {
                    assertEquals(a.observation(s, x, o), b.observation(s, x, o), 0.0, "U");
                }
            }
        }
    }

    @Test
    void bundledTigerIsTheJsonTiger() {
        Pomdp file = CassandraPomdp.read(Path.of("examples", "tiger.pomdp"));
        Pomdp json = PomdpReader.readPomdp(Path.of("examples", "tiger.json"));
        assertEquals("tiger", file.name());
        assertEquals(0, file.horizon(), "the format has no horizon");
        assertSameModel(json, file);
    }

    @Test
    void everyConstructAgainstArraysWrittenByHand() {
        String text = String.join("\n",
                "# comment line",
                "discount: 0.9   # trailing comment",
                "values: cost",
                "states: 3",
                "actions: stay go",
                "observations: 2",
                "start include: 0 2",
                "T: stay identity", // no colon: whole matrix
                "T: go",
                "uniform",
                "T: go : 2",
                "0.5 0.25 0.25",
                "T: go : 1 : 0 0.5",   // single entries override the uniform row
                "T: go : 1 : 1 0.5",
                "T: go : 1 : 2 0",
                "O: *",
                "uniform",
                "O: stay : 1",
                "1 0",
                "O: * : 2 : 0 .75",
                "O: * : 2 : 1 2.5e-1",
                "R: * : * : * : * 1",
                "R: go : 0 : * : * +3",
                "R: stay : 1 : 1",
                "4 8",                       // a row over o for s' = 1
                "R: go : 2",
                "1 1",
                "2 2",
                "3 -3",
                "");
        Pomdp p = parse(text);
        assertEquals(0.9, p.gamma(), 0.0);
        assertEquals(List.of("0", "1", "2"), p.states());
        assertEquals(List.of("stay", "go"), p.actions());
        assertArrayEquals(new double[] {0.5, 0.0, 0.5}, p.initial(), 0.0);
        double third = 1.0 / 3;
        double[][][] t = { // t[s][a][s']
            {{1, 0, 0}, {third, third, third}},
            {{0, 1, 0}, {0.5, 0.5, 0}},
            {{0, 0, 1}, {0.5, 0.25, 0.25}}};
        double[][][] u = { // u[s'][a][o]
            {{0.5, 0.5}, {0.5, 0.5}},
            {{1, 0}, {0.5, 0.5}},
            {{0.75, 0.25}, {0.75, 0.25}}};
        for (int s = 0; s < 3; s++) {
            for (int a = 0; a < 2; a++) {
                for (int s2 = 0; s2 < 3; s2++) {
                    assertEquals(t[s][a][s2], p.transition(s, a, s2), 0.0, "T[" + s + "][" + a + "][" + s2 + "]");
                }
                for (int o = 0; o < 2; o++) {
                    assertEquals(u[s][a][o], p.observation(s, a, o), 0.0, "U[" + s + "][" + a + "][" + o + "]");
                }
            }
        }
        // rewards (values: cost negates); constant R gives the constant exactly
        assertEquals(-1.0, p.reward(0, 0), 0.0);
        assertEquals(-3.0, p.reward(0, 1), 0.0);
        assertEquals(-1.0, p.reward(2, 0), 0.0);
        // stay from 1: s' = 1 surely, o = 0 surely (O: stay : 1 = [1, 0]) -> R = 4
        assertEquals(-4.0, p.reward(1, 0), 0.0);
        // go from 2: s' ~ (0.5, 0.25, 0.25); rows of the matrix (1 1), (2 2), (3 -3); U(.|s', go) = (.5,.5), (.5,.5), (.75,.25)
        double expected = 0.5 * (0.5 * 1 + 0.5 * 1) + 0.25 * (0.5 * 2 + 0.5 * 2) + 0.25 * (0.75 * 3 + 0.25 * -3);
        assertEquals(-expected, p.reward(2, 1), 1e-15);
        // go from 1: R = 1 everywhere
        assertEquals(-1.0, p.reward(1, 1), 0.0);
    }

    @Test
    void startForms() {
        String pre = "discount: 1\nstates: a b c\nactions: 1\nobservations: 1\n";
        String rest = "\nT: 0 identity\nO: 0 uniform\n";
        assertArrayEquals(new double[] {0, 1, 0}, parse(pre + "start: b" + rest).initial(), 0.0);
        assertArrayEquals(new double[] {0, 0, 1}, parse(pre + "start: 2" + rest).initial(), 0.0);
        assertArrayEquals(new double[] {0.25, 0.5, 0.25}, parse(pre + "start: 0.25 0.5 0.25" + rest).initial(), 0.0);
        assertArrayEquals(new double[] {0.5, 0, 0.5}, parse(pre + "start exclude: b" + rest).initial(), 0.0);
        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, parse(pre + "start: uniform" + rest).initial(), 0.0);
        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, parse(pre + rest).initial(), 0.0, "default uniform");
        // a row within pomdp-solve's 1e-5 is rescaled to sum to 1
        double[] p0 = parse(pre + "start: 0.333333 0.333333 0.333333" + rest).initial();
        assertEquals(1.0, p0[0] + p0[1] + p0[2], 1e-15);
        assertEquals(p0[0], p0[2], 0.0);
    }

    @Test
    void writerRoundTripOnTigerAndRandomModels() throws Exception {
        Pomdp tiger = PomdpReader.readPomdp(Path.of("examples", "tiger.json"));
        String text = CassandraPomdp.write(tiger);
        assertTrue(text.contains("# horizon 4"), text);
        assertSameModel(tiger, parse(text));
        Path f = dir.resolve("tiger-copy.pomdp");
        CassandraPomdp.write(tiger, f);
        assertSameModel(tiger, CassandraPomdp.read(f));
        SplittableRandom rnd = new SplittableRandom(15);
        for (int trial = 0; trial < 40; trial++) {
            Pomdp m = random(rnd, 1 + rnd.nextInt(4), 1 + rnd.nextInt(3), 1 + rnd.nextInt(3), trial % 2 == 0);
            assertSameModel(m, parse(CassandraPomdp.write(m)));
        }
    }

    static double[] rows(SplittableRandom rnd, int count, int len) {
        double[] x = new double[count * len];
        for (int r = 0; r < count; r++) {
            double sum = 0.0;
            for (int i = 0; i < len; i++) {
                x[r * len + i] = rnd.nextInt(4) == 0 ? 0.0 : rnd.nextDouble();
                sum += x[r * len + i];
            }
            if (sum == 0.0) {
                x[r * len] = 1.0;
                sum = 1.0;
            }
            double rest = 1.0;
            for (int i = 0; i < len - 1; i++) {
                x[r * len + i] /= sum;
                rest -= x[r * len + i];
            }
            x[r * len + len - 1] = Math.max(0.0, rest);
        }
        return x;
    }

    static Pomdp random(SplittableRandom rnd, int n, int m, int k, boolean named) {
        List<String> s = named ? java.util.stream.IntStream.range(0, n).mapToObj(i -> "s" + i).toList()
                : org.memarl.model.Mdp.indexNames(n);
        List<String> a = java.util.stream.IntStream.range(0, m).mapToObj(i -> "act-" + i).toList();
        List<String> o = java.util.stream.IntStream.range(0, k).mapToObj(i -> "o_" + i).toList();
        double[] r = new double[n * m];
        for (int i = 0; i < r.length; i++) {
            r[i] = (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(7) - 3);
        }
        return new Pomdp("random", s, a, o, rnd.nextDouble(), 0, rows(rnd, 1, n), rows(rnd, n * m, n), rows(rnd, n * m, k), r,
                null);
    }

    @Test
    void writerRefusesWhatTheFormatCannotSay() {
        Pomdp tiger = PomdpReader.readPomdp(Path.of("examples", "tiger.json"));
        Pomdp skewed = new Pomdp("x", tiger.states(), tiger.actions(), tiger.observations(), 0.9, 0, null,
                new double[] {1, 0, 0.5, 0.5, 0.5, 0.5, 0, 1, 0.5, 0.5, 0.5, 0.5},
                new double[] {0.85, 0.15, 0.5, 0.5, 0.5, 0.5, 0.15, 0.85, 0.5, 0.5, 0.5, 0.5},
                new double[] {-1, -100, 10, -1, 10, -100}, new double[] {0.5, 0.25, 0.25});
        assertTrue(assertThrows(InvalidModelException.class, () -> CassandraPomdp.write(skewed)).getMessage()
                .startsWith("prior: P(\"listen\") = 0.5; Cassandra's format has no action prior"));
        Pomdp spaced = new Pomdp("x", List.of("a b", "c"), List.of("x"), List.of("y"), 0.9, 0, null,
                new double[] {1, 0, 0, 1}, new double[] {1, 1}, new double[] {0, 0}, null);
        assertTrue(assertThrows(InvalidModelException.class, () -> CassandraPomdp.write(spaced)).getMessage()
                .startsWith("states[0]: \"a b\" cannot be written"));
    }

    @Test
    void errorsNameTheLineAndTheEntry() throws Exception {
        String tiger = Files.readString(Path.of("examples", "tiger.pomdp"));
        int line = lineOf(tiger, "0.85 0.15");
        assertEquals("line " + (line - 1) + ": O: listen : tiger-left: row sums to 1.1, expected 1 (tolerance 1e-5)",
                error(tiger.replace("0.85 0.15", "0.85 0.25")));
        assertEquals("line " + lineOf(tiger, "R: open-left : tiger-left") + ": R: open-left: unknown state \"tiger-top\"",
                error(tiger.replace("R: open-left : tiger-left", "R: open-left : tiger-top")));
        assertEquals("line " + lineOf(tiger, "T: listen") + ": T: unknown action \"look\"",
                error(tiger.replace("T: listen", "T: look")));
        String noDiscount = tiger.replace("discount: 0.95\n", "");
        assertEquals("line " + noDiscount.split("\n", -1).length + ": missing section discount: (end of file; Cassandra's"
                + " format requires discount:, states:, actions: and observations:)", error(noDiscount));
        // truncated in a matrix, and before the last rows
        String cut = tiger.substring(0, tiger.indexOf("0.15 0.85"));
        assertTrue(error(cut).matches("line \\d+: O: listen: 2 numbers, expected 4 \\(a 2 x 2 matrix, end state x"
                + " observation\\), found end of file"), error(cut));
        String noOpen = tiger.substring(0, tiger.indexOf("T: open-left"));
        assertTrue(error(noOpen).matches("line \\d+: T: open-left : tiger-left: no probabilities given \\(end of file;"
                + " every row of T\\(\\. \\| s, a\\) must sum to 1\\)"), error(noOpen));
        assertEquals("line 1: unexpected character \"%\" (names start with a letter; # starts a comment)", error("% hi"));
        assertEquals("line 2: discount: \"1.5\" is not in [0, 1]", error("# x\ndiscount: 1.5"));
        assertEquals("line 1: T: before states: (the preamble must declare states, actions and observations first)",
                error("T: 0 identity"));
        assertEquals("line 3: states: duplicate name \"a\"", error("discount: 1\n\nstates: a b a"));
        assertEquals("line 5: T: listen: state index 3 is out of range (2 states, indices from 0)",
                error("discount: 1\nstates: 2\nactions: listen\nobservations: 1\nT: listen : 3 : 0 1"));
        assertEquals("line 1: malformed number \"1.2.3\"", error("discount: 1.2.3"));
    }

    static int lineOf(String text, String fragment) {
        int at = text.indexOf(fragment);
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
