package org.memarl.algorithms.games;

import java.util.SplittableRandom;
import org.memarl.algorithms.Sampling;
import org.memarl.algorithms.RunConfig;
import org.memarl.algorithms.classical.TabularQLearning;
import org.memarl.model.Game;
import org.memarl.model.TransitionMatrix;
import org.memarl.solve.FixedPoint;
import org.memarl.solve.FixedPointDriver;
import org.memarl.solve.Solution;

/**
 * Tabular friend-Q, foe-Q and Nash-Q learning (Littman 2001; Hu and Wellman 2003; thesis (2.65)-(2.68)),
 * the sample-based forms of {@link FriendFoeQ} and {@link NashQ}: on the joint action {@code (a_t, b_t)}
 * taken in {@code s_t} and the sampled next state {@code s_{t+1}},
 *
 * <pre>
 *   Q^i(s_t, a_t, b_t) &lt;- (1 - alpha_t) Q^i(s_t, a_t, b_t) + alpha_t [ r^i(s_t, a_t, b_t) + gamma V^i(s_{t+1}) ]
 *   alpha_t(s, a, b) = 1 / n_t(s, a, b)^omega,   omega in (0.5, 1]
 *   friend:  V(s') = max_{a, b} Q(s', a, b)
 *   foe:     V(s') = max_pi min_b sum_a pi(a) Q(s', a, b)                 (a linear program)
 *   nash:    V^i(s') = x' Q^i(s') y,  (x, y) = the selected equilibrium of (Q^agent(s'), Q^opponent(s'))
 * </pre>
 *
 * (friend and foe learn the agent's Q only; Nash-Q learns both players' Q, i = agent, opponent). The
 * behaviour draws the joint action with probability {@code exploration} from the marginal priors
 * {@code P(a | s) P(b | s)}, otherwise from the current stage solution's policies (friend: the first
 * maximising joint action; foe: maximin and minimax strategies; nash: the selected equilibrium), so
 * every pair in the priors' support is tried infinitely often. Episodes start from the model's initial
 * distribution. Deterministic for a given seed ({@link SplittableRandom}). Stage solutions are cached per
 * state and recomputed only after that state's Q changed.
 *
 * <p>The result reports the learned Q (and for Nash-Q {@code Qopponent}), V, the policies and the exact
 * sup-norm distance, over the joint actions the priors allow, of the learned Q-tables to the fixed point
 * of the exact operator ({@code distanceToFixedPoint}): friend and foe are gamma-contractions with a unique
 * fixed point (Theorem-3-style convergence); for Nash-Q the reference is {@link NashQ}'s iterate from 0,
 * which may not be a fixed point ({@code exactConverged = false}) and need not be the one learning
 * approaches.
 */
public final class GameQLearning {
    private enum Kind {
        FRIEND("friend-q-learning"), FOE("foe-q-learning"), NASH("nash-q-learning");

        final String id;

        Kind(String id) {
            this.id = id;
        }
    }

    private GameQLearning() {
    }

    /** Friend-Q learning. */
    public static Solution friend(Game game, RunConfig config) {
        return learn(Kind.FRIEND, game, config);
    }

    /** Foe-Q learning. */
    public static Solution foe(Game game, RunConfig config) {
        return learn(Kind.FOE, game, config);
    }

    /** Nash-Q learning (both players' Q). */
    public static Solution nash(Game game, RunConfig config) {
        return learn(Kind.NASH, game, config);
    }

    /** Per-state cache of the current stage solution. */
    private static final class Stage {
        final StageGames sg;
        final Kind kind;
        final double[] qa;
        final double[] qo;
        final double[] va;
        final double[] vo;
        final double[][] pa;
        final double[][] po;
        final boolean[] dirty;
        final double[][] work;
        final double[][] work2;

        Stage(StageGames sg, Kind kind) {
            this.sg = sg;
            this.kind = kind;
            int size = sg.n * sg.na * sg.nb;
            this.qa = new double[size];
            this.qo = kind == Kind.NASH ? new double[size] : null;
            this.va = new double[sg.n];
            this.vo = new double[sg.n];
            this.pa = new double[sg.n][];
            this.po = new double[sg.n][];
            this.dirty = new boolean[sg.n];
            java.util.Arrays.fill(dirty, true);
            this.work = new double[sg.na][sg.nb];
            this.work2 = new double[sg.na][sg.nb];
        }

        void copy(double[] q, int s, double[][] out) {
            for (int a = 0; a < sg.na; a++) {
                System.arraycopy(q, (s * sg.na + a) * sg.nb, out[a], 0, sg.nb);
            }
        }

