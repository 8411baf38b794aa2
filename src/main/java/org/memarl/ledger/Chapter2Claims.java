package org.memarl.ledger;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.SplittableRandom;
import org.memarl.algorithms.classical.PolicyEvaluation;
import org.memarl.algorithms.classical.QIteration;
import org.memarl.algorithms.soft.Elbo;
import org.memarl.algorithms.soft.SoftValueIteration;
import org.memarl.io.ModelWriter;
import org.memarl.io.ResultWriter;
import org.memarl.kernel.SoftExtremum;
import org.memarl.model.Mdp;
import org.memarl.solve.ChainBellman;
import org.memarl.solve.FixedPoint;
import org.memarl.solve.FixedPointDriver;
import org.memarl.solve.IterationOptions;
import org.memarl.solve.Sweep;
import org.memarl.solve.ValueOperator;

/**
 * The claims of thesis chapter 2 and appendix A, stated as finite checks in reward units
 * ({@code V = (1/beta) log sum_a P exp(beta Q)}). Each is checked on random MDPs from
 * {@link RandomMdps} against exact linear solves, closed-form bounds or a second computation.
 */
public final class Chapter2Claims {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Tolerance to which reference fixed points are solved inside the checks. */
    static final double REFERENCE_TOLERANCE = 1e-12;

    private Chapter2Claims() {
    }

    public static List<Claim> all() {
        return List.of(
                new PolicyImprovement(), new ExpectedBellmanContraction(), new OptimalQContraction(),
                new SoftBellmanContraction(), new SoftPolicyImprovement(), new BoltzmannMaximisesElbo(),
                betaToInfinity(), new BetaToZero(), new FiniteHorizonRate(),
                new PrintedSoftEvaluation(), new CorrectedSoftEvaluation());
    }

    // ------------------------------------------------------------------ helpers

    /** A few ulps of the largest magnitude involved, amplified by the linear-solve condition 1/(1-gamma). */
    static double solveTolerance(double scale, double gamma, int n) {
        return 16.0 * (n + 1) * Math.ulp(Math.max(scale, Double.MIN_NORMAL)) / (1.0 - Math.min(gamma, 1.0 - 1e-3));
    }

    /** A few ulps of the largest magnitude involved (direct arithmetic, no solve). */
    static double ulps(double scale) {
        return 16.0 * Math.ulp(Math.max(scale, Double.MIN_NORMAL));
    }

