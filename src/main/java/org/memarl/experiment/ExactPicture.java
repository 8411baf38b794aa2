package org.memarl.experiment;

import org.memarl.InvalidModelException;
import org.memarl.algorithms.RunConfig;
import org.memarl.algorithms.mapi.BalancingQ;
import org.memarl.algorithms.mapi.Pr2;
import org.memarl.algorithms.mapi.Rommeo;
import org.memarl.model.Game;
import org.memarl.solve.Solution;

/**
 * The exact picture behind the learning curves: the closed-form (no sampling) policies of a learner
 * on the <em>true</em> payoff of the player it is, over a grid of inverse temperatures, computed with
 * the library's solvers ({@link Rommeo}, {@link Pr2}, {@link BalancingQ} on {@link Game#matrix}).
 *
 * <p>A learner of {@link MatrixGameLearner} at schedule value omega uses the inverse temperatures
 * (beta_agent omega, beta_opp omega). Once its table has converged to its payoff (every entry
 * sampled often enough; with a constant learning rate and deterministic rewards it converges
 * geometrically) its policy is this closed form at {@code beta = beta_agent omega}, with the opponent
 * model at {@code beta * beta_opp / beta_agent}. The x axis of the exact picture is that beta; a run of
 * T steps sweeps beta from beta_agent to beta_agent 1.01^(T-1).
 */
public final class ExactPicture {
    private ExactPicture() {
    }

    /** {@code n} log-spaced values from {@code lo} to {@code hi} inclusive (exact at the ends). */
    public static double[] logGrid(double lo, double hi, int n) {
        if (!(lo > 0.0 && hi > lo && Double.isFinite(hi)) || n < 2) {
            throw new InvalidModelException("beta grid: [" + lo + ", " + hi + "] with " + n + " points is not a log grid");
        }
        double[] g = new double[n];
        double l0 = Math.log10(lo);
        double l1 = Math.log10(hi);
        for (int k = 0; k < n; k++) {
            g[k] = k == 0 ? lo : k == n - 1 ? hi : Math.pow(10.0, l0 + (l1 - l0) * k / (n - 1));
        }
        return g;
    }

    /**
     * The closed-form solution of the player's algorithm at agent inverse temperature {@code beta} (the
     * opponent model's is {@code beta * betaOpponent / betaAgent}), on the game whose agent payoff is the
     * player's own.
     *
     * @param game a matrix game from the player's point of view (its own payoff as the agent's)
     * @param spec the player's kind and inverse temperatures (only their ratio matters here)
     * @param beta the agent's effective inverse temperature
     */
    public static Solution solve(Game game, PlayerSpec spec, double beta) {
        double betaOpp = beta * (spec.betaOpponent() / spec.betaAgent());
        switch (spec.kind()) {
            case ROMMEO:
                return Rommeo.solve(game, RunConfig.builder().beta(beta).build());
            case PR2:
                return Pr2.solve(game, RunConfig.builder().beta(beta).build());
            case BALANCING_Q:
                return BalancingQ.solve(game, RunConfig.builder().beta(beta).betaOpponent(betaOpp)
                        .perspective(RunConfig.Perspective.AGENT).build());
            default:
                throw new org.memarl.MemarlException("unknown agent kind " + spec.kind());
        }
    }

    /**
     * The matrix game as the given player sees it: for the row player its payoff {@code R}, for the
     * column player {@code R^T} (cooperative) or {@code -R^T} (competitive), with the other player's
     * payoff alongside.
     */
    public static Game gameFor(double[][] payoff, Setting setting, boolean columnPlayer) {
        int na = payoff.length;
        int nb = payoff[0].length;
        double[][] own = columnPlayer ? new double[nb][na] : new double[na][nb];
        for (int a = 0; a < na; a++) {
            for (int b = 0; b < nb; b++) {
                double r = payoff[a][b];
                if (columnPlayer) {
                    own[b][a] = setting.opponentReward(r);
                } else {
                    own[a][b] = r;
                }
            }
        }
        Game.Sum sum = setting == Setting.COOPERATIVE ? Game.Sum.COMMON : Game.Sum.ZERO;
        return Game.matrix("thesis-3-1-" + setting.id() + (columnPlayer ? "-column" : "-row"), own, null, sum);
    }

    /**
     * One player's closed-form policies over a grid of beta.
     *
     * @param spec the player
     * @param columnPlayer whether it is the column player
     * @param betas the agent's effective inverse temperatures
     * @param policy {@code policy[k][x]}: the player's executed policy at betas[k]
     * @param model {@code model[k][y]}: the marginal of its opponent model at betas[k]
     */
    public record Curve(PlayerSpec spec, boolean columnPlayer, double[] betas, double[][] policy, double[][] model) {
    }

    /** The closed-form curve of one player of a pairing over the grid. */
    public static Curve curve(double[][] payoff, Setting setting, PlayerSpec spec, boolean columnPlayer, double[] betas) {
        Game g = gameFor(payoff, setting, columnPlayer);
        double[][] pol = new double[betas.length][];
        double[][] mod = new double[betas.length][];
        for (int k = 0; k < betas.length; k++) {
            Solution s = solve(g, spec, betas[k]);
            pol[k] = s.policy("agent").matrix()[0];
            mod[k] = s.policy("opponent").matrix()[0];
        }
        return new Curve(spec, columnPlayer, betas.clone(), pol, mod);
    }
}
