package org.memarl.algorithms.options;

import org.memarl.algorithms.ChainRun;
import org.memarl.algorithms.RunConfig;
import org.memarl.chains.ChoiceModel;
import org.memarl.chains.ThesisChains;
import org.memarl.model.Game;
import org.memarl.model.OptionSpec;
import org.memarl.solve.ChainBellman;
import org.memarl.solve.ChainProblem;
import org.memarl.solve.ChainSolution;
import org.memarl.solve.Solution;

/**
 * Multi-agent delayed soft-option communication (thesis section 4.2, appendix C.2), exactly, in reward
 * units with one common beta. The augmented state is {@code (s, z'_i, z'_-i)}: the state and both
 * players' options of the previous step (the "message" the agent receives is the opponent's previous
 * option z'_-i). Per step the choices are made in the order of (4.11), each policy conditioned exactly
 * as printed:
 *
 * <pre>
 *   b_i  ~ q^{T,i}(b_i | s, z'_-i, z'_i)              (4.20)   prior P^{T,i}(b_i = 1 | s, z'_i)
 *   z_i  ~ q^{H,i}(z_i | s, z'_-i) if b_i, else z'_i   (4.19)   prior P^{H,i}(z_i | s)
 *   a_i  ~ pi(a_i | s, z_i, z'_-i)                     (4.18)   prior P_i(a_i | s, z_i)
 *   b_-i ~ q^{T,-i}(b_-i | s, z'_-i, a_i, z_i)         (4.17)   prior P^{T,-i}(b_-i = 1 | s, z'_-i)
 *   z_-i ~ q^{H,-i}(z_-i | s, a_i, z_i) if b_-i, else z'_-i (4.16) prior P^{H,-i}(z_-i | s)
 *   a_-i ~ rho(a_-i | s, z_i, a_i, z_-i)                        prior P_-i(a_-i | s, z_-i)
 * </pre>
 *
 * The closed form (innermost first, every reduction {@code M^beta[f | P] = (1/beta) log sum P exp(beta f)}):
 *
 * <pre>
 *   Q(s, a, b, z_i, z_-i)   = r_i(s, a, b) + gamma sum_{s'} T(s' | s, a, b) U(s', z_i, z_-i)     (4.21), (C.20)
 *   Qo(s, z_i, a, z_-i)     = M_b [ Q(s, a, ., z_i, z_-i) | P_-i(b | s, z_-i) ]
 *   Qm(s, z_i, a)           = M_z-i [ Qo(s, z_i, a, .) | P^{H,-i}(. | s) ]                          (4.16)
 *   Qt(s, z'_-i, a, z_i)    = M_b-i [ b-i ? Qm(s, z_i, a) : Qo(s, z_i, a, z'_-i) | P^{T,-i} ]        (4.17)
 *   Qa(s, z'_-i, z_i)       = M_a [ Qt(s, z'_-i, ., z_i) | P_i(a | s, z_i) ]                           (4.18)
 *   Qh(s, z'_-i)            = M_zi [ Qa(s, z'_-i, .) | P^{H,i}(. | s) ]                               (4.19)
 *   U(s, z'_i, z'_-i)       = M_bi [ bi ? Qh(s, z'_-i) : Qa(s, z'_-i, z'_i) | P^{T,i} ]               (4.20)
 * </pre>
 *
 * and each policy is the Boltzmann factor of its reduction. (C.18) prints the continuing branch of the
 * agent's termination with z_T^i; the continuing option is z_{T-1}^i, as in (4.20). The reward is the
 * agent's (the setting of C.2 is cooperative: {@code "sum": "common"} gives both the same). The priors
 * of the model condition on the state and the player's own option only, a special case of the
 * printed conditionings. A gamma-contraction in the sup norm (ledger "eq. (4.21)"); the start value is
 * {@code V(s) = sum P^{H,i}(z_i|s) P^{H,-i}(z_-i|s) U(s, z_i, z_-i)} (initial options from the master
 * priors, (4.11)). With one option each it is PR2's chain with one beta (a ledger claim).
 *
 * <p>Declaration {@link ThesisChains#maSoftOptions}, over the contexts {@code (s m_i + z'_i) m_-i + z'_-i}
 * of {@code ChoiceModel.of(game)}, one beta at every level, levels outermost first with the model's
 * default priors: {@code agent.termination} {@code P^{T,i}(b_i | s, z'_i)}, {@code agent.option} given
 * agent.termination (b_i = 0: the point mass on z'_i; b_i = 1: {@code P^{H,i}(z_i | s)}), {@code agent}
 * given agent.option {@code P_i(a | s, z_i)}, {@code opponent.termination} {@code P^{T,-i}(b_-i | s, z'_-i)},
 * {@code opponent.option} given opponent.termination, {@code opponent} given opponent.option
 * {@code P_-i(b | s, z_-i)}; the leaf reads the joint row (s, a, b), which leads to the context
 * (s', z_i, z_-i) (4.21). Solved by {@link org.memarl.solve.ChainSolver} (fixed point, or with a horizon
 * the exact backward recursion {@code U_H = 0}). Cost per sweep O(m_i m_-i nnz(T) + 4 m_i^2 m_-i^2 S A B).
 */
