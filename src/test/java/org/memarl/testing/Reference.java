package org.memarl.testing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.memarl.model.Mdp;

/**
 * Independent reference computations for the tests, written without the library's kernel: the soft
 * extremum in {@link BigDecimal} arithmetic (exp by halving and Taylor series, log by Newton's
 * method), Gaussian elimination with partial pivoting, exact policy values, Bellman residuals and
 * optimal values by enumerating every deterministic policy. Reads models only through their data
 * accessors ({@code reward}, {@code prior}, {@code transitions().get}).
 */
public final class Reference {
    /** Significant digits of the BigDecimal reference when |beta| * range is not small. */
    public static final int DIGITS = 40;

    private Reference() {
    }

    // ------------------------------------------------------------------ BigDecimal exp and log

    /** e^x to {@code digits} significant digits. */
    public static BigDecimal exp(BigDecimal x, int digits) {
        if (x.signum() == 0) {
            return BigDecimal.ONE;
        }
        if (x.signum() < 0) {
            BigDecimal e = exp(x.negate(), digits + 5);
            return BigDecimal.ONE.divide(e, new MathContext(digits, RoundingMode.HALF_EVEN));
        }
        double xd = x.doubleValue();
        int k = xd > 1e-3 ? (int) Math.ceil(Math.log(xd / 1e-3) / Math.log(2.0)) : 0;
        int work = digits + (int) Math.ceil(k * 0.30103) + 10;
        MathContext mc = new MathContext(work, RoundingMode.HALF_EVEN);
        BigDecimal r = x.divide(BigDecimal.valueOf(2).pow(k), mc);
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        BigDecimal threshold = BigDecimal.ONE.movePointLeft(work + 2);
        for (int n = 1; n < 10_000; n++) {
            term = term.multiply(r, mc).divide(BigDecimal.valueOf(n), mc);
            sum = sum.add(term, mc);
            if (term.abs().compareTo(threshold) < 0) {
                break;
            }
        }
        for (int i = 0; i < k; i++) {
            sum = sum.multiply(sum, mc);
        }
        return sum.round(new MathContext(digits, RoundingMode.HALF_EVEN));
    }

    /** Natural log of y &gt; 0 to {@code digits} significant digits (Newton on exp). */
    public static BigDecimal log(BigDecimal y, int digits) {
        if (y.signum() <= 0) {
            throw new IllegalArgumentException("log of " + y);
        }
        int work = digits + 10;
        MathContext mc = new MathContext(work, RoundingMode.HALF_EVEN);
        BigDecimal ym1 = y.subtract(BigDecimal.ONE);
        double z0;
        if (ym1.abs().compareTo(new BigDecimal("0.5")) < 0) {
            z0 = Math.log1p(ym1.doubleValue());
        } else {
            int e = y.precision() - y.scale() - 1;
            double m = y.movePointLeft(e).doubleValue();
            z0 = Math.log(m) + e * Math.log(10.0);
        }
        BigDecimal z = new BigDecimal(z0);
        for (int it = 0; it < 200; it++) {
            BigDecimal delta = y.multiply(exp(z.negate(), work), mc).subtract(BigDecimal.ONE, mc);
            z = z.add(delta, mc);
            if (delta.signum() == 0) {
                break;
            }
            BigDecimal scale = z.abs().max(BigDecimal.ONE.movePointLeft(100_000));
            if (delta.abs().compareTo(scale.movePointLeft(digits + 4)) < 0) {
                break;
            }
        }
        return z.round(new MathContext(digits, RoundingMode.HALF_EVEN));
    }

    // ------------------------------------------------------------------ the soft extremum

    /**
     * {@code (1/beta) log sum_i p_i exp(beta f_i) / sum_i p_i} over the support of p (null = uniform),
     * evaluated in BigDecimal with the digits needed for the given |beta| * range, rounded to double.
     * beta = +-inf: max / min over the support; beta = 0: the exact prior mean. f in the support must be
     * finite.
     */
    public static double softExtremum(double beta, double[] f, double[] p) {
        BigDecimal[] fb = new BigDecimal[f.length];
        for (int i = 0; i < f.length; i++) {
            double w = p == null ? 1.0 : p[i];
            fb[i] = w > 0.0 ? new BigDecimal(f[i]) : null;
        }
        return softExtremumBig(beta, fb, p).doubleValue();
    }

