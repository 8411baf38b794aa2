package org.memarl.algorithms.games;

import java.util.Locale;
import org.memarl.algorithms.RunConfig;
import org.memarl.model.Game;
import org.memarl.solve.FixedPoint;
import org.memarl.solve.FixedPointDriver;
import org.memarl.solve.Solution;
import org.memarl.solve.ValueOperator;

/**
 * The Bellman operator on the agent's state values of a stochastic game whose state value is a
 * reduction of the stage game of the agent's rewards,
 *
 * <pre>
 *   Q(s, a, b) = R^i(s, a, b) + gamma sum_{s'} T(s' | s, a, b) V(s')
 *   FRIEND:  V(s) = max_{a, b} Q(s, a, b)                         (friend-Q, (2.68) with both maximising)
 *   FOE:     V(s) = max_{x in Delta(A)} min_b sum_a x(a) Q(s, a, b)  (foe-Q (2.68); Shapley's operator)
 * </pre>
 *
 * over the actions the marginal priors allow. Both reductions are monotone and commute with adding
 * constants, and so are non-expansive in the sup norm: the operator is a gamma-contraction. The FOE
 * reduction solves one linear program per state ({@link ZeroSumMatrixGame}), which allocates: unlike the
 * kernel's operators this one is not allocation-free. Package-private: {@link Minimax} and
 * {@link FriendFoeQ} are the public entry points.
 */
final class StageValueOperator implements ValueOperator {
    /** The reduction of a stage game to a state value. */
    enum Reduction {
        FRIEND, FOE
    }

    private final StageGames sg;
    private final Reduction reduction;
    private final double[][] work;

    StageValueOperator(Game game, Reduction reduction) {
        this.sg = new StageGames(game);
        this.reduction = reduction;
        this.work = new double[sg.na][sg.nb];
    }

    @Override
    public int size() {
        return sg.n;
    }

    @Override
    public double modulus() {
        return sg.gamma;
    }

    @Override
    public void apply(double[] in, double[] out) {
        for (int s = 0; s < sg.n; s++) {
            sg.stage(sg.rAgent, s, in, 0, work);
            out[s] = reduce(s, work);
        }
    }

    @Override
    public double applyInPlace(double[] v) {
        double res = 0.0;
        for (int s = 0; s < sg.n; s++) {
            sg.stage(sg.rAgent, s, v, 0, work);
            double nv = reduce(s, work);
            res = Math.max(res, Math.abs(nv - v[s]));
            v[s] = nv;
        }
        return res;
    }

    /** The reduction of stage game {@code q} at state s. */
    double reduce(int s, double[][] q) {
        if (reduction == Reduction.FRIEND) {
            int[] ab = jointArgmax(q, sg.agentAllowed[s], sg.opponentAllowed[s]);
            return q[ab[0]][ab[1]];
        }
        return ZeroSumMatrixGame.solve(q, sg.agentAllowed[s], sg.opponentAllowed[s]).value();
    }

    /** The first allowed maximiser {@code (a, b)} of {@code q} in row-major order. */
    static int[] jointArgmax(double[][] q, boolean[] agentAllowed, boolean[] opponentAllowed) {
        int ba = -1;
        int bb = -1;
        double best = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < q.length; a++) {
            if (!agentAllowed[a]) {
                continue;
            }
            for (int b = 0; b < q[a].length; b++) {
                if (opponentAllowed[b] && (ba < 0 || q[a][b] > best)) {
                    ba = a;
                    bb = b;
                    best = q[a][b];
                }
            }
        }
        return new int[] {ba, bb};
    }

    /**
     * Runs the operator: the exact backward recursion over {@code game.horizon()} steps when the game has
     * a horizon (V = V_0, table {@code Vt[t][s]}, Q and policies of step 0), else the fixed-point driver
     * from V = 0 with the config's iteration options. Values V (agent), Q[s][a][b] (agent's rewards),
     * policies {@code agent[s][a]} and {@code opponent[s][b]}: FRIEND the first maximising joint action
     * (pure), FOE the stage game's maximin and minimax strategies.
     */
    static Solution solve(String name, Game game, Reduction reduction, RunConfig config) {
        StageGames.requireDiscount(name, game);
        StageValueOperator op = new StageValueOperator(game, reduction);
        int n = game.numStates();
        Solution.Builder b = Solution.builder(name).parameter("gamma", game.gamma());
        if (game.horizon() > 0) {
            int h = game.horizon();
            double[][] vt = new double[h + 1][n];
            for (int t = h - 1; t >= 0; t--) {
                op.apply(vt[t + 1], vt[t]);
            }
            b.parameter("horizon", h).converged(true).iterations(h).residual(0.0).errorBound(0.0).value("Vt", vt);
            op.fill(b, vt[1], vt[0]);
            return b.build();
        }
        FixedPoint fp = FixedPointDriver.solve(op, new double[n], config.iteration(), config.progress());
        double[] v = fp.values();
        b.parameter("tolerance", config.iteration().tolerance())
                .parameter("maxIterations", config.iteration().maxIterations())
                .parameter("sweep", config.iteration().sweep().label())
                .fixedPoint(fp);
        op.fill(b, v, v);
        return b.build();
    }

    /** V (reported), Q at next-state values {@code next}, and the policies of Q. */
    void fill(Solution.Builder b, double[] next, double[] vReported) {
        double[][][] q = sg.q(sg.rAgent, next, 0);
        double[][] agent = new double[sg.n][sg.na];
        double[][] opponent = new double[sg.n][sg.nb];
        for (int s = 0; s < sg.n; s++) {
            if (reduction == Reduction.FRIEND) {
                int[] ab = jointArgmax(q[s], sg.agentAllowed[s], sg.opponentAllowed[s]);
                agent[s][ab[0]] = 1.0;
                opponent[s][ab[1]] = 1.0;
            } else {
                ZeroSumMatrixGame z = ZeroSumMatrixGame.solve(q[s], sg.agentAllowed[s], sg.opponentAllowed[s]);
                agent[s] = z.agentStrategy();
                opponent[s] = z.opponentStrategy();
            }
        }
        b.value("V", vReported).value("Q", q).policy("agent", agent).policy("opponent", opponent);
    }
}
