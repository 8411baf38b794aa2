package org.memarl.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Issue 19: kills the surviving mutants of {@link Distributions#num}: plain notation exactly on
 * [1e-6, 1e12), scientific outside, non-finite values spelled out. Expected strings written by hand.
 */
class DistributionsMutantsTest {

    @Test
    void plainNotationIsExactlyTheHalfOpenRange() {
        assertEquals("0.000001", Distributions.num(1e-6));
        assertEquals("-0.000001", Distributions.num(-1e-6));
        assertEquals("1E-7", Distributions.num(1e-7));
        assertEquals("1E+12", Distributions.num(1e12));
        assertEquals("-1E+12", Distributions.num(-1e12));
        assertEquals("999999999999", Distributions.num(999999999999.0));
        assertEquals("0.98", Distributions.num(0.98));
        assertEquals("0", Distributions.num(0.0));
    }

    @Test
    void nonFiniteValuesAreSpelledOut() {
        assertEquals("NaN", Distributions.num(Double.NaN));
        assertEquals("Infinity", Distributions.num(Double.POSITIVE_INFINITY));
        assertEquals("-Infinity", Distributions.num(Double.NEGATIVE_INFINITY));
    }
}
