package org.memarl.ledger;

import java.util.SplittableRandom;
import org.memarl.chains.RandomChainModels;
import org.memarl.model.Game;

/**
 * Seeded generators of small random two-player games for the chapter-3 claims: at most {@code size}
 * states and actions per player, deterministic and stochastic rows, gamma 0 to 0.99, zero-sum, common
 * or general payoffs, marginal priors with zeros and, sometimes, a correlated joint prior P(a,b|s) (given
 * as {@code "joint"} or as its four marginals and conditionals), so that P(b|s,a) and P(a|s,b) differ
 * from the marginals. Every game of {@link #game} has one joint prior ({@link Game#hasJointPrior()}): the
 * claims comparing the two perspectives, or a marginal with a conditional, need it as a hypothesis.
 * {@link #withoutJointPrior} draws valid games whose priors are not one joint prior. Deterministic for a
 * given (seed, size).
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
     * @param conditional whether to draw a correlated joint prior (conditionals different from the marginals) rather
     *     than marginals only
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
        if (conditional) {
            // one correlated joint prior per state, given as such or as its four marginals and conditionals
            double[][][] joint = new double[n][na][nb];
            for (int s = 0; s < n; s++) {
                double[] j = RandomMdps.distribution(rng, na * nb, zeros);
                for (int a = 0; a < na; a++) {
                    System.arraycopy(j, a * nb, joint[s][a], 0, nb);
                }
            }
            b.joint(joint);
            if (rng.nextBoolean()) {
                return separate(b.build());
            }
        } else {
            // marginals only: the conditionals default to them, the joint prior is their product
            if (rng.nextBoolean()) {
                b.priorAgent(rows(rng, n, na, zeros));
            }
            if (rng.nextBoolean()) {
                b.priorOpponent(rows(rng, n, nb, zeros));
            }
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

    /** The game with its priors given as four separate tables (the marginals and conditionals it has). */
    static Game separate(Game g) {
        int n = g.numStates();
        int na = g.numAgentActions();
        int nb = g.numOpponentActions();
        double[] pa = g.priorAgentFlat();
        double[] pb = g.priorOpponentFlat();
        double[] pba = g.opponentGivenAgentFlat();
        double[] pab = g.agentGivenOpponentFlat();
        double[][] a2 = new double[n][na];
        double[][] b2 = new double[n][nb];
        double[][][] ba = new double[n][na][nb];
        double[][][] ab = new double[n][nb][na];
        for (int s = 0; s < n; s++) {
            System.arraycopy(pa, s * na, a2[s], 0, na);
            System.arraycopy(pb, s * nb, b2[s], 0, nb);
            for (int a = 0; a < na; a++) {
                System.arraycopy(pba, (s * na + a) * nb, ba[s][a], 0, nb);
            }
            for (int b = 0; b < nb; b++) {
                System.arraycopy(pab, (s * nb + b) * na, ab[s][b], 0, na);
            }
        }
        return g.toBuilder().joint(null).priorAgent(a2).priorOpponent(b2).opponentGivenAgent(ba).agentGivenOpponent(ab)
                .build();
    }

    /**
     * A valid random game whose priors are not one joint prior: P(a|s) and P(b|s,a) from a correlated joint prior,
     * an independent marginal P(b|s), and P(a|s,b) left to default to P(a|s) (three priors given; only four given
     * priors must agree).
     */
    public static Game withoutJointPrior(SplittableRandom rng, int n, int na, int nb, double gamma) {
        if (nb < 2) {
            throw new IllegalArgumentException("nb: " + nb + " opponent action; every prior pair is then one joint prior");
        }
        Game g = game(rng, n, na, nb, gamma, true);
        double[][] pb = rows(rng, n, nb, false);
        Game sep = separate(g);
        return sep.toBuilder().agentGivenOpponent(null).priorOpponent(pb).build();
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
