package org.memarl.algorithms.mapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 19: kills the surviving mutants of {@code GameEvaluation.normalise}: joint weights whose rows sum
 * to 1 only within the input tolerance are renormalised before the exact evaluation. Reference: the
 * linear system V = sum_j w_j (r_j + gamma T_j V) with normalised weights, solved by Gaussian elimination.
 */
class GameEvaluationMutantsTest {

    @Test
    @DisplayName("GameEvaluation (beta infinite): V and Q with near-normalised policies equal the exact solve with normalised weights")
    void renormalisesJointWeights() {
        for (long seed = 21; seed <= 23; seed++) {
            Gr2MutantsTest.Inst in = Gr2MutantsTest.instance(seed);
            int n = 3;
            int na = 2;
            int nb = 3;
            SplittableRandom rng = new SplittableRandom(seed * 7);
            double[][] pi = Gr2MutantsTest.rows(rng, n, na); // rows sum to 1 + 6e-10
            double[][][] rho = new double[n][][];
            for (int s = 0; s < n; s++) {
                rho[s] = Gr2MutantsTest.rows(rng, na, nb);
            }
            double[][] m = new double[n][n];
            double[] c = new double[n];
            for (int s = 0; s < n; s++) {
                double[] p = Gr2MutantsTest.norm(pi[s]);
                m[s][s] = 1.0;
                for (int a = 0; a < na; a++) {
                    double[] o = Gr2MutantsTest.norm(rho[s][a]);
                    for (int b = 0; b < nb; b++) {
                        double w = p[a] * o[b];
                        c[s] += w * in.r()[s][a][b];
                        for (int x = 0; x < n; x++) {
                            m[s][x] -= 0.8 * w * in.t()[s][a][b][x];
                        }
                    }
                }
            }
            double[] v = Gr2MutantsTest.gauss(m, c);
            GameEvaluation.Result res = GameEvaluation.agentFirst(in.g(), pi, rho, Double.POSITIVE_INFINITY,
                    Double.POSITIVE_INFINITY);
            for (int s = 0; s < n; s++) {
                assertEquals(v[s], res.v[s], 1e-11, "seed " + seed + " V[" + s + "]");
                for (int a = 0; a < na; a++) {
                    for (int b = 0; b < nb; b++) {
                        double e = 0.0;
                        for (int x = 0; x < n; x++) {
                            e += in.t()[s][a][b][x] * v[x];
                        }
                        assertEquals(in.r()[s][a][b] + 0.8 * e, res.q[s][a][b], 1e-11,
                                "seed " + seed + " Q[" + s + "][" + a + "][" + b + "]");
                    }
                }
            }
        }
    }
}
