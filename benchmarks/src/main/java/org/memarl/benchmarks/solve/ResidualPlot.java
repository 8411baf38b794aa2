package org.memarl.benchmarks.solve;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.memarl.experiment.plot.Canvas;
import org.memarl.experiment.plot.FigureRenderer;
import org.memarl.experiment.plot.RasterCanvas;
import org.memarl.experiment.plot.SvgCanvas;

/**
 * Draws the traces of {@link TimeToTolerance} ({@code -Dmemarl.trace=FILE}, the CSV
 * {@code method,backup,gamma,t_seconds,bound}) as one chart, error bound against time, both axes logarithmic,
 * one curve per (method, backup): the backup's colour, value iteration solid, policy iteration dashed with a dot
 * per outer step; the tolerance as a grey dashed line. Written as PNG and SVG with memarl's own canvases:
 *
 * <pre>
 *   java -cp target/memarl.jar:CLASSES org.memarl.benchmarks.solve.ResidualPlot TRACE.csv TOL TITLE OUT_BASE
 * </pre>
 *
 * writes {@code OUT_BASE.png} and {@code OUT_BASE.svg}.
 */
public final class ResidualPlot {
    private static final int W = 920;
    private static final int H = 600;
    private static final double LEFT = 86;
    private static final double RIGHT = 24;
    private static final double TOP = 56;
    private static final double BOTTOM = 120;
    private static final Color GRID = new Color(0xE4, 0xE4, 0xE4);
    private static final Color AXIS = new Color(0x44, 0x44, 0x44);

    private ResidualPlot() {
    }

