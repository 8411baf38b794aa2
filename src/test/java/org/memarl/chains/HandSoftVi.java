package org.memarl.chains;

import org.memarl.model.Game;
import org.memarl.model.Mdp;
import org.memarl.model.OptionSpec;
import org.memarl.model.TransitionMatrix;

/**
 * Hand-written soft value iterations for the equivalence tests, independent of the kernel and the chain
 * solver: plain Jacobi sweeps over explicit loops of the model's own accessors, each soft extremum a direct
 * shifted log-sum-exp {@code (1/beta) log sum w exp(beta q)} (0: the expectation, +-inf: max / min over the
 * support).
 */
final class HandSoftVi {
    /** Values and a bound on their distance to the fixed point ({@code gamma/(1-gamma)} times the last change). */
    record Result(double[] v, double bound) {
    }

    private HandSoftVi() {
    }

    /** {@code (1/beta) log sum_i w_i exp(beta q_i) / sum w} over the entries with w &gt; 0. */
    static double lse(double beta, double[] w, double[] q, int n) {
        double z = 0.0;
        double hi = Double.NEGATIVE_INFINITY;
        double lo = Double.POSITIVE_INFINITY;
        double mean = 0.0;
        for (int i = 0; i < n; i++) {
            if (w[i] > 0.0) {
                z += w[i];
                hi = Math.max(hi, q[i]);
                lo = Math.min(lo, q[i]);
                mean += w[i] * q[i];
            }
        }
        if (beta == Double.POSITIVE_INFINITY) {
            return hi;
        }
        if (beta == Double.NEGATIVE_INFINITY) {
            return lo;
        }
        if (beta == 0.0) {
            return mean / z;
        }
        double shift = beta > 0 ? hi : lo;
        double s = 0.0;
        for (int i = 0; i < n; i++) {
            if (w[i] > 0.0) {
                s += w[i] / z * Math.exp(beta * (q[i] - shift));
            }
        }
        return shift + Math.log(s) / beta;
    }

    private interface Backup {
        double apply(int context, double[] v);
    }

    private static Result iterate(int n, double gamma, Backup backup) {
        double[] v = new double[n];
        double[] next = new double[n];
        double delta = Double.POSITIVE_INFINITY;
        for (int it = 0; it < 1_000_000; it++) {
            double mag = 0.0;
            delta = 0.0;
            for (int c = 0; c < n; c++) {
                next[c] = backup.apply(c, v);
                delta = Math.max(delta, Math.abs(next[c] - v[c]));
                mag = Math.max(mag, Math.abs(next[c]));
            }
            double[] t = v;
            v = next;
            next = t;
            if (delta <= 1e-14 * Math.max(1.0, mag) || gamma == 0.0 && it > 0) {
                break;
            }
        }
        return new Result(v, gamma == 0.0 ? 0.0 : gamma / (1.0 - gamma) * delta);
    }

    private static double expect(TransitionMatrix t, int row, double[] v, int stride, int offset) {
        double e = 0.0;
        for (int k = t.rowStart(row); k < t.rowEnd(row); k++) {
            e += t.entryProbability(k) * v[t.entryColumn(k) * stride + offset];
        }
        return e;
    }

    /**
     * A two-level game chain: opponent outermost ({@code V = M_b^{bo}[M_a^{bi}[Q | P(a|s,b)] | P(b|s)]}) or
     * agent outermost ({@code V = M_a^{bi}[M_b^{bo}[Q | P(b|s,a)] | P(a|s)]}), Q the agent's.
     */
    static Result gameChain(Game g, boolean opponentFirst, double bi, double bo) {
        int na = g.numAgentActions();
        int nb = g.numOpponentActions();
        double[] pa = g.priorAgentFlat();
        double[] pb = g.priorOpponentFlat();
        double[] pba = g.opponentGivenAgentFlat();
        double[] pab = g.agentGivenOpponentFlat();
        TransitionMatrix t = g.transitions();
        return iterate(g.numStates(), g.gamma(), (s, v) -> {
            int outer = opponentFirst ? nb : na;
            int inner = opponentFirst ? na : nb;
            double[] w = new double[inner];
            double[] q = new double[inner];
            double[] ow = new double[outer];
            double[] oq = new double[outer];
            for (int x = 0; x < outer; x++) {
                for (int y = 0; y < inner; y++) {
                    int a = opponentFirst ? y : x;
                    int b = opponentFirst ? x : y;
                    w[y] = opponentFirst ? pab[(s * nb + b) * na + a] : pba[(s * na + a) * nb + b];
                    q[y] = g.rewardAgent(s, a, b) + g.gamma() * expect(t, g.row(s, a, b), v, 1, 0);
                }
                ow[x] = opponentFirst ? pb[s * nb + x] : pa[s * na + x];
                oq[x] = ow[x] > 0.0 ? lse(opponentFirst ? bi : bo, w, q, inner) : 0.0;
            }
            return lse(opponentFirst ? bo : bi, ow, oq, outer);
        });
    }

