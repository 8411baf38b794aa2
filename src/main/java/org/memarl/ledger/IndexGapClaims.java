package org.memarl.ledger;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.SplittableRandom;
import org.memarl.algorithms.soft.SoftValueIteration;
import org.memarl.chains.ThesisChains;
import org.memarl.kernel.SoftExtremum;
import org.memarl.model.Game;
import org.memarl.model.Mdp;

/**
 * Checkable statements of chapters 2-3 that the equation index ({@code docs/equations.md}) showed without a ledger
 * entry: the EM decomposition (2.6)-(2.7), the contraction of the optimal value operator (2.19), the one-step soft
 * decomposition (2.45)-(2.46), and the ELBO optimality of the ROMMEO (3.7), (3.14)-(3.16) and PR2 closed forms (the
 * generic saddle-point claim (c) of {@link ChainClaims} on their declared chains), and the SMC objective (5.18) as a
 * lower bound of the log-likelihood, and the Nash condition (2.64) for the stage-game equilibria of Nash-Q. Each is exact: closed forms, direct sums, exact linear-solve evaluations, or
 * every draw path of the particle filter enumerated.
 */
public final class IndexGapClaims {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private IndexGapClaims() {
    }

    public static List<Claim> all() {
        return List.of(new EmDecomposition(), optimalValueContraction(), new OneStepSoftDecomposition(),
                elboOptimum("rommeo-maximises-elbo", "eq. (3.7)", true), elboOptimum("pr2-maximises-elbo", "section 3.1.1 (PR2)", false),
                new SmcObjectiveBound(), new StageNashEquilibria());
    }

    /** Eq. (2.6)-(2.7): log p(X) = ELBO(q) + KL(q || p(z|X)) for every q, and the E-step q = p(z|X) makes the ELBO tight. */
    static final class EmDecomposition extends BaseClaim {
        EmDecomposition() {
            super("em-decomposition", "eq. (2.6)", Status.HOLDS, null,
                    "For a finite latent variable z (1 to 8 values) with joint p(X, z) > 0 and any distribution q(z): log p(X)"
                    + " = sum_z q log(p(X,z)/q) + sum_z q log(q/p(z|X)) (2.6), the second term (the KL) is >= 0, and with the"
                    + " E-step q = p(z|X) (2.7) the ELBO equals log p(X); direct sums.",
                    List.of());
        }

        @Override
        public Trial trial(long seed, int size) {
            SplittableRandom rng = new SplittableRandom(seed ^ 0x6C8E9CF570932BD5L);
            int k = 1 + rng.nextInt(2 * size);
            double[] joint = new double[k];
            double px = 0.0;
            for (int z = 0; z < k; z++) {
                joint[z] = Math.pow(10.0, -3.0 * rng.nextDouble()) / k;
                px += joint[z];
            }
            double[] q = RandomMdps.distribution(rng, k, rng.nextBoolean());
            double elbo = 0.0;
            double kl = 0.0;
            double tight = 0.0;
            for (int z = 0; z < k; z++) {
                double post = joint[z] / px;
                tight += post * Math.log(joint[z] / post);
                if (q[z] > 0.0) {
                    elbo += q[z] * Math.log(joint[z] / q[z]);
                    kl += q[z] * Math.log(q[z] / post);
                }
            }
            double log = Math.log(px);
            double viol = Math.max(Math.abs(elbo + kl - log), Math.max(-kl, Math.abs(tight - log)));
            double scale = Math.max(Math.max(Math.abs(elbo), Math.abs(kl)), Math.abs(log)) + Math.log(1e3 * k);
            double fe = elbo;
            double fk = kl;
            return new Trial(viol, 8.0 * k * Chapter2Claims.ulps(scale), k, () -> {
                // no model: the instance is a distribution, in parameters (as eq. (5.2)'s)
                return Chapter2Claims.instance(F.objectNode(), "log p(X) = " + log + " but ELBO + KL = " + fe + " + " + fk,
                        "joint", joint, "q", q);
            });
        }
    }

