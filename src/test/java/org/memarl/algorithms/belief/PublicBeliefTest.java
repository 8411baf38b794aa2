package org.memarl.algorithms.belief;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.memarl.io.DecPomdpReader;
import org.memarl.io.PomdpReader;
import org.memarl.model.DecPomdp;
import org.memarl.model.Pomdp;

/**
 * The public-belief agent on the bundled examples against independent computations: brute force over
 * every deterministic joint policy (team optimum at beta = +inf), the mean payoff (beta = 0), and the
 * monotonicity in beta of section 5.1's soft recursion.
 */
class PublicBeliefTest {
    static final double[][][][] PAYOFF = {
        {{{10, 0, 0}, {4, 8, 4}, {10, 0, 0}}, {{0, 0, 10}, {4, 8, 4}, {0, 0, 10}}},
        {{{0, 0, 10}, {4, 8, 4}, {0, 0, 0}}, {{10, 0, 0}, {4, 8, 4}, {10, 0, 0}}},
    };

    static DecPomdp bad() {
        return DecPomdpReader.readDecPomdp(Path.of("examples", "bad-two-step.json"));
    }

    /** Team optimum over all 9 x 3^6 deterministic joint policies (player 1 sees a0 and its card). */
    static double bruteForceTeamOptimum() {
        double best = Double.NEGATIVE_INFINITY;
        for (int p0 = 0; p0 < 9; p0++) {
            for (int p1 = 0; p1 < 729; p1++) {
                double v = 0.0;
                for (int c0 = 0; c0 < 2; c0++) {
                    int a0 = c0 == 0 ? p0 % 3 : p0 / 3;
                    for (int c1 = 0; c1 < 2; c1++) {
                        int digit = a0 * 2 + c1;
                        int a1 = (int) (p1 / Math.pow(3, digit)) % 3;
                        v += 0.25 * PAYOFF[c0][c1][a0][a1];
                    }
                }
                best = Math.max(best, v);
            }
        }
        return best;
    }

    @Test
    void badTwoStepAtBetaInfinityIsTheBruteForceTeamOptimum() {
        double bf = bruteForceTeamOptimum();
        assertEquals(10.0, bf, 0.0, "the known answer of the BAD paper");
        assertEquals(bf, PublicBelief.solve(bad(), Double.POSITIVE_INFINITY).solution().V()[0], 1e-12);
    }

    @Test
    void badTwoStepAtBetaZeroIsUniformPlay() {
        double mean = 0.0;
        for (double[][][] a : PAYOFF) {
            for (double[][] b : a) {
                for (double[] c : b) {
                    for (double x : c) {
                        mean += x / 36.0;
                    }
                }
            }
        }
        PublicBelief.Result r = PublicBelief.solve(bad(), 0.0);
        assertEquals(mean, r.solution().V()[0], 1e-12);
        assertEquals(mean, r.root().expectedReward(), 1e-12);
    }

    @Test
    void valueIsNondecreasingInBetaAndBetweenUniformAndOptimum() {
        double prev = Double.NEGATIVE_INFINITY;
        double[] betas = {Double.NEGATIVE_INFINITY, -3, -0.1, 0, 1e-9, 0.1, 1, 3, 30, 1e6, Double.POSITIVE_INFINITY};
        for (double b : betas) {
            double v = PublicBelief.solve(bad(), b).solution().V()[0];
            assertTrue(v >= prev - 1e-12, "V(" + b + ") = " + v + " < " + prev);
            prev = v;
        }
    }

    @Test
    void optimalPrescriptionSignalsTheCardAndPlayerOneDecodesIt() {
        PublicBelief.Result r = PublicBelief.solve(bad(), Double.POSITIVE_INFINITY);
        PublicBelief.Node root = r.root();
        DecPomdpProcess p = (DecPomdpProcess) r.process();
        double[] pi = root.policy();
        int[][] act = new int[2][];
        for (int c = 0; c < pi.length; c++) {
            if (pi[c] > 0.0) {
                p.prescriptions(0).decode(c, act);
                assertTrue(act[0][0] != act[0][1], "an optimal prescription maps the two cards to different actions");
                // after each public action the belief over player 0's card is a point mass
                for (PublicBelief.Edge e : root.edges()) {
                    if (e.choice() == c) {
                        double[] b = e.node().belief();
                        double card0 = 0.0;
                        for (int s = 0; s < b.length; s++) {
                            if (r.process().stateNames().get(s).startsWith("cards 0")) {
                                card0 += b[s];
                            }
                        }
                        assertTrue(card0 == 0.0 || card0 == 1.0, "belief over card 0 after the signal: " + card0);
                        assertEquals(10.0, e.node().value(), 1e-12);
                    }
                }
            }
        }
    }

    @Test
    void tigerAtHorizonOneIsTheBestImmediateReward() {
        Pomdp tiger = PomdpReader.readPomdp(Path.of("examples", "tiger.json")).withHorizon(1);
        // listen: -1; opening either door: 0.5 * 10 + 0.5 * (-100) = -45
        assertEquals(-1.0, PublicBelief.solve(tiger, Double.POSITIVE_INFINITY).solution().V()[0], 0.0);
        double soft = Math.log((Math.exp(-1.0) + 2 * Math.exp(-45.0)) / 3.0);
        assertEquals(soft, PublicBelief.solve(tiger, 1.0).solution().V()[0], 1e-13);
    }
}
