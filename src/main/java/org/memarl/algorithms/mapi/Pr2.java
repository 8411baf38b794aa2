package org.memarl.algorithms.mapi;

import org.memarl.algorithms.RunConfig;
import org.memarl.chains.ThesisChains;
import org.memarl.model.Game;
import org.memarl.solve.Solution;

/**
 * PR2, probabilistic recursive reasoning (Wen et al. 2019; thesis section 3.1): the reverse
 * factorisation of ROMMEO, agent marginal and opponent model conditional on the agent's action, in
 * reward units with one inverse temperature:
 *
 * <pre>
 *   Q(s, a, b) = r(s, a, b) + gamma E_{s'} V(s')
 *   Q(s, a)    = M_b^beta[ Q(s, a, .) | P(b | s, a) ]          rho(b | s, a) = P(b|s,a) exp(beta (Q(s,a,b) - Q(s,a)))
 *   V(s)       = M_a^beta[ Q(s, .) | P(a | s) ]                pi(a | s)     = P(a|s) exp(beta (Q(s,a) - V(s)))
 * </pre>
 *
 * Declaration {@link ThesisChains#pr2}: levels {@code agent(beta)} with the prior {@code agent} P(a|s), then
 * {@code opponent(beta)} with {@code opponentGivenAgent} P(b|s,a) ({@link Order#AGENT_FIRST}), solved by
 * {@link GameChains}. Result policies: {@code agent} (pi), {@code opponent} (the marginal
 * {@code sum_a pi(a|s) rho(b|s,a)}), {@code opponentGivenAgent} [s][a][b].
 */
public final class Pr2 {
    private Pr2() {
    }

    public static Solution solve(Game game, RunConfig config) {
        return GameChains.solve("pr2", game, ThesisChains.pr2(config.beta()), config);
    }
}
