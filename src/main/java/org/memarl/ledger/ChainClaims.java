package org.memarl.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.memarl.InvalidModelException;
import org.memarl.chains.ChainDeclaration;
import org.memarl.chains.ChainEvaluation;
import org.memarl.chains.ChoiceModel;
import org.memarl.chains.RandomChainModels;
import org.memarl.io.ChainFiles;
import org.memarl.io.GameWriter;
import org.memarl.io.ModelWriter;
import org.memarl.io.ResultWriter;
import org.memarl.kernel.Chain;
import org.memarl.model.Game;
import org.memarl.model.Mdp;
import org.memarl.solve.ChainBellman;
import org.memarl.solve.ChainProblem;
import org.memarl.solve.ChainSolution;
import org.memarl.solve.ChainSolver;
import org.memarl.solve.IterationOptions;
import org.memarl.solve.Sweep;

/**
 * The generic claims of any chain (issue 13, item 4): the general forms of what the ledger checks for the
 * thesis, stated for a chain problem {@code V(c) = M_{x_1}^{beta_1}[ ... M_{x_K}^{beta_K}[Q(c, x) | P_K] ... | P_1]},
 * {@code Q = r + gamma E V}, on random models of a shape (and the user's model):
 *
 * <ol type="a">
 *   <li><b>contraction</b> ({@link #contraction}): the chain's Bellman operator is a gamma-contraction in the
 *       sup norm, {@code ||B x - B y|| <= gamma ||x - y||} (appendix A.3.3 for one level; (3.15), (3.33), (4.8),
 *       (4.21) for the thesis chains).</li>
 *   <li><b>per-level improvement</b> ({@link #levelImprovement}), the general form of Theorems 8 and 9 and
 *       Corollary 10 (corrected): for arbitrary policies pi (inside the priors' supports; a beta-0 level at its
 *       prior), evaluated exactly ({@link ChainEvaluation}), replacing level k's policy alone by its Boltzmann
 *       response {@code pi_k' ∝ P_k exp(beta_k U_k)} to the continuation values {@code U_k} moves both
 *       {@code V^pi(c)} and {@code Q^pi(c, x)} in the direction of the sign of beta_k, at every context and leaf:
 *       {@code sign(beta_k) (V^{pi'} - V^pi) >= 0} and {@code sign(beta_k) (Q^{pi'} - Q^pi) >= 0}. (Proof: the
 *       response maximises (beta &gt; 0) or minimises (beta &lt; 0) every prefix's regularised one-step objective,
 *       so {@code B^{pi'} V^pi >= B^pi V^pi = V^pi}, and the affine policy operator is monotone.)</li>
 *   <li><b>saddle point</b> ({@link #saddlePoint}): the chain's Boltzmann policies attain its fixed point V in
 *       the exact regularised objective of the declared factorisation, and no single level's policy changed
 *       alone (random policies inside the support, deterministic ones) raises the objective anywhere when
 *       beta_k &gt; 0 or lowers it when beta_k &lt; 0.</li>
 *   <li><b>monotone in each beta</b> ({@link #monotoneInBeta}): for each level k, V is nondecreasing in beta_k
 *       on the grid {@code -inf, -10, -1, -0.1, 0, 0.1, 1, 10, +inf} (every M is nondecreasing in its beta and
 *       in its argument).</li>
 *   <li><b>limits</b> ({@link #limits}): with {@code p_k} the smallest positive prior weight of level k and
 *       {@code D = (max r - min r) / (1 - gamma)}, for beta_k = b &gt; 0:
 *       {@code 0 <= V(+inf) - V(b) <= log(1/p_k) / (b (1 - gamma))}; for b &lt; 0:
 *       {@code 0 <= V(b) - V(-inf) <= log(1/p_k) / (|b| (1 - gamma))}; and towards the prior expectation
 *       {@code 0 <= sign(b) (V(b) - V(0)) <= |b| D^2 / (8 (1 - gamma))} (Hoeffding's lemma per reduction,
 *       nonexpansive outer reductions, 1/(1 - gamma) through the fixed point).</li>
 * </ol>
 *
 * <p>A {@link Subject} draws the instances: the model (written as a model file in counterexamples), the
 * problem the solver solves and the problem whose priors and betas <em>declare</em> the factorisation the
 * objective regularises against; for a declared chain both are the same. A chain that solves something
 * other than its declaration (a prior that ignores its {@code given}) keeps (a), (d), (e) and fails (c).
 * The claims are about the discounted fixed point: a model with a horizon is checked without it, and
 * gamma 1 becomes 0.9.
 */
