package org.memarl.algorithms.mapi;

import org.memarl.InvalidModelException;
import org.memarl.algorithms.classical.PolicyEvaluation;
import org.memarl.model.Game;
import org.memarl.model.Mdp;

/**
 * Exact evaluation of a pair of policies with both regularisers (the evaluation operators of
 * Theorems 8 and 9, (3.34) and (3.39)), in reward units:
 *
 * <pre>
 *   Q^{pi,rho}(s,a,b) = r(s,a,b) + gamma E_{s'} E_{pi,rho}[ Q^{pi,rho}(s',a',b') - (1/beta_i) log(pi/P) - (1/beta_-i) log(rho/P) ]
 * </pre>
 *
 * in either factorisation: agent first, {@code pi(a|s) rho(b|s,a)} with priors {@code P(a|s)},
 * {@code P(b|s,a)}; or opponent first, {@code rho(b|s) pi(a|s,b)} with priors {@code P(b|s)},
 * {@code P(a|s,b)}. Solved as one linear system ({@link PolicyEvaluation#exact}) on the MDP whose actions
 * are the joint actions and whose rewards carry the regularisers. An infinite beta drops its
 * regulariser; a policy with mass outside its prior's support, or beta = 0 with a policy other than the
 * prior, is an error (the regulariser is infinite).
 */
public final class GameEvaluation {
    private GameEvaluation() {
    }

    /** V and Q of an evaluation. */
    public static final class Result {
        public final double[] v;
        public final double[][][] q;

        Result(double[] v, double[][][] q) {
            this.v = v;
            this.q = q;
        }
    }

    /** Agent first: {@code pi[s][a]}, {@code rho[s][a][b]}. */
    public static Result agentFirst(Game g, double[][] pi, double[][][] rho, double betaAgent, double betaOpponent) {
        int n = g.numStates();
        int na = g.numAgentActions();
        int nb = g.numOpponentActions();
        double[] pa = g.priorAgentFlat();
        double[] pba = g.opponentGivenAgentFlat();
        double[][] w = new double[n][na * nb];
        double[][] reg = new double[n][na * nb];
        for (int s = 0; s < n; s++) {
            for (int a = 0; a < na; a++) {
                double ra = term("policy.agent[" + s + "][" + a + "]", pi[s][a], pa[s * na + a], betaAgent);
                for (int b = 0; b < nb; b++) {
                    double rb = term("policy.opponentGivenAgent[" + s + "][" + a + "][" + b + "]", rho[s][a][b],
                            pba[(s * na + a) * nb + b], betaOpponent);
                    w[s][a * nb + b] = pi[s][a] * rho[s][a][b];
                    reg[s][a * nb + b] = ra + rb;
                }
            }
        }
        return solve(g, w, reg);
    }

    /** Opponent first: {@code rho[s][b]}, {@code pi[s][b][a]}. */
    public static Result opponentFirst(Game g, double[][] rho, double[][][] pi, double betaAgent, double betaOpponent) {
        int n = g.numStates();
        int na = g.numAgentActions();
        int nb = g.numOpponentActions();
        double[] pb = g.priorOpponentFlat();
        double[] pab = g.agentGivenOpponentFlat();
        double[][] w = new double[n][na * nb];
        double[][] reg = new double[n][na * nb];
        for (int s = 0; s < n; s++) {
            for (int b = 0; b < nb; b++) {
                double rb = term("policy.opponent[" + s + "][" + b + "]", rho[s][b], pb[s * nb + b], betaOpponent);
                for (int a = 0; a < na; a++) {
                    double ra = term("policy.agentGivenOpponent[" + s + "][" + b + "][" + a + "]", pi[s][b][a],
                            pab[(s * nb + b) * na + a], betaAgent);
                    w[s][a * nb + b] = rho[s][b] * pi[s][b][a];
                    reg[s][a * nb + b] = ra + rb;
                }
            }
        }
        return solve(g, w, reg);
    }

    /** {@code -(1/beta) log(p/prior)}, 0 where p = 0 or beta is infinite. */
    private static double term(String where, double p, double prior, double beta) {
        if (!(p > 0.0) || Double.isInfinite(beta)) {
            return 0.0;
        }
        if (!(prior > 0.0)) {
            throw new InvalidModelException(where + ": probability " + p + " where the prior is 0: the regulariser is infinite");
        }
        if (beta == 0.0) {
            if (Math.abs(Math.log(p / prior)) > 1e-12) {
                throw new InvalidModelException(where + ": beta 0 allows only the prior (probability " + p + " vs prior " + prior + ")");
            }
            return 0.0;
        }
        return -Math.log(p / prior) / beta;
    }

    private static Result solve(Game g, double[][] w, double[][] reg) {
        int n = g.numStates();
        int na = g.numAgentActions();
        int nb = g.numOpponentActions();
        double[][] r = new double[n][na * nb];
        for (int s = 0; s < n; s++) {
            for (int j = 0; j < na * nb; j++) {
                r[s][j] = g.rewardAgent(s, j / nb, j % nb) + reg[s][j];
            }
        }
        Mdp joint = Mdp.builder().states(n).actions(na * nb).gamma(g.gamma()).transitions(g.transitions()).rewards(r).build();
        double[] v = PolicyEvaluation.exact(joint, normalise(w), Double.POSITIVE_INFINITY);
        double[][][] q = new double[n][na][nb];
        for (int s = 0; s < n; s++) {
            for (int a = 0; a < na; a++) {
                for (int b = 0; b < nb; b++) {
                    q[s][a][b] = g.rewardAgent(s, a, b) + g.gamma() * g.transitions().expect(g.row(s, a, b), v);
                }
            }
        }
        return new Result(v, q);
    }

    /** Joint weights are products of normalised rows; renormalise away rounding. */
    private static double[][] normalise(double[][] w) {
        for (double[] row : w) {
            double z = 0.0;
            for (double x : row) {
                z += x;
            }
            for (int i = 0; i < row.length; i++) {
                row[i] /= z;
            }
        }
        return w;
    }
}
