package org.memarl.ledger;

import java.util.SplittableRandom;
import org.memarl.chains.RandomChainModels;
import org.memarl.model.Game;
import org.memarl.model.Mdp;
import org.memarl.model.OptionSpec;

/**
 * Random option priors (chapter 4) for the ledger: 1 to 3 options, action priors with some zero entries,
 * termination probabilities 0, 1 or random, master priors uniform or random. Deterministic for a seed.
 */
public final class RandomOptions {
    private RandomOptions() {
    }

    /** A random discounted MDP (gamma 1 becomes 0.9) with random options, at most {@code size} states, actions, options. */
    public static Mdp mdp(long seed, int size) {
        SplittableRandom rng = new SplittableRandom(seed ^ 0x0C7105L);
        Mdp base = RandomMdps.mdp(seed, size);
        if (base.gamma() >= 1.0) {
            base = base.withGamma(0.9);
        }
        int m = 1 + rng.nextInt(Math.max(1, Math.min(size, 3)));
        return base.toBuilder().options(spec(rng, "options", m, base.numStates(), base.numActions(), base.priorFlat())).build();
    }

    /** A random discounted game with random options for both players. */
    public static Game game(long seed, int size) {
        SplittableRandom rng = new SplittableRandom(seed ^ 0x0C7106L);
        Game base = Chapter3Claims.discountedGame(seed, Math.min(size, 3));
        int mi = 1 + rng.nextInt(Math.max(1, Math.min(size, 2)));
        int mo = 1 + rng.nextInt(Math.max(1, Math.min(size, 2)));
        return base.toBuilder().options(
                spec(rng, "options.agent", mi, base.numStates(), base.numAgentActions(), base.priorAgentFlat()),
                spec(rng, "options.opponent", mo, base.numStates(), base.numOpponentActions(), base.priorOpponentFlat()))
                .build();
    }

    /** Random option priors; with {@code m == 1} and a coin flip the action prior is the base prior. */
    static OptionSpec spec(SplittableRandom rng, String key, int m, int n, int na, double[] basePrior) {
        return RandomChainModels.options(rng, key, m, n, na, basePrior);
    }

    /** A random distribution supported inside the prior's support (positive where the prior is). */
    static double[] within(SplittableRandom rng, double[] prior, int off, int len) {
        return RandomGames.policyRow(rng, prior, off, len);
    }

    /** A random termination probability compatible with the prior probability p of b = 1. */
    static double termination(SplittableRandom rng, double p) {
        if (p <= 0.0) {
            return 0.0;
        }
        if (p >= 1.0) {
            return 1.0;
        }
        return 0.02 + 0.96 * rng.nextDouble();
    }
}
