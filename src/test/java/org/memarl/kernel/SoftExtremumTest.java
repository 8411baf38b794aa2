package org.memarl.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.memarl.testing.Reference;
import org.memarl.testing.Tolerance;

/**
 * The prior-weighted soft extremum {@code M^beta[f | P] = (1/beta) log sum P exp(beta f)} and its
 * Boltzmann policy, against closed forms and a BigDecimal reference.
 */
class SoftExtremumTest {
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final long SEED = Long.getLong("memarl.seed", 20201L);

    /** A random instance: values of a random scale, a prior with some zeros (or null = uniform). */
    private static final class Instance {
        final double[] f;
        final double[] p;

        Instance(SplittableRandom rng, double scale, boolean zeros) {
            int n = 1 + rng.nextInt(6);
            f = new double[n];
            double[] w = new double[n];
            boolean any = false;
            for (int i = 0; i < n; i++) {
                f[i] = scale * (2 * rng.nextDouble() - 1);
                w[i] = zeros && rng.nextInt(3) == 0 ? 0.0 : rng.nextDouble() + 0.01;
                any |= w[i] > 0;
            }
            if (!any) {
                w[rng.nextInt(n)] = 1.0;
            }
            p = rng.nextInt(5) == 0 ? null : w;
        }

        double weight(int i) {
            return p == null ? 1.0 : p[i];
        }

        double maxAbs() {
            double m = 0;
            for (int i = 0; i < f.length; i++) {
                if (weight(i) > 0) {
                    m = Math.max(m, Math.abs(f[i]));
                }
            }
            return m;
        }
    }

    private static double randomBeta(SplittableRandom rng, double lo, double hi) {
        double b = Math.pow(10, Math.log10(lo) + (Math.log10(hi) - Math.log10(lo)) * rng.nextDouble());
        return rng.nextBoolean() ? b : -b;
    }

    // ---------------------------------------------------------------- closed forms

    @Test
    @DisplayName("two-point closed form (1/b) log(p e^{bx} + (1-p) e^{by}) at moderate beta, to a few ulps")
    void twoPointClosedForm() {
        SplittableRandom rng = new SplittableRandom(SEED);
        for (int i = 0; i < 400; i++) {
            double beta = randomBeta(rng, 1e-2, 1e2);
            double p = (1 + rng.nextInt(1023)) / 1024.0; // p and 1 - p exact in double
            double x = 20 * rng.nextDouble() - 10;
            double y = 20 * rng.nextDouble() - 10;
            double expected = Reference.twoPoint(beta, p, x, y);
            double got = SoftExtremum.value(beta, new double[] {x, y}, new double[] {p, 1 - p});
            assertEquals(expected, got, Tolerance.ulps(4, x, y, expected),
                    () -> "beta=" + beta + " p=" + p + " x=" + x + " y=" + y);
        }
    }

    @Test
    @DisplayName("n-point values over |beta| in [1e-4, 1e4] and scales 1e-3..1e3 equal the BigDecimal reference to a few ulps")
    void randomInstancesAgainstBigDecimal() {
        SplittableRandom rng = new SplittableRandom(SEED + 1);
        for (int i = 0; i < 1500; i++) {
            double scale = Math.pow(10, -3 + 6 * rng.nextDouble());
            Instance in = new Instance(rng, scale, true);
            double beta = randomBeta(rng, 1e-4, 1e4);
            double expected = Reference.softExtremum(beta, in.f, in.p);
            double got = SoftExtremum.value(beta, in.f, in.p);
            assertEquals(expected, got, Tolerance.ulps(6, in.maxAbs(), expected),
                    () -> "beta=" + beta + " f=" + java.util.Arrays.toString(in.f) + " p=" + java.util.Arrays.toString(in.p));
        }
    }

