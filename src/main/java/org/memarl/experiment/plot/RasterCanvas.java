package org.memarl.experiment.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/** A {@link Canvas} drawing into a 24-bit RGB image with Java2D (antialiased), written as PNG by {@link #png()}. */
public final class RasterCanvas implements Canvas {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private final BufferedImage img;
    private final Graphics2D g;
    private final double scale;

    /** A white image of {@code width x height} units, {@code scale} pixels per unit (2 for a sharp projector image). */
    public RasterCanvas(int width, int height, double scale) {
        this.scale = scale;
        img = new BufferedImage((int) Math.ceil(width * scale), (int) Math.ceil(height * scale), BufferedImage.TYPE_INT_RGB);
        g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.scale(scale, scale);
    }

    @Override
    public void polyline(double[] xs, double[] ys, Color color, double width, boolean dashed) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(xs[0], ys[0]);
        for (int i = 1; i < xs.length; i++) {
            p.lineTo(xs[i], ys[i]);
        }
        g.setColor(color);
        g.setStroke(dashed
                ? new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f)
                : new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(p);
    }

    @Override
    public void polygon(double[] xs, double[] ys, Color fill) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(xs[0], ys[0]);
        for (int i = 1; i < xs.length; i++) {
            p.lineTo(xs[i], ys[i]);
        }
        p.closePath();
        g.setColor(fill);
        g.fill(p);
    }

    @Override
    public void rect(double x, double y, double w, double h, Color fill, Color stroke) {
        Rectangle2D.Double r = new Rectangle2D.Double(x, y, w, h);
        if (fill != null) {
            g.setColor(fill);
            g.fill(r);
        }
        if (stroke != null) {
            g.setColor(stroke);
            g.setStroke(new BasicStroke(1f));
            g.draw(r);
        }
    }

    @Override
    public void dot(double x, double y, double r, Color fill) {
        g.setColor(fill);
        g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
    }

    @Override
    public void text(String s, double x, double y, double size, boolean bold, Anchor anchor, Color color, double degrees) {
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        if (degrees != 0.0) {
            g.rotate(Math.toRadians(degrees));
        }
        g.setFont(Fonts.font(size, bold));
        g.setColor(color);
        double w = Fonts.width(s, size, bold);
        double dx = anchor == Anchor.START ? 0.0 : anchor == Anchor.MIDDLE ? -w / 2 : -w;
        g.drawString(s, (float) dx, 0f);
        g.setTransform(saved);
    }

    /** The image as PNG bytes (deterministic: the JDK's encoder writes no time). */
    public byte[] png() {
        return FigureRenderer.encodePng(img);
    }

    /** The image (for tests). */
    BufferedImage image() {
        return img;
    }

    /** Pixels per unit. */
    double scale() {
        return scale;
    }
}
