package org.memarl.algorithms.games;

import org.memarl.InvalidModelException;
import org.memarl.model.Game;
import org.memarl.model.TransitionMatrix;

/**
 * The stage games of a two-player stochastic game at given next-state values,
 * {@code Q^i(s, a, b) = R^i(s, a, b) + gamma sum_{s'} T(s' | s, a, b) V^i(s')} (thesis (2.65)), and the
 * action masks of the marginal priors (an action with {@code P(a | s) = 0}, resp. {@code P(b | s) = 0},
 * is never played). Package-private plumbing of the game solvers.
 */
final class StageGames {
    final Game game;
    final int n;
    final int na;
    final int nb;
    final double gamma;
    final TransitionMatrix t;
    final double[] rAgent;
    final double[] rOpponent;
    final boolean[][] agentAllowed;
    final boolean[][] opponentAllowed;

    StageGames(Game game) {
        this.game = game;
        this.n = game.numStates();
        this.na = game.numAgentActions();
        this.nb = game.numOpponentActions();
        this.gamma = game.gamma();
        this.t = game.transitions();
        this.rAgent = game.rewardsAgentFlat();
        this.rOpponent = game.rewardsOpponentFlat();
        double[] pa = game.priorAgentFlat();
        double[] pb = game.priorOpponentFlat();
        this.agentAllowed = new boolean[n][na];
        this.opponentAllowed = new boolean[n][nb];
        for (int s = 0; s < n; s++) {
            for (int a = 0; a < na; a++) {
                agentAllowed[s][a] = pa[s * na + a] > 0.0;
            }
            for (int b = 0; b < nb; b++) {
                opponentAllowed[s][b] = pb[s * nb + b] > 0.0;
            }
        }
    }

    /** {@code out[a][b] = r(s,a,b) + gamma E[v(s') | s,a,b]} for the reward table {@code r} (flat). */
    void stage(double[] r, int s, double[] v, int vOffset, double[][] out) {
        for (int a = 0; a < na; a++) {
            for (int b = 0; b < nb; b++) {
                int row = (s * na + a) * nb + b;
                out[a][b] = gamma == 0.0 ? r[row] : r[row] + gamma * expect(row, v, vOffset);
            }
        }
    }

    /** {@code sum_{s'} T(s' | row) v[vOffset + s']}. */
    double expect(int row, double[] v, int vOffset) {
        if (vOffset == 0 && v.length == n) {
            return t.expect(row, v);
        }
        double e = 0.0;
        for (int k = t.rowStart(row); k < t.rowEnd(row); k++) {
            e += t.entryProbability(k) * v[vOffset + t.entryColumn(k)];
        }
        return e;
    }

    /** {@code Q[s][a][b]} at next-state values {@code v} for the reward table {@code r}. */
    double[][][] q(double[] r, double[] v, int vOffset) {
        double[][][] q = new double[n][na][nb];
        for (int s = 0; s < n; s++) {
            stage(r, s, v, vOffset, q[s]);
        }
        return q;
    }

    /**
     * Refuses a game that is not zero-sum: the sum type is {@code zero}, or the opponent's rewards are
     * exactly the negated agent's.
     */
    static void requireZeroSum(String algorithm, Game g) {
        if (g.sum() == Game.Sum.ZERO) {
            return;
        }
        for (int s = 0; s < g.numStates(); s++) {
            for (int a = 0; a < g.numAgentActions(); a++) {
                for (int b = 0; b < g.numOpponentActions(); b++) {
                    double ra = g.rewardAgent(s, a, b);
                    double ro = g.rewardOpponent(s, a, b);
                    if (ro != -ra) {
                        throw new InvalidModelException("rewards.opponent[" + s + "][" + a + "][" + b + "]: " + ro
                                + " is not the negated agent reward " + (-ra) + " (agent's " + ra + "); " + algorithm + " needs a zero-sum game"
                                + " (sum \"" + g.sum().label() + "\"); use foe-q or nash-q for general-sum games");
                    }
                }
            }
        }
    }

    /** Infinite-horizon runs need gamma &lt; 1. */
    static void requireDiscount(String algorithm, Game g) {
        if (g.horizon() == 0 && !(g.gamma() < 1.0)) {
            throw new InvalidModelException("gamma: " + g.gamma() + " has no contraction bound for " + algorithm
                    + "; use gamma < 1 or a finite horizon");
        }
    }
}