    /** One curve: its legend label, points, colour, style. */
    record Curve(String label, double[] t, double[] bound, Color color, boolean dashed) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: ResidualPlot TRACE.csv TOL TITLE OUT_BASE");
            System.exit(2);
        }
        List<Curve> curves = read(Path.of(args[0]));
        double tol = Double.parseDouble(args[1]);
        SvgCanvas svg = new SvgCanvas(W, H);
        draw(svg, curves, tol, args[2]);
        RasterCanvas png = new RasterCanvas(W, H, 2.0);
        draw(png, curves, tol, args[2]);
        Files.writeString(Path.of(args[3] + ".svg"), svg.svg());
        Files.write(Path.of(args[3] + ".png"), png.png());
    }

    /** The CSV's rows grouped by (method, backup, gamma) in their order of appearance. */
    static List<Curve> read(Path csv) throws java.io.IOException {
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty() || !lines.get(0).equals(Trace.HEADER)) {
            throw new IllegalArgumentException(csv + ": line 1: expected header " + Trace.HEADER);
        }
        Map<String, List<double[]>> groups = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            if (f.length != 5) {
                throw new IllegalArgumentException(csv + ": line " + (i + 1) + ": " + f.length + " fields, expected 5");
            }
            double t = Double.parseDouble(f[3]);
            double b = Double.parseDouble(f[4]);
            if (t > 0 && b > 0) {
                groups.computeIfAbsent(f[0] + "," + f[1] + "," + f[2], k -> new ArrayList<>()).add(new double[] {t, b});
            }
        }
        List<Curve> out = new ArrayList<>();
        for (Map.Entry<String, List<double[]>> e : groups.entrySet()) {
            String[] k = e.getKey().split(",");
            boolean vi = k[0].startsWith("value");
            String backup = k[1].startsWith("soft-beta-") ? "soft (\u03b2 = " + k[1].substring(10) + ")" : k[1];
            Color c = k[1].equals("hard") ? FigureRenderer.PALETTE[3]
                    : k[1].equals("soft-beta-1") ? FigureRenderer.PALETTE[0] : FigureRenderer.PALETTE[2];
            List<double[]> pts = e.getValue();
            double[] t = new double[pts.size()];
            double[] b = new double[pts.size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = pts.get(i)[0];
                b[i] = pts.get(i)[1];
            }
            String label = backup + " " + (vi ? "value iteration" : "policy iteration (Newton)")
                    + String.format(Locale.ROOT, ": %s s, %d %s", seconds(t[t.length - 1]), t.length,
                            vi ? "sweeps" : "outer steps");
            out.add(new Curve(label, t, b, c, !vi));
        }
        return out;
    }

    private static String seconds(double s) {
        return s >= 10 ? String.format(Locale.ROOT, "%.0f", s) : String.format(Locale.ROOT, "%.2g", s);
    }

    static void draw(Canvas c, List<Curve> curves, double tol, String title) {
        double tMin = Double.POSITIVE_INFINITY;
        double tMax = 0;
        double bMin = tol;
        double bMax = tol;
        for (Curve k : curves) {
            for (int i = 0; i < k.t.length; i++) {
                tMin = Math.min(tMin, k.t[i]);
                tMax = Math.max(tMax, k.t[i]);
                bMin = Math.min(bMin, k.bound[i]);
                bMax = Math.max(bMax, k.bound[i]);
            }
        }
        double x0 = Math.floor(Math.log10(tMin));
        double x1 = Math.ceil(Math.log10(tMax));
        double y0 = Math.floor(Math.log10(bMin));
        double y1 = Math.ceil(Math.log10(bMax));
        double pw = W - LEFT - RIGHT;
        double ph = H - TOP - BOTTOM;
        java.util.function.DoubleUnaryOperator px = t -> LEFT + (Math.log10(t) - x0) / (x1 - x0) * pw;
        java.util.function.DoubleUnaryOperator py = b -> TOP + (y1 - Math.log10(b)) / (y1 - y0) * ph;
        c.text(title, W / 2.0, 30, 17, true, Canvas.Anchor.MIDDLE, Color.BLACK, 0);
        // grid and tick labels: every decade on both axes
        for (int d = (int) x0; d <= (int) x1; d++) {
            double x = px.applyAsDouble(Math.pow(10, d));
            c.line(x, TOP, x, TOP + ph, GRID, 1, false);
            c.text(decade(d, true), x, TOP + ph + 20, 13, false, Canvas.Anchor.MIDDLE, AXIS, 0);
        }
        int step = (int) Math.max(1, Math.ceil((y1 - y0) / 12));
        for (int d = (int) y0; d <= (int) y1; d += step) {
            double y = py.applyAsDouble(Math.pow(10, d));
            c.line(LEFT, y, LEFT + pw, y, GRID, 1, false);
            c.text(decade(d, false), LEFT - 8, y + 4.5, 13, false, Canvas.Anchor.END, AXIS, 0);
        }
        c.rect(LEFT, TOP, pw, ph, null, AXIS);
        c.text("wall-clock time since the solve started (seconds, log scale)", LEFT + pw / 2, TOP + ph + 42, 14, false,
                Canvas.Anchor.MIDDLE, Color.BLACK, 0);
        c.text("certified error bound \u03b3/(1\u2212\u03b3)\u2016BV \u2212 V\u2016\u221e (log scale)", 22, TOP + ph / 2, 14,
                false, Canvas.Anchor.MIDDLE, Color.BLACK, -90);
        double ty = py.applyAsDouble(tol);
        c.line(LEFT, ty, LEFT + pw, ty, new Color(0x77, 0x77, 0x77), 1.5, true);
        c.text("tolerance " + decade((int) Math.round(Math.log10(tol)), false), LEFT + pw - 6, ty - 6, 13, false,
                Canvas.Anchor.END, new Color(0x55, 0x55, 0x55), 0);
        for (Curve k : curves) {
            double[] xs = new double[k.t.length];
            double[] ys = new double[k.t.length];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = px.applyAsDouble(k.t[i]);
                ys[i] = py.applyAsDouble(k.bound[i]);
            }
            c.polyline(xs, ys, k.color, 2.2, k.dashed);
            if (k.dashed) {
                for (int i = 0; i < xs.length; i++) {
                    c.dot(xs[i], ys[i], 3.6, k.color);
                }
            }
        }
        // legend below the chart, two columns, so that it hides no curve
        double colW = (W - 80) / 2.0;
        for (int i = 0; i < curves.size(); i++) {
            Curve k = curves.get(i);
            double lx = 40 + colW * (i % 2);
            double y = H - BOTTOM + 68 + 22.0 * (i / 2);
            c.line(lx, y - 4, lx + 32, y - 4, k.color, 2.2, k.dashed);
            if (k.dashed) {
                c.dot(lx + 16, y - 4, 3.6, k.color);
            }
            c.text(k.label, lx + 40, y, 13, false, Canvas.Anchor.START, Color.BLACK, 0);
        }
    }

    /** 10^d as text: plain numbers for the time axis near 1, otherwise 1e-8 style. */
    private static String decade(int d, boolean time) {
        if (time && d >= -2 && d <= 3) {
            return d < 0 ? String.format(Locale.ROOT, "%." + (-d) + "f", Math.pow(10, d)) : String.valueOf((long) Math.pow(10, d));
        }
        return "1e" + d;
    }
}
