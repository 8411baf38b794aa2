package org.memarl.sweep;

import java.util.Arrays;
import org.memarl.UsageException;
import org.memarl.model.Fmt;

/**
 * Grids of an inverse temperature for a {@link BetaSweep}, ascending, infinities allowed at the ends.
 */
public final class BetaGrid {
    private BetaGrid() {
    }

    /**
     * The default grid: {@code -inf}, then {@code -10^2 .. -10^-2} and {@code 10^-2 .. 10^2} log-spaced with
     * {@code perDecade} points per decade, 0 in the middle, {@code +inf}: symmetric, {@code 4 * 4 + 1} points a side
     * with the default 4 per decade (37 in all).
     */
    public static double[] symmetric(int perDecade) {
        return symmetric(1e-2, 1e2, perDecade);
    }

    /** As {@link #symmetric(int)} with magnitudes from {@code small} to {@code large}. */
    public static double[] symmetric(double small, double large, int perDecade) {
        if (!(small > 0 && large > small && Double.isFinite(large)) || perDecade < 1) {
            throw new UsageException("grid: magnitudes " + Fmt.num(small) + " .. " + Fmt.num(large) + " with " + perDecade
                    + " points per decade");
        }
        double a = Math.log10(small);
        double b = Math.log10(large);
        int k = (int) Math.round((b - a) * perDecade);
        double[] mags = new double[k + 1];
        for (int i = 0; i <= k; i++) {
            mags[i] = Math.pow(10, a + (b - a) * i / k);
        }
        mags[0] = small;
        mags[k] = large;
        double[] out = new double[2 * k + 5];
        out[0] = Double.NEGATIVE_INFINITY;
        for (int i = 0; i <= k; i++) {
            out[1 + i] = -mags[k - i];
            out[k + 3 + i] = mags[i];
        }
        out[k + 2] = 0.0;
        out[2 * k + 4] = Double.POSITIVE_INFINITY;
        return out;
    }

    /**
     * {@code points} values from {@code from} to {@code to}: log-spaced when both have the same sign (neither 0),
     * else equally spaced.
     *
     * @throws UsageException when {@code from >= to}, either is not finite, or {@code points < 2}
     */
    public static double[] range(double from, double to, int points) {
        if (!Double.isFinite(from) || !Double.isFinite(to)) {
            throw new UsageException("from: --from " + Fmt.num(from) + " --to " + Fmt.num(to) + " must be finite; add the"
                    + " infinities with --values");
        }
        if (!(from < to)) {
            throw new UsageException("to: --to " + Fmt.num(to) + " is not above --from " + Fmt.num(from));
        }
        if (points < 2) {
            throw new UsageException("points: " + points + " is fewer than 2");
        }
        double[] out = new double[points];
        boolean log = from > 0 || to < 0;
        for (int i = 0; i < points; i++) {
            double t = (double) i / (points - 1);
            if (log) {
                double s = Math.signum(from);
                double la = Math.log(Math.abs(from));
                double lb = Math.log(Math.abs(to));
                out[i] = s * Math.exp(la + (lb - la) * t);
            } else {
                out[i] = from + (to - from) * t;
            }
        }
        out[0] = from;
        out[points - 1] = to;
        if (!log) {
            for (int i = 0; i < points; i++) {
                if (Math.abs(out[i]) < 1e-12 * (to - from)) {
                    out[i] = 0.0;
                }
            }
        }
        return out;
    }

    /**
     * The given values, sorted ascending.
     *
     * @throws UsageException for an empty list, NaN or a repeated value
     */
    public static double[] of(double... values) {
        if (values.length == 0) {
            throw new UsageException("values: the list is empty");
        }
        double[] out = values.clone();
        Arrays.sort(out);
        for (int i = 0; i < out.length; i++) {
            if (Double.isNaN(out[i])) {
                throw new UsageException("values: NaN is not an inverse temperature");
            }
            if (i > 0 && out[i] == out[i - 1]) {
                throw new UsageException("values: " + Fmt.num(out[i]) + " is given twice");
            }
        }
        return out;
    }
}