public final class ChainClaims {
    /** Tolerance to which fixed points are solved inside the checks. */
    static final double REFERENCE_TOLERANCE = 1e-12;
    private static final double[] GRID = {Double.NEGATIVE_INFINITY, -10, -1, -0.1, 0, 0.1, 1, 10, Double.POSITIVE_INFINITY};

    private ChainClaims() {
    }

    /** One instance: the model as a model file, the solved and the declared problem, size and parameters. */
    public static final class Instance {
        final Supplier<JsonNode> model;
        final Supplier<JsonNode> chain;
        final ChainProblem solved;
        final ChainProblem declared;
        final int size;
        final Object[] params;
        final java.util.function.BiFunction<Integer, Double, ChainProblem> rebind;

        /**
         * @param model the model file of the instance (for counterexamples)
         * @param chain the chain file (for counterexamples), or null
         * @param solved the problem the solver solves
         * @param declared the problem declaring the factorisation (priors and betas) of the objective; same shape
         * @param size the instance's size (smaller counterexamples are preferred)
         * @param params name, value pairs reported with a counterexample
         */
        public Instance(Supplier<JsonNode> model, Supplier<JsonNode> chain, ChainProblem solved, ChainProblem declared,
                        int size, Object... params) {
            this(model, chain, solved, declared, null, size, params);
        }

        /**
         * As above, with the way the implementation under test re-binds level k's beta (for (d) and (e); null: the
         * solved problem with that level's beta replaced, {@link #withBeta}).
         */
        public Instance(Supplier<JsonNode> model, Supplier<JsonNode> chain, ChainProblem solved, ChainProblem declared,
                        java.util.function.BiFunction<Integer, Double, ChainProblem> rebind, int size, Object... params) {
            this.rebind = rebind != null ? rebind : (k, b) -> withBeta(solved, k, b);
            if (solved.contexts() != declared.contexts() || solved.chain().leafSize() != declared.chain().leafSize()
                    || solved.chain().depth() != declared.chain().depth()) {
                throw new InvalidModelException("instance: the solved and the declared problem differ in shape");
            }
            this.model = model;
            this.chain = chain;
            this.solved = solved;
            this.declared = declared;
            this.size = size;
            this.params = params.clone();
        }
    }

    /** A chain under test: draws an instance from a seed and a size bound (the size may be ignored). */
    @FunctionalInterface
    public interface Subject {
        Instance draw(long seed, int size);
    }

    /**
     * The declared chain over random models of {@code shape} ({@link RandomChainModels}); with {@code given} (an
     * {@link Mdp} or a {@link Game} of that shape, or null) the instance of size 0 is that model. Parameters
     * bind the declaration's {@code $name} betas.
     *
     * @throws InvalidModelException if the declaration does not bind to the shape (checked once, eagerly)
     */
    public static Subject declared(ChainDeclaration decl, Map<String, Double> params, RandomChainModels.Shape shape,
                                   Object given) {
        Map<String, Double> p = Map.copyOf(params);
        Subject s = (seed, size) -> {
            Object m = size == 0 && given != null ? given : shape.isGame() ? RandomChainModels.game(shape, seed)
                    : RandomChainModels.mdp(shape, seed);
            return instance(decl, p, m, shape.size());
        };
        s.draw(0L, given != null ? 0 : 1);
        return s;
    }

