package org.memarl.experiment.plot;

import java.util.List;

/**
 * Panels laid out on a grid, row by row, each {@code panelWidth x panelHeight} pixels (SVG: points).
 *
 * @param panels the charts, row-major
 * @param columns panels per row
 * @param panelWidth width of one panel
 * @param panelHeight height of one panel
 */
public record Figure(List<Panel> panels, int columns, int panelWidth, int panelHeight) {
    public Figure {
        panels = List.copyOf(panels);
        if (panels.isEmpty() || columns < 1 || panelWidth < 50 || panelHeight < 50) {
            throw new org.memarl.InvalidModelException("figure: " + panels.size() + " panels, " + columns + " columns, "
                    + panelWidth + " x " + panelHeight);
        }
    }

    public int rows() {
        return (panels.size() + columns - 1) / columns;
    }

    public int width() {
        return Math.min(columns, panels.size()) * panelWidth;
    }

    public int height() {
        return rows() * panelHeight;
    }
}
