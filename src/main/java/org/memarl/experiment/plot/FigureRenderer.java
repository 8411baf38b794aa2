package org.memarl.experiment.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Renders a {@link Figure} to PNG and SVG bytes, deterministically: the same figure gives the same bytes (on the
 * same fonts and JDK). Both come from one painter on a {@link Canvas}: PNG through Java2D ({@link RasterCanvas},
 * written with the JDK's ImageIO, no time or software chunks), SVG through {@link SvgCanvas}, whose labels are
 * real {@code <text>} elements (selectable, searchable, a few kilobytes; not glyph outlines) and whose curves are one
 * polyline each with coordinates rounded to 1/100. Each panel: title, axes with round ticks (decades on a log x
 * axis), bands as translucent polygons under their line, dotted grey reference lines, the legend below. Numbers on
 * the axes use {@link Locale#ROOT}. Runs headless ({@code java.awt.headless=true} is set before AWT loads).
 */
public final class FigureRenderer {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** Okabe-Ito colours (distinguishable with the common colour-vision deficiencies). */
    public static final Color[] PALETTE = {
        new Color(0x00, 0x72, 0xB2), // blue
        new Color(0xE6, 0x9F, 0x00), // orange
        new Color(0x00, 0x9E, 0x73), // bluish green
        new Color(0xD5, 0x5E, 0x00), // vermillion
        new Color(0xCC, 0x79, 0xA7), // reddish purple
        new Color(0x56, 0xB4, 0xE9), // sky blue
        new Color(0x00, 0x00, 0x00), // black
    };

    private static final int BAND_ALPHA = 60;
    private static final double TITLE = 16;
    private static final double AXIS = 14.5;
    private static final double TICK = 14;
    private static final double LEGEND = 14;
    private static final Color FRAME = new Color(0x99, 0x99, 0x99);
    private static final Color GRID = new Color(0xE5, 0xE5, 0xE5);
    private static final Color REFERENCE = new Color(0x80, 0x80, 0x80);

    private FigureRenderer() {
    }

    /** The figure as PNG bytes (24-bit RGB, white background). */
    public static byte[] png(Figure figure) {
        RasterCanvas c = new RasterCanvas(figure.width(), figure.height(), 1.0);
        paint(figure, c);
        return c.png();
    }

    /** The figure as SVG 1.1 bytes (UTF-8), text as text. */
    public static byte[] svg(Figure figure) {
        SvgCanvas c = new SvgCanvas(figure.width(), figure.height());
        paint(figure, c);
        return roundCoordinates(c.svg()).getBytes(StandardCharsets.UTF_8);
    }

    /** The figure as an {@code <svg>} element, to inline in HTML. */
    public static String svgFragment(Figure figure) {
        SvgCanvas c = new SvgCanvas(figure.width(), figure.height());
        paint(figure, c);
        return c.fragment();
    }

    private static void paint(Figure figure, Canvas c) {
        int i = 0;
        for (Panel p : figure.panels()) {
            int row = i / figure.columns();
            int col = i % figure.columns();
            panel(p, c, col * figure.panelWidth(), row * figure.panelHeight(), figure.panelWidth(), figure.panelHeight());
            i++;
        }
    }

    private static Color color(Series s) {
        return PALETTE[Math.floorMod(s.color(), PALETTE.length)];
    }

    /** One panel in the box (x0, y0, w, h). */
    static void panel(Panel p, Canvas c, double x0, double y0, double w, double h) {
        // data ranges
        double xlo = Double.POSITIVE_INFINITY;
        double xhi = Double.NEGATIVE_INFINITY;
        double ylo = Double.POSITIVE_INFINITY;
        double yhi = Double.NEGATIVE_INFINITY;
        for (Series s : p.series()) {
            for (int k = 0; k < s.x().length; k++) {
                double x = p.logX() ? Math.log10(s.x()[k]) : s.x()[k];
                xlo = Math.min(xlo, x);
                xhi = Math.max(xhi, x);
                ylo = Math.min(ylo, s.hasBand() ? Math.min(s.lo()[k], s.y()[k]) : s.y()[k]);
                yhi = Math.max(yhi, s.hasBand() ? Math.max(s.hi()[k], s.y()[k]) : s.y()[k]);
            }
        }
        for (double y : p.horizontalLines()) {
            ylo = Math.min(ylo, y);
            yhi = Math.max(yhi, y);
        }
        if (!(xhi > xlo)) {
            xlo -= 1;
            xhi += 1;
        }
        if (!(yhi > ylo)) {
            ylo -= 1;
            yhi += 1;
        }
        double pad = (yhi - ylo) * 0.05;
        ylo = p.yMin() != null ? p.yMin() : ylo - pad;
        yhi = p.yMax() != null ? p.yMax() : yhi + pad;
        List<Double> yTicks = Ticks.nice(ylo, yhi, 6);
        double yTickW = 0;
        for (double t : yTicks) {
            yTickW = Math.max(yTickW, Canvas.textWidth(Ticks.format(t), TICK, false));
        }
        // legend rows (below the plot)
        List<Series> legend = p.series();
        List<double[]> places = new ArrayList<>();
        double lx = 0;
        int rows = 1;
        for (Series s : legend) {
            double lw = 30 + Canvas.textWidth(s.label(), LEGEND, false) + 16;
            if (lx + lw > w - 24 && lx > 0) {
                rows++;
                lx = 0;
            }
            places.add(new double[] {lx, rows - 1});
            lx += lw;
        }
        double legendH = rows * (LEGEND + 8) + 6;
        double left = x0 + 10 + AXIS + 8 + yTickW + 6;
        // room for the last x tick's label when it sits at the right edge
        double lastX = p.logX() ? Math.pow(10, Math.floor(xhi + 1e-9)) : Ticks.nice(xlo, xhi, 6).get(Ticks.nice(xlo, xhi, 6).size() - 1);
        double right = x0 + w - Math.max(14, Canvas.textWidth(Ticks.format(lastX), TICK, false) / 2 + 4);
        double top = y0 + (p.title().isEmpty() ? 10 : TITLE + 16);
        double bottom = y0 + h - legendH - (TICK + 10) - (p.xTitle().isEmpty() ? 4 : AXIS + 10);
        double pw = right - left;
        double ph = bottom - top;
        final double fxlo = xlo;
        final double fxhi = xhi;
        final double fylo = ylo;
        final double fyhi = yhi;
        java.util.function.DoubleUnaryOperator px = x -> left + ((p.logX() ? Math.log10(x) : x) - fxlo) / (fxhi - fxlo) * pw;
        java.util.function.DoubleUnaryOperator py = y -> bottom - (y - fylo) / (fyhi - fylo) * ph;
        if (!p.title().isEmpty()) {
            c.text(BetaChart.fit(p.title(), TITLE, true, w - 16), x0 + w / 2, y0 + TITLE + 4, TITLE, true,
                    Canvas.Anchor.MIDDLE, Color.BLACK, 0);
        }
        for (double t : yTicks) {
            double yy = py.applyAsDouble(t);
            c.line(left, yy, right, yy, GRID, 1, false);
            c.text(Ticks.format(t), left - 6, yy + TICK * 0.35, TICK, false, Canvas.Anchor.END, Color.BLACK, 0);
        }
        List<Double> xTicks = new ArrayList<>();
        if (p.logX()) {
            for (int k = (int) Math.ceil(xlo - 1e-9); k <= Math.floor(xhi + 1e-9); k++) {
                xTicks.add(Math.pow(10, k));
            }
        } else {
            xTicks.addAll(Ticks.nice(xlo, xhi, Math.max(3, (int) (pw / 90))));
        }
        for (double t : xTicks) {
            double xx = px.applyAsDouble(t);
            c.line(xx, top, xx, bottom, GRID, 1, false);
            c.line(xx, bottom, xx, bottom + 4, FRAME, 1, false);
            c.text(Ticks.format(t), xx, bottom + TICK + 6, TICK, false, Canvas.Anchor.MIDDLE, Color.BLACK, 0);
        }
        // bands first, then lines
        for (Series s : p.series()) {
            if (!s.hasBand()) {
                continue;
            }
            int n = s.x().length;
            double[] bx = new double[2 * n];
            double[] by = new double[2 * n];
            for (int k = 0; k < n; k++) {
                bx[k] = px.applyAsDouble(s.x()[k]);
                by[k] = py.applyAsDouble(clamp(s.hi()[k], fylo, fyhi));
                bx[2 * n - 1 - k] = bx[k];
                by[2 * n - 1 - k] = py.applyAsDouble(clamp(s.lo()[k], fylo, fyhi));
            }
            Color col = color(s);
            c.polygon(bx, by, new Color(col.getRed(), col.getGreen(), col.getBlue(), BAND_ALPHA));
        }
        for (Series s : p.series()) {
            int n = s.x().length;
            double[] lxs = new double[n];
            double[] lys = new double[n];
            for (int k = 0; k < n; k++) {
                lxs[k] = px.applyAsDouble(s.x()[k]);
                lys[k] = py.applyAsDouble(clamp(s.y()[k], fylo, fyhi));
            }
            c.polyline(lxs, lys, color(s), s.width(), s.dashed());
        }
        for (double x : p.verticalLines()) {
            double xx = px.applyAsDouble(x);
            c.line(xx, top, xx, bottom, REFERENCE, 1, true);
        }
        for (double y : p.horizontalLines()) {
            double yy = py.applyAsDouble(y);
            c.line(left, yy, right, yy, REFERENCE, 1, true);
        }
        c.rect(left, top, pw, ph, null, FRAME);
        if (!p.xTitle().isEmpty()) {
            c.text(BetaChart.fit(p.xTitle(), AXIS, false, w - 16), (left + right) / 2, bottom + TICK + 10 + AXIS + 2, AXIS,
                    false, Canvas.Anchor.MIDDLE, Color.BLACK, 0);
        }
        if (!p.yTitle().isEmpty()) {
            // a long axis title is set smaller (down to 11) before it is shortened
            double size = Math.max(11, Math.min(AXIS, AXIS * ph / Canvas.textWidth(p.yTitle(), AXIS, false)));
            c.text(BetaChart.fit(p.yTitle(), size, false, ph), x0 + 8 + AXIS * 0.8, (top + bottom) / 2, size, false,
                    Canvas.Anchor.MIDDLE, Color.BLACK, -90);
        }
        double ly0 = y0 + h - legendH + LEGEND + 2;
        for (int k = 0; k < legend.size(); k++) {
            Series s = legend.get(k);
            double xx = x0 + 14 + places.get(k)[0];
            double yy = ly0 + places.get(k)[1] * (LEGEND + 8);
            c.line(xx, yy - LEGEND * 0.35, xx + 24, yy - LEGEND * 0.35, color(s), Math.max(2, s.width()), s.dashed());
            c.text(s.label(), xx + 30, yy, LEGEND, false, Canvas.Anchor.START, Color.BLACK, 0);
        }
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static final Pattern LONG_DECIMAL = Pattern.compile("-?\\d+\\.\\d{3,}");

    /** Rounds coordinates to 1/100 of a point (a fraction of a pixel), which shrinks the text a lot. */
    static String roundCoordinates(String svg) {
        Matcher m = LONG_DECIMAL.matcher(svg);
        StringBuilder sb = new StringBuilder(svg.length() / 2);
        while (m.find()) {
            BigDecimal d = new BigDecimal(m.group()).setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros();
            String r = d.signum() == 0 ? "0" : d.toPlainString();
            m.appendReplacement(sb, r);
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** PNG with maximal deflate compression and no metadata chunks. */
    static byte[] encodePng(BufferedImage img) {
        Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("png");
        if (!it.hasNext()) {
            throw new org.memarl.MemarlException("no PNG writer in this JDK");
        }
        ImageWriter w = it.next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            w.setOutput(ios);
            ImageWriteParam param = w.getDefaultWriteParam();
            if (param.canWriteCompressed()) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(0.0f);
            }
            // no metadata object: the writer emits IHDR, IDAT and IEND only (no tIME, no text chunks)
            w.write(null, new IIOImage(img, null, null), param);
        } catch (IOException e) {
            throw new org.memarl.MemarlException("writing the figure: " + e.getMessage(), e);
        } finally {
            w.dispose();
        }
        return out.toByteArray();
    }
}
