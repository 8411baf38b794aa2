package org.memarl.algorithms.belief;

import org.memarl.model.DecPomdp;
import org.memarl.model.Pomdp;
import org.memarl.model.TransitionMatrix;

/**
 * One step of the hidden-state filter, in the form both filters use: a weight {@code g(s)} of the
 * current state (the likelihood of what was seen at time t given s_t, e.g. of the public actions under
 * the agents' policy), a transition kernel {@code K(s' | s)} and a weight {@code h(s')} of the next
 * state (the likelihood of the next observation). The exact filter is
 * <pre>
 *   p(y_t | y_{&lt;t}) = sum_s B(s) g(s) sum_s' K(s'|s) h(s'),    B'(s') = sum_s B(s) g(s) K(s'|s) h(s') / p(y_t | y_{&lt;t})
 * </pre>
 * Immutable (arrays copied in).
 */
public final class FilterStep {
    private final int n;
    private final double[] g;
    private final double[] k;
    private final double[] h;

    /** Rounding allowed above 1 in g and h and in the row sums of K (that of the model readers). */
    static final double TOLERANCE = TransitionMatrix.ROW_SUM_TOLERANCE;

    /**
     * @param g {@code g(s)}, n entries in [0, 1]
     * @param k {@code K(s' | s)} as {@code k[s*n + s']}, entries in [0, 1], rows summing to 1
     * @param h {@code h(s')}, n entries in [0, 1]
     * @throws IllegalArgumentException naming the array, the index and the value when a shape or an entry is
     *     wrong (entries may exceed 1, and row sums differ from 1, by {@link #TOLERANCE} for rounding)
     */
    public FilterStep(double[] g, double[] k, double[] h) {
        this.n = g.length;
        if (n < 1 || h.length != n || k.length != n * n) {
            throw new org.memarl.InvalidModelException("filter step: g has " + n + " entries, h " + h.length + ", K " + k.length
                    + "; expected n >= 1, n and n * n");
        }
        for (int s = 0; s < n; s++) {
            checkUnit("g", s, g[s]);
            checkUnit("h", s, h[s]);
            double sum = 0.0;
            for (int s2 = 0; s2 < n; s2++) {
                checkUnit("K", s * n + s2, k[s * n + s2]);
                sum += k[s * n + s2];
            }
            if (Math.abs(sum - 1.0) > TOLERANCE) {
                throw new org.memarl.InvalidModelException("filter step: row " + s + " of K sums to " + sum
                        + ", expected 1 (tolerance " + TransitionMatrix.ROW_SUM_TOLERANCE_TEXT + ")");
            }
        }
        this.g = g.clone();
        this.k = k.clone();
        this.h = h.clone();
    }

    private static void checkUnit(String name, int i, double x) {
        if (!(x >= 0.0 && x <= 1.0 + TOLERANCE)) {
            throw new org.memarl.InvalidModelException("filter step: " + name + "[" + i + "] = " + x + " is not in [0, 1]");
        }
    }

    public int numStates() {
        return n;
    }

    public double g(int s) {
        return g[s];
    }

    public double k(int s, int s2) {
        return k[s * n + s2];
    }

    public double h(int s2) {
        return h[s2];
    }

    /** The step of a POMDP after action a and observation o: g = 1, K = T(.|., a), h(s') = U(o | s', a). */
    public static FilterStep of(Pomdp m, int a, int o) {
        int n = m.numStates();
        double[] g = new double[n];
        double[] k = new double[n * n];
        double[] h = new double[n];
        for (int s = 0; s < n; s++) {
            g[s] = 1.0;
            h[s] = m.observation(s, a, o);
            for (int s2 = 0; s2 < n; s2++) {
                k[s * n + s2] = m.transition(s, a, s2);
            }
        }
        return new FilterStep(g, k, h);
    }

    /**
     * The step of a Dec-POMDP after the public joint action (a0, a1) and public signal z, when agent i plays
     * {@code policy[i][o][a]} given its private observation o: {@code g(s) = prod_i sum_o O^i(o|s) policy[i][o][a_i]},
     * {@code K = T(. | ., a)}, {@code h(s') = Z(z | s')}.
     */
    public static FilterStep of(DecPomdp m, double[][][] policy, int a0, int a1, int z) {
        int n = m.numStates();
        int j = m.joint(a0, a1);
        int[] a = {a0, a1};
        double[] g = new double[n];
        double[] k = new double[n * n];
        double[] h = new double[n];
        for (int s = 0; s < n; s++) {
            double w = 1.0;
            for (int i = 0; i < 2; i++) {
                DecPomdp.Agent ag = m.agent(i);
                double p = 0.0;
                for (int o = 0; o < ag.numObservations(); o++) {
                    p += ag.observation(s, o) * policy[i][o][a[i]];
                }
                w *= p;
            }
            g[s] = w;
            h[s] = m.publicObservation(s, z);
            for (int s2 = 0; s2 < n; s2++) {
                k[s * n + s2] = m.transition(s, j, s2);
            }
        }
        return new FilterStep(g, k, h);
    }
}
