package org.memarl.ledger;

import static org.memarl.ledger.Chapter2Claims.maxAbs;
import static org.memarl.ledger.Chapter2Claims.solveTolerance;
import static org.memarl.ledger.Chapter2Claims.ulps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.memarl.algorithms.RunConfig;
import org.memarl.algorithms.mapi.GameChains;
import org.memarl.algorithms.mapi.Gr2;
import org.memarl.algorithms.mapi.Order;
import org.memarl.algorithms.mapi.ProbabilisticBalancingQ;
import org.memarl.chains.ChainDeclaration;
import org.memarl.chains.ThesisChains;
import org.memarl.io.GameWriter;
import org.memarl.io.ResultWriter;
import org.memarl.kernel.SoftExtremum;
import org.memarl.model.Game;
import org.memarl.solve.FixedPoint;
import org.memarl.solve.FixedPointDriver;
import org.memarl.solve.IterationOptions;
import org.memarl.solve.Solution;
import org.memarl.solve.Sweep;
import org.memarl.solve.ValueOperator;

/**
 * The claims of thesis chapter 3 (two-player games, the MAPI family), stated as finite checks in
 * reward units on random games from {@link RandomGames}. Agent i chooses a with beta_i, the opponent
 * (model) -i chooses b with beta_-i; Q is the agent's. Where the printed claim is false the ledger
 * expects it falsified and adds the corrected claim under "&lt;label&gt; (corrected)".
 */
public final class Chapter3Claims {
    private static final double REFERENCE_TOLERANCE = 1e-12;

    private Chapter3Claims() {
    }

    public static List<Claim> all() {
        List<Claim> c = new ArrayList<>();
        c.add(contraction("rommeo-contraction", "eq. (3.15)",
                "The ROMMEO operator (3.15) V(s) = M_b^beta[M_a^beta[Q(s,.,b) | P(a|s,b)] | P(b|s)], Q = r + gamma E V, is a"
                        + " gamma-contraction in the sup norm for every beta (either sign, 0, +-inf).",
                rng -> {
                    double beta = Chapter2Claims.anyBeta(rng);
                    return ThesisChains.rommeo(beta);
                }));
        c.add(contraction("pr2-contraction", "section 3.1.1 (PR2)",
                "The PR2 operator V(s) = M_a^beta[M_b^beta[Q(s,a,.) | P(b|s,a)] | P(a|s)] is a gamma-contraction for every beta.",
                rng -> {
                    double beta = Chapter2Claims.anyBeta(rng);
                    return ThesisChains.pr2(beta);
                }));
        c.add(contraction("balancing-q-contraction", "eq. (3.33)",
                "The Balancing Q operator (3.33) is a gamma-contraction from both perspectives ((3.28) agent first, (3.30)"
                        + " opponent first) for all signs of beta_i and beta_-i (also 0 and +-inf).",
                rng -> {
                    double bi = Chapter2Claims.anyBeta(rng);
                    double bo = Chapter2Claims.anyBeta(rng);
                    return ThesisChains.balancingQ(rng.nextBoolean(), bi, bo);
                }));
        c.add(new Gr2Contraction(false));
        c.add(new Gr2Contraction(true));
        c.add(new PbqEqualsBq());
        c.add(theorem8());
        c.add(theorem9(false));
        c.add(theorem9(true));
        c.add(corollary10(false));
        c.add(corollary10(true));
        c.add(new PerspectivesCoincide(false));
        c.add(new PerspectivesCoincide(true));
        c.add(new MarginalPriorIn325(false));
        c.add(new MarginalPriorIn325(true));
        c.add(new FriendLimit());
        c.add(new PureMaxminLimit());
        c.add(new FoeLimitAsPrinted());
        c.add(new FoeIsMixedMaxmin());
        c.add(new NashQConverges());
        return c;
    }

    // ------------------------------------------------------------------ helpers

    static ObjectNode instance(Game g, String detail, Object... params) {
        return Chapter2Claims.instance(GameWriter.toJson(g), detail, params);
    }

    /** A random game with gamma below 1 (gamma 1 becomes 0.9): the infinite-horizon claims need a contraction. */
    static Game discountedGame(long seed, int size) {
        Game g = RandomGames.game(seed, size);
        return g.gamma() < 1.0 ? g : g.withGamma(0.9);
    }

    static int size(Game g) {
        return g.numStates() * g.numAgentActions() * g.numOpponentActions();
    }

    /** Draws a declared thesis chain (its betas) from the trial's random stream. */
    @FunctionalInterface
    interface ChainFactory {
        ChainDeclaration make(SplittableRandom rng);
    }

    /**
     * A contraction claim of a thesis chain on random games ({@link RandomGames#game}): an instance of the generic
     * claim (a), {@link ChainClaims#contraction}, on the declaration bound to each game.
     */
    static Claim contraction(String id, String ref, String statement, ChainFactory f) {
        return ChainClaims.contraction(id, ref, statement, Status.HOLDS, (seed, size) -> {
            Game g = RandomGames.game(seed, size);
            ChainDeclaration decl = f.make(new SplittableRandom(seed ^ 0x51A3C1F7L));
            return ChainClaims.instance(decl, java.util.Map.of(), g, size(g));
        }, java.util.List.of());
    }

