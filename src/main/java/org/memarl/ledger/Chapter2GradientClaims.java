package org.memarl.ledger;

import java.util.List;
import java.util.SplittableRandom;
import org.memarl.model.Mdp;

/**
 * The policy-gradient and trust-region claims of thesis section 2.3 in the classical (unregularised) objective
 * {@code eta(pi) = sum_s p0(s) V^pi(s)}, {@code V^pi = (I - gamma P_pi)^-1 r_pi} (2.12), (2.26): the performance
 * difference identity behind (2.31), Theorem 5 (2.30)-(2.31) (the TRPO lower bound), and the policy-gradient
 * theorem (2.27) as printed and corrected. Every quantity is exact: values and visitation frequencies
 * {@code rho_pi(s) = sum_n gamma^n P(s_n = s)} by Gaussian elimination with partial pivoting, and the gradient of
 * eta for tabular softmax policies {@code pi(a|s) = exp theta(s,a) / sum_b exp theta(s,b)} by forward-mode
 * automatic differentiation (dual numbers carried through the softmax and the linear solve), which is exact to
 * rounding and shares no formula with the right-hand sides it is compared with.
 */
public final class Chapter2GradientClaims {
    private Chapter2GradientClaims() {
    }

    public static List<Claim> all() {
        return List.of(new PerformanceDifference(), new TrpoLowerBound(), new TrpoLowerBoundAveragedEps(),
                new PolicyGradientAsPrinted(), new PolicyGradientCorrected());
    }

    // ------------------------------------------------------------------ exact computations

    /** A dual number {@code v + d epsilon}, {@code epsilon^2 = 0}: {@code d} carries one directional derivative. */
    record Dual(double v, double d) {
        static final Dual ZERO = new Dual(0.0, 0.0);

        static Dual of(double v) {
            return new Dual(v, 0.0);
        }

        Dual plus(Dual o) {
            return new Dual(v + o.v, d + o.d);
        }

        Dual minus(Dual o) {
            return new Dual(v - o.v, d - o.d);
        }

        Dual times(Dual o) {
            return new Dual(v * o.v, v * o.d + d * o.v);
        }

        Dual times(double c) {
            return new Dual(c * v, c * d);
        }

        Dual over(Dual o) {
            return new Dual(v / o.v, (d * o.v - v * o.d) / (o.v * o.v));
        }

        Dual exp() {
            double e = Math.exp(v);
            return new Dual(e, e * d);
        }
    }

    /** Solves {@code a x = b} by Gaussian elimination with partial pivoting (on the real parts); a and b are overwritten. */
    static Dual[] solve(Dual[][] a, Dual[] b) {
        int n = b.length;
        for (int k = 0; k < n; k++) {
            int p = k;
            for (int i = k + 1; i < n; i++) {
                if (Math.abs(a[i][k].v()) > Math.abs(a[p][k].v())) {
                    p = i;
                }
            }
            Dual[] row = a[k];
            a[k] = a[p];
            a[p] = row;
            Dual t = b[k];
            b[k] = b[p];
            b[p] = t;
            for (int i = k + 1; i < n; i++) {
                Dual f = a[i][k].over(a[k][k]);
                for (int j = k; j < n; j++) {
                    a[i][j] = a[i][j].minus(f.times(a[k][j]));
                }
                b[i] = b[i].minus(f.times(b[k]));
            }
        }
        Dual[] x = new Dual[n];
        for (int i = n - 1; i >= 0; i--) {
            Dual acc = b[i];
            for (int j = i + 1; j < n; j++) {
                acc = acc.minus(a[i][j].times(x[j]));
            }
            x[i] = acc.over(a[i][i]);
        }
        return x;
    }

