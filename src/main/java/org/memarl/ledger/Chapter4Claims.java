package org.memarl.ledger;

import static org.memarl.ledger.Chapter2Claims.maxAbs;
import static org.memarl.ledger.Chapter2Claims.solveTolerance;
import static org.memarl.ledger.Chapter2Claims.ulps;

import java.util.List;
import java.util.SplittableRandom;
import org.memarl.algorithms.mapi.GameChains;
import org.memarl.algorithms.mapi.Order;
import org.memarl.algorithms.options.MaSoftOptions;
import org.memarl.algorithms.options.OptionEvaluation;
import org.memarl.algorithms.options.SoftOptions;
import org.memarl.algorithms.options.SoftOptions.Variant;
import org.memarl.algorithms.soft.SoftValueIteration;
import org.memarl.chains.ChainDeclaration;
import org.memarl.chains.ThesisChains;
import org.memarl.model.Game;
import org.memarl.model.Mdp;
import org.memarl.model.OptionSpec;
import org.memarl.solve.ChainProblem;
import org.memarl.solve.ChainSolution;
import org.memarl.solve.ChainSolver;
import org.memarl.solve.FixedPoint;
import org.memarl.solve.IterationOptions;
import org.memarl.solve.Sweep;
import org.memarl.solve.ValueOperator;

/**
 * The claims of thesis chapter 4 and appendix C: soft options (4.4)-(4.8) with their closed form of
 * appendix C.1, the soft-options-critic recursion (4.9)-(4.10), and multi-agent delayed soft-option
 * communication (4.11)-(4.21) with appendix C.2. Closed forms are checked against exact linear-solve
 * evaluations of arbitrary policies ({@link OptionEvaluation}) and against the chapter-2 and chapter-3
 * solvers they reduce to.
 */
public final class Chapter4Claims {
    private static final double REFERENCE_TOLERANCE = 1e-12;

    private Chapter4Claims() {
    }

    public static List<Claim> all() {
        return List.of(
                contraction("soft-options-contraction", "eq. (4.8)", Variant.SOFT_OPTIONS),
                new OptionElbo(Variant.SOFT_OPTIONS),
                new PrintedMasterNormaliser(false), new PrintedMasterNormaliser(true),
                new OneOptionIsSoftVi(),
                contraction("soft-options-critic-contraction", "eq. (4.9)", Variant.CRITIC),
                new CriticBelowSoftOptions(true), new CriticBelowSoftOptions(false),
                new OptionElbo(Variant.CRITIC),
                maContraction(), new MaElbo(), new MaOneOptionIsPr2());
    }

    // ------------------------------------------------------------------ helpers

    static int size(Mdp mdp) {
        return Chapter2Claims.size(mdp) * mdp.options().count();
    }

    static int size(Game g) {
        return Chapter3Claims.size(g) * g.agentOptions().count() * g.opponentOptions().count();
    }

    /**
     * How far the exact value of the Boltzmann policies of an approximate fixed point U (within eps of
     * U*) can be from U*: B^pi U = B U gives ||U^pi - U*|| &lt;= 2 gamma eps / (1 - gamma).
     */
    static double greedyBound(double gamma, double eps) {
        return gamma == 0.0 ? eps : 2.0 * gamma * eps / (1.0 - gamma) + eps;
    }

