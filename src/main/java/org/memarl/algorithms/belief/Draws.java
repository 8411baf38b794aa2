package org.memarl.algorithms.belief;

import java.util.SplittableRandom;
import org.memarl.algorithms.Sampling;

/**
 * The random choices of {@link ParticleFilter}: categorical draws of a state and of an ancestor. The filter
 * makes all its random choices through this interface, so that the same code can be run on a random
 * stream ({@link #of(SplittableRandom)}) or on every path of choices in turn, to compute the exact
 * expectation of an estimate (the chapter-5 ledger does so to check the unbiasedness of (5.17) exactly).
 */
public interface Draws {
    /** An index i in {@code [0, n)} with probability {@code p[off + i] / sum_j p[off + j]}, never one of weight 0. */
    int categorical(double[] p, int off, int n);

    /**
     * An ancestor: index i with probability {@code w[i] / sum_j w[j]}, never one of weight 0; {@code cum}
     * holds the prefix sums of {@code w} ({@code cum[K-1]} the total, positive).
     */
    int ancestor(double[] w, double[] cum);

    /** Draws from a random stream: {@link Sampling#sample} for states, a binary search of {@code cum} (O(log K)) for ancestors. */
    static Draws of(SplittableRandom rng) {
        return new Draws() {
            @Override
            public int categorical(double[] p, int off, int n) {
                return Sampling.sample(rng, p, off, n);
            }

            @Override
            public int ancestor(double[] w, double[] cum) {
                double u = rng.nextDouble() * cum[cum.length - 1];
                int lo = 0;
                int hi = cum.length - 1;
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    if (cum[mid] > u) {
                        hi = mid;
                    } else {
                        lo = mid + 1;
                    }
                }
                while (w[lo] == 0.0 && lo > 0) {
                    lo--; // rounding at the top end: step back to a particle of positive weight
                }
                return lo;
            }
        };
    }
}
