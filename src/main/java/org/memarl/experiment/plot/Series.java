package org.memarl.experiment.plot;

import java.util.Objects;

/**
 * One curve of a panel: a line {@code y(x)} with an optional shaded band {@code [lo(x), hi(x)]} (for
 * example the mean over seeds and their min-max range), a colour from the palette and a line style.
 *
 * @param label legend text
 * @param x abscissae (finite; strictly positive on a log axis)
 * @param y ordinates
 * @param lo lower edge of the band, or null for no band
 * @param hi upper edge of the band, or null for no band
 * @param color index into {@link FigureRenderer#PALETTE}
 * @param dashed dashed instead of solid line (visible only where segments are longer than the dashes,
 *        about 10 pixels: use it for curves of a few dozen points)
 * @param width line width in pixels
 */
public record Series(String label, double[] x, double[] y, double[] lo, double[] hi, int color, boolean dashed,
                     float width) {
    public Series {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (x.length != y.length || x.length == 0) {
            throw new org.memarl.InvalidModelException(label + ": x has " + x.length + " points, y " + y.length);
        }
        if ((lo == null) != (hi == null)) {
            throw new org.memarl.InvalidModelException(label + ": a band needs both lo and hi");
        }
        if (!(width > 0.0f)) {
            throw new org.memarl.InvalidModelException(label + ": line width " + width + " is not positive");
        }
        if (lo != null && (lo.length != x.length || hi.length != x.length)) {
            throw new org.memarl.InvalidModelException(label + ": band length differs from x");
        }
        x = x.clone();
        y = y.clone();
        lo = lo == null ? null : lo.clone();
        hi = hi == null ? null : hi.clone();
    }

    /** Default line width in pixels. */
    public static final float WIDTH = 2.0f;

    /** A line of the default width without a band. */
    public static Series line(String label, double[] x, double[] y, int color, boolean dashed) {
        return new Series(label, x, y, null, null, color, dashed, WIDTH);
    }

    /** A solid line of the given width with a band. */
    public static Series band(String label, double[] x, double[] y, double[] lo, double[] hi, int color, float width) {
        return new Series(label, x, y, lo, hi, color, false, width);
    }

    public boolean hasBand() {
        return lo != null;
    }
}
