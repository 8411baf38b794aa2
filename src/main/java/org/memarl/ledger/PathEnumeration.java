package org.memarl.ledger;

import java.util.Arrays;
import java.util.function.Function;
import org.memarl.algorithms.belief.Draws;

/**
 * The exact expectation of a random quantity computed by code that makes all its random choices through
 * {@link Draws}: every path of choices (only choices of positive probability) is replayed in turn by
 * depth-first search, and {@code E[f] = sum_paths P(path) f(path)} is summed with Neumaier's compensated
 * summation. {@code P(path)} is the product of the chosen probabilities {@code p_i / sum_j p_j}. The
 * quantity must be a deterministic function of the choices (the same prefix of choices gives the same
 * next choice problem). Cost: the number of paths times the cost of one run.
 */
final class PathEnumeration {
    /** The expectation, the number of paths, and the total probability of the paths (1 up to rounding). */
    record Result(double[] mean, long paths, double totalProbability) {
    }

    private PathEnumeration() {
    }

    /**
     * @param dims the length of the vector {@code f} returns
     * @param maxPaths a bound on the number of paths (an {@link IllegalStateException} beyond)
     */
    static Result expectation(int dims, Function<Draws, double[]> f, long maxPaths) {
        Replay r = new Replay();
        double[] sum = new double[dims];
        double[] comp = new double[dims];
        double total = 0.0;
        double totalComp = 0.0;
        long paths = 0;
        while (true) {
            r.start();
            double[] x = f.apply(r);
            double p = r.pathProbability();
            for (int i = 0; i < dims; i++) {
                double y = p * x[i];
                double t = sum[i] + y;
                comp[i] += Math.abs(sum[i]) >= Math.abs(y) ? (sum[i] - t) + y : (y - t) + sum[i];
                sum[i] = t;
            }
            double t = total + p;
            totalComp += total >= p ? (total - t) + p : (p - t) + total;
            total = t;
            if (++paths > maxPaths) {
                throw new org.memarl.MemarlException("path enumeration: more than " + maxPaths + " paths");
            }
            if (!r.advance()) {
                break;
            }
        }
        for (int i = 0; i < dims; i++) {
            sum[i] += comp[i];
        }
        return new Result(sum, paths, total + totalComp);
    }

    /** Replays a prefix of choices, then takes the first option of positive weight at each new choice. */
    private static final class Replay implements Draws {
        private int[] choice = new int[16];
        private double[][] weights = new double[16][];
        private double[] totals = new double[16];
        private int depth; // choices recorded
        private int pos; // choices made in the current run

        void start() {
            pos = 0;
        }

        double pathProbability() {
            if (pos != depth) {
                throw new org.memarl.MemarlException("path enumeration: the quantity is not a deterministic function of the choices");
            }
            double p = 1.0;
            for (int i = 0; i < depth; i++) {
                p *= weights[i][choice[i]] / totals[i];
            }
            return p;
        }

        /** Next path: the deepest choice with a further option of positive weight moves on; false when done. */
        boolean advance() {
            while (depth > 0) {
                int i = depth - 1;
                double[] w = weights[i];
                int j = choice[i] + 1;
                while (j < w.length && !(w[j] > 0.0)) {
                    j++;
                }
                if (j < w.length) {
                    choice[i] = j;
                    return true;
                }
                depth--;
            }
            return false;
        }

        private int choose(double[] p, int off, int n) {
            if (pos < depth) {
                return choice[pos++];
            }
            if (depth == choice.length) {
                choice = Arrays.copyOf(choice, 2 * depth);
                weights = Arrays.copyOf(weights, 2 * depth);
                totals = Arrays.copyOf(totals, 2 * depth);
            }
            double[] w = Arrays.copyOfRange(p, off, off + n);
            double z = 0.0;
            int first = -1;
            for (int i = 0; i < n; i++) {
                z += w[i];
                if (first < 0 && w[i] > 0.0) {
                    first = i;
                }
            }
            if (first < 0) {
                throw new org.memarl.MemarlException("path enumeration: a choice with no option of positive weight");
            }
            weights[depth] = w;
            totals[depth] = z;
            choice[depth] = first;
            depth++;
            pos++;
            return first;
        }

        @Override
        public int categorical(double[] p, int off, int n) {
            return choose(p, off, n);
        }

        @Override
        public int ancestor(double[] w, double[] cum) {
            return choose(w, 0, w.length);
        }
    }
}
