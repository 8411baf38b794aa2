package org.memarl.model;


/** Number formatting for messages: 12 significant digits, no trailing zeros (0.98 not 0.9799999999999999). */
public final class Fmt {
    private Fmt() {
    }

    public static String num(double x) {
        return org.memarl.kernel.Distributions.num(x);
    }
}
