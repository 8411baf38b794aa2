package org.memarl.model;

import java.util.Arrays;
import org.memarl.InvalidModelException;

/**
 * The option priors of one agent (thesis (4.1)-(4.3), chapter 4): {@code m} options z, and for every
 * state s
 * <ul>
 *   <li>the low-level action prior {@code P(a | s, z)} of each option ({@code actionPrior[z][s][a]});</li>
 *   <li>the termination prior {@code P^T(b = 1 | s, z_prev)}: the probability of terminating the
 *       running option z_prev and letting the master choose anew ({@code terminationPrior[s][z]});</li>
 *   <li>the master prior {@code P^H(z | s)} of the option chosen on termination ({@code masterPrior[s][z]};
 *       the thesis's (4.3) is the uniform 1/m), which is also the distribution of the initial option z_0
 *       of (4.1).</li>
 * </ul>
 * Immutable and validated on construction: every probability in [0, 1], every distribution row sums
 * to 1 within {@link TransitionMatrix#ROW_SUM_TOLERANCE}; messages name the key ({@code options.} plus
 * the given prefix), the indices and the value.
 */
public final class OptionSpec {
    private final int options;
    private final int states;
    private final int actions;
    /** index (z * S + s) * A + a. */
    private final double[] actionPrior;
    /** index s * m + z: P^T(b = 1 | s, z). */
    private final double[] termination;
    /** index s * m + z: P^H(z | s). */
    private final double[] master;
    private final java.util.List<String> names;

    private OptionSpec(int options, int states, int actions, double[] actionPrior, double[] termination, double[] master,
                       java.util.List<String> names) {
        this.names = names;
        this.options = options;
        this.states = states;
        this.actions = actions;
        this.actionPrior = actionPrior;
        this.termination = termination;
        this.master = master;
    }

    /**
     * Validates and builds an option specification.
     *
     * @param key          key prefix for messages, e.g. {@code "options"} or {@code "options.agent"}
     * @param m            number of options, at least 1
     * @param states       number of states S
     * @param actions      number of actions A of this agent
     * @param actionPrior  {@code [z][s][a]}, or null: every option uses {@code basePrior}
     * @param basePrior    the model's action prior as a flat {@code [s * A + a]} array (used when actionPrior is null)
     * @param termination  {@code [s][z]} probabilities of b = 1, or null: {@code terminationAll} everywhere
     * @param terminationAll the termination probability used when termination is null (0.5 by default)
     * @param master       {@code [s][z]} distributions, or null: uniform 1/m
     */
    public static OptionSpec of(String key, int m, int states, int actions, double[][][] actionPrior, double[] basePrior,
                                double[][] termination, double terminationAll, double[][] master) {
        if (m < 1) {
            throw new InvalidModelException(key + ".count: " + m + " is not a positive number of options");
        }
        double[] ap = new double[m * states * actions];
        if (actionPrior == null) {
            if (basePrior.length != states * actions) {
                throw new org.memarl.InvalidModelException("basePrior: length " + basePrior.length);
            }
            for (int z = 0; z < m; z++) {
                System.arraycopy(basePrior, 0, ap, z * states * actions, states * actions);
            }
        } else {
            String k = key + ".actionPrior";
            if (actionPrior.length != m) {
                throw new InvalidModelException(k + ": " + actionPrior.length + " entries, expected " + m + " (one per option)");
            }
            for (int z = 0; z < m; z++) {
                if (actionPrior[z] == null || actionPrior[z].length != states) {
                    throw new InvalidModelException(k + "[" + z + "]: " + (actionPrior[z] == null ? 0 : actionPrior[z].length)
                            + " entries, expected " + states + " (one per state)");
                }
                for (int s = 0; s < states; s++) {
                    double[] row = actionPrior[z][s];
                    if (row == null || row.length != actions) {
                        throw new InvalidModelException(k + "[" + z + "][" + s + "]: " + (row == null ? 0 : row.length)
                                + " entries, expected " + actions + " (one per action)");
                    }
                    distribution(k, "[" + z + "][" + s + "]", row);
                    System.arraycopy(row, 0, ap, (z * states + s) * actions, actions);
                }
            }
        }
        double[] term = new double[states * m];
        if (termination == null) {
            probability(key + ".terminationPrior", "", terminationAll);
            Arrays.fill(term, terminationAll);
        } else {
            String k = key + ".terminationPrior";
            rows(k, termination, states, m);
            for (int s = 0; s < states; s++) {
                for (int z = 0; z < m; z++) {
                    probability(k, "[" + s + "][" + z + "]", termination[s][z]);
                    term[s * m + z] = termination[s][z];
                }
            }
        }
        double[] mp = new double[states * m];
        if (master == null) {
            Arrays.fill(mp, 1.0 / m);
        } else {
            String k = key + ".masterPrior";
            rows(k, master, states, m);
            for (int s = 0; s < states; s++) {
                distribution(k, "[" + s + "]", master[s]);
                System.arraycopy(master[s], 0, mp, s * m, m);
            }
        }
        return new OptionSpec(m, states, actions, ap, term, mp, Mdp.indexNames(m));
    }

