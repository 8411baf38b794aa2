package org.memarl.experiment;

import org.memarl.InvalidModelException;

/**
 * One learner of the matrix-game experiment: its kind and its two inverse temperatures (before the
 * schedule omega_t multiplies them), {@code betaAgent} for its own policy and {@code betaOpponent} for
 * its opponent model (negative: an adversarial model). Immutable and validated.
 *
 * @param kind the agent's algorithm
 * @param betaAgent the agent's inverse temperature beta^agent (finite, nonzero)
 * @param betaOpponent the opponent model's inverse temperature beta^opp (finite, nonzero); equal to
 *        betaAgent for {@link AgentKind#PR2} and {@link AgentKind#ROMMEO}
 */
public record PlayerSpec(AgentKind kind, double betaAgent, double betaOpponent) {
    public PlayerSpec {
        if (kind == null) {
            throw new InvalidModelException("agent: missing kind");
        }
        if (!Double.isFinite(betaAgent) || betaAgent == 0.0) {
            throw new InvalidModelException("beta-agent: " + betaAgent + " is not a finite nonzero inverse temperature");
        }
        if (!Double.isFinite(betaOpponent) || betaOpponent == 0.0) {
            throw new InvalidModelException("beta-opponent: " + betaOpponent + " is not a finite nonzero inverse temperature");
        }
        if (kind != AgentKind.BALANCING_Q && betaOpponent != betaAgent) {
            throw new InvalidModelException("beta-opponent: " + kind.id() + " has one inverse temperature (got "
                    + betaAgent + " and " + betaOpponent + "); use balancing-q for two");
        }
    }

    /** ROMMEO with one inverse temperature. */
    public static PlayerSpec rommeo(double beta) {
        return new PlayerSpec(AgentKind.ROMMEO, beta, beta);
    }

    /** PR2 with one inverse temperature (a cooperative opponent model). */
    public static PlayerSpec pr2(double beta) {
        return new PlayerSpec(AgentKind.PR2, beta, beta);
    }

    /** Balancing Q with its own and its opponent model's inverse temperatures. */
    public static PlayerSpec balancingQ(double betaAgent, double betaOpponent) {
        return new PlayerSpec(AgentKind.BALANCING_Q, betaAgent, betaOpponent);
    }
}