    /** The instance of a declaration bound to a model (an {@link Mdp} or {@link Game}), discounted and without horizon. */
    static Instance instance(ChainDeclaration decl, Map<String, Double> params, Object model, int size) {
        Supplier<JsonNode> json;
        ChoiceModel cm;
        if (model instanceof Mdp mdp) {
            Mdp d = discounted(mdp);
            cm = ChoiceModel.of(d);
            json = () -> ModelWriter.toJson(d);
        } else if (model instanceof Game g) {
            Game d = discounted(g);
            cm = ChoiceModel.of(d);
            json = () -> GameWriter.toJson(d);
        } else {
            throw new InvalidModelException("model: expected an mdp or a game, got " + model);
        }
        ChainProblem p = decl.problem(cm, params);
        double[] betas = decl.betas(params);
        List<Object> ps = new ArrayList<>();
        for (int k = 0; k < betas.length; k++) {
            ps.add("beta." + decl.levels().get(k).choice());
            ps.add(betas[k]);
        }
        return new Instance(json, () -> ChainFiles.toJson(decl), p, p, size, ps.toArray());
    }

    static Mdp discounted(Mdp m) {
        Mdp d = m.horizon() > 0 ? m.withHorizon(0) : m;
        return d.gamma() < 1.0 ? d : d.withGamma(0.9);
    }

    static Game discounted(Game g) {
        Game d = g.horizon() > 0 ? g.withHorizon(0) : g;
        return d.gamma() < 1.0 ? d : d.withGamma(0.9);
    }

    /** The five claims (a)-(e) of a subject, ids prefixed with {@code idPrefix}, refs {@code ref}. */
    public static List<Claim> all(String idPrefix, String ref, Subject s, List<long[]> witnesses) {
        return List.of(
                contraction(idPrefix + "contraction", ref, "(a) The chain's Bellman operator V -> chain(r + gamma E V)"
                        + " is a gamma-contraction in the sup norm (gamma the declared discount): ||B x - B y|| <= gamma"
                        + " ||x - y|| for random x, y (far apart and close together).", Status.HOLDS, s, witnesses),
                levelImprovement(idPrefix + "level-improvement", ref, s, witnesses),
                saddlePoint(idPrefix + "saddle-point", ref, s, witnesses),
                monotoneInBeta(idPrefix + "monotone-in-beta", ref, s, witnesses),
                limits(idPrefix + "limits", ref, s, witnesses));
    }

    // ------------------------------------------------------------------ helpers

    static ObjectNode doc(Instance in, String detail, Object... extra) {
        Object[] all = new Object[in.params.length + extra.length];
        System.arraycopy(in.params, 0, all, 0, in.params.length);
        System.arraycopy(extra, 0, all, in.params.length, extra.length);
        ObjectNode o = Chapter2Claims.instance(in.model.get(), detail, all);
        if (in.chain != null) {
            o.set("chain", in.chain.get());
        }
        return o;
    }

    static ChainSolution solve(ChainProblem p) {
        return ChainSolver.solve(p, new IterationOptions(REFERENCE_TOLERANCE, 10_000_000, Sweep.GAUSS_SEIDEL));
    }

    /** The guaranteed distance of a solution to the exact fixed point: the driver's bound plus the rounding floor. */
    static double eps(ChainSolution s) {
        double scale = Math.max(Chapter2Claims.maxAbs(s.values()), regScale(s.problem()));
        return s.errorBound() + s.chain().depth() * 16.0 * Math.ulp(scale) / (1.0 - s.problem().gamma());
    }

    /**
     * The rounding scale of soft extrema and regularisers: 1, and {@code 1/|beta_k|} of every finite nonzero beta
     * (a logarithm rounded by an ulp, divided by beta_k).
     */
    static double regScale(ChainProblem p) {
        double m = 1.0;
        for (Chain.Level l : p.chain().levels()) {
            if (l.beta() != 0.0 && Double.isFinite(l.beta())) {
                m = Math.max(m, 1.0 / Math.abs(l.beta()));
            }
        }
        return m;
    }

