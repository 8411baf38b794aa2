package org.memarl.experiment.plot;

import java.util.List;
import java.util.Objects;

/**
 * One chart of a figure: title, axis titles, the curves, optional fixed y range, log x axis, and
 * reference lines (vertical at x values, horizontal at y values).
 *
 * @param title chart title
 * @param xTitle x axis title
 * @param yTitle y axis title
 * @param series curves, drawn bands first, then lines in order
 * @param logX logarithmic x axis
 * @param yMin fixed lower y bound, or null for automatic
 * @param yMax fixed upper y bound, or null for automatic
 * @param verticalLines x positions of thin grey reference lines
 * @param horizontalLines y positions of thin grey reference lines
 */
public record Panel(String title, String xTitle, String yTitle, List<Series> series, boolean logX, Double yMin, Double yMax,
                    List<Double> verticalLines, List<Double> horizontalLines) {
    public Panel {
        Objects.requireNonNull(title, "title");
        series = List.copyOf(series);
        verticalLines = List.copyOf(verticalLines);
        horizontalLines = List.copyOf(horizontalLines);
        if (series.isEmpty()) {
            throw new org.memarl.InvalidModelException(title + ": no series");
        }
    }
}
