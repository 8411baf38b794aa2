package org.memarl.model;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.memarl.InvalidModelException;

/**
 * A random sparse MDP in compressed rows, deterministic for a seed ({@code memarl generate random-mdp}):
 * every row {@code s * A + a} of T has {@code k} distinct successors drawn uniformly over all states
 * (Floyd's sampling from {@link SplittableRandom}), sorted, with weights uniform in (0, 1] normalised
 * to sum 1; rewards uniform in [0, 1); optionally a random prior with weights uniform in (0, 1]
 * normalised per state. The statistics of {@code shared/bench/sweep.c} and the JMH benchmarks' models.
 *
 * @param rowStart length S*A + 1
 * @param columns  length S*A*k, the successors, increasing within each row
 * @param probabilities length S*A*k
 * @param rewards  flat {@code [s][a]}
 * @param prior    flat {@code [s][a]}, or null (uniform)
 */
public record RandomMdp(int states, int actions, int successors, int[] rowStart, int[] columns, double[] probabilities,
                        double[] rewards, double[] prior) {

    /**
     * @throws InvalidModelException naming the option when a count is out of range
     */
    public static RandomMdp generate(int states, int actions, int successors, long seed, boolean randomPrior) {
        if (states < 1) {
            throw new InvalidModelException("states: " + states + " is not a positive integer");
        }
        if (actions < 1) {
            throw new InvalidModelException("actions: " + actions + " is not a positive integer");
        }
        if (successors < 1 || successors > states) {
            throw new InvalidModelException("successors: " + successors + " is not in [1, states = " + states + "]");
        }
        long rowsL = (long) states * actions;
        // exact: states * actions * successors can exceed the range of long (2e9 each is 8e27)
        java.math.BigInteger nnz = java.math.BigInteger.valueOf(rowsL).multiply(java.math.BigInteger.valueOf(successors));
        if (nnz.compareTo(java.math.BigInteger.valueOf(Integer.MAX_VALUE - 8)) > 0) {
            throw new InvalidModelException("successors: states * actions * successors = " + states + " * " + actions
                    + " * " + successors + " = " + nnz + " exceeds " + (Integer.MAX_VALUE - 8)
                    + ", the 32-bit entry count of memarl's compressed rows");
        }
        int rows = (int) rowsL;
        int k = successors;
        SplittableRandom rng = new SplittableRandom(seed);
        int[] start = new int[rows + 1];
        int[] cols = new int[rows * k];
        double[] p = new double[rows * k];
        boolean[] taken = new boolean[states];
        int[] pick = new int[k];
        for (int r = 0; r < rows; r++) {
            int n = 0;
            for (int j = states - k; j < states; j++) {
                int c = rng.nextInt(j + 1);
                if (taken[c]) {
                    c = j;
                }
                taken[c] = true;
                pick[n++] = c;
            }
            Arrays.sort(pick);
            int off = r * k;
            double sum = 0.0;
            for (int j = 0; j < k; j++) {
                taken[pick[j]] = false;
                cols[off + j] = pick[j];
                double w = 1.0 - rng.nextDouble();
                p[off + j] = w;
                sum += w;
            }
            for (int j = 0; j < k; j++) {
                p[off + j] /= sum;
            }
            start[r + 1] = off + k;
        }
        double[] rew = new double[rows];
        for (int i = 0; i < rows; i++) {
            rew[i] = rng.nextDouble();
        }
        double[] pr = null;
        if (randomPrior) {
            pr = new double[rows];
            for (int s = 0; s < states; s++) {
                double sum = 0.0;
                for (int a = 0; a < actions; a++) {
                    double w = 1.0 - rng.nextDouble();
                    pr[s * actions + a] = w;
                    sum += w;
                }
                for (int a = 0; a < actions; a++) {
                    pr[s * actions + a] /= sum;
                }
            }
        }
        return new RandomMdp(states, actions, k, start, cols, p, rew, pr);
    }

    /** The model as an {@link Mdp} with discount gamma (T's arrays adopted, not copied). */
    public Mdp mdp(String name, double gamma) {
        int m = actions;
        TransitionMatrix t = TransitionMatrix.compressedRows(states * actions, states, rowStart, columns, probabilities,
                "transitions", r -> "[" + (r / m) + "][" + (r % m) + "]");
        Mdp.Builder b = Mdp.builder().name(name).states(states).actions(actions).gamma(gamma).transitions(t)
                .rewardsFlat(rewards);
        if (prior != null) {
            b.priorFlat(prior);
        }
        return b.build();
    }
}