    /** This specification with option names (m distinct non-empty names, e.g. for plots and results). */
    public OptionSpec withNames(String key, java.util.List<String> optionNames) {
        if (optionNames.size() != options) {
            throw new InvalidModelException(key + ".names: " + optionNames.size() + " names, expected " + options
                    + " (one per option, as \"count\")");
        }
        Mdp.checkDistinct(key + ".names", optionNames);
        return new OptionSpec(options, states, actions, actionPrior, termination, master, java.util.List.copyOf(optionNames));
    }

    /** The option names ("0" .. "m-1" unless the model named them). */
    public java.util.List<String> names() {
        return names;
    }

    /** Whether the names differ from the default indices. */
    public boolean named() {
        return !names.equals(Mdp.indexNames(options));
    }

    private static void rows(String k, double[][] x, int states, int m) {
        if (x.length != states) {
            throw new InvalidModelException(k + ": " + x.length + " rows, expected " + states + " (one per state)");
        }
        for (int s = 0; s < states; s++) {
            if (x[s] == null || x[s].length != m) {
                throw new InvalidModelException(k + "[" + s + "]: " + (x[s] == null ? 0 : x[s].length) + " entries, expected "
                        + m + " (one per option)");
            }
        }
    }

    private static void probability(String key, String index, double p) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new InvalidModelException(key + index + ": probability " + Fmt.num(p) + " is not in [0, 1]");
        }
    }

    private static void distribution(String key, String index, double[] p) {
        Mdp.checkDistribution(key, index, p);
    }

    /** Number of options m. */
    public int count() {
        return options;
    }

    public int numStates() {
        return states;
    }

    public int numActions() {
        return actions;
    }

    /** {@code P(a | s, z)}. */
    public double actionPrior(int z, int s, int a) {
        return actionPrior[(z * states + s) * actions + a];
    }

    /** The flat action prior, index {@code (z * S + s) * A + a} (a copy). */
    public double[] actionPriorFlat() {
        return actionPrior.clone();
    }

    /** {@code P^T(b = 1 | s, z_prev)}. */
    public double termination(int s, int z) {
        return termination[s * options + z];
    }

    /** The flat termination probabilities, index {@code s * m + z} (a copy). */
    public double[] terminationFlat() {
        return termination.clone();
    }

    /** {@code P^H(z | s)}. */
    public double master(int s, int z) {
        return master[s * options + z];
    }

    /** The flat master prior, index {@code s * m + z} (a copy). */
    public double[] masterFlat() {
        return master.clone();
    }

    /** {@code actionPrior[z][s][a]} as nested arrays (for writing). */
    public double[][][] actionPrior3d() {
        double[][][] out = new double[options][states][actions];
        for (int z = 0; z < options; z++) {
            for (int s = 0; s < states; s++) {
                System.arraycopy(actionPrior, (z * states + s) * actions, out[z][s], 0, actions);
            }
        }
        return out;
    }

    /** {@code terminationPrior[s][z]} as nested arrays. */
    public double[][] termination2d() {
        return unflatten(termination, states, options);
    }

    /** {@code masterPrior[s][z]} as nested arrays. */
    public double[][] master2d() {
        return unflatten(master, states, options);
    }

    private static double[][] unflatten(double[] x, int rows, int cols) {
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(x, i * cols, out[i], 0, cols);
        }
        return out;
    }
}
