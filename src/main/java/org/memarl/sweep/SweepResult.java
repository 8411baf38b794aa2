package org.memarl.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.memarl.solve.Section;

/**
 * The result of a {@link BetaSweep}: one run of an algorithm per value of an inverse temperature. Immutable (arrays
 * are copied in and out).
 *
 * @param algorithm the algorithm's command-line name
 * @param modelName the model's name (may be empty)
 * @param modelSha256 the SHA-256 of the model file's bytes (may be empty)
 * @param parameter the varied inverse temperature: {@code beta}, {@code beta-agent}, {@code beta-opponent}, or a
 *        declared chain's parameter {@code $name}
 * @param fixed the other parameters of the runs (gamma, the other player's beta, tolerance, ...), in order
 * @param values the grid, ascending (infinities allowed)
 * @param V {@code V[i][s]}, the value of state {@code s} at {@code values[i]} (reward units)
 * @param policies per policy name ({@code policy} for an MDP, {@code agent} and {@code opponent} for a game)
 *        {@code [i][s][a]}
 * @param stateLabels the states' names, or {@code s1, s2, ...} where the model gives none
 * @param choiceLabels per policy name, the labels of its choices (actions: names, or {@code a1, ...}, the
 *        opponent's {@code b1, ...})
 * @param names the model's own names as written in result files (null when it names nothing)
 * @param converged per value, whether the run met its stopping rule
 * @param iterations per value, the run's iterations
 * @param errorBound per value, the run's guaranteed sup-norm error bound
 */
public record SweepResult(String algorithm, String modelName, String modelSha256, String parameter,
                          Map<String, Object> fixed, double[] values, double[][] V, Map<String, double[][][]> policies,
                          List<String> stateLabels, Map<String, List<String>> choiceLabels, Section names,
                          boolean[] converged, int[] iterations, double[] errorBound) {
    public SweepResult {
        fixed = Collections.unmodifiableMap(new LinkedHashMap<>(fixed));
        values = values.clone();
        V = copy(V);
        Map<String, double[][][]> p = new LinkedHashMap<>();
        policies.forEach((k, v) -> {
            double[][][] c = new double[v.length][][];
            for (int i = 0; i < v.length; i++) {
                c[i] = copy(v[i]);
            }
            p.put(k, c);
        });
        policies = Collections.unmodifiableMap(p);
        stateLabels = List.copyOf(stateLabels);
        Map<String, List<String>> cl = new LinkedHashMap<>();
        choiceLabels.forEach((k, v) -> cl.put(k, List.copyOf(v)));
        choiceLabels = Collections.unmodifiableMap(cl);
        converged = converged.clone();
        iterations = iterations.clone();
        errorBound = errorBound.clone();
        int n = values.length;
        if (V.length != n || converged.length != n || iterations.length != n || errorBound.length != n) {
            throw new org.memarl.MemarlException("sweep: " + n + " values but " + V.length + " rows of V");
        }
        for (double[][][] pol : policies.values()) {
            if (pol.length != n) {
                throw new org.memarl.MemarlException("sweep: " + n + " values but " + pol.length + " policies");
            }
        }
    }

    static double[][] copy(double[][] x) {
        double[][] c = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            c[i] = x[i].clone();
        }
        return c;
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public double[][] V() {
        return copy(V);
    }

    /** The policy {@code name} at the {@code i}-th value, {@code [s][a]} (a copy). */
    public double[][] policy(String name, int i) {
        double[][][] p = policies.get(name);
        if (p == null) {
            throw new org.memarl.MemarlException("sweep: no policy \"" + name + "\" (policies: "
                    + String.join(", ", policies.keySet()) + ")");
        }
        return copy(p[i]);
    }

    @Override
    public boolean[] converged() {
        return converged.clone();
    }

    @Override
    public int[] iterations() {
        return iterations.clone();
    }

    @Override
    public double[] errorBound() {
        return errorBound.clone();
    }

    /** Whether every run met its stopping rule. */
    public boolean allConverged() {
        for (boolean c : converged) {
            if (!c) {
                return false;
            }
        }
        return true;
    }

    /** The number of states. */
    public int numStates() {
        return V.length == 0 ? 0 : V[0].length;
    }
}
