package org.memarl.experiment.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * The horizontal axis of a sweep over an inverse temperature: a grid that may hold {@code -inf}, negative values,
 * {@code 0}, positive values and {@code +inf}. Finite values are placed on a symmetric logarithmic scale (each
 * side log-spaced, one decade from the smallest magnitude to 0) unless they are equally spaced or of one sign, which
 * get a linear or a plain log scale; the infinities sit at the two ends, a gap away, behind a dashed break, and are
 * labelled {@code -∞} / {@code +∞}; 0 is labelled and marked by a vertical line.
 */
public final class BetaAxis {
    /** A labelled position; {@code special} for 0 and the infinities (drawn bold). */
    public record Tick(double position, String label, boolean special) {
    }

    private final double[] positions;
    private final double min;
    private final double max;
    private final List<Tick> ticks = new ArrayList<>();
    private final List<Double> breaks = new ArrayList<>();
    private final Double zero;

    private BetaAxis(double[] values) {
        int n = values.length;
        positions = new double[n];
        List<Double> finite = new ArrayList<>();
        boolean hasZero = false;
        double m = Double.POSITIVE_INFINITY;
        double big = 0.0;
        boolean neg = false;
        boolean pos = false;
        for (double v : values) {
            if (Double.isFinite(v)) {
                finite.add(v);
                if (v == 0.0) {
                    hasZero = true;
                } else {
                    m = Math.min(m, Math.abs(v));
                    big = Math.max(big, Math.abs(v));
                    neg |= v < 0;
                    pos |= v > 0;
                }
            }
        }
        Scale scale;
        if (finite.size() >= 3 && equallySpaced(finite) || m == Double.POSITIVE_INFINITY || big / m < 20) {
            scale = Scale.LINEAR;
        } else if (!hasZero && !(neg && pos)) {
            scale = Scale.LOG;
        } else {
            scale = Scale.SYMLOG;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (Double.isFinite(values[i])) {
                positions[i] = place(scale, values[i], m);
                lo = Math.min(lo, positions[i]);
                hi = Math.max(hi, positions[i]);
            }
        }
        if (lo > hi) { // no finite value
            lo = -1.0;
            hi = 1.0;
        }
        double span = hi - lo;
        double gap = Math.max(span * 0.09, scale == Scale.LINEAR ? (span == 0 ? 1.0 : 0.0) : 0.8);
        double left = lo;
        double right = hi;
        for (int i = 0; i < n; i++) {
            if (values[i] == Double.NEGATIVE_INFINITY) {
                positions[i] = lo - gap;
                left = lo - gap;
            } else if (values[i] == Double.POSITIVE_INFINITY) {
                positions[i] = hi + gap;
                right = hi + gap;
            }
        }
        this.min = left;
        this.max = right;
        if (left < lo) {
            breaks.add(lo - gap / 2);
            ticks.add(new Tick(left, "-\u221e", true));
        }
        if (right > hi) {
            breaks.add(hi + gap / 2);
            ticks.add(new Tick(right, "+\u221e", true));
        }
        if (!finite.isEmpty()) {
            if (scale == Scale.LINEAR) {
                for (double t : Ticks.nice(lo, hi, 6)) {
                    ticks.add(new Tick(t, Ticks.format(t), t == 0.0));
                }
            } else {
                int k0 = (int) Math.ceil(Math.log10(m) - 1e-9);
                int k1 = (int) Math.floor(Math.log10(big) + 1e-9);
                int step = Math.max(1, (k1 - k0 + 1 + 4) / 5);
                for (int k = k1; k >= k0; k -= step) {
                    double d = Math.pow(10, k);
                    if (pos || scale == Scale.LOG && !neg) {
                        ticks.add(new Tick(place(scale, d, m), Ticks.format(d), false));
                    }
                    if (neg) {
                        ticks.add(new Tick(place(scale, -d, m), Ticks.format(-d), false));
                    }
                }
                if (hasZero) {
                    ticks.add(new Tick(0.0, "0", true));
                }
            }
        }
        this.zero = hasZero && lo < 0 && hi > 0 ? place(scale, 0.0, m) : null;
        ticks.sort(java.util.Comparator.comparingDouble(Tick::position));
    }

    private enum Scale { LINEAR, LOG, SYMLOG }

    private static double place(Scale scale, double v, double m) {
        switch (scale) {
            case LINEAR:
                return v;
            case LOG:
                return Math.signum(v) * Math.log10(Math.abs(v));
            default:
                return v == 0.0 ? 0.0 : Math.signum(v) * (1.0 + Math.log10(Math.abs(v) / m));
        }
    }

    private static boolean equallySpaced(List<Double> f) {
        double d = f.get(1) - f.get(0);
        for (int i = 2; i < f.size(); i++) {
            if (Math.abs(f.get(i) - f.get(i - 1) - d) > 1e-9 * Math.max(Math.abs(d), 1e-300)) {
                return false;
            }
        }
        return true;
    }

    /** The axis of an ascending grid (infinities allowed at its ends). */
    public static BetaAxis of(double[] ascending) {
        return new BetaAxis(ascending.clone());
    }

    /** The position of the grid's {@code i}-th value, in axis units. */
    public double position(int i) {
        return positions[i];
    }

    /** Left end in axis units. */
    public double min() {
        return min;
    }

    /** Right end in axis units. */
    public double max() {
        return max;
    }

    /** The labelled positions, left to right. */
    public List<Tick> ticks() {
        return List.copyOf(ticks);
    }

    /** Positions of the dashed breaks before {@code -inf} and after the largest finite value. */
    public List<Double> breaks() {
        return List.copyOf(breaks);
    }

    /** The position of 0 when the grid holds 0 between negative and positive values, else null. */
    public Double zero() {
        return zero;
    }
}