    /** Eq. (2.19): the optimal value operator is a gamma-contraction (value iteration = the chain at beta = +inf). */
    static Claim optimalValueContraction() {
        return new BaseClaim("optimal-value-contraction", "eq. (2.19)", Status.HOLDS, null,
                "The optimal value operator (2.19) B*V(s) = max_a [r(s,a) + gamma E V(s')] (over the prior's support, the"
                + " operator of value-iteration) satisfies ||B*V1 - B*V2||_inf <= gamma ||V1 - V2||_inf, so its fixed point"
                + " V* of (2.15) is unique and value iteration converges to it.", List.of()) {
            @Override
            public Trial trial(long seed, int size) {
                SplittableRandom rng = new SplittableRandom(seed ^ 0x2F2F8B5E4A6C1D93L);
                Mdp mdp = RandomMdps.mdp(seed, size);
                return Chapter2Claims.contraction(SoftValueIteration.operator(mdp, Double.POSITIVE_INFINITY), mdp, rng,
                        "optimal value operator");
            }
        };
    }

    /**
     * Eq. (2.45)-(2.46): the Boltzmann policy pi_B of {@link SoftExtremum} attains its soft value V in the one-step
     * objective {@code E_pi[f - (1/beta) log(pi/P)]} and no other policy beats it for the sign of beta (reward units;
     * the thesis's (2.45) times 1/beta).
     */
    static final class OneStepSoftDecomposition extends BaseClaim {
        OneStepSoftDecomposition() {
            super("one-step-soft-decomposition", "eq. (2.45)", Status.HOLDS, null,
                    "The last step of (2.43)-(2.46) in reward units: for any f (the reward), prior P and finite beta != 0, the"
                    + " Boltzmann policy pi_B = P exp(beta f) / exp(beta V) (2.46) attains V = (1/beta) log sum P exp(beta f)"
                    + " in the one-step objective E_pi[f - (1/beta) log(pi/P)], and no policy pi inside P's support does"
                    + " better (beta > 0) or worse (beta < 0): by (2.45) the gap is KL(pi || pi_B)/|beta| >= 0. V and pi_B are"
                    + " SoftExtremum's value and policy; the objectives are direct sums.",
                    List.of());
        }

        @Override
        public Trial trial(long seed, int size) {
            SplittableRandom rng = new SplittableRandom(seed ^ 0x4F1BBCDCBFA53E0BL);
            int n = 1 + rng.nextInt(2 * size);
            double beta = rng.nextBoolean() ? RandomMdps.positiveBeta(rng) : -RandomMdps.positiveBeta(rng);
            double scale = RandomMdps.rewardScale(rng);
            double[] f = new double[n];
            for (int i = 0; i < n; i++) {
                f[i] = RandomMdps.round(scale * (2.0 * rng.nextDouble() - 1.0));
            }
            double[] p = RandomMdps.distribution(rng, n, rng.nextBoolean());
            double[] pi = new double[n];
            double z = 0.0;
            for (int i = 0; i < n; i++) {
                pi[i] = p[i] > 0.0 ? 0.05 + rng.nextDouble() : 0.0;
                z += pi[i];
            }
            for (int i = 0; i < n; i++) {
                pi[i] /= z;
            }
            double[] boltzmann = new double[n];
            double v = SoftExtremum.policy(beta, f, 0, p, 0, n, boltzmann, 0);
            double attained = objective(f, p, boltzmann, beta);
            double other = objective(f, p, pi, beta);
            // attained: E_piB[f - log(piB/P)/beta] = V; any other pi is no better for its sign of beta (the gap is KL/|beta|)
            double viol = Math.max(Math.abs(attained - v), Math.signum(beta) * (other - v));
            double mag = Math.max(Math.abs(v), Math.max(magnitude(f, p, boltzmann, beta), magnitude(f, p, pi, beta)));
            double fa = attained;
            double fo = other;
            return new Trial(viol, 8.0 * n * Chapter2Claims.ulps(mag), n, () -> {
                return Chapter2Claims.instance(F.objectNode(), "V = " + v + ", the Boltzmann policy's objective " + fa
                        + ", another policy's " + fo, "beta", beta, "f", f, "prior", p, "policy", pi);
            });
        }

        /** E_pi[f - (1/beta) log(pi/P)] over pi's support (0 log 0 = 0). */
        static double objective(double[] f, double[] p, double[] pi, double beta) {
            double e = 0.0;
            for (int i = 0; i < f.length; i++) {
                if (pi[i] > 0.0) {
                    e += pi[i] * (f[i] - Math.log(pi[i] / p[i]) / beta);
                }
            }
            return e;
        }

        static double magnitude(double[] f, double[] p, double[] pi, double beta) {
            double m = 0.0;
            for (int i = 0; i < f.length; i++) {
                if (pi[i] > 0.0) {
                    m = Math.max(m, Math.abs(f[i]) + Math.abs(Math.log(pi[i] / p[i]) / beta));
                }
            }
            return m;
        }
    }