    /** The problem with level k's beta replaced (same priors). */
    static ChainProblem withBeta(ChainProblem p, int k, double beta) {
        Chain c = p.chain();
        Chain.Builder b = Chain.builder(c.contexts());
        for (int j = 0; j < c.depth(); j++) {
            Chain.Level l = c.levels().get(j);
            b.level(l.name(), l.size(), j == k ? beta : l.beta(), l.prior());
        }
        return p.withChain(b.build());
    }

    static double maxAbsReward(ChainProblem p) {
        double m = 0.0;
        for (double r : p.rewards()) {
            m = Math.max(m, Math.abs(r));
        }
        return m;
    }

    /** A random policy of level k inside its prior's support (the prior itself at beta 0); deterministic if asked. */
    static double[][] randomLevel(ChainProblem p, int k, SplittableRandom rng, boolean deterministic) {
        Chain chain = p.chain();
        Chain.Level l = chain.levels().get(k);
        int n = l.size();
        int pre = chain.prefixCount(k);
        double[][] out = new double[p.contexts()][pre * n];
        for (int c = 0; c < out.length; c++) {
            for (int x = 0; x < pre; x++) {
                if (l.beta() == 0.0) {
                    for (int i = 0; i < n; i++) {
                        out[c][x * n + i] = chain.priorWeight(k, c, x, i);
                    }
                    continue;
                }
                if (deterministic) {
                    int pick;
                    do {
                        pick = rng.nextInt(n);
                    } while (!(chain.priorWeight(k, c, x, pick) > 0.0));
                    out[c][x * n + pick] = 1.0;
                    continue;
                }
                double z = 0.0;
                for (int i = 0; i < n; i++) {
                    double w = chain.priorWeight(k, c, x, i) > 0.0 ? 0.05 + rng.nextDouble() : 0.0;
                    out[c][x * n + i] = w;
                    z += w;
                }
                for (int i = 0; i < n; i++) {
                    out[c][x * n + i] /= z;
                }
            }
        }
        return out;
    }

    static String betaText(double b) {
        return org.memarl.model.Fmt.num(b);
    }

    // ------------------------------------------------------------------ (a) contraction

    /**
     * (a): the operator of the solved problem is a contraction in the sup norm with the declared problem's gamma
     * as modulus.
     */
    public static Claim contraction(String id, String ref, String statement, Status expected, Subject s, List<long[]> witnesses) {
        return new BaseClaim(id, ref, expected, null, statement, witnesses) {
            @Override
            public Trial trial(long seed, int size) {
                Instance in = s.draw(seed, size);
                SplittableRandom rng = new SplittableRandom(seed ^ 0x51A3C1F7L);
                return contractionTrial(in, rng);
            }
        };
    }

    static Trial contractionTrial(Instance in, SplittableRandom rng) {
        Chapter2Claims.ContractionCheck c = new Chapter2Claims.ContractionCheck(new ChainBellman(in.solved),
                in.declared.gamma(), maxAbsReward(in.solved), rng, true);
        double tol = 4 * in.solved.chain().depth() * Chapter2Claims.ulps(c.scale());
        return new Trial(c.lhs - c.rhs, tol, in.size, () -> {
            ObjectNode o = doc(in, "||B x - B y|| = " + c.lhs + " > gamma ||x - y|| = " + c.rhs);
            o.set("x", ResultWriter.node(c.x));
            o.set("y", ResultWriter.node(c.y));
            return o;
        }).withSides("||B x - B y||", c.lhs, "<=", "gamma ||x - y||", c.rhs);
    }

    // ------------------------------------------------------------------ (b) per-level improvement

    /** The direction a claim says a level's Boltzmann response moves the values: +1 up, -1 down. */
    @FunctionalInterface
    public interface Direction {
        double of(String level, double beta);

