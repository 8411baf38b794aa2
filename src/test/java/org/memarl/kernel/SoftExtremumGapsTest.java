package org.memarl.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.memarl.InvalidModelException;
import org.memarl.testing.Tolerance;

/**
 * Issue 19's surviving {@link SoftExtremum} mutants, each killed against a log-sum-exp written out here
 * (no kernel code): the beta &lt; 0 branch with a +inf entry, the weighted fast path with unnormalised,
 * zero-mass and NaN input, and the regularised value at beta = 0.
 */
class SoftExtremumGapsTest {
    /** (1/beta) log( sum_i w_i exp(beta f_i) / sum_i w_i ) over the finite entries with w_i > 0, written out. */
    private static double reference(double beta, double[] f, double[] w) {
        double z = 0.0;
        double s = 0.0;
        for (int i = 0; i < f.length; i++) {
            if (w[i] > 0.0) {
                z += w[i];
                if (Double.isFinite(f[i])) {
                    s += w[i] * Math.exp(beta * f[i]);
                }
            }
        }
        return Math.log(s / z) / beta;
    }

    @Test
    @DisplayName("gap: beta < 0 with a +inf entry and a negative finite minimum is the finite soft-min, not -inf or the minimum")
    void negativeBetaWithPlusInfinityAndNegativeMinimum() {
        double[] f = {Double.POSITIVE_INFINITY, -3.0, -1.0, 0.5};
        double[] w = {0.2, 0.3, 0.1, 0.4};
        for (double beta : new double[] {-0.4, -2.0, -7.5}) {
            double ref = reference(beta, f, w);
            double tol = Tolerance.ulps(16, ref, 3.0);
            assertEquals(ref, SoftExtremum.value(beta, f, 0, w, 0, f.length), tol, "value beta " + beta);
            assertEquals(ref, SoftExtremum.fastValue(beta, f, 0, w, 0, f.length), tol, "fastValue beta " + beta);
            assertEquals(reference(beta, f, new double[] {1, 1, 1, 1}), SoftExtremum.value(beta, f, 0, null, 0, f.length),
                    tol, "uniform value beta " + beta);
            assertEquals(reference(beta, f, new double[] {1, 1, 1, 1}), SoftExtremum.fastValue(beta, f, 0, null, 0, f.length),
                    tol, "uniform fastValue beta " + beta);
        }
    }

    @Test
    @DisplayName("gap: fastValue divides unnormalised weights by their sum (at an offset), zero-weight entries excluded")
    void fastValueUnnormalisedWeights() {
        double[] f = {99.0, 2.0, -1.5, 4.0, 1e300, 99.0};
        double[] w = {7.0, 2.0, 6.0, 0.5, 0.0, 7.0};
        double[] fs = {2.0, -1.5, 4.0, 1e300};
        double[] ws = {2.0, 6.0, 0.5, 0.0};
        for (double beta : new double[] {-3.0, -0.7, 0.9, 2.5}) {
            double ref = reference(beta, fs, ws);
            double tol = Tolerance.ulps(16, ref, 4.0);
            assertEquals(ref, SoftExtremum.fastValue(beta, f, 1, w, 1, 4), tol, "beta " + beta);
            // scaling the weights changes nothing
            double[] w3 = {7.0, 6.0, 18.0, 1.5, 0.0, 7.0};
            assertEquals(ref, SoftExtremum.fastValue(beta, f, 1, w3, 1, 4), tol, "scaled weights beta " + beta);
        }
    }

    @Test
    @DisplayName("gap: the weighted fast path refuses zero mass and NaN in the support, and ignores NaN outside it")
    void fastValueZeroMassAndNaN() {
        double[] f = {1.0, 2.0, 3.0};
        assertThrows(InvalidModelException.class, () -> SoftExtremum.fastValue(2.0, f, 0, new double[] {0, 0, 0}, 0, 3));
        assertThrows(InvalidModelException.class, () -> SoftExtremum.fastValue(2.0, f, 0, new double[] {0, -1, 0}, 0, 3));
        double[] withNaN = {1.0, Double.NaN, 3.0};
        assertThrows(InvalidModelException.class,
                () -> SoftExtremum.fastValue(2.0, withNaN, 0, new double[] {0.2, 0.3, 0.5}, 0, 3));
        assertThrows(InvalidModelException.class,
                () -> SoftExtremum.fastValue(Double.POSITIVE_INFINITY, withNaN, 0, new double[] {0.2, 0.3, 0.5}, 0, 3));
        double[] p = {0.4, 0.0, 0.6};
        double ref = reference(2.0, new double[] {1.0, 3.0}, new double[] {0.4, 0.6});
        assertEquals(ref, SoftExtremum.fastValue(2.0, withNaN, 0, p, 0, 3), Tolerance.ulps(16, 3.0));
        assertEquals(3.0, SoftExtremum.fastValue(Double.POSITIVE_INFINITY, withNaN, 0, p, 0, 3));
        assertEquals(1.0, SoftExtremum.fastValue(Double.NEGATIVE_INFINITY, withNaN, 0, p, 0, 3));
    }

