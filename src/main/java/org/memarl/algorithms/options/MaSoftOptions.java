package org.memarl.algorithms.options;

import java.util.Arrays;
import org.memarl.algorithms.RunConfig;
import org.memarl.kernel.SoftExtremum;
import org.memarl.model.Game;
import org.memarl.model.OptionSpec;
import org.memarl.model.TransitionMatrix;
import org.memarl.solve.Solution;
import org.memarl.solve.ValueOperator;

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
 * Cost per sweep O(m_i m_-i nnz(T) + m_i m_-i S A B), in the fused kernel's shape (one pass over each joint
 * row's nonzeros for all option pairs, then the six reductions of the state's block with
 * {@link SoftExtremum#fastValue}); allocation-free.
 */
public final class MaSoftOptions {
    public static final String NAME = "ma-soft-options";

    private MaSoftOptions() {
    }

    /** The Bellman operator on U, length S m_i m_-i, index {@code (s m_i + z'_i) m_-i + z'_-i}. Not thread-safe. */
    public static final class Operator implements ValueOperator {
        final int states;
        final int na;
        final int nb;
        final int mi;
        final int mo;
        final double gamma;
        final double beta;
        private final TransitionMatrix t;
        private final double[] rewards;
        final double[] priorA;
        final double[] priorB;
        final double[] termA;
        final double[] termB;
        final double[] masterA;
        final double[] masterB;
        // workspaces
        private final double[] q;
        private final double[] qo;
        private final double[] qm;
        private final double[] qt;
        private final double[] qa;
        private final double[] qh;
        private final double[] next;
        private final Termination termination = new Termination();
        private final double[] uNew;

        public Operator(Game game, double beta) {
            if (Double.isNaN(beta)) {
                throw new IllegalArgumentException("beta: NaN");
            }
            OptionSpec oa = game.agentOptions();
            OptionSpec ob = game.opponentOptions();
            this.states = game.numStates();
            this.na = game.numAgentActions();
            this.nb = game.numOpponentActions();
            this.mi = oa.count();
            this.mo = ob.count();
            this.gamma = game.gamma();
            this.beta = beta;
            this.t = game.transitions();
            this.rewards = game.rewardsAgentFlat();
            this.priorA = oa.actionPriorFlat();
            this.priorB = ob.actionPriorFlat();
            this.termA = oa.terminationFlat();
            this.termB = ob.terminationFlat();
            this.masterA = oa.masterFlat();
            this.masterB = ob.masterFlat();
            this.q = new double[mi * na * mo * nb];
            this.qo = new double[mi * na * mo];
            this.qm = new double[mi * na];
            this.qt = new double[mo * mi * na];
            this.qa = new double[mo * mi];
            this.qh = new double[mo];
            this.next = new double[mi * mo];
            this.uNew = new double[mi * mo];
        }

        @Override
        public int size() {
            return states * mi * mo;
        }

        @Override
        public double modulus() {
            return gamma;
        }

        /** {@code q[((z_i A + a) m_-i + z_-i) B + b] = Q(s, a, b, z_i, z_-i)}. */
        void qBlock(int s, double[] u, double[] out) {
            int mm = mi * mo;
            for (int a = 0; a < na; a++) {
                for (int b = 0; b < nb; b++) {
                    int row = (s * na + a) * nb + b;
                    Arrays.fill(next, 0.0);
                    for (int k = t.rowStart(row), end = t.rowEnd(row); k < end; k++) {
                        double p = t.entryProbability(k);
                        if (p != 0.0) {
                            int base = t.entryColumn(k) * mm;
                            for (int j = 0; j < mm; j++) {
                                next[j] += p * u[base + j];
                            }
                        }
                    }
                    double r = rewards[row];
                    for (int zi = 0; zi < mi; zi++) {
                        for (int zo = 0; zo < mo; zo++) {
                            out[((zi * na + a) * mo + zo) * nb + b] = gamma == 0.0 ? r : r + gamma * next[zi * mo + zo];
                        }
                    }
                }
            }
        }

        /** Reduces a Q block to Qo, Qm, Qt, Qa, Qh (the workspaces). */
        void reduce(int s, double[] qb) {
            for (int zi = 0; zi < mi; zi++) {
                for (int a = 0; a < na; a++) {
                    for (int zo = 0; zo < mo; zo++) {
                        int j = (zi * na + a) * mo + zo;
                        qo[j] = SoftExtremum.fastValue(beta, qb, j * nb, priorB, (zo * states + s) * nb, nb);
                    }
                    qm[zi * na + a] = SoftExtremum.fastValue(beta, qo, (zi * na + a) * mo, masterB, s * mo, mo);
                }
            }
            for (int zpo = 0; zpo < mo; zpo++) {
                double p = termB[s * mo + zpo];
                for (int zi = 0; zi < mi; zi++) {
                    for (int a = 0; a < na; a++) {
                        qt[(zpo * mi + zi) * na + a] = twoPoint(qo[(zi * na + a) * mo + zpo], qm[zi * na + a], p);
                    }
                    qa[zpo * mi + zi] = SoftExtremum.fastValue(beta, qt, (zpo * mi + zi) * na, priorA, (zi * states + s) * na, na);
                }
                qh[zpo] = SoftExtremum.fastValue(beta, qa, zpo * mi, masterA, s * mi, mi);
            }
        }

        double twoPoint(double cont, double term, double p) {
            return termination.value(beta, cont, term, p);
        }

        private void backup(int s, double[] in, double[] out, int off) {
            qBlock(s, in, q);
            reduce(s, q);
            for (int zpi = 0; zpi < mi; zpi++) {
                double p = termA[s * mi + zpi];
                for (int zpo = 0; zpo < mo; zpo++) {
                    out[off + zpi * mo + zpo] = twoPoint(qa[zpo * mi + zpi], qh[zpo], p);
                }
            }
        }

        @Override
        public void apply(double[] in, double[] out) {
            int mm = mi * mo;
            for (int s = 0; s < states; s++) {
                backup(s, in, out, s * mm);
            }
        }

        @Override
        public double applyInPlace(double[] v) {
            int mm = mi * mo;
            double d = 0.0;
            for (int s = 0; s < states; s++) {
                backup(s, v, uNew, 0);
                for (int j = 0; j < mm; j++) {
                    double diff = Math.abs(uNew[j] - v[s * mm + j]);
                    if (!(diff <= d)) {
                        d = diff;
                    }
                    v[s * mm + j] = uNew[j];
                }
            }
            return d;
        }

        private double terminate(double cont, double term, double p) {
            return termination.probability(beta, cont, term, p);
        }

        /** Every table at the message {@code u} (U of the next step). */
        public Tables tables(double[] u) {
            int n = states;
            Tables tb = new Tables(n, na, nb, mi, mo);
            double[] qb = new double[q.length];
            for (int s = 0; s < n; s++) {
                qBlock(s, u, qb);
                reduce(s, qb);
                for (int zi = 0; zi < mi; zi++) {
                    for (int a = 0; a < na; a++) {
                        for (int zo = 0; zo < mo; zo++) {
                            int j = (zi * na + a) * mo + zo;
                            SoftExtremum.policy(beta, qb, j * nb, priorB, (zo * n + s) * nb, nb, tb.opponentLow[s][zi][a][zo], 0);
                            for (int b = 0; b < nb; b++) {
                                tb.q[s][zi][zo][a][b] = qb[j * nb + b];
                            }
                        }
                        SoftExtremum.policy(beta, qo, (zi * na + a) * mo, masterB, s * mo, mo, tb.opponentMaster[s][a][zi], 0);
                    }
                }
                for (int zpo = 0; zpo < mo; zpo++) {
                    double p = termB[s * mo + zpo];
                    for (int zi = 0; zi < mi; zi++) {
                        for (int a = 0; a < na; a++) {
                            tb.opponentTermination[s][zpo][a][zi] = terminate(qo[(zi * na + a) * mo + zpo], qm[zi * na + a], p);
                        }
                        SoftExtremum.policy(beta, qt, (zpo * mi + zi) * na, priorA, (zi * n + s) * na, na, tb.agentLow[s][zi][zpo], 0);
                    }
                    SoftExtremum.policy(beta, qa, zpo * mi, masterA, s * mi, mi, tb.agentMaster[s][zpo], 0);
                }
                for (int zpi = 0; zpi < mi; zpi++) {
                    double p = termA[s * mi + zpi];
                    for (int zpo = 0; zpo < mo; zpo++) {
                        tb.u[s][zpi][zpo] = twoPoint(qa[zpo * mi + zpi], qh[zpo], p);
                        tb.agentTermination[s][zpi][zpo] = terminate(qa[zpo * mi + zpi], qh[zpo], p);
                        tb.start[s] += masterA[s * mi + zpi] * masterB[s * mo + zpo] * tb.u[s][zpi][zpo];
                    }
                }
                marginals(s, tb);
            }
            return tb;
        }

        /** First-step action marginals from s with z_0 drawn from the master priors. */
        private void marginals(int s, Tables tb) {
            for (int zpi = 0; zpi < mi; zpi++) {
                for (int zpo = 0; zpo < mo; zpo++) {
                    double w0 = masterA[s * mi + zpi] * masterB[s * mo + zpo];
                    double ti = tb.agentTermination[s][zpi][zpo];
                    for (int zi = 0; zi < mi; zi++) {
                        double wzi = w0 * ((zi == zpi ? 1.0 - ti : 0.0) + ti * tb.agentMaster[s][zpo][zi]);
                        if (wzi == 0.0) {
                            continue;
                        }
                        for (int a = 0; a < na; a++) {
                            double wa = wzi * tb.agentLow[s][zi][zpo][a];
                            tb.agentMarginal[s][a] += wa;
                            double to = tb.opponentTermination[s][zpo][a][zi];
                            for (int zo = 0; zo < mo; zo++) {
                                double wzo = wa * ((zo == zpo ? 1.0 - to : 0.0) + to * tb.opponentMaster[s][a][zi][zo]);
                                for (int b = 0; b < nb; b++) {
                                    tb.opponentMarginal[s][b] += wzo * tb.opponentLow[s][zi][a][zo][b];
                                }
                            }
                        }
                    }
                }
            }
        }
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

        Tables(int n, int na, int nb, int mi, int mo) {
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
    }

    /** Runs {@code ma-soft-options} with {@code config.beta()}. */
    public static Solution solve(Game game, RunConfig config) {
        double beta = config.beta();
        Operator op = new Operator(game, beta);
        Solution.Builder b = Solution.builder(NAME)
                .parameter("gamma", game.gamma())
                .parameter("beta", beta)
                .parameter("agentOptions", op.mi)
                .parameter("opponentOptions", op.mo);
        Tables tab = op.tables(Messages.firstStepMessage(op, game.horizon(), config, b));
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