        /** The general form of Theorems 8 and 9: the sign of the level's beta. */
        Direction SIGN_OF_BETA = (level, beta) -> beta > 0 ? 1.0 : -1.0;
    }

    /** (b): each level's Boltzmann response moves V and Q by the sign of its beta. */
    public static Claim levelImprovement(String id, String ref, Subject s, List<long[]> witnesses) {
        return levelImprovement(id, ref, Status.HOLDS,
                "(b) Theorems 8-9 generalised: for random policies pi of every level (inside the priors' supports), evaluated"
                        + " exactly with every level's regulariser, replacing level k's policy alone by its Boltzmann response"
                        + " pi_k' ~ P_k exp(beta_k U_k) (U_k: the objective after the outer choices, the inner levels at pi) gives"
                        + " sign(beta_k) (V^pi' - V^pi) >= 0 and sign(beta_k) (Q^pi' - Q^pi) >= 0 at every context and leaf"
                        + " (every level with beta_k != 0, +-inf included).", s, null, Direction.SIGN_OF_BETA, true, witnesses);
    }

    /**
     * (b) in a chosen form: the levels updated ({@code levels}, by choice name; null: every level with beta != 0),
     * the claimed direction of each update, and whether V is checked besides the leaf Q.
     */
    public static Claim levelImprovement(String id, String ref, Status expected, String statement, Subject s,
                                         List<String> levels, Direction direction, boolean values, List<long[]> witnesses) {
        return new BaseClaim(id, ref, expected, null, statement, witnesses) {
            @Override
            public Trial trial(long seed, int size) {
                Instance in = s.draw(seed, size);
                return improvementTrial(in, new SplittableRandom(seed ^ 0x3C6EF372L), levels, direction, values);
            }
        };
    }

    static Trial improvementTrial(Instance in, SplittableRandom rng, List<String> levels, Direction direction,
                                  boolean values) {
        ChainProblem p = in.declared;
        int depth = p.chain().depth();
        double[][][] pol = new double[depth][][];
        for (int k = 0; k < depth; k++) {
            pol[k] = randomLevel(p, k, rng, rng.nextInt(4) == 0);
        }
        ChainEvaluation.Result old = ChainEvaluation.evaluate(p, pol);
        double worst = Double.NEGATIVE_INFINITY;
        double scale = old.scale();
        int worstLevel = -1;
        double worstBefore = 0.0;
        double worstAfter = 0.0;
        for (int k = 0; k < depth; k++) {
            Chain.Level l = p.chain().levels().get(k);
            if (l.beta() == 0.0 || (levels != null && !levels.contains(l.name()))) {
                continue;
            }
            double[][][] next = pol.clone();
            next[k] = ChainEvaluation.boltzmannResponse(p, old, k);
            ChainEvaluation.Result neu = ChainEvaluation.evaluate(p, next);
            scale = Math.max(scale, neu.scale());
            double sign = direction.of(l.name(), l.beta());
            double v = Double.NEGATIVE_INFINITY;
            double before = 0.0;
            double after = 0.0;
            if (values) {
                for (int c = 0; c < p.contexts(); c++) {
                    double d = sign * (old.value(c) - neu.value(c));
                    if (d > v) {
                        v = d;
                        before = old.value(c);
                        after = neu.value(c);
                    }
                }
            }
            double[][] qo = old.q();
            double[][] qn = neu.q();
            for (int c = 0; c < qo.length; c++) {
                for (int j = 0; j < qo[c].length; j++) {
                    double d = sign * (qo[c][j] - qn[c][j]);
                    if (d > v) {
                        v = d;
                        before = qo[c][j];
                        after = qn[c][j];
                    }
                }
            }
            if (v > worst) {
                worst = v;
                worstLevel = k;
                worstBefore = before;
                worstAfter = after;
            }
        }
        if (worstLevel < 0) {
            return new Trial(0.0, 0.0, in.size, () -> doc(in, "no level to update (beta 0)"));
        }
        double viol = worst;
        int lvl = worstLevel;
        double tol = Chapter2Claims.solveTolerance(scale, p.gamma(), p.contexts() * depth);
        Chain.Level l = p.chain().levels().get(lvl);
        return new Trial(viol, tol, in.size, () -> doc(in, "the Boltzmann response of level " + lvl + " (" + l.name()
                + ", beta " + betaText(l.beta()) + ") moved " + (values ? "V or Q" : "Q") + " against the claimed direction ("
                + (direction.of(l.name(), l.beta()) > 0 ? "up" : "down") + ") by " + viol, "policies", pol))
                .withSides("value after the update (at the worst context or leaf)", worstAfter,
                        direction.of(l.name(), l.beta()) > 0 ? ">=" : "<=", "value before", worstBefore);
    }

