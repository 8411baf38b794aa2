package org.memarl.testing;

/**
 * Shared tolerances of the tests, all scaled by the magnitude of what is compared: a number of
 * machine epsilons times the largest value involved, or a solver's stated tolerance plus such a
 * rounding allowance. No test uses a loose absolute constant.
 */
public final class Tolerance {
    /** The machine epsilon 2^-52. */
    public static final double EPS = Math.ulp(1.0);

    private Tolerance() {
    }

    /** {@code k} epsilons times the largest magnitude among {@code scales} (at least the smallest normal). */
    public static double ulps(double k, double... scales) {
        double m = 0.0;
        for (double s : scales) {
            if (Double.isFinite(s)) {
                m = Math.max(m, Math.abs(s));
            }
        }
        return k * EPS * Math.max(m, Double.MIN_NORMAL);
    }

    /** Largest finite magnitude of the entries (0 for none). */
    public static double maxAbs(double[] x) {
        double m = 0.0;
        for (double v : x) {
            if (Double.isFinite(v)) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }

    /** Largest finite magnitude of the entries of a table. */
    public static double maxAbs(double[][] x) {
        double m = 0.0;
        for (double[] row : x) {
            m = Math.max(m, maxAbs(row));
        }
        return m;
    }

    /** Sup-norm distance. */
    public static double supDistance(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("lengths " + a.length + " and " + b.length);
        }
        double d = 0.0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    /** Sup-norm distance of tables. */
    public static double supDistance(double[][] a, double[][] b) {
        double d = 0.0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, supDistance(a[i], b[i]));
        }
        return d;
    }

    /**
     * Rounding allowance of a discounted linear solve or of a converged value iteration whose values
     * are bounded by {@code maxReward / (1 - gamma)}: {@code k} epsilons times that bound times the
     * condition factor {@code 1 / (1 - gamma)} of {@code I - gamma P}.
     */
    public static double discounted(double k, double maxReward, double gamma) {
        double c = 1.0 / (1.0 - gamma);
        return k * EPS * Math.max(maxReward, Double.MIN_NORMAL) * c * c;
    }
}
