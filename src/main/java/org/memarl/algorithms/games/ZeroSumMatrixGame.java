package org.memarl.algorithms.games;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.PivotSelectionRule;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.memarl.InvalidModelException;
import org.memarl.MemarlException;

/**
 * The value and optimal mixed strategies of a zero-sum matrix game {@code R[a][b]} in which the agent
 * (rows) maximises and the opponent (columns) minimises: von Neumann's
 *
 * <pre>
 *   val R = max_x min_b sum_a x(a) R[a][b] = min_y max_a sum_b R[a][b] y(b)
 * </pre>
 *
 * the stage operator of Shapley's value iteration ({@link Minimax}) and of foe-Q (thesis (2.68) with
 * one friend and one foe, {@link FriendFoeQ}). Optionally only the actions a mask allows take part
 * (memarl's convention: actions outside a prior's support are never played).
 *
 * <p><b>Method.</b> A pure saddle point (an entry that is the minimum of its row and the maximum of its
 * column; the first in row-major order) is returned exactly. Otherwise both players' linear programs
 * are solved with Commons Math's {@link SimplexSolver} (Bland's rule, no cycling) in the classical
 * positive form: with {@code G = (R - min R)/span + 1} (entries in [1, 2]) the opponent's strategy is
 * {@code z / sum z} for {@code max 1'z s.t. G z <= 1, z >= 0}, and the agent's strategy is the same
 * program on the transposed, sign-reversed game {@code (max R - R)'/span + 1}. Both programs are
 * feasible at the origin (no phase 1) and bounded. Tiny negative entries from the solver are clipped and
 * the strategies renormalised.
 *
 * <p><b>Certificate.</b> The result reports the agent's guarantee {@code lower = min_b (x'R)_b} and the
 * opponent's guarantee {@code upper = max_a (R y)_a}, both computed from the returned strategies, so
 * {@code lower <= val R <= upper} holds up to the rounding of these sums; on the floating path the
 * reported value is their midpoint. If the gap exceeds {@value #GAP_TOLERANCE} times the span of the
 * entries, the game is settled exactly.
 *
 * <p><b>Exact fallback.</b> If the gap is above that tolerance (the floating simplex stalled, as on
 * some 3x3 games with close payoffs), or the solver failed, or the span of the entries overflows, the game
 * is settled in exact rational arithmetic on the exact binary values of the doubles
 * ({@link ExactZeroSum}): the supports of the floating strategies are certified by solving their
 * equalising systems exactly and verifying every saddle-point inequality exactly; if that fails, a
 * rational simplex (Bland's rule, which cannot stall in exact arithmetic) solves the game, and its
 * answer is verified the same way. The solve therefore never fails on a finite matrix.
 *
 * <p><b>Guarantee.</b> On the floating path {@code |value() - val R| <= GAP_TOLERANCE * span} plus
 * the rounding of the guarantee sums (a few ulps of {@code max|R|}), and each strategy guarantees the
 * value to within that much. On the exact path ({@link #isExact()}, also every pure saddle point) the
 * value is the exact value rounded to a double (within one ulp) and each probability is within one ulp
 * of an exactly optimal strategy, so no pure deviation gains more than a few ulps of {@code max|R|}
 * (about {@code (|A| + |B|)} ulps).
 *
 * <p>Cost: two simplex solves of a {@code |A| x |B|} program, typically O((|A|+|B|) |A| |B|) per pivot;
 * the exact fallback, when it runs, costs big-integer arithmetic on numbers of up to a few thousand bits
 * (milliseconds for a 6x6 game with payoffs spanning 1e-300..1e300). Immutable.
 */
public final class ZeroSumMatrixGame {
    /** Relative (to the span of R) duality gap above which a solve is refused. */
    public static final double GAP_TOLERANCE = 1e-9;

    private final double value;
    private final double lower;
    private final double upper;
    private final double[] agent;
    private final double[] opponent;
    private final boolean saddlePoint;
    private final boolean exact;