    /** {@code P^T(b|s,z') P(z|s,z',b)}. */
    private static double optionWeight(OptionSpec o, int s, int zPrev, int b, int z) {
        double p = o.termination(s, zPrev);
        return b == 0 ? (z == zPrev ? 1.0 - p : 0.0) : p * o.master(s, z);
    }

    /** Flat soft VI over (b, z, a) on (s, z_prev): {@code U(s,z') = M^beta_{b,z,a}[r(s,a) + gamma E U(s', z)]}. */
    static Result softOptionsFlat(Mdp mdp, double beta) {
        OptionSpec o = mdp.options();
        int m = o.count();
        int na = mdp.numActions();
        TransitionMatrix t = mdp.transitions();
        int leaf = 2 * m * na;
        return iterate(mdp.numStates() * m, mdp.gamma(), (c, u) -> {
            int s = c / m;
            int zp = c % m;
            double[] w = new double[leaf];
            double[] q = new double[leaf];
            int i = 0;
            for (int b = 0; b < 2; b++) {
                for (int z = 0; z < m; z++) {
                    for (int a = 0; a < na; a++) {
                        w[i] = optionWeight(o, s, zp, b, z) * o.actionPrior(z, s, a);
                        q[i++] = mdp.reward(s, a) + mdp.gamma() * expect(t, mdp.row(s, a), u, m, z);
                    }
                }
            }
            return lse(beta, w, q, leaf);
        });
    }

    /** Flat joint soft VI over (b_i, z_i, a, b_-i, z_-i, b) on (s, z'_i, z'_-i), the agent's reward. */
    static Result maFlat(Game g, double beta) {
        OptionSpec oi = g.agentOptions();
        OptionSpec oo = g.opponentOptions();
        int mi = oi.count();
        int mo = oo.count();
        int na = g.numAgentActions();
        int nb = g.numOpponentActions();
        TransitionMatrix t = g.transitions();
        int leaf = 4 * mi * mo * na * nb;
        return iterate(g.numStates() * mi * mo, g.gamma(), (c, u) -> {
            int s = c / (mi * mo);
            int zpi = (c / mo) % mi;
            int zpo = c % mo;
            double[] w = new double[leaf];
            double[] q = new double[leaf];
            int i = 0;
            for (int bi = 0; bi < 2; bi++) {
                for (int zi = 0; zi < mi; zi++) {
                    for (int a = 0; a < na; a++) {
                        for (int bo = 0; bo < 2; bo++) {
                            for (int zo = 0; zo < mo; zo++) {
                                for (int b = 0; b < nb; b++) {
                                    w[i] = optionWeight(oi, s, zpi, bi, zi) * oi.actionPrior(zi, s, a)
                                            * optionWeight(oo, s, zpo, bo, zo) * oo.actionPrior(zo, s, b);
                                    // the row (s, a, b) leads to s' and the options (zi, zo) run on: context (s', zi, zo)
                                    q[i++] = g.rewardAgent(s, a, b) + g.gamma() * expect(t, g.row(s, a, b), u, mi * mo, zi * mo + zo);
                                }
                            }
                        }
                    }
                }
            }
            return lse(beta, w, q, leaf);
        });
    }
}
