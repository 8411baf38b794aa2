package org.memarl.kernel;

/**
 * The prior-weighted soft extremum over one choice variable, the single reduction from which every
 * recursion of the thesis is built:
 *
 * <pre>
 *   M^beta[f | P] = (1/beta) log sum_x P(x) exp(beta f(x))          (P normalised over its support)
 *   M^{+inf}[f | P] = max over {x : P(x) &gt; 0} of f(x)
 *   M^{-inf}[f | P] = min over {x : P(x) &gt; 0} of f(x)
 *   M^0[f | P]      = sum_x P(x) f(x)
 * </pre>
 *
 * and its Boltzmann policy {@code pi(x) = P(x) exp(beta (f(x) - M))}, the maximiser (beta &gt; 0) or
 * minimiser (beta &lt; 0) of {@code E_pi[f] - (1/beta) KL(pi || P)} (thesis eqs. (2.46), (2.48)).
 *
 * <p>Numerics. Entries with zero prior mass are excluded (their f may be anything, even NaN or
 * infinite). The weights need not be normalised: they are divided by their sum. The sum is shifted
 * by the extremum f* of beta*f over the support, so no term overflows, and evaluated as
 * {@code f* + log1p(u)/beta} with {@code u = sum P expm1(beta (f - f*))} while {@code u > -1/2}
 * (no cancellation for small |beta|), as {@code f* + log(sum P exp(beta (f - f*)))/beta} otherwise
 * (no cancellation when the extremum's mass is small). When {@code |beta| * range(f)} is below
 * 1e-5 the cumulant series {@code mean + beta var/2 + beta^2 k3/6} is used, whose truncation error is
 * below 1e-16 relative to the range, so beta may approach 0 (even 1e-300) without underflow.
 * Values of f equal to -inf or +inf are handled exactly (an infinite extremum is returned as is).
 * |beta| up to and beyond 1e6 loses nothing: the shifted exponentials only underflow to 0.
 *
 * <p>All methods are allocation-free; they read {@code n} consecutive entries of {@code f} and
 * {@code p} starting at the given offsets. A {@code null} prior means uniform.
 */
public final class SoftExtremum {

    /** Below this value of |beta| * range(f) the cumulant series is exact to double precision. */
    static final double SERIES_THRESHOLD = 1e-5;
    /** At beta = 0 a KL divergence below this is rounding: the policy is the prior. */
    static final double KL_ROUNDING = 1e-12;

    private SoftExtremum() {
    }