    static Trial contractionTrial(ValueOperator op, Game g, SplittableRandom rng, String what, Object... params) {
        Chapter2Claims.ContractionCheck c = new Chapter2Claims.ContractionCheck(op, op.modulus(), g.maxAbsReward(), rng, false);
        return new Trial(c.lhs - c.rhs, 4 * ulps(c.scale()), size(g), () -> {
            ObjectNode o = instance(g, what + ": ||B x - B y|| = " + c.lhs + " > gamma ||x - y|| = " + c.rhs, params);
            o.set("x", ResultWriter.node(c.x));
            o.set("y", ResultWriter.node(c.y));
            return o;
        }).withSides("||B x - B y||", c.lhs, "<=", "gamma ||x - y||", c.rhs);
    }

    static FixedPoint solve(ValueOperator op, double tol) {
        return FixedPointDriver.solve(op, new double[op.size()], new IterationOptions(tol, 10_000_000, Sweep.GAUSS_SEIDEL));
    }

    /** Floating-point floor of an iterated fixed point (see Chapter2Claims.fixedPointFloor). */
    static double floor(double[] v, double gamma) {
        return Chapter2Claims.fixedPointFloor(v, gamma);
    }

    static double regScale(Game g, double bi, double bo) {
        return Math.max(1.0, Math.max(1.0 / Math.abs(bi), 1.0 / Math.abs(bo))) * Math.max(1.0, g.maxAbsReward());
    }

    // ------------------------------------------------------------------ GR2

    /** GR2's level-K operator: a contraction for K &lt;= 1; not in general for K &gt;= 2. */
    static final class Gr2Contraction extends BaseClaim {
        private final boolean lowLevels;

        Gr2Contraction(boolean lowLevels) {
            super(lowLevels ? "gr2-contraction-low-levels" : "gr2-contraction",
                    lowLevels ? "section 3.1.1 (GR2) (corrected)" : "section 3.1.1 (GR2)",
                    lowLevels ? Status.HOLDS_WHEN : Status.FALSIFIED,
                    lowLevels ? "level K <= 1" : null,
                    lowLevels
                    ? "The GR2 level-K operator (K nested soft best responses on Q, level 0 the prior) is a gamma-contraction"
                            + " when K <= 1 (a soft extremum of prior expectations)."
                    : "The MAPI convergence argument carries over to GR2: its level-K operator is a gamma-contraction for every"
                            + " K (checked for K = 2, 3 with betas of either sign).",
                    lowLevels ? java.util.List.of() : java.util.List.of(new long[] {230L, 2}));
            this.lowLevels = lowLevels;
        }

        @Override
        public Trial trial(long seed, int size) {
            SplittableRandom rng = new SplittableRandom(seed ^ 0x6A09E667L);
            Game g = RandomGames.game(seed, size);
            int k = lowLevels ? rng.nextInt(2) : 2 + rng.nextInt(2);
            double bi = RandomGames.signedBeta(rng) * 10;
            double bo = RandomGames.signedBeta(rng) * 10;
            return contractionTrial(new Gr2.Operator(g, k, bi, bo), g, rng, id(), "level", k, "betaAgent", bi,
                    "betaOpponent", bo);
        }
    }

    // ------------------------------------------------------------------ PBQ

    /** Eq. (3.54): PBQ is Balancing Q with Q^{-i} = beta_-i Q, V^i = beta_i V. */
    static final class PbqEqualsBq extends BaseClaim {
        PbqEqualsBq() {
            super("pbq-equals-balancing-q",
                    "eq. (3.54)",
                    Status.HOLDS,
                    null,
                    "The fixed point of Probabilistic Balancing Q (3.49)-(3.54), iterated in the thesis's scaled units, is"
                    + " Balancing Q from the agent's perspective: Q^{-i} = beta_-i Q_BQ and V^i = beta_i V_BQ (finite nonzero"
                    + " betas of any signs, gamma < 1).",
                    java.util.List.of());
        }

        @Override
        public Trial trial(long seed, int size) {
            SplittableRandom rng = new SplittableRandom(seed ^ 0xBB67AE85L);
            Game g = discountedGame(seed, size);
            double bi = RandomGames.signedBeta(rng);
            double bo = RandomGames.signedBeta(rng);
            PrintedPbq op = new PrintedPbq(g, bi, bo);
            FixedPoint qth = solve(op, REFERENCE_TOLERANCE * Math.abs(bo));
            double[] v1 = op.valuesOf(qth.values());
            FixedPoint bq = solve(GameChains.operator(g, Order.AGENT_FIRST, bi, bo), REFERENCE_TOLERANCE);
            double[] v2 = bq.values();
            double diff = Chapter2Claims.supDiff(v1, v2);
            double tol = qth.errorBound() / Math.abs(bo) + bq.errorBound()
                    + floor(v1, g.gamma()) * Math.max(1.0, 1.0 / Math.abs(bo))
                    + floor(v2, g.gamma()) + solveTolerance(regScale(g, bi, bo), g.gamma(), 1);
            return new Trial(diff, tol, size(g), () -> instance(g, "V_PBQ / beta_i differs from V_BQ by " + diff,
                    "betaAgent", bi, "betaOpponent", bo));
        }
    }

    /**
     * The map (3.49)-(3.54) as printed, on {@code Q^{-i}[s][a][b]} (flat) in the thesis's scaled units:
     * {@code Q(s,a) = log sum_b P(b|s,a) exp Q^{-i}(s,a,b)} (3.49), {@code V^i(s) = log sum_a P(a|s)
     * exp((beta_i/beta_-i) Q(s,a))} (3.52), {@code Q^{-i} = beta_-i R + gamma (beta_-i/beta_i) E_{s'} V^i(s')}
     * (3.54). The independent side of the claim "eq. (3.54)" (the algorithm runs the Balancing Q chain).
     */
    static final class PrintedPbq implements ValueOperator {
        private final Game g;
        private final double bi;
        private final double bo;
        private final double[] vi;