    static double maxAbs(double[]... xs) {
        double m = 0.0;
        for (double[] x : xs) {
            for (double v : x) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }

    /**
     * The floating-point floor of an iterated fixed point: every sweep rounds by a few ulps of max|V|,
     * and the contraction accumulates that to about ulps / (1 - gamma) on top of the driver's bound.
     */
    static double fixedPointFloor(double[] v, double gamma) {
        return 16.0 * Math.ulp(Math.max(maxAbs(v), Double.MIN_NORMAL)) / (1.0 - gamma);
    }

    static double supDiff(double[] a, double[] b) {
        double d = 0.0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    static double[] randomVector(SplittableRandom rng, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * (2.0 * rng.nextDouble() - 1.0);
        }
        return v;
    }

    /** Any inverse temperature: +-inf, 0, or +-10^u with u in [-3, 3]. */
    static double anyBeta(SplittableRandom rng) {
        switch (rng.nextInt(8)) {
            case 0:
                return Double.POSITIVE_INFINITY;
            case 1:
                return Double.NEGATIVE_INFINITY;
            case 2:
                return 0.0;
            case 3:
            case 4:
                return -RandomMdps.positiveBeta(rng);
            default:
                return RandomMdps.positiveBeta(rng);
        }
    }

    static ObjectNode instance(Mdp mdp, String detail, Object... params) {
        return instance(ModelWriter.toJson(mdp), detail, params);
    }

    /** A counterexample document: the model file, the parameters (name, value pairs) and what failed. */
    static ObjectNode instance(com.fasterxml.jackson.databind.JsonNode model, String detail, Object... params) {
        ObjectNode o = F.objectNode();
        o.set("model", model);
        ObjectNode p = F.objectNode();
        for (int i = 0; i + 1 < params.length; i += 2) {
            p.set((String) params[i], ResultWriter.node(params[i + 1]));
        }
        o.set("parameters", p);
        o.put("detail", detail);
        return o;
    }

    static int size(Mdp mdp) {
        return mdp.numStates() * mdp.numActions();
    }

    static FixedPoint softFixedPoint(Mdp mdp, double beta, double tol) {
        ChainBellman op = SoftValueIteration.operator(mdp, beta);
        return FixedPointDriver.solve(op, new double[mdp.numStates()],
                new IterationOptions(tol, 10_000_000, Sweep.GAUSS_SEIDEL));
        // not requireConverged(): at the rounding floor the driver stops early and its errorBound is still exact
    }

    static double[][] boltzmann(Mdp mdp, double[][] q, double beta) {
        int n = mdp.numStates();
        int m = mdp.numActions();
        double[] prior = mdp.priorFlat();
        double[][] pi = new double[n][m];
        for (int s = 0; s < n; s++) {
            SoftExtremum.policy(beta, q[s], 0, prior, s * m, m, pi[s], 0);
        }
        return pi;
    }

    /** Sup-norm contraction check of an operator on two random vectors. */
    static Trial contraction(ValueOperator op, Mdp mdp, SplittableRandom rng, String detail, Object... params) {
        ContractionCheck c = new ContractionCheck(op, op.modulus(), mdp.maxAbsReward(), rng, true);
        return new Trial(c.lhs - c.rhs, ulps(c.scale()), size(mdp), () -> instance(mdp,
                detail + ": ||B x - B y|| = " + c.lhs + " > gamma ||x - y|| = " + c.rhs, params));
    }

    /**
     * One sup-norm contraction check {@code ||B x - B y|| <= modulus ||x - y||}: x random at the scale of the values
     * ({@code max(1, max|r|) / (1 - modulus)}), y random too (or, when {@code mayCoincide}, possibly x itself), and
     * half the time y a small perturbation of x instead (the Lipschitz constant near a point).
     */
    static final class ContractionCheck {
        final double[] x;
        final double[] y;
        final double[] bx;
        final double[] by;
        final double lhs;
        final double rhs;

        ContractionCheck(ValueOperator op, double modulus, double maxAbsReward, SplittableRandom rng, boolean mayCoincide) {
            double scale = Math.max(1.0, maxAbsReward) / (1.0 - Math.min(modulus, 0.99));
            x = randomVector(rng, op.size(), scale);
            double[] v = !mayCoincide || rng.nextBoolean() ? randomVector(rng, op.size(), scale) : x.clone();
            if (rng.nextBoolean()) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = x[i] + 1e-3 * scale * (2.0 * rng.nextDouble() - 1.0);
                }
            }
            y = v;
            bx = new double[op.size()];
            by = new double[op.size()];
            op.apply(x, bx);
            op.apply(y, by);
            lhs = supDiff(bx, by);
            rhs = modulus * supDiff(x, y);
        }