    /** Real Gaussian elimination (the dual solve with zero derivatives). */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        Dual[][] da = new Dual[n][n];
        Dual[] db = new Dual[n];
        for (int i = 0; i < n; i++) {
            db[i] = Dual.of(b[i]);
            for (int j = 0; j < n; j++) {
                da[i][j] = Dual.of(a[i][j]);
            }
        }
        Dual[] x = solve(da, db);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = x[i].v();
        }
        return out;
    }

    /** The exact quantities of one MDP (dense transition rows) under stationary policies. */
    static final class Exact {
        final Mdp mdp;
        final int n;
        final int m;
        final double gamma;
        final double[][][] t;
        final double[] p0;

        Exact(Mdp mdp) {
            this.mdp = mdp;
            n = mdp.numStates();
            m = mdp.numActions();
            gamma = mdp.gamma();
            t = new double[n][m][n];
            for (int s = 0; s < n; s++) {
                for (int a = 0; a < m; a++) {
                    for (int s2 = 0; s2 < n; s2++) {
                        t[s][a][s2] = mdp.transitions().get(mdp.row(s, a), s2);
                    }
                }
            }
            p0 = mdp.initial();
        }

        /** {@code P_pi[s][s'] = sum_a pi(a|s) T(s'|s,a)}. */
        double[][] transition(double[][] pi) {
            double[][] p = new double[n][n];
            for (int s = 0; s < n; s++) {
                for (int a = 0; a < m; a++) {
                    for (int s2 = 0; s2 < n; s2++) {
                        p[s][s2] += pi[s][a] * t[s][a][s2];
                    }
                }
            }
            return p;
        }

        /** V^pi = (I - gamma P_pi)^-1 r_pi (2.12), (2.14). */
        double[] values(double[][] pi) {
            double[][] p = transition(pi);
            double[][] a = new double[n][n];
            double[] b = new double[n];
            for (int s = 0; s < n; s++) {
                for (int s2 = 0; s2 < n; s2++) {
                    a[s][s2] = (s == s2 ? 1.0 : 0.0) - gamma * p[s][s2];
                }
                for (int x = 0; x < m; x++) {
                    b[s] += pi[s][x] * mdp.reward(s, x);
                }
            }
            return solve(a, b);
        }

        /** Q^pi(s,a) = r(s,a) + gamma sum_s' T(s'|s,a) V^pi(s') (2.14). */
        double[][] q(double[] v) {
            double[][] q = new double[n][m];
            for (int s = 0; s < n; s++) {
                for (int a = 0; a < m; a++) {
                    double e = 0.0;
                    for (int s2 = 0; s2 < n; s2++) {
                        e += t[s][a][s2] * v[s2];
                    }
                    q[s][a] = mdp.reward(s, a) + gamma * e;
                }
            }
            return q;
        }

        /** eta(pi) = sum_s p0(s) V^pi(s) (2.26). */
        double eta(double[] v) {
            double e = 0.0;
            for (int s = 0; s < n; s++) {
                e += p0[s] * v[s];
            }
            return e;
        }

        /**
         * The visitation frequency {@code rho(s) = sum_k g^k P(s_k = s)} under pi from p0, over the states with
         * {@code live[s]} (the others are absorbing and left out): solves {@code (I - g P_pi^T) rho = p0} on them.
         */
        double[] visitation(double[][] pi, double g, boolean[] live) {
            double[][] p = transition(pi);
            int k = 0;
            int[] index = new int[n];
            for (int s = 0; s < n; s++) {
                index[s] = live[s] ? k++ : -1;
            }
            double[][] a = new double[k][k];
            double[] b = new double[k];
            for (int s = 0; s < n; s++) {
                if (index[s] < 0) {
                    continue;
                }
                b[index[s]] = p0[s];
                for (int s2 = 0; s2 < n; s2++) {
                    if (index[s2] >= 0) {
                        a[index[s2]][index[s]] = (s == s2 ? 1.0 : 0.0) - g * p[s][s2];
                    }
                }
            }
            double[] x = solve(a, b);
            double[] rho = new double[n];
            for (int s = 0; s < n; s++) {
                rho[s] = index[s] < 0 ? 0.0 : x[index[s]];
            }
            return rho;
        }

        double[] visitation(double[][] pi) {
            boolean[] all = new boolean[n];
            java.util.Arrays.fill(all, true);
            return visitation(pi, gamma, all);
        }

        /**
         * The exact gradient {@code d eta / d theta(s,a)} of the softmax policy with logits theta, by forward-mode
         * differentiation: one dual-number evaluation of the softmax, the Bellman linear solve and p0.V per (s,a).
         */
        double[][] gradient(double[][] theta) {
            double[][] g = new double[n][m];
            for (int s0 = 0; s0 < n; s0++) {
                for (int a0 = 0; a0 < m; a0++) {
                    Dual[][] pi = new Dual[n][m];
                    for (int s = 0; s < n; s++) {
                        double shift = Double.NEGATIVE_INFINITY;
                        for (double x : theta[s]) {
                            shift = Math.max(shift, x);
                        }
                        Dual z = Dual.ZERO;
                        for (int a = 0; a < m; a++) {
                            pi[s][a] = new Dual(theta[s][a] - shift, s == s0 && a == a0 ? 1.0 : 0.0).exp();
                            z = z.plus(pi[s][a]);
                        }
                        for (int a = 0; a < m; a++) {
                            pi[s][a] = pi[s][a].over(z);
                        }
                    }
                    Dual[][] a = new Dual[n][n];
                    Dual[] b = new Dual[n];
                    for (int s = 0; s < n; s++) {
                        b[s] = Dual.ZERO;
                        for (int s2 = 0; s2 < n; s2++) {
                            a[s][s2] = Dual.of(s == s2 ? 1.0 : 0.0);
                        }
                        for (int x = 0; x < m; x++) {
                            b[s] = b[s].plus(pi[s][x].times(mdp.reward(s, x)));
                            for (int s2 = 0; s2 < n; s2++) {
                                a[s][s2] = a[s][s2].minus(pi[s][x].times(gamma * t[s][x][s2]));
                            }
                        }
                    }
                    Dual[] v = solve(a, b);
                    Dual eta = Dual.ZERO;
                    for (int s = 0; s < n; s++) {
                        eta = eta.plus(v[s].times(p0[s]));
                    }
                    g[s0][a0] = eta.d();
                }
            }
            return g;
        }

        /**
         * The right-hand side of (2.27) with the states weighted by {@code weight}: {@code sum_s weight(s) sum_b pi(b|s)
         * Q^pi(s,b) d log pi(b|s) / d theta(s0,a0)}, with {@code d log pi(b|s) / d theta(s,a) = [a = b] - pi(a|s)}
         * for the softmax (zero for s != s0).
         */
        double[][] scoreFunctionForm(double[][] pi, double[][] q, double[] weight) {
            double[][] g = new double[n][m];
            for (int s = 0; s < n; s++) {
                for (int a = 0; a < m; a++) {
                    double acc = 0.0;
                    for (int b = 0; b < m; b++) {
                        acc += pi[s][b] * q[s][b] * ((a == b ? 1.0 : 0.0) - pi[s][a]);
                    }
                    g[s][a] = weight[s] * acc;
                }
            }
            return g;
        }
    }

    static double[][] softmax(double[][] theta) {
        double[][] pi = new double[theta.length][];
        for (int s = 0; s < theta.length; s++) {
            double shift = Double.NEGATIVE_INFINITY;
            for (double x : theta[s]) {
                shift = Math.max(shift, x);
            }
            pi[s] = new double[theta[s].length];
            double z = 0.0;
            for (int a = 0; a < pi[s].length; a++) {
                pi[s][a] = Math.exp(theta[s][a] - shift);
                z += pi[s][a];
            }
            for (int a = 0; a < pi[s].length; a++) {
                pi[s][a] /= z;
            }
        }
        return pi;
    }

    /** Random logits in [-2, 2] to 1/8 (so counterexamples print compactly). */
    static double[][] logits(SplittableRandom rng, int n, int m) {
        double[][] theta = new double[n][m];
        for (int s = 0; s < n; s++) {
            for (int a = 0; a < m; a++) {
                theta[s][a] = Math.round(32.0 * rng.nextDouble() - 16.0) / 8.0;
            }
        }
        return theta;
    }

    /** A random full-support policy over all actions (the classical objective has no prior). */
    static double[][] fullPolicy(SplittableRandom rng, int n, int m) {
        double[][] pi = new double[n][];
        for (int s = 0; s < n; s++) {
            pi[s] = RandomMdps.distribution(rng, m, false);
        }
        return pi;
    }

    /** A random MDP with a random initial distribution p0. */
    static Mdp mdp(SplittableRandom rng, long seed, int size) {
        Mdp base = RandomMdps.mdp(seed, size);
        return base.toBuilder().initial(RandomMdps.distribution(rng, base.numStates(), rng.nextBoolean())).build();
    }

    /**
     * An episodic MDP: a random MDP on {@code n <= max(1, size - 1)} states whose every step ends with probability
     * kappa in an added absorbing state {@code end} (zero reward, last), so that undiscounted visitation is finite.
     */
    static Mdp episodic(SplittableRandom rng, int size) {
        int n = 1 + rng.nextInt(Math.max(1, size - 1));
        int m = 1 + rng.nextInt(Math.max(1, size));
        Mdp base = RandomMdps.mdp(rng, n, m, RandomMdps.gamma(rng));
        double kappa = (1 + rng.nextInt(4)) / 8.0;
        double[][][] t = new double[n + 1][m][n + 1];
        double[][] r = new double[n + 1][m];
        for (int s = 0; s < n; s++) {
            for (int a = 0; a < m; a++) {
                for (int s2 = 0; s2 < n; s2++) {
                    t[s][a][s2] = (1.0 - kappa) * base.transitions().get(base.row(s, a), s2);
                }
                t[s][a][n] = kappa;
                r[s][a] = base.reward(s, a);
            }
        }
        for (int a = 0; a < m; a++) {
            t[n][a][n] = 1.0;
        }
        double[] p0 = new double[n + 1];
        double[] d = RandomMdps.distribution(rng, n, rng.nextBoolean());
        System.arraycopy(d, 0, p0, 0, n);
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int s = 0; s < n; s++) {
            names.add("s" + s);
        }
        names.add("end");
        return Mdp.builder().name("random-episodic").states(names).actions(m).gamma(base.gamma()).transitions(t)
                .rewards(r).initial(p0).build();
    }

    static double maxAbs(double[][] x) {
        double mx = 0.0;
        for (double[] row : x) {
            for (double v : row) {
                mx = Math.max(mx, Math.abs(v));
            }
        }
        return mx;
    }

    static double supDiff(double[][] x, double[][] y) {
        double d = 0.0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[i].length; j++) {
                d = Math.max(d, Math.abs(x[i][j] - y[i][j]));
            }
        }
        return d;
    }

    static String fmt(double x) {
        return String.format(java.util.Locale.ROOT, "%.6g", x);
    }

    // ------------------------------------------------------------------ claims

    /** The performance difference identity behind (2.31) (Kakade and Langford 2002, lemma 6.1). */
    static final class PerformanceDifference extends BaseClaim {
        PerformanceDifference() {
            super("performance-difference",
                    "eq. (2.31)",
                    Status.HOLDS,
                    null,
                    "The identity behind L_pi (2.31) (performance difference): for stationary policies pi, pi~ and gamma < 1,"
                    + " eta(pi~) = eta(pi) + sum_s rho_pi~(s) sum_a pi~(a|s) A_pi(s,a), with eta(pi) = sum_s p0(s) V^pi(s),"
                    + " A_pi = Q^pi - V^pi and the visitation frequency rho_pi~(s) = sum_n gamma^n P(s_n = s | pi~) of the NEW"
                    + " policy (L_pi replaces it by rho_pi); every term by exact linear solves.",
                    List.of());
        }

        @Override
        public Trial trial(long seed, int size) {
            SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
            Mdp mdp = mdp(rng, seed, size);
            Exact x = new Exact(mdp);
            double[][] pi = RandomMdps.policy(rng, mdp, rng.nextInt(4) == 0);
            double[][] pt = RandomMdps.policy(rng, mdp, rng.nextInt(4) == 0);
            double[] v = x.values(pi);
            double[][] q = x.q(v);
            double[] vt = x.values(pt);
            double[] rho = x.visitation(pt);
            double rhs = x.eta(v);
            double scale = Math.abs(rhs);
            for (int s = 0; s < x.n; s++) {
                for (int a = 0; a < x.m; a++) {
                    double term = rho[s] * pt[s][a] * (q[s][a] - v[s]);
                    rhs += term;
                    scale = Math.max(scale, Math.abs(term));
                }
            }
            double lhs = x.eta(vt);
            double diff = Math.abs(lhs - rhs);
            scale = Math.max(Math.max(scale, Math.abs(lhs)), Chapter2Claims.maxAbs(v, vt));
            double r = rhs;
            return new Trial(diff, Chapter2Claims.solveTolerance(scale, x.gamma, x.n * x.m), Chapter2Claims.size(mdp),
                    () -> Chapter2Claims.instance(mdp, "eta(pi~) = " + lhs + " but eta(pi) + sum rho_pi~ pi~ A_pi = " + r,
                            "policy", pi, "newPolicy", pt));
        }
    }

    /** Which reading of eps Theorem 5 uses. */
    enum Eps {
        /** As printed: {@code eps = max_{s,a} |A_pi(s,a)|}. */
        PRINTED,
        /** The policy-averaged advantage {@code eps = max_s |sum_a pi~(a|s) A_pi(s,a)|} of the proof's later variants. */
        AVERAGED
    }

    /** One exact evaluation of Theorem 5's two sides. */
    static Trial trpo(long seed, int size, Eps reading, long salt) {
        SplittableRandom rng = new SplittableRandom(seed ^ salt);
        Mdp mdp = mdp(rng, seed, size);
        Exact x = new Exact(mdp);
        double[][] pi = fullPolicy(rng, x.n, x.m);
        double[][] other = fullPolicy(rng, x.n, x.m);
        // half the time pi~ is close to pi (where the quadratic KL term is smallest relative to the first-order gain)
        double mix = rng.nextBoolean() ? 1.0 : Math.pow(10.0, -1 - rng.nextInt(3));
        double[][] pt = new double[x.n][x.m];
        for (int s = 0; s < x.n; s++) {
            for (int a = 0; a < x.m; a++) {
                pt[s][a] = (1.0 - mix) * pi[s][a] + mix * other[s][a];
            }
        }
        double[] v = x.values(pi);
        double[][] q = x.q(v);
        double[] vt = x.values(pt);
        double[] rho = x.visitation(pi);
        double eta = x.eta(v);
        double etaNew = x.eta(vt);
        double l = eta;
        double eps = 0.0;
        double klMax = 0.0;
        for (int s = 0; s < x.n; s++) {
            double avg = 0.0;
            double kl = 0.0;
            for (int a = 0; a < x.m; a++) {
                double adv = q[s][a] - v[s];
                avg += pt[s][a] * adv;
                if (reading == Eps.PRINTED) {
                    eps = Math.max(eps, Math.abs(adv));
                }
                kl += pi[s][a] * Math.log(pi[s][a] / pt[s][a]);
            }
            l += rho[s] * avg;
            if (reading == Eps.AVERAGED) {
                eps = Math.max(eps, Math.abs(avg));
            }
            klMax = Math.max(klMax, kl);
        }
        double g = x.gamma;
        double c = 4.0 * eps * g / ((1.0 - g) * (1.0 - g));
        double bound = l - c * klMax;
        double viol = bound - etaNew;
        double scale = Math.max(Math.max(Math.abs(eta), Math.abs(etaNew)), Chapter2Claims.maxAbs(v, vt, rho));
        double fl = l;
        double fEps = eps;
        double fKl = klMax;
        return new Trial(viol, Chapter2Claims.solveTolerance(scale, g, x.n * x.m), Chapter2Claims.size(mdp),
                () -> Chapter2Claims.instance(mdp, "eta(pi~) = " + etaNew + " < L_pi(pi~) - 4 eps gamma/(1-gamma)^2 D_KL^max"
                        + " = " + fl + " - " + (fl - bound) + " (eps = " + fEps + ", D_KL^max = " + fKl + ")",
                        "policy", pi, "newPolicy", pt, "eps", fEps)).withSides("eta(pi~)", etaNew, ">=",
                        "L_pi(pi~) - 4 eps gamma/(1-gamma)^2 D_KL^max", bound);
    }

    /** Theorem 5 (2.30)-(2.31) as printed: the TRPO lower bound with eps = max |A_pi|. */
    static final class TrpoLowerBound extends BaseClaim {
        TrpoLowerBound() {
            super("trpo-lower-bound",
                    "Theorem 5",
                    Status.HOLDS,
                    null,
                    "As printed (2.30)-(2.31), with eps = max_{s,a} |A_pi(s,a)| (the printed reading): for full-support"
                    + " stationary policies pi, pi~ and gamma < 1, eta(pi~) >= L_pi(pi~) - 4 eps gamma / (1-gamma)^2"
                    + " D_KL^max(pi, pi~), where L_pi(pi~) = eta(pi) + sum_s rho_pi(s) sum_a pi~(a|s) A_pi(s,a), rho_pi(s) ="
                    + " sum_n gamma^n P(s_n = s | pi, p0) and D_KL^max = max_s KL(pi(.|s) || pi~(.|s)); exact linear solves.",
                    List.of());
        }

        @Override
        public Trial trial(long seed, int size) {
            return trpo(seed, size, Eps.PRINTED, 0x1F83D9ABFB41BD6BL);
        }
    }

    /**
     * Theorem 5 with the policy-averaged eps: the printed KL^max (quadratic) penalty is too small for it; expected
     * falsified (the averaged eps belongs to the bound linear in the total variation).
     */
    static final class TrpoLowerBoundAveragedEps extends BaseClaim {
        TrpoLowerBoundAveragedEps() {
            super("trpo-lower-bound-averaged-eps",
                    "Theorem 5 (averaged eps)",
                    Status.FALSIFIED,
                    null,
                    "Theorem 5 read with the smaller eps = max_s |sum_a pi~(a|s) A_pi(s,a)| (the expected advantage of the new"
                    + " policy, which bounds the exact error term; the bound with it is linear in the total variation,"
                    + " 2 eps gamma/(1-gamma)^2 max_s TV): the printed quadratic penalty 4 eps gamma/(1-gamma)^2 D_KL^max is"
                    + " then too small near pi; expected falsified.",
                    List.of(new long[] {68L, 2}));
        }

        @Override
        public Trial trial(long seed, int size) {
            return trpo(seed, size, Eps.AVERAGED, 0x1F83D9ABFB41BD6BL);
        }
    }

    /** (2.27) as printed, read as the REINFORCE estimator with the undiscounted visitation. */
    static final class PolicyGradientAsPrinted extends BaseClaim {
        PolicyGradientAsPrinted() {
            super("policy-gradient-as-printed",
                    "eq. (2.27)",
                    Status.FALSIFIED,
                    null,
                    "As printed, d/dtheta E[sum_t gamma^t r_t] = E_{a_t, s_t ~ pi}[R_t d/dtheta log pi(a_t|s_t)] with R_t ="
                    + " sum_k gamma^k r_{t+k} (E[R_t | s_t, a_t] = Q^pi) and no gamma^t on the score terms: the states are"
                    + " weighted by the undiscounted visitation sum_t P(s_t = s). Checked for tabular softmax policies on"
                    + " episodic MDPs (each step ends with probability kappa in an absorbing zero-reward state, so that"
                    + " visitation is finite) against the exact gradient (forward-mode differentiation through the linear"
                    + " solve); expected falsified whenever gamma < 1 and states after the first are visited.",
                    List.of(new long[] {4L, 2}));
        }

        @Override
        public Trial trial(long seed, int size) {
            SplittableRandom rng = new SplittableRandom(seed ^ 0x6A09E667F3BCC909L);
            Mdp mdp = episodic(rng, size);
            Exact x = new Exact(mdp);
            double[][] theta = logits(rng, x.n, x.m);
            double[][] pi = softmax(theta);
            double[][] exact = x.gradient(theta);
            double[] v = x.values(pi);
            double[][] q = x.q(v);
            boolean[] live = new boolean[x.n];
            java.util.Arrays.fill(live, true);
            live[x.n - 1] = false; // the absorbing state: Q = 0 there, so its (infinite-weight) terms are 0
            double[] undiscounted = x.visitation(pi, 1.0, live);
            double[][] printed = x.scoreFunctionForm(pi, q, undiscounted);
            double diff = supDiff(exact, printed);
            int ws = 0;
            int wa = 0;
            for (int s = 0; s < exact.length; s++) {
                for (int a = 0; a < exact[s].length; a++) {
                    if (Math.abs(exact[s][a] - printed[s][a]) > Math.abs(exact[ws][wa] - printed[ws][wa])) {
                        ws = s;
                        wa = a;
                    }
                }
            }
            String at = "(s" + ws + ", a" + wa + ")";
            double left = exact[ws][wa];
            double right = printed[ws][wa];
            double scale = Math.max(Math.max(maxAbs(exact), maxAbs(printed)), Chapter2Claims.maxAbs(v, undiscounted));
            return new Trial(diff, Chapter2Claims.solveTolerance(scale, x.gamma, x.n * x.m), Chapter2Claims.size(mdp),
                    () -> Chapter2Claims.instance(mdp, "the exact gradient of eta differs from the printed right-hand side"
                            + " (undiscounted visitation) by " + fmt(diff) + " (exact " + java.util.Arrays.deepToString(exact)
                            + ", printed " + java.util.Arrays.deepToString(printed) + ")", "theta", theta, "policy", pi))
                    .withSides("exact d eta/d theta" + at, left, "=", "printed right-hand side" + at
                            + " (undiscounted visitation)", right);
        }
    }

    /** (2.27) corrected: the states weighted by the discounted visitation rho_pi of (2.31). */
    static final class PolicyGradientCorrected extends BaseClaim {
        PolicyGradientCorrected() {
            super("policy-gradient-discounted",
                    "eq. (2.27) (corrected)",
                    Status.HOLDS,
                    null,
                    "The policy-gradient theorem with the discounted visitation: d eta / d theta = sum_s rho_pi(s) sum_a pi(a|s)"
                    + " Q^pi(s,a) d/dtheta log pi(a|s), rho_pi(s) = sum_t gamma^t P(s_t = s) (the visitation of (2.31)), i.e."
                    + " E[sum_t gamma^t R_t d/dtheta log pi(a_t|s_t)]: for tabular softmax policies on random MDPs (and the"
                    + " episodic ones of the printed claim), equal to the exact gradient (forward-mode differentiation"
                    + " through the linear solve) to rounding.",
                    List.of());
        }

        @Override
        public Trial trial(long seed, int size) {
            SplittableRandom rng = new SplittableRandom(seed ^ 0xBB67AE8584CAA73BL);
            Mdp mdp = rng.nextInt(4) == 0 ? episodic(rng, size) : mdp(rng, seed, size);
            Exact x = new Exact(mdp);
            double[][] theta = logits(rng, x.n, x.m);
            double[][] pi = softmax(theta);
            double[][] exact = x.gradient(theta);
            double[] v = x.values(pi);
            double[][] q = x.q(v);
            double[] rho = x.visitation(pi);
            double[][] formula = x.scoreFunctionForm(pi, q, rho);
            double diff = supDiff(exact, formula);
            double scale = Math.max(Math.max(maxAbs(exact), maxAbs(formula)), Chapter2Claims.maxAbs(v, rho) * maxAbs(q));
            scale = Math.max(scale, maxAbs(q));
            return new Trial(diff, Chapter2Claims.solveTolerance(scale, x.gamma, x.n * x.m), Chapter2Claims.size(mdp),
                    () -> Chapter2Claims.instance(mdp, "the exact gradient differs from sum rho pi Q grad log pi by " + fmt(diff),
                            "theta", theta, "policy", pi));
        }
    }
}