        PrintedPbq(Game g, double bi, double bo) {
            this.g = g;
            this.bi = bi;
            this.bo = bo;
            this.vi = new double[g.numStates()];
        }

        @Override
        public int size() {
            return g.numStates() * g.numAgentActions() * g.numOpponentActions();
        }

        @Override
        public double modulus() {
            return g.gamma();
        }

        /** V^i(s) (3.52) of a Q^{-i} table. */
        private double vOf(int s, double[] qth) {
            int na = g.numAgentActions();
            int nb = g.numOpponentActions();
            double[] pa = g.priorAgentFlat();
            double[] pba = g.opponentGivenAgentFlat();
            double[] qc = new double[na];
            for (int a = 0; a < na; a++) {
                int off = (s * na + a) * nb;
                qc[a] = bi / bo * SoftExtremum.value(1.0, qth, off, pba, off, nb);
            }
            return SoftExtremum.value(1.0, qc, 0, pa, s * na, na);
        }

        /** The reward-unit values {@code V^i / beta_i} of a Q^{-i} table. */
        double[] valuesOf(double[] qth) {
            double[] v = new double[g.numStates()];
            for (int s = 0; s < v.length; s++) {
                v[s] = vOf(s, qth) / bi;
            }
            return v;
        }

        @Override
        public void apply(double[] in, double[] out) {
            for (int s = 0; s < vi.length; s++) {
                vi[s] = vOf(s, in);
            }
            double[] r = g.rewardsAgentFlat();
            for (int row = 0; row < out.length; row++) {
                out[row] = bo * r[row] + g.gamma() * (bo / bi) * g.transitions().expect(row, vi);
            }
        }

        /** A Jacobi step in place (the claim needs the fixed point, not a particular sweep order). */
        @Override
        public double applyInPlace(double[] q) {
            double[] next = new double[q.length];
            apply(q, next);
            double res = Chapter2Claims.supDiff(next, q);
            System.arraycopy(next, 0, q, 0, q.length);
            return res;
        }
    }

    // ------------------------------------------------------------------ Theorems 8, 9, Corollary 10

    /**
     * The instance of a two-player declaration on {@link #discountedGame}: finite nonzero betas drawn from the trial's
     * seed ({@code betaAgent} nonnegative when {@code positiveAgent}), bound by {@code decl}.
     */
    private static ChainClaims.Subject gameSubject(long salt, boolean positiveAgent,
                                                   java.util.function.BiFunction<Double, Double, ChainDeclaration> decl) {
        return (seed, size) -> {
            SplittableRandom rng = new SplittableRandom(seed ^ salt);
            Game g = discountedGame(seed, size);
            double bi = positiveAgent ? Math.abs(RandomGames.signedBeta(rng)) : RandomGames.signedBeta(rng);
            double bo = RandomGames.signedBeta(rng);
            return ChainClaims.instance(decl.apply(bi, bo), java.util.Map.of(), g, size(g));
        };
    }

    /**
     * Theorem 8: updating the opponent model moves Q by the sign of beta_-i; the instance of the generic claim (b)
     * ({@link ChainClaims#levelImprovement}) on the opponent-first chain (3.30), level {@code opponent}, Q only.
     */
    static Claim theorem8() {
        return ChainClaims.levelImprovement("opponent-update-sign", "Theorem 8", Status.HOLDS, theorem8Text(),
                gameSubject(0x3C6EF373L, false, (bi, bo) -> ThesisChains.balancingQ(false, bi, bo)),
                List.of("opponent"), ChainClaims.Direction.SIGN_OF_BETA, false, List.of());
    }

    /**
     * Theorem 9 as printed (the agent's update lowers Q for beta_i &gt; 0) and corrected (moves it by the sign of
     * beta_i): the generic claim (b) on the agent-first chain (3.28), level {@code agent}, Q only.
     */
    static Claim theorem9(boolean corrected) {
        Claim c = ChainClaims.levelImprovement(corrected ? "agent-update-sign-corrected" : "agent-update-sign-as-printed",
                corrected ? "Theorem 9 (corrected)" : "Theorem 9", corrected ? Status.HOLDS : Status.FALSIFIED,
                theorem9Text(corrected),
                gameSubject(0xA54FF53BL, !corrected, (bi, bo) -> ThesisChains.balancingQ(true, bi, bo)),
                List.of("agent"), corrected ? ChainClaims.Direction.SIGN_OF_BETA : (level, beta) -> -1.0, false,
                corrected ? List.of() : List.of(THEOREM9_WITNESS));
        return corrected ? Hypothesis.adding(c, Hypothesis.discounted())
                : Hypothesis.adding(c, Hypothesis.discounted(), Hypothesis.signOf("beta.agent", 1));
    }

