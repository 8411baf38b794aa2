package org.memarl.kernel;

import java.math.BigDecimal;
import java.math.MathContext;
import org.memarl.InvalidModelException;

/**
 * The one rule for rows of probabilities in memarl, used by every reader, model and chain: each entry a
 * number in [0, 1], the row summing to 1 within {@link #TOLERANCE}. Messages name the place, the index and
 * the value: {@code transitions[2][1]: row sums to 0.98, expected 1 (tolerance 1e-9)}.
 */
public final class Distributions {
    /** Rows of probabilities must sum to 1 within this tolerance. */
    public static final double TOLERANCE = 1e-9;
    /** {@link #TOLERANCE} as messages write it. */
    public static final String TOLERANCE_TEXT = "1e-9";

    private Distributions() {
    }

    /**
     * Checks that {@code p[off .. off+len)} is a distribution.
     *
     * @param where names the row, e.g. {@code transitions[2][1]}; an entry is named {@code where[i]}
     * @throws InvalidModelException naming the entry outside [0, 1] (or NaN), or the row's sum
     */
    public static void check(String where, double[] p, int off, int len) {
        double sum = 0.0;
        for (int i = 0; i < len; i++) {
            double x = p[off + i];
            if (!(x >= 0.0 && x <= 1.0)) {
                throw new InvalidModelException(where + "[" + i + "]: probability " + num(x) + " is not in [0, 1]");
            }
            sum += x;
        }
        checkSum(where, sum);
    }

    /** Checks that a row's sum is 1 within {@link #TOLERANCE}. */
    public static void checkSum(String where, double sum) {
        if (!(Math.abs(sum - 1.0) <= TOLERANCE)) {
            throw new InvalidModelException(where + ": row sums to " + num(sum) + ", expected 1 (tolerance "
                    + TOLERANCE_TEXT + ")");
        }
    }

    /** A number for messages: 12 significant digits, no trailing zeros (0.98, not 0.9799999999999999). */
    public static String num(double x) {
        if (!Double.isFinite(x)) {
            return Double.toString(x);
        }
        if (x == 0.0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(x).round(new MathContext(12)).stripTrailingZeros();
        double ax = Math.abs(x);
        return ax >= 1e-6 && ax < 1e12 ? d.toPlainString() : d.toString();
    }
}
