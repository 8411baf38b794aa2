package org.memarl.algorithms.games;

import java.util.Arrays;
import org.memarl.InvalidModelException;
import org.memarl.algorithms.RunConfig;
import org.memarl.algorithms.classical.PolicyEvaluation;
import org.memarl.algorithms.classical.PolicyIteration;
import org.memarl.model.Game;
import org.memarl.model.Mdp;
import org.memarl.solve.RoundingFloor;
import org.memarl.solve.Solution;

/**
 * Nash-Q (Hu and Wellman 2003; thesis (2.65)-(2.67)) as an exact operator on both players' values
 * (CLI {@code nash-q}):
 *
 * <pre>
 *   Q^i(s, a, b) = R^i(s, a, b) + gamma sum_{s'} T(s' | s, a, b) V^i(s')               (2.65), (2.67)
 *   V^i(s)       = x_s' Q^i(s) y_s,  (x_s, y_s) = sel NE( Q^agent(s), Q^opponent(s) )    (2.66)
 * </pre>
 *
 * for i = agent and opponent, where {@code sel NE} is a deterministic selection among the Nash
 * equilibria of the stage bimatrix game ({@link BimatrixNash}, over the actions the marginal priors
 * allow): the equilibrium with the largest payoff sum {@code V^agent + V^opponent}, ties (within
 * {@link BimatrixNash#TOLERANCE} of the payoff spans) broken by the lexicographic order of the agent's
 * support, then the opponent's, then the strategies ({@link BimatrixNash#maxPayoffSum()}). In a degenerate
 * stage game the selection is among the extreme equilibria.
 *
 * <p><b>Not a contraction.</b> The thesis says (2.67) is a contraction; that holds only under Hu and
 * Wellman's strong conditions (every stage game has a global optimum or a saddle point, met by every
 * iterate). In general the selected equilibrium jumps as Q changes and the iteration may cycle. memarl
 * therefore iterates {@code W_{k+1} = B(W_k)}, {@code W = (V^agent, V^opponent)}, from W = 0 with its own
 * loop and reports honestly:
 * <ul>
 * <li>{@code converged = true} iff {@code gamma/(1-gamma) ||W_k - W_{k-1}||_inf <= tolerance}. This bound
 * is then a guaranteed bound on the distance of the reported values to the exact values of the reported
 * stationary policies: with {@code pi} the equilibria selected at {@code Q(W_{k-1})}, {@code W_k = T^pi W_{k-1}}
 * for the (linear, gamma-contracting) evaluation operator {@code T^pi}, so
 * {@code ||W_k - W^pi|| <= gamma/(1-gamma) ||W_k - W_{k-1}||}.</li>
 * <li>otherwise the loop stops, with {@code converged = false} and parameter {@code stopReason}, at an
 * exact cycle (Brent's algorithm, {@code cycleLength}), when the smallest residual of a window of
 * {@value #STALL_WINDOW} sweeps is not below that of the previous window ({@code stalled}: no progress,
 * e.g. an inexact cycle), at the rounding floor ({@link RoundingFloor}: residual at most 2 ulps of max|W|), or at the iteration
 * cap ({@code iteration cap}).</li>
 * </ul>
 * Reported: {@code V} and {@code Vopponent} = W_k, {@code Q} and {@code Qopponent} = Q(W_{k-1}) (so that V
 * is exactly the selected equilibrium's payoff in the reported Q), policies {@code agent[s][a]},
 * {@code opponent[s][b]} the selected equilibria, and {@code nashGap}: the exact largest gain of either
 * player from a best response (policy iteration) against the other's reported stationary policy, over
 * all states; 0 up to rounding means the policy pair is a stationary Nash equilibrium of the stochastic
 * game (2.64). With {@code game.horizon() > 0}: the exact backward recursion (tables {@code Vt},
 * {@code VtOpponent}; V, Q and policies of step 0; no nashGap).
 */
public final class NashQ {
    /** The stable CLI name. */
    public static final String NAME = "nash-q";
    /** Length of the windows whose smallest residuals are compared to detect a stall. */
    public static final int STALL_WINDOW = 1000;

    private NashQ() {
    }

    /** The operator on {@code W = (V^agent, V^opponent)} (length 2S), remembering its last selection. */
    static final class Operator {
        final StageGames sg;
        final double[][] qa;
        final double[][] qo;
        final double[][] agent;
        final double[][] opponent;

        Operator(Game game) {
            this.sg = new StageGames(game);
            this.qa = new double[sg.na][sg.nb];
            this.qo = new double[sg.na][sg.nb];
            this.agent = new double[sg.n][];
            this.opponent = new double[sg.n][];
        }

