package org.memarl.algorithms.mapi;

/**
 * Which player's choice is the outer reduction of a two-player chain (the factorisation of the joint
 * policy, thesis (3.2)).
 */
public enum Order {
    /**
     * {@code V(s) = M_a^{beta_i}[ M_b^{beta_-i}[Q(s,a,.) | P(b|s,a)] | P(a|s) ]}: the agent's marginal
     * pi(a|s) and the opponent model's conditional rho(b|s,a). PR2; Balancing Q from the agent's
     * perspective (3.28), (3.32).
     */
    AGENT_FIRST,
    /**
     * {@code V(s) = M_b^{beta_-i}[ M_a^{beta_i}[Q(s,.,b) | P(a|s,b)] | P(b|s) ]}: the opponent model's
     * marginal rho(b|s) and the agent's conditional pi(a|s,b). ROMMEO (3.14)-(3.15); Balancing Q from
     * the opponent's perspective (3.30).
     */
    OPPONENT_FIRST
}