        void refresh(int s) {
            if (!dirty[s]) {
                return;
            }
            copy(qa, s, work);
            if (kind == Kind.FRIEND) {
                int[] ab = StageValueOperator.jointArgmax(work, sg.agentAllowed[s], sg.opponentAllowed[s]);
                va[s] = work[ab[0]][ab[1]];
                pa[s] = new double[sg.na];
                po[s] = new double[sg.nb];
                pa[s][ab[0]] = 1.0;
                po[s][ab[1]] = 1.0;
            } else if (kind == Kind.FOE) {
                ZeroSumMatrixGame z = ZeroSumMatrixGame.solve(work, sg.agentAllowed[s], sg.opponentAllowed[s]);
                va[s] = z.value();
                pa[s] = z.agentStrategy();
                po[s] = z.opponentStrategy();
            } else {
                copy(qo, s, work2);
                BimatrixNash.Equilibrium e = NashQ.select(sg, s, work, work2);
                va[s] = e.agentPayoff();
                vo[s] = e.opponentPayoff();
                pa[s] = e.agent();
                po[s] = e.opponent();
            }
            dirty[s] = false;
        }
    }

    private static Solution learn(Kind kind, Game game, RunConfig config) {
        TabularQLearning.checkLearnable(kind.id, game.horizon(), game.gamma());
        StageGames sg = new StageGames(game);
        int n = sg.n;
        int na = sg.na;
        int nb = sg.nb;
        double g = sg.gamma;
        double[] priorA = game.priorAgentFlat();
        double[] priorO = game.priorOpponentFlat();
        double[] init = game.initial();
        TransitionMatrix t = sg.t;
        Stage st = new Stage(sg, kind);
        int[] visits = new int[n * na * nb];
        long steps = TabularQLearning.episodes(config, init, (rng, s) -> {
            int a;
            int b;
            if (rng.nextDouble() < config.exploration()) {
                a = Sampling.sample(rng, priorA, s * na, na);
                b = Sampling.sample(rng, priorO, s * nb, nb);
            } else {
                st.refresh(s);
                a = Sampling.sample(rng, st.pa[s], 0, na);
                b = Sampling.sample(rng, st.po[s], 0, nb);
            }
            int row = (s * na + a) * nb + b;
            int s2 = Sampling.sampleRow(rng, t, row);
            st.refresh(s2);
            double alpha = 1.0 / Math.pow(++visits[row], config.stepExponent());
            st.qa[row] += alpha * (sg.rAgent[row] + g * st.va[s2] - st.qa[row]);
            if (kind == Kind.NASH) {
                st.qo[row] += alpha * (sg.rOpponent[row] + g * st.vo[s2] - st.qo[row]);
            }
            st.dirty[s] = true;
            return s2;
        });
        for (int s = 0; s < n; s++) {
            st.refresh(s);
        }
        // exact reference
        double[][][] qStar;
        double[][][] qStarOpp = null;
        boolean exactConverged;
        if (kind == Kind.NASH) {
            Solution exact = NashQ.solve(game, RunConfig.builder().iteration(config.iteration()).build());
            qStar = exact.value("Q").cube();
            qStarOpp = exact.value("Qopponent").cube();
            exactConverged = exact.converged();
        } else {
            StageValueOperator op = new StageValueOperator(game, kind == Kind.FRIEND
                    ? StageValueOperator.Reduction.FRIEND : StageValueOperator.Reduction.FOE);
            FixedPoint fp = FixedPointDriver.solve(op, new double[n], config.iteration());
            qStar = sg.q(sg.rAgent, fp.values(), 0);
            exactConverged = fp.converged();
        }
        double dist = 0.0;
        int unvisited = 0;
        double[][][] q = new double[n][na][nb];
        double[][][] qo = kind == Kind.NASH ? new double[n][na][nb] : null;
        for (int s = 0; s < n; s++) {
            for (int a = 0; a < na; a++) {
                for (int b = 0; b < nb; b++) {
                    int row = (s * na + a) * nb + b;
                    q[s][a][b] = st.qa[row];
                    if (qo != null) {
                        qo[s][a][b] = st.qo[row];
                    }
                    if (sg.agentAllowed[s][a] && sg.opponentAllowed[s][b]) {
                        dist = Math.max(dist, Math.abs(q[s][a][b] - qStar[s][a][b]));
                        if (qo != null) {
                            dist = Math.max(dist, Math.abs(qo[s][a][b] - qStarOpp[s][a][b]));
                        }
                        if (visits[row] == 0) {
                            unvisited++;
                        }
                    }
                }
            }
        }
        double[][] pa = new double[n][];
        double[][] po = new double[n][];
        for (int s = 0; s < n; s++) {
            pa[s] = st.pa[s].clone();
            po[s] = st.po[s].clone();
        }
        Solution.Builder out = TabularQLearning.learnerParameters(Solution.builder(kind.id).parameter("gamma", g), config)
                .parameter("exactConverged", exactConverged)
                .parameter("tolerance", config.iteration().tolerance())
                // a learner has converged when its measured distance to the exact fixed point meets the tolerance
                .converged(dist <= config.iteration().tolerance())
                .iterations((int) Math.min(Integer.MAX_VALUE, steps)).residual(dist).errorBound(dist)
                .value("V", st.va.clone())
                .value("Q", q);
        if (kind == Kind.NASH) {
            out.value("Vopponent", st.vo.clone()).value("Qopponent", qo);
        }
        return out.value("distanceToFixedPoint", dist)
                .value("unvisitedPairs", (double) unvisited)
                .policy("agent", pa)
                .policy("opponent", po)
                .build();
    }
}
