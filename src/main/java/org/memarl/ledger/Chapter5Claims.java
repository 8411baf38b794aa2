package org.memarl.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.memarl.algorithms.belief.BayesFilter;
import org.memarl.algorithms.belief.Draws;
import org.memarl.algorithms.belief.FilterStep;
import org.memarl.algorithms.belief.MonteCarloObjective;
import org.memarl.algorithms.belief.ParticleFilter;
import org.memarl.algorithms.belief.Proposal;
import org.memarl.algorithms.belief.PublicBelief;
import org.memarl.io.BeliefModelWriter;
import org.memarl.algorithms.Sampling;
import org.memarl.model.DecPomdp;
import org.memarl.model.Pomdp;

/**
 * The claims of thesis chapter 5 (belief): the importance-weighted bound (5.2), the unbiasedness of the
 * SMC likelihood estimate (5.17), the unbiasedness of the unnormalised particle belief behind (5.16),
 * and the monotonicity in beta of the public-belief value ((5.21)-(5.23)). All four are checked exactly:
 * (5.2) by summing over all multisets of K draws, (5.17) and (5.16) by enumerating every path of
 * ancestor and proposal draws of {@link ParticleFilter} ({@link PathEnumeration}) on small instances
 * (K, n, T &lt;= 3), compared with the exact filter to a few ulps.
 */
public final class Chapter5Claims {
    /** Bound on the number of enumerated SMC paths per trial: {@code n^K (K n)^(K T)} is kept below it. */
    static final long PATH_BUDGET = 20_000;
    /** Machine epsilon, {@code 2^-52}. */
    private static final double EPS = Math.ulp(1.0);

    private Chapter5Claims() {
    }

    public static List<Claim> all() {
        return List.of(new ImportanceWeightedBound(), new SmcUnbiased(), new SmcBeliefConsistent(),
                new PublicBeliefMonotone());
    }

    // ------------------------------------------------------------------ helpers

    /** A random POMDP, a random action sequence and observations drawn from the model (so of positive probability). */
    record Instance(Pomdp model, int[] actions, int[] observations, List<FilterStep> steps) {
    }

    /** An instance with horizon 3 and at most {@code size} states. */
    static Instance instance(SplittableRandom rng, int size) {
        return simulate(rng, RandomBeliefModels.pomdp(rng, size), 3);
    }

    /** Simulates {@code horizon} steps of the model under random actions. */
    static Instance simulate(SplittableRandom rng, Pomdp m, int horizon) {
        int[] a = new int[horizon];
        int[] o = new int[horizon];
        int s = Sampling.sample(rng, m.initial(), 0, m.numStates());
        List<FilterStep> steps = new ArrayList<>();
        double[] row = new double[Math.max(m.numStates(), m.numObservations())];
        for (int t = 0; t < horizon; t++) {
            a[t] = rng.nextInt(m.numActions());
            for (int s2 = 0; s2 < m.numStates(); s2++) {
                row[s2] = m.transition(s, a[t], s2);
            }
            s = Sampling.sample(rng, row, 0, m.numStates());
            for (int z = 0; z < m.numObservations(); z++) {
                row[z] = m.observation(s, a[t], z);
            }
            o[t] = Sampling.sample(rng, row, 0, m.numObservations());
            steps.add(FilterStep.of(m, a[t], o[t]));
        }
        return new Instance(m, a, o, steps);
    }

    /** A user-given proposal with full support (half the trials) or the bootstrap. */
    static Proposal proposal(SplittableRandom rng, int n) {
        if (rng.nextBoolean()) {
            return Proposal.BOOTSTRAP;
        }
        double[][] q = new double[n][];
        for (int s = 0; s < n; s++) {
            q[s] = RandomBeliefModels.distribution(rng, n, false);
        }
        return Proposal.of(q);
    }

    /** An upper bound on the number of draw paths of K particles over T steps on n states: {@code n^K (K n)^(K T)}. */
    static double pathBound(int k, int n, int horizon) {
        return Math.pow(n, k) * Math.pow((double) k * n, (double) k * horizon);
    }

    static com.fasterxml.jackson.databind.node.ObjectNode doc(Instance in, String detail, Object... params) {
        Object[] all = new Object[params.length + 4];
        all[0] = "actions";
        all[1] = in.actions();
        all[2] = "observations";
        all[3] = in.observations();
        System.arraycopy(params, 0, all, 4, params.length);
        return Chapter2Claims.instance(BeliefModelWriter.toJson(in.model()), detail, all);
    }

    /** An SMC estimator as the exact checks see it: one run of K particles making its choices through {@code draws}. */
    @FunctionalInterface
    interface SmcEstimator {
        ParticleFilter.Run run(int particles, Proposal proposal, double[] initial, List<FilterStep> steps, Draws draws);
    }

