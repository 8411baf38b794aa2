package org.memarl.algorithms.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.memarl.algorithms.RunConfig;
import org.memarl.ledger.RandomOptions;
import org.memarl.model.Game;
import org.memarl.model.Mdp;
import org.memarl.model.OptionSpec;
import org.memarl.solve.Solution;
import org.memarl.testing.Reference;

/**
 * The finite-horizon option recursions against a BigDecimal evaluation of the same closed forms, written
 * out here loop by loop (appendix C.1 and C.2 in reward units): U_H = 0, then per step the action,
 * master and termination soft extrema. The library computes these in double with its stable kernel;
 * agreement to a few ulps of the largest value, for betas of both signs, tiny and large, and +-inf.
 */
class OptionsReferenceTest {
    private static final MathContext MC = new MathContext(50, RoundingMode.HALF_EVEN);
    private static final double[] BETAS = {1.0, -0.7, 2.5, 1e-7, -40.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0};

    private static BigDecimal m(double beta, BigDecimal[] f, double[] p) {
        return Reference.softExtremumBig(beta, f, p);
    }

    /** U_t(s, z) for t = 0 of the soft-options (or critic) recursion with U_H = 0, in BigDecimal. */
    static BigDecimal[][] softOptionsReference(Mdp mdp, double beta, boolean critic, int horizon) {
        OptionSpec o = mdp.options();
        int n = mdp.numStates();
        int na = mdp.numActions();
        int k = o.count();
        BigDecimal[][] u = new BigDecimal[n][k];
        for (BigDecimal[] row : u) {
            java.util.Arrays.fill(row, BigDecimal.ZERO);
        }
        BigDecimal g = new BigDecimal(mdp.gamma());
        for (int t = horizon - 1; t >= 0; t--) {
            BigDecimal[][] next = new BigDecimal[n][k];
            for (int s = 0; s < n; s++) {
                BigDecimal[] vz = new BigDecimal[k];
                for (int z = 0; z < k; z++) {
                    BigDecimal[] q = new BigDecimal[na];
                    double[] prior = new double[na];
                    for (int a = 0; a < na; a++) {
                        BigDecimal e = BigDecimal.ZERO;
                        for (int s2 = 0; s2 < n; s2++) {
                            double p = mdp.transitions().get(s * na + a, s2);
                            if (p != 0.0) {
                                e = e.add(new BigDecimal(p).multiply(u[s2][z], MC), MC);
                            }
                        }
                        q[a] = new BigDecimal(mdp.reward(s, a)).add(g.multiply(e, MC), MC);
                        prior[a] = o.actionPrior(z, s, a);
                    }
                    vz[z] = m(beta, q, prior);
                }
                double[] mp = new double[k];
                for (int z = 0; z < k; z++) {
                    mp[z] = o.master(s, z);
                }
                BigDecimal vh = m(critic ? 0.0 : beta, vz, mp);
                for (int z = 0; z < k; z++) {
                    double pt = o.termination(s, z);
                    next[s][z] = m(critic ? 0.0 : beta, new BigDecimal[] {vz[z], vh}, new double[] {1.0 - pt, pt});
                }
            }
            u = next;
        }
        return u;
    }