    /**
     * Corollary 10 as printed ((3.42) and (3.43)) and corrected: the generic claim (b) on the agent-first chain,
     * both levels, Q only; as printed the agent's update is claimed to lower Q for beta_i &gt; 0.
     */
    static Claim corollary10(boolean corrected) {
        Claim c = ChainClaims.levelImprovement(corrected ? "balancing-q-improvement-corrected" : "balancing-q-improvement-as-printed",
                corrected ? "Corollary 10 (corrected)" : "Corollary 10", corrected ? Status.HOLDS : Status.FALSIFIED,
                corollary10Text(corrected),
                gameSubject(0x510E527EL, !corrected, (bi, bo) -> ThesisChains.balancingQ(true, bi, bo)),
                null, corrected ? ChainClaims.Direction.SIGN_OF_BETA
                        : (level, beta) -> level.equals("agent") ? -1.0 : beta > 0 ? 1.0 : -1.0, false,
                corrected ? List.of() : List.of(COROLLARY10_WITNESS));
        return corrected ? Hypothesis.adding(c, Hypothesis.discounted())
                : Hypothesis.adding(c, Hypothesis.discounted(), Hypothesis.signOf("beta.agent", 1));
    }

    /** A (seed, size) on which the printed Theorem 9 fails; re-checked by every run. */
    static final long[] THEOREM9_WITNESS = {0L, 2};
    /** A (seed, size) on which the printed Corollary 10 fails; re-checked by every run. */
    static final long[] COROLLARY10_WITNESS = {0L, 2};

    private static String theorem8Text() {
        return "Opponent-first factorisation (3.34): fix the agent's pi(a|s,b); evaluate Q^{pi,rho} exactly with both"
                + " regularisers; update rho(b|s) to rho~ proportional to P(b|s) exp(beta_-i U(s,b)), U(s,b) ="
                + " E_pi[Q - (1/beta_i) log(pi/P)] (3.35). Then Q^{pi,rho~} >= Q^{pi,rho} if beta_-i > 0 and <= if"
                + " beta_-i < 0, everywhere (3.36).";
    }

    private static String theorem9Text(boolean corrected) {
        String setup = "Agent-first factorisation (3.39): fix the opponent model rho(b|s,a); evaluate Q^{pi,rho} exactly;"
                + " update pi(a|s) to pi-bar proportional to P(a|s) exp(beta_i U(s,a)), U(s,a) = E_rho[Q - (1/beta_-i)"
                + " log(rho/P)]. ";
        return corrected ? setup + "Then Q^{pi-bar,rho} >= Q^{pi,rho} if beta_i > 0 and <= if beta_i < 0 (soft policy"
                + " improvement, Theorem 6 with an opponent)."
                : setup + "As printed (3.41): Q^{pi-bar,rho} <= Q^{pi,rho} for beta_i > 0.";
    }

    private static String corollary10Text(boolean corrected) {
        String setup = "Agent-first factorisation, exact evaluation with both regularisers. Updating the agent's pi to its"
                + " Boltzmann policy gives Q-bar; updating the opponent model rho(b|s,a) to P(b|s,a) exp(beta_-i Q(s,a,b))"
                + " gives Q-bar'. ";
        return corrected ? setup + "Then Q-bar >= Q if beta_i > 0 (<= if beta_i < 0), and Q-bar' >= Q if beta_-i > 0,"
                + " Q-bar' <= Q if beta_-i < 0."
                : setup + "As printed: Q >= Q-bar when beta_i > 0 (3.42); Q >= Q-bar' if beta_-i < 0 and Q <= Q-bar' if"
                + " beta_-i > 0 (3.43).";
    }

    // ------------------------------------------------------------------ eq. (3.31)

    /** Eq. (3.31): the two perspectives' values coincide (printed); when they do (corrected). */
    static final class PerspectivesCoincide extends BaseClaim {
        private final boolean corrected;

        PerspectivesCoincide(boolean corrected) {
            super(corrected ? "perspectives-coincide-when" : "perspectives-coincide",
                    corrected ? "eq. (3.31) (corrected)" : "eq. (3.31)",
                    corrected ? Status.HOLDS_WHEN : Status.FALSIFIED,
                    corrected ? "beta_i = beta_-i and P(a|s) P(b|s,a) = P(b|s) P(a|s,b)" : null,
                    corrected
                    ? "The agent's-perspective value M_a^{beta_i} M_b^{beta_-i} and the opponent's-perspective value"
                            + " M_b^{beta_-i} M_a^{beta_i} of Balancing Q coincide when beta_i = beta_-i and the priors are one"
                            + " joint prior, P(a|s) P(b|s,a) = P(b|s) P(a|s,b) (both are then M^beta over the joint action)."
                    : "(3.31): the value functions of the agent's perspective (3.28) and the opponent's (3.30) coincide,"
                            + " V^i / beta_i = V^{-i} / beta_-i, for all betas.",
                    corrected ? java.util.List.of() : java.util.List.of(new long[] {0L, 2}));
            this.corrected = corrected;
            // both perspectives factor one joint prior; without one the gap would come from the priors, not the order
            requires(Hypothesis.discounted(), Hypothesis.jointPrior());
            if (corrected) {
                requires(Hypothesis.equalParams("betaAgent", "betaOpponent"));
            }
        }