        /** The largest magnitude involved (the scale of the rounding). */
        double scale() {
            return maxAbs(bx, by, x, y);
        }
    }

    // ------------------------------------------------------------------ claims

    /** Appendix A.2.1: greedy improvement does not decrease the value. */
    static final class PolicyImprovement extends BaseClaim {
        PolicyImprovement() {
            super("policy-improvement",
                    "appendix A.2.1",
                    Status.HOLDS,
                    null,
                    "For any stationary policy pi (gamma < 1), the greedy policy pi'(s) = argmax_a Q^pi(s, a) of (2.16)"
                    + " satisfies V^pi'(s) >= V^pi(s) in every state (both evaluated by exact linear solves).",
                    java.util.List.of());
        }

        @Override
        public Trial trial(long seed, int size) {
            SplittableRandom rng = new SplittableRandom(seed ^ 0x2545F4914F6CDD1DL);
            Mdp mdp = RandomMdps.mdp(seed, size);
            double[][] pi = RandomMdps.policy(rng, mdp, rng.nextBoolean());
            double[] v = PolicyEvaluation.exact(mdp, pi, Double.POSITIVE_INFINITY);
            double[][] q = PolicyEvaluation.qFromV(mdp, v);
            int n = mdp.numStates();
            int m = mdp.numActions();
            double[][] greedy = new double[n][m];
            for (int s = 0; s < n; s++) {
                int best = 0;
                for (int a = 1; a < m; a++) {
                    if (q[s][a] > q[s][best]) {
                        best = a;
                    }
                }
                greedy[s][best] = 1.0;
            }
            double[] v2 = PolicyEvaluation.exact(mdp, greedy, Double.POSITIVE_INFINITY);
            double viol = Double.NEGATIVE_INFINITY;
            for (int s = 0; s < n; s++) {
                viol = Math.max(viol, v[s] - v2[s]);
            }
            double worst = viol;
            return new Trial(viol, solveTolerance(maxAbs(v, v2), mdp.gamma(), n), size(mdp),
                    () -> instance(mdp, "V^pi exceeds V^pi' by " + worst, "policy", pi, "greedy", greedy));
        }
    }

    /** Appendix A.2.2: the expected Bellman operator (2.18) is a gamma-contraction. */
    static final class ExpectedBellmanContraction extends BaseClaim {
        ExpectedBellmanContraction() {
            super("expected-bellman-contraction",
                    "appendix A.2.2",
                    Status.HOLDS,
                    null,
                    "For any policy pi, the expected Bellman operator (2.18) B^pi V(s) = E_pi[r + gamma E V(s')] satisfies"
                    + " ||B^pi V1 - B^pi V2||_inf <= gamma ||V1 - V2||_inf.",
                    java.util.List.of());
        }

        @Override
        public Trial trial(long seed, int size) {
            SplittableRandom rng = new SplittableRandom(seed ^ 0x3C6EF372FE94F82BL);
            Mdp mdp = RandomMdps.mdp(seed, size);
            double[][] pi = RandomMdps.policy(rng, mdp, false);
            return contraction(PolicyEvaluation.operator(mdp, pi, Double.POSITIVE_INFINITY), mdp, rng,
                    "expected Bellman operator", "policy", pi);
        }
    }

    /** Eq. (2.20): the optimal action-value operator is a gamma-contraction. */
    static final class OptimalQContraction extends BaseClaim {
        OptimalQContraction() {
            super("optimal-q-contraction",
                    "eq. (2.20)",
                    Status.HOLDS,
                    null,
                    "The optimal action-value operator (2.20) B*Q(s,a) = r(s,a) + gamma E[max_a' Q(s',a')] satisfies"
                    + " ||B*Q1 - B*Q2||_inf <= gamma ||Q1 - Q2||_inf.",
                    java.util.List.of());
        }

        @Override
        public Trial trial(long seed, int size) {
            SplittableRandom rng = new SplittableRandom(seed ^ 0x7F4A7C15L);
            Mdp mdp = RandomMdps.mdp(seed, size);
            return contraction(QIteration.operator(mdp, Double.POSITIVE_INFINITY), mdp, rng, "optimal Q operator");
        }
    }

    /** Appendix A.3.3: the soft Bellman operator (2.52)/(A.5) is a gamma-contraction for every beta and prior. */
    static final class SoftBellmanContraction extends BaseClaim {
        SoftBellmanContraction() {
            super("soft-bellman-contraction",
                    "appendix A.3.3",
                    Status.HOLDS,
                    null,
                    statementText(),
                    java.util.List.of());
        }

        @Override
        public Trial trial(long seed, int size) {
            SplittableRandom rng = new SplittableRandom(seed ^ 0x1B873593L);
            Mdp mdp = RandomMdps.mdp(seed, size);
            double beta = anyBeta(rng);
            return contraction(QIteration.operator(mdp, beta), mdp, rng, "soft Bellman operator", "beta", beta);
        }
    
        private static String statementText() {
            return "For every prior P and every beta (the thesis proves beta > 0; checked also for beta < 0, 0 and +-inf),"
                        + " the soft Bellman operator (2.52)/(A.5) BQ(s,a) = r(s,a) + gamma E[(1/beta) log sum_a' P(a'|s')"
                        + " exp(beta Q(s',a'))] satisfies ||BQ1 - BQ2||_inf <= gamma ||Q1 - Q2||_inf.";
        }
    }

    /** Theorem 6: the Boltzmann update of any policy does not decrease its soft Q. */
    static final class SoftPolicyImprovement extends BaseClaim {
        SoftPolicyImprovement() {
            super("soft-policy-improvement",
                    "Theorem 6",
                    Status.HOLDS,
                    null,
                    "For beta > 0, gamma < 1 and any policy pi_old with finite KL to the prior, pi_new(a|s) proportional to"
                    + " P(a|s) exp(beta Q^pi_old(s,a)) (2.53) satisfies Q^pi_new(s,a) >= Q^pi_old(s,a) for all (s,a), where"
                    + " Q^pi = r + gamma E V^pi and V^pi is the soft policy evaluation (2.50) solved exactly.",
                    java.util.List.of());
        }

        @Override
        public Trial trial(long seed, int size) {
            SplittableRandom rng = new SplittableRandom(seed ^ 0x85EBCA6BL);
            Mdp mdp = RandomMdps.mdp(seed, size);
            double beta = RandomMdps.positiveBeta(rng);
            double[][] old = RandomMdps.policy(rng, mdp, false);
            double[] vOld = PolicyEvaluation.exact(mdp, old, beta);
            double[][] qOld = PolicyEvaluation.qFromV(mdp, vOld);
            double[][] neu = boltzmann(mdp, qOld, beta);
            double[] vNew = PolicyEvaluation.exact(mdp, neu, beta);
            double[][] qNew = PolicyEvaluation.qFromV(mdp, vNew);
            double viol = Double.NEGATIVE_INFINITY;
            for (int s = 0; s < qOld.length; s++) {
                for (int a = 0; a < qOld[s].length; a++) {
                    viol = Math.max(viol, qOld[s][a] - qNew[s][a]);
                }
            }
            double worst = viol;
            double scale = Math.max(maxAbs(qOld), maxAbs(qNew));
            scale = Math.max(Math.max(scale, maxAbs(vOld, vNew)), 1.0 / beta);
            return new Trial(viol, solveTolerance(scale, mdp.gamma(), mdp.numStates()),
                    size(mdp), () -> instance(mdp, "Q^old exceeds Q^new by " + worst, "beta", beta, "policy", old));
        }
    }

    /** Eq. (2.48): the Boltzmann policy of the backward messages maximises the ELBO (2.42). */
    static final class BoltzmannMaximisesElbo extends BaseClaim {
        BoltzmannMaximisesElbo() {
            super("boltzmann-maximises-elbo",
                    "eq. (2.48)",
                    Status.HOLDS,
                    null,
                    "On a finite horizon H (gamma in [0, 1], beta > 0), the time-dependent Boltzmann policy (2.48) of the"
                    + " backward messages (2.43)-(2.47) attains ELBO (2.42) = sum_s p0(s) V_0(s), and no other (random or"
                    + " perturbed) time-dependent policy has a larger exact ELBO.",
                    java.util.List.of());
        }

        @Override
        public Trial trial(long seed, int size) {
            SplittableRandom rng = new SplittableRandom(seed ^ 0xC2B2AE35L);
            Mdp base = RandomMdps.mdp(seed, size);
            Mdp mdp = rng.nextInt(3) == 0 ? base.withGamma(1.0) : base;
            int h = 1 + rng.nextInt(3);
            double beta = RandomMdps.positiveBeta(rng);
            org.memarl.solve.Solution fh = SoftValueIteration.finiteHorizon("soft-value-iteration", mdp, beta, h);
            double[][][] policyByStep = fh.policy("byStep").cube();
            double[][] vt = fh.value("Vt").matrix();
            double best = Elbo.of(mdp, beta, policyByStep);
            double v0 = 0.0;
            for (int s = 0; s < mdp.numStates(); s++) {
                v0 += mdp.initial(s) * vt[0][s];
            }
            double viol = Math.abs(best - v0);
            double scale = Math.max(Math.max(Math.abs(best), maxAbs(vt)), 1.0 / beta);
            for (int k = 0; k < 6; k++) {
                double[][][] pi = new double[h][][];
                for (int step = 0; step < h; step++) {
                    double[][] r = RandomMdps.policy(rng, mdp, false);
                    if (k % 2 == 1) {
                        double eps = Math.pow(10.0, -1 - rng.nextInt(4));
                        for (int s = 0; s < r.length; s++) {
                            for (int a = 0; a < r[s].length; a++) {
                                r[s][a] = (1 - eps) * policyByStep[step][s][a] + eps * r[s][a];
                            }
                        }
                    }
                    pi[step] = r;
                }
                double e = Elbo.of(mdp, beta, pi);
                viol = Math.max(viol, e - best);
                scale = Math.max(scale, Math.abs(e));
            }
            double worst = viol;
            return new Trial(viol, 8.0 * (h + 1) * mdp.numActions() * ulps(scale), size(mdp),
                    () -> instance(mdp, "a policy beats the Boltzmann policy (or ELBO != p0.V0) by " + worst,
                            "beta", beta, "horizon", h));
        }
    }

    /**
     * Section 2.4.1, beta -&gt; inf: soft VI tends to hard VI with an explicit gap bound; the instance of the generic
     * limits claim (e), {@link ChainClaims#limits}, on the one-level chain over random MDPs.
     */
    static Claim betaToInfinity() {
        return ChainClaims.limits("beta-to-infinity", "section 2.4.1 (beta -> inf)", Status.HOLDS,
                "For beta > 0 and gamma < 1: 0 <= V_inf(s) - V_beta(s) <= max_s max_{a: P(a|s)>0} log(1/P(a|s)) /"
                        + " (beta (1 - gamma)), where V_inf is hard value iteration over the prior's support; so V_beta -> V_inf"
                        + " as beta -> inf (checked for beta up to 1e6).",
                (seed, size) -> {
                    Mdp mdp = RandomMdps.mdp(seed, size);
                    return ChainClaims.instance(org.memarl.chains.ThesisChains.softValueIteration(Double.POSITIVE_INFINITY), java.util.Map.of(),
                            mdp, size(mdp));
                },
                (rng, depth) -> new double[] {0, RandomMdps.round(Math.pow(10.0, 6.0 * rng.nextDouble())),
                        Double.POSITIVE_INFINITY},
                java.util.List.of());
    }

    /** Section 2.4.1, beta -> 0: soft VI tends to the evaluation of the prior policy. */
    static final class BetaToZero extends BaseClaim {
        BetaToZero() {
            super("beta-to-zero",
                    "section 2.4.1 (beta -> 0)",
                    Status.HOLDS,
                    null,
                    statementText(),
                    java.util.List.of());
        }

        @Override
        public Trial trial(long seed, int size) {
            SplittableRandom rng = new SplittableRandom(seed ^ 0x27D4EB2FL);
            Mdp mdp = RandomMdps.mdp(seed, size);
            double beta = RandomMdps.round(Math.pow(10.0, -6.0 * rng.nextDouble()));
            FixedPoint soft = softFixedPoint(mdp, beta, REFERENCE_TOLERANCE);
            double[] vs = soft.values();
            double[] vp = PolicyEvaluation.exact(mdp, normalise(mdp.prior2d()), 0.0);
            double[][] q = PolicyEvaluation.qFromV(mdp, vs);
            double range = 0.0;
            for (int s = 0; s < q.length; s++) {
                double hi = Double.NEGATIVE_INFINITY;
                double lo = Double.POSITIVE_INFINITY;
                for (int a = 0; a < q[s].length; a++) {
                    if (mdp.prior(s, a) > 0.0) {
                        hi = Math.max(hi, q[s][a]);
                        lo = Math.min(lo, q[s][a]);
                    }
                }
                range = Math.max(range, hi - lo);
            }
            // the range is taken from the approximate Q; widen it by the solver's error bound
            double r = range + 2.0 * mdp.gamma() * soft.errorBound();
            double bound = beta * r * r / (8.0 * (1.0 - mdp.gamma()));
            double viol = Double.NEGATIVE_INFINITY;
            for (int s = 0; s < vs.length; s++) {
                viol = Math.max(viol, vp[s] - vs[s]);
                viol = Math.max(viol, vs[s] - vp[s] - bound);
            }
            double worst = viol;
            double tol = soft.errorBound() + fixedPointFloor(vs, mdp.gamma())
                    + solveTolerance(maxAbs(vs, vp), mdp.gamma(), vs.length);
            return new Trial(viol, tol, size(mdp), () -> instance(mdp, "gap outside [0, " + bound + "] by " + worst,
                    "beta", beta));
        }

        static double[][] normalise(double[][] p) {
            for (double[] row : p) {
                double z = 0.0;
                for (double x : row) {
                    z += x;
                }
                for (int i = 0; i < row.length; i++) {
                    row[i] /= z;
                }
            }
            return p;
        }
    
        private static String statementText() {
            return "For beta > 0 and gamma < 1: 0 <= V_beta(s) - V^P(s) <= beta max_s range_s(Q_beta)^2 / (8 (1 - gamma))"
                        + " (Hoeffding's lemma), where V^P is the exact evaluation of the prior policy and range_s the spread"
                        + " of Q_beta(s, .) over the prior's support; so V_beta -> V^P as beta -> 0 (checked down to 1e-6).";
        }
    }

    /** Eq. (2.47): finite-horizon backward messages converge to the fixed point at rate gamma^H. */
    static final class FiniteHorizonRate extends BaseClaim {
        FiniteHorizonRate() {
            super("finite-horizon-rate",
                    "eq. (2.47)",
                    Status.HOLDS,
                    null,
                    "For every beta and gamma < 1, the first backward message V_0^(H) of a horizon-H recursion"
                    + " (2.43)-(2.47) (V_H = 0) satisfies ||V_0^(H) - V*||_inf <= gamma^H ||V*||_inf, V* the soft fixed point.",
                    java.util.List.of());
        }

        @Override
        public Trial trial(long seed, int size) {
            SplittableRandom rng = new SplittableRandom(seed ^ 0x61C88647L);
            Mdp mdp = RandomMdps.mdp(seed, size);
            double beta = anyBeta(rng);
            int h = 1 + rng.nextInt(6);
            FixedPoint fp = softFixedPoint(mdp, beta, REFERENCE_TOLERANCE);
            double[] vstar = fp.values();
            double[] vh = SoftValueIteration.finiteHorizon("soft-value-iteration", mdp, beta, h).V();
            double gh = Math.pow(mdp.gamma(), h);
            double lhs = supDiff(vh, vstar);
            double rhs = gh * maxAbs(vstar);
            double tol = (fp.errorBound() + fixedPointFloor(vstar, mdp.gamma())) * (1.0 + gh) + (h + 1) * ulps(maxAbs(vh, vstar));
            return new Trial(lhs - rhs, tol, size(mdp), () -> instance(mdp, "||V_0^(H) - V*|| = " + lhs
                    + " > gamma^H ||V*|| = " + rhs, "beta", beta, "horizon", h));
        }
    }

    /**
     * Eq. (2.51) as printed: {@code V = E_pi[beta r - pi/P + gamma E V]} (the log is missing). Its fixed point is not
     * beta times the soft value; expected falsified.
     */
    static final class PrintedSoftEvaluation extends BaseClaim {
        PrintedSoftEvaluation() {
            super("soft-evaluation-as-printed",
                    "eq. (2.51)",
                    Status.FALSIFIED,
                    null,
                    "As printed, (2.51) V(s) = E_pi[beta r(s,a) - pi(a|s)/P(a|s) + gamma E V(s')] with pi the Boltzmann policy"
                    + " (2.48) has the soft value beta V* of (2.48)-(2.49) (thesis units) as its fixed point.",
                    java.util.List.of(new long[] {0L, 1}));
        }

        @Override
        public Trial trial(long seed, int size) {
            SplittableRandom rng = new SplittableRandom(seed ^ 0x9E3779B9L);
            Mdp mdp = RandomMdps.mdp(seed, size);
            double beta = RandomMdps.positiveBeta(rng);
            FixedPoint fp = softFixedPoint(mdp, beta, REFERENCE_TOLERANCE);
            double[] v = fp.values();
            double[][] pi = boltzmann(mdp, PolicyEvaluation.qFromV(mdp, v), beta);
            // printed recursion in thesis units: reward beta r - pi/P, solved exactly as a policy evaluation
            int n = mdp.numStates();
            int m = mdp.numActions();
            double[][] r = new double[n][m];
            double[] prior = mdp.priorFlat();
            for (int s = 0; s < n; s++) {
                double z = 0.0;
                for (int a = 0; a < m; a++) {
                    z += prior[s * m + a];
                }
                for (int a = 0; a < m; a++) {
                    double w = prior[s * m + a] / z;
                    r[s][a] = beta * mdp.reward(s, a) - (w > 0.0 ? pi[s][a] / w : 0.0);
                }
            }
            Mdp printed = mdp.toBuilder().rewards(r).build();
            double[] vp = PolicyEvaluation.exact(printed, pi, Double.POSITIVE_INFINITY);
            double[] scaled = new double[n];
            for (int s = 0; s < n; s++) {
                scaled[s] = beta * v[s];
            }
            double diff = supDiff(vp, scaled);
            int ws = 0;
            for (int s = 0; s < n; s++) {
                if (Math.abs(vp[s] - scaled[s]) > Math.abs(vp[ws] - scaled[ws])) {
                    ws = s;
                }
            }
            double tol = beta * (fp.errorBound() + fixedPointFloor(v, mdp.gamma())) / (1.0 - mdp.gamma())
                    + solveTolerance(Math.max(maxAbs(vp, scaled), 1.0), mdp.gamma(), n);
            return new Trial(diff, tol, size(mdp), () -> instance(mdp, "the printed recursion's fixed point differs from"
                    + " beta V* by " + diff + " (thesis units); with log(pi/P) in place of pi/P it agrees", "beta", beta))
                    .withSides("printed (2.51) fixed point V(s" + ws + ")", vp[ws], "=", "beta V*(s" + ws + ") (thesis units)",
                            scaled[ws]);
        }
    }

    /** Eq. (2.51) corrected: soft evaluation (with the log) of the Boltzmann policy of any V is within residual/(1-gamma). */
    static final class CorrectedSoftEvaluation extends BaseClaim {
        CorrectedSoftEvaluation() {
            super("soft-evaluation-corrected",
                    "eq. (2.51) (corrected)",
                    Status.HOLDS,
                    null,
                    "With the log restored, V^pi(s) = E_pi[r - (1/beta) log(pi/P) + gamma E V^pi(s')] (reward units): for any"
                    + " V and its Boltzmann policy pi (2.48), ||V^pi - V||_inf <= ||B V - V||_inf / (1 - gamma) with B the"
                    + " soft Bellman operator, so at the fixed point V^pi = V* (the soft value of (2.48)-(2.50)).",
                    java.util.List.of());
        }

        @Override
        public Trial trial(long seed, int size) {
            SplittableRandom rng = new SplittableRandom(seed ^ 0xD1B54A32D192ED03L);
            Mdp mdp = RandomMdps.mdp(seed, size);
            double beta = RandomMdps.positiveBeta(rng) * (rng.nextInt(4) == 0 ? -1 : 1);
            int n = mdp.numStates();
            double scale = Math.max(1.0, mdp.maxAbsReward()) / (1.0 - mdp.gamma());
            double[] v = rng.nextBoolean() ? randomVector(rng, n, scale) : softFixedPoint(mdp, beta, REFERENCE_TOLERANCE).values();
            ChainBellman op = SoftValueIteration.operator(mdp, beta);
            double[] bv = new double[n];
            op.apply(v, bv);
            double res = supDiff(bv, v);
            double[][] pi = boltzmann(mdp, PolicyEvaluation.qFromV(mdp, v), beta);
            double[] vpi = PolicyEvaluation.exact(mdp, pi, beta);
            double lhs = supDiff(vpi, v);
            double rhs = res / (1.0 - mdp.gamma());
            // the policy is known to relative precision eps, so (1/beta) log(pi/P) to eps/|beta|
            double tol = solveTolerance(Math.max(maxAbs(vpi, v, bv), 1.0 / Math.abs(beta)), mdp.gamma(), n);
            return new Trial(lhs - rhs, tol, size(mdp), () -> instance(mdp, "||V^pi - V|| = " + lhs
                    + " > residual/(1-gamma) = " + rhs, "beta", beta));
        }
    }
}
