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

/** The renderer: sizes, determinism, and the SVG clean-ups (joined segments, rounded coordinates). */
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
    void svgJoinsSegmentsIntoOnePathAndRoundsCoordinates() {
        byte[] a = FigureRenderer.svg(figure(100));
        assertArrayEquals(a, FigureRenderer.svg(figure(100)));
        String svg = new String(a, StandardCharsets.UTF_8);
        assertTrue(svg.contains("viewBox=\"0 0 600 200\""), svg.substring(0, 400));
        assertEquals(0, count(svg, "<line"), "segments are joined into paths");
        // the curve (colour 0) is one path per panel, with 99 segments
        Matcher m = Pattern.compile("<path d=\"([^\"]*)\" style=\"fill:none;stroke:rgb\\(0,114,178\\)[^\"]*stroke-width:2").matcher(svg);
        int curves = 0;
        while (m.find()) {
            if (count(m.group(1), "L") == 99) {
                curves++;
            }
        }
        assertEquals(2, curves);
        assertTrue(!Pattern.compile("\\d\\.\\d{3,}").matcher(svg.substring(svg.indexOf("<svg"))).find(),
                "coordinates have at most two decimals");
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