public final class MaSoftOptions {
    public static final String NAME = "ma-soft-options";

    private MaSoftOptions() {
    }

    /** The declared problem {@link ThesisChains#maSoftOptions} over the option game (with its horizon). */
    public static ChainProblem problem(Game game, double beta) {
        return ThesisChains.maSoftOptions(beta).problem(ChoiceModel.of(game));
    }

    /** The Bellman operator on U, length S m_i m_-i, index {@code (s m_i + z'_i) m_-i + z'_-i}. Not thread-safe. */
    public static ChainBellman operator(Game game, double beta) {
        return new ChainBellman(problem(game, beta));
    }

    /** Values and the six policies, indexed as in the result file (see {@code docs/model-format.md}). */
    public static final class Tables {
        /** Q[s][z_i][z_-i][a][b]. */
        public final double[][][][][] q;
        /** U[s][z'_i][z'_-i]. */
        public final double[][][] u;
        public final double[] start;
        /** q^{T,i}(b_i = 1 | s, z'_i, z'_-i) as [s][z'_i][z'_-i]. */
        public final double[][][] agentTermination;
        /** q^{H,i}(z_i | s, z'_-i) as [s][z'_-i][z_i]. */
        public final double[][][] agentMaster;
        /** pi(a | s, z_i, z'_-i) as [s][z_i][z'_-i][a]. */
        public final double[][][][] agentLow;
        /** q^{T,-i}(b_-i = 1 | s, z'_-i, a, z_i) as [s][z'_-i][a][z_i]. */
        public final double[][][][] opponentTermination;
        /** q^{H,-i}(z_-i | s, a, z_i) as [s][a][z_i][z_-i]. */
        public final double[][][][] opponentMaster;
        /** rho(b | s, z_i, a, z_-i) as [s][z_i][a][z_-i][b]. */
        public final double[][][][][] opponentLow;
        public final double[][] agentMarginal;
        public final double[][] opponentMarginal;

        private Tables(int n, int na, int nb, int mi, int mo) {
            q = new double[n][mi][mo][na][nb];
            u = new double[n][mi][mo];
            start = new double[n];
            agentTermination = new double[n][mi][mo];
            agentMaster = new double[n][mo][mi];
            agentLow = new double[n][mi][mo][na];
            opponentTermination = new double[n][mo][na][mi];
            opponentMaster = new double[n][na][mi][mo];
            opponentLow = new double[n][mi][na][mo][nb];
            agentMarginal = new double[n][na];
            opponentMarginal = new double[n][nb];
        }