    /** The library's estimator, {@link ParticleFilter}. */
    static final SmcEstimator SMC = (k, prop, initial, steps, draws) -> new ParticleFilter(k, prop).run(initial, steps, draws);

    /** A small SMC instance for the exact checks: n &lt;= 3 states, K in 1..3, T in 1..3 within {@link #PATH_BUDGET}. */
    record SmallSmc(Instance in, Proposal proposal, int particles) {
    }

    static SmallSmc smallSmc(SplittableRandom rng, int size) {
        Pomdp m = RandomBeliefModels.pomdp(rng, Math.min(size, 3));
        int n = m.numStates();
        int k = 1 + rng.nextInt(3);
        int horizon = 3;
        while (horizon > 1 && pathBound(k, n, horizon) > PATH_BUDGET) {
            horizon--;
        }
        if (pathBound(k, n, horizon) > PATH_BUDGET) {
            k--; // K = 3 on 3 states at T = 1 is 19683 paths, within the budget; kept as a guard
        }
        Instance in = simulate(rng, m, horizon);
        return new SmallSmc(in, proposal(rng, n), k);
    }

    /**
     * The exact comparison behind (5.17) and (5.16): the expectation over every draw path of the
     * estimator's {@code p-hat} (or {@code p-hat B-hat_T(s)} for every s when {@code beliefs}) against the
     * exact filter's {@code p} (or {@code p B_T(s)}). The violation is the largest absolute difference; the
     * tolerance bounds the rounding: per path O(K T + n^2 T) relative errors of {@code eps} in the weights,
     * probabilities and the filter, plus the error of {@code exp(sum_t log mean_t)}, which is {@code (T + 1)
     * ulp(|log p-hat|)} relative (so its expectation {@code E[p-hat (|log p-hat| + 1)]} is enumerated too),
     * times 4.
     */
    static Trial exactCheck(SmallSmc c, SmcEstimator est, boolean beliefs) {
        Instance in = c.in();
        int n = in.model().numStates();
        int k = c.particles();
        int horizon = in.steps().size();
        double[] init = in.model().initial();
        BayesFilter.Result exact = BayesFilter.run(init, in.steps());
        double p = Math.exp(exact.logLikelihood());
        double[] target = beliefs ? new double[n] : new double[] {p};
        if (beliefs) {
            for (int s = 0; s < n; s++) {
                target[s] = p * exact.beliefs()[horizon][s];
            }
        }
        int dims = target.length;
        PathEnumeration.Result r = PathEnumeration.expectation(dims + 1, draws -> {
            ParticleFilter.Run run = est.run(k, c.proposal(), init, in.steps(), draws);
            double ph = run.likelihood();
            double[] x = new double[dims + 1];
            if (beliefs) {
                for (int s = 0; s < n; s++) {
                    x[s] = ph * run.beliefs()[horizon][s];
                }
            } else {
                x[0] = ph;
            }
            x[dims] = ph == 0.0 ? 0.0 : ph * (Math.abs(run.logLikelihood()) + 1.0);
            return x;
        }, 4 * PATH_BUDGET);
        double worst = 0.0;
        int at = 0;
        for (int i = 0; i < dims; i++) {
            double d = Math.abs(r.mean()[i] - target[i]);
            if (d > worst) {
                worst = d;
                at = i;
            }
        }
        double big = Math.max(p, beliefs ? 0.0 : r.mean()[0]);
        for (int i = 0; beliefs && i < dims; i++) {
            big = Math.max(big, r.mean()[i]);
        }
        double tol = 4.0 * EPS * ((8.0 * k * (horizon + 2) + 8.0 * n * n * horizon + 32.0) * big
                + 4.0 * (horizon + 1) * (r.mean()[dims] + p * (Math.abs(Math.log(p)) + 1.0)));
        int i0 = at;
        double worstF = worst;
        String what = beliefs
                ? "E[p-hat B-hat_T(" + i0 + ")] = " + r.mean()[i0] + " vs p(y, s_T = " + i0 + ") = " + target[i0]
                : "E[p-hat] = " + r.mean()[0] + " vs p = " + p;
        return new Trial(worstF, tol, n * in.model().numActions(), () -> doc(in,
                what + " (exact over " + r.paths() + " draw paths, total probability " + r.totalProbability() + ")",
                "K", k, "bootstrap", c.proposal() == Proposal.BOOTSTRAP));
    }

    // ------------------------------------------------------------------ claims

