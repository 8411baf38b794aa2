package org.memarl.algorithms.options;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.memarl.MemarlException;
import org.memarl.model.Game;
import org.memarl.model.Mdp;
import org.memarl.model.OptionSpec;

/**
 * Exact evaluation of the option ELBOs (4.4) and (4.15) for arbitrary stationary policies, by one
 * linear solve on the augmented Markov chain: an independent computation (no soft extremum, no
 * iteration) against which the closed forms of {@link SoftOptions} and {@link MaSoftOptions} are
 * checked. In reward units the per-step return is
 * {@code r - (1/beta) sum of log(policy / prior)} over every choice made in the step, so
 * {@code U^pi = (I - gamma P^pi)^{-1} c^pi} on the augmented states. beta = +-inf drops the KL terms;
 * beta = 0 is refused (only the priors have a finite value there).
 */
public final class OptionEvaluation {
    private OptionEvaluation() {
    }

    /** Stationary single-agent option policies: low[s][z][a], master[s][z], termination[s][zp] = P(b = 1). */
    public record Policies(double[][][] low, double[][] master, double[][] termination) {
    }

    /**
     * The six stationary policies of (4.12), indexed like {@link MaSoftOptions.Tables}: agentTermination
     * [s][z'_i][z'_-i], agentMaster [s][z'_-i][z_i], agentLow [s][z_i][z'_-i][a], opponentTermination
     * [s][z'_-i][a][z_i], opponentMaster [s][a][z_i][z_-i], opponentLow [s][z_i][a][z_-i][b].
     */
    public record JointPolicies(double[][][] agentTermination, double[][][] agentMaster, double[][][][] agentLow,
                                double[][][][] opponentTermination, double[][][][] opponentMaster,
                                double[][][][][] opponentLow) {
    }