    private ZeroSumMatrixGame(double value, double lower, double upper, double[] agent, double[] opponent,
                              boolean saddlePoint, boolean exact) {
        this.exact = exact;
        this.value = value;
        this.lower = lower;
        this.upper = upper;
        this.agent = agent;
        this.opponent = opponent;
        this.saddlePoint = saddlePoint;
    }

    /** Solves {@code R[a][b]} with every action allowed. */
    public static ZeroSumMatrixGame solve(double[][] r) {
        return solve(r, null, null);
    }

    /**
     * Solves {@code R[a][b]} restricted to the allowed actions (null = all allowed); excluded actions get
     * probability 0 and are ignored in both guarantees.
     *
     * @throws InvalidModelException if R is empty, ragged or not finite, a mask has the wrong length or
     *         allows no action
     */
    public static ZeroSumMatrixGame solve(double[][] r, boolean[] agentAllowed, boolean[] opponentAllowed) {
        int na = checkMatrix("R", r);
        int nb = r[0].length;
        int[] rows = allowed("agentAllowed", agentAllowed, na);
        int[] cols = allowed("opponentAllowed", opponentAllowed, nb);
        int k = rows.length;
        int l = cols.length;
        double[][] m = new double[k][l];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < l; j++) {
                m[i][j] = r[rows[i]][cols[j]];
                lo = Math.min(lo, m[i][j]);
                hi = Math.max(hi, m[i][j]);
            }
        }
        double[] x = new double[na];
        double[] y = new double[nb];
        int[] saddle = saddle(m);
        if (saddle != null) {
            x[rows[saddle[0]]] = 1.0;
            y[cols[saddle[1]]] = 1.0;
            double v = m[saddle[0]][saddle[1]];
            return new ZeroSumMatrixGame(v, v, v, x, y, true, true);
        }
        double span = hi - lo; // > 0: a constant matrix has a saddle point
        double[] xs = null;
        double[] ys = null;
        double lw = Double.NaN;
        double up = Double.NaN;
        if (Double.isFinite(span)) {
            double[][] g = new double[k][l];
            double[][] gt = new double[l][k];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < l; j++) {
                    g[i][j] = (m[i][j] - lo) / span + 1.0;
                    gt[j][i] = (hi - m[i][j]) / span + 1.0;
                }
            }
            try {
                xs = columnPlayer(gt, PivotSelectionRule.BLAND);
                ys = columnPlayer(g, PivotSelectionRule.BLAND);
                lw = xs == null ? Double.NEGATIVE_INFINITY : agentGuarantee(m, xs);
                up = ys == null ? Double.POSITIVE_INFINITY : opponentGuarantee(m, ys);
            } catch (MemarlException e) {
                lw = Double.NaN; // a zero strategy from the solver: settled exactly below
            }
        }
        if (!(up - lw <= GAP_TOLERANCE * span)) {
            return exact(m, rows, cols, na, nb, xs, ys);
        }
        for (int i = 0; i < k; i++) {
            x[rows[i]] = xs[i];
        }
        for (int j = 0; j < l; j++) {
            y[cols[j]] = ys[j];
        }
        // a rounding inversion (lw slightly above up) is collapsed onto the midpoint
        double mid = lw + 0.5 * (up - lw);
        return new ZeroSumMatrixGame(mid, Math.min(lw, mid), Math.max(up, mid), x, y, false, false);
    }

    /**
     * The exact fallback ({@link ExactZeroSum}): the floating strategies' supports certified by their
     * equalising systems, else a rational simplex; value and strategies rounded from exact rationals.
     */
    private static ZeroSumMatrixGame exact(double[][] m, int[] rows, int[] cols, int na, int nb, double[] xs, double[] ys) {
        ExactZeroSum.Solution s = ExactZeroSum.solve(m, xs, ys);
        int k = rows.length;
        int l = cols.length;
        double[] x = new double[na];
        double[] y = new double[nb];
        ExactZeroSum.Q[] xq = new ExactZeroSum.Q[k];
        ExactZeroSum.Q[] yq = new ExactZeroSum.Q[l];
        for (int i = 0; i < k; i++) {
            x[rows[i]] = s.x[i].toDouble();
            xq[i] = ExactZeroSum.Q.of(x[rows[i]]);
        }
        for (int j = 0; j < l; j++) {
            y[cols[j]] = s.y[j].toDouble();
            yq[j] = ExactZeroSum.Q.of(y[cols[j]]);
        }
        // the guarantees of the rounded strategies, summed exactly, then rounded
        ExactZeroSum.Q lwq = null;
        for (int j = 0; j < l; j++) {
            ExactZeroSum.Q t = ExactZeroSum.Q.ZERO;
            for (int i = 0; i < k; i++) {
                t = t.add(xq[i].multiply(ExactZeroSum.Q.of(m[i][j])));
            }
            lwq = lwq == null || t.compareTo(lwq) < 0 ? t : lwq;
        }
        ExactZeroSum.Q upq = null;
        for (int i = 0; i < k; i++) {
            ExactZeroSum.Q t = ExactZeroSum.Q.ZERO;
            for (int j = 0; j < l; j++) {
                t = t.add(ExactZeroSum.Q.of(m[i][j]).multiply(yq[j]));
            }
            upq = upq == null || t.compareTo(upq) > 0 ? t : upq;
        }
        double v = s.value.toDouble();
        return new ZeroSumMatrixGame(v, Math.min(lwq.toDouble(), v), Math.max(upq.toDouble(), v), x, y, false, true);
    }

    /**
     * The strategy of the minimising column player of the positive game {@code g} (row player
     * maximises), {@code z / sum z} for {@code max 1'z s.t. g z <= 1, z >= 0}; null if the solver fails.
     */
    private static double[] columnPlayer(double[][] g, PivotSelectionRule rule) {
        int k = g.length;
        int l = g[0].length;
        List<LinearConstraint> cs = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            cs.add(new LinearConstraint(g[i].clone(), Relationship.LEQ, 1.0));
        }
        double[] obj = new double[l];
        Arrays.fill(obj, 1.0);
        PointValuePair p;
        try {
            p = new SimplexSolver().optimize(new MaxIter(100_000), new LinearObjectiveFunction(obj, 0.0),
                    new LinearConstraintSet(cs), GoalType.MAXIMIZE, new NonNegativeConstraint(true), rule);
        } catch (MathIllegalStateException e) {
            if (rule == PivotSelectionRule.BLAND) {
                return columnPlayer(g, PivotSelectionRule.DANTZIG);
            }
            return null;
        }
        return normalise(p.getPoint());
    }

    /** Clips negatives (solver rounding) and renormalises. */
    static double[] normalise(double[] z) {
        double s = 0.0;
        for (int j = 0; j < z.length; j++) {
            if (!(z[j] > 0.0)) {
                z[j] = 0.0;
            }
            s += z[j];
        }
        if (!(s > 0.0)) {
            throw new MemarlException("zero-sum matrix game: the simplex solver returned a zero strategy");
        }
        for (int j = 0; j < z.length; j++) {
            z[j] /= s;
        }
        return z;
    }

    /** First pure saddle point {@code [i, j]} in row-major order, or null. */
    static int[] saddle(double[][] m) {
        int k = m.length;
        int l = m[0].length;
        double[] colMax = new double[l];
        Arrays.fill(colMax, Double.NEGATIVE_INFINITY);
        for (double[] row : m) {
            for (int j = 0; j < l; j++) {
                colMax[j] = Math.max(colMax[j], row[j]);
            }
        }
        for (int i = 0; i < k; i++) {
            double rowMin = Double.POSITIVE_INFINITY;
            for (int j = 0; j < l; j++) {
                rowMin = Math.min(rowMin, m[i][j]);
            }
            for (int j = 0; j < l; j++) {
                if (m[i][j] == rowMin && m[i][j] == colMax[j]) {
                    return new int[] {i, j};
                }
            }
        }
        return null;
    }

    private static double agentGuarantee(double[][] m, double[] x) {
        double lw = Double.POSITIVE_INFINITY;
        for (int j = 0; j < m[0].length; j++) {
            double s = 0.0;
            for (int i = 0; i < m.length; i++) {
                s += x[i] * m[i][j];
            }
            lw = Math.min(lw, s);
        }
        return lw;
    }

    private static double opponentGuarantee(double[][] m, double[] y) {
        double up = Double.NEGATIVE_INFINITY;
        for (double[] row : m) {
            double s = 0.0;
            for (int j = 0; j < row.length; j++) {
                s += row[j] * y[j];
            }
            up = Math.max(up, s);
        }
        return up;
    }

    /** Number of rows of a non-empty, rectangular, finite matrix; messages name {@code key[i][j]}. */
    static int checkMatrix(String key, double[][] r) {
        if (r == null || r.length == 0) {
            throw new InvalidModelException(key + ": no rows, expected at least one action per player");
        }
        int nb = r[0] == null ? 0 : r[0].length;
        if (nb == 0) {
            throw new InvalidModelException(key + "[0]: no entries, expected at least one action per player");
        }
        for (int i = 0; i < r.length; i++) {
            if (r[i] == null || r[i].length != nb) {
                throw new InvalidModelException(key + "[" + i + "]: " + (r[i] == null ? 0 : r[i].length) + " entries, expected " + nb);
            }
            for (int j = 0; j < nb; j++) {
                if (!Double.isFinite(r[i][j])) {
                    throw new InvalidModelException(key + "[" + i + "][" + j + "]: " + r[i][j] + " is not a finite number");
                }
            }
        }
        return r.length;
    }

    /** Indices the mask allows (all for null). */
    static int[] allowed(String key, boolean[] mask, int n) {
        if (mask == null) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        if (mask.length != n) {
            throw new InvalidModelException(key + ": length " + mask.length + ", expected " + n);
        }
        int c = 0;
        for (boolean b : mask) {
            if (b) {
                c++;
            }
        }
        if (c == 0) {
            throw new InvalidModelException(key + ": no action allowed, expected at least one");
        }
        int[] out = new int[c];
        c = 0;
        for (int i = 0; i < n; i++) {
            if (mask[i]) {
                out[c++] = i;
            }
        }
        return out;
    }

    /** The value of the game (midpoint of the two guarantees; exact at a saddle point). */
    public double value() {
        return value;
    }

    /** The agent's optimal (maximin) mixed strategy over all its actions (0 where not allowed). */
    public double[] agentStrategy() {
        return agent.clone();
    }

    /** The opponent's optimal (minimax) mixed strategy over all its actions (0 where not allowed). */
    public double[] opponentStrategy() {
        return opponent.clone();
    }

    /** {@code min_b (x'R)_b} over the allowed b: what the agent's strategy guarantees, {@code <= value()}. */
    public double agentGuarantee() {
        return lower;
    }

    /** {@code max_a (R y)_a} over the allowed a: what the opponent's strategy concedes, {@code >= value()}. */
    public double opponentGuarantee() {
        return upper;
    }

    /** The duality gap {@code opponentGuarantee() - agentGuarantee() >= 0}; 0 at a pure saddle point. */
    public double gap() {
        return upper - lower;
    }

    /** Whether the game was solved by a pure saddle point (exact). */
    public boolean isSaddlePoint() {
        return saddlePoint;
    }

    /**
     * Whether the value and strategies were settled in exact arithmetic (a pure saddle point, or the
     * exact fallback): then the value is the exact value rounded to a double (within one ulp) and each
     * probability within one ulp of an exactly optimal strategy.
     */
    public boolean isExact() {
        return exact;
    }

    @Override
    public String toString() {
        return "ZeroSumMatrixGame[value=" + value + ", agent=" + Arrays.toString(agent) + ", opponent="
                + Arrays.toString(opponent) + ", gap=" + gap() + "]";
    }
}
