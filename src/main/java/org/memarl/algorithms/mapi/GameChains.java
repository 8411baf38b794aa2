package org.memarl.algorithms.mapi;

import org.memarl.InvalidModelException;
import org.memarl.kernel.Chain;
import org.memarl.kernel.LevelPrior;
import org.memarl.model.Game;
import org.memarl.solve.ChainBellman;
import org.memarl.solve.FixedPoint;
import org.memarl.solve.FixedPointDriver;
import org.memarl.solve.IterationOptions;
import org.memarl.solve.ProgressListener;
import org.memarl.solve.Solution;

/**
 * The MAPI family of thesis chapter 3 as two-level chains of the one kernel
 * ({@link org.memarl.kernel.SoftExtremum}) over the agent's reward {@code r = R^i}, in reward units:
 *
 * <pre>
 *   Q(s, a, b) = r(s, a, b) + gamma sum_{s'} T(s' | s, a, b) V(s')                       (3.15), (3.32)
 *   AGENT_FIRST:    V(s) = M_a^{beta_i}[ M_b^{beta_-i}[ Q(s, a, .) | P(b | s, a) ] | P(a | s) ]
 *   OPPONENT_FIRST: V(s) = M_b^{beta_-i}[ M_a^{beta_i}[ Q(s, ., b) | P(a | s, b) ] | P(b | s) ]
 * </pre>
 *
 * with the Boltzmann policies of each reduction: the outer player's marginal and the inner player's
 * conditional, and the executed marginal of the inner player (3.18),
 * {@code pi(a|s) = sum_b rho(b|s) pi(a|s,b)} (resp. {@code rho(b|s) = sum_a pi(a|s) rho(b|s,a)}).
 * ROMMEO is OPPONENT_FIRST with one beta, PR2 AGENT_FIRST with one beta, Balancing Q either order with
 * two betas of any signs (beta_-i &lt; 0: an adversarial opponent model). The thesis's scaled
 * quantities are {@code Q_th = beta Q}; its (3.25)/(3.28) write the marginal P(b|s) where the objective
 * (3.21) has P(b|s,a) — memarl uses P(b|s,a) (the ledger checks the difference). Every such operator
 * is a gamma-contraction in the sup norm for all signs of the betas (each reduction is monotone and
 * commutes with constants).
 */
public final class GameChains {
    private GameChains() {
    }

    /** The chain of the given order over the game's priors. */
    public static Chain chain(Game g, Order order, double betaAgent, double betaOpponent) {
        int na = g.numAgentActions();
        int nb = g.numOpponentActions();
        if (order == Order.AGENT_FIRST) {
            return Chain.builder(g.numStates())
                    .level("agent", na, betaAgent, LevelPrior.marginal(g.priorAgentFlat()))
                    .level("opponent", nb, betaOpponent, LevelPrior.conditional(g.opponentGivenAgentFlat()))
                    .build();
        }
        return Chain.builder(g.numStates())
                .level("opponent", nb, betaOpponent, LevelPrior.marginal(g.priorOpponentFlat()))
                .level("agent", na, betaAgent, LevelPrior.conditional(g.agentGivenOpponentFlat()))
                .build();
    }

    /** Leaf-to-row permutation of an OPPONENT_FIRST chain: leaf {@code b A + a} reads row offset {@code a B + b}. */
    static int[] opponentFirstLeaves(int na, int nb) {
        int[] p = new int[na * nb];
        for (int b = 0; b < nb; b++) {
            for (int a = 0; a < na; a++) {
                p[b * na + a] = a * nb + b;
            }
        }
        return p;
    }

    /** The Bellman operator on V of the chain, over the agent's rewards. */
    public static ChainBellman operator(Game g, Order order, double betaAgent, double betaOpponent) {
        Chain c = chain(g, order, betaAgent, betaOpponent);
        int[] perm = order == Order.AGENT_FIRST ? null : opponentFirstLeaves(g.numAgentActions(), g.numOpponentActions());
        return new ChainBellman(g.transitions(), g.rewardsAgentFlat(), g.gamma(), c, perm);
    }

