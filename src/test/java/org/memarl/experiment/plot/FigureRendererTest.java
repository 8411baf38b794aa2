package org.memarl.experiment.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The renderer: sizes, determinism, and the SVG (one polyline per curve, rounded coordinates, text as text). */
class FigureRendererTest {
    private static Figure figure(int n) {
        double[] x = new double[n];
        double[] y = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = Math.sin(i / 10.0);
            lo[i] = y[i] - 0.2;
            hi[i] = y[i] + 0.2;
        }
        Panel p = new Panel("title", "x", "y", List.of(Series.band("curve", x, y, lo, hi, 0, Series.WIDTH)), false, null,
                null, List.of(), List.of(0.0));
        return new Figure(List.of(p, p), 2, 300, 200);
    }

    @Test
    void pngHasTheFigureSizeAndIsDeterministic() throws IOException {
        byte[] a = FigureRenderer.png(figure(100));
        assertArrayEquals(a, FigureRenderer.png(figure(100)));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(a));
        assertEquals(600, img.getWidth());
        assertEquals(200, img.getHeight());
    }

    @Test
    void svgDrawsEachCurveAsOnePolylineRoundsCoordinatesAndKeepsTextAsText() {
        byte[] a = FigureRenderer.svg(figure(100));
        assertArrayEquals(a, FigureRenderer.svg(figure(100)));
        String svg = new String(a, StandardCharsets.UTF_8);
        assertTrue(svg.contains("viewBox=\"0 0 600 200\""), svg.substring(0, 400));
        assertEquals(0, count(svg, "<line"), "segments are joined into polylines");
        // the curve (colour 0) is one polyline per panel, through its 100 points
        Matcher m = Pattern.compile("<polyline fill=\"none\" points=\"([^\"]*)\" stroke=\"#0072b2\" stroke-width=\"2\"")
                .matcher(svg);
        int curves = 0;
        while (m.find()) {
            if (m.group(1).split(" ").length == 100) {
                curves++;
            }
        }
        assertEquals(2, curves);
        assertTrue(!Pattern.compile("\\d\\.\\d{3,}").matcher(svg.substring(svg.indexOf("<svg"))).find(),
                "coordinates have at most two decimals");
        // issue 14: text as text (title, axis titles, legend), not glyph outlines
        assertEquals(2, count(svg, ">title</text>"));
        assertEquals(2, count(svg, ">curve</text>"), "the legend");
        assertEquals(0, count(svg, "<path"), "no glyph outlines");
        assertTrue(a.length < 40_000, "a few kilobytes: " + a.length);
    }

    @Test
    void roundingKeepsShortNumbersAndRoundsLongOnes() {
        assertEquals("M1.28,-10.2 L0 L12 L3.5", FigureRenderer.roundCoordinates("M1.28125,-10.203125 L-0.0001 L12 L3.5"));
    }

    private static int count(String s, String sub) {
        int n = 0;
        for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length())) {
            n++;
        }
        return n;
    }
}