    @Test
    @DisplayName("gap: regularisedValue at beta = 0 is the mean when pi = P and -inf (not finite) when pi != P")
    void regularisedValueAtBetaZero() {
        double[] f = {1.0, -2.0, 5.0};
        double[] p = {2.0, 1.0, 1.0};
        double[] piEqual = {0.5, 0.25, 0.25};
        double mean = 0.5 * 1.0 + 0.25 * -2.0 + 0.25 * 5.0;
        assertEquals(mean, SoftExtremum.regularisedValue(0.0, f, 0, p, 0, piEqual, 0, 3), Tolerance.ulps(8, 5.0));
        double[] piOther = {0.2, 0.3, 0.5};
        assertEquals(Double.NEGATIVE_INFINITY, SoftExtremum.regularisedValue(0.0, f, 0, p, 0, piOther, 0, 3));
        // for comparison, a finite beta gives E_pi f - KL(pi||P)/beta written out
        double kl = 0.2 * Math.log(0.2 / 0.5) + 0.3 * Math.log(0.3 / 0.25) + 0.5 * Math.log(0.5 / 0.25);
        double e = 0.2 * 1.0 + 0.3 * -2.0 + 0.5 * 5.0;
        assertEquals(e - kl / 1.5, SoftExtremum.regularisedValue(1.5, f, 0, p, 0, piOther, 0, 3), Tolerance.ulps(16, 5.0));
    }

    @Test
    @DisplayName("gap: beta = 0 with both +inf and -inf in the support is undefined (refused); with one of them it is that infinity")
    void betaZeroWithBothInfinities() {
        double[] both = {Double.POSITIVE_INFINITY, 1.0, Double.NEGATIVE_INFINITY};
        double[] w = {0.3, 0.4, 0.3};
        assertThrows(InvalidModelException.class, () -> SoftExtremum.value(0.0, both, 0, w, 0, 3));
        assertThrows(InvalidModelException.class, () -> SoftExtremum.value(0.0, both, 0, null, 0, 3));
        // the -inf entry outside the prior's support does not count: E_P f = +inf
        assertEquals(Double.POSITIVE_INFINITY, SoftExtremum.value(0.0, both, 0, new double[] {0.5, 0.5, 0.0}, 0, 3));
        assertEquals(Double.NEGATIVE_INFINITY, SoftExtremum.value(0.0, both, 0, new double[] {0.0, 0.5, 0.5}, 0, 3));
    }

    @Test
    @DisplayName("gap: an entry outside the support is ignored in the small-beta series too (+inf there), and the fast path at beta = +-inf refuses zero mass")
    void supportInSeriesAndZeroMassAtInfiniteBeta() {
        double[] f = {1.0, 1.25, Double.POSITIVE_INFINITY};
        double[] w = {0.5, 0.5, 0.0};
        for (double beta : new double[] {1e-5, -2e-6, 1e-7}) { // |beta| * range below the series threshold 1e-5
            // the BigDecimal reference on the support alone
            double ref = org.memarl.testing.Reference.softExtremum(beta, new double[] {1.0, 1.25}, new double[] {0.5, 0.5});
            assertEquals(ref, SoftExtremum.value(beta, f, 0, w, 0, 3), Tolerance.ulps(16, 1.25), "series beta " + beta);
        }
        double[] zero = {0.0, 0.0, 0.0};
        assertThrows(InvalidModelException.class, () -> SoftExtremum.fastValue(Double.POSITIVE_INFINITY, f, 0, zero, 0, 3));
        assertThrows(InvalidModelException.class, () -> SoftExtremum.fastValue(Double.NEGATIVE_INFINITY, f, 0, zero, 0, 3));
    }
}