    @Test
    @DisplayName("offsets: a window of larger arrays gives the value of the window")
    void offsetsReadTheRightWindow() {
        double[] f = {99, -99, 1.0, 2.5, -0.5, 77};
        double[] p = {0.5, 0.5, 0.2, 0.3, 0.5, 1.0, 9.0};
        double window = SoftExtremum.value(1.3, f, 2, p, 2, 3);
        assertEquals(SoftExtremum.value(1.3, new double[] {1.0, 2.5, -0.5}, new double[] {0.2, 0.3, 0.5}), window, 0.0);
        assertEquals(Reference.softExtremum(1.3, new double[] {1.0, 2.5, -0.5}, new double[] {0.2, 0.3, 0.5}), window,
                Tolerance.ulps(4, 2.5));
        double[] out = new double[6];
        SoftExtremum.policy(1.3, f, 2, p, 2, 3, out, 1);
        assertEquals(0.0, out[0]);
        assertEquals(0.0, out[4]);
        assertArrayEquals(Reference.boltzmann(1.3, new double[] {1.0, 2.5, -0.5}, new double[] {0.2, 0.3, 0.5}),
                java.util.Arrays.copyOfRange(out, 1, 4), Tolerance.ulps(8, 1));
    }

    // ---------------------------------------------------------------- limits and the support

    @Test
    @DisplayName("beta = +-inf: max / min over the prior's support; zero-mass entries never count, even huge, NaN or infinite")
    void infiniteBetaUsesTheSupportOnly() {
        double[] f = {1.0, 1e300, Double.NaN, INF, 2.0, -INF, -1e300};
        double[] p = {0.3, 0.0, 0.0, 0.0, 0.7, 0.0, 0.0};
        assertEquals(2.0, SoftExtremum.value(INF, f, p));
        assertEquals(1.0, SoftExtremum.value(-INF, f, p));
        assertEquals(0.3 * 1.0 + 0.7 * 2.0, SoftExtremum.value(0.0, f, p), Tolerance.ulps(2, 2.0));
        for (double beta : new double[] {-50, -1, -1e-3, 1e-3, 1, 50}) {
            assertEquals(Reference.twoPoint(beta, 0.3, 1.0, 2.0), SoftExtremum.value(beta, f, p), Tolerance.ulps(4, 2.0),
                    "beta=" + beta);
        }
        double[] pi = new double[f.length];
        SoftExtremum.policy(INF, f, 0, p, 0, f.length, pi, 0);
        assertArrayEquals(new double[] {0, 0, 0, 0, 1, 0, 0}, pi, 0.0);
        SoftExtremum.policy(-INF, f, 0, p, 0, f.length, pi, 0);
        assertArrayEquals(new double[] {1, 0, 0, 0, 0, 0, 0}, pi, 0.0);
        SoftExtremum.policy(0.7, f, 0, p, 0, f.length, pi, 0);
        double[] ref = Reference.boltzmann(0.7, new double[] {1.0, 2.0}, new double[] {0.3, 0.7});
        assertArrayEquals(new double[] {ref[0], 0, 0, 0, ref[1], 0, 0}, pi, Tolerance.ulps(4, 1));
    }

    @Test
    @DisplayName("beta = 0 is the prior mean (exact to a few ulps), also with unnormalised weights")
    void betaZeroIsThePriorMean() {
        SplittableRandom rng = new SplittableRandom(SEED + 2);
        for (int i = 0; i < 300; i++) {
            Instance in = new Instance(rng, Math.pow(10, -3 + 6 * rng.nextDouble()), true);
            double expected = Reference.softExtremum(0.0, in.f, in.p);
            assertEquals(expected, SoftExtremum.value(0.0, in.f, in.p), Tolerance.ulps(4, in.maxAbs()));
            double[] pi = new double[in.f.length];
            SoftExtremum.policy(0.0, in.f, 0, in.p, 0, in.f.length, pi, 0);
            double z = 0;
            for (int k = 0; k < pi.length; k++) {
                z += in.weight(k);
            }
            for (int k = 0; k < pi.length; k++) {
                assertEquals(in.weight(k) / z, pi[k], Tolerance.ulps(4, 1.0), "policy at beta 0 is the normalised prior");
            }
        }
    }

