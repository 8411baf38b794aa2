package org.memarl.sweep;

import java.util.ArrayList;
import java.util.List;
import org.memarl.experiment.plot.BetaChart;
import org.memarl.experiment.plot.ChartGrid;

/**
 * The pictures of a {@link SweepResult}: V over the inverse temperature, one line per state, and each policy over
 * it as stacked areas, one panel per state (at most {@link #MAX_PANELS}), labelled with the model's names. The grid's
 * infinities sit at the ends of the axis and 0 in the middle, marked ({@link org.memarl.experiment.plot.BetaAxis}).
 */
public final class SweepPlots {
    /** The most states drawn as policy panels (the CSV and JSON hold them all). */
    public static final int MAX_PANELS = 24;

    private SweepPlots() {
    }

    /** The axis title: the parameter's name as the thesis writes it. */
    static String axisTitle(String p) {
        return switch (p) {
            case "beta" -> "\u03b2 (inverse temperature)";
            case "beta-agent" -> "\u03b2_i (agent's inverse temperature)";
            case "beta-opponent" -> "\u03b2_-i (opponent's inverse temperature)";
            default -> p + " (the chain's inverse temperature $" + p + ")";
        };
    }

    private static String model(SweepResult r) {
        return r.modelName().isEmpty() ? "model" : r.modelName();
    }

    /** V over the grid, one line per state (legend: the states' names). */
    public static ChartGrid values(SweepResult r) {
        List<BetaChart.Curve> curves = new ArrayList<>();
        double[][] v = r.V();
        for (int s = 0; s < r.numStates(); s++) {
            double[] y = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                y[i] = v[i][s];
            }
            curves.add(new BetaChart.Curve(r.stateLabels().get(s), y));
        }
        String title = r.algorithm() + " on " + model(r) + ": V(s) over " + r.parameter();
        BetaChart c = new BetaChart(BetaChart.Kind.LINES, "", axisTitle(r.parameter()), "V(s), reward units", r.values(),
                curves, true);
        return new ChartGrid(title, List.of(c), 1, 980, 560, List.of(), false);
    }

    /** The policy {@code name} over the grid: one stacked-area panel per state (the first {@link #MAX_PANELS}). */
    public static ChartGrid policy(SweepResult r, String name) {
        List<String> labels = r.choiceLabels().get(name);
        int states = r.numStates();
        int shown = Math.min(states, MAX_PANELS);
        List<BetaChart> panels = new ArrayList<>();
        String who = switch (name) {
            case "agent" -> "agent's policy";
            case "opponent" -> "opponent's policy";
            case "policy" -> "policy";
            default -> "policy of " + name;
        };
        for (int s = 0; s < shown; s++) {
            List<BetaChart.Curve> layers = new ArrayList<>();
            for (int a = 0; a < labels.size(); a++) {
                double[] y = new double[r.values().length];
                for (int i = 0; i < y.length; i++) {
                    y[i] = r.policy(name, i)[s][a];
                }
                layers.add(new BetaChart.Curve(labels.get(a), y));
            }
            panels.add(new BetaChart(BetaChart.Kind.STACKED, "state " + r.stateLabels().get(s), axisTitle(r.parameter()),
                    "\u03c0(a | s)", r.values(), layers, false));
        }
        int columns = shown <= 1 ? 1 : 2;
        String title = r.algorithm() + " on " + model(r) + ": " + who + " over " + r.parameter()
                + (shown < states ? " (first " + shown + " of " + states + " states)" : "");
        return new ChartGrid(title, panels, columns, shown == 1 ? 900 : 560, 400, labels, true);
    }
}