    /**
     * The ELBO optimality of a one-beta game chain (ROMMEO (3.7)/(3.14)-(3.16), agent inside the opponent model; PR2,
     * opponent model inside the agent): the generic saddle-point claim (c) of {@link ChainClaims} on random games with a
     * positive beta, whose objective is the ELBO (3.7) of the declared factorisation evaluated by exact linear solves.
     */
    static Claim elboOptimum(String id, String ref, boolean rommeo) {
        return ChainClaims.saddlePoint(id, ref, (seed, size) -> {
            SplittableRandom rng = new SplittableRandom(seed ^ (rommeo ? 0x3F84D5B5B5470917L : 0x1F83D9ABFB41BD6CL));
            Game g = Chapter3Claims.discountedGame(seed, size);
            double beta = RandomMdps.positiveBeta(rng);
            return ChainClaims.instance(rommeo ? ThesisChains.rommeo(beta) : ThesisChains.pr2(beta), java.util.Map.of(), g,
                    Chapter3Claims.size(g));
        }, List.of());
    }

    /**
     * Eq. (5.18): the SMC objective {@code E[sum_t log (1/K) sum_k w^k_t] = E[log p-hat]} is at most {@code log p} (the
     * "tighter variational lower bound" of the print), exact over every draw path of {@link Chapter5Claims}' small
     * instances.
     */
    static final class SmcObjectiveBound extends BaseClaim {
        private final Chapter5Claims.SmcEstimator estimator;

        SmcObjectiveBound() {
            this(Chapter5Claims.SMC);
        }

        /** The check applied to another estimator (the tests show that an inflated one fails it). */
        SmcObjectiveBound(Chapter5Claims.SmcEstimator estimator) {
            super("smc-objective-bound", "eq. (5.18)", Status.HOLDS, null,
                    "The SMC objective E[sum_t log (1/K) sum_k w^k_t] = E[log p-hat] of (5.18) (K = 1..3 particles, multinomial"
                    + " ancestor resampling, bootstrap or a given proposal) is at most log p(o_{1:T} | a) of the exact filter:"
                    + " E computed by enumerating every draw path (n <= 3 states, T <= 3 steps); -inf when some path has"
                    + " p-hat = 0.",
                    List.of());
            this.estimator = estimator;
        }

        @Override
        public Trial trial(long seed, int size) {
            Chapter5Claims.SmallSmc c = Chapter5Claims.smallSmc(new SplittableRandom(seed ^ 0x7A3C9E1B5D2F4861L), size);
            Chapter5Claims.Instance in = c.in();
            double[] init = in.model().initial();
            double logp = org.memarl.algorithms.belief.BayesFilter.run(init, in.steps()).logLikelihood();
            PathEnumeration.Result r = PathEnumeration.expectation(3, draws -> {
                double lp = estimator.run(c.particles(), c.proposal(), init, in.steps(), draws).logLikelihood();
                boolean zero = lp == Double.NEGATIVE_INFINITY;
                return new double[] {zero ? 0.0 : lp, zero ? 1.0 : 0.0, zero ? 0.0 : Math.abs(lp) + 1.0};
            }, 4 * Chapter5Claims.PATH_BUDGET);
            double e = r.mean()[1] > 0.0 ? Double.NEGATIVE_INFINITY : r.mean()[0];
            double viol = e - logp;
            int horizon = in.steps().size();
            int n = in.model().numStates();
            double tol = 64.0 * (c.particles() + n * n) * (horizon + 1) * Math.ulp(Math.max(r.mean()[2], Math.abs(logp) + 1.0));
            return new Trial(viol, tol, n * in.model().numActions(), () -> Chapter5Claims.doc(in,
                    "E[log p-hat] = " + e + " > log p = " + logp + " (exact over " + r.paths() + " draw paths)",
                    "K", c.particles()));
        }
    }

    /**
     * Eq. (2.64) on one-state games: every equilibrium {@link org.memarl.algorithms.games.BimatrixNash} returns (the
     * stage-game solver of Nash-Q, (2.66)) is a pair of distributions from which no pure deviation gains, and there is
     * at least one (Nash's theorem).
     */
    static final class StageNashEquilibria extends BaseClaim {
        /** A stage-game solver as the check sees it: the equilibria (agent, opponent strategies) of payoffs A, B. */
        @FunctionalInterface
        interface Solver {
            List<double[][]> equilibria(double[][] a, double[][] b);
        }

