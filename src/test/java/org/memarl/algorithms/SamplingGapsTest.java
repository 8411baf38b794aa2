package org.memarl.algorithms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.memarl.model.TransitionMatrix;

/**
 * Issue 19's surviving {@link Sampling} mutant (the draw negated, always the first support index): the
 * empirical frequencies of many seeded draws against the probabilities. Each frequency is bounded by
 * Hoeffding's inequality {@code P(|f - p| >= t) <= 2 exp(-2 N t^2)} with t chosen for a false-alarm
 * probability of 1e-9 per entry (the seed is fixed, so the outcome is deterministic; the bound says a
 * correct sampler passes at any seed with that probability). Zero-probability entries must never be drawn.
 */
class SamplingGapsTest {
    private static final int N = 200_000;
    /** Hoeffding deviation for false-alarm probability 1e-9: t = sqrt(ln(2 / 1e-9) / (2 N)), about 0.0073. */
    private static final double T = Math.sqrt(Math.log(2.0 / 1e-9) / (2.0 * N));

    @Test
    @DisplayName("gap: Sampling.sample draws each index with its weight's share (unnormalised, at an offset), never weight 0")
    void sampleDistribution() {
        double[] p = {9.0, 0.4, 0.0, 1.0, 0.6, 0.0, 9.0}; // entries 1..5: weights 0.4, 0, 1.0, 0.6, 0 (sum 2)
        int off = 1;
        int n = 5;
        double[] expected = {0.2, 0.0, 0.5, 0.3, 0.0};
        long[] count = new long[n];
        SplittableRandom rng = new SplittableRandom(19);
        for (int k = 0; k < N; k++) {
            int i = Sampling.sample(rng, p, off, n);
            assertTrue(i >= 0 && i < n, "index " + i);
            count[i]++;
        }
        for (int i = 0; i < n; i++) {
            if (expected[i] == 0.0) {
                assertEquals(0, count[i], "zero-weight index " + i + " drawn");
            } else {
                assertEquals(expected[i], count[i] / (double) N, T, "frequency of index " + i);
            }
        }
    }

    @Test
    @DisplayName("gap: Sampling.sampleRow draws each next state with its probability in T, never a zero entry")
    void sampleRowDistribution() {
        double[][] t = {
            {0.5, 0.5, 0.0, 0.0},
            {0.0, 0.25, 0.0, 0.75},
            {0.1, 0.0, 0.6, 0.3},
        };
        TransitionMatrix dense = TransitionMatrix.dense(new org.ejml.data.DMatrixRMaj(t), "T", r -> "[" + r + "]");
        // the same rows in compressed form, with an explicit zero entry in row 2
        TransitionMatrix csr = TransitionMatrix.compressedRows(3, 4, new int[] {0, 2, 4, 8},
                new int[] {0, 1, 1, 3, 0, 1, 2, 3}, new double[] {0.5, 0.5, 0.25, 0.75, 0.1, 0.0, 0.6, 0.3}, "T",
                r -> "[" + r + "]");
        for (TransitionMatrix m : new TransitionMatrix[] {dense, csr}) {
            for (int row = 0; row < 3; row++) {
                long[] count = new long[4];
                SplittableRandom rng = new SplittableRandom(1900 + row);
                for (int k = 0; k < N; k++) {
                    count[Sampling.sampleRow(rng, m, row)]++;
                }
                for (int s = 0; s < 4; s++) {
                    if (t[row][s] == 0.0) {
                        assertEquals(0, count[s], "row " + row + ": zero entry " + s + " drawn");
                    } else {
                        assertEquals(t[row][s], count[s] / (double) N, T, "row " + row + " state " + s);
                    }
                }
            }
        }
    }
}