    static double[] flat(double[][] x) {
        int m = x[0].length;
        double[] out = new double[x.length * m];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, out, i * m, m);
        }
        return out;
    }

    static double[] flat(double[][][] x) {
        int a = x[0].length;
        int b = x[0][0].length;
        double[] out = new double[x.length * a * b];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < a; j++) {
                System.arraycopy(x[i][j], 0, out, (i * a + j) * b, b);
            }
        }
        return out;
    }

    /** Fixed point with its guaranteed distance to U* (driver bound plus the rounding floor). */
    static final class Solved {
        final double[] u;
        final double eps;
        /** The typed solution, when solved from a declared problem (else null). */
        final ChainSolution solution;

        Solved(ValueOperator op, double gamma) {
            FixedPoint fp = Chapter3Claims.solve(op, REFERENCE_TOLERANCE);
            this.u = fp.values();
            this.eps = fp.errorBound() + Chapter3Claims.floor(u, gamma);
            this.solution = null;
        }

        /** The declared problem's fixed point by {@link ChainSolver}, with all its tables. */
        Solved(ChainProblem p) {
            this.solution = ChainSolver.solve(p, new IterationOptions(REFERENCE_TOLERANCE, 10_000_000, Sweep.GAUSS_SEIDEL));
            this.u = solution.values();
            this.eps = solution.errorBound() + Chapter3Claims.floor(u, p.gamma());
        }
    }

    /** Random single-agent option policies inside the priors' supports. */
    static OptionEvaluation.Policies randomPolicies(SplittableRandom rng, Mdp mdp) {
        OptionSpec o = mdp.options();
        int n = mdp.numStates();
        int na = mdp.numActions();
        int m = o.count();
        double[] ap = o.actionPriorFlat();
        double[] mp = o.masterFlat();
        double[][][] low = new double[n][m][];
        double[][] master = new double[n][];
        double[][] term = new double[n][m];
        for (int s = 0; s < n; s++) {
            master[s] = RandomOptions.within(rng, mp, s * m, m);
            for (int z = 0; z < m; z++) {
                low[s][z] = RandomOptions.within(rng, ap, (z * n + s) * na, na);
                term[s][z] = RandomOptions.termination(rng, o.termination(s, z));
            }
        }
        return new OptionEvaluation.Policies(low, master, term);
    }

    /** sign(beta) * max (value - reference): positive when value beats the claimed optimum. */
    static double beats(double[] value, double[] reference, double beta) {
        double v = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < value.length; i++) {
            v = Math.max(v, Math.signum(beta) * (value[i] - reference[i]));
        }
        return v;
    }

    // ------------------------------------------------------------------ single agent

    /**
     * The soft-options and critic operators are gamma-contractions on U: instances of the generic claim (a),
     * {@link ChainClaims#contraction}, on the declared chains {@link ThesisChains#softOptions} and
     * {@link ThesisChains#softOptionsCritic} over random option MDPs.
     */
    static Claim contraction(String id, String ref, Variant variant) {
        String statement = variant == Variant.SOFT_OPTIONS
                ? "The soft-options Bellman operator of (4.8)/(C.7) on the message U(s, z_prev) — Q = r + gamma E U(s', z),"
                        + " then the action, master and termination soft extrema (4.5)-(4.7) — satisfies ||B U1 - B U2||_inf"
                        + " <= gamma ||U1 - U2||_inf for every beta (+-inf, 0 and both signs) and every option prior."
                : "The soft-options-critic operator (4.9), whose master and termination reductions are expectations"
                        + " under their priors (4.10), satisfies ||B U1 - B U2||_inf <= gamma ||U1 - U2||_inf for every beta.";
        return ChainClaims.contraction(id, ref, statement, Status.HOLDS, (seed, size) -> {
            Mdp mdp = RandomOptions.mdp(seed, size);
            double beta = Chapter2Claims.anyBeta(new SplittableRandom(seed ^ 0x4C0E7A11L));
            ChainDeclaration decl = variant == Variant.SOFT_OPTIONS ? ThesisChains.softOptions(beta)
                    : ThesisChains.softOptionsCritic(beta);
            return ChainClaims.instance(decl, java.util.Map.of(), mdp, size(mdp));
        }, List.of());
    }

    /**
     * Appendix C.1: the closed form maximises the ELBO (4.4) over all stationary policies; eq. (4.10): the
     * critic's closed form maximises it over the low-level policy with master and termination at their priors.
     */
    static final class OptionElbo extends BaseClaim {
        private final Variant variant;

        OptionElbo(Variant variant) {
            super(variant == Variant.SOFT_OPTIONS ? "soft-options-maximise-elbo" : "critic-is-prior-master-optimum",
                    variant == Variant.SOFT_OPTIONS ? "appendix C.1" : "eq. (4.10)",
                    Status.HOLDS, null,
                    variant == Variant.SOFT_OPTIONS
                    ? "The closed form of appendix C.1 (low-level (4.5), master (4.6) with the normaliser"
                            + " log sum_z P^H(z|s) exp, termination (4.7), Bellman equation (4.8)/(C.7)) is optimal for the ELBO"
                            + " (4.4): its three Boltzmann policies, evaluated exactly by a linear solve of (4.4) on the augmented"
                            + " states (s, z_prev), attain U(s, z_prev), and random stationary low-level, master and termination"
                            + " policies (inside the priors' supports) never exceed it (beta > 0; for beta < 0 the closed form"
                            + " minimises)."
                    : "The soft-options-critic recursion (4.9), with the master expectation (4.10), is the ELBO (4.4)"
                            + " optimised over the low-level policy only, with pi^H = P^H and pi^T = P^T held at their priors (the"
                            + " regularisation of pi^H the thesis says it misses): its Boltzmann low-level policy with the priors"
                            + " attains U_critic exactly, and random low-level policies with the priors never exceed it (beta > 0;"
                            + " below for beta < 0).",
                    List.of());
            this.variant = variant;
        }

        @Override
        public Trial trial(long seed, int size) {
            SplittableRandom rng = new SplittableRandom(seed ^ (variant == Variant.SOFT_OPTIONS ? 0x6A09E667L : 0x2F8A4B1DL));
            Mdp mdp = RandomOptions.mdp(seed, size);
            double beta = RandomGames.signedBeta(rng);
            Solved sol = new Solved(SoftOptions.problem(mdp, beta, variant));
            SoftOptions.Tables tab = SoftOptions.Tables.of(mdp, sol.solution);
            double[] attained = flat(OptionEvaluation.evaluate(mdp,
                    new OptionEvaluation.Policies(tab.low, tab.master, tab.termination), beta));
            double gap = Chapter2Claims.supDiff(attained, sol.u);
            double worst = Double.NEGATIVE_INFINITY;
            OptionEvaluation.Policies worstPolicy = null;
            for (int k = 0; k < 3; k++) {
                OptionEvaluation.Policies p = randomPolicies(rng, mdp);
                if (variant == Variant.CRITIC) {
                    p = new OptionEvaluation.Policies(p.low(), tab.master, tab.termination);
                }
                double b = beats(flat(OptionEvaluation.evaluate(mdp, p, beta)), sol.u, beta);
                if (b > worst) {
                    worst = b;
                    worstPolicy = p;
                }
            }
            double scale = Math.max(maxAbs(sol.u, attained), 1.0 / Math.abs(beta));
            double tol = solveTolerance(scale, mdp.gamma(), sol.u.length);
            double violation = Math.max(gap - greedyBound(mdp.gamma(), sol.eps), worst - sol.eps);
            double g = gap;
            double w = worst;
            OptionEvaluation.Policies wp = worstPolicy;
            return new Trial(violation, tol, size(mdp), () -> Chapter2Claims.instance(mdp,
                    variant.cliName() + " closed form attains " + g + " away from U; a random policy beats it by " + w,
                    "beta", beta, "low", wp.low(), "master", wp.master(), "termination", wp.termination()));
        }
    }

    /** Eq. (4.6): the printed normaliser V^H = (1/m) log sum_z exp Q(s, z). */
    static final class PrintedMasterNormaliser extends BaseClaim {
        private final boolean corrected;

        PrintedMasterNormaliser(boolean corrected) {
            super(corrected ? "master-normaliser-corrected" : "master-normaliser-printed",
                    corrected ? "eq. (4.6) (corrected)" : "eq. (4.6)",
                    corrected ? Status.HOLDS : Status.FALSIFIED,
                    null,
                    corrected
                    ? "With V^H(s) = (1/beta) log sum_z P^H(z|s) exp(beta V(s, z)) (reward units; the thesis's uniform"
                            + " P^H = 1/m gives log sum_z (1/m) exp Q(s, z)), the master policy pi^H(z|s) = P^H(z|s)"
                            + " exp(beta (V(s, z) - V^H(s))) sums to 1 in every state (summed directly)."
                    : "(4.6) as printed, in thesis units with Q(s, z) = V(s, z) = beta V_reward(s, z) and the uniform master"
                            + " prior: V^H(s) = (1/m) log sum_z exp Q(s, z) normalises pi^H(z|s) = (1/m) exp(Q(s, z)) / exp V^H(s),"
                            + " i.e. sum_z pi^H(z|s) = 1 (checked as |log sum_z pi^H(z|s)|).",
                    corrected ? List.of() : List.of(new long[] {7L, 2}));
            this.corrected = corrected;
        }

        @Override
        public Trial trial(long seed, int size) {
            SplittableRandom rng = new SplittableRandom(seed ^ 0x3F84D5B5L);
            Mdp mdp = RandomOptions.mdp(seed, size);
            if (!corrected) {
                // the printed formula is for the uniform master prior of (4.3)
                OptionSpec o = mdp.options();
                mdp = mdp.toBuilder().options(OptionSpec.of("options", o.count(), mdp.numStates(), mdp.numActions(),
                        o.actionPrior3d(), null, o.termination2d(), 0.5, null)).build();
            }
            Mdp model = mdp;
            double beta = RandomMdps.positiveBeta(rng);
            Solved sol = new Solved(SoftOptions.problem(model, beta, Variant.SOFT_OPTIONS));
            SoftOptions.Tables tab = SoftOptions.Tables.of(model, sol.solution);
            int m = model.options().count();
            double worst = 0.0;
            double tol = 0.0;
            int worstState = 0;
            double worstLeft = corrected ? 1.0 : 0.0;
            for (int s = 0; s < model.numStates(); s++) {
                double dev;
                double left;
                if (corrected) {
                    double sum = 0.0;
                    for (int z = 0; z < m; z++) {
                        sum += model.options().master(s, z) * Math.exp(beta * (tab.vz[s][z] - tab.vh[s]));
                    }
                    dev = Math.abs(sum - 1.0);
                    left = sum;
                    double vmax = Math.max(maxAbs(tab.vz[s]), Math.abs(tab.vh[s]));
                    tol = Math.max(tol, 16.0 * (m + 1) * (Math.ulp(1.0) + beta * Math.ulp(vmax)));
                } else {
                    double[] qth = new double[m];
                    double hi = Double.NEGATIVE_INFINITY;
                    for (int z = 0; z < m; z++) {
                        qth[z] = beta * tab.vz[s][z];
                        hi = Math.max(hi, qth[z]);
                    }
                    double acc = 0.0;
                    for (int z = 0; z < m; z++) {
                        acc += Math.exp(qth[z] - hi);
                    }
                    double lse = hi + Math.log(acc);
                    double vhPrinted = lse / m;
                    // log sum_z (1/m) exp(Q - V^H_printed) = lse - log m - V^H_printed
                    left = lse - Math.log(m) - vhPrinted;
                    dev = Math.abs(left);
                    tol = Math.max(tol, ulps(Math.abs(lse) + Math.log(m)));
                }
                if (dev > worst) {
                    worst = dev;
                    worstState = s;
                    worstLeft = left;
                }
            }
            double w = worst;
            int ws = worstState;
            return new Trial(worst, tol, size(model), () -> Chapter2Claims.instance(model,
                    (corrected ? "sum_z pi^H" : "log sum_z pi^H (printed)") + " deviates by " + w + " in state " + ws,
                    "beta", beta)).withSides(corrected ? "sum_z pi^H(z|s" + ws + ")" : "log sum_z pi^H(z|s" + ws
                    + ") (printed V^H)", worstLeft, "=", corrected ? "1" : "log 1", corrected ? 1.0 : 0.0);
        }
    }

    /** With one option, soft options is soft value iteration (2.49) with that option's action prior. */
    static final class OneOptionIsSoftVi extends BaseClaim {
        OneOptionIsSoftVi() {
            super("one-option-is-soft-vi", "section 4.1", Status.HOLDS, null,
                    "With a single option (m = 1) the soft-options fixed point U(s, 0) equals the soft value iteration"
                    + " fixed point V(s) of (2.49) with the option's action prior, for every termination prior and every beta"
                    + " (a separate solver: the chapter-2 chain).",
                    List.of());
        }

        @Override
        public Trial trial(long seed, int size) {
            SplittableRandom rng = new SplittableRandom(seed ^ 0x1F83D9ABL);
            Mdp base = RandomOptions.mdp(seed, size);
            OptionSpec one = RandomOptions.spec(rng, "options", 1, base.numStates(), base.numActions(), base.priorFlat());
            Mdp mdp = base.toBuilder().options(one).build();
            double beta = Chapter2Claims.anyBeta(rng);
            Solved opt = new Solved(SoftOptions.operator(mdp, beta, Variant.SOFT_OPTIONS), mdp.gamma());
            double[][] prior = one.actionPrior3d()[0];
            Mdp plain = base.toBuilder().options(null).prior(prior).build();
            Solved vi = new Solved(SoftValueIteration.operator(plain, beta), plain.gamma());
            double d = Chapter2Claims.supDiff(opt.u, vi.u);
            return new Trial(d - opt.eps - vi.eps, ulps(maxAbs(opt.u, vi.u)), size(mdp), () -> Chapter2Claims.instance(mdp,
                    "soft-options and soft VI differ by " + d, "beta", beta));
        }
    }

    /** Eq. (4.9): the critic's values lie below soft options' for beta >= 0 (printed: no sign condition). */
    static final class CriticBelowSoftOptions extends BaseClaim {
        private final boolean nonNegative;

        CriticBelowSoftOptions(boolean nonNegative) {
            super(nonNegative ? "critic-below-soft-options" : "critic-below-soft-options-any-beta",
                    "eq. (4.9)",
                    nonNegative ? Status.HOLDS_WHEN : Status.FALSIFIED,
                    nonNegative ? "beta >= 0 (for beta <= 0 the order reverses; equality at beta = 0)" : null,
                    nonNegative
                    ? "The soft-options fixed point dominates the soft-options-critic fixed point (4.9)-(4.10):"
                            + " U(s, z_prev) >= U_critic(s, z_prev) everywhere, when beta >= 0 (a soft maximum is at least the"
                            + " prior expectation, and both operators are monotone)."
                    : "The critic (4.9) underestimates for every inverse temperature: U(s, z_prev) >= U_critic(s, z_prev)"
                            + " also for beta < 0.",
                    nonNegative ? List.of() : List.of(new long[] {19L, 2}));
            this.nonNegative = nonNegative;
        }

        @Override
        public Trial trial(long seed, int size) {
            SplittableRandom rng = new SplittableRandom(seed ^ 0x5BE0CD19L);
            Mdp mdp = RandomOptions.mdp(seed, size);
            double beta = nonNegative ? (rng.nextInt(4) == 0 ? (rng.nextBoolean() ? 0.0 : Double.POSITIVE_INFINITY)
                    : RandomMdps.positiveBeta(rng)) : -RandomMdps.positiveBeta(rng);
            Solved soft = new Solved(SoftOptions.operator(mdp, beta, Variant.SOFT_OPTIONS), mdp.gamma());
            Solved critic = new Solved(SoftOptions.operator(mdp, beta, Variant.CRITIC), mdp.gamma());
            double viol = Double.NEGATIVE_INFINITY;
            int wi = 0;
            for (int i = 0; i < soft.u.length; i++) {
                if (critic.u[i] - soft.u[i] > viol) {
                    viol = critic.u[i] - soft.u[i];
                    wi = i;
                }
            }
            double v = viol;
            double margin = soft.eps + critic.eps;
            return new Trial(critic.u[wi] - (soft.u[wi] + margin), ulps(maxAbs(soft.u, critic.u)), size(mdp),
                    () -> Chapter2Claims.instance(mdp, "U_critic exceeds U_soft-options by " + v, "beta", beta))
                    .withSides("U_critic(context " + wi + ")", critic.u[wi], "<=", "U_soft-options(context " + wi
                            + ") + the Banach bounds of both fixed points", soft.u[wi] + margin);
        }
    }

    // ------------------------------------------------------------------ two agents

    /**
     * Eq. (4.21): the multi-agent operator is a gamma-contraction; an instance of the generic claim (a) on the
     * declared chain {@link ThesisChains#maSoftOptions} over random option games.
     */
    static Claim maContraction() {
        return ChainClaims.contraction("ma-soft-options-contraction", "eq. (4.21)",
                "The Bellman operator of multi-agent delayed soft-option communication (4.21)/(C.20) on the message"
                        + " U(s, z'_i, z'_-i), with the six reductions (4.16)-(4.20), satisfies ||B U1 - B U2||_inf <= gamma"
                        + " ||U1 - U2||_inf for every beta.", Status.HOLDS, (seed, size) -> {
                    Game g = RandomOptions.game(seed, size);
                    double beta = Chapter2Claims.anyBeta(new SplittableRandom(seed ^ 0x7137449L));
                    return ChainClaims.instance(ThesisChains.maSoftOptions(beta), java.util.Map.of(), g, size(g));
                }, List.of());
    }

    /** Appendix C.2: the closed form maximises the ELBO (4.15). */
    static final class MaElbo extends BaseClaim {
        MaElbo() {
            super("ma-soft-options-maximise-elbo", "appendix C.2", Status.HOLDS, null,
                    "The closed form of appendix C.2 — opponent model rho(a_-i|s,z_i,a_i,z_-i), its master (4.16) and"
                    + " termination (4.17) policies, the agent's low-level (4.18), master (4.19) and termination (4.20)"
                    + " policies, Bellman equation (4.21) — is optimal for the ELBO (4.15): its six Boltzmann policies,"
                    + " evaluated exactly by a linear solve on (s, z'_i, z'_-i), attain U, and random policies with the printed"
                    + " conditionings never exceed it (beta > 0; for beta < 0 the closed form minimises).",
                    List.of());
        }

        @Override
        public Trial trial(long seed, int size) {
            SplittableRandom rng = new SplittableRandom(seed ^ 0x3956C25BL);
            Game g = RandomOptions.game(seed, size);
            double beta = RandomGames.signedBeta(rng);
            Solved sol = new Solved(MaSoftOptions.problem(g, beta));
            MaSoftOptions.Tables tab = MaSoftOptions.Tables.of(g, sol.solution);
            double[] attained = flat(OptionEvaluation.evaluate(g, new OptionEvaluation.JointPolicies(tab.agentTermination,
                    tab.agentMaster, tab.agentLow, tab.opponentTermination, tab.opponentMaster, tab.opponentLow), beta));
            double gap = Chapter2Claims.supDiff(attained, sol.u);
            double worst = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < 3; k++) {
                worst = Math.max(worst, beats(flat(OptionEvaluation.evaluate(g, randomJoint(rng, g), beta)), sol.u, beta));
            }
            double scale = Math.max(maxAbs(sol.u, attained), 1.0 / Math.abs(beta));
            double violation = Math.max(gap - greedyBound(g.gamma(), sol.eps), worst - sol.eps);
            double gp = gap;
            double w = worst;
            return new Trial(violation, solveTolerance(scale, g.gamma(), sol.u.length), size(g),
                    () -> Chapter3Claims.instance(g, "closed form attains " + gp + " away; a random policy beats it by " + w,
                            "beta", beta));
        }

        static OptionEvaluation.JointPolicies randomJoint(SplittableRandom rng, Game g) {
            OptionSpec oa = g.agentOptions();
            OptionSpec ob = g.opponentOptions();
            int n = g.numStates();
            int na = g.numAgentActions();
            int nb = g.numOpponentActions();
            int mi = oa.count();
            int mo = ob.count();
            double[] apA = oa.actionPriorFlat();
            double[] apB = ob.actionPriorFlat();
            double[] mA = oa.masterFlat();
            double[] mB = ob.masterFlat();
            double[][][] at = new double[n][mi][mo];
            double[][][] am = new double[n][mo][];
            double[][][][] al = new double[n][mi][mo][];
            double[][][][] ot = new double[n][mo][na][mi];
            double[][][][] om = new double[n][na][mi][];
            double[][][][][] ol = new double[n][mi][na][mo][];
            for (int s = 0; s < n; s++) {
                for (int zpi = 0; zpi < mi; zpi++) {
                    for (int zpo = 0; zpo < mo; zpo++) {
                        at[s][zpi][zpo] = RandomOptions.termination(rng, oa.termination(s, zpi));
                    }
                }
                for (int zpo = 0; zpo < mo; zpo++) {
                    am[s][zpo] = RandomOptions.within(rng, mA, s * mi, mi);
                    for (int zi = 0; zi < mi; zi++) {
                        al[s][zi][zpo] = RandomOptions.within(rng, apA, (zi * n + s) * na, na);
                        for (int a = 0; a < na; a++) {
                            ot[s][zpo][a][zi] = RandomOptions.termination(rng, ob.termination(s, zpo));
                        }
                    }
                }
                for (int a = 0; a < na; a++) {
                    for (int zi = 0; zi < mi; zi++) {
                        om[s][a][zi] = RandomOptions.within(rng, mB, s * mo, mo);
                        for (int zo = 0; zo < mo; zo++) {
                            ol[s][zi][a][zo] = RandomOptions.within(rng, apB, (zo * n + s) * nb, nb);
                        }
                    }
                }
            }
            return new OptionEvaluation.JointPolicies(at, am, al, ot, om, ol);
        }
    }

    /** With one option each, the multi-agent recursion is PR2's chain with one beta. */
    static final class MaOneOptionIsPr2 extends BaseClaim {
        MaOneOptionIsPr2() {
            super("ma-one-option-is-pr2", "section 4.2", Status.HOLDS, null,
                    "With one option per player, multi-agent delayed soft-option communication reduces to the PR2 chain"
                    + " V(s) = M_a^beta[ M_b^beta[ Q(s, a, .) | P(b|s) ] | P(a|s) ] with the options' action priors"
                    + " (a separate solver: the chapter-3 chain), for every termination prior and every beta.",
                    List.of());
        }

        @Override
        public Trial trial(long seed, int size) {
            SplittableRandom rng = new SplittableRandom(seed ^ 0x59F111F1L);
            Game g0 = RandomOptions.game(seed, size);
            Game base = g0.toBuilder().options(null, null).opponentGivenAgent(null).agentGivenOpponent(null).build();
            OptionSpec a = RandomOptions.spec(rng, "options.agent", 1, base.numStates(), base.numAgentActions(),
                    base.priorAgentFlat());
            OptionSpec b = RandomOptions.spec(rng, "options.opponent", 1, base.numStates(), base.numOpponentActions(),
                    base.priorOpponentFlat());
            Game g = base.toBuilder().options(a, b).build();
            Game plain = base.toBuilder().priorAgent(a.actionPrior3d()[0]).priorOpponent(b.actionPrior3d()[0]).build();
            double beta = Chapter2Claims.anyBeta(rng);
            Solved ma = new Solved(MaSoftOptions.operator(g, beta), g.gamma());
            Solved pr2 = new Solved(GameChains.operator(plain, Order.AGENT_FIRST, beta, beta), plain.gamma());
            double d = Chapter2Claims.supDiff(ma.u, pr2.u);
            return new Trial(d - ma.eps - pr2.eps, ulps(maxAbs(ma.u, pr2.u)), size(g), () -> Chapter3Claims.instance(g,
                    "ma-soft-options and pr2 differ by " + d, "beta", beta));
        }
    }
}