    @ParameterizedTest
    @ValueSource(longs = {1L, 2L, 3L, 4L, 5L, 6L})
    void softOptionsAndCriticMatchTheBigDecimalRecursion(long seed) {
        Mdp mdp = RandomOptions.mdp(seed, 3).withHorizon(3);
        for (double beta : BETAS) {
            for (boolean critic : new boolean[] {false, true}) {
                Solution sol = SoftOptions.solve(mdp, RunConfig.builder().beta(beta).build(),
                        critic ? SoftOptions.Variant.CRITIC : SoftOptions.Variant.SOFT_OPTIONS);
                double[][] u = sol.value("U").matrix();
                BigDecimal[][] ref = softOptionsReference(mdp, beta, critic, 3);
                double scale = 1.0;
                for (BigDecimal[] row : ref) {
                    for (BigDecimal x : row) {
                        scale = Math.max(scale, Math.abs(x.doubleValue()));
                    }
                }
                for (int s = 0; s < u.length; s++) {
                    for (int z = 0; z < u[s].length; z++) {
                        assertEquals(ref[s][z].doubleValue(), u[s][z], 64 * Math.ulp(scale),
                                "seed " + seed + " beta " + beta + " critic " + critic + " U[" + s + "][" + z + "]");
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1L, 2L, 3L, 4L})
    void maSoftOptionsMatchesTheBigDecimalRecursion(long seed) {
        Game g = RandomOptions.game(seed, 2).withHorizon(2);
        OptionSpec oa = g.agentOptions();
        OptionSpec ob = g.opponentOptions();
        int n = g.numStates();
        int na = g.numAgentActions();
        int nb = g.numOpponentActions();
        int mi = oa.count();
        int mo = ob.count();
        for (double beta : BETAS) {
            BigDecimal[][][] u = new BigDecimal[n][mi][mo];
            for (BigDecimal[][] x : u) {
                for (BigDecimal[] y : x) {
                    java.util.Arrays.fill(y, BigDecimal.ZERO);
                }
            }
            BigDecimal gm = new BigDecimal(g.gamma());
            for (int t = 1; t >= 0; t--) {
                BigDecimal[][][] next = new BigDecimal[n][mi][mo];
                for (int s = 0; s < n; s++) {
                    BigDecimal[][][] qo = new BigDecimal[mi][na][mo];
                    BigDecimal[][] qm = new BigDecimal[mi][na];
                    for (int zi = 0; zi < mi; zi++) {
                        for (int a = 0; a < na; a++) {
                            for (int zo = 0; zo < mo; zo++) {
                                BigDecimal[] q = new BigDecimal[nb];
                                double[] pb = new double[nb];
                                for (int b = 0; b < nb; b++) {
                                    BigDecimal e = BigDecimal.ZERO;
                                    for (int s2 = 0; s2 < n; s2++) {
                                        double p = g.transitions().get(g.row(s, a, b), s2);
                                        if (p != 0.0) {
                                            e = e.add(new BigDecimal(p).multiply(u[s2][zi][zo], MC), MC);
                                        }
                                    }
                                    q[b] = new BigDecimal(g.rewardAgent(s, a, b)).add(gm.multiply(e, MC), MC);
                                    pb[b] = ob.actionPrior(zo, s, b);
                                }
                                qo[zi][a][zo] = m(beta, q, pb);
                            }
                            double[] hb = new double[mo];
                            for (int zo = 0; zo < mo; zo++) {
                                hb[zo] = ob.master(s, zo);
                            }
                            qm[zi][a] = m(beta, qo[zi][a], hb);
                        }
                    }
                    for (int zpo = 0; zpo < mo; zpo++) {
                        double pto = ob.termination(s, zpo);
                        BigDecimal[] qa = new BigDecimal[mi];
                        for (int zi = 0; zi < mi; zi++) {
                            BigDecimal[] qt = new BigDecimal[na];
                            double[] pa = new double[na];
                            for (int a = 0; a < na; a++) {
                                qt[a] = m(beta, new BigDecimal[] {qo[zi][a][zpo], qm[zi][a]}, new double[] {1.0 - pto, pto});
                                pa[a] = oa.actionPrior(zi, s, a);
                            }
                            qa[zi] = m(beta, qt, pa);
                        }
                        double[] ha = new double[mi];
                        for (int zi = 0; zi < mi; zi++) {
                            ha[zi] = oa.master(s, zi);
                        }
                        BigDecimal qh = m(beta, qa, ha);
                        for (int zpi = 0; zpi < mi; zpi++) {
                            double pti = oa.termination(s, zpi);
                            next[s][zpi][zpo] = m(beta, new BigDecimal[] {qa[zpi], qh}, new double[] {1.0 - pti, pti});
                        }
                    }
                }
                u = next;
            }
            Solution sol = MaSoftOptions.solve(g, RunConfig.builder().beta(beta).build());
            double[][][] got = sol.value("U").cube();
            double scale = 1.0;
            for (BigDecimal[][] x : u) {
                for (BigDecimal[] y : x) {
                    for (BigDecimal v : y) {
                        scale = Math.max(scale, Math.abs(v.doubleValue()));
                    }
                }
            }
            for (int s = 0; s < n; s++) {
                for (int zi = 0; zi < mi; zi++) {
                    for (int zo = 0; zo < mo; zo++) {
                        assertEquals(u[s][zi][zo].doubleValue(), got[s][zi][zo], 64 * Math.ulp(scale),
                                "seed " + seed + " beta " + beta + " U[" + s + "][" + zi + "][" + zo + "]");
                    }
                }
            }
        }
    }

    /** Every policy table is a distribution over its last index (or a probability), at the fixed point. */
    @ParameterizedTest
    @ValueSource(longs = {11L, 12L, 13L})
    void policiesAreDistributions(long seed) {
        Mdp mdp = RandomOptions.mdp(seed, 3);
        Solution sol = SoftOptions.solve(mdp, RunConfig.builder().beta(1.5).tolerance(1e-12).build(),
                SoftOptions.Variant.SOFT_OPTIONS);
        assertTrue(sol.converged());
        for (double[][] perState : sol.policy("low").cube()) {
            for (double[] row : perState) {
                assertSumsToOne(row);
            }
        }
        for (double[] row : sol.policy("master").matrix()) {
            assertSumsToOne(row);
        }
        for (double[] row : sol.policy()) {
            assertSumsToOne(row);
        }
        for (double[] row : sol.policy("termination").matrix()) {
            for (double p : row) {
                assertTrue(p >= 0.0 && p <= 1.0, "termination probability " + p);
            }
        }
    }

    /**
     * The first-step action marginals of ma-soft-options, summed out here from the six reported policy tables
     * with the initial options drawn from the master priors (4.11), agree with the reported {@code agent} and
     * {@code opponent} policies; every policy table is a distribution (or a probability).
     */
    @ParameterizedTest
    @ValueSource(longs = {21L, 22L, 23L})
    void maSoftOptionsMarginalsFollowFromTheSixPolicies(long seed) {
        Game g = RandomOptions.game(seed, 2);
        OptionSpec oa = g.agentOptions();
        OptionSpec ob = g.opponentOptions();
        int n = g.numStates();
        int na = g.numAgentActions();
        int nb = g.numOpponentActions();
        int mi = oa.count();
        int mo = ob.count();
        Solution sol = MaSoftOptions.solve(g, RunConfig.builder().beta(1.4).tolerance(1e-12).build());
        double[][][] at = sol.policy("agentTermination").cube();
        double[][][] am = sol.policy("agentMaster").cube();
        double[][][][] al = sol.policy("agentLow").tesseract();
        double[][][][] ot = sol.policy("opponentTermination").tesseract();
        double[][][][] om = sol.policy("opponentMaster").tesseract();
        double[][][][][] ol = (double[][][][][]) sol.policy("opponentLow").nested();
        double[][] agent = new double[n][na];
        double[][] opponent = new double[n][nb];
        for (int s = 0; s < n; s++) {
            for (int zpi = 0; zpi < mi; zpi++) {
                for (int zpo = 0; zpo < mo; zpo++) {
                    double w0 = oa.master(s, zpi) * ob.master(s, zpo);
                    double ti = at[s][zpi][zpo];
                    assertTrue(ti >= 0.0 && ti <= 1.0, "agent termination " + ti);
                    for (int zi = 0; zi < mi; zi++) {
                        double wzi = w0 * ((zi == zpi ? 1.0 - ti : 0.0) + ti * am[s][zpo][zi]);
                        for (int a = 0; a < na; a++) {
                            double wa = wzi * al[s][zi][zpo][a];
                            agent[s][a] += wa;
                            double to = ot[s][zpo][a][zi];
                            for (int zo = 0; zo < mo; zo++) {
                                double wzo = wa * ((zo == zpo ? 1.0 - to : 0.0) + to * om[s][a][zi][zo]);
                                for (int b = 0; b < nb; b++) {
                                    opponent[s][b] += wzo * ol[s][zi][a][zo][b];
                                }
                            }
                        }
                    }
                }
            }
            for (double[] row : am[s]) {
                assertSumsToOne(row);
            }
            for (double[][] x : al[s]) {
                for (double[] row : x) {
                    assertSumsToOne(row);
                }
            }
            for (double[][] x : om[s]) {
                for (double[] row : x) {
                    assertSumsToOne(row);
                }
            }
            for (double[][][] x : ol[s]) {
                for (double[][] y : x) {
                    for (double[] row : y) {
                        assertSumsToOne(row);
                    }
                }
            }
        }
        double[][] gotA = sol.policy("agent").matrix();
        double[][] gotB = sol.policy("opponent").matrix();
        for (int s = 0; s < n; s++) {
            assertSumsToOne(gotA[s]);
            assertSumsToOne(gotB[s]);
            for (int a = 0; a < na; a++) {
                assertEquals(agent[s][a], gotA[s][a], 64 * Math.ulp(1.0), "agent[" + s + "][" + a + "]");
            }
            for (int b = 0; b < nb; b++) {
                assertEquals(opponent[s][b], gotB[s][b], 64 * Math.ulp(1.0), "opponent[" + s + "][" + b + "]");
            }
        }
    }

    private static void assertSumsToOne(double[] row) {
        double s = 0.0;
        for (double x : row) {
            assertTrue(x >= 0.0, "probability " + x);
            s += x;
        }
        assertEquals(1.0, s, 8 * Math.ulp(1.0) * row.length);
    }
}
