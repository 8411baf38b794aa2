package org.memarl.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.data.DMatrixSparseTriplet;
import org.ejml.ops.DConvertMatrixStruct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.memarl.model.Mdp;
import org.memarl.model.TransitionMatrix;

/** {@link ModelWriter} then {@link ModelReader} gives back the identical model, every number bit for bit. */
class ModelRoundTripTest {

    static Stream<Arguments> variants() {
        List<Arguments> out = new ArrayList<>();
        long seed = 1;
        for (boolean sparse : new boolean[] {false, true}) {
            for (boolean named : new boolean[] {false, true}) {
                for (boolean prior : new boolean[] {false, true}) {
                    for (boolean initial : new boolean[] {false, true}) {
                        out.add(Arguments.of(sparse, named, prior, initial, seed++));
                    }
                }
            }
        }
        return out.stream();
    }

    /** A random model with awkward doubles (not short decimals), zeros in T and in the prior. */
    static Mdp random(boolean sparse, boolean named, boolean withPrior, boolean withInitial, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 2 + rng.nextInt(5);
        int m = 1 + rng.nextInt(4);
        Mdp.Builder b = Mdp.builder().gamma(rng.nextDouble()).name(seed % 2 == 0 ? "model " + seed + " \u00e9\"q\"" : "");
        if (named) {
            List<String> s = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                s.add("state-" + (n - i)); // names that are not their indices
            }
            List<String> a = new ArrayList<>();
            for (int i = 0; i < m; i++) {
                a.add("act " + i);
            }
            b.states(s).actions(a);
        } else {
            b.states(n).actions(m);
        }
        if (seed % 3 == 0) {
            b.horizon(1 + rng.nextInt(5));
        }
        double[][][] t = new double[n][m][];
        for (int s = 0; s < n; s++) {
            for (int a = 0; a < m; a++) {
                t[s][a] = distribution(rng, n);
            }
        }
        if (sparse) {
            DMatrixSparseTriplet trip = new DMatrixSparseTriplet(n * m, n, n * m * n);
            for (int s = 0; s < n; s++) {
                for (int a = 0; a < m; a++) {
                    for (int s2 = 0; s2 < n; s2++) {
                        if (t[s][a][s2] > 0.0) {
                            trip.addItem(s * m + a, s2, t[s][a][s2]);
                        }
                    }
                }
            }
            DMatrixSparseCSC csc = DConvertMatrixStruct.convert(trip, (DMatrixSparseCSC) null);
            final int mm = m;
            b.transitions(TransitionMatrix.sparse(csc, "transitions", r -> "[" + (r / mm) + "][" + (r % mm) + "]"));
        } else {
            b.transitions(t);
        }
        double[][] r = new double[n][m];
        for (double[] row : r) {
            for (int a = 0; a < m; a++) {
                row[a] = (rng.nextDouble() - 0.5) * Math.pow(10, rng.nextInt(7) - 3);
            }
        }
        b.rewards(r);
        if (withPrior) {
            double[][] p = new double[n][];
            for (int s = 0; s < n; s++) {
                p[s] = distribution(rng, m);
            }
            b.prior(p);
        }
        if (withInitial) {
            b.initial(distribution(rng, n));
        }
        return b.build();
    }

    /** A probability vector with some exact zeros (at least one positive entry), summing to 1 within rounding. */
    static double[] distribution(SplittableRandom rng, int k) {
        double[] p = new double[k];
        double z = 0.0;
        for (int i = 0; i < k; i++) {
            p[i] = rng.nextInt(3) == 0 ? 0.0 : rng.nextDouble();
            z += p[i];
        }
        if (z == 0.0) {
            p[rng.nextInt(k)] = 1.0;
            return p;
        }
        for (int i = 0; i < k; i++) {
            p[i] /= z;
        }
        return p;
    }

    static void assertSameModel(Mdp a, Mdp b) {
        assertEquals(a.name(), b.name());
        assertEquals(a.stateNames(), b.stateNames());
        assertEquals(a.actionNames(), b.actionNames());
        assertEquals(a.gamma(), b.gamma(), 0.0);
        assertEquals(a.horizon(), b.horizon());
        assertEquals(a.hasPrior(), b.hasPrior());
        assertArrayEquals(a.initial(), b.initial(), 0.0);
        assertArrayEquals(a.rewardsFlat(), b.rewardsFlat(), 0.0);
        assertArrayEquals(a.priorFlat(), b.priorFlat(), 0.0);
        TransitionMatrix ta = a.transitions();
        TransitionMatrix tb = b.transitions();
        assertEquals(ta.isSparse(), tb.isSparse());
        assertEquals(ta.rows(), tb.rows());
        assertEquals(ta.columns(), tb.columns());
        assertEquals(ta.nonzeros(), tb.nonzeros());
        double[] ra = new double[ta.columns()];
        double[] rb = new double[tb.columns()];
        for (int row = 0; row < ta.rows(); row++) {
            ta.copyRow(row, ra);
            tb.copyRow(row, rb);
            assertArrayEquals(ra, rb, 0.0, "transitions row " + row);
            assertEquals(ta.rowEnd(row) - ta.rowStart(row), tb.rowEnd(row) - tb.rowStart(row));
        }
    }

    @ParameterizedTest(name = "sparse={0} named={1} prior={2} initial={3} seed={4}")
    @MethodSource("variants")
    void writeThenReadGivesTheSameModel(boolean sparse, boolean named, boolean prior, boolean initial, long seed) {
        for (long k = 0; k < 5; k++) {
            Mdp m = random(sparse, named, prior, initial, seed * 100 + k);
            byte[] text = Json.bytes(ModelWriter.toJson(m));
            Mdp back = ModelReader.readMdp(text, "round-trip");
            assertSameModel(m, back);
            // and the text is a fixed point of write . read
            assertEquals(new String(text, java.nio.charset.StandardCharsets.UTF_8),
                    new String(Json.bytes(ModelWriter.toJson(back)), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void theHandWrittenTestModelsRoundTrip() {
        for (String text : new String[] {TestModels.DENSE, TestModels.SPARSE}) {
            Mdp m = ModelReader.readMdp(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), "test");
            assertSameModel(m, ModelReader.readMdp(Json.bytes(ModelWriter.toJson(m)), "again"));
        }
    }

    @Test
    void statesNamedByTheirIndicesAreWrittenAsACount() {
        Mdp m = random(false, false, false, false, 7);
        assertEquals(m.numStates(), ModelWriter.toJson(m).get("states").asInt());
        assertEquals(m.numActions(), ModelWriter.toJson(m).get("actions").asInt());
    }
}