    /** As {@link #softExtremum} on exact BigDecimal values (entries outside the support may be null). */
    public static BigDecimal softExtremumBig(double beta, BigDecimal[] f, double[] p) {
        if (Double.isNaN(beta)) {
            throw new IllegalArgumentException("beta NaN");
        }
        BigDecimal z = BigDecimal.ZERO;
        BigDecimal hi = null;
        BigDecimal lo = null;
        for (int i = 0; i < f.length; i++) {
            double w = p == null ? 1.0 : p[i];
            if (w > 0.0) {
                z = z.add(new BigDecimal(w));
                hi = hi == null || f[i].compareTo(hi) > 0 ? f[i] : hi;
                lo = lo == null || f[i].compareTo(lo) < 0 ? f[i] : lo;
            }
        }
        if (z.signum() == 0) {
            throw new IllegalArgumentException("empty support");
        }
        if (beta == Double.POSITIVE_INFINITY) {
            return hi;
        }
        if (beta == Double.NEGATIVE_INFINITY) {
            return lo;
        }
        MathContext mc = new MathContext(DIGITS + 10, RoundingMode.HALF_EVEN);
        if (beta == 0.0 || hi.compareTo(lo) == 0) {
            if (hi.compareTo(lo) == 0) {
                return hi;
            }
            BigDecimal s = BigDecimal.ZERO;
            for (int i = 0; i < f.length; i++) {
                double w = p == null ? 1.0 : p[i];
                if (w > 0.0) {
                    s = s.add(new BigDecimal(w).multiply(f[i]));
                }
            }
            return s.divide(z, mc);
        }
        double br = Math.abs(beta) * hi.subtract(lo).doubleValue();
        int digits = DIGITS + (br < 1.0 ? (int) Math.ceil(-Math.log10(br)) : 0);
        MathContext wmc = new MathContext(digits + 10, RoundingMode.HALF_EVEN);
        BigDecimal b = new BigDecimal(beta);
        BigDecimal best = beta > 0.0 ? hi : lo;
        BigDecimal s = BigDecimal.ZERO;
        for (int i = 0; i < f.length; i++) {
            double w = p == null ? 1.0 : p[i];
            if (w > 0.0) {
                BigDecimal arg = b.multiply(f[i].subtract(best), wmc);
                s = s.add(new BigDecimal(w).multiply(exp(arg, digits + 5), wmc), wmc);
            }
        }
        s = s.divide(z, wmc);
        return best.add(log(s, digits + 5).divide(b, wmc), mc);
    }

    /**
     * The two-point closed form {@code (1/beta) log(p e^{beta x} + (1 - p) e^{beta y})}, evaluated
     * literally (no shift) in BigDecimal. For finite nonzero beta.
     */
    public static double twoPoint(double beta, double p, double x, double y) {
        int digits = DIGITS + (int) Math.max(0, Math.ceil(-Math.log10(Math.abs(beta) * Math.abs(x - y) + 1e-300)));
        MathContext mc = new MathContext(digits + 10, RoundingMode.HALF_EVEN);
        BigDecimal b = new BigDecimal(beta);
        BigDecimal bp = new BigDecimal(p);
        BigDecimal ex = exp(b.multiply(new BigDecimal(x)), digits + 10);
        BigDecimal ey = exp(b.multiply(new BigDecimal(y)), digits + 10);
        BigDecimal sum = bp.multiply(ex, mc).add(BigDecimal.ONE.subtract(bp).multiply(ey, mc), mc);
        return log(sum, digits + 5).divide(b, mc).doubleValue();
    }

    /** Boltzmann policy {@code p_i exp(beta f_i) / sum_j p_j exp(beta f_j)} in BigDecimal, finite nonzero beta. */
    public static double[] boltzmann(double beta, double[] f, double[] p) {
        int n = f.length;
        BigDecimal[] w = new BigDecimal[n];
        double best = Double.NaN;
        for (int i = 0; i < n; i++) {
            double pi = p == null ? 1.0 : p[i];
            if (pi > 0.0 && (Double.isNaN(best) || (beta > 0 ? f[i] > best : f[i] < best))) {
                best = f[i];
            }
        }
        MathContext mc = new MathContext(DIGITS + 10, RoundingMode.HALF_EVEN);
        BigDecimal z = BigDecimal.ZERO;
        BigDecimal b = new BigDecimal(beta);
        for (int i = 0; i < n; i++) {
            double pi = p == null ? 1.0 : p[i];
            if (pi > 0.0) {
                w[i] = new BigDecimal(pi).multiply(exp(b.multiply(new BigDecimal(f[i]).subtract(new BigDecimal(best))),
                        DIGITS + 10), mc);
            } else {
                w[i] = BigDecimal.ZERO;
            }
            z = z.add(w[i], mc);
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = w[i].divide(z, mc).doubleValue();
        }
        return out;
    }