        @Override
        public Trial trial(long seed, int size) {
            SplittableRandom rng = new SplittableRandom(seed ^ 0x9B05688CL);
            Game g0 = corrected ? RandomGames.consistentPriors(seed, size) : RandomGames.game(seed, size);
            Game g = g0.gamma() < 1.0 ? g0 : g0.withGamma(0.9);
            double bi = Chapter2Claims.anyBeta(rng);
            double bo = corrected ? bi : Chapter2Claims.anyBeta(rng);
            FixedPoint va = solve(GameChains.operator(g, Order.AGENT_FIRST, bi, bo), REFERENCE_TOLERANCE);
            FixedPoint vo = solve(GameChains.operator(g, Order.OPPONENT_FIRST, bi, bo), REFERENCE_TOLERANCE);
            double[] a = va.values();
            double[] o = vo.values();
            double diff = Chapter2Claims.supDiff(a, o);
            int worst = 0;
            for (int s = 0; s < a.length; s++) {
                if (Math.abs(a[s] - o[s]) > Math.abs(a[worst] - o[worst])) {
                    worst = s;
                }
            }
            int ws = worst;
            double tol = va.errorBound() + vo.errorBound() + floor(a, g.gamma()) + floor(o, g.gamma())
                    + 64 * ulps(Math.max(maxAbs(a, o), 1.0)) / (1.0 - g.gamma());
            return new Trial(diff, tol, size(g), () -> instance(g, "agent's-perspective V and opponent's-perspective V"
                    + " differ by " + diff + " in state " + ws + " (" + a[ws] + " vs " + o[ws] + ")", "betaAgent", bi,
                    "betaOpponent", bo)).withSides("agent's-perspective V(s" + ws + ") (3.28)", a[ws], "=",
                    "opponent's-perspective V(s" + ws + ") (3.30)", o[ws]);
        }
    }

    // ------------------------------------------------------------------ eq. (3.25)

    /**
     * Eq. (3.25)/(3.28): the optimum of the one-shot objective (3.21), whose opponent regulariser is KL to
     * P(b|s,a), computed with the marginal P(b|s) as printed (falsified) or with P(b|s,a) (corrected).
     */
    static final class MarginalPriorIn325 extends BaseClaim {
        private final boolean corrected;

        MarginalPriorIn325(boolean corrected) {
            super(corrected ? "balancing-q-objective-optimum-corrected" : "balancing-q-objective-optimum-as-printed",
                    corrected ? "eq. (3.25) (corrected)" : "eq. (3.25)",
                    corrected ? Status.HOLDS : Status.FALSIFIED,
                    null,
                    statementText(corrected),
                    corrected ? java.util.List.of() : java.util.List.of(new long[] {7L, 2}));
            this.corrected = corrected;
            // P(b|s) and P(b|s,a) must be the marginal and the conditional of one joint prior for "in place of" to mean
            // anything: the gap of the printed claim must come from conditioning, not from inconsistent priors
            requires(Hypothesis.oneShot(), Hypothesis.jointPrior(), Hypothesis.signOf("betaAgent", 1));
        }

        @Override
        public Trial trial(long seed, int size) {
            SplittableRandom rng = new SplittableRandom(seed ^ 0x1F83D9ABL);
            int na = 1 + rng.nextInt(Math.max(1, size));
            int nb = 1 + rng.nextInt(Math.max(1, size));
            // as printed: a correlated joint prior (P(b|s,a) != P(b|s)), the only instances on which the claims differ
            boolean correlated = rng.nextBoolean() || !corrected;
            Game g = RandomGames.game(rng, 1, na, nb, 0.0, correlated);
            double bi = Math.abs(RandomGames.signedBeta(rng));
            double bo = RandomGames.signedBeta(rng);
            double[] pa = g.priorAgentFlat();
            double[] pba = g.opponentGivenAgentFlat();
            double[] pb = g.priorOpponentFlat();
            double[] r = g.rewardsAgentFlat();
            double[] inner = new double[na];
            double[] innerPrinted = new double[na];
            double[][] rhoStar = new double[na][nb];
            for (int a = 0; a < na; a++) {
                inner[a] = SoftExtremum.policy(bo, r, a * nb, pba, a * nb, nb, rhoStar[a], 0);
                innerPrinted[a] = SoftExtremum.value(bo, r, a * nb, pb, 0, nb);
            }
            double[] piStar = new double[na];
            double v = SoftExtremum.policy(bi, inner, 0, pa, 0, na, piStar, 0);
            double scale = Math.max(regScale(g, bi, bo), Math.abs(v));
            if (!corrected) {
                double vPrinted = SoftExtremum.value(bi, innerPrinted, 0, pa, 0, na);
                double diff = Math.abs(vPrinted - v);
                return new Trial(diff, 64 * ulps(scale), na * nb, () -> instance(g, "the printed optimum (marginal P(b))"
                        + " differs from the optimum of (3.21) by " + diff, "betaAgent", bi, "betaOpponent", bo))
                        .withSides("printed optimum (3.25) with P(b|s)", vPrinted, "=", "optimum of (3.21) with P(b|s,a)", v);
            }
            double viol = Math.abs(objective(r, pa, pba, piStar, rhoStar, bi, bo, na, nb) - v);
            for (int k = 0; k < 6; k++) {
                double[] pi = RandomGames.policyRow(rng, pa, 0, na);
                // pi against the inner extremiser: at most V
                viol = Math.max(viol, objective(r, pa, pba, pi, rhoStar, bi, bo, na, nb) - v);
                double[][] rho = new double[na][];
                for (int a = 0; a < na; a++) {
                    rho[a] = RandomGames.policyRow(rng, pba, a * nb, nb);
                }
                // rho against pi*: at most V if the opponent maximises, at least V if it minimises
                double j = objective(r, pa, pba, piStar, rho, bi, bo, na, nb);
                viol = Math.max(viol, bo > 0 ? j - v : v - j);
            }
            double worst = viol;
            return new Trial(viol, 64 * (na + nb) * ulps(scale), na * nb, () -> instance(g, "a policy beats the optimum"
                    + " of (3.21) by " + worst, "betaAgent", bi, "betaOpponent", bo));
        }