        /** The library's solver, {@link org.memarl.algorithms.games.BimatrixNash}. */
        static final Solver LIBRARY = (a, b) -> org.memarl.algorithms.games.BimatrixNash.solve(a, b).equilibria().stream()
                .map(e -> new double[][] {e.agent(), e.opponent()}).collect(java.util.stream.Collectors.toList());

        private final Solver solver;

        StageNashEquilibria() {
            this(LIBRARY);
        }

        /** The check applied to another solver (the tests show that a wrong one fails it). */
        StageNashEquilibria(Solver solver) {
            super("stage-nash-equilibria", "eq. (2.64)", Status.HOLDS, null,
                    "For random bimatrix stage games (1 to 4 actions each; real or small-integer payoffs, so degenerate games"
                    + " occur), BimatrixNash returns at least one equilibrium, and each (x, y) is a pair of distributions with"
                    + " max_a (A y)_a <= x'A y and max_b (x'B)_b <= x'B y (the Nash condition (2.64) for one state), to the"
                    + " solver's stated tolerance (1e-9 of each player's payoff span) plus rounding; payoffs recomputed directly.",
                    List.of());
            this.solver = solver;
        }

        @Override
        public Trial trial(long seed, int size) {
            SplittableRandom rng = new SplittableRandom(seed ^ 0x2545F4914F6CDD1DL);
            int na = 1 + rng.nextInt(size);
            int nb = 1 + rng.nextInt(size);
            boolean integer = rng.nextBoolean();
            double[][] a = new double[na][nb];
            double[][] b = new double[na][nb];
            double span = 0.0;
            double big = 0.0;
            for (int i = 0; i < na; i++) {
                for (int j = 0; j < nb; j++) {
                    a[i][j] = integer ? rng.nextInt(3) : RandomMdps.round(2.0 * rng.nextDouble() - 1.0);
                    b[i][j] = integer ? rng.nextInt(3) : RandomMdps.round(2.0 * rng.nextDouble() - 1.0);
                    big = Math.max(big, Math.max(Math.abs(a[i][j]), Math.abs(b[i][j])));
                }
            }
            span = Math.max(spanOf(a), spanOf(b));
            List<double[][]> eqs = solver.equilibria(a, b);
            double viol = eqs.isEmpty() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            String what = eqs.isEmpty() ? "no equilibrium returned" : "";
            for (double[][] e : eqs) {
                double[] x = e[0];
                double[] y = e[1];
                double sx = 0.0;
                double sy = 0.0;
                for (double v : x) {
                    viol = Math.max(viol, -v);
                    sx += v;
                }
                for (double v : y) {
                    viol = Math.max(viol, -v);
                    sy += v;
                }
                viol = Math.max(viol, Math.max(Math.abs(sx - 1.0), Math.abs(sy - 1.0)) * Math.max(big, 1.0));
                double ua = 0.0;
                double ub = 0.0;
                double[] ay = new double[na];
                double[] xb = new double[nb];
                for (int i = 0; i < na; i++) {
                    for (int j = 0; j < nb; j++) {
                        ay[i] += a[i][j] * y[j];
                        xb[j] += x[i] * b[i][j];
                        ua += x[i] * a[i][j] * y[j];
                        ub += x[i] * b[i][j] * y[j];
                    }
                }
                for (int i = 0; i < na; i++) {
                    if (ay[i] - ua > viol) {
                        viol = ay[i] - ua;
                        what = "the agent gains " + viol + " by deviating to action " + i + " from " + java.util.Arrays.deepToString(e);
                    }
                }
                for (int j = 0; j < nb; j++) {
                    if (xb[j] - ub > viol) {
                        viol = xb[j] - ub;
                        what = "the opponent gains " + viol + " by deviating to action " + j + " from " + java.util.Arrays.deepToString(e);
                    }
                }
            }
            double tol = 2.0 * org.memarl.algorithms.games.BimatrixNash.TOLERANCE * span + 16.0 * (na + nb) * Math.ulp(Math.max(big, 1.0));
            String detail = what;
            return new Trial(viol, tol, na * nb, () -> {
                return Chapter2Claims.instance(F.objectNode(), detail, "agentPayoff", a, "opponentPayoff", b);
            });
        }

        static double spanOf(double[][] m) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] row : m) {
                for (double v : row) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            return hi - lo;
        }
    }
}
