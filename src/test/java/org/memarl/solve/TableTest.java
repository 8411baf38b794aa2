package org.memarl.solve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.memarl.InvalidModelException;
import org.memarl.MemarlException;

/**
 * {@link Table}: entries and shape agree with the nested arrays it was built from (random shapes of rank 1-4,
 * read back by index through plain Java array access), rank mismatches and ragged or non-finite input are
 * refused naming the table, the index and the rank; {@link Solution} hands out typed tables and parameters.
 */
class TableTest {
    private static final long SEED = 20261202L;

    /** A random nested double array of the given shape (entries of mixed magnitudes and signs). */
    static Object randomNested(Random rng, int[] shape, int k) {
        if (k == shape.length - 1) {
            double[] a = new double[shape[k]];
            for (int i = 0; i < a.length; i++) {
                a[i] = (rng.nextDouble() - 0.5) * Math.pow(10, rng.nextInt(20) - 10);
            }
            return a;
        }
        Class<?> row = Array.newInstance(double.class, new int[shape.length - k - 1]).getClass();
        Object[] out = (Object[]) Array.newInstance(row, shape[k]);
        for (int i = 0; i < out.length; i++) {
            out[i] = randomNested(rng, shape, k + 1);
        }
        return out;
    }

    /** Entry {@code index} of a nested array by plain array access (independent of {@link Table}). */
    static double at(Object nested, int[] index) {
        Object a = nested;
        for (int k = 0; k < index.length - 1; k++) {
            a = ((Object[]) a)[index[k]];
        }
        return ((double[]) a)[index[index.length - 1]];
    }

    @Test
    void entriesShapeAndNestedArraysAgreeWithTheInputOnRandomShapes() {
        qt().withFixedSeed(SEED).withExamples(200).forAll(integers().between(1, 4), longs().all()).checkAssert((rank, seed) -> {
            Random rng = new Random(seed);
            int[] shape = new int[rank];
            int size = 1;
            for (int k = 0; k < rank; k++) {
                shape[k] = 1 + rng.nextInt(4);
                size *= shape[k];
            }
            Object nested = randomNested(rng, shape, 0);
            Table t = Table.of("T", nested);
            assertEquals(rank, t.rank());
            assertArrayEquals(shape, t.shape());
            assertEquals(size, t.size());
            int[] index = new int[rank];
            double[] flat = t.flat();
            for (int i = 0; i < size; i++) {
                int rest = i;
                for (int k = rank - 1; k >= 0; k--) {
                    index[k] = rest % shape[k];
                    rest /= shape[k];
                }
                double want = at(nested, index);
                assertEquals(want, t.get(index), 0.0, Arrays.toString(index));
                assertEquals(want, flat[i], 0.0, "row-major " + i);
                assertEquals(want, t.flatGet(i), 0.0, "flatGet " + i);
            }
            assertTrue(Arrays.deepEquals(new Object[] {nested}, new Object[] {t.nested()}), "nested()");
            Object typed = switch (rank) {
                case 1 -> t.vector();
                case 2 -> t.matrix();
                case 3 -> t.cube();
                default -> t.tesseract();
            };
            assertTrue(Arrays.deepEquals(new Object[] {nested}, new Object[] {typed}), "typed accessor");
        });
    }

    @Test
    void tablesAreCopiesInAndOut() {
        double[][] m = {{1, 2}, {3, 4}};
        Table t = Table.of("Q", m);
        m[0][0] = 99;
        assertEquals(1.0, t.get(0, 0), 0.0);
        t.matrix()[1][1] = 99;
        assertEquals(4.0, t.get(1, 1), 0.0);
        Solution s = Solution.builder("x").value("Q", m).build();
        m[1][0] = -7;
        assertEquals(3.0, s.value("Q").get(1, 0), 0.0);
    }

    @Test
    void aSingleNumberIsRankZero() {
        Table t = Table.of("distance", 0.25);
        assertEquals(0, t.rank());
        assertEquals(0, t.shape().length);
        assertEquals(0.25, t.scalar(), 0.0);
        assertEquals(0.25, t.get(), 0.0);
        assertEquals(0.25, (Double) t.nested(), 0.0);
    }

    @Test
    void emptyArraysKeepTheirTypesRank() {
        Table e = Table.of("E", new double[0][]);
        assertEquals(2, e.rank());
        assertArrayEquals(new int[] {0, 0}, e.shape());
        assertEquals(0, e.matrix().length);
        Table f = Table.of("F", new double[3][0]);
        assertArrayEquals(new int[] {3, 0}, f.shape());
        assertEquals(3, f.matrix().length);
        assertEquals(0, f.matrix()[2].length);
    }

    @Test
    void rankMismatchNamesTheTableAndItsRank() {
        Table q = Table.of("Q", new double[2][3][4]);
        MemarlException e = assertThrows(MemarlException.class, q::matrix);
        assertTrue(e.getMessage().startsWith("Q: a table of rank 3 [2, 3, 4], not a matrix (rank 2)"), e.getMessage());
        e = assertThrows(MemarlException.class, () -> Table.of("V", new double[] {1}).cube());
        assertTrue(e.getMessage().startsWith("V: a table of rank 1"), e.getMessage());
        e = assertThrows(MemarlException.class, () -> q.get(0, 0));
        assertTrue(e.getMessage().contains("2 indices for a table of rank 3"), e.getMessage());
        e = assertThrows(MemarlException.class, () -> q.get(0, 3, 0));
        assertTrue(e.getMessage().contains("index 3 out of range [0, 3) at dimension 1"), e.getMessage());
    }