        static double objective(double[] r, double[] pa, double[] pba, double[] pi, double[][] rho, double bi, double bo,
                                int na, int nb) {
            double j = 0.0;
            for (int a = 0; a < na; a++) {
                if (!(pi[a] > 0.0)) {
                    continue;
                }
                double inner = SoftExtremum.regularisedValue(bo, r, a * nb, pba, a * nb, rho[a], 0, nb);
                j += pi[a] * (inner - Math.log(pi[a] / pa[a]) / bi);
            }
            return j;
        }
    
        private static String statementText(boolean corrected) {
            String j = "On one-shot games (one state, gamma 0) the objective (3.21) is J(pi, rho) = E_{pi,rho}[r] - (1/beta_i)"
                        + " KL(pi || P(a)) - (1/beta_-i) E_pi KL(rho(.|a) || P(b|a)), maximised over pi (beta_i > 0) with rho the"
                        + " inner extremiser (max if beta_-i > 0, min if < 0). ";
                return corrected ? j + "Its optimum is V = M_a^{beta_i}[M_b^{beta_-i}[r(a,.) | P(b|a)] | P(a)], attained by the"
                        + " Boltzmann policies; no random pi (with its inner best response) or rho does better for its player."
                        : j + "As printed, (3.25) computes the optimum with the marginal prior P(b) in place of P(b|a).";
        }
    }

    // ------------------------------------------------------------------ limits

    /** Section 3.5.1: beta_i, beta_-i = +inf gives the friend value max_{a,b}. */
    static final class FriendLimit extends BaseClaim {
        FriendLimit() {
            super("friend-limit",
                    "section 3.5.1 (friend limit)",
                    Status.HOLDS,
                    null,
                    "Balancing Q with beta_i = beta_-i = +inf (either perspective) is friend-Q (2.68): V(s) = max over the"
                    + " priors' supports of Q(s,a,b), computed by an independent iteration of the friend operator.",
                    java.util.List.of());
        }

        @Override
        public Trial trial(long seed, int size) {
            Game g = discountedGame(seed, size);
            Order o = (seed & 1) == 0 ? Order.AGENT_FIRST : Order.OPPONENT_FIRST;
            double inf = Double.POSITIVE_INFINITY;
            FixedPoint bq = solve(GameChains.operator(g, o, inf, inf), REFERENCE_TOLERANCE);
            double[] ref = limitReference(g, true, o);
            double diff = Chapter2Claims.supDiff(bq.values(), ref);
            double tol = bq.errorBound() + 2 * floor(ref, g.gamma()) + REFERENCE_TOLERANCE;
            return new Trial(diff, tol, size(g), () -> instance(g, "BQ(+inf, +inf) differs from friend-Q by " + diff,
                    "order", o.name()));
        }
    }

    /** Section 3.5.1: beta_i = +inf, beta_-i = -inf gives the pure maxmin (agent first) / minmax (opponent first). */
    static final class PureMaxminLimit extends BaseClaim {
        PureMaxminLimit() {
            super("pure-maxmin-limit",
                    "section 3.5.1 (foe limit) (corrected)",
                    Status.HOLDS,
                    null,
                    "Balancing Q with beta_i = +inf and beta_-i = -inf is the pure-strategy maxmin recursion: agent first"
                    + " V(s) = max_a min_b Q(s,a,b), opponent first V(s) = min_b max_a Q(s,a,b) (over the priors' supports),"
                    + " computed by an independent iteration. (It is the foe value of (2.68) only when the stage games have"
                    + " pure saddle points: the conditional opponent model sees a.)",
                    java.util.List.of());
        }

        @Override
        public Trial trial(long seed, int size) {
            Game g = discountedGame(seed, size);
            Order o = (seed & 1) == 0 ? Order.AGENT_FIRST : Order.OPPONENT_FIRST;
            FixedPoint bq = solve(GameChains.operator(g, o, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY),
                    REFERENCE_TOLERANCE);
            double[] ref = limitReference(g, false, o);
            double diff = Chapter2Claims.supDiff(bq.values(), ref);
            double tol = bq.errorBound() + 2 * floor(ref, g.gamma()) + REFERENCE_TOLERANCE;
            return new Trial(diff, tol, size(g), () -> instance(g, "BQ(+inf, -inf) differs from the pure maxmin by " + diff,
                    "order", o.name()));
        }
    }