    /**
     * Computes {@code M^beta[f | p]} over {@code n} entries.
     *
     * @param beta inverse temperature, any value but NaN ({@code +-Infinity} give max / min)
     * @param f values, read at {@code f[fOff .. fOff+n)}
     * @param p prior weights (nonnegative, positive and finite sum), read at {@code p[pOff .. pOff+n)}; {@code null} = uniform
     * @return the soft extremum, in the units of f
     * @throws org.memarl.InvalidModelException if beta is NaN, the prior has no positive mass, or an f in the
     *         support is NaN, or beta = 0 meets both +inf and -inf
     */
    public static double value(double beta, double[] f, int fOff, double[] p, int pOff, int n) {
        if (Double.isNaN(beta)) {
            throw new org.memarl.InvalidModelException("beta: NaN");
        }
        double z = 0.0;
        double hi = Double.NEGATIVE_INFINITY;
        double lo = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double w = p == null ? 1.0 : p[pOff + i];
            if (w > 0.0) {
                double x = f[fOff + i];
                if (Double.isNaN(x)) {
                    throw new org.memarl.InvalidModelException("value[" + i + "]: NaN");
                }
                z += w;
                if (x > hi) {
                    hi = x;
                }
                if (x < lo) {
                    lo = x;
                }
            }
        }
        if (!(z > 0.0)) {
            throw new org.memarl.InvalidModelException("prior: no positive mass among " + n + " entries");
        }
        if (beta == Double.POSITIVE_INFINITY) {
            return hi;
        }
        if (beta == Double.NEGATIVE_INFINITY) {
            return lo;
        }
        if (hi == lo) {
            return hi;
        }
        if (beta == 0.0 || Double.isInfinite(hi) || Double.isInfinite(lo)) {
            if (beta > 0.0 && Double.isInfinite(hi) && hi > 0) {
                return hi;
            }
            if (beta < 0.0 && Double.isInfinite(lo) && lo < 0) {
                return lo;
            }
            if (beta == 0.0) {
                if (hi == Double.POSITIVE_INFINITY && lo == Double.NEGATIVE_INFINITY) {
                    throw new org.memarl.InvalidModelException("beta = 0: expectation of +inf and -inf is undefined");
                }
                if (Double.isInfinite(hi)) {
                    return hi;
                }
                if (Double.isInfinite(lo)) {
                    return lo;
                }
                return mean(f, fOff, p, pOff, n, z, hi);
            }
            // beta > 0 with lo = -inf (hi finite), or beta < 0 with hi = +inf (lo finite):
            // the infinite entries contribute exp(-inf) = 0; fall through to the finite formula.
        }
        double range = hi - lo;
        double best = beta > 0.0 ? hi : lo;
        if (Math.abs(beta) * range < SERIES_THRESHOLD) {
            return series(beta, f, fOff, p, pOff, n, z, hi, range);
        }
        double u = 0.0;
        for (int i = 0; i < n; i++) {
            double w = p == null ? 1.0 : p[pOff + i];
            if (w > 0.0) {
                u += w * Math.expm1(beta * (f[fOff + i] - best));
            }
        }
        u /= z;
        if (u > -0.5) {
            return best + Math.log1p(u) / beta;
        }
        double s = 0.0;
        for (int i = 0; i < n; i++) {
            double w = p == null ? 1.0 : p[pOff + i];
            if (w > 0.0) {
                s += w * Math.exp(beta * (f[fOff + i] - best));
            }
        }
        return best + Math.log(s / z) / beta;
    }

    /**
     * {@link #value} for the hot loop of a Bellman sweep: the same quantity, one pass for the extremum
     * and one {@code Math.exp} per entry plus one {@code Math.log}, with the max shift
     * {@code M = f* + log(sum P exp(beta (f - f*)) / sum P) / beta}. The shifted sum lies in
     * {@code [P(x*)/sum P, 1]}, so nothing overflows or is lost to underflow that matters; its
     * rounding is an absolute error of a few {@code eps / |beta|} in M. This form is used only when
     * that is a few ulps of the values, i.e. when {@code |beta| * max(|f*|, |f_*|) >= 1}, beta is
     * finite and nonzero and no value in the support is NaN; beta = +-inf are the max / min over the
     * support. Every other case (beta = 0 and the cumulant-series regime of small |beta|, NaN values,
     * a prior without positive mass) is delegated to {@link #value}, so the semantics, including the
     * exceptions, are those of {@link #value}; the results agree with it to a few ulps of
     * {@code max |f|} (see {@code SweepKernelTest}). Allocation-free.
     *
     * @param p prior weights or {@code null} for uniform
     */
    public static double fastValue(double beta, double[] f, int fOff, double[] p, int pOff, int n) {
        if (p == null) {
            double hi = f[fOff];
            double lo = hi;
            for (int i = 1; i < n; i++) {
                double x = f[fOff + i];
                hi = Math.max(hi, x); // Math.max / min propagate NaN, which then takes the exact path
                lo = Math.min(lo, x);
            }
            if (beta == Double.POSITIVE_INFINITY && hi == hi) {
                return hi;
            }
            if (beta == Double.NEGATIVE_INFINITY && lo == lo) {
                return lo;
            }
            double best = beta > 0.0 ? hi : lo;
            if (!(Math.abs(beta) * Math.max(Math.abs(hi), Math.abs(lo)) >= 1.0) || Double.isInfinite(best)
                    || Double.isInfinite(beta)) {
                return value(beta, f, fOff, null, 0, n);
            }
            double z = 0.0;
            for (int i = 0; i < n; i++) {
                z += Math.exp(beta * (f[fOff + i] - best));
            }
            return best + Math.log(z / n) / beta;
        }
        double hi = Double.NEGATIVE_INFINITY;
        double lo = Double.POSITIVE_INFINITY;
        double mass = 0.0;
        for (int i = 0; i < n; i++) {
            double w = p[pOff + i];
            if (w > 0.0) {
                double x = f[fOff + i];
                hi = Math.max(hi, x);
                lo = Math.min(lo, x);
                mass += w;
            }
        }
        if (!(mass > 0.0) || hi != hi || lo != lo) {
            return value(beta, f, fOff, p, pOff, n);
        }
        if (beta == Double.POSITIVE_INFINITY) {
            return hi;
        }
        if (beta == Double.NEGATIVE_INFINITY) {
            return lo;
        }
        double best = beta > 0.0 ? hi : lo;
        if (!(Math.abs(beta) * Math.max(Math.abs(hi), Math.abs(lo)) >= 1.0) || Double.isInfinite(best)) {
            return value(beta, f, fOff, p, pOff, n);
        }
        double z = 0.0;
        for (int i = 0; i < n; i++) {
            double w = p[pOff + i];
            if (w > 0.0) {
                z += w * Math.exp(beta * (f[fOff + i] - best));
            }
        }
        return best + Math.log(z / mass) / beta;
    }

    /** Convenience overload over whole arrays. */
    public static double value(double beta, double[] f, double[] p) {
        if (p != null && p.length != f.length) {
            throw new org.memarl.InvalidModelException("prior: length " + p.length + " differs from values length " + f.length);
        }
        return value(beta, f, 0, p, 0, f.length);
    }

    private static double mean(double[] f, int fOff, double[] p, int pOff, int n, double z, double shift) {
        double s = 0.0;
        for (int i = 0; i < n; i++) {
            double w = p == null ? 1.0 : p[pOff + i];
            if (w > 0.0) {
                s += w * (f[fOff + i] - shift);
            }
        }
        return shift + s / z;
    }

    /**
     * Cumulant series K(beta)/beta = k1 + beta k2 / 2 + beta^2 k3 / 6, for |beta| range &lt; 1e-5. The
     * central moments are taken of (f - mean) / range, so that they cannot overflow for huge values
     * (f of 1e160 would otherwise square to +inf and give NaN); with b = beta range the series is
     * {@code mean + b range (c2 / 2 + b c3 / 6)}.
     */
    private static double series(double beta, double[] f, int fOff, double[] p, int pOff, int n, double z, double shift,
                                 double range) {
        double m = mean(f, fOff, p, pOff, n, z, shift);
        double c2 = 0.0;
        double c3 = 0.0;
        for (int i = 0; i < n; i++) {
            double w = p == null ? 1.0 : p[pOff + i];
            if (w > 0.0) {
                double d = (f[fOff + i] - m) / range;
                double d2 = d * d;
                c2 += w * d2;
                c3 += w * d2 * d;
            }
        }
        c2 /= z;
        c3 /= z;
        double b = beta * range;
        return m + b * range * (c2 / 2.0 + b * c3 / 6.0);
    }

    /**
     * Writes the Boltzmann policy {@code pi(x) = P(x) exp(beta f(x)) / sum P exp(beta f)} into
     * {@code out[outOff .. outOff+n)} and returns {@code M^beta[f | p]}. Zero-mass entries get
     * probability 0. For beta = +inf (-inf) the policy is the prior restricted to the maximisers
     * (minimisers) and renormalised, which is the limit of the finite-beta policies; for beta = 0
     * it is the normalised prior. Modifies only {@code out}.
     */
    public static double policy(double beta, double[] f, int fOff, double[] p, int pOff, int n, double[] out, int outOff) {
        double v = value(beta, f, fOff, p, pOff, n);
        double best;
        boolean limit;
        if (beta == Double.POSITIVE_INFINITY || beta == Double.NEGATIVE_INFINITY || Double.isInfinite(v)) {
            best = v;
            limit = true;
        } else {
            best = Double.NaN;
            limit = false;
            double hi = Double.NEGATIVE_INFINITY;
            double lo = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double w = p == null ? 1.0 : p[pOff + i];
                if (w > 0.0) {
                    hi = Math.max(hi, f[fOff + i]);
                    lo = Math.min(lo, f[fOff + i]);
                }
            }
            best = beta >= 0.0 ? hi : lo;
        }
        double s = 0.0;
        for (int i = 0; i < n; i++) {
            double w = p == null ? 1.0 : p[pOff + i];
            double e;
            if (!(w > 0.0)) {
                e = 0.0;
            } else if (limit) {
                e = f[fOff + i] == best ? w : 0.0;
            } else {
                e = w * Math.exp(beta * (f[fOff + i] - best));
            }
            out[outOff + i] = e;
            s += e;
        }
        for (int i = 0; i < n; i++) {
            out[outOff + i] /= s;
        }
        return v;
    }

    /**
     * The regularised value of an arbitrary policy, {@code sum_x pi(x) [f(x) - (1/beta) log(pi(x)/P(x))]}
     * (thesis (2.50), in reward units). Equals {@link #value} exactly when pi is the Boltzmann policy,
     * and is below it (beta &gt; 0) or above it (beta &lt; 0) otherwise. Entries with pi(x) = 0 contribute
     * 0; pi(x) &gt; 0 where P(x) = 0 gives -inf for beta &gt; 0 (+inf for beta &lt; 0). The KL term vanishes
     * for beta = +-inf. For beta = 0 the value is finite only when pi = P.
     */
    public static double regularisedValue(double beta, double[] f, int fOff, double[] p, int pOff,
                                          double[] pi, int piOff, int n) {
        double z = 0.0;
        for (int i = 0; i < n; i++) {
            z += p == null ? 1.0 : p[pOff + i];
        }
        double s = 0.0;
        double kl = 0.0;
        for (int i = 0; i < n; i++) {
            double q = pi[piOff + i];
            if (q > 0.0) {
                double w = (p == null ? 1.0 : p[pOff + i]) / z;
                s += q * f[fOff + i];
                kl += w > 0.0 ? q * Math.log(q / w) : Double.POSITIVE_INFINITY;
            }
        }
        if (Double.isInfinite(beta)) {
            return s;
        }
        if (kl == 0.0 || (beta == 0.0 && Math.abs(kl) <= KL_ROUNDING)) {
            return s;
        }
        return s - kl / beta;
    }
}
