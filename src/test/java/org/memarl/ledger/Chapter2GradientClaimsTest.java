package org.memarl.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.memarl.model.Mdp;

/**
 * The exact machinery of {@link Chapter2GradientClaims} against independent computations: the forward-mode gradient
 * of eta against a closed form and against Richardson-extrapolated central differences, the visitation frequency
 * against its series; and the claims' verdicts (Theorem 5, eq. (2.27), eq. (2.31)) on their witnesses.
 */
class Chapter2GradientClaimsTest {

    /** One state, a self-loop: eta = sum_a pi(a) r(a) / (1 - gamma), d eta / d theta_a = pi_a (r_a - rbar) / (1 - gamma). */
    @Test
    void eqTwo27GradientOfOneStateIsTheClosedForm() {
        double gamma = 0.75;
        double[] r = {1.0, -2.0, 0.5};
        double[][][] t = {{{1.0}, {1.0}, {1.0}}};
        Mdp mdp = Mdp.builder().name("one").states(1).actions(3).gamma(gamma).transitions(t).rewards(new double[][] {r}).build();
        double[][] theta = {{0.25, -1.0, 2.0}};
        double[][] pi = Chapter2GradientClaims.softmax(theta);
        double rbar = pi[0][0] * r[0] + pi[0][1] * r[1] + pi[0][2] * r[2];
        double[][] g = new Chapter2GradientClaims.Exact(mdp).gradient(theta);
        for (int a = 0; a < 3; a++) {
            double expected = pi[0][a] * (r[a] - rbar) / (1.0 - gamma);
            assertEquals(expected, g[0][a], 8 * Math.ulp(4.0), "eq. (2.27): a = " + a);
        }
    }

    /** The dual-number gradient agrees with central differences (Richardson-extrapolated, error O(h^4)). */
    @Test
    void eqTwo27ForwardModeGradientMatchesFiniteDifferences() {
        for (long seed = 0; seed < 30; seed++) {
            SplittableRandom rng = new SplittableRandom(seed);
            Mdp mdp = RandomMdps.mdp(seed, 4);
            Chapter2GradientClaims.Exact x = new Chapter2GradientClaims.Exact(mdp);
            double[][] theta = Chapter2GradientClaims.logits(rng, x.n, x.m);
            double[][] g = x.gradient(theta);
            double scale = Math.max(1.0, mdp.maxAbsReward()) / (1.0 - mdp.gamma());
            for (int s = 0; s < x.n; s++) {
                for (int a = 0; a < x.m; a++) {
                    double h = 1e-3;
                    double d1 = central(x, theta, s, a, h);
                    double d2 = central(x, theta, s, a, h / 2);
                    double fd = (4.0 * d2 - d1) / 3.0;
                    assertEquals(fd, g[s][a], 1e-7 * scale, "seed " + seed + " (" + s + "," + a + ")");
                }
            }
        }
    }

    private static double central(Chapter2GradientClaims.Exact x, double[][] theta, int s, int a, double h) {
        double[][] up = deepCopy(theta);
        double[][] down = deepCopy(theta);
        up[s][a] += h;
        down[s][a] -= h;
        double hi = x.eta(x.values(Chapter2GradientClaims.softmax(up)));
        double lo = x.eta(x.values(Chapter2GradientClaims.softmax(down)));
        return (hi - lo) / (2 * h);
    }

    private static double[][] deepCopy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    /** rho = sum_k gamma^k p0 P^k, summed as a series (gamma^k below 1e-18 after the last term). */
    @Test
    void visitationFrequencyIsTheDiscountedSeries() {
        for (long seed = 0; seed < 20; seed++) {
            SplittableRandom rng = new SplittableRandom(seed);
            Mdp mdp = RandomMdps.mdp(seed, 4).withGamma(0.5);
            Chapter2GradientClaims.Exact x = new Chapter2GradientClaims.Exact(mdp);
            double[][] pi = RandomMdps.policy(rng, mdp, false);
            double[][] p = x.transition(pi);
            double[] dist = mdp.initial();
            double[] series = new double[x.n];
            double w = 1.0;
            for (int k = 0; k < 70; k++) {
                double[] next = new double[x.n];
                for (int s = 0; s < x.n; s++) {
                    series[s] += w * dist[s];
                    for (int s2 = 0; s2 < x.n; s2++) {
                        next[s2] += dist[s] * p[s][s2];
                    }
                }
                dist = next;
                w *= 0.5;
            }
            double[] rho = x.visitation(pi);
            for (int s = 0; s < x.n; s++) {
                assertEquals(series[s], rho[s], 64 * Math.ulp(2.0), "seed " + seed + " state " + s);
            }
        }
    }

    @Test
    void theoremFiveAndTheGradientClaimsHaveTheirExpectedStatuses() {
        for (Claim c : Chapter2GradientClaims.all()) {
            ClaimResult r = Ledger.run(c, 200, 20201L);
            assertEquals(c.expected(), r.status(), c.ref());
        }
        // the witnesses of the claims expected falsified fail on their own
        for (Claim c : Chapter2GradientClaims.all()) {
            for (long[] w : c.witnesses()) {
                assertTrue(c.trial(w[0], (int) w[1]).failed(), c.ref());
            }
        }
    }

    /** The printed (2.27) differs from the exact gradient exactly by the undiscounted-minus-discounted visitation. */
    @Test
    void eqTwo27PrintedErrorIsTheMissingDiscountOnTheScoreTerms() {
        SplittableRandom rng = new SplittableRandom(4L ^ 0x6A09E667F3BCC909L);
        Mdp mdp = Chapter2GradientClaims.episodic(rng, 2);
        Chapter2GradientClaims.Exact x = new Chapter2GradientClaims.Exact(mdp);
        double[][] theta = Chapter2GradientClaims.logits(rng, x.n, x.m);
        double[][] pi = Chapter2GradientClaims.softmax(theta);
        double[][] q = x.q(x.values(pi));
        double[][] exact = x.gradient(theta);
        double[][] corrected = x.scoreFunctionForm(pi, q, x.visitation(pi));
        assertTrue(Chapter2GradientClaims.supDiff(exact, corrected) <= 64 * Math.ulp(Chapter2GradientClaims.maxAbs(q)));
        boolean[] live = {true, false};
        double[][] printed = x.scoreFunctionForm(pi, q, x.visitation(pi, 1.0, live));
        assertTrue(Chapter2GradientClaims.supDiff(exact, printed) > 1e-3 * Chapter2GradientClaims.maxAbs(exact),
                "eq. (2.27) as printed should miss the gradient on its witness");
    }
}