    @Test
    void raggedAndNonFiniteInputIsRefusedNamingTheIndex() {
        InvalidModelException r = assertThrows(InvalidModelException.class,
                () -> Table.of("Q", new double[][][] {{{1, 2}, {3, 4}}, {{5, 6}, {7}}}));
        assertTrue(r.getMessage().startsWith("Q[1][1]: ragged table: length 1, expected 2"), r.getMessage());
        r = assertThrows(InvalidModelException.class, () -> Table.of("pi", new double[][] {{1, 2}, null}));
        assertTrue(r.getMessage().startsWith("pi[1]: null row"), r.getMessage());
        r = assertThrows(InvalidModelException.class, () -> Table.of("x", new int[] {1}));
        assertTrue(r.getMessage().startsWith("x: unsupported table type"), r.getMessage());
        MemarlException n = assertThrows(MemarlException.class,
                () -> Table.of("Q", new double[][] {{1, 2}, {3, Double.POSITIVE_INFINITY}}));
        assertEquals("Q[1][1]: computed value Infinity is not finite", n.getMessage());
        n = assertThrows(MemarlException.class, () -> Table.of("d", Double.NaN));
        assertEquals("d: computed value NaN is not finite", n.getMessage());
        n = assertThrows(MemarlException.class,
                () -> Solution.builder("x").policy("master", new double[][] {{0.5, Double.NaN}}).build());
        assertEquals("policies.master[0][1]: computed value NaN is not finite", n.getMessage());
        assertThrows(InvalidModelException.class,
                () -> Solution.builder("x").value("Q", new double[][] {{1, 2}, {3}}).build());
    }

    @Test
    void solutionHandsOutTypedTablesAndNamesMissingOnes() {
        Solution s = Solution.builder("g").parameter("beta", 2.0).parameter("threads", 3).parameter("sweep", "jacobi")
                .value("V", new double[] {1, 2}).value("Q", new double[][][] {{{1}}, {{2}}}).value("gap", 0.5)
                .policy(new double[][] {{1.0}, {1.0}}).policy("agent", new double[][] {{1.0}, {1.0}}).build();
        assertArrayEquals(new double[] {1, 2}, s.V(), 0.0);
        assertEquals(2.0, s.gameQ()[1][0][0], 0.0);
        assertThrows(MemarlException.class, s::Q);
        assertEquals(0.5, s.value("gap").scalar(), 0.0);
        assertEquals(List.of("V", "Q", "gap"), s.valueNames());
        assertEquals(List.of("V", "Q", "gap"), List.copyOf(s.values().keySet()));
        assertEquals(List.of("agent"), s.policyNames());
        assertEquals("policies.agent", s.policy("agent").name());
        assertArrayEquals(new double[] {1.0}, s.policy()[0], 0.0);
        assertTrue(s.hasValue("Q") && !s.hasValue("U") && s.hasPolicy("agent") && !s.hasPolicy("master"));
        MemarlException e = assertThrows(MemarlException.class, () -> s.value("U"));
        assertEquals("g: no value table \"U\" (values: V, Q, gap)", e.getMessage());
        e = assertThrows(MemarlException.class, () -> s.policy("master"));
        assertEquals("g: no policy \"master\" (policies: agent)", e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> s.values().remove("V"));
        assertEquals(List.of("beta", "threads", "sweep"), s.parameters().names());
        assertEquals(2.0, s.parameters().number("beta"), 0.0);
        assertEquals(3.0, s.parameters().number("threads"), 0.0);
        assertEquals(3L, s.parameters().integer("threads"));
        assertEquals("jacobi", s.parameters().text("sweep"));
        assertEquals(Integer.valueOf(3), s.parameters().get("threads"));
        e = assertThrows(MemarlException.class, () -> s.parameters().integer("beta"));
        assertEquals("parameters.beta: 2.0 is a Double, not an integer", e.getMessage());
        e = assertThrows(MemarlException.class, () -> s.parameters().flag("seed"));
        assertEquals("parameters.seed: no such parameter (parameters: beta, threads, sweep)", e.getMessage());
        InvalidModelException p = assertThrows(InvalidModelException.class,
                () -> Solution.builder("x").parameter("policy", new double[] {1}));
        assertTrue(p.getMessage().startsWith("parameters.policy: unsupported parameter type double[]"), p.getMessage());
    }

    @Test
    void aTableKeepsItsEntriesUnderANewName() {
        Table t = Table.of("a", new double[] {1, 2});
        assertSame(t, Table.of("a", t));
        Table u = Table.of("b", t);
        assertEquals("b", u.name());
        assertArrayEquals(t.vector(), u.vector(), 0.0);
        assertNotEquals(t, u);
        assertEquals(t, Table.of("a", new double[] {1, 2}));
        assertEquals("a[2]", t.toString());
    }

    @Test
    void sectionsRefuseTheResultDocumentsOwnKeysAndNonFiniteNumbers() {
        Section.Obj body = new Section.Obj(java.util.Map.of("x", new Section.Whole(1)));
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> new Section("values", body));
        assertTrue(e.getMessage().startsWith("section: \"values\" is not a free key"), e.getMessage());
        assertThrows(MemarlException.class, () -> new Section.Num(Double.NEGATIVE_INFINITY));
        Solution s = Solution.builder("x").section(new Section("extra", body)).build();
        assertEquals(List.of(new Section("extra", body)), s.sections());
    }
}
