package org.memarl.experiment.plot;

import java.awt.Font;
import java.awt.font.FontRenderContext;

/** Text measurement for the charts: the JDK's sans-serif font (DejaVu Sans on Linux), measured without a screen. */
final class Fonts {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);

    /** The font family written into SVG (the first installed one is used; widths are estimated with the JDK's). */
    static final String SVG_FAMILY = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif";

    private Fonts() {
    }

    static Font font(double size, boolean bold) {
        return new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) size);
    }

    static double width(String s, double size, boolean bold) {
        return font(size, bold).getStringBounds(s, FRC).getWidth();
    }
}
