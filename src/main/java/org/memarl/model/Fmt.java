package org.memarl.model;

import java.math.BigDecimal;
import java.math.MathContext;

/** Number formatting for messages: 12 significant digits, no trailing zeros (0.98 not 0.9799999999999999). */
public final class Fmt {
    private Fmt() {
    }

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
