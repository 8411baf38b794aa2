package org.memarl.experiment.plot;

import java.awt.Color;
import java.util.List;
import java.util.Objects;

/**
 * One chart over a sweep's grid of an inverse temperature ({@link BetaAxis}): either lines (V(beta) of each state)
 * or stacked areas (a policy over beta, one layer per action, summing to 1). Drawn on any {@link Canvas}: the same
 * picture as SVG with real text and as PNG. Labels come from the caller (the model's names, or {@code a1, a2, ...}).
 */
public final class BetaChart {
    /** Lines or stacked areas. */
    public enum Kind { LINES, STACKED }

    /** One curve (or layer) and its legend label. */
    public record Curve(String label, double[] y) {
        public Curve {
            Objects.requireNonNull(label, "label");
            y = y.clone();
        }
    }

    static final double TITLE = 22;
    static final double TICK = 16;
    static final double AXIS = 17;
    static final double LEGEND = 16;
    private static final int LEGEND_MAX = 16;
    private static final Color GRID = new Color(0xE3, 0xE3, 0xE3);
    private static final Color MARK = new Color(0x70, 0x70, 0x70);

    private final Kind kind;
    private final String title;
    private final String xTitle;
    private final String yTitle;
    private final double[] x;
    private final List<Curve> curves;
    private final boolean legend;

    /**
     * A chart.
     *
     * @param x the grid, ascending (infinities allowed at the ends)
     * @param legend draw the legend at the right (off when a {@link ChartGrid} draws one shared legend)
     */
    public BetaChart(Kind kind, String title, String xTitle, String yTitle, double[] x, List<Curve> curves, boolean legend) {
        this.kind = kind;
        this.title = title;
        this.xTitle = xTitle;
        this.yTitle = yTitle;
        this.x = x.clone();
        this.curves = List.copyOf(curves);
        this.legend = legend;
        for (Curve c : this.curves) {
            if (c.y().length != x.length) {
                throw new org.memarl.MemarlException(title + ": curve " + c.label() + " has " + c.y().length + " points for "
                        + x.length + " grid values");
            }
        }
        if (this.curves.isEmpty()) {
            throw new org.memarl.MemarlException(title + ": no curves");
        }
    }

    /** The colour of curve {@code i} (the Okabe-Ito palette, then repeated with dashes). */
    public static Color color(int i) {
        return FigureRenderer.PALETTE[i % FigureRenderer.PALETTE.length];
    }

    /** The legend labels. */
    public List<String> labels() {
        return curves.stream().map(Curve::label).toList();
    }

    /** The chart alone as SVG (real text). */
    public String svg(int width, int height) {
        SvgCanvas c = new SvgCanvas(width, height);
        paint(c, 0, 0, width, height);
        return c.svg();
    }

    /** The chart alone as PNG, at twice the pixel density of its size. */
    public byte[] png(int width, int height) {
        RasterCanvas c = new RasterCanvas(width, height, 2.0);
        paint(c, 0, 0, width, height);
        return c.png();
    }

