package org.memarl.experiment.plot;

import java.awt.Color;
import java.util.Locale;

/**
 * A {@link Canvas} that writes SVG 1.1: every label is a {@code <text>} element (not glyph outlines), numbers are
 * rounded to 1/100 of a unit, and the output is deterministic. {@link #svg()} gives the document; {@link #fragment()}
 * the same element without the XML declaration, to inline in HTML.
 */
public final class SvgCanvas implements Canvas {
    private final int width;
    private final int height;
    private final StringBuilder body = new StringBuilder();

    /** A white canvas of {@code width x height}. */
    public SvgCanvas(int width, int height) {
        this.width = width;
        this.height = height;
        rect(0, 0, width, height, Color.WHITE, null);
    }

    @Override
    public void polyline(double[] xs, double[] ys, Color color, double width, boolean dashed) {
        body.append("<polyline fill=\"none\" points=\"");
        points(xs, ys);
        body.append("\" stroke=\"").append(hex(color)).append("\" stroke-width=\"").append(n(width))
                .append("\" stroke-linejoin=\"round\" stroke-linecap=\"round\"");
        if (dashed) {
            body.append(" stroke-dasharray=\"6,4\"");
        }
        opacity("stroke-opacity", color);
        body.append("/>\n");
    }

    @Override
    public void polygon(double[] xs, double[] ys, Color fill) {
        body.append("<polygon points=\"");
        points(xs, ys);
        body.append("\" fill=\"").append(hex(fill)).append('"');
        opacity("fill-opacity", fill);
        body.append("/>\n");
    }

    @Override
    public void rect(double x, double y, double w, double h, Color fill, Color stroke) {
        body.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append("\" fill=\"").append(fill == null ? "none" : hex(fill)).append('"');
        if (fill != null) {
            opacity("fill-opacity", fill);
        }
        if (stroke != null) {
            body.append(" stroke=\"").append(hex(stroke)).append("\" stroke-width=\"1\"");
        }
        body.append("/>\n");
    }

    @Override
    public void dot(double x, double y, double r, Color fill) {
        body.append("<circle cx=\"").append(n(x)).append("\" cy=\"").append(n(y)).append("\" r=\"").append(n(r))
                .append("\" fill=\"").append(hex(fill)).append("\"/>\n");
    }

    @Override
    public void text(String s, double x, double y, double size, boolean bold, Anchor anchor, Color color, double degrees) {
        body.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-size=\"").append(n(size))
                .append('"');
        if (bold) {
            body.append(" font-weight=\"bold\"");
        }
        if (anchor != Anchor.START) {
            body.append(" text-anchor=\"").append(anchor == Anchor.MIDDLE ? "middle" : "end").append('"');
        }
        if (!Color.BLACK.equals(color)) {
            body.append(" fill=\"").append(hex(color)).append('"');
        }
        if (degrees != 0.0) {
            body.append(" transform=\"rotate(").append(n(degrees)).append(' ').append(n(x)).append(' ').append(n(y))
                    .append(")\"");
        }
        body.append('>').append(escape(s)).append("</text>\n");
    }

    /** The {@code <svg>} element (for inlining in HTML). */
    public String fragment() {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" + width + "\" height=\"" + height
                + "\" viewBox=\"0 0 " + width + " " + height + "\" font-family=\"" + Fonts.SVG_FAMILY + "\">\n"
                + body + "</svg>\n";
    }

    /** The standalone SVG document. */
    public String svg() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + fragment();
    }

    private void points(double[] xs, double[] ys) {
        for (int i = 0; i < xs.length; i++) {
            if (i > 0) {
                body.append(' ');
            }
            body.append(n(xs[i])).append(',').append(n(ys[i]));
        }
    }

    private void opacity(String attr, Color c) {
        if (c.getAlpha() < 255) {
            body.append(' ').append(attr).append("=\"").append(n(c.getAlpha() / 255.0)).append('"');
        }
    }

    private static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    /** A number rounded to 1/100, without trailing zeros. */
    static String n(double x) {
        long r = Math.round(x * 100.0);
        if (r % 100 == 0) {
            return Long.toString(r / 100);
        }
        String s = String.format(Locale.ROOT, "%.2f", r / 100.0);
        return s.endsWith("0") ? s.substring(0, s.length() - 1) : s;
    }

    /** XML text escaping (and controls dropped: SVG 1.1 cannot hold them). */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if (c >= 0x20 || c == '\t') {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
