package org.memarl.ledger;

import java.util.SplittableRandom;
import org.memarl.chains.RandomChainModels;
import org.memarl.model.Mdp;

/**
 * Seeded generators of small random MDPs for the theorem ledger and the property tests, with the
 * edge cases the claims must survive: one state, one action, deterministic transition rows,
 * gamma = 0 and gamma near 1, priors with zero entries, rewards of mixed signs and scales.
 * {@code size} (1, 2, 3, ...) bounds the state and action counts, so searching sizes in increasing
 * order finds the smallest counterexample first. Deterministic for a given (seed, size).
 */
public final class RandomMdps {
    private RandomMdps() {
    }

    /** A random dense MDP with at most {@code size} states and {@code size} actions (and at least 1). */
    public static Mdp mdp(long seed, int size) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 1 + rng.nextInt(Math.max(1, size));
        int m = 1 + rng.nextInt(Math.max(1, size));
        return mdp(rng, n, m, gamma(rng));
    }

    /** A random MDP with the given shape and discount. */
    public static Mdp mdp(SplittableRandom rng, int n, int m, double gamma) {
        double[][][] t = new double[n][m][];
        for (int s = 0; s < n; s++) {
            for (int a = 0; a < m; a++) {
                t[s][a] = rng.nextInt(4) == 0 ? deterministic(rng, n) : distribution(rng, n, false);
            }
        }
        double scale = rewardScale(rng);
        double[][] r = new double[n][m];
        for (int s = 0; s < n; s++) {
            for (int a = 0; a < m; a++) {
                r[s][a] = rng.nextInt(6) == 0 ? 0.0 : scale * (2.0 * rng.nextDouble() - 1.0);
            }
        }
        double[][] p = null;
        int pk = rng.nextInt(3);
        if (pk > 0) {
            p = new double[n][];
            for (int s = 0; s < n; s++) {
                p[s] = distribution(rng, m, pk == 2);
            }
        }
        return Mdp.builder().name("random").states(n).actions(m).gamma(gamma).transitions(t).rewards(r).prior(p).build();
    }

    /** gamma in {0, 0.5, random in (0, 0.95), 0.99}. */
    public static double gamma(SplittableRandom rng) {
        return RandomChainModels.gamma(rng);
    }

    /** A random inverse temperature: positive, spanning 1e-3 .. 1e3 on a log scale, or a round value. */
    public static double positiveBeta(SplittableRandom rng) {
        switch (rng.nextInt(5)) {
            case 0:
                return 1.0;
            case 1:
                return 0.1;
            default:
                return round(Math.pow(10.0, -3.0 + 6.0 * rng.nextDouble()));
        }
    }

    static double rewardScale(SplittableRandom rng) {
        return RandomChainModels.rewardScale(rng);
    }

    static double[] deterministic(SplittableRandom rng, int n) {
        return RandomChainModels.deterministic(rng, n);
    }

    /**
     * A random distribution over n outcomes, with values rounded to 1/64 so that counterexamples print
     * compactly; with {@code zeros} some entries are 0 (at least one stays positive).
     */
    public static double[] distribution(SplittableRandom rng, int n, boolean zeros) {
        return RandomChainModels.distribution(rng, n, zeros);
    }

    /** A random stochastic policy {@code pi[s][a]}, positive where {@code support} is positive. */
    public static double[][] policy(SplittableRandom rng, Mdp mdp, boolean deterministic) {
        int n = mdp.numStates();
        int m = mdp.numActions();
        double[][] pi = new double[n][m];
        for (int s = 0; s < n; s++) {
            if (deterministic) {
                int a;
                do {
                    a = rng.nextInt(m);
                } while (mdp.prior(s, a) <= 0.0);
                pi[s][a] = 1.0;
            } else {
                double z = 0.0;
                for (int a = 0; a < m; a++) {
                    pi[s][a] = mdp.prior(s, a) > 0.0 ? 0.05 + rng.nextDouble() : 0.0;
                    z += pi[s][a];
                }
                for (int a = 0; a < m; a++) {
                    pi[s][a] /= z;
                }
            }
        }
        return pi;
    }

    /** Rounds to 4 significant digits so counterexample files stay readable. */
    static double round(double x) {
        return RandomChainModels.round(x);
    }
}
