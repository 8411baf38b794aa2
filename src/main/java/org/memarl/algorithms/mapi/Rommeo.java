package org.memarl.algorithms.mapi;

import org.memarl.algorithms.RunConfig;
import org.memarl.chains.ThesisChains;
import org.memarl.model.Game;
import org.memarl.solve.Solution;

/**
 * ROMMEO (thesis (3.14)-(3.15), (3.18); Tian et al. 2019), in reward units with one inverse temperature:
 *
 * <pre>
 *   Q(s, a, b)  = r(s, a, b) + gamma E_{s'} V(s')
 *   Q(s, b)     = M_a^beta[ Q(s, ., b) | P(a | s, b) ]        pi(a | s, b) = P(a|s,b) exp(beta (Q(s,a,b) - Q(s,b)))
 *   V(s)        = M_b^beta[ Q(s, .)    | P(b | s) ]           rho(b | s)   = P(b|s) exp(beta (Q(s,b) - V(s)))
 *   pi(a | s)   = sum_b rho(b | s) pi(a | s, b)                                                      (3.18)
 * </pre>
 *
 * Declaration {@link ThesisChains#rommeo}: levels {@code opponent(beta)} with the prior {@code opponent}
 * P(b|s), then {@code agent(beta)} with {@code agentGivenOpponent} P(a|s,b) ({@link Order#OPPONENT_FIRST}),
 * solved by {@link GameChains}. Result policies: {@code agent} (marginal (3.18)), {@code opponent} (rho),
 * {@code agentGivenOpponent} [s][b][a].
 */
public final class Rommeo {
    private Rommeo() {
    }

    public static Solution solve(Game game, RunConfig config) {
        return GameChains.solve("rommeo", game, ThesisChains.rommeo(config.beta()), config);
    }
}