    /** {@code (1/beta) q log(q / p)}, 0 when q = 0; +inf when p = 0 &lt; q. */
    static double kl(double invBeta, double q, double p) {
        if (q <= 0.0 || invBeta == 0.0) {
            return 0.0;
        }
        if (p <= 0.0) {
            return invBeta > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        return invBeta * q * Math.log(q / p);
    }

    static double invBeta(double beta) {
        if (beta == 0.0 || Double.isNaN(beta)) {
            throw new org.memarl.InvalidModelException("beta: " + beta + " (the ELBO of a policy other than the prior is infinite at beta = 0)");
        }
        return Double.isInfinite(beta) ? 0.0 : 1.0 / beta;
    }

    /**
     * U^pi(s, z_prev) of (4.4) for the given policies: the expected discounted regularised return from
     * augmented state (s, z_prev). Returned as [s][z_prev].
     */
    public static double[][] evaluate(Mdp mdp, Policies pol, double beta) {
        OptionSpec o = mdp.options();
        int n = mdp.numStates();
        int na = mdp.numActions();
        int m = o.count();
        int size = n * m;
        double ib = invBeta(beta);
        double g = mdp.gamma();
        DMatrixRMaj a = CommonOps_DDRM.identity(size);
        DMatrixRMaj c = new DMatrixRMaj(size, 1);
        var t = mdp.transitions();
        for (int s = 0; s < n; s++) {
            for (int zp = 0; zp < m; zp++) {
                int x = s * m + zp;
                double pt = pol.termination()[s][zp];
                double prT = o.termination(s, zp);
                double cost = kl(ib, pt, prT) + kl(ib, 1.0 - pt, 1.0 - prT);
                double total = -cost;
                for (int z = 0; z < m; z++) {
                    double wz = (z == zp ? 1.0 - pt : 0.0) + pt * pol.master()[s][z];
                    if (pt > 0.0) {
                        total -= pt * kl(ib, pol.master()[s][z], o.master(s, z));
                    }
                    if (wz == 0.0) {
                        continue;
                    }
                    for (int act = 0; act < na; act++) {
                        double pa = pol.low()[s][z][act];
                        if (pa == 0.0) {
                            continue;
                        }
                        double w = wz * pa;
                        int row = s * na + act;
                        total += wz * (pa * mdp.reward(s, act) - kl(ib, pa, o.actionPrior(z, s, act)));
                        for (int k = t.rowStart(row), end = t.rowEnd(row); k < end; k++) {
                            double p = t.entryProbability(k);
                            if (p != 0.0) {
                                int y = t.entryColumn(k) * m + z;
                                a.add(x, y, -g * w * p);
                            }
                        }
                    }
                }
                c.set(x, 0, total);
            }
        }
        double[] u = solve(a, c);
        double[][] out = new double[n][m];
        for (int s = 0; s < n; s++) {
            System.arraycopy(u, s * m, out[s], 0, m);
        }
        return out;
    }

    /** U^pi(s, z'_i, z'_-i) of (4.15) for the given six policies, with the agent's reward. [s][z'_i][z'_-i]. */
    public static double[][][] evaluate(Game game, JointPolicies pol, double beta) {
        OptionSpec oa = game.agentOptions();
        OptionSpec ob = game.opponentOptions();
        int n = game.numStates();
        int na = game.numAgentActions();
        int nb = game.numOpponentActions();
        int mi = oa.count();
        int mo = ob.count();
        int size = n * mi * mo;
        double ib = invBeta(beta);
        double g = game.gamma();
        DMatrixRMaj mat = CommonOps_DDRM.identity(size);
        DMatrixRMaj c = new DMatrixRMaj(size, 1);
        var t = game.transitions();
        for (int s = 0; s < n; s++) {
            for (int zpi = 0; zpi < mi; zpi++) {
                for (int zpo = 0; zpo < mo; zpo++) {
                    int x = (s * mi + zpi) * mo + zpo;
                    double ti = pol.agentTermination()[s][zpi][zpo];
                    double total = -(kl(ib, ti, oa.termination(s, zpi)) + kl(ib, 1.0 - ti, 1.0 - oa.termination(s, zpi)));
                    for (int zi = 0; zi < mi; zi++) {
                        double hm = pol.agentMaster()[s][zpo][zi];
                        if (ti > 0.0) {
                            total -= ti * kl(ib, hm, oa.master(s, zi));
                        }
                        double wzi = (zi == zpi ? 1.0 - ti : 0.0) + ti * hm;
                        if (wzi == 0.0) {
                            continue;
                        }
                        for (int a = 0; a < na; a++) {
                            double pa = pol.agentLow()[s][zi][zpo][a];
                            if (pa == 0.0) {
                                continue;
                            }
                            double wa = wzi * pa;
                            total -= wzi * kl(ib, pa, oa.actionPrior(zi, s, a));
                            double to = pol.opponentTermination()[s][zpo][a][zi];
                            total -= wa * (kl(ib, to, ob.termination(s, zpo)) + kl(ib, 1.0 - to, 1.0 - ob.termination(s, zpo)));
                            for (int zo = 0; zo < mo; zo++) {
                                double om = pol.opponentMaster()[s][a][zi][zo];
                                if (to > 0.0) {
                                    total -= wa * to * kl(ib, om, ob.master(s, zo));
                                }
                                double wzo = wa * ((zo == zpo ? 1.0 - to : 0.0) + to * om);
                                if (wzo == 0.0) {
                                    continue;
                                }
                                for (int b = 0; b < nb; b++) {
                                    double pb = pol.opponentLow()[s][zi][a][zo][b];
                                    if (pb == 0.0) {
                                        continue;
                                    }
                                    total += wzo * (pb * game.rewardAgent(s, a, b) - kl(ib, pb, ob.actionPrior(zo, s, b)));
                                    double w = wzo * pb;
                                    int row = game.row(s, a, b);
                                    for (int k = t.rowStart(row), end = t.rowEnd(row); k < end; k++) {
                                        double p = t.entryProbability(k);
                                        if (p != 0.0) {
                                            int y = (t.entryColumn(k) * mi + zi) * mo + zo;
                                            mat.add(x, y, -g * w * p);
                                        }
                                    }
                                }
                            }
                        }
                    }
                    c.set(x, 0, total);
                }
            }
        }
        double[] u = solve(mat, c);
        double[][][] out = new double[n][mi][mo];
        for (int s = 0; s < n; s++) {
            for (int zi = 0; zi < mi; zi++) {
                System.arraycopy(u, (s * mi + zi) * mo, out[s][zi], 0, mo);
            }
        }
        return out;
    }

    private static double[] solve(DMatrixRMaj a, DMatrixRMaj c) {
        for (int i = 0; i < c.numRows; i++) {
            if (Double.isInfinite(c.get(i, 0))) {
                // a policy outside the prior's support: its ELBO is -inf (beta > 0) or +inf (beta < 0) in that
                // augmented state; the linear solve would mix infinities, so report them directly
                throw new MemarlException("option evaluation: the policy puts mass outside the prior's support at"
                        + " augmented state " + i);
            }
        }
        DMatrixRMaj x = new DMatrixRMaj(c.numRows, 1);
        if (!CommonOps_DDRM.solve(a, c, x)) {
            throw new MemarlException("option evaluation: singular system (gamma = 1 without termination?)");
        }
        return x.data.clone();
    }
}
