package org.memarl.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.data.DMatrixSparseTriplet;
import org.ejml.ops.DConvertMatrixStruct;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.memarl.InvalidModelException;
import org.memarl.ledger.RandomMdps;

/** Model validation (messages name key, index and value) and the transition matrix accessors, dense and sparse. */
class MdpTest {
    private static final long SEED = Long.getLong("memarl.seed", 20201L);

    private static Mdp.Builder valid() {
        return Mdp.builder().states(List.of("a", "b")).actions(List.of("x", "y")).gamma(0.9)
                .transitions(new double[][][] {{{1, 0}, {0.5, 0.5}}, {{0, 1}, {0.25, 0.75}}})
                .rewards(new double[][] {{1, 0}, {0, 2}});
    }

    private static String message(Supplier<Mdp> build) {
        return assertThrows(InvalidModelException.class, build::get).getMessage();
    }

    @Test
    @DisplayName("invalid models: every message names the key, the index and the value")
    void validationMessages() {
        assertEquals("transitions[1][0]: row sums to 0.98, expected 1 (tolerance 1e-9)", message(() -> valid()
                .transitions(new double[][][] {{{1, 0}, {0.5, 0.5}}, {{0.5, 0.48}, {0.25, 0.75}}}).build()));
        assertTrue(message(() -> valid().transitions(new double[][][] {{{1, 0}, {1.5, -0.5}}, {{0, 1}, {0, 1}}}).build())
                .startsWith("transitions[0][1][0]: probability 1.5"));
        assertTrue(message(() -> valid().gamma(1.5).build()).startsWith("gamma: 1.5"));
        assertTrue(message(() -> valid().gamma(Double.NaN).build()).startsWith("gamma: NaN"));
        assertTrue(message(() -> valid().rewards(new double[][] {{1, Double.NaN}, {0, 2}}).build())
                .startsWith("rewards[0][1]: NaN"));
        assertTrue(message(() -> valid().rewards(new double[][] {{1, 0}}).build()).startsWith("rewards: 1 rows"));
        assertTrue(message(() -> valid().prior(new double[][] {{0.5, 0.5}, {0.6, 0.6}}).build())
                .startsWith("prior[1]: row sums to 1.2"));
        assertTrue(message(() -> valid().prior(new double[][] {{0.5, 0.5}, {-0.1, 1.1}}).build())
                .startsWith("prior[1][0]: probability -0.1"));
        assertTrue(message(() -> valid().initial(new double[] {0.5, 0.6}).build()).startsWith("initial: row sums to 1.1"));
        assertTrue(message(() -> valid().initial(new double[] {1}).build()).startsWith("initial: length 1"));
        assertTrue(message(() -> valid().states(List.of("a", "a")).build()).startsWith("states[1]: duplicate name \"a\""));
        assertTrue(message(() -> valid().actions(List.of("x", "")).build()).startsWith("actions[1]: empty name"));
        assertTrue(message(() -> valid().states(3).build()).startsWith("transitions: shape 4 x 2"));
        assertTrue(message(() -> valid().horizon(-1).build()).startsWith("horizon: -1"));
        assertTrue(message(() -> valid().transitions((TransitionMatrix) null).build()).startsWith("transitions: missing"));
    }

    @Test
    @DisplayName("defaults and copies: uniform prior and initial, withGamma/withHorizon keep everything else")
    void defaultsAndCopies() {
        Mdp m = valid().build();
        assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0.5}, m.priorFlat(), 0.0);
        assertArrayEquals(new double[] {0.5, 0.5}, m.initial(), 0.0);
        Mdp g = m.withGamma(0.3).withHorizon(4);
        assertEquals(0.3, g.gamma(), 0.0);
        assertEquals(4, g.horizon());
        assertArrayEquals(m.rewardsFlat(), g.rewardsFlat(), 0.0);
        assertEquals(m.stateNames(), g.stateNames());
        double[] r = m.rewardsFlat();
        r[0] = 99;
        assertEquals(1.0, m.reward(0, 0), 0.0, "accessors return copies");
        assertEquals(2.0, m.maxAbsReward(), 0.0);
    }

    @Test
    @DisplayName("dense and sparse transition matrices give the same get, expect, copyRow, addRow and row iteration")
    void denseAndSparseAgree() {
        SplittableRandom rng = new SplittableRandom(SEED);
        for (int rep = 0; rep < 50; rep++) {
            int n = 1 + rng.nextInt(6);
            int m = 1 + rng.nextInt(4);
            double[][] rows = new double[n * m][];
            DMatrixRMaj dense = new DMatrixRMaj(n * m, n);
            DMatrixSparseTriplet trip = new DMatrixSparseTriplet(n * m, n, 4);
            for (int r = 0; r < n * m; r++) {
                rows[r] = RandomMdps.distribution(rng, n, true);
                for (int c = 0; c < n; c++) {
                    dense.set(r, c, rows[r][c]);
                    if (rows[r][c] != 0) {
                        trip.addItem(r, c, rows[r][c]);
                    }
                }
            }
            DMatrixSparseCSC csc = DConvertMatrixStruct.convert(trip, (DMatrixSparseCSC) null);
            TransitionMatrix d = TransitionMatrix.dense(dense, "transitions", r -> "[" + r + "]");
            TransitionMatrix s = TransitionMatrix.sparse(csc, "transitions", r -> "[" + r + "]");
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = rng.nextDouble() * 10 - 5;
            }
            for (int r = 0; r < n * m; r++) {
                double expected = 0;
                for (int c = 0; c < n; c++) {
                    assertEquals(rows[r][c], d.get(r, c), 0.0);
                    assertEquals(rows[r][c], s.get(r, c), 0.0);
                    expected += rows[r][c] * v[c];
                }
                assertEquals(expected, d.expect(r, v), org.memarl.testing.Tolerance.ulps(8, 5));
                assertEquals(expected, s.expect(r, v), org.memarl.testing.Tolerance.ulps(8, 5));
                double[] row = new double[n];
                s.copyRow(r, row);
                assertArrayEquals(rows[r], row, 0.0);
                double[] acc = new double[n + 1];
                s.addRow(r, 2.0, acc, 1);
                d.addRow(r, -2.0, acc, 1);
                assertArrayEquals(new double[n + 1], acc, 0.0);
                double[] viaEntries = new double[n];
                for (int k = s.rowStart(r); k < s.rowEnd(r); k++) {
                    viaEntries[s.entryColumn(k)] += s.entryProbability(k);
                }
                assertArrayEquals(rows[r], viaEntries, 0.0);
            }
            // and the same model either way
            Mdp md = Mdp.builder().states(n).actions(m).transitions(d).rewards(new double[n][m]).build();
            Mdp ms = Mdp.builder().states(n).actions(m).transitions(s).rewards(new double[n][m]).build();
            assertTrue(ms.transitions().isSparse());
            assertEquals(md.transitions().get(0, 0), ms.transitions().get(0, 0), 0.0);
        }
        // a missing sparse row is an error naming it
        DMatrixSparseTriplet trip = new DMatrixSparseTriplet(2, 2, 2);
        trip.addItem(0, 0, 1.0);
        DMatrixSparseCSC csc = DConvertMatrixStruct.convert(trip, (DMatrixSparseCSC) null);
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> TransitionMatrix.sparse(csc, "transitions", r -> "[" + r + "]"));
        assertEquals("transitions[1]: missing sparse row (no entries)", e.getMessage());
    }
}