    /** A K-sample objective as the (5.2) check sees it (the library's is {@link MonteCarloObjective#expectedLogEstimate}). */
    @FunctionalInterface
    interface Objective {
        double value(double[] joint, double[] q, int k);
    }

    /** (5.2): the importance-weighted objective is a lower bound of log p(x) that tightens with K. */
    static final class ImportanceWeightedBound extends BaseClaim {
        static final int MAX_K = 5;
        private final Objective objective;

        ImportanceWeightedBound() {
            this(MonteCarloObjective::expectedLogEstimate);
        }

        /** The check applied to another objective (the tests show that a wrong one fails it). */
        ImportanceWeightedBound(Objective objective) {
            super("iwae-bound", "eq. (5.2)", Status.HOLDS, null,
                    "For a finite latent z with p(x, z) and a proposal q covering it, L_K = E[log (1/K) sum_k p(x, z_k)/q(z_k)]"
                    + " (z_k i.i.d. from q; computed exactly by summing over all multisets of K draws) satisfies"
                    + " L_K <= log p(x) and L_K <= L_{K+1} for K = 1.." + MAX_K + " (log p(x) = log sum_z p(x, z) directly)."
                    + " In 3 of 4 trials q has exactly the support of p(x, .), so every L_K is finite; in the others q"
                    + " also puts mass where p(x, z) = 0, every L_K is -inf, and the check is that L_K = -inf never"
                    + " exceeds a finite value.",
                    List.of());
            this.objective = objective;
        }

        @Override
        public Trial trial(long seed, int size) {
            SplittableRandom rng = new SplittableRandom(seed);
            int n = 1 + rng.nextInt(size + 1);
            double[] joint = new double[n];
            double[] q = new double[n];
            double scale = Math.pow(10.0, -rng.nextInt(4));
            double p = 0.0;
            for (int z = 0; z < n; z++) {
                joint[z] = rng.nextInt(4) == 0 ? 0.0 : scale * rng.nextDouble();
                p += joint[z];
            }
            if (p == 0.0) {
                joint[0] = scale;
                p = scale;
            }
            boolean extraSupport = rng.nextInt(4) == 0;
            double qz = 0.0;
            for (int z = 0; z < n; z++) {
                q[z] = joint[z] > 0.0 || (extraSupport && rng.nextBoolean()) ? rng.nextDouble() + 0.01 : 0.0;
                qz += q[z];
            }
            for (int z = 0; z < n; z++) {
                q[z] /= qz;
            }
            double logp = Math.log(p);
            double[] l = new double[MAX_K + 1];
            for (int k = 1; k <= MAX_K + 1; k++) {
                l[k - 1] = objective.value(joint, q, k);
            }
            double worst = Double.NEGATIVE_INFINITY;
            String what = "";
            for (int k = 1; k <= MAX_K; k++) {
                // -inf is explicit: L_K = -inf satisfies both inequalities; a finite L_K above L_{K+1} = -inf is an infinite violation
                double overBound = l[k - 1] == Double.NEGATIVE_INFINITY ? Double.NEGATIVE_INFINITY : l[k - 1] - logp;
                double overNext = l[k - 1] == Double.NEGATIVE_INFINITY ? Double.NEGATIVE_INFINITY
                        : l[k] == Double.NEGATIVE_INFINITY ? Double.POSITIVE_INFINITY : l[k - 1] - l[k];
                if (overBound > worst) {
                    worst = overBound;
                    what = "L_" + k + " = " + l[k - 1] + " > log p(x) = " + logp;
                }
                if (overNext > worst) {
                    worst = overNext;
                    what = "L_" + k + " = " + l[k - 1] + " > L_" + (k + 1) + " = " + l[k];
                }
            }
            // L_K sums C(n + K - 1, K) terms P(c) log(mean weight), each log at most max_z |log w(z)| in size
            double mag = Math.abs(logp) + 1.0;
            for (int z = 0; z < n; z++) {
                if (joint[z] > 0.0) {
                    mag = Math.max(mag, Math.abs(Math.log(joint[z] / q[z])) + 1.0);
                }
            }
            double terms = binomial(n + MAX_K, MAX_K + 1);
            double tol = 64.0 * terms * Math.ulp(mag);
            String detail = what;
            return new Trial(worst, tol, n, () -> Chapter2Claims.instance(
                    com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), detail,
                    "joint", joint, "q", q));
        }

