package org.memarl.algorithms.mapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.memarl.InvalidModelException;
import org.memarl.ledger.RandomGames;
import org.memarl.model.Game;
import org.memarl.testing.Reference;
import org.memarl.testing.Tolerance;

/**
 * Issue 19's {@link GameEvaluation} gaps: a policy with mass where its prior is 0 must be refused (the
 * regulariser is infinite), and the evaluation of Theorems 8 and 9 ((3.34), (3.39)) in both factorisations
 * against the regularised linear system {@code (I - gamma P_pi) V = r_pi} solved here by Gaussian elimination.
 */
class GameEvaluationGapsTest {

    /**
     * One state, two actions each, with zeros in every prior: the agent's prior forbids a1, P(b|s,a) forbids b1 after a0,
     * the opponent's prior forbids b0 and P(a|s,b) forbids a1 after b1. No joint prior has all four (a model giving four
     * priors must be one joint prior's marginals and conditionals), so each perspective gets its own game with the two
     * priors it uses given (the other two are not checked against them).
     */
    private static Game gameWithZeros(boolean agentFirst) {
        Game.Builder b = Game.builder().name("zeros").states(1).agentActions(2).opponentActions(2).gamma(0.5)
                .transitions(new double[][][][] {{{{1.0}, {1.0}}, {{1.0}, {1.0}}}})
                .sum(Game.Sum.ZERO).rewards(new double[][][] {{{1.0, 2.0}, {3.0, 4.0}}});
        if (agentFirst) {
            b.priorAgent(new double[][] {{1.0, 0.0}}).opponentGivenAgent(new double[][][] {{{1.0, 0.0}, {0.5, 0.5}}});
        } else {
            b.priorOpponent(new double[][] {{0.0, 1.0}}).agentGivenOpponent(new double[][][] {{{0.0, 1.0}, {1.0, 0.0}}});
        }
        return b.build();
    }