    /** Games with full-support (uniform) priors and at most two agent actions, for the mixed-maxmin checks. */
    static Game twoActionGame(long seed, int size) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 1 + rng.nextInt(Math.max(1, size));
        int na = 1 + rng.nextInt(2);
        int nb = 1 + rng.nextInt(Math.max(1, size));
        Game g = RandomGames.game(rng, n, na, nb, Math.min(RandomMdps.gamma(rng), 0.95), false);
        return g.toBuilder().priorAgent(null).priorOpponent(null).opponentGivenAgent(null).agentGivenOpponent(null).build();
    }

    /**
     * Independent mixed maxmin fixed point for games with at most two agent actions: the stage value
     * {@code max_p min_b [p Q(0,b) + (1-p) Q(1,b)]} is attained at p = 0, 1 or where two lines cross.
     */
    static double[] mixedMaxmin(Game g) {
        int n = g.numStates();
        int na = g.numAgentActions();
        int nb = g.numOpponentActions();
        double[] v = new double[n];
        double[] nv = new double[n];
        double[][] q = new double[na][nb];
        for (int it = 0; it < 10_000_000; it++) {
            double res = 0.0;
            for (int s = 0; s < n; s++) {
                for (int a = 0; a < na; a++) {
                    for (int b = 0; b < nb; b++) {
                        q[a][b] = g.rewardAgent(s, a, b) + g.gamma() * g.transitions().expect(g.row(s, a, b), v);
                    }
                }
                double best;
                if (na == 1) {
                    best = Double.POSITIVE_INFINITY;
                    for (int b = 0; b < nb; b++) {
                        best = Math.min(best, q[0][b]);
                    }
                } else {
                    best = Math.max(lower(q, 0.0), lower(q, 1.0));
                    for (int b1 = 0; b1 < nb; b1++) {
                        for (int b2 = b1 + 1; b2 < nb; b2++) {
                            double den = (q[0][b1] - q[1][b1]) - (q[0][b2] - q[1][b2]);
                            if (den != 0.0) {
                                double p = (q[1][b2] - q[1][b1]) / den;
                                if (p > 0.0 && p < 1.0) {
                                    best = Math.max(best, lower(q, p));
                                }
                            }
                        }
                    }
                }
                nv[s] = best;
                res = Math.max(res, Math.abs(nv[s] - v[s]));
            }
            System.arraycopy(nv, 0, v, 0, n);
            if (g.gamma() == 0.0 || res * g.gamma() / (1.0 - g.gamma()) <= 1e-13 || res <= 2 * Math.ulp(maxAbs(v))) {
                break;
            }
        }
        return v;
    }

    private static double lower(double[][] q, double p) {
        double m = Double.POSITIVE_INFINITY;
        for (int b = 0; b < q[0].length; b++) {
            m = Math.min(m, p * q[0][b] + (1.0 - p) * q[1][b]);
        }
        return m;
    }

    /** Section 3.5.1 as printed: the foe limit of Balancing Q is foe-Q's mixed maxmin value. */
    static final class FoeLimitAsPrinted extends BaseClaim {
        FoeLimitAsPrinted() {
            super("foe-limit-as-printed",
                    "section 3.5.1 (foe limit)",
                    Status.FALSIFIED,
                    null,
                    "Balancing Q is the soft version of friend-or-foe Q (section 3.5.1): with beta_i -> +inf and beta_-i -> -inf"
                    + " (agent's perspective) its value is foe-Q's (2.68), the mixed maxmin max_pi min_b E_pi Q(s,.,b) (on"
                    + " zero-sum games the minimax/LP value).",
                    java.util.List.of(new long[] {5L, 2}));
        }

        @Override
        public Trial trial(long seed, int size) {
            Game g = twoActionGame(seed, size);
            FixedPoint bq = solve(GameChains.operator(g, Order.AGENT_FIRST, Double.POSITIVE_INFINITY,
                    Double.NEGATIVE_INFINITY), REFERENCE_TOLERANCE);
            double[] foe = mixedMaxmin(g);
            double diff = Chapter2Claims.supDiff(bq.values(), foe);
            double[] v = bq.values();
            int w = 0;
            for (int s = 0; s < v.length; s++) {
                if (Math.abs(v[s] - foe[s]) > Math.abs(v[w] - foe[w])) {
                    w = s;
                }
            }
            double tol = bq.errorBound() + 2 * floor(foe, g.gamma()) + REFERENCE_TOLERANCE;
            return new Trial(diff, tol, size(g), () -> instance(g, "BQ(+inf, -inf) (pure maxmin, the opponent model sees a)"
                    + " differs from the mixed maxmin of foe-Q by " + diff)).withSides("BQ(+inf, -inf) V(s" + w + ")", v[w],
                    "=", "foe-Q mixed maxmin V(s" + w + ")", foe[w]);
        }
    }

    /** Eq. (2.68), foe: the library's foe-Q is the mixed maxmin (checked against exact breakpoints). */
    static final class FoeIsMixedMaxmin extends BaseClaim {
        FoeIsMixedMaxmin() {
            super("foe-q-is-mixed-maxmin",
                    "eq. (2.68)",
                    Status.HOLDS,
                    null,
                    statementText(),
                    java.util.List.of());
        }

        @Override
        public Trial trial(long seed, int size) {
            Game g = twoActionGame(seed, size);
            Solution foe = org.memarl.algorithms.games.FriendFoeQ.foe(g, RunConfig.builder().tolerance(REFERENCE_TOLERANCE)
                    .maxIterations(10_000_000).build());
            double[] ref = mixedMaxmin(g);
            double[] v = foe.V();
            double diff = Chapter2Claims.supDiff(v, ref);
            double tol = foe.errorBound() + 2 * floor(ref, g.gamma()) + REFERENCE_TOLERANCE
                    + 1e-9 * Math.max(1.0, maxAbs(ref));
            return new Trial(diff, tol, size(g), () -> instance(g, "foe-Q differs from the mixed maxmin by " + diff));
        }
    
        private static String statementText() {
            return "Foe-Q (2.68), V(s) = max over mixed pi of min_b sum_a pi(a) Q(s,a,b) with Q = r + gamma E V, equals an"
                        + " independent computation of the mixed maxmin (two agent actions: exact breakpoints of the piecewise"
                        + " linear lower envelope); on zero-sum games this is the minimax (LP) value.";
        }
    }

    /** Eq. (2.67): the thesis calls the Nash-Q operator a contraction, so iterating it converges. */
    static final class NashQConverges extends BaseClaim {
        NashQConverges() {
            super("nash-q-contraction",
                    "eq. (2.67)",
                    Status.FALSIFIED,
                    null,
                    "The Nash-Q operator (2.67), Q^i = r^i + gamma E[Nash value of the stage game (Q^i, Q^-i)], is a contraction,"
                    + " so its iteration converges (checked on general-sum games with a deterministic equilibrium selection:"
                    + " an exact cycle of the iterates falsifies it).",
                    java.util.List.of(NASH_WITNESS));
        }

        @Override
        public Trial trial(long seed, int size) {
            SplittableRandom rng = new SplittableRandom(seed ^ 0x5BE0CD19L);
            int n = 1 + rng.nextInt(Math.max(1, size));
            int na = 1 + rng.nextInt(Math.max(1, Math.min(size, 3)));
            int nb = 1 + rng.nextInt(Math.max(1, Math.min(size, 3)));
            Game g0 = RandomGames.game(rng, n, na, nb, 0.9, false);
            Game g = g0.sum() == Game.Sum.GENERAL ? g0 : g0.toBuilder().sum(Game.Sum.GENERAL)
                    .rewardsOpponent(negatedRewards(g0, rng)).build();
            Solution sol = org.memarl.algorithms.games.NashQ.solve(g, RunConfig.builder().tolerance(1e-10)
                    .maxIterations(20_000).build());
            boolean cycle = "cycle".equals(sol.parameters().get("stopReason"));
            double viol = cycle ? sol.residual() : 0.0;
            return new Trial(viol, 1e-9 * Math.max(1.0, g.maxAbsReward()), size(g), () -> instance(g,
                    "the Nash-Q iterates cycle (length " + sol.parameters().get("cycleLength") + ") with residual "
                            + sol.residual())).withSides("residual ||Q_(k+1) - Q_k|| of the last iterates (sup norm)", viol,
                            "=", "0 (the iterates of a contraction converge)", 0.0);
        }

        private static double[][][] negatedRewards(Game g, SplittableRandom rng) {
            double[][][] r = new double[g.numStates()][g.numAgentActions()][g.numOpponentActions()];
            for (int s = 0; s < r.length; s++) {
                for (int a = 0; a < r[s].length; a++) {
                    for (int b = 0; b < r[s][a].length; b++) {
                        r[s][a][b] = RandomMdps.round(5 * (2 * rng.nextDouble() - 1));
                    }
                }
            }
            return r;
        }
    }

    /** A (seed, size) whose Nash-Q iterates cycle; found by search, re-checked by every run. */
    static final long[] NASH_WITNESS = {307L, 2};

    /**
     * Independent value iteration of the friend (max max) or pure maxmin/minmax recursion over the priors'
     * supports, to 1e-13 or the rounding floor.
     */
    static double[] limitReference(Game g, boolean friend, Order o) {
        int n = g.numStates();
        int na = g.numAgentActions();
        int nb = g.numOpponentActions();
        double[] pa = g.priorAgentFlat();
        double[] pb = g.priorOpponentFlat();
        double[] pba = g.opponentGivenAgentFlat();
        double[] pab = g.agentGivenOpponentFlat();
        double[] v = new double[n];
        double[] nv = new double[n];
        for (int it = 0; it < 10_000_000; it++) {
            double res = 0.0;
            for (int s = 0; s < n; s++) {
                double outer = o == Order.AGENT_FIRST ? Double.NEGATIVE_INFINITY : (friend ? Double.NEGATIVE_INFINITY
                        : Double.POSITIVE_INFINITY);
                int nOuter = o == Order.AGENT_FIRST ? na : nb;
                int nInner = o == Order.AGENT_FIRST ? nb : na;
                for (int x = 0; x < nOuter; x++) {
                    boolean outerSupported = o == Order.AGENT_FIRST ? pa[s * na + x] > 0 : pb[s * nb + x] > 0;
                    if (!outerSupported) {
                        continue;
                    }
                    double inner = o == Order.AGENT_FIRST ? (friend ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY)
                            : Double.NEGATIVE_INFINITY;
                    for (int y = 0; y < nInner; y++) {
                        int a = o == Order.AGENT_FIRST ? x : y;
                        int b = o == Order.AGENT_FIRST ? y : x;
                        boolean innerSupported = o == Order.AGENT_FIRST ? pba[(s * na + a) * nb + b] > 0
                                : pab[(s * nb + b) * na + a] > 0;
                        if (!innerSupported) {
                            continue;
                        }
                        double q = g.rewardAgent(s, a, b) + g.gamma() * g.transitions().expect(g.row(s, a, b), v);
                        boolean innerMax = o == Order.OPPONENT_FIRST || friend;
                        inner = innerMax ? Math.max(inner, q) : Math.min(inner, q);
                    }
                    boolean outerMax = o == Order.AGENT_FIRST || friend;
                    outer = outerMax ? Math.max(outer, inner) : Math.min(outer, inner);
                }
                nv[s] = outer;
                res = Math.max(res, Math.abs(nv[s] - v[s]));
            }
            System.arraycopy(nv, 0, v, 0, n);
            if (g.gamma() == 0.0 || res * g.gamma() / (1.0 - g.gamma()) <= 1e-13
                    || res <= 2 * Math.ulp(maxAbs(v))) {
                break;
            }
        }
        return v;
    }
}