    /** The Boltzmann policy in double, shifted by the extremum (fast; for iterating, not for reference values). */
    static double[] boltzmannDouble(double beta, double[] f, double[] p) {
        int n = f.length;
        double best = Double.NaN;
        for (int i = 0; i < n; i++) {
            if (p[i] > 0.0 && (Double.isNaN(best) || (beta > 0 ? f[i] > best : f[i] < best))) {
                best = f[i];
            }
        }
        double[] out = new double[n];
        double z = 0;
        for (int i = 0; i < n; i++) {
            out[i] = p[i] > 0.0 ? p[i] * Math.exp(beta * (f[i] - best)) : 0.0;
            z += out[i];
        }
        for (int i = 0; i < n; i++) {
            out[i] /= z;
        }
        return out;
    }

    // ------------------------------------------------------------------ linear algebra

    /** Solves {@code A x = b} by Gaussian elimination with partial pivoting (copies its inputs). */
    public static double[] solve(double[][] a0, double[] b0) {
        int n = b0.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = a0[i].clone();
        }
        double[] b = b0.clone();
        for (int col = 0; col < n; col++) {
            int piv = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
                    piv = r;
                }
            }
            if (a[piv][col] == 0.0) {
                throw new ArithmeticException("singular at column " + col);
            }
            double[] t = a[col];
            a[col] = a[piv];
            a[piv] = t;
            double tb = b[col];
            b[col] = b[piv];
            b[piv] = tb;
            for (int r = col + 1; r < n; r++) {
                double f = a[r][col] / a[col][col];
                if (f != 0.0) {
                    for (int c = col; c < n; c++) {
                        a[r][c] -= f * a[col][c];
                    }
                    b[r] -= f * b[col];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int c = r + 1; c < n; c++) {
                s -= a[r][c] * x[c];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }

    // ------------------------------------------------------------------ MDPs

    /** Dense copy {@code T[s][a][s']}. */
    public static double[][][] transitions(Mdp mdp) {
        int n = mdp.numStates();
        int m = mdp.numActions();
        double[][][] t = new double[n][m][n];
        for (int s = 0; s < n; s++) {
            for (int a = 0; a < m; a++) {
                for (int s2 = 0; s2 < n; s2++) {
                    t[s][a][s2] = mdp.transitions().get(mdp.row(s, a), s2);
                }
            }
        }
        return t;
    }

    /** The prior normalised per state. */
    public static double[][] prior(Mdp mdp) {
        int n = mdp.numStates();
        int m = mdp.numActions();
        double[][] p = new double[n][m];
        for (int s = 0; s < n; s++) {
            double z = 0.0;
            for (int a = 0; a < m; a++) {
                z += mdp.prior(s, a);
            }
            for (int a = 0; a < m; a++) {
                p[s][a] = mdp.prior(s, a) / z;
            }
        }
        return p;
    }

    /** {@code Q(s, a) = r(s, a) + gamma sum_s' T(s'|s,a) V(s')} in double. */
    public static double[][] q(Mdp mdp, double[] v) {
        double[][][] t = transitions(mdp);
        int n = mdp.numStates();
        int m = mdp.numActions();
        double[][] q = new double[n][m];
        for (int s = 0; s < n; s++) {
            for (int a = 0; a < m; a++) {
                double e = 0.0;
                for (int s2 = 0; s2 < n; s2++) {
                    e += t[s][a][s2] * v[s2];
                }
                q[s][a] = mdp.reward(s, a) + mdp.gamma() * e;
            }
        }
        return q;
    }

    /**
     * The soft Bellman optimality operator {@code (B V)(s) = M_a^beta[r + gamma T V | P]}, with Q formed
     * exactly in BigDecimal and the soft extremum in BigDecimal: accurate to the last bit of a double.
     */
    public static double[] bellman(Mdp mdp, double beta, double[] v) {
        int n = mdp.numStates();
        int m = mdp.numActions();
        BigDecimal g = new BigDecimal(mdp.gamma());
        double[] out = new double[n];
        for (int s = 0; s < n; s++) {
            BigDecimal[] q = new BigDecimal[m];
            double[] p = new double[m];
            for (int a = 0; a < m; a++) {
                p[a] = mdp.prior(s, a);
                BigDecimal e = BigDecimal.ZERO;
                for (int s2 = 0; s2 < n; s2++) {
                    double t = mdp.transitions().get(mdp.row(s, a), s2);
                    if (t != 0.0) {
                        e = e.add(new BigDecimal(t).multiply(new BigDecimal(v[s2])));
                    }
                }
                q[a] = new BigDecimal(mdp.reward(s, a)).add(g.multiply(e));
            }
            out[s] = softExtremumBig(beta, q, p).doubleValue();
        }
        return out;
    }

    /** {@code ||B V - V||_inf} with the reference operator {@link #bellman}. */
    public static double bellmanResidual(Mdp mdp, double beta, double[] v) {
        return Tolerance.supDistance(bellman(mdp, beta, v), v);
    }

    /**
     * Exact values of a stationary policy, soft when beta is finite:
     * {@code V = r_pi + gamma P_pi V} with {@code r_pi(s) = sum_a pi [r - (1/beta) log(pi / P)]}, by
     * Gaussian elimination. For gamma = 1 the states that are absorbing under pi (self-loop with
     * probability 1 and zero regularised reward) are fixed at 0 and the rest is solved.
     */
    public static double[] policyValues(Mdp mdp, double[][] pi, double beta) {
        int n = mdp.numStates();
        int m = mdp.numActions();
        double g = mdp.gamma();
        double[][][] t = transitions(mdp);
        double[][] prior = prior(mdp);
        double[] r = new double[n];
        double[][] p = new double[n][n];
        for (int s = 0; s < n; s++) {
            for (int a = 0; a < m; a++) {
                double w = pi[s][a];
                if (w > 0.0) {
                    // beta = 0 evaluates only the prior itself (no KL term)
                    double kl = Double.isInfinite(beta) || beta == 0.0 ? 0.0 : Math.log(w / prior[s][a]) / beta;
                    r[s] += w * (mdp.reward(s, a) - kl);
                    for (int s2 = 0; s2 < n; s2++) {
                        p[s][s2] += w * t[s][a][s2];
                    }
                }
            }
        }
        boolean[] fixed = new boolean[n];
        if (g == 1.0) {
            for (int s = 0; s < n; s++) {
                fixed[s] = p[s][s] == 1.0 && r[s] == 0.0;
            }
        }
        int[] idx = new int[n];
        int k = 0;
        for (int s = 0; s < n; s++) {
            idx[s] = fixed[s] ? -1 : k++;
        }
        double[][] a = new double[k][k];
        double[] b = new double[k];
        for (int s = 0; s < n; s++) {
            if (idx[s] < 0) {
                continue;
            }
            b[idx[s]] = r[s];
            for (int s2 = 0; s2 < n; s2++) {
                if (idx[s2] >= 0) {
                    a[idx[s]][idx[s2]] = (s == s2 ? 1.0 : 0.0) - g * p[s][s2];
                }
            }
        }
        double[] x = solve(a, b);
        double[] v = new double[n];
        for (int s = 0; s < n; s++) {
            v[s] = idx[s] < 0 ? 0.0 : x[idx[s]];
        }
        return v;
    }

    /** Number of deterministic policies within the prior's support. */
    public static long deterministicPolicyCount(Mdp mdp) {
        long c = 1;
        for (int s = 0; s < mdp.numStates(); s++) {
            int k = 0;
            for (int a = 0; a < mdp.numActions(); a++) {
                if (mdp.prior(s, a) > 0.0) {
                    k++;
                }
            }
            c = Math.multiplyExact(c, k);
        }
        return c;
    }

    /**
     * Optimal (beta = +inf) or pessimal (beta = -inf) values by enumerating every deterministic
     * stationary policy within the prior's support, evaluating each exactly, and taking the
     * state-wise max (min): an optimal stationary deterministic policy attains it in every state.
     */
    public static double[] extremeByEnumeration(Mdp mdp, boolean maximise) {
        int n = mdp.numStates();
        int m = mdp.numActions();
        int[] act = new int[n];
        double[] best = new double[n];
        java.util.Arrays.fill(best, maximise ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        for (int s = 0; s < n; s++) {
            act[s] = nextInSupport(mdp, s, -1);
        }
        while (true) {
            double[][] pi = new double[n][m];
            for (int s = 0; s < n; s++) {
                pi[s][act[s]] = 1.0;
            }
            double[] v = policyValues(mdp, pi, Double.POSITIVE_INFINITY);
            for (int s = 0; s < n; s++) {
                best[s] = maximise ? Math.max(best[s], v[s]) : Math.min(best[s], v[s]);
            }
            int s = 0;
            while (s < n) {
                int nx = nextInSupport(mdp, s, act[s]);
                if (nx >= 0) {
                    act[s] = nx;
                    break;
                }
                act[s] = nextInSupport(mdp, s, -1);
                s++;
            }
            if (s == n) {
                return best;
            }
        }
    }

    private static int nextInSupport(Mdp mdp, int s, int after) {
        for (int a = after + 1; a < mdp.numActions(); a++) {
            if (mdp.prior(s, a) > 0.0) {
                return a;
            }
        }
        return -1;
    }

    /**
     * Soft-optimal values by an independent soft policy iteration (Boltzmann improvement, exact
     * evaluation by {@link #policyValues}), stopped when the values change by no
     * more than a few ulps or after 200 rounds. Finite nonzero beta. Its accuracy is certified
     * separately by {@link #bellmanResidual}.
     */
    public static double[] softOptimalByPolicyIteration(Mdp mdp, double beta) {
        int n = mdp.numStates();
        double[][] prior = prior(mdp);
        double[] v = policyValues(mdp, prior, beta);
        for (int round = 0; round < 200; round++) {
            double[][] q = q(mdp, v);
            double[][] next = new double[n][];
            for (int s = 0; s < n; s++) {
                next[s] = boltzmannDouble(beta, q[s], prior[s]);
            }
            double[] w = policyValues(mdp, next, beta);
            double change = Tolerance.supDistance(w, v);
            v = w;
            if (change <= Tolerance.ulps(4, Tolerance.maxAbs(v))) {
                break;
            }
        }
        return v;
    }

    /**
     * A certified reference for the fixed point of the soft (beta finite) or hard (beta = +-inf) Bellman
     * optimality operator of a discounted model: {@code values} and a rigorous bound {@code error} on
     * their sup distance to the fixed point, {@code ||B V - V|| / (1 - gamma)} with the BigDecimal
     * operator.
     */
    public static final class Certified {
        public final double[] values;
        public final double error;

        Certified(double[] values, double error) {
            this.values = values;
            this.error = error;
        }
    }

    /** See {@link Certified}; hard values by enumeration when there are at most 4096 policies. gamma &lt; 1. */
    public static Certified optimum(Mdp mdp, double beta) {
        double[] v;
        if (Double.isInfinite(beta)) {
            v = deterministicPolicyCount(mdp) <= 4096 ? extremeByEnumeration(mdp, beta > 0) : greedyPolicyIteration(mdp, beta > 0);
        } else if (beta == 0.0) {
            v = policyValues(mdp, prior(mdp), 0.0);
        } else {
            v = softOptimalByPolicyIteration(mdp, beta);
        }
        double res = bellmanResidual(mdp, beta, v);
        return new Certified(v, res / (1.0 - mdp.gamma()));
    }

    /** Howard's policy iteration written out here (for models too large to enumerate). */
    public static double[] greedyPolicyIteration(Mdp mdp, boolean maximise) {
        int n = mdp.numStates();
        int m = mdp.numActions();
        int[] act = new int[n];
        for (int s = 0; s < n; s++) {
            act[s] = nextInSupport(mdp, s, -1);
        }
        double[] v = null;
        for (int round = 0; round < 1000; round++) {
            double[][] pi = new double[n][m];
            for (int s = 0; s < n; s++) {
                pi[s][act[s]] = 1.0;
            }
            v = policyValues(mdp, pi, Double.POSITIVE_INFINITY);
            double[][] q = q(mdp, v);
            boolean changed = false;
            for (int s = 0; s < n; s++) {
                for (int a = 0; a < m; a++) {
                    double gain = maximise ? q[s][a] - q[s][act[s]] : q[s][act[s]] - q[s][a];
                    if (mdp.prior(s, a) > 0 && gain > Tolerance.ulps(64, q[s][act[s]])) {
                        act[s] = a;
                        changed = true;
                    }
                }
            }
            if (!changed) {
                break;
            }
        }
        return v;
    }
}