    @Test
    @DisplayName("gap: probability > 0 where the prior is 0 is refused, in each of the four policies; 0 there is accepted")
    void priorZeroWithMassRefused() {
        Game g = gameWithZeros(true);
        Game h = gameWithZeros(false);
        double[][][] rhoOk = {{{1.0, 0.0}, {0.5, 0.5}}};
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> GameEvaluation.agentFirst(g, new double[][] {{0.9, 0.1}}, rhoOk, 1.0, 1.0));
        assertTrue(e.getMessage().contains("policy.agent[0][1]"), e.getMessage());
        e = assertThrows(InvalidModelException.class,
                () -> GameEvaluation.agentFirst(g, new double[][] {{1.0, 0.0}}, new double[][][] {{{0.7, 0.3}, {0.5, 0.5}}},
                        1.0, 1.0));
        assertTrue(e.getMessage().contains("policy.opponentGivenAgent[0][0][1]"), e.getMessage());
        e = assertThrows(InvalidModelException.class,
                () -> GameEvaluation.opponentFirst(h, new double[][] {{0.2, 0.8}}, new double[][][] {{{0.0, 1.0}, {1.0, 0.0}}},
                        1.0, 1.0));
        assertTrue(e.getMessage().contains("policy.opponent[0][0]"), e.getMessage());
        e = assertThrows(InvalidModelException.class,
                () -> GameEvaluation.opponentFirst(h, new double[][] {{0.0, 1.0}}, new double[][][] {{{0.0, 1.0}, {0.4, 0.6}}},
                        1.0, 1.0));
        assertTrue(e.getMessage().contains("policy.agentGivenOpponent[0][1][1]"), e.getMessage());
        // mass only inside the supports: the agent plays a0, the opponent b0; V = r / (1 - gamma) = 1 / 0.5
        GameEvaluation.Result ok = GameEvaluation.agentFirst(g, new double[][] {{1.0, 0.0}}, rhoOk, 1.0, 1.0);
        assertEquals(2.0, ok.v[0], 4 * Math.ulp(2.0));
        // an infinite beta drops the regulariser, so the zero prior does not matter there
        GameEvaluation.Result inf = GameEvaluation.agentFirst(g, new double[][] {{0.5, 0.5}}, rhoOk,
                Double.POSITIVE_INFINITY, 1.0);
        assertTrue(Double.isFinite(inf.v[0]));
    }

    @Test
    @DisplayName("gap: beta = 0 allows only the prior")
    void betaZeroOnlyThePrior() {
        Game g = gameWithZeros(true);
        double[][][] rho = {{{1.0, 0.0}, {0.5, 0.5}}};
        assertThrows(InvalidModelException.class,
                () -> GameEvaluation.agentFirst(g, new double[][] {{1.0, 0.0}}, new double[][][] {{{1.0, 0.0}, {0.4, 0.6}}},
                        1.0, 0.0));
        // the prior itself at beta 0 is the plain expectation: a0 then b0, V = 1 / (1 - 0.5)
        assertEquals(2.0, GameEvaluation.agentFirst(g, new double[][] {{1.0, 0.0}}, rho, 0.0, 0.0).v[0], 4 * Math.ulp(2.0));
    }

    private static double[] randomRow(SplittableRandom rng, double[] prior) {
        double[] p = new double[prior.length];
        double z = 0.0;
        for (int i = 0; i < p.length; i++) {
            p[i] = prior[i] > 0 && rng.nextInt(5) != 0 ? 0.1 + rng.nextDouble() : 0.0;
            z += p[i];
        }
        if (z == 0.0) {
            for (int i = 0; i < p.length; i++) {
                if (prior[i] > 0) {
                    p[i] = 1.0;
                    z = 1.0;
                    break;
                }
            }
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= z;
        }
        return p;
    }

    private static double reg(double p, double prior, double beta) {
        return p > 0 ? -Math.log(p / prior) / beta : 0.0;
    }

    @Test
    @DisplayName("gap: Theorems 8 and 9 evaluation (3.34)/(3.39), both factorisations, against Gaussian elimination")
    void evaluationAgainstLinearSolve() {
        for (long seed = 0; seed < 20; seed++) {
            SplittableRandom rng = new SplittableRandom(700 + seed);
            int n = 1 + rng.nextInt(4);
            int na = 1 + rng.nextInt(3);
            int nb = 1 + rng.nextInt(3);
            Game g = RandomGames.game(rng, n, na, nb, 0.3 + 0.6 * rng.nextDouble(), rng.nextBoolean());
            double bi = (rng.nextBoolean() ? 1 : -1) * (0.3 + 2 * rng.nextDouble());
            double bo = (rng.nextBoolean() ? 1 : -1) * (0.3 + 2 * rng.nextDouble());
            double[] pa = g.priorAgentFlat();
            double[] pb = g.priorOpponentFlat();
            double[] pba = g.opponentGivenAgentFlat();
            double[] pab = g.agentGivenOpponentFlat();
            for (int order = 0; order < 2; order++) {
                double[][] outer = new double[n][];
                double[][][] inner = new double[n][][];
                double[][] joint = new double[n][na * nb]; // weight of (a, b)
                double[][] rew = new double[n][na * nb];  // r + regularisers
                for (int s = 0; s < n; s++) {
                    int no = order == 0 ? na : nb;
                    int ni = order == 0 ? nb : na;
                    double[] po = java.util.Arrays.copyOfRange(order == 0 ? pa : pb, s * no, (s + 1) * no);
                    outer[s] = randomRow(rng, po);
                    inner[s] = new double[no][];
                    for (int x = 0; x < no; x++) {
                        double[] pi = java.util.Arrays.copyOfRange(order == 0 ? pba : pab, (s * no + x) * ni, (s * no + x + 1) * ni);
                        inner[s][x] = randomRow(rng, pi);
                        for (int y = 0; y < ni; y++) {
                            int a = order == 0 ? x : y;
                            int b = order == 0 ? y : x;
                            joint[s][a * nb + b] = outer[s][x] * inner[s][x][y];
                            double regOuter = reg(outer[s][x], po[x], order == 0 ? bi : bo);
                            double regInner = reg(inner[s][x][y], pi[y], order == 0 ? bo : bi);
                            rew[s][a * nb + b] = g.rewardAgent(s, a, b) + regOuter + regInner;
                        }
                    }
                }
                double[][] m = new double[n][n];
                double[] rhs = new double[n];
                for (int s = 0; s < n; s++) {
                    m[s][s] += 1.0;
                    for (int a = 0; a < na; a++) {
                        for (int b = 0; b < nb; b++) {
                            double w = joint[s][a * nb + b];
                            rhs[s] += w * rew[s][a * nb + b];
                            for (int t = 0; t < n; t++) {
                                m[s][t] -= g.gamma() * w * g.transitions().get(g.row(s, a, b), t);
                            }
                        }
                    }
                }
                double[] v = Reference.solve(m, rhs);
                GameEvaluation.Result got = order == 0
                        ? GameEvaluation.agentFirst(g, outer, inner, bi, bo)
                        : GameEvaluation.opponentFirst(g, outer, inner, bi, bo);
                double scale = 1.0 + Tolerance.maxAbs(v);
                double tol = Tolerance.ulps(1024, scale) / (1 - g.gamma());
                String w = "seed " + seed + (order == 0 ? " agent first" : " opponent first");
                for (int s = 0; s < n; s++) {
                    assertEquals(v[s], got.v[s], tol, w + " V[" + s + "]");
                    for (int a = 0; a < na; a++) {
                        for (int b = 0; b < nb; b++) {
                            double q = g.rewardAgent(s, a, b);
                            for (int t = 0; t < n; t++) {
                                q += g.gamma() * g.transitions().get(g.row(s, a, b), t) * v[t];
                            }
                            assertEquals(q, got.q[s][a][b], tol, w + " Q[" + s + "][" + a + "][" + b + "]");
                        }
                    }
                }
            }
        }
    }
}