        static double binomial(int a, int b) {
            double c = 1.0;
            for (int i = 1; i <= b; i++) {
                c = c * (a - b + i) / i;
            }
            return Math.rint(c);
        }
    }

    /** (5.17): the SMC likelihood estimate is unbiased, checked exactly by enumerating the draw paths. */
    static final class SmcUnbiased extends BaseClaim {
        private final SmcEstimator estimator;

        SmcUnbiased() {
            this(SMC);
        }

        /** The check applied to another estimator (the tests show that a biased one fails it). */
        SmcUnbiased(SmcEstimator estimator) {
            super("smc-likelihood-unbiased", "eq. (5.17)", Status.HOLDS, null,
                    "The SMC estimate p-hat(o_{1:T} | a) = prod_t (1/K) sum_k w^k_t (K = 1..3 particles, multinomial"
                    + " ancestor resampling, bootstrap or a user-given full-support proposal) is unbiased:"
                    + " E[p-hat] = p(o_{1:T} | a) exactly, E computed by enumerating every path of initial, ancestor and"
                    + " proposal draws (n <= 3 states, T <= 3 steps, at most " + PATH_BUDGET + " paths) and p by the"
                    + " exact filter, equal to a few ulps. The thesis prints (5.17) as an equality and calls the"
                    + " objective 'a tighter variational lower bound'; the ledger checks the unbiasedness reading"
                    + " E[p-hat] = p (whose logarithm is a lower bound by Jensen, which (5.2) checks).",
                    List.of());
            this.estimator = estimator;
        }

        @Override
        public Trial trial(long seed, int size) {
            return exactCheck(smallSmc(new SplittableRandom(seed), size), estimator, false);
        }
    }

    /** (5.15)-(5.16): the unnormalised particle belief is unbiased, checked exactly by enumerating the draw paths. */
    static final class SmcBeliefConsistent extends BaseClaim {
        private final SmcEstimator estimator;

        SmcBeliefConsistent() {
            this(SMC);
        }

        /** The check applied to another estimator (the tests show that a biased one fails it). */
        SmcBeliefConsistent(SmcEstimator estimator) {
            super("smc-belief-consistent", "eq. (5.16)", Status.HOLDS, null,
                    "The particle belief B-hat_T(s) = sum_k W^k_T [s^k_T = s] of (5.15)-(5.16), with normalised weights"
                    + " W^k = w^k / sum_j w^j as in (5.22) (the thesis writes (1/K) sum_k W^k delta), is the normalised form"
                    + " of an unbiased estimate: E[p-hat B-hat_T(s)] = p(o_{1:T}, s_T = s) exactly for every s (K = 1..3,"
                    + " n <= 3, T <= 3, every draw path enumerated, a few ulps). This is the basis of its consistency"
                    + " (B-hat_T -> B_T as K -> inf, Del Moral 2004), which is not checked numerically: the"
                    + " total-variation error is not monotone in K at small K.",
                    List.of());
            this.estimator = estimator;
        }

        @Override
        public Trial trial(long seed, int size) {
            return exactCheck(smallSmc(new SplittableRandom(seed), size), estimator, true);
        }
    }

    /** (5.21)-(5.23): the public-belief value is nondecreasing in beta. */
    static final class PublicBeliefMonotone extends BaseClaim {
        PublicBeliefMonotone() {
            super("public-belief-monotone", "eq. (5.23)", Status.HOLDS, null,
                    "The exact public-belief value V_0(B_0) of the soft recursion (5.21)-(5.23) over prescriptions (prior ="
                    + " product of the action priors) is nondecreasing in beta on random two-agent Dec-POMDPs (horizon"
                    + " 1-2, public actions and signals), for any pair beta1 <= beta2 in [-inf, inf] (beta = 0 and +-inf"
                    + " included). The printed (5.23) has no logarithm (V = integral P_prior exp Q, the normaliser of the"
                    + " Boltzmann policy); the value checked is (1/beta) log of it, in reward units.",
                    List.of());
        }

        @Override
        public Trial trial(long seed, int size) {
            SplittableRandom rng = new SplittableRandom(seed);
            DecPomdp d = RandomBeliefModels.decPomdp(rng, size);
            double b1 = Chapter2Claims.anyBeta(rng);
            double b2 = Chapter2Claims.anyBeta(rng);
            double lo = Math.min(b1, b2);
            double hi = Math.max(b1, b2);
            double vlo = PublicBelief.solve(d, lo).root().value();
            double vhi = PublicBelief.solve(d, hi).root().value();
            double scale = d.maxAbsReward() * d.horizon() + 1.0;
            return new Trial(vlo - vhi, 64.0 * d.horizon() * Math.ulp(scale), d.numStates() * d.numJointActions(),
                    () -> Chapter2Claims.instance(BeliefModelWriter.toJson(d), "V(beta = " + lo + ") = " + vlo
                            + " > V(beta = " + hi + ") = " + vhi, "betaLow", lo, "betaHigh", hi));
        }
    }
}