        /** {@code out = B(in)}; the selected equilibria are kept in {@link #agent} and {@link #opponent}. */
        void apply(double[] in, double[] out) {
            int n = sg.n;
            for (int s = 0; s < n; s++) {
                sg.stage(sg.rAgent, s, in, 0, qa);
                sg.stage(sg.rOpponent, s, in, n, qo);
                BimatrixNash.Equilibrium e = select(sg, s, qa, qo);
                out[s] = e.agentPayoff();
                out[n + s] = e.opponentPayoff();
                agent[s] = e.agent();
                opponent[s] = e.opponent();
            }
        }
    }

    /** The selected equilibrium of the stage game {@code (qa, qo)} at state s. */
    static BimatrixNash.Equilibrium select(StageGames sg, int s, double[][] qa, double[][] qo) {
        return BimatrixNash.solve(qa, qo, sg.agentAllowed[s], sg.opponentAllowed[s]).maxPayoffSum();
    }

    /**
     * @throws InvalidModelException if gamma = 1 without a horizon, or a stage game is too large to
     *         enumerate
     */
    public static Solution solve(Game game, RunConfig config) {
        StageGames.requireDiscount(NAME, game);
        Operator op = new Operator(game);
        StageGames sg = op.sg;
        int n = sg.n;
        Solution.Builder b = Solution.builder(NAME).parameter("gamma", game.gamma())
                .parameter("selection", "max payoff sum, ties by lexicographic supports");
        if (game.horizon() > 0) {
            int h = game.horizon();
            double[][] w = new double[h + 1][2 * n];
            for (int t = h - 1; t >= 0; t--) {
                op.apply(w[t + 1], w[t]);
            }
            double[][] vt = new double[h + 1][];
            double[][] vto = new double[h + 1][];
            for (int t = 0; t <= h; t++) {
                vt[t] = Arrays.copyOfRange(w[t], 0, n);
                vto[t] = Arrays.copyOfRange(w[t], n, 2 * n);
            }
            // op's selection is that of the last apply, step 0, at Q(W_1)
            b.parameter("horizon", h).converged(true).iterations(h).residual(0.0).errorBound(0.0)
                    .value("Vt", vt).value("VtOpponent", vto);
            fill(b, op, w[1], w[0]);
            return b.build();
        }
        double g = game.gamma();
        double tol = config.iteration().tolerance();
        int max = config.iteration().maxIterations();
        double[] prev = new double[2 * n];
        double[] cur = new double[2 * n];
        double[] saved = cur.clone();
        int power = 1;
        int lam = 0;
        double windowMin = Double.POSITIVE_INFINITY;
        double previousWindowMin = Double.POSITIVE_INFINITY;
        int inWindow = 0;
        double residual = Double.POSITIVE_INFINITY;
        double bound = Double.POSITIVE_INFINITY;
        String reason = "iteration cap";
        boolean converged = false;
        int k = 0;
        while (k < max) {
            double[] t = prev;
            prev = cur;
            cur = t;
            op.apply(prev, cur);
            k++;
            residual = 0.0;
            double scale = 0.0;
            for (int i = 0; i < 2 * n; i++) {
                residual = Math.max(residual, Math.abs(cur[i] - prev[i]));
                scale = Math.max(scale, Math.abs(cur[i]));
            }
            if (g == 0.0) {
                residual = 0.0; // the stage games do not depend on the values: one sweep is exact (FixedPointDriver)
            }
            bound = g == 0.0 ? 0.0 : g / (1.0 - g) * residual;
            config.progress().sweepDone(k, residual, bound);
            if (bound <= tol) {
                converged = true;
                reason = "converged";
                break;
            }
            if (RoundingFloor.reached(residual, scale)) {
                reason = RoundingFloor.STOP_REASON;
                break;
            }
            windowMin = Math.min(windowMin, residual);
            if (++inWindow == STALL_WINDOW) {
                if (windowMin >= previousWindowMin) {
                    reason = "stalled";
                    break;
                }
                previousWindowMin = windowMin;
                windowMin = Double.POSITIVE_INFINITY;
                inWindow = 0;
            }
            lam++;
            if (Arrays.equals(cur, saved)) {
                reason = "cycle";
                b.parameter("cycleLength", lam);
                break;
            }
            if (lam == power) {
                saved = cur.clone();
                power *= 2;
                lam = 0;
            }
        }
        b.parameter("tolerance", tol).parameter("maxIterations", max).parameter("stopReason", reason)
                .converged(converged).iterations(k).residual(residual).errorBound(bound);
        fill(b, op, prev, cur);
        double[][] agent = policyTable(op.agent);
        double[][] opponent = policyTable(op.opponent);
        b.value("nashGap", nashGap(game, agent, opponent, RunConfig.builder().iteration(config.iteration()).build()));
        return b.build();
    }

