package org.memarl.algorithms.mapi;

import org.memarl.InvalidModelException;
import org.memarl.algorithms.ChainRun;
import org.memarl.algorithms.RunConfig;
import org.memarl.chains.ChainDeclaration;
import org.memarl.chains.ChoiceModel;
import org.memarl.chains.ThesisChains;
import org.memarl.model.Game;
import org.memarl.solve.ChainBellman;
import org.memarl.solve.ChainProblem;
import org.memarl.solve.ChainSolution;
import org.memarl.solve.Solution;

/**
 * The MAPI family of thesis chapter 3 as two-level declared chains ({@link ThesisChains#balancingQ},
 * {@link ThesisChains#rommeo}, {@link ThesisChains#pr2}) over the agent's reward {@code r = R^i}, in reward
 * units, solved by {@link org.memarl.solve.ChainSolver}:
 *
 * <pre>
 *   Q(s, a, b) = r(s, a, b) + gamma sum_{s'} T(s' | s, a, b) V(s')                       (3.15), (3.32)
 *   AGENT_FIRST:    V(s) = M_a^{beta_i}[ M_b^{beta_-i}[ Q(s, a, .) | P(b | s, a) ] | P(a | s) ]
 *   OPPONENT_FIRST: V(s) = M_b^{beta_-i}[ M_a^{beta_i}[ Q(s, ., b) | P(a | s, b) ] | P(b | s) ]
 * </pre>
 *
 * Declarations (levels outermost first, priors the game's defaults): AGENT_FIRST is {@code agent(beta_i)}
 * with the prior {@code agent} P(a|s), then {@code opponent(beta_-i)} with {@code opponentGivenAgent}
 * P(b|s,a); OPPONENT_FIRST is {@code opponent(beta_-i)} with {@code opponent} P(b|s), then
 * {@code agent(beta_i)} with {@code agentGivenOpponent} P(a|s,b). The result holds the Boltzmann policies
 * of each reduction: the outer player's marginal and the inner player's conditional, and the executed
 * marginal of the inner player (3.18), {@code pi(a|s) = sum_b rho(b|s) pi(a|s,b)} (resp.
 * {@code rho(b|s) = sum_a pi(a|s) rho(b|s,a)}). ROMMEO is OPPONENT_FIRST with one beta, PR2 AGENT_FIRST
 * with one beta, Balancing Q either order with two betas of any signs (beta_-i &lt; 0: an adversarial
 * opponent model). The thesis's scaled quantities are {@code Q_th = beta Q}; its (3.25)/(3.28) write the
 * marginal P(b|s) where the objective (3.21) has P(b|s,a) — memarl uses P(b|s,a) (the ledger checks the
 * difference). Every such operator is a gamma-contraction in the sup norm for all signs of the betas (each
 * reduction is monotone and commutes with constants). With a game horizon H the same declaration runs the
 * exact backward recursion ({@code V_H = 0}), reporting V_0, {@code Vt}, and Q and the policies of step 0.
 */
public final class GameChains {
    private GameChains() {
    }

    /** The declaration of the given order: {@link ThesisChains#balancingQ} (ROMMEO and PR2 are its one-beta cases). */
    public static ChainDeclaration declaration(Order order, double betaAgent, double betaOpponent) {
        return ThesisChains.balancingQ(order == Order.AGENT_FIRST, betaAgent, betaOpponent);
    }

    /** The declared problem over the game's agent rewards (with the game's horizon). */
    public static ChainProblem problem(Game g, Order order, double betaAgent, double betaOpponent) {
        return declaration(order, betaAgent, betaOpponent).problem(model(g));
    }

    /** The game's choice model without options (options, if the game has them, are not part of these chains). */
    static ChoiceModel model(Game g) {
        return ChoiceModel.of(g.hasOptions() ? g.toBuilder().options(null, null).build() : g);
    }

    /** The Bellman operator on V of the declared chain, over the agent's rewards. */
    public static ChainBellman operator(Game g, Order order, double betaAgent, double betaOpponent) {
        return new ChainBellman(problem(g, order, betaAgent, betaOpponent));
    }

    /**
     * Solves a two-level game declaration (levels {@code agent} and {@code opponent} in either order) and
     * reports it as a game result: {@code V}, {@code Q[s][a][b]} (agent-major whatever the order), the
     * policies {@code agent}, {@code opponent} and the inner player's conditional ({@code opponentGivenAgent}
     * [s][a][b] or {@code agentGivenOpponent} [s][b][a]), and {@code Vt} with a horizon.
     */
    static Solution solve(String name, Game g, ChainDeclaration decl, RunConfig config) {
        boolean agentFirst = "agent".equals(decl.levels().get(0).choice());
        double[] betas = decl.betas(java.util.Map.of());
        double bi = agentFirst ? betas[0] : betas[1];
        double bo = agentFirst ? betas[1] : betas[0];
        ChainProblem p = decl.problem(model(g));
        if (p.horizon() == 0 && g.gamma() >= 1.0) {
            throw new InvalidModelException("gamma: 1 has no contraction bound for " + name
                    + "; use gamma < 1 or a finite horizon");
        }
        Solution.Builder b = Solution.builder(name)
                .parameter("gamma", g.gamma())
                .parameter("betaAgent", bi)
                .parameter("betaOpponent", bo)
                .parameter("order", agentFirst ? "agent-first" : "opponent-first");
        ChainSolution sol = ChainRun.solve(p, config, b, false);
        if (p.horizon() > 0) {
            b.value("Vt", sol.valuesByStep());
        }
        int n = g.numStates();
        int na = g.numAgentActions();
        int nb = g.numOpponentActions();
        double[][] leaf = sol.q();
        double[][] inner = sol.policy(1);
        double[][][] q = new double[n][na][nb];
        int outer = agentFirst ? na : nb;
        int innerSize = agentFirst ? nb : na;
        double[][][] cond = new double[n][outer][innerSize];
        for (int s = 0; s < n; s++) {
            for (int a = 0; a < na; a++) {
                for (int o = 0; o < nb; o++) {
                    q[s][a][o] = agentFirst ? leaf[s][a * nb + o] : leaf[s][o * na + a];
                }
            }
            for (int x = 0; x < outer; x++) {
                System.arraycopy(inner[s], x * innerSize, cond[s][x], 0, innerSize);
            }
        }
        double[][] first = sol.policy(0);
        double[][] second = sol.marginal(1);
        return b.value("V", sol.values()).value("Q", q)
                .policy("agent", agentFirst ? first : second)
                .policy("opponent", agentFirst ? second : first)
                .policy(agentFirst ? "opponentGivenAgent" : "agentGivenOpponent", cond)
                .build();
    }
}