    @Test
    @DisplayName("small |beta| in {1e-300, 1e-12, 1e-8, 1e-5, 1e-3}: mean + beta var/2 + beta^2 k3/6 + O(beta^3), and the BigDecimal value")
    void smallBetaFollowsTheCumulantSeries() {
        SplittableRandom rng = new SplittableRandom(SEED + 3);
        double[] betas = {1e-300, 1e-12, 1e-8, 1e-5, 1e-3};
        for (int i = 0; i < 60; i++) {
            Instance in = new Instance(rng, 1.0, true);
            double[] c = cumulants(in.f, in.p);
            double range = range(in.f, in.p);
            for (double b0 : betas) {
                for (double beta : new double[] {b0, -b0}) {
                    double got = SoftExtremum.value(beta, in.f, in.p);
                    double ulps = Tolerance.ulps(4, in.maxAbs());
                    // second order: mean + beta var / 2, remainder of order beta^2
                    double second = c[0] + beta * c[1] / 2;
                    assertTrue(Math.abs(got - second) <= beta * beta * Math.pow(range, 3) + ulps,
                            "beta=" + beta + ": " + got + " vs mean + beta var/2 = " + second);
                    // third order: + beta^2 k3 / 6, remainder of order beta^3 (|k4|/24 <= range^4)
                    double third = second + beta * beta * c[2] / 6;
                    assertTrue(Math.abs(got - third) <= Math.abs(beta * beta * beta) * Math.pow(range, 4) + ulps,
                            "beta=" + beta + ": " + got + " vs third-order series " + third);
                    // and the exact value
                    assertEquals(Reference.softExtremum(beta, in.f, in.p), got, ulps, "beta=" + beta);
                }
            }
        }
    }

    @Test
    @DisplayName("tiny beta with huge finite values: the cumulant series does not overflow to NaN")
    void tinyBetaWithHugeValues() {
        assertEquals(5e99, SoftExtremum.value(1e-300, new double[] {1e200, -1e200}, null), Tolerance.ulps(4, 5e99));
        double[] f = {1e160, 0.0, 3e159};
        double[] p = {0.2, 0.5, 0.3};
        for (double beta : new double[] {1e-170, -1e-170, 1e-180}) {
            assertEquals(Reference.softExtremum(beta, f, p), SoftExtremum.value(beta, f, p), Tolerance.ulps(4, 1e160));
        }
    }

    /** Mean, variance, third central moment (BigDecimal, rounded) of f under the normalised prior. */
    private static double[] cumulants(double[] f, double[] p) {
        MathContext mc = new MathContext(60);
        BigDecimal z = BigDecimal.ZERO;
        BigDecimal s = BigDecimal.ZERO;
        for (int i = 0; i < f.length; i++) {
            double w = p == null ? 1 : p[i];
            if (w > 0) {
                z = z.add(new BigDecimal(w));
                s = s.add(new BigDecimal(w).multiply(new BigDecimal(f[i])));
            }
        }
        BigDecimal mean = s.divide(z, mc);
        BigDecimal m2 = BigDecimal.ZERO;
        BigDecimal m3 = BigDecimal.ZERO;
        for (int i = 0; i < f.length; i++) {
            double w = p == null ? 1 : p[i];
            if (w > 0) {
                BigDecimal d = new BigDecimal(f[i]).subtract(mean);
                m2 = m2.add(new BigDecimal(w).multiply(d.pow(2)), mc);
                m3 = m3.add(new BigDecimal(w).multiply(d.pow(3)), mc);
            }
        }
        return new double[] {mean.doubleValue(), m2.divide(z, mc).doubleValue(), m3.divide(z, mc).doubleValue()};
    }

    private static double range(double[] f, double[] p) {
        double hi = -INF;
        double lo = INF;
        for (int i = 0; i < f.length; i++) {
            if ((p == null ? 1 : p[i]) > 0) {
                hi = Math.max(hi, f[i]);
                lo = Math.min(lo, f[i]);
            }
        }
        return hi - lo;
    }

