package org.memarl.chains;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.memarl.InvalidModelException;
import org.memarl.solve.ChainProblem;
import org.memarl.solve.ChainSolution;
import org.memarl.solve.ChainSolver;
import org.memarl.solve.IterationOptions;
import org.memarl.solve.Sweep;

/**
 * Whether two recursions have the same fixed point: two declared chains ({@link #check}) on a given model and
 * on random models like it (or, with no model, on random models of a shape that fits their choices), or two
 * bound problems over the same contexts ({@link #compare}). The values compared are V per context (per state
 * for models without options; per {@code (s, z_prev)} with options); both chains bind the same model, so they
 * share the contexts.
 *
 * <p>Each problem is solved by {@link ChainSolver} (the fixed point to the relative accuracy
 * {@link #RELATIVE_ACCURACY} of {@code max|r| / (1 - gamma)}, or the exact backward recursion of a finite
 * horizon), and the two are equal on a model when
 *
 * <pre>
 *   gap = max_c |V_A(c) - V_B(c)|  &lt;=  tolerance = eps_A + eps_B + 16 (K_A + K_B) ulp(max(max|V|, max|r|)) * steps
 * </pre>
 *
 * with {@code eps} each solution's stated error bound ({@link ChainSolution#errorBound()}, 0 for a finite
 * horizon), K the depth of each chain (every soft extremum rounds by a few ulps of its operands) and
 * {@code steps} the number of backups whose rounding accumulates ({@code 1/(1-gamma)} for the fixed point, H
 * for a horizon H). The tolerance is thus scaled by the magnitudes involved, never a loose constant.
 *
 * <p>Random models ({@link RandomChainModels}) keep the given model's sizes, gamma and horizon and draw their
 * priors as one joint prior per state, so that every marginal and conditional a chain may read agrees; a
 * level's inline prior table is used as given. Parameters ({@code $name} betas) bind both declarations; a
 * parameter left unset is drawn per model ({@code +-inf}, 0 or {@code +-10^u}, u in [-3, 3]), the same for
 * both, and reported with a counterexample. The reported counterexample is the failing model of smallest
 * {@link EquivalenceModel#size()}, ties broken by the smallest gap.
 */
public final class ChainEquivalence {
    /** Relative accuracy to which fixed points are solved: of {@code max(1, max|r| / (1 - gamma))}. */
    public static final double RELATIVE_ACCURACY = 1e-11;
    /** Largest size bound of the random shapes tried when no model is given (trial i uses {@code 1 + i % MAX_SIZE}). */
    public static final int MAX_SIZE = 4;

    private ChainEquivalence() {
    }

    /**
     * The comparison of two solved problems on one model.
     *
     * @param first the first problem's solution
     * @param second the second problem's solution
     * @param gap {@code max_c |V_A(c) - V_B(c)|}
     * @param tolerance the gap that is still rounding and solver error (see the class comment)
     * @param context the context of the largest gap
     */
    public record Comparison(ChainSolution first, ChainSolution second, double gap, double tolerance, int context) {
        /** Whether the fixed points differ beyond the tolerance. */
        public boolean differs() {
            return gap > tolerance;
        }

        /** The name of the context of the largest gap. */
        public String contextName() {
            return first.problem().contextNames().get(context);
        }
    }

    /**
     * A model on which the two chains differ.
     *
     * @param model the model (write it as a model file to re-run it with {@code solve MODEL --chain FILE})
     * @param parameters the parameters both chains were bound with (given and drawn), in order of first use
     * @param comparison the two solutions and their gap
     * @param givenModel whether this is the given model itself (not a random one like it)
     */
    public record Counterexample(EquivalenceModel model, Map<String, Double> parameters, Comparison comparison,
                                 boolean givenModel) {
        /** A counterexample; the parameters are copied. */
        public Counterexample {
            parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        }

        /** A one-line description: where V differs, by how much. */
        public String detail(String nameA, String nameB) {
            Comparison c = comparison;
            return "V differs at context \"" + c.contextName() + "\" of " + (givenModel ? "the given model" : "a random " + model)
                    + ": " + nameA + " " + c.first().value(c.context()) + ", " + nameB + " " + c.second().value(c.context())
                    + " (gap " + c.gap() + " > tolerance " + c.tolerance() + ")";
        }
    }

    /**
     * The outcome of {@link #check}.
     *
     * @param first the first declaration
     * @param second the second declaration
     * @param trials the number of models tried (the given one, if any, and the random ones)
     * @param maxGap the largest gap seen on any model
     * @param counterexample the smallest counterexample, or null when the equivalence held
     */
    public record Result(ChainDeclaration first, ChainDeclaration second, int trials, double maxGap,
                         Counterexample counterexample) {
        /** Whether the fixed points agreed (within tolerance) on every model tried. */
        public boolean holds() {
            return counterexample == null;
        }

        /** {@code "holds"} or {@code "falsified"}, as the ledger labels a status. */
        public String label() {
            return holds() ? "holds" : "falsified";
        }
    }

    /** The iteration settings used for a problem: Gauss-Seidel to the relative accuracy of its reward scale. */
    public static IterationOptions iterationOptions(ChainProblem p) {
        double r = 0.0;
        for (double x : p.rewards()) {
            r = Math.max(r, Math.abs(x));
        }
        double scale = Math.max(1.0, p.gamma() < 1.0 ? r / (1.0 - p.gamma()) : r * Math.max(1, p.horizon()));
        return new IterationOptions(RELATIVE_ACCURACY * scale, 10_000_000, Sweep.GAUSS_SEIDEL);
    }