    /**
     * Solves the chain: the fixed point (or, when the game has a horizon, the exact backward recursion)
     * with values, the agent's Q[s][a][b] and all policies.
     */
    public static Solution solve(String name, Game g, Order order, double betaAgent, double betaOpponent,
                                 IterationOptions options, ProgressListener progress) {
        ChainBellman op = operator(g, order, betaAgent, betaOpponent);
        int n = g.numStates();
        Solution.Builder b = Solution.builder(name)
                .parameter("gamma", g.gamma())
                .parameter("betaAgent", betaAgent)
                .parameter("betaOpponent", betaOpponent)
                .parameter("order", order == Order.AGENT_FIRST ? "agent-first" : "opponent-first");
        double[] v;
        if (g.horizon() > 0) {
            int h = g.horizon();
            double[][] vt = new double[h + 1][n];
            double[] next = new double[n];
            for (int t = h - 1; t >= 0; t--) {
                op.apply(vt[t + 1], next);
                System.arraycopy(next, 0, vt[t], 0, n);
            }
            b.parameter("horizon", h).converged(true).iterations(h).residual(0.0).errorBound(0.0).value("Vt", vt);
            // Q and the policies of step 0 use the message V_1 of the next step; V is V_0
            fill(b, g, op, order, vt[1], vt[0]);
            return b.build();
        }
        if (g.gamma() >= 1.0) {
            throw new InvalidModelException("gamma: 1 has no contraction bound for " + name + "; use gamma < 1 or a finite horizon");
        }
        FixedPoint fp = FixedPointDriver.solve(op, new double[n], options, progress);
        v = fp.values();
        b.parameter("tolerance", options.tolerance()).parameter("maxIterations", options.maxIterations()).fixedPoint(fp);
        fill(b, g, op, order, v, v);
        return b.build();
    }

    /**
     * Fills V, Q and the policies at the state values {@code next} (the message of the next step),
     * reporting {@code vReported} as V.
     */
    private static void fill(Solution.Builder b, Game g, ChainBellman op, Order order, double[] next, double[] vReported) {
        int n = g.numStates();
        int na = g.numAgentActions();
        int nb = g.numOpponentActions();
        Chain c = op.chain();
        double[][][] q = new double[n][na][nb];
        double[][] agent = new double[n][na];
        double[][] opponent = new double[n][nb];
        double[][][] cond = order == Order.AGENT_FIRST ? new double[n][na][nb] : new double[n][nb][na];
        double[] rows = new double[na * nb];
        double[] leaf = new double[na * nb];
        for (int s = 0; s < n; s++) {
            op.qRows(s, next, rows, 0);
            op.q(s, next, leaf, 0);
            for (int a = 0; a < na; a++) {
                System.arraycopy(rows, a * nb, q[s][a], 0, nb);
            }
            op.reduce(s, leaf, 0);
            if (order == Order.AGENT_FIRST) {
                c.policy(0, 0, op.workspace(), agent[s], 0);
                for (int a = 0; a < na; a++) {
                    c.policy(1, a, op.workspace(), cond[s][a], 0);
                    for (int o = 0; o < nb; o++) {
                        opponent[s][o] += agent[s][a] * cond[s][a][o];
                    }
                }
            } else {
                c.policy(0, 0, op.workspace(), opponent[s], 0);
                for (int o = 0; o < nb; o++) {
                    c.policy(1, o, op.workspace(), cond[s][o], 0);
                    for (int a = 0; a < na; a++) {
                        agent[s][a] += opponent[s][o] * cond[s][o][a];
                    }
                }
            }
        }
        b.value("V", vReported).value("Q", q).policy("agent", agent).policy("opponent", opponent)
                .policy(order == Order.AGENT_FIRST ? "opponentGivenAgent" : "agentGivenOpponent", cond);
    }
}
