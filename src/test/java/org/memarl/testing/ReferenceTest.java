package org.memarl.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The reference computations are themselves checked, against java.lang.Math and known constants. */
class ReferenceTest {

    @Test
    void bigDecimalExpAndLogAgreeWithMathAndEachOther() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < 200; i++) {
            double x = (rng.nextDouble() * 2 - 1) * Math.pow(10, rng.nextInt(5) - 2);
            double e = Reference.exp(new BigDecimal(x), 30).doubleValue();
            assertEquals(Math.exp(x), e, Tolerance.ulps(2, Math.exp(x)), "exp(" + x + ")");
            double y = Math.abs(x) + 1e-3;
            double l = Reference.log(new BigDecimal(y), 30).doubleValue();
            assertEquals(Math.log(y), l, Tolerance.ulps(2, Math.log(y)), "log(" + y + ")");
            BigDecimal back = Reference.log(Reference.exp(new BigDecimal(x), 40), 40);
            BigDecimal allowed = new BigDecimal(Math.abs(x)).movePointLeft(35).max(BigDecimal.ONE.movePointLeft(38));
            assertTrue(back.subtract(new BigDecimal(x)).abs().compareTo(allowed) <= 0, "log(exp(" + x + "))");
        }
        // e to 30 digits, log 2 to 30 digits
        assertEquals(0, Reference.exp(BigDecimal.ONE, 30).compareTo(new BigDecimal("2.71828182845904523536028747135")));
        assertEquals(0, Reference.log(BigDecimal.valueOf(2), 30).compareTo(new BigDecimal("0.693147180559945309417232121458")));
        // far outside the double range
        BigDecimal big = Reference.exp(BigDecimal.valueOf(1_000_000), 30);
        assertEquals(1_000_000.0, Reference.log(big, 30).doubleValue(), 0.0);
        // log near 1 keeps relative accuracy
        BigDecimal nearOne = BigDecimal.ONE.subtract(BigDecimal.ONE.movePointLeft(300));
        assertEquals(-1e-300, Reference.log(nearOne, 330).doubleValue(), Tolerance.ulps(1, 1e-300));
    }

    @Test
    void softExtremumReferenceMatchesTheTwoPointClosedForm() {
        SplittableRandom rng = new SplittableRandom(2);
        for (int i = 0; i < 100; i++) {
            double beta = (rng.nextBoolean() ? 1 : -1) * Math.pow(10, -2 + 4 * rng.nextDouble());
            double p = rng.nextInt(1025) / 1024.0; // 1 - p is exact
            double x = 10 * rng.nextDouble() - 5;
            double y = 10 * rng.nextDouble() - 5;
            double ref = Reference.softExtremum(beta, new double[] {x, y}, new double[] {p, 1 - p});
            assertEquals(Reference.twoPoint(beta, p, x, y), ref, Tolerance.ulps(2, x, y));
        }
    }

    @Test
    void gaussianEliminationSolvesAKnownSystem() {
        double[][] a = {{2, 1, -1}, {-3, -1, 2}, {-2, 1, 2}};
        double[] b = {8, -11, -3};
        assertArrayEquals(new double[] {2, 3, -1}, Reference.solve(a, b), Tolerance.ulps(16, 3));
    }
}