    @Test
    @DisplayName("|beta| = 1e6 and 1e300, values up to 1e3: no overflow, M = best + (1/beta) log P(argbest)")
    void hugeBetaIsTheExtremumPlusTheLogPriorMass() {
        SplittableRandom rng = new SplittableRandom(SEED + 4);
        for (int i = 0; i < 300; i++) {
            int n = 2 + rng.nextInt(6);
            double[] f = new double[n];
            double[] p = new double[n];
            for (int k = 0; k < n; k++) {
                // distinct values on a grid of step 0.01: every gap times 1e6 is >= 1e4, exp(-1e4) = 0
                f[k] = (rng.nextInt(200_001) - 100_000) / 100.0;
                p[k] = rng.nextDouble() + 1e-3;
            }
            if (rng.nextBoolean()) {
                f[1] = f[0]; // a tie (possibly at the extremum)
            }
            double z = 0;
            for (double w : p) {
                z += w;
            }
            for (double beta : new double[] {1e6, -1e6, 1e300, -1e300}) {
                double best = beta > 0 ? -INF : INF;
                for (double x : f) {
                    best = beta > 0 ? Math.max(best, x) : Math.min(best, x);
                }
                double mass = 0;
                for (int k = 0; k < n; k++) {
                    if (f[k] == best) {
                        mass += p[k];
                    }
                }
                double expected = best + Math.log(mass / z) / beta;
                double got = SoftExtremum.value(beta, f, p);
                assertTrue(Double.isFinite(got));
                assertEquals(expected, got, Tolerance.ulps(2, best), "beta=" + beta);
                // the policy is the prior on the extremal set
                double[] pi = new double[n];
                SoftExtremum.policy(beta, f, 0, p, 0, n, pi, 0);
                for (int k = 0; k < n; k++) {
                    assertEquals(f[k] == best ? p[k] / mass : 0.0, pi[k], Tolerance.ulps(4, 1.0));
                }
            }
        }
        // near ties matter at beta = 1e6: the BigDecimal reference, no overflow at values 1e3
        for (int i = 0; i < 100; i++) {
            double x = 1000 - rng.nextDouble();
            double y = x - 1e-6 * rng.nextDouble() * 5;
            double[] f = {x, y, -1000};
            double[] p = {rng.nextDouble(), rng.nextDouble(), rng.nextDouble()};
            for (double beta : new double[] {1e6, -1e6}) {
                assertEquals(Reference.softExtremum(beta, f, p), SoftExtremum.value(beta, f, p), Tolerance.ulps(4, 1000));
            }
        }
    }

    @Test
    @DisplayName("unnormalised weights give the value and policy of the normalised prior")
    void unnormalisedWeights() {
        SplittableRandom rng = new SplittableRandom(SEED + 5);
        for (int i = 0; i < 300; i++) {
            Instance in = new Instance(rng, 5.0, true);
            double[] p = in.p == null ? new double[in.f.length] : in.p.clone();
            if (in.p == null) {
                java.util.Arrays.fill(p, 1.0);
            }
            double z = 0;
            for (double w : p) {
                z += w;
            }
            double[] normalised = new double[p.length];
            for (int k = 0; k < p.length; k++) {
                normalised[k] = p[k] / z;
            }
            double beta = randomBeta(rng, 1e-3, 1e3);
            double v = SoftExtremum.value(beta, in.f, normalised);
            double[] pi = new double[p.length];
            SoftExtremum.policy(beta, in.f, 0, normalised, 0, p.length, pi, 0);
            for (double c : new double[] {1e-3, 7.3, 1e6}) {
                double[] scaled = new double[p.length];
                for (int k = 0; k < p.length; k++) {
                    scaled[k] = c * p[k];
                }
                assertEquals(v, SoftExtremum.value(beta, in.f, scaled), Tolerance.ulps(6, in.maxAbs()), "c=" + c);
                double[] pi2 = new double[p.length];
                SoftExtremum.policy(beta, in.f, 0, scaled, 0, p.length, pi2, 0);
                assertArrayEquals(pi, pi2, Tolerance.ulps(8, 1.0));
            }
        }
    }