        /**
         * The tables of a solved {@link ThesisChains#maSoftOptions} declaration (leaf order
         * {@code (b_i, z_i, a, b_-i, z_-i, b)}): U from V per context; each option-level policy read on its
         * terminating branch (b = 1), which does not depend on that player's previous option; the first-step
         * action marginals {@code sum P^{H,i}(z'_i|s) P^{H,-i}(z'_-i|s) P(a | s, z'_i, z'_-i)} of the chain's
         * marginals (initial options from the master priors).
         */
        public static Tables of(Game game, ChainSolution sol) {
            OptionSpec oa = game.agentOptions();
            OptionSpec ob = game.opponentOptions();
            int n = game.numStates();
            int na = game.numAgentActions();
            int nb = game.numOpponentActions();
            int mi = oa.count();
            int mo = ob.count();
            Tables tb = new Tables(n, na, nb, mi, mo);
            double[] v = sol.values();
            double[][] leaf = sol.q();
            double[][][] pol = new double[6][][];
            for (int k = 0; k < 6; k++) {
                pol[k] = sol.policy(k);
            }
            double[][] ma = sol.marginal(2);
            double[][] mb = sol.marginal(5);
            for (int s = 0; s < n; s++) {
                int c0 = s * mi * mo;
                for (int zpi = 0; zpi < mi; zpi++) {
                    for (int zpo = 0; zpo < mo; zpo++) {
                        int c = c0 + zpi * mo + zpo;
                        double w0 = oa.master(s, zpi) * ob.master(s, zpo);
                        tb.u[s][zpi][zpo] = v[c];
                        tb.agentTermination[s][zpi][zpo] = pol[0][c][1];
                        tb.start[s] += w0 * v[c];
                        for (int a = 0; a < na; a++) {
                            tb.agentMarginal[s][a] += w0 * ma[c][a];
                        }
                        for (int b = 0; b < nb; b++) {
                            tb.opponentMarginal[s][b] += w0 * mb[c][b];
                        }
                    }
                }
                for (int zpo = 0; zpo < mo; zpo++) {
                    int c = c0 + zpo;
                    System.arraycopy(pol[1][c], mi, tb.agentMaster[s][zpo], 0, mi);
                    for (int zi = 0; zi < mi; zi++) {
                        System.arraycopy(pol[2][c], (mi + zi) * na, tb.agentLow[s][zi][zpo], 0, na);
                        for (int a = 0; a < na; a++) {
                            int pre3 = (mi + zi) * na + a;
                            tb.opponentTermination[s][zpo][a][zi] = pol[3][c][pre3 * 2 + 1];
                        }
                    }
                }
                for (int zi = 0; zi < mi; zi++) {
                    for (int a = 0; a < na; a++) {
                        int pre4 = ((mi + zi) * na + a) * 2 + 1;
                        System.arraycopy(pol[4][c0], pre4 * mo, tb.opponentMaster[s][a][zi], 0, mo);
                        for (int zo = 0; zo < mo; zo++) {
                            int pre5 = pre4 * mo + zo;
                            System.arraycopy(pol[5][c0], pre5 * nb, tb.opponentLow[s][zi][a][zo], 0, nb);
                            System.arraycopy(leaf[c0], pre5 * nb, tb.q[s][zi][zo][a], 0, nb);
                        }
                    }
                }
            }
            return tb;
        }
    }

    /** Runs {@code ma-soft-options} with {@code config.beta()}. */
    public static Solution solve(Game game, RunConfig config) {
        double beta = config.beta();
        Solution.Builder b = Solution.builder(NAME)
                .parameter("gamma", game.gamma())
                .parameter("beta", beta)
                .parameter("agentOptions", game.agentOptions().count())
                .parameter("opponentOptions", game.opponentOptions().count());
        Tables tab = Tables.of(game, ChainRun.solve(problem(game, beta), config, b, true));
        return b.value("V", tab.start)
                .value("U", tab.u)
                .value("Q", tab.q)
                .policy("agent", tab.agentMarginal)
                .policy("opponent", tab.opponentMarginal)
                .policy("agentTermination", tab.agentTermination)
                .policy("agentMaster", tab.agentMaster)
                .policy("agentLow", tab.agentLow)
                .policy("opponentTermination", tab.opponentTermination)
                .policy("opponentMaster", tab.opponentMaster)
                .policy("opponentLow", tab.opponentLow)
                .build();
    }
}
