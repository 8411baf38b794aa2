package org.memarl.algorithms.mapi;

import org.memarl.algorithms.RunConfig;
import org.memarl.chains.ThesisChains;
import org.memarl.model.Game;
import org.memarl.solve.Solution;

/**
 * Balancing Q-learning (Grau-Moya et al. 2018; thesis (3.21)-(3.32)) solved exactly, with the agent's
 * inverse temperature beta_i and the opponent model's beta_-i of any signs (beta_-i &lt; 0: an
 * adversarial opponent), in reward units.
 *
 * <p>Agent's perspective ((3.28), (3.32), objective (3.21)):
 * <pre>
 *   Q(s, a, b) = r(s, a, b) + gamma E_{s'} V(s')
 *   V(s) = M_a^{beta_i}[ M_b^{beta_-i}[ Q(s, a, .) | P(b | s, a) ] | P(a | s) ]
 * </pre>
 * (the thesis's {@code Q^i(s,a) = (beta_i/beta_-i) log E_{P(b|s)} exp(beta_-i Q)} is {@code beta_i} times
 * the inner reduction; it writes the marginal P(b|s) where (3.21) conditions on a — memarl uses P(b|s,a)).
 * Opponent's perspective ((3.29)-(3.30)): {@code V(s) = M_b^{beta_-i}[ M_a^{beta_i}[ Q(s, ., b) | P(a|s,b) ] | P(b|s) ]}.
 * The thesis's (3.31) claims the two perspectives' values coincide; the ledger shows they do not in
 * general (the order of a max and a min matters) and states when they do.
 *
 * <p>Declaration {@link ThesisChains#balancingQ}: agent's perspective {@code agent(beta_i)} with the prior
 * {@code agent} P(a|s), then {@code opponent(beta_-i)} with {@code opponentGivenAgent} P(b|s,a); opponent's
 * perspective {@code opponent(beta_-i)} with {@code opponent} P(b|s), then {@code agent(beta_i)} with
 * {@code agentGivenOpponent} P(a|s,b); solved by {@link GameChains} (fixed point, or the exact backward
 * recursion with a horizon).
 */
public final class BalancingQ {
    private BalancingQ() {
    }

    public static Solution solve(Game game, RunConfig config) {
        boolean agent = config.perspective() == RunConfig.Perspective.AGENT;
        return GameChains.solve("balancing-q", game, ThesisChains.balancingQ(agent, config.beta(), config.betaOpponent()),
                config);
    }
}