    // ------------------------------------------------------------------ (c) saddle point

    /** (c): the chain's policies attain V in the exact objective; no single level's deviation beats it for its player. */
    public static Claim saddlePoint(String id, String ref, Subject s, List<long[]> witnesses) {
        return new BaseClaim(id, ref, Status.HOLDS, null,
                "(c) Saddle point: the chain's Boltzmann policies attain its fixed point V in the exact regularised objective"
                        + " of the declared factorisation, V^pi*(c) = V(c); and changing one level's policy alone (random"
                        + " policies inside the prior's support, deterministic ones) never raises the objective at any context"
                        + " when beta_k > 0 nor lowers it when beta_k < 0.", witnesses) {
            @Override
            public Trial trial(long seed, int size) {
                Instance in = s.draw(seed, size);
                SplittableRandom rng = new SplittableRandom(seed ^ 0xA54FF53AL);
                ChainSolution sol = solve(in.solved);
                double[] v = sol.values();
                double gamma = in.solved.gamma();
                double[][][] pol = ChainEvaluation.policies(sol);
                ChainEvaluation.Result own;
                try {
                    own = ChainEvaluation.evaluate(in.declared, pol);
                } catch (InvalidModelException e) {
                    return new Trial(Double.MAX_VALUE, 0.0, in.size, () -> doc(in, "the chain's policies have no finite"
                            + " objective in the declared factorisation: " + e.getMessage()));
                }
                // residual of the solution: the greedy policies' value is within residual / (1 - gamma) of it
                double[] bv = new double[v.length];
                new ChainBellman(in.solved).apply(v, bv);
                double res = Chapter2Claims.supDiff(bv, v);
                int depth = in.declared.chain().depth();
                double round = Chapter2Claims.solveTolerance(Math.max(Math.max(own.scale(), regScale(in.solved)),
                        Chapter2Claims.maxAbs(v)), gamma,
                        in.solved.contexts() * depth);
                double tol0 = res / (1.0 - gamma) + eps(sol) + round;
                double attain = Chapter2Claims.supDiff(own.values(), v);
                double worst = attain - tol0;
                String what = "the chain's policies evaluate to " + supText(own.values()) + ", not V = " + supText(v);
                // level deviations: the continuation values U_k are within gamma * tol0 of the chain's f_k, so the
                // chain's own policy is a best response up to 2 gamma tol0 per step
                double tolDev = 2.0 * gamma * tol0 / (1.0 - gamma) + round;
                for (int k = 0; k < depth; k++) {
                    double beta = in.declared.chain().levels().get(k).beta();
                    if (beta == 0.0) {
                        continue;
                    }
                    for (int t = 0; t < 3; t++) {
                        double[][][] alt = pol.clone();
                        alt[k] = randomLevel(in.declared, k, rng, t == 2);
                        ChainEvaluation.Result e = ChainEvaluation.evaluate(in.declared, alt);
                        double gain = Double.NEGATIVE_INFINITY;
                        for (int c = 0; c < v.length; c++) {
                            gain = Math.max(gain, Math.signum(beta) * (e.value(c) - own.value(c)));
                        }
                        double tk = tolDev + Chapter2Claims.solveTolerance(e.scale(), gamma, in.solved.contexts() * depth);
                        if (gain - tk > worst) {
                            worst = gain - tk;
                            int lvl = k;
                            double g = gain;
                            what = "changing level " + lvl + " (" + in.declared.chain().levels().get(lvl).name() + ", beta "
                                    + betaText(beta) + ") alone moved the objective in its player's favour by " + g;
                        }
                    }
                }
                String detail = what;
                return new Trial(worst, 0.0, in.size, () -> doc(in, detail));
            }
        };
    }

