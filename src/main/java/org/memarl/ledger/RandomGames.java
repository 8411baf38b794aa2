package org.memarl.ledger;

import java.util.SplittableRandom;
import org.memarl.chains.RandomChainModels;
import org.memarl.model.Game;

/**
 * Seeded generators of small random two-player games for the chapter-3 claims: at most {@code size}
 * states and actions per player, deterministic and stochastic rows, gamma 0 to 0.99, zero-sum, common
 * or general payoffs, marginal priors with zeros and, sometimes, conditional priors P(b|s,a) and
 * P(a|s,b) that differ from the marginals. Deterministic for a given (seed, size).
 */
public final class RandomGames {
    private RandomGames() {
    }

    public static Game game(long seed, int size) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 1 + rng.nextInt(Math.max(1, size));
        int na = 1 + rng.nextInt(Math.max(1, size));
        int nb = 1 + rng.nextInt(Math.max(1, size));
        return game(rng, n, na, nb, RandomMdps.gamma(rng), rng.nextInt(3) == 0);
    }

    /**
     * A random game of the given shape.
     *
     * @param conditional whether to draw conditional priors different from the marginals
     */
    public static Game game(SplittableRandom rng, int n, int na, int nb, double gamma, boolean conditional) {
        double[][][][] t = new double[n][na][nb][];
        for (int s = 0; s < n; s++) {
            for (int a = 0; a < na; a++) {
                for (int b = 0; b < nb; b++) {
                    t[s][a][b] = rng.nextInt(4) == 0 ? RandomMdps.deterministic(rng, n) : RandomMdps.distribution(rng, n, false);
                }
            }
        }
        double scale = RandomMdps.rewardScale(rng);
        Game.Sum sum = Game.Sum.values()[rng.nextInt(3)];
        double[][][] r = rewards(rng, n, na, nb, scale);
        Game.Builder b = Game.builder().name("random").states(n).agentActions(na).opponentActions(nb).gamma(gamma)
                .transitions(t).sum(sum).rewards(r);
        if (sum == Game.Sum.GENERAL) {
            b.rewardsOpponent(rewards(rng, n, na, nb, scale));
        }
        boolean zeros = rng.nextInt(3) == 0;
        if (rng.nextBoolean()) {
            b.priorAgent(rows(rng, n, na, zeros));
        }
        if (rng.nextBoolean()) {
            b.priorOpponent(rows(rng, n, nb, zeros));
        }
        if (conditional) {
            double[][][] pba = new double[n][][];
            double[][][] pab = new double[n][][];
            for (int s = 0; s < n; s++) {
                pba[s] = rows(rng, na, nb, zeros);
                pab[s] = rows(rng, nb, na, zeros);
            }
            b.opponentGivenAgent(pba).agentGivenOpponent(pab);
        }
        return b.build();
    }

    /**
     * A random game whose four priors are the marginals and conditionals of one joint prior
     * {@code P(a, b | s)} (so that P(a|s) P(b|s,a) = P(b|s) P(a|s,b)), with full support.
     */
    public static Game consistentPriors(long seed, int size) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 1 + rng.nextInt(Math.max(1, size));
        int na = 1 + rng.nextInt(Math.max(1, size));
        int nb = 1 + rng.nextInt(Math.max(1, size));
        Game base = game(rng, n, na, nb, RandomMdps.gamma(rng), false);
        double[][] pa = new double[n][na];
        double[][] pb = new double[n][nb];
        double[][][] pba = new double[n][na][nb];
        double[][][] pab = new double[n][nb][na];
        for (int s = 0; s < n; s++) {
            double[] joint = RandomMdps.distribution(rng, na * nb, false);
            for (int a = 0; a < na; a++) {
                for (int b = 0; b < nb; b++) {
                    pa[s][a] += joint[a * nb + b];
                    pb[s][b] += joint[a * nb + b];
                }
            }
            for (int a = 0; a < na; a++) {
                for (int b = 0; b < nb; b++) {
                    pba[s][a][b] = joint[a * nb + b] / pa[s][a];
                    pab[s][b][a] = joint[a * nb + b] / pb[s][b];
                }
            }
            fix(pa[s]);
            fix(pb[s]);
            for (double[] row : pba[s]) {
                fix(row);
            }
            for (double[] row : pab[s]) {
                fix(row);
            }
        }
        return base.toBuilder().priorAgent(pa).priorOpponent(pb).opponentGivenAgent(pba).agentGivenOpponent(pab).build();
    }

    /** Puts the rounding remainder of a distribution on its largest entry. */
    private static void fix(double[] p) {
        RandomChainModels.fix(p);
    }

    private static double[][][] rewards(SplittableRandom rng, int n, int na, int nb, double scale) {
        double[][][] r = new double[n][na][nb];
        for (int s = 0; s < n; s++) {
            for (int a = 0; a < na; a++) {
                for (int b = 0; b < nb; b++) {
                    r[s][a][b] = rng.nextInt(6) == 0 ? 0.0 : RandomMdps.round(scale * (2.0 * rng.nextDouble() - 1.0));
                }
            }
        }
        return r;
    }

    private static double[][] rows(SplittableRandom rng, int n, int m, boolean zeros) {
        double[][] p = new double[n][];
        for (int i = 0; i < n; i++) {
            p[i] = RandomMdps.distribution(rng, m, zeros);
        }
        return p;
    }

    /** A random policy row positive exactly where the prior row is. */
    static double[] policyRow(SplittableRandom rng, double[] prior, int off, int m) {
        double[] p = new double[m];
        double z = 0.0;
        for (int i = 0; i < m; i++) {
            p[i] = prior[off + i] > 0.0 ? 0.05 + rng.nextDouble() : 0.0;
            z += p[i];
        }
        for (int i = 0; i < m; i++) {
            p[i] /= z;
        }
        return p;
    }

    /** A random nonzero finite inverse temperature of either sign. */
    static double signedBeta(SplittableRandom rng) {
        double b = RandomMdps.positiveBeta(rng);
        return rng.nextBoolean() ? b : -b;
    }
}