    @Test
    @DisplayName("-inf and +inf values: dropped where exp(beta f) = 0, dominant where it is infinite")
    void infiniteValues() {
        double[] f = {-INF, 1.0, 2.0};
        for (double beta : new double[] {1e-3, 0.5, 3, 1e6}) {
            // the -inf entry keeps its prior mass 1/3 in the normaliser
            double expected = Reference.softExtremum(beta, new double[] {1, 2}, null) + Math.log(2.0 / 3.0) / beta;
            assertEquals(expected, SoftExtremum.value(beta, f, null), Tolerance.ulps(4, 2, expected), "beta=" + beta);
            double[] pi = new double[3];
            SoftExtremum.policy(beta, f, 0, null, 0, 3, pi, 0);
            assertEquals(0.0, pi[0]);
            assertEquals(1.0, pi[1] + pi[2], Tolerance.ulps(2, 1));
        }
        assertEquals(2.0, SoftExtremum.value(INF, f, null));
        assertEquals(-INF, SoftExtremum.value(-INF, f, null));
        assertEquals(-INF, SoftExtremum.value(-0.5, f, null));
        assertEquals(-INF, SoftExtremum.value(0.0, f, null));
        double[] g = {INF, 1.0, 2.0};
        assertEquals(INF, SoftExtremum.value(0.5, g, null));
        assertEquals(INF, SoftExtremum.value(0.0, g, null));
        double expected = Reference.softExtremum(-0.5, new double[] {1, 2}, null) + Math.log(2.0 / 3.0) / -0.5;
        assertEquals(expected, SoftExtremum.value(-0.5, g, null), Tolerance.ulps(4, 2, expected));
        double[] pi = new double[3];
        SoftExtremum.policy(0.5, g, 0, null, 0, 3, pi, 0);
        assertArrayEquals(new double[] {1, 0, 0}, pi, 0.0);
        // -inf entries outside the support do not matter at all
        assertEquals(SoftExtremum.value(-0.5, new double[] {1, 2}, null),
                SoftExtremum.value(-0.5, new double[] {-INF, 1, 2}, new double[] {0, 1, 1}), 0.0);
    }

    // ---------------------------------------------------------------- order properties

    @Test
    @DisplayName("nondecreasing in beta from -inf through 0 to +inf, between min and max")
    void monotoneInBeta() {
        double[] betas = {-INF, -1e300, -1e6, -1e3, -30, -1, -0.1, -1e-3, -1.1e-5, -1e-5, -0.9e-5, -1e-8, -1e-300, 0,
            1e-300, 1e-8, 0.9e-5, 1e-5, 1.1e-5, 1e-3, 0.1, 1, 30, 1e3, 1e6, 1e300, INF};
        SplittableRandom rng = new SplittableRandom(SEED + 6);
        for (int i = 0; i < 300; i++) {
            Instance in = new Instance(rng, rng.nextBoolean() ? 1.0 : 100.0, true);
            double prev = -INF;
            double lo = SoftExtremum.value(-INF, in.f, in.p);
            double hi = SoftExtremum.value(INF, in.f, in.p);
            for (double beta : betas) {
                double v = SoftExtremum.value(beta, in.f, in.p);
                double slack = Tolerance.ulps(2, in.maxAbs());
                assertTrue(v >= prev - slack, "beta=" + beta + ": " + v + " < " + prev);
                assertTrue(v >= lo - slack && v <= hi + slack, "beta=" + beta + ": outside [min, max]");
                prev = Math.max(prev, v);
            }
        }
    }