    private static String supText(double[] v) {
        return java.util.Arrays.toString(v);
    }

    // ------------------------------------------------------------------ (d) monotone in beta

    /** (d): V is nondecreasing in each level's beta. */
    public static Claim monotoneInBeta(String id, String ref, Subject s, List<long[]> witnesses) {
        return new BaseClaim(id, ref, Status.HOLDS, null,
                "(d) For each level k, the fixed point V is nondecreasing in beta_k (the other betas as declared) along"
                        + " -inf, -10, -1, -0.1, 0, 0.1, 1, 10, +inf, at every context.", witnesses) {
            @Override
            public Trial trial(long seed, int size) {
                Instance in = s.draw(seed, size);
                SplittableRandom rng = new SplittableRandom(seed ^ 0x9B05688CL);
                int depth = in.solved.chain().depth();
                int k = rng.nextInt(depth);
                // a random increasing run of four grid points
                int start = rng.nextInt(GRID.length - 3);
                double worst = Double.NEGATIVE_INFINITY;
                double[] prev = null;
                double prevEps = 0.0;
                double prevBeta = 0.0;
                String what = "";
                for (int i = start; i < start + 4; i++) {
                    ChainSolution sol = solve(in.rebind.apply(k, GRID[i]));
                    double[] v = sol.values();
                    double e = eps(sol);
                    if (prev != null) {
                        double drop = Double.NEGATIVE_INFINITY;
                        for (int c = 0; c < v.length; c++) {
                            drop = Math.max(drop, prev[c] - v[c]);
                        }
                        if (drop - prevEps - e > worst) {
                            worst = drop - prevEps - e;
                            what = "V fell by " + drop + " when beta of level " + k + " ("
                                    + in.solved.chain().levels().get(k).name() + ") rose from " + betaText(prevBeta)
                                    + " to " + betaText(GRID[i]);
                        }
                    }
                    prev = v;
                    prevEps = e;
                    prevBeta = GRID[i];
                }
                String detail = what;
                return new Trial(worst, 0.0, in.size, () -> doc(in, detail));
            }
        };
    }

    // ------------------------------------------------------------------ (e) limits

    /** Which level, which beta and which limit (+inf, -inf or 0) a limits trial compares. */
    @FunctionalInterface
    public interface LimitDraw {
        /** Returns {@code {level, beta, limit}} for a chain of {@code depth} levels. */
        double[] draw(SplittableRandom rng, int depth);

        /** A random level; +inf with beta 10^u, -inf with -10^u (u in 0..3), or 0 with +-10^-u (u in 1..3). */
        LimitDraw ANY = (rng, depth) -> {
            int k = rng.nextInt(depth);
            int mode = rng.nextInt(3);
            if (mode < 2) {
                double b = Math.pow(10.0, rng.nextInt(4));
                return mode == 0 ? new double[] {k, b, Double.POSITIVE_INFINITY} : new double[] {k, -b, Double.NEGATIVE_INFINITY};
            }
            return new double[] {k, Math.pow(10.0, -1 - rng.nextInt(3)) * (rng.nextBoolean() ? 1 : -1), 0.0};
        };
    }