    /**
     * Solves both problems and compares their V per context.
     *
     * @throws InvalidModelException if their contexts differ
     */
    public static Comparison compare(ChainProblem a, ChainProblem b) {
        if (a.contexts() != b.contexts()) {
            throw new InvalidModelException("contexts: the chains have " + a.contexts() + " and " + b.contexts()
                    + " contexts; their values cannot be compared");
        }
        ChainSolution sa = ChainSolver.solve(a, iterationOptions(a));
        ChainSolution sb = ChainSolver.solve(b, iterationOptions(b));
        double[] va = sa.values();
        double[] vb = sb.values();
        double gap = 0.0;
        int at = 0;
        double mag = 0.0;
        for (int c = 0; c < va.length; c++) {
            double d = Math.abs(va[c] - vb[c]);
            if (d > gap || (Double.isNaN(d) && !Double.isNaN(gap))) {
                gap = d;
                at = c;
            }
            mag = Math.max(mag, Math.max(Math.abs(va[c]), Math.abs(vb[c])));
        }
        for (ChainProblem p : new ChainProblem[] {a, b}) {
            for (double x : p.rewards()) {
                mag = Math.max(mag, Math.abs(x));
            }
        }
        double gamma = Math.max(a.gamma(), b.gamma());
        double steps = a.horizon() > 0 || b.horizon() > 0 ? Math.max(a.horizon(), b.horizon()) : 1.0 / (1.0 - gamma);
        double tol = sa.errorBound() + sb.errorBound()
                + 16.0 * (a.chain().depth() + b.chain().depth()) * Math.ulp(Math.max(mag, Double.MIN_NORMAL)) * steps;
        return new Comparison(sa, sb, gap, tol, at);
    }

    /**
     * Whether two declarations have the same fixed point: on {@code model} (if not null) and on {@code trials}
     * random models like it (or, without a model, of random shapes fitting the first declaration's choices,
     * size bounds cycling 1..{@link #MAX_SIZE}).
     *
     * @param params parameter values binding both declarations; unset ones are drawn per model
     * @throws InvalidModelException if a declaration does not fit the model (one line naming the key), or no
     *         model is given and a level's inline prior fixes the sizes
     */
    public static Result check(ChainDeclaration a, ChainDeclaration b, EquivalenceModel model, Map<String, Double> params,
                               int trials, long seed) {
        if (trials < 0) {
            throw new InvalidModelException("trials: " + trials + " is negative");
        }
        List<String> names = new ArrayList<>(a.parameters());
        for (String p : b.parameters()) {
            if (!names.contains(p)) {
                names.add(p);
            }
        }
        for (String p : params.keySet()) {
            if (!names.contains(p)) {
                throw new InvalidModelException("param: \"" + p + "\" is not a parameter of either chain; they use "
                        + (names.isEmpty() ? "none" : names.toString()));
            }
        }
        Set<String> choices = new HashSet<>();
        for (ChainDeclaration.Level l : a.levels()) {
            choices.add(l.choice());
        }
        if (model == null) {
            requireShapeFree(a, b);
        }
        double maxGap = 0.0;
        Counterexample best = null;
        int total = (model == null ? 0 : 1) + trials;
        for (int i = 0; i < total; i++) {
            boolean given = model != null && i == 0;
            int r = model == null ? i : i - 1;
            SplittableRandom rng = new SplittableRandom(trialSeed(seed, r));
            EquivalenceModel m = given ? model
                    : model != null ? EquivalenceModels.like(model, rng)
                    : EquivalenceModels.ofChoices(choices, 1 + r % MAX_SIZE, rng);
            Map<String, Double> bound = new LinkedHashMap<>();
            for (String p : names) {
                Double v = params.get(p);
                bound.put(p, v != null ? v : anyBeta(rng));
            }
            ChainProblem pa = a.problem(m.choiceModel(), bound);
            ChainProblem pb = b.problem(m.choiceModel(), bound);
            Comparison c = compare(pa, pb);
            maxGap = Math.max(maxGap, c.gap());
            if (c.differs()) {
                boolean better = best == null || m.size() < best.model().size()
                        || (m.size() == best.model().size() && c.gap() < best.comparison().gap());
                if (better) {
                    best = new Counterexample(m, bound, c, given);
                }
            }
        }
        return new Result(a, b, total, maxGap, best);
    }

    /**
     * Checks that no level of the declarations gives an inline prior table, which would fix the model's sizes
     * (random shapes need a model then).
     *
     * @throws InvalidModelException naming the level's key
     */
    public static void requireShapeFree(ChainDeclaration... declarations) {
        for (ChainDeclaration d : declarations) {
            for (int k = 0; k < d.levels().size(); k++) {
                ChainDeclaration.Prior pr = d.levels().get(k).prior();
                if (pr != null && pr.dims() != null) {
                    throw new InvalidModelException("levels[" + k + "].prior.table: an inline prior of \"" + d.name()
                            + "\" fixes the model's sizes; give --model");
                }
            }
        }
    }

    /** The seed of random model i of a run with the given seed. */
    static long trialSeed(long runSeed, int i) {
        long h = runSeed * 0x9E3779B97F4A7C15L + 0x51ED2701L;
        h ^= (long) i * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 31)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 29);
    }

    /** Any inverse temperature: +-inf, 0, or +-10^u with u in [-3, 3] (4 significant digits). */
    static double anyBeta(SplittableRandom rng) {
        switch (rng.nextInt(8)) {
            case 0:
                return Double.POSITIVE_INFINITY;
            case 1:
                return Double.NEGATIVE_INFINITY;
            case 2:
                return 0.0;
            case 3:
                return 1.0;
            default:
                double b = RandomChainModels.round(Math.pow(10.0, -3.0 + 6.0 * rng.nextDouble()));
                return rng.nextBoolean() ? b : -b;
        }
    }
}