    @Test
    @DisplayName("monotone in f and M[f + c] = M[f] + c (QuickTheories over seeds)")
    void monotoneInFAndTranslationEquivariant() {
        qt().withFixedSeed(SEED).withExamples(500).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom rng = new SplittableRandom(seed);
            Instance in = new Instance(rng, 10.0, true);
            double beta = rng.nextInt(8) == 0 ? (rng.nextBoolean() ? INF : -INF) : randomBeta(rng, 1e-4, 1e4);
            double v = SoftExtremum.value(beta, in.f, in.p);
            double[] up = in.f.clone();
            int k = rng.nextInt(up.length);
            up[k] += rng.nextDouble() * 5;
            double slack = Tolerance.ulps(4, in.maxAbs() + 5);
            assertTrue(SoftExtremum.value(beta, up, in.p) >= v - slack, "monotone in f");
            double c = 1000 * (2 * rng.nextDouble() - 1);
            double[] shifted = new double[in.f.length];
            for (int i = 0; i < shifted.length; i++) {
                shifted[i] = in.f[i] + c;
            }
            // f + c is rounded: allow the rounding of the shifted values plus that of the result
            assertEquals(v + c, SoftExtremum.value(beta, shifted, in.p), Tolerance.ulps(6, in.maxAbs() + Math.abs(c)),
                    "translation by " + c + " at beta " + beta);
        });
    }

    // ---------------------------------------------------------------- policies

    @Test
    @DisplayName("policy() returns M, sums to 1, and is the Boltzmann policy P exp(beta (f - M))")
    void policyIsBoltzmann() {
        SplittableRandom rng = new SplittableRandom(SEED + 7);
        for (int i = 0; i < 500; i++) {
            Instance in = new Instance(rng, 5.0, true);
            double beta = randomBeta(rng, 1e-3, 1e2);
            int n = in.f.length;
            double[] pi = new double[n];
            double v = SoftExtremum.policy(beta, in.f, 0, in.p, 0, n, pi, 0);
            assertEquals(SoftExtremum.value(beta, in.f, in.p), v, 0.0);
            double sum = 0;
            for (double x : pi) {
                sum += x;
            }
            assertEquals(1.0, sum, Tolerance.ulps(n, 1.0));
            double[] ref = Reference.boltzmann(beta, in.f, in.p);
            double best = beta > 0 ? -INF : INF;
            for (int k = 0; k < n; k++) {
                if (in.weight(k) > 0) {
                    best = beta > 0 ? Math.max(best, in.f[k]) : Math.min(best, in.f[k]);
                }
            }
            for (int k = 0; k < n; k++) {
                // relative accuracy limited by the rounding of beta * (f - best) in the exponent
                double tol = 8 * Tolerance.EPS * ref[k] * (1 + Math.abs(beta * (in.f[k] - best))) + Double.MIN_NORMAL;
                assertEquals(ref[k], pi[k], tol, "pi[" + k + "] at beta " + beta);
            }
        }
    }

    @Test
    @DisplayName("limits: as beta -> +-inf the policy concentrates on the extremal support, weighted by the prior")
    void policyLimitsConcentrateOnTheArgmax() {
        double[] f = {3.0, 1.0, 3.0, -2.0, 3.0, -2.0, 10.0};
        double[] p = {0.1, 0.2, 0.3, 0.15, 0.0, 0.25, 0.0};
        double[] pi = new double[f.length];
        double[] maxLimit = {0.25, 0, 0.75, 0, 0, 0, 0};
        double[] minLimit = {0, 0, 0, 0.375, 0, 0.625, 0};
        assertEquals(3.0, SoftExtremum.policy(INF, f, 0, p, 0, f.length, pi, 0));
        assertArrayEquals(maxLimit, pi, Tolerance.ulps(2, 1));
        assertEquals(-2.0, SoftExtremum.policy(-INF, f, 0, p, 0, f.length, pi, 0));
        assertArrayEquals(minLimit, pi, Tolerance.ulps(2, 1));
        double previousDistance = INF;
        for (double beta : new double[] {1, 4, 16, 64}) {
            SoftExtremum.policy(beta, f, 0, p, 0, f.length, pi, 0);
            double d = Tolerance.supDistance(pi, maxLimit);
            assertTrue(d < previousDistance, "distance to the limit decreases with beta");
            // the leading deviation is the mass of the runner-up: P(1) e^{-2 beta} / P(argmax)
            assertTrue(d <= 2 * 0.2 / 0.4 * Math.exp(-2 * beta) + 0.15 / 0.4 * Math.exp(-5 * beta) * 2 + Tolerance.ulps(4, 1));
            previousDistance = d;
        }
        SoftExtremum.policy(-1e3, f, 0, p, 0, f.length, pi, 0);
        assertArrayEquals(minLimit, pi, Tolerance.ulps(4, 1));
    }

    @Test
    @DisplayName("regularisedValue: equals value() at the Boltzmann policy; below it (beta > 0) by KL(pi || pi*)/beta otherwise")
    void regularisedValueIsTheVariationalObjective() {
        SplittableRandom rng = new SplittableRandom(SEED + 8);
        for (int i = 0; i < 400; i++) {
            Instance in = new Instance(rng, 5.0, true);
            int n = in.f.length;
            double beta = randomBeta(rng, 0.05, 20);
            double[] star = new double[n];
            double v = SoftExtremum.policy(beta, in.f, 0, in.p, 0, n, star, 0);
            double reg = SoftExtremum.regularisedValue(beta, in.f, 0, in.p, 0, star, 0, n);
            // log(pi/P)/beta carries the rounding of pi divided by beta
            double tol = Tolerance.ulps(16, in.maxAbs()) + 16 * Tolerance.EPS * (1 + Math.abs(beta) * in.maxAbs()) / Math.abs(beta);
            assertEquals(v, reg, tol, "beta=" + beta);
            // another policy on the support
            double[] other = new double[n];
            double z = 0;
            for (int k = 0; k < n; k++) {
                other[k] = in.weight(k) > 0 ? rng.nextDouble() + 0.01 : 0.0;
                z += other[k];
            }
            double kl = 0;
            for (int k = 0; k < n; k++) {
                other[k] /= z;
                if (other[k] > 0) {
                    kl += other[k] * Math.log(other[k] / star[k]);
                }
            }
            double regOther = SoftExtremum.regularisedValue(beta, in.f, 0, in.p, 0, other, 0, n);
            assertEquals(v - kl / beta, regOther, tol, "Gibbs identity at beta=" + beta);
            if (beta > 0) {
                assertTrue(regOther <= v + tol);
            } else {
                assertTrue(regOther >= v - tol);
            }
        }
        // infinite beta: no KL term; mass outside the prior's support: -inf for beta > 0
        double[] f = {1, 2};
        double[] p = {1, 0};
        assertEquals(1.7, SoftExtremum.regularisedValue(INF, f, 0, p, 0, new double[] {0.3, 0.7}, 0, 2), Tolerance.ulps(2, 2));
        assertEquals(-INF, SoftExtremum.regularisedValue(2.0, f, 0, p, 0, new double[] {0.3, 0.7}, 0, 2));
        assertEquals(INF, SoftExtremum.regularisedValue(-2.0, f, 0, p, 0, new double[] {0.3, 0.7}, 0, 2));
        // beta = 0 and pi = P: the prior mean
        double[] q = {0.1, 0.2, 0.7};
        assertEquals(0.1 * 1 + 0.2 * 2 + 0.7 * 3,
                SoftExtremum.regularisedValue(0.0, new double[] {1, 2, 3}, 0, q, 0, q, 0, 3), Tolerance.ulps(4, 3));
    }

    // ---------------------------------------------------------------- invalid input

    @Test
    @DisplayName("invalid input: NaN beta, no positive prior mass, NaN in the support, +inf and -inf at beta 0, length mismatch")
    void invalidInputThrows() {
        double[] f = {1, 2};
        assertThrows(org.memarl.MemarlException.class, () -> SoftExtremum.value(Double.NaN, f, null));
        assertThrows(org.memarl.MemarlException.class, () -> SoftExtremum.value(1.0, f, new double[] {0, 0}));
        assertThrows(org.memarl.MemarlException.class, () -> SoftExtremum.value(INF, f, new double[] {0, 0}));
        assertThrows(org.memarl.MemarlException.class, () -> SoftExtremum.value(1.0, new double[] {1, Double.NaN}, null));
        assertThrows(org.memarl.MemarlException.class, () -> SoftExtremum.value(0.0, new double[] {INF, -INF}, null));
        assertThrows(org.memarl.MemarlException.class, () -> SoftExtremum.value(1.0, f, new double[] {1, 1, 1}));
        assertThrows(org.memarl.MemarlException.class,
                () -> SoftExtremum.policy(Double.NaN, f, 0, null, 0, 2, new double[2], 0));
        // a NaN outside the support is fine
        assertEquals(1.0, SoftExtremum.value(1.0, new double[] {1, Double.NaN}, new double[] {1, 0}), 0.0);
    }
}
