package org.memarl.experiment.plot;

import java.awt.Color;

/**
 * The few drawing primitives of memarl's own charts ({@link BetaChart}, {@link ChartGrid}), implemented twice:
 * {@link SvgCanvas} (SVG 1.1 with real {@code <text>} elements: selectable, searchable, small) and
 * {@link RasterCanvas} (a Java2D image written as PNG). Coordinates in pixels (SVG: user units), y downwards.
 */
public interface Canvas {
    /** Horizontal alignment of a text at its anchor point. */
    enum Anchor { START, MIDDLE, END }

    /** A polyline through the points, {@code dashed} with 6-4 dashes. */
    void polyline(double[] xs, double[] ys, Color color, double width, boolean dashed);

    /** A filled polygon (no outline). */
    void polygon(double[] xs, double[] ys, Color fill);

    /** A rectangle, filled with {@code fill} and outlined with {@code stroke} (each may be null). */
    void rect(double x, double y, double w, double h, Color fill, Color stroke);

    /** A filled circle. */
    void dot(double x, double y, double r, Color fill);

    /**
     * One line of text whose baseline starts (or is centred, or ends) at {@code (x, y)}, rotated by
     * {@code degrees} about that point (-90: reading upwards).
     */
    void text(String s, double x, double y, double size, boolean bold, Anchor anchor, Color color, double degrees);

    /** The width of {@code s} at {@code size} in the charts' sans-serif font (the same estimate for both canvases). */
    static double textWidth(String s, double size, boolean bold) {
        return Fonts.width(s, size, bold);
    }

    /** A straight line. */
    default void line(double x1, double y1, double x2, double y2, Color color, double width, boolean dashed) {
        polyline(new double[] {x1, x2}, new double[] {y1, y2}, color, width, dashed);
    }
}
