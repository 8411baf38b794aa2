package org.memarl.chains;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.memarl.ledger.RandomGames;
import org.memarl.ledger.RandomMdps;
import org.memarl.ledger.RandomOptions;
import org.memarl.model.Game;
import org.memarl.model.Mdp;
import org.memarl.model.OptionSpec;
import org.memarl.solve.ChainSolver;
import org.memarl.solve.IterationOptions;
import org.memarl.testing.Tolerance;

/**
 * The declared thesis chains against independent value iterations written out here loop by loop (plain
 * nested prior-weighted log-sum-exps in double, iterated to the rounding floor), on seeded random models:
 * soft value iteration (2.48)-(2.49), ROMMEO, Balancing Q from both perspectives (3.28)/(3.30), soft options
 * and the critic (C.1, (4.9)-(4.10)) and ma-soft-options (C.2). None of these loops shares code with the
 * chain kernel.
 */
class ThesisChainsDifferentialTest {
    private static final IterationOptions TIGHT = IterationOptions.defaults().withTolerance(1e-12);

    /**
     * Agreement to the solver's tolerance plus the rounding floor of two independently iterated fixed points,
     * a few ulps of max|V| per sweep accumulated by the contraction: {@code ulps(max|V|) / (1 - gamma)}.
     */
    private static void close(double[] want, double[] got, double gamma, String what) {
        assertEquals(want.length, got.length, what);
        double scale = Math.max(Tolerance.maxAbs(want), 1.0);
        double tol = 2 * TIGHT.tolerance() + Tolerance.ulps(64, scale) / (1.0 - gamma);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], tol, what + "[" + i + "]");
        }
    }

    /** {@code M_x^beta[f | p]} over {@code f[fo..fo+n)}, {@code p[po..po+n)} (normalised here), written out. */
    static double m(double beta, double[] f, int fo, double[] p, int po, int n) {
        double z = 0.0;
        for (int i = 0; i < n; i++) {
            z += p[po + i];
        }
        if (beta == 0.0) {
            double e = 0.0;
            for (int i = 0; i < n; i++) {
                e += p[po + i] / z * f[fo + i];
            }
            return e;
        }
        double sign = Math.signum(beta);
        double ext = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (p[po + i] > 0.0) {
                ext = Math.max(ext, sign * f[fo + i]);
            }
        }
        if (Double.isInfinite(beta)) {
            return sign * ext;
        }
        double hi = Math.abs(beta) * ext;
        double acc = 0.0;
        for (int i = 0; i < n; i++) {
            if (p[po + i] > 0.0) {
                acc += p[po + i] / z * Math.exp(beta * f[fo + i] - hi);
            }
        }
        return (hi + Math.log(acc)) / beta;
    }

    static double m(double beta, double[] f, double[] p) {
        return m(beta, f, 0, p, 0, f.length);
    }

    /** Iterates a gamma-contraction from 0 until successive iterates agree to the rounding floor. */
    static double[] fixedPoint(UnaryOperator<double[]> b, int n, double gamma) {
        double[] v = new double[n];
        for (int k = 0; k < 100_000; k++) {
            double[] w = b.apply(v);
            double d = Tolerance.supDistance(w, v);
            v = w;
            if (gamma / (1.0 - gamma) * d <= 1e-14 || d <= 4 * Math.ulp(Tolerance.maxAbs(v))) {
                return v;
            }
        }
        return v;
    }

    /** {@code sum_{s'} T(s' | row) v[s' stride + off]}. */
    private static double expect(org.memarl.model.TransitionMatrix t, int row, double[] v, int stride, int off) {
        double e = 0.0;
        for (int k = t.rowStart(row); k < t.rowEnd(row); k++) {
            e += t.entryProbability(k) * v[t.entryColumn(k) * stride + off];
        }
        return e;
    }

    /** Soft value iteration (2.49): {@code V(s) = M_a^beta[r + gamma T V | P(.|s)]}. */
    static double[] softVi(Mdp mdp, double beta) {
        int n = mdp.numStates();
        int na = mdp.numActions();
        return fixedPoint(v -> {
            double[] out = new double[n];
            for (int s = 0; s < n; s++) {
                double[] q = new double[na];
                double[] p = new double[na];
                for (int a = 0; a < na; a++) {
                    q[a] = mdp.reward(s, a) + mdp.gamma() * expect(mdp.transitions(), mdp.row(s, a), v, 1, 0);
                    p[a] = mdp.prior(s, a);
                }
                out[s] = m(beta, q, p);
            }
            return out;
        }, n, mdp.gamma());
    }

    /** The two-level game chain, agent first ({@code M_a[M_b[Q | P(b|s,a)] | P(a|s)]}) or opponent first. */
    static double[] gameChain(Game g, boolean agentFirst, double bi, double bo) {
        int n = g.numStates();
        int na = g.numAgentActions();
        int nb = g.numOpponentActions();
        double[] pa = g.priorAgentFlat();
        double[] pb = g.priorOpponentFlat();
        double[] pba = g.opponentGivenAgentFlat();
        double[] pab = g.agentGivenOpponentFlat();
        return fixedPoint(v -> {
            double[] out = new double[n];
            for (int s = 0; s < n; s++) {
                double[][] q = new double[na][nb];
                for (int a = 0; a < na; a++) {
                    for (int b = 0; b < nb; b++) {
                        q[a][b] = g.rewardAgent(s, a, b) + g.gamma() * expect(g.transitions(), g.row(s, a, b), v, 1, 0);
                    }
                }
                if (agentFirst) {
                    double[] inner = new double[na];
                    for (int a = 0; a < na; a++) {
                        inner[a] = m(bo, q[a], 0, pba, (s * na + a) * nb, nb);
                    }
                    out[s] = m(bi, inner, 0, pa, s * na, na);
                } else {
                    double[] inner = new double[nb];
                    for (int b = 0; b < nb; b++) {
                        double[] col = new double[na];
                        for (int a = 0; a < na; a++) {
                            col[a] = q[a][b];
                        }
                        inner[b] = m(bi, col, 0, pab, (s * nb + b) * na, na);
                    }
                    out[s] = m(bo, inner, 0, pb, s * nb, nb);
                }
            }
            return out;
        }, n, g.gamma());
    }

    /** Soft options (C.1) or the critic (4.9)-(4.10) on U[s m + z_prev], written out. */
    static double[] softOptions(Mdp mdp, double beta, boolean critic) {
        OptionSpec o = mdp.options();
        int n = mdp.numStates();
        int na = mdp.numActions();
        int k = o.count();
        double outer = critic ? 0.0 : beta;
        return fixedPoint(u -> {
            double[] out = new double[n * k];
            for (int s = 0; s < n; s++) {
                double[] vz = new double[k];
                double[] mp = new double[k];
                for (int z = 0; z < k; z++) {
                    double[] q = new double[na];
                    double[] p = new double[na];
                    for (int a = 0; a < na; a++) {
                        q[a] = mdp.reward(s, a) + mdp.gamma() * expect(mdp.transitions(), mdp.row(s, a), u, k, z);
                        p[a] = o.actionPrior(z, s, a);
                    }
                    vz[z] = m(beta, q, p);
                    mp[z] = o.master(s, z);
                }
                double vh = m(outer, vz, mp);
                for (int z = 0; z < k; z++) {
                    double pt = o.termination(s, z);
                    out[s * k + z] = m(outer, new double[] {vz[z], vh}, new double[] {1.0 - pt, pt});
                }
            }
            return out;
        }, n * k, mdp.gamma());
    }

    /** Ma-soft-options (C.2, (4.16)-(4.21)) on U[(s m_i + z'_i) m_-i + z'_-i], written out. */
    static double[] maSoftOptions(Game g, double beta) {
        OptionSpec oa = g.agentOptions();
        OptionSpec ob = g.opponentOptions();
        int n = g.numStates();
        int na = g.numAgentActions();
        int nb = g.numOpponentActions();
        int mi = oa.count();
        int mo = ob.count();
        return fixedPoint(u -> {
            double[] next = new double[n * mi * mo];
            for (int s = 0; s < n; s++) {
                double[][][] qo = new double[mi][na][mo];
                double[][] qm = new double[mi][na];
                double[] hb = new double[mo];
                for (int zo = 0; zo < mo; zo++) {
                    hb[zo] = ob.master(s, zo);
                }
                for (int zi = 0; zi < mi; zi++) {
                    for (int a = 0; a < na; a++) {
                        for (int zo = 0; zo < mo; zo++) {
                            double[] q = new double[nb];
                            double[] pb = new double[nb];
                            for (int b = 0; b < nb; b++) {
                                q[b] = g.rewardAgent(s, a, b)
                                        + g.gamma() * expect(g.transitions(), g.row(s, a, b), u, mi * mo, zi * mo + zo);
                                pb[b] = ob.actionPrior(zo, s, b);
                            }
                            qo[zi][a][zo] = m(beta, q, pb);
                        }
                        qm[zi][a] = m(beta, qo[zi][a], hb);
                    }
                }
                double[] ha = new double[mi];
                for (int zi = 0; zi < mi; zi++) {
                    ha[zi] = oa.master(s, zi);
                }
                for (int zpo = 0; zpo < mo; zpo++) {
                    double pto = ob.termination(s, zpo);
                    double[] qa = new double[mi];
                    for (int zi = 0; zi < mi; zi++) {
                        double[] qt = new double[na];
                        double[] pa = new double[na];
                        for (int a = 0; a < na; a++) {
                            qt[a] = m(beta, new double[] {qo[zi][a][zpo], qm[zi][a]}, new double[] {1.0 - pto, pto});
                            pa[a] = oa.actionPrior(zi, s, a);
                        }
                        qa[zi] = m(beta, qt, pa);
                    }
                    double qh = m(beta, qa, ha);
                    for (int zpi = 0; zpi < mi; zpi++) {
                        double pti = oa.termination(s, zpi);
                        next[(s * mi + zpi) * mo + zpo] = m(beta, new double[] {qa[zpi], qh}, new double[] {1.0 - pti, pti});
                    }
                }
            }
            return next;
        }, n * mi * mo, g.gamma());
    }

    @Test
    void softValueIterationDeclarationEqualsWrittenOutIteration() {
        for (long seed = 0; seed < 20; seed++) {
            Mdp mdp = RandomMdps.mdp(seed, 4);
            for (double beta : new double[] {2.0, -1.5, 0.0, Double.POSITIVE_INFINITY}) {
                close(softVi(mdp, beta), ChainSolver.solve(ThesisChains.softValueIteration(beta).problem(ChoiceModel.of(mdp)),
                        TIGHT).values(), mdp.gamma(), "seed " + seed + " beta " + beta);
            }
        }
    }

    @Test
    void gameDeclarationsEqualWrittenOutIterations() {
        for (long seed = 0; seed < 20; seed++) {
            Game g = RandomGames.game(seed, 3);
            close(gameChain(g, false, 1.5, 1.5),
                    ChainSolver.solve(ThesisChains.rommeo(1.5).problem(ChoiceModel.of(g)), TIGHT).values(), g.gamma(), "rommeo");
            close(gameChain(g, true, 1.5, 1.5),
                    ChainSolver.solve(ThesisChains.pr2(1.5).problem(ChoiceModel.of(g)), TIGHT).values(), g.gamma(), "pr2");
            close(gameChain(g, true, 2.0, -0.7),
                    ChainSolver.solve(ThesisChains.balancingQ(true, 2.0, -0.7).problem(ChoiceModel.of(g)), TIGHT).values(),
                    g.gamma(), "balancing agent");
            close(gameChain(g, false, 2.0, -0.7),
                    ChainSolver.solve(ThesisChains.balancingQ(false, 2.0, -0.7).problem(ChoiceModel.of(g)), TIGHT).values(),
                    g.gamma(), "balancing opponent");
        }
    }

    @Test
    void optionDeclarationsEqualWrittenOutIterations() {
        for (long seed = 0; seed < 15; seed++) {
            Mdp mdp = RandomOptions.mdp(seed, 3);
            for (double beta : new double[] {1.3, -0.8, Double.POSITIVE_INFINITY}) {
                close(softOptions(mdp, beta, false),
                        ChainSolver.solve(ThesisChains.softOptions(beta).problem(ChoiceModel.of(mdp)), TIGHT).values(),
                        mdp.gamma(), "soft options seed " + seed + " beta " + beta);
                close(softOptions(mdp, beta, true),
                        ChainSolver.solve(ThesisChains.softOptionsCritic(beta).problem(ChoiceModel.of(mdp)), TIGHT).values(),
                        mdp.gamma(), "critic seed " + seed + " beta " + beta);
            }
        }
    }

    @Test
    void maSoftOptionsDeclarationEqualsWrittenOutIteration() {
        for (long seed = 0; seed < 10; seed++) {
            Game g = RandomOptions.game(seed, 2);
            for (double beta : new double[] {1.1, -0.6}) {
                close(maSoftOptions(g, beta),
                        ChainSolver.solve(ThesisChains.maSoftOptions(beta).problem(ChoiceModel.of(g)), TIGHT).values(),
                        g.gamma(), "ma-soft-options seed " + seed + " beta " + beta);
            }
        }
    }

    @Test
    void theWrittenOutIterationsSeparateTheRecursions() {
        // the references can fail: soft options and its critic differ at beta != 0, the two perspectives differ
        double options = 0.0;
        double perspectives = 0.0;
        for (long seed = 0; seed < 5; seed++) {
            Mdp mdp = RandomOptions.mdp(seed, 3);
            options = Math.max(options, Tolerance.supDistance(softOptions(mdp, 1.3, false), softOptions(mdp, 1.3, true)));
            Game g = RandomGames.game(seed, 3);
            perspectives = Math.max(perspectives,
                    Tolerance.supDistance(gameChain(g, true, 2.0, -0.7), gameChain(g, false, 2.0, -0.7)));
        }
        assertTrue(options > 1e-6, "soft options vs critic " + options);
        assertTrue(perspectives > 1e-6, "perspectives " + perspectives);
    }
}