    /** Draws the chart into the box {@code (x0, y0, w, h)} of {@code c}. */
    public void paint(Canvas c, double x0, double y0, double w, double h) {
        double[] lohi = yRange();
        List<Double> yTicks = Ticks.nice(lohi[0], lohi[1], 6);
        double yTickW = 0;
        for (double t : yTicks) {
            yTickW = Math.max(yTickW, Canvas.textWidth(Ticks.format(t), TICK, false));
        }
        double legendW = 0;
        if (legend) {
            for (int i = 0; i < Math.min(curves.size(), LEGEND_MAX); i++) {
                legendW = Math.max(legendW, Canvas.textWidth(curves.get(i).label(), LEGEND, false));
            }
            legendW += 56;
        }
        double left = x0 + 14 + AXIS + 10 + yTickW + 8;
        double right = x0 + w - 16 - legendW;
        double top = y0 + (title.isEmpty() ? 14 : TITLE + 22);
        double bottom = y0 + h - (xTitle.isEmpty() ? 34 : 34 + AXIS + 12);
        if (!title.isEmpty()) {
            c.text(fit(title, TITLE, true, w - 20), x0 + w / 2, y0 + TITLE + 6, TITLE, true, Canvas.Anchor.MIDDLE, Color.BLACK, 0);
        }
        BetaAxis axis = BetaAxis.of(x);
        double pw = right - left;
        double ph = bottom - top;
        double xmin = axis.min();
        double xmax = axis.max();
        double ylo = lohi[0];
        double yhi = lohi[1];
        java.util.function.DoubleUnaryOperator px = u -> left + (u - xmin) / (xmax - xmin) * pw;
        java.util.function.DoubleUnaryOperator py = v -> bottom - (v - ylo) / (yhi - ylo) * ph;
        // grid and y ticks
        for (double t : yTicks) {
            double yy = py.applyAsDouble(t);
            c.line(left, yy, right, yy, GRID, 1, false);
            c.text(Ticks.format(t), left - 8, yy + TICK * 0.35, TICK, false, Canvas.Anchor.END, Color.BLACK, 0);
        }
        double lastEnd = Double.NEGATIVE_INFINITY;
        for (BetaAxis.Tick t : axis.ticks()) {
            double xx = px.applyAsDouble(t.position());
            c.line(xx, top, xx, bottom, GRID, 1, false);
            double tw = Canvas.textWidth(t.label(), TICK, t.special());
            if (xx - tw / 2 > lastEnd + 6 || t.special()) {
                c.text(t.label(), xx, bottom + TICK + 8, TICK, t.special(), Canvas.Anchor.MIDDLE, Color.BLACK, 0);
                lastEnd = xx + tw / 2;
            }
            c.line(xx, bottom, xx, bottom + 5, Color.BLACK, 1, false);
        }
        // data
        int n = x.length;
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = px.applyAsDouble(axis.position(i));
        }
        if (kind == Kind.STACKED) {
            double[] below = new double[n];
            for (int k = 0; k < curves.size(); k++) {
                double[] y = curves.get(k).y();
                double[] above = new double[n];
                double[] pxs = new double[2 * n];
                double[] pys = new double[2 * n];
                for (int i = 0; i < n; i++) {
                    above[i] = Math.min(1.0, below[i] + Math.max(0.0, y[i]));
                    pxs[i] = xs[i];
                    pys[i] = py.applyAsDouble(above[i]);
                    pxs[2 * n - 1 - i] = xs[i];
                    pys[2 * n - 1 - i] = py.applyAsDouble(below[i]);
                }
                c.polygon(pxs, pys, color(k));
                below = above;
            }
        } else {
            for (int k = 0; k < curves.size(); k++) {
                double[] y = curves.get(k).y();
                Color col = color(k);
                boolean dashed = k >= FigureRenderer.PALETTE.length;
                int i0 = 0;
                while (i0 < n && !Double.isFinite(x[i0])) {
                    i0++;
                }
                int i1 = n - 1;
                while (i1 >= 0 && !Double.isFinite(x[i1])) {
                    i1--;
                }
                if (i0 <= i1) {
                    double[] sx = new double[i1 - i0 + 1];
                    double[] sy = new double[i1 - i0 + 1];
                    for (int i = i0; i <= i1; i++) {
                        sx[i - i0] = xs[i];
                        sy[i - i0] = py.applyAsDouble(y[i]);
                    }
                    c.polyline(sx, sy, col, 2.5, dashed);
                    if (i0 > 0) {
                        c.line(xs[i0 - 1], py.applyAsDouble(y[i0 - 1]), xs[i0], py.applyAsDouble(y[i0]), col, 1.5, true);
                    }
                    if (i1 < n - 1) {
                        c.line(xs[i1], py.applyAsDouble(y[i1]), xs[i1 + 1], py.applyAsDouble(y[i1 + 1]), col, 1.5, true);
                    }
                }
                for (int i = 0; i < n; i++) {
                    boolean special = !Double.isFinite(x[i]) || x[i] == 0.0;
                    c.dot(xs[i], py.applyAsDouble(y[i]), special ? 5 : n > 25 ? 2.2 : 3.2, col);
                }
            }
        }
        // marks: 0 and the breaks before the infinities
        if (axis.zero() != null) {
            double xx = px.applyAsDouble(axis.zero());
            c.line(xx, top, xx, bottom, MARK, 1.2, false);
        }
        for (double b : axis.breaks()) {
            double xx = px.applyAsDouble(b);
            c.line(xx, top, xx, bottom, MARK, 1.2, true);
        }
        c.rect(left, top, pw, ph, null, Color.BLACK);
        // axis titles
        if (!xTitle.isEmpty()) {
            c.text(xTitle, (left + right) / 2, bottom + TICK + 14 + AXIS + 6, AXIS, false, Canvas.Anchor.MIDDLE, Color.BLACK, 0);
        }
        if (!yTitle.isEmpty()) {
            c.text(fit(yTitle, AXIS, false, ph), x0 + 14 + AXIS * 0.8, (top + bottom) / 2, AXIS, false, Canvas.Anchor.MIDDLE,
                    Color.BLACK, -90);
        }
        if (legend) {
            drawLegend(c, right + 16, top + 4, labels(), kind == Kind.STACKED);
        }
    }

    /**
     * A vertical legend at {@code (x, y)}: a swatch (line or box) and label per entry, at most 16 (then a line
     * "... and N more").
     */
    static void drawLegend(Canvas c, double x, double y, List<String> labels, boolean boxes) {
        List<String> order = labels;
        int shown = Math.min(order.size(), LEGEND_MAX);
        for (int i = 0; i < shown; i++) {
            // stacked layers read bottom-up: list the top layer first, as they appear
            int k = boxes ? order.size() - 1 - i : i;
            double yy = y + i * (LEGEND + 9) + LEGEND;
            if (boxes) {
                c.rect(x, yy - LEGEND + 2, 24, LEGEND - 1, color(k), null);
            } else {
                c.line(x, yy - LEGEND * 0.35, x + 24, yy - LEGEND * 0.35, color(k), 3, k >= FigureRenderer.PALETTE.length);
            }
            c.text(order.get(k), x + 30, yy, LEGEND, false, Canvas.Anchor.START, Color.BLACK, 0);
        }
        if (order.size() > shown) {
            c.text("\u2026 and " + (order.size() - shown) + " more", x, y + shown * (LEGEND + 9) + LEGEND, LEGEND, false,
                    Canvas.Anchor.START, MARK, 0);
        }
    }

    private double[] yRange() {
        if (kind == Kind.STACKED) {
            return new double[] {0.0, 1.0};
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Curve cv : curves) {
            for (double v : cv.y()) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (!(hi > lo)) {
            double d = Math.max(1e-9, Math.abs(lo) * 0.05 + (lo == 0 ? 1 : 0));
            return new double[] {lo - d, hi + d};
        }
        double pad = (hi - lo) * 0.06;
        return new double[] {lo - pad, hi + pad};
    }

    /** {@code s} shortened with an ellipsis to fit {@code width}. */
    static String fit(String s, double size, boolean bold, double width) {
        if (Canvas.textWidth(s, size, bold) <= width) {
            return s;
        }
        String t = s;
        while (t.length() > 1 && Canvas.textWidth(t + "\u2026", size, bold) > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "\u2026";
    }
}
