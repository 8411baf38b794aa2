package org.memarl.algorithms;

import java.util.SplittableRandom;
import org.memarl.model.TransitionMatrix;

/** Seeded draws for the tabular learners: one uniform number per draw, allocation-free. */
public final class Sampling {
    private Sampling() {
    }

    /** Index drawn from the (unnormalised) weights {@code p[off .. off+n)}, never one of weight 0. */
    public static int sample(SplittableRandom rng, double[] p, int off, int n) {
        double z = 0.0;
        for (int i = 0; i < n; i++) {
            z += p[off + i];
        }
        double u = rng.nextDouble() * z;
        int last = -1;
        for (int i = 0; i < n; i++) {
            if (p[off + i] > 0.0) {
                last = i;
                u -= p[off + i];
                if (u < 0.0) {
                    return i;
                }
            }
        }
        return last;
    }

    /** Next state drawn from row {@code row} of T. */
    public static int sampleRow(SplittableRandom rng, TransitionMatrix t, int row) {
        double u = rng.nextDouble();
        int last = -1;
        for (int k = t.rowStart(row); k < t.rowEnd(row); k++) {
            double p = t.entryProbability(k);
            if (p > 0.0) {
                last = t.entryColumn(k);
                u -= p;
                if (u < 0.0) {
                    return last;
                }
            }
        }
        return last;
    }
}
