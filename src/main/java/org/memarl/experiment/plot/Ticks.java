package org.memarl.experiment.plot;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Round tick positions and short labels for chart axes. */
public final class Ticks {
    private Ticks() {
    }

    /** About {@code target} round values (1, 2 or 5 times a power of ten apart) covering {@code [lo, hi]}. */
    public static List<Double> nice(double lo, double hi, int target) {
        List<Double> out = new ArrayList<>();
        if (!(hi > lo)) {
            out.add(lo);
            return out;
        }
        double raw = (hi - lo) / Math.max(1, target - 1);
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / p < 1.5 ? p : raw / p < 3.5 ? 2 * p : raw / p < 7.5 ? 5 * p : 10 * p;
        long k0 = (long) Math.ceil(lo / step - 1e-9);
        long k1 = (long) Math.floor(hi / step + 1e-9);
        for (long k = k0; k <= k1; k++) {
            double v = k * step;
            out.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
        }
        return out;
    }

    /** A short label: plain decimals between 1e-3 and 1e5, otherwise {@code 1e-4} / {@code 2.5e6}; no trailing zeros. */
    public static String format(double v) {
        if (v == Double.POSITIVE_INFINITY) {
            return "+\u221e";
        }
        if (v == Double.NEGATIVE_INFINITY) {
            return "-\u221e";
        }
        if (v == 0.0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e5) {
            return new BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
        }
        String[] parts = String.format(java.util.Locale.ROOT, "%.2e", v).split("e");
        String mant = new BigDecimal(parts[0]).stripTrailingZeros().toPlainString();
        int exp = Integer.parseInt(parts[1]);
        return mant + "e" + exp;
    }
}
