package org.memarl.experiment.plot;

import java.awt.Color;
import java.util.List;

/**
 * Charts laid out on a grid (row by row, {@code columns} per row, each {@code panelWidth x panelHeight}) under a
 * title and one shared legend (the policy of every state over the same actions). SVG with real text, or PNG.
 */
public record ChartGrid(String title, List<BetaChart> panels, int columns, int panelWidth, int panelHeight,
                        List<String> legend, boolean boxes) {
    public ChartGrid {
        panels = List.copyOf(panels);
        legend = List.copyOf(legend);
        if (panels.isEmpty() || columns < 1) {
            throw new org.memarl.MemarlException("chart grid: " + panels.size() + " panels, " + columns + " columns");
        }
    }

    private static final double LEGEND_ROW = BetaChart.LEGEND + 14;

    private int rows() {
        return (panels.size() + columns - 1) / columns;
    }

    private double legendHeight(int width) {
        if (legend.isEmpty()) {
            return 0;
        }
        return legendRows(width) * LEGEND_ROW + 8;
    }

    private int legendRows(int width) {
        double x = 0;
        int rows = 1;
        for (String s : legend) {
            double w = 34 + Canvas.textWidth(s, BetaChart.LEGEND, false) + 22;
            if (x + w > width - 40 && x > 0) {
                rows++;
                x = 0;
            }
            x += w;
        }
        return rows;
    }

    /** Width in units (pixels at scale 1). */
    public int width() {
        return Math.min(columns, panels.size()) * panelWidth;
    }

    /** Height in units. */
    public int height() {
        return (int) Math.ceil(top() + rows() * panelHeight);
    }

    private double top() {
        return (title.isEmpty() ? 8 : BetaChart.TITLE + 26) + legendHeight(width());
    }

    /** Draws the grid on {@code c} (of at least {@link #width()} x {@link #height()}). */
    public void paint(Canvas c) {
        int w = width();
        if (!title.isEmpty()) {
            c.text(BetaChart.fit(title, BetaChart.TITLE, true, w - 20), w / 2.0, BetaChart.TITLE + 8, BetaChart.TITLE, true,
                    Canvas.Anchor.MIDDLE, Color.BLACK, 0);
        }
        if (!legend.isEmpty()) {
            double y = (title.isEmpty() ? 8 : BetaChart.TITLE + 26) + BetaChart.LEGEND;
            double x = 20;
            for (int k = 0; k < legend.size(); k++) {
                double lw = 34 + Canvas.textWidth(legend.get(k), BetaChart.LEGEND, false) + 22;
                if (x + lw > w - 20 && x > 20) {
                    x = 20;
                    y += LEGEND_ROW;
                }
                if (boxes) {
                    c.rect(x, y - BetaChart.LEGEND + 2, 24, BetaChart.LEGEND - 1, BetaChart.color(k), null);
                } else {
                    c.line(x, y - BetaChart.LEGEND * 0.35, x + 24, y - BetaChart.LEGEND * 0.35, BetaChart.color(k), 3, false);
                }
                c.text(legend.get(k), x + 30, y, BetaChart.LEGEND, false, Canvas.Anchor.START, Color.BLACK, 0);
                x += lw;
            }
        }
        double top = top();
        for (int i = 0; i < panels.size(); i++) {
            int r = i / columns;
            int col = i % columns;
            panels.get(i).paint(c, col * panelWidth, top + r * panelHeight, panelWidth, panelHeight);
        }
    }

    /** SVG document (real text). */
    public String svg() {
        SvgCanvas c = new SvgCanvas(width(), height());
        paint(c);
        return c.svg();
    }

    /** The {@code <svg>} element, to inline in HTML. */
    public String svgFragment() {
        SvgCanvas c = new SvgCanvas(width(), height());
        paint(c);
        return c.fragment();
    }

    /** PNG at twice the pixel density. */
    public byte[] png() {
        RasterCanvas c = new RasterCanvas(width(), height(), 2.0);
        paint(c);
        return c.png();
    }
}
