package org.memarl.sweep;

import java.util.Locale;
import org.memarl.UsageException;
import org.memarl.algorithms.RunConfig;
import org.memarl.algorithms.registry.Registered;

/**
 * The inverse temperature a sweep varies: {@code beta} (the one beta of an MDP algorithm; both players' of a game,
 * as {@code solve --beta} sets them), or one player's of a two-temperature game algorithm ({@code beta-agent},
 * {@code beta-opponent}), the other keeping its given value.
 */
public enum SweepParameter {
    BETA("beta"),
    BETA_AGENT("beta-agent"),
    BETA_OPPONENT("beta-opponent");

    private final String label;

    SweepParameter(String label) {
        this.label = label;
    }

    /** The command-line and file spelling. */
    public String label() {
        return label;
    }

    /** The parameter spelled {@code s}, or a usage error listing the three. */
    public static SweepParameter of(String s) {
        for (SweepParameter p : values()) {
            if (p.label.equals(s.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new UsageException("vary: \"" + org.memarl.model.Fmt.safe(s) + "\" is not beta, beta-agent or beta-opponent");
    }

    /**
     * Sets this parameter to {@code x} in {@code b}: {@code beta} sets both players' betas (an MDP algorithm reads
     * the first only).
     */
    void apply(RunConfig.Builder b, double x) {
        switch (this) {
            case BETA -> b.beta(x).betaOpponent(x);
            case BETA_AGENT -> b.beta(x);
            default -> b.betaOpponent(x);
        }
    }

    /**
     * Refuses an algorithm this parameter does not change.
     *
     * @throws UsageException naming the algorithm and what it takes
     */
    void check(Registered<?> alg) {
        boolean one = alg.entry().options().contains(Registered.Option.BETA);
        boolean two = alg.entry().options().contains(Registered.Option.TWO_BETAS);
        if (!one) {
            throw new UsageException("algorithm: " + alg.id() + " has no inverse temperature to sweep (sweep applies to"
                    + " the soft algorithms)");
        }
        if (this != BETA && !two) {
            throw new UsageException("vary: " + alg.id() + " has one inverse temperature; use --vary beta (--vary "
                    + label + " applies to gr2, balancing-q and probabilistic-balancing-q)");
        }
    }
}
