package org.memarl.experiment.plot;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.Processors;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.intermediate.CommandSequence;
import de.erichseifert.vectorgraphics2d.intermediate.MutableCommandSequence;
import de.erichseifert.vectorgraphics2d.intermediate.commands.Command;
import de.erichseifert.vectorgraphics2d.intermediate.commands.DrawShapeCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.FillShapeCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetColorCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetFontCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetHintCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetStrokeCommand;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Renders a {@link Figure} with XChart to PNG and SVG bytes, deterministically: the same figure gives
 * the same bytes (on the same fonts and JDK). Each panel is an XChart {@code XYChart} painted into its
 * cell of one canvas; PNG is written with the JDK's ImageIO (no time or software chunks), SVG with
 * VectorGraphics2D (no date). Runs headless ({@code java.awt.headless=true} is set before AWT loads).
 * Bands are drawn as translucent polygons under their line; numbers on the axes use {@link Locale#ROOT}.
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
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    private static final Font AXIS_TITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private FigureRenderer() {
    }

    /** The figure as PNG bytes (24-bit RGB, white background). */
    public static byte[] png(Figure figure) {
        BufferedImage img = new BufferedImage(figure.width(), figure.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, figure.width(), figure.height());
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            paint(figure, g);
        } finally {
            g.dispose();
        }
        return encodePng(img);
    }

    /** The figure as SVG 1.1 bytes (UTF-8). */
    public static byte[] svg(Figure figure) {
        VectorGraphics2D g = new VectorGraphics2D();
        paint(figure, g);
        Document doc = Processors.get("svg").getDocument(joinLines(g.getCommands()),
                new PageSize(0.0, 0.0, figure.width(), figure.height()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            doc.writeTo(out);
        } catch (IOException e) {
            throw new org.memarl.MemarlException("writing the figure: " + e.getMessage(), e);
        }
        return roundCoordinates(out.toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * XChart draws a curve as one {@code Line2D} per segment, each preceded by the same stroke; in SVG that
     * is one {@code <line>} element with its full style per data point. This joins runs of connected
     * segments drawn with an unchanged stroke into one path (the same picture, with proper line joins,
     * and several times smaller).
     */
    static CommandSequence joinLines(CommandSequence in) {
        MutableCommandSequence out = new MutableCommandSequence();
        Path2D.Double path = null;
        double lastX = Double.NaN;
        double lastY = Double.NaN;
        Object stroke = null;
        for (Command<?> c : in) {
            if (c instanceof DrawShapeCommand && c.getValue() instanceof Line2D) {
                Line2D l = (Line2D) c.getValue();
                if (path != null && l.getX1() == lastX && l.getY1() == lastY) {
                    path.lineTo(l.getX2(), l.getY2());
                } else {
                    flush(out, path);
                    path = new Path2D.Double();
                    path.moveTo(l.getX1(), l.getY1());
                    path.lineTo(l.getX2(), l.getY2());
                }
                lastX = l.getX2();
                lastY = l.getY2();
                continue;
            }
            if (c instanceof SetStrokeCommand && path != null && c.getValue().equals(stroke)) {
                continue; // the same stroke again, inside a run of segments
            }
            flush(out, path);
            path = null;
            if (c instanceof SetStrokeCommand) {
                stroke = c.getValue();
            } else if (!(c instanceof SetColorCommand || c instanceof SetFontCommand || c instanceof SetHintCommand
                    || c instanceof DrawShapeCommand || c instanceof FillShapeCommand)) {
                stroke = null; // any other state change (transform, clip, create, dispose): forget the stroke
            }
            out.add(c);
        }
        flush(out, path);
        return out;
    }

    private static void flush(MutableCommandSequence out, Path2D.Double path) {
        if (path != null) {
            out.add(new DrawShapeCommand(path));
        }
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

    private static void paint(Figure figure, Graphics2D g) {
        AffineTransform base = g.getTransform();
        int i = 0;
        for (Panel p : figure.panels()) {
            int row = i / figure.columns();
            int col = i % figure.columns();
            XYChart chart = chart(p, figure.panelWidth(), figure.panelHeight());
            g.setTransform(base);
            g.translate(col * figure.panelWidth(), row * figure.panelHeight());
            chart.paint(g, figure.panelWidth(), figure.panelHeight());
            i++;
        }
        g.setTransform(base);
    }

    /** The XChart chart of one panel. */
    static XYChart chart(Panel p, int width, int height) {
        XYChart c = new XYChart(width, height);
        c.setTitle(p.title());
        c.setXAxisTitle(p.xTitle());
        c.setYAxisTitle(p.yTitle());
        XYStyler s = c.getStyler();
        s.setLocale(Locale.ROOT);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(0x99, 0x99, 0x99));
        s.setPlotGridLinesColor(new Color(0xE5, 0xE5, 0xE5));
        s.setChartTitleFont(TITLE_FONT);
        s.setAxisTitleFont(AXIS_TITLE_FONT);
        s.setAxisTickLabelsFont(TICK_FONT);
        s.setLegendFont(LEGEND_FONT);
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLegendBorderColor(Color.WHITE);
        s.setLegendSeriesLineLength(24);
        s.setChartTitleBoxVisible(false);
        s.setChartPadding(8);
        s.setMarkerSize(0);
        s.setXAxisLogarithmic(p.logX());
        s.setXAxisTickMarkSpacingHint(90);
        s.setAnnotationLineColor(new Color(0x80, 0x80, 0x80));
        s.setAnnotationLineStroke(new BasicStroke(1.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10.0f,
                new float[] {2.0f, 3.0f}, 0.0f));
        if (p.yMin() != null) {
            s.setYAxisMin(p.yMin());
        }
        if (p.yMax() != null) {
            s.setYAxisMax(p.yMax());
        }
        int band = 0;
        for (Series ser : p.series()) {
            if (!ser.hasBand()) {
                continue;
            }
            int n = ser.x().length;
            double[] bx = new double[2 * n];
            double[] by = new double[2 * n];
            for (int k = 0; k < n; k++) {
                bx[k] = ser.x()[k];
                by[k] = ser.hi()[k];
                bx[2 * n - 1 - k] = ser.x()[k];
                by[2 * n - 1 - k] = ser.lo()[k];
            }
            // series names must be unique; bands are not in the legend
            XYSeries b = c.addSeries(" band " + band++ + " " + ser.label(), bx, by);
            Color col = PALETTE[Math.floorMod(ser.color(), PALETTE.length)];
            b.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
            b.setFillColor(new Color(col.getRed(), col.getGreen(), col.getBlue(), BAND_ALPHA));
            b.setLineStyle(SeriesLines.NONE); // no outline: just the shaded area
            b.setMarker(SeriesMarkers.NONE);
            b.setShowInLegend(false);
        }
        for (Series ser : p.series()) {
            XYSeries l = c.addSeries(ser.label(), ser.x(), ser.y());
            Color col = PALETTE[Math.floorMod(ser.color(), PALETTE.length)];
            l.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            l.setLineColor(col);
            l.setMarkerColor(col);
            l.setMarker(SeriesMarkers.NONE);
            l.setLineStyle(ser.dashed()
                    ? new BasicStroke(ser.width(), BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10.0f,
                            new float[] {6.0f, 4.0f}, 0.0f)
                    : new BasicStroke(ser.width(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        }
        if (!p.logX()) {
            niceTicks(c, p);
        }
        for (double x : p.verticalLines()) {
            c.addAnnotation(new AnnotationLine(x, true, false));
        }
        for (double y : p.horizontalLines()) {
            c.addAnnotation(new AnnotationLine(y, false, false));
        }
        return c;
    }

    /**
     * XChart places the ticks of an axis whose data abscissae are equally spaced (such as steps 0, 1, ...,
     * 499) on data values only, and for a few hundred points its labels then overlap. An undrawn helper
     * series with one abscissa half-way between the first two breaks the equal spacing, so that the
     * usual "nice number" ticks (0, 50, 100, ...) are used; it is not drawn and not in the legend.
     */
    private static void niceTicks(XYChart c, Panel p) {
        Series first = p.series().get(0);
        double[] x = first.x();
        if (x.length < 3) {
            return;
        }
        double mid = x[0] + (x[1] - x[0]) / 2.0;
        XYSeries h = c.addSeries(" ticks", new double[] {x[0], mid}, new double[] {first.y()[0], first.y()[0]});
        h.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        h.setLineStyle(SeriesLines.NONE);
        h.setMarker(SeriesMarkers.NONE);
        h.setShowInLegend(false);
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