    /**
     * V = {@code w} (agent part), Vopponent, Q and Qopponent at next-state values {@code next}, and the
     * policies of the operator's last selection (made at {@code next}).
     */
    private static void fill(Solution.Builder b, Operator op, double[] next, double[] w) {
        StageGames sg = op.sg;
        int n = sg.n;
        b.value("V", Arrays.copyOfRange(w, 0, n))
                .value("Vopponent", Arrays.copyOfRange(w, n, 2 * n))
                .value("Q", sg.q(sg.rAgent, next, 0))
                .value("Qopponent", sg.q(sg.rOpponent, next, n))
                .policy("agent", policyTable(op.agent))
                .policy("opponent", policyTable(op.opponent));
    }

    private static double[][] policyTable(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int s = 0; s < rows.length; s++) {
            out[s] = rows[s].clone();
        }
        return out;
    }

    /**
     * The exact exploitability of a stationary policy pair: {@code max_s max(V_BR^agent(s) - V^agent(s),
     * V_BR^opponent(s) - V^opponent(s))}, where V are the pair's exact values (linear solves) and V_BR the
     * optimal values of each player's MDP against the other's fixed policy (policy iteration, over the
     * player's prior support). Nonnegative up to rounding; 0 iff the pair is a stationary equilibrium.
     */
    static double nashGap(Game game, double[][] agent, double[][] opponent, RunConfig config) {
        int n = game.numStates();
        int na = game.numAgentActions();
        int nb = game.numOpponentActions();
        double[][] joint = new double[n][na * nb];
        double[][] ra = new double[n][na * nb];
        double[][] ro = new double[n][na * nb];
        for (int s = 0; s < n; s++) {
            double z = 0.0;
            for (int a = 0; a < na; a++) {
                for (int c = 0; c < nb; c++) {
                    joint[s][a * nb + c] = agent[s][a] * opponent[s][c];
                    z += joint[s][a * nb + c];
                    ra[s][a * nb + c] = game.rewardAgent(s, a, c);
                    ro[s][a * nb + c] = game.rewardOpponent(s, a, c);
                }
            }
            for (int j = 0; j < na * nb; j++) {
                joint[s][j] /= z;
            }
        }
        Mdp jointAgent = Mdp.builder().states(n).actions(na * nb).gamma(game.gamma()).transitions(game.transitions())
                .rewards(ra).build();
        Mdp jointOpponent = jointAgent.toBuilder().rewards(ro).build();
        double[] va = PolicyEvaluation.exact(jointAgent, joint, Double.POSITIVE_INFINITY);
        double[] vo = PolicyEvaluation.exact(jointOpponent, joint, Double.POSITIVE_INFINITY);
        double[] brA = bestResponse(game, opponent, true, config);
        double[] brO = bestResponse(game, agent, false, config);
        double gap = 0.0;
        for (int s = 0; s < n; s++) {
            gap = Math.max(gap, Math.max(brA[s] - va[s], brO[s] - vo[s]));
        }
        return gap;
    }

    /** Optimal values of one player's MDP against the other's fixed stationary policy {@code other}. */
    static double[] bestResponse(Game game, double[][] other, boolean forAgent, RunConfig config) {
        int n = game.numStates();
        int na = game.numAgentActions();
        int nb = game.numOpponentActions();
        int m = forAgent ? na : nb;
        int o = forAgent ? nb : na;
        double[][] r = new double[n][m];
        double[][][] t = new double[n][m][n];
        double[] row = new double[n];
        for (int s = 0; s < n; s++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < o; j++) {
                    double p = other[s][j];
                    if (p == 0.0) {
                        continue;
                    }
                    int a = forAgent ? i : j;
                    int c = forAgent ? j : i;
                    r[s][i] += p * (forAgent ? game.rewardAgent(s, a, c) : game.rewardOpponent(s, a, c));
                    game.transitions().copyRow(game.row(s, a, c), row);
                    for (int s2 = 0; s2 < n; s2++) {
                        t[s][i][s2] += p * row[s2];
                    }
                }
            }
        }
        double[] prior = forAgent ? game.priorAgentFlat() : game.priorOpponentFlat();
        double[][] pr = new double[n][m];
        for (int s = 0; s < n; s++) {
            System.arraycopy(prior, s * m, pr[s], 0, m);
        }
        Mdp mdp = Mdp.builder().states(n).actions(m).gamma(game.gamma()).transitions(t).rewards(r).prior(pr).build();
        return PolicyIteration.solve(mdp, config).V();
    }
}