    /** (e): beta_k -&gt; +-inf approaches the hard chain, beta_k -&gt; 0 the prior expectation, at the stated rates. */
    public static Claim limits(String id, String ref, Subject s, List<long[]> witnesses) {
        return limits(id, ref, Status.HOLDS,
                "(e) Limits, with p_k the smallest positive prior weight of level k and D = (max r - min r)/(1 - gamma):"
                        + " 0 <= V(beta_k = +inf) - V(b) <= log(1/p_k) / (b (1 - gamma)) for b > 0, 0 <= V(b) - V(-inf) <="
                        + " log(1/p_k) / (|b| (1 - gamma)) for b < 0, and 0 <= sign(b) (V(b) - V(0)) <= |b| D^2 / (8 (1 -"
                        + " gamma)) (b = +-10^u, u in -3..3; the other betas as declared).", s, LimitDraw.ANY, witnesses);
    }

    /** (e) with a chosen statement and draw of (level, beta, limit). */
    public static Claim limits(String id, String ref, Status expected, String statement, Subject s, LimitDraw draw,
                               List<long[]> witnesses) {
        return new BaseClaim(id, ref, expected, null, statement, witnesses) {
            @Override
            public Trial trial(long seed, int size) {
                Instance in = s.draw(seed, size);
                SplittableRandom rng = new SplittableRandom(seed ^ 0x1F83D9ABL);
                ChainProblem p = in.solved;
                int depth = p.chain().depth();
                double gamma = p.gamma();
                double[] d = draw.draw(rng, depth);
                int k = (int) d[0];
                double b = d[1];
                double limit = d[2];
                int mode = limit == Double.POSITIVE_INFINITY ? 0 : limit == Double.NEGATIVE_INFINITY ? 1 : 2;
                ChainSolution sb = solve(in.rebind.apply(k, b));
                ChainSolution sl = solve(in.rebind.apply(k, limit));
                double[] vb = sb.values();
                double[] vl = sl.values();
                double bound;
                if (mode < 2) {
                    bound = Math.log(1.0 / minPositivePrior(p, k)) / (Math.abs(b) * (1.0 - gamma));
                } else {
                    double lo = Double.POSITIVE_INFINITY;
                    double hi = Double.NEGATIVE_INFINITY;
                    for (double r : p.rewards()) {
                        lo = Math.min(lo, r);
                        hi = Math.max(hi, r);
                    }
                    double range = (hi - lo) / (1.0 - gamma);
                    bound = Math.abs(b) * range * range / (8.0 * (1.0 - gamma));
                }
                // the gap, signed so that the claim is 0 <= gap <= bound
                double sign = mode == 0 ? -1.0 : mode == 1 ? 1.0 : Math.signum(b);
                double worst = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < vb.length; c++) {
                    double gap = sign * (vb[c] - vl[c]);
                    worst = Math.max(worst, Math.max(-gap, gap - bound));
                }
                double tol = eps(sb) + eps(sl) + Chapter2Claims.ulps(Math.max(bound, Chapter2Claims.maxAbs(vb, vl)));
                double viol = worst;
                double bb = b;
                double bd = bound;
                String target = mode == 2 ? "0 (the prior expectation)" : betaText(limit) + " (the hard chain)";
                return new Trial(viol, tol, in.size, () -> doc(in, "level " + k + " (" + p.chain().levels().get(k).name()
                        + ") at beta " + betaText(bb) + " is outside the stated band around beta " + target + " (bound "
                        + bd + ") by " + viol, "limitLevel", p.chain().levels().get(k).name(), "limitBeta", bb));
            }
        };
    }

    /** The smallest positive prior weight of level k over all contexts and prefixes. */
    static double minPositivePrior(ChainProblem p, int k) {
        Chain chain = p.chain();
        int n = chain.levels().get(k).size();
        double m = 1.0;
        for (int c = 0; c < p.contexts(); c++) {
            for (int x = 0; x < chain.prefixCount(k); x++) {
                for (int i = 0; i < n; i++) {
                    double w = chain.priorWeight(k, c, x, i);
                    if (w > 0.0) {
                        m = Math.min(m, w);
                    }
                }
            }
        }
        return m;
    }
}
