package org.memarl.algorithms.games;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.memarl.InvalidModelException;

/**
 * Nash equilibria of a bimatrix game: the agent (rows) receives {@code A[a][b]}, the opponent (columns)
 * {@code B[a][b]}, both maximise. A pair of mixed strategies {@code (x, y)} is an equilibrium when
 * neither player gains by a pure deviation (thesis (2.64) for a one-state game):
 * {@code max_a (A y)_a <= x'A y} and {@code max_b (x'B)_b <= x'B y}. This is the stage-game solver of
 * Nash-Q ((2.66): the value of a state is the payoff of an equilibrium of the stage game of the players'
 * Q-functions, {@link NashQ}).
 *
 * <p><b>Normalisation.</b> Equilibria do not change under positive affine maps of a player's payoffs, so
 * the solver works with {@code A' = (A - min A)/span(A) + 1} and {@code B'} alike (entries in [1, 2];
 * a constant matrix becomes all ones). All tolerances below ({@link #TOLERANCE}) are in these units,
 * i.e. relative to the span of each player's payoffs.
 *
 * <p><b>Degeneracy.</b> The game is <em>nondegenerate</em> when no mixed strategy with support size k
 * has more than k pure best responses (von Stengel 2002, Handbook of Game Theory 3, ch. 45). memarl
 * decides this exactly (up to {@link #TOLERANCE}) from the best-response polytopes
 * {@code P = {x >= 0 : B'^T x <= 1}} and {@code Q = {y >= 0 : A' y <= 1}}: a point of P with more than
 * |A| tight inequalities ("labels") is a scaled strategy with more best responses than its support size,
 * and such a point exists iff some vertex of P has one; likewise for Q. The vertices are enumerated from
 * every support/tight-set pair {@code (I, J)}, {@code |I| = |J|}, solving {@code B'_{IJ}^T x_I = 1}.
 * {@link #degeneracyWitness()} names a strategy with too many best responses.
 *
 * <ul>
 * <li><b>Nondegenerate games</b>: <em>support enumeration</em> over pairs of supports of equal size
 * {@code |I| = |J| = k}: the opponent's strategy makes the agent indifferent on I
 * ({@code A_{IJ} y_J = u 1}, {@code 1'y_J = 1}), the agent's makes the opponent indifferent on J, both
 * strictly positive on their supports, and no action outside a support does better. Every equilibrium
 * of a nondegenerate game has supports of equal size and is found this way; there are finitely many (an
 * odd number).</li>
 * <li><b>Degenerate games</b>: supports of equilibria may differ in size and equilibria may form
 * continua. memarl then enumerates all pairs of supports of any sizes, in the form of all vertex pairs
 * of {@code P x Q}, and returns the <em>extreme equilibria</em>: the completely labelled pairs of nonzero
 * vertices {@code (x, y)} (every action of either player is unplayed or a pure best response to the
 * other player's strategy), normalised to probabilities. Every equilibrium is a convex combination of extreme equilibria within a maximal
 * Nash subset (Avis, Rosenberg, Savani, von Stengel 2010), so the list describes the equilibrium set but
 * does not list the continua's interior points.</li>
 * </ul>
 *
 * <p>Actions outside a mask (a prior's support) are removed before solving and get probability 0.
 * Equilibria are listed in a deterministic order: by the agent's support (lexicographic order of
 * the sorted index lists), then the opponent's, then the strategies. Cost: {@code C(|A|+|B|, |A|)}
 * square solves of size at most {@code min(|A|, |B|)}, for each of P, Q and the support pairs; games
 * with more than {@value #MAX_SUPPORT_PAIRS} such pairs or {@value #MAX_ACTIONS} actions per player are
 * refused. Immutable.
 */
public final class BimatrixNash {
    /** Tolerance on normalised payoffs (span 1) and on probabilities. */
    public static final double TOLERANCE = 1e-9;
    /** Largest {@code C(|A|+|B|, |A|)} accepted. */
    public static final long MAX_SUPPORT_PAIRS = 5_000_000L;
    /** Most allowed actions per player accepted. */
    public static final int MAX_ACTIONS = 20;
    private static final double PIVOT = 1e-12;

    /** How the equilibria were found. */
    public enum Method {
        /** Equal-size support enumeration (nondegenerate games): all equilibria. */
        SUPPORT_ENUMERATION,
        /** Completely labelled vertex pairs of the best-response polytopes: all extreme equilibria. */
        VERTEX_ENUMERATION
    }

    /**
     * One equilibrium: strategies over all actions, payoffs in the original units ({@code x' A y} and
     * {@code x' B y}), sorted supports (the actions played with positive probability). The arrays are
     * copied out.
     */
    public record Equilibrium(double[] agent, double[] opponent, double agentPayoff, double opponentPayoff,
            int[] agentSupport, int[] opponentSupport) {
        Equilibrium(double[] agent, double[] opponent, double[][] a, double[][] b) {
            this(agent, opponent, bilinear(agent, a, opponent), bilinear(agent, b, opponent), support(agent),
                    support(opponent));
        }

        @Override
        public double[] agent() {
            return agent.clone();
        }

        @Override
        public double[] opponent() {
            return opponent.clone();
        }

        @Override
        public int[] agentSupport() {
            return agentSupport.clone();
        }

        @Override
        public int[] opponentSupport() {
            return opponentSupport.clone();
        }

        @Override
        public String toString() {
            return "Equilibrium[agent=" + Arrays.toString(agent) + ", opponent=" + Arrays.toString(opponent)
                    + ", payoffs=(" + agentPayoff + ", " + opponentPayoff + ")]";
        }
    }

    private static final Comparator<Equilibrium> ORDER = (e, f) -> {
        int c = Arrays.compare(e.agentSupport, f.agentSupport);
        if (c == 0) {
            c = Arrays.compare(e.opponentSupport, f.opponentSupport);
        }
        if (c == 0) {
            c = Arrays.compare(e.agent, f.agent);
        }
        if (c == 0) {
            c = Arrays.compare(e.opponent, f.opponent);
        }
        return c;
    };

    private final List<Equilibrium> equilibria;
    private final boolean degenerate;
    private final String witness;
    private final Method method;
    private final double tieTolerance;

    private BimatrixNash(List<Equilibrium> eqs, boolean degenerate, String witness, Method method, double tieTolerance) {
        List<Equilibrium> sorted = new ArrayList<>(eqs);
        sorted.sort(ORDER);
        this.equilibria = Collections.unmodifiableList(sorted);
        this.degenerate = degenerate;
        this.witness = witness;
        this.method = method;
        this.tieTolerance = tieTolerance;
    }

    /** All equilibria (nondegenerate) or all extreme equilibria (degenerate) of {@code (A, B)}. */
    public static BimatrixNash solve(double[][] a, double[][] b) {
        return solve(a, b, null, null);
    }

    /**
     * As {@link #solve(double[][], double[][])} over the allowed actions (null = all).
     *
     * @throws InvalidModelException if a matrix is empty, ragged or not finite, the shapes differ, a mask
     *         allows nothing, or the game is too large to enumerate
     */
    public static BimatrixNash solve(double[][] a, double[][] b, boolean[] agentAllowed, boolean[] opponentAllowed) {
        Reduced g = new Reduced(a, b, agentAllowed, opponentAllowed);
        Polytope p = vertices(g.bt, g.k, g.l);
        Polytope q = vertices(g.a, g.l, g.k);
        String w = witness(g, p, q);
        if (w == null) {
            return new BimatrixNash(g.supportEnumeration(), false, "", Method.SUPPORT_ENUMERATION, g.tieTolerance);
        }
        return new BimatrixNash(g.vertexPairs(p, q), true, w, Method.VERTEX_ENUMERATION, g.tieTolerance);
    }

    /**
     * Equal-size support enumeration regardless of degeneracy: in a degenerate game it may miss
     * equilibria (whose supports differ in size) and return only those with nonsingular, strictly
     * positive support systems. For tests and comparisons; {@link #solve} chooses the method.
     */
    public static BimatrixNash supportEnumeration(double[][] a, double[][] b) {
        Reduced g = new Reduced(a, b, null, null);
        return new BimatrixNash(g.supportEnumeration(), false, "", Method.SUPPORT_ENUMERATION, g.tieTolerance);
    }

    /** Extreme equilibria by vertex enumeration regardless of degeneracy (the degeneracy test still runs). */
    public static BimatrixNash vertexEnumeration(double[][] a, double[][] b) {
        Reduced g = new Reduced(a, b, null, null);
        Polytope p = vertices(g.bt, g.k, g.l);
        Polytope q = vertices(g.a, g.l, g.k);
        String w = witness(g, p, q);
        return new BimatrixNash(g.vertexPairs(p, q), w != null, w == null ? "" : w, Method.VERTEX_ENUMERATION,
                g.tieTolerance);
    }

    /** A description of a strategy with more pure best responses than its support size, or null. */
    private static String witness(Reduced g, Polytope p, Polytope q) {
        if (p.witness != null) {
            return "the opponent has " + p.witness[1] + " pure best responses " + g.opponentNames(p.witness[2])
                    + " to an agent strategy with support size " + p.witness[0];
        }
        if (q.witness != null) {
            return "the agent has " + q.witness[1] + " pure best responses " + g.agentNames(q.witness[2])
                    + " to an opponent strategy with support size " + q.witness[0];
        }
        return null;
    }

    /** The equilibria in the documented order; never empty (every finite game has one). */
    public List<Equilibrium> equilibria() {
        return equilibria;
    }

    /** Whether the game is degenerate (then {@link #equilibria()} are the extreme equilibria). */
    public boolean isDegenerate() {
        return degenerate;
    }

    /** For a degenerate game, a strategy with more pure best responses than its support size; else "". */
    public String degeneracyWitness() {
        return witness;
    }

    public Method method() {
        return method;
    }

    /**
     * Nash-Q's deterministic selection: the equilibrium maximising {@code agentPayoff + opponentPayoff};
     * sums within {@link #TOLERANCE} times {@code span(A) + span(B)} of the maximum are ties, broken by
     * the documented order of {@link #equilibria()} (lexicographic order of the agent's support, then
     * the opponent's support, then the strategies): the first tied equilibrium wins.
     */
    public Equilibrium maxPayoffSum() {
        double best = Double.NEGATIVE_INFINITY;
        for (Equilibrium e : equilibria) {
            best = Math.max(best, e.agentPayoff + e.opponentPayoff);
        }
        for (Equilibrium e : equilibria) {
            if (e.agentPayoff + e.opponentPayoff >= best - tieTolerance) {
                return e;
            }
        }
        throw new org.memarl.MemarlException("no equilibrium");
    }

    static double bilinear(double[] x, double[][] m, double[] y) {
        double s = 0.0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] != 0.0) {
                double r = 0.0;
                for (int j = 0; j < y.length; j++) {
                    r += m[i][j] * y[j];
                }
                s += x[i] * r;
            }
        }
        return s;
    }

    private static int[] support(double[] p) {
        int c = 0;
        for (double v : p) {
            if (v > 0.0) {
                c++;
            }
        }
        int[] out = new int[c];
        c = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0.0) {
                out[c++] = i;
            }
        }
        return out;
    }

    /** Vertices of {@code {z >= 0 : M z <= 1}} for {@code M} (rows x dim), with a degeneracy witness. */
    private static final class Polytope {
        final List<double[]> vertices = new ArrayList<>();
        /** {support size, number of tight rows, tight-row bitmask} of a vertex with too many labels, or null. */
        int[] witness;
    }

    /**
     * The vertices of {@code {z in R^dim : z >= 0, M z <= 1}}, M = {@code rows x dim} with entries in
     * [1, 2]: for every support {@code I} and tight set {@code J} with {@code |I| = |J|} solve
     * {@code M_{JI} z_I = 1}; keep feasible solutions, deduplicated.
     */
    private static Polytope vertices(double[][] m, int dim, int rows) {
        Polytope p = new Polytope();
        int[][] byCount = masksByCount(rows);
        for (int iMask = 0; iMask < (1 << dim); iMask++) {
            int size = Integer.bitCount(iMask);
            if (size > rows) {
                continue; // at most |rows| tight inequalities besides the zeros
            }
            int[] idx = bits(iMask);
            for (int jMask : byCount[size]) {
                double[] z = new double[dim];
                if (size > 0) {
                    int[] jdx = bits(jMask);
                    double[][] sys = new double[size][size + 1];
                    for (int r = 0; r < size; r++) {
                        for (int c = 0; c < size; c++) {
                            sys[r][c] = m[jdx[r]][idx[c]];
                        }
                        sys[r][size] = 1.0;
                    }
                    double[] sol = gauss(sys);
                    if (sol == null) {
                        continue;
                    }
                    for (int c = 0; c < size; c++) {
                        z[idx[c]] = sol[c];
                    }
                }
                if (!feasible(m, z)) {
                    continue;
                }
                clip(z);
                if (contains(p.vertices, z)) {
                    continue;
                }
                p.vertices.add(z);
                int supp = 0;
                for (double v : z) {
                    if (v > 0.0) {
                        supp++;
                    }
                }
                int tight = tightRows(m, z);
                if (p.witness == null && Integer.bitCount(tight) > supp) {
                    p.witness = new int[] {supp, Integer.bitCount(tight), tight};
                }
            }
        }
        return p;
    }

    private static boolean feasible(double[][] m, double[] z) {
        for (double v : z) {
            if (v < -TOLERANCE) {
                return false;
            }
        }
        return Reduced.bestResponses(m, z);
    }

    /** Sets entries at most {@link #TOLERANCE} to 0. */
    private static void clip(double[] z) {
        for (int i = 0; i < z.length; i++) {
            if (z[i] <= TOLERANCE) {
                z[i] = 0.0;
            }
        }
    }

    /** Bitmask of the rows of {@code m} tight at z ({@code (M z)_r >= 1 - TOLERANCE}). */
    private static int tightRows(double[][] m, double[] z) {
        int mask = 0;
        for (int r = 0; r < m.length; r++) {
            double s = 0.0;
            for (int c = 0; c < z.length; c++) {
                s += m[r][c] * z[c];
            }
            if (s >= 1.0 - TOLERANCE) {
                mask |= 1 << r;
            }
        }
        return mask;
    }

    private static boolean contains(List<double[]> list, double[] z) {
        for (double[] u : list) {
            boolean same = true;
            for (int i = 0; i < z.length && same; i++) {
                same = Math.abs(u[i] - z[i]) <= 100 * TOLERANCE;
            }
            if (same) {
                return true;
            }
        }
        return false;
    }

    static int[][] masksByCount(int n) {
        int[] counts = new int[n + 1];
        for (int mask = 0; mask < (1 << n); mask++) {
            counts[Integer.bitCount(mask)]++;
        }
        int[][] out = new int[n + 1][];
        for (int c = 0; c <= n; c++) {
            out[c] = new int[counts[c]];
            counts[c] = 0;
        }
        for (int mask = 0; mask < (1 << n); mask++) {
            int c = Integer.bitCount(mask);
            out[c][counts[c]++] = mask;
        }
        return out;
    }

    static int[] bits(int mask) {
        int[] out = new int[Integer.bitCount(mask)];
        int c = 0;
        for (int i = 0; mask >>> i != 0; i++) {
            if ((mask >>> i & 1) != 0) {
                out[c++] = i;
            }
        }
        return out;
    }

    /**
     * Solves the augmented square system {@code sys = [M | rhs]} (modified) by Gaussian elimination with
     * partial pivoting; null if a pivot is below {@value #PIVOT} (singular for entries of order 1).
     */
    static double[] gauss(double[][] sys) {
        int n = sys.length;
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(sys[r][c]) > Math.abs(sys[piv][c])) {
                    piv = r;
                }
            }
            if (!(Math.abs(sys[piv][c]) > PIVOT)) {
                return null;
            }
            double[] t = sys[c];
            sys[c] = sys[piv];
            sys[piv] = t;
            for (int r = c + 1; r < n; r++) {
                double f = sys[r][c] / sys[c][c];
                if (f != 0.0) {
                    for (int k = c; k <= n; k++) {
                        sys[r][k] -= f * sys[c][k];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = sys[r][n];
            for (int k = r + 1; k < n; k++) {
                s -= sys[r][k] * x[k];
            }
            x[r] = s / sys[r][r];
        }
        return x;
    }

    /** The game restricted to the allowed actions, normalised to payoffs in [1, 2]. */
    private static final class Reduced {
        final double[][] origA;
        final double[][] origB;
        final int[] rows;
        final int[] cols;
        final int k;
        final int l;
        /** A' (k x l). */
        final double[][] a;
        /** B'^T (l x k). */
        final double[][] bt;
        final double tieTolerance;

        Reduced(double[][] a0, double[][] b0, boolean[] agentAllowed, boolean[] opponentAllowed) {
            int na = ZeroSumMatrixGame.checkMatrix("A", a0);
            int nb = a0[0].length;
            ZeroSumMatrixGame.checkMatrix("B", b0);
            if (b0.length != na || b0[0].length != nb) {
                throw new InvalidModelException("B: shape " + b0.length + " x " + b0[0].length + ", expected " + na + " x "
                        + nb + " (the shape of A)");
            }
            this.origA = a0;
            this.origB = b0;
            this.rows = ZeroSumMatrixGame.allowed("agentAllowed", agentAllowed, na);
            this.cols = ZeroSumMatrixGame.allowed("opponentAllowed", opponentAllowed, nb);
            this.k = rows.length;
            this.l = cols.length;
            if (Math.max(k, l) > MAX_ACTIONS || binomial(k + l, k) > MAX_SUPPORT_PAIRS) {
                throw new InvalidModelException("actions: a " + k + " x " + l + " bimatrix game is too large to enumerate"
                        + " (at most " + MAX_ACTIONS + " actions per player and " + MAX_SUPPORT_PAIRS + " support pairs)");
            }
            double[] ra = range(a0);
            double[] rb = range(b0);
            this.a = new double[k][l];
            this.bt = new double[l][k];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < l; j++) {
                    a[i][j] = normalised(a0[rows[i]][cols[j]], ra);
                    bt[j][i] = normalised(b0[rows[i]][cols[j]], rb);
                }
            }
            this.tieTolerance = TOLERANCE * ((ra[1] - ra[0]) + (rb[1] - rb[0]));
        }

        private double[] range(double[][] m) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int r : rows) {
                for (int c : cols) {
                    lo = Math.min(lo, m[r][c]);
                    hi = Math.max(hi, m[r][c]);
                }
            }
            return new double[] {lo, hi};
        }

        private static double normalised(double v, double[] range) {
            double span = range[1] - range[0];
            return span > 0.0 ? (v - range[0]) / span + 1.0 : 1.0;
        }

        String agentNames(int mask) {
            return names(mask, rows);
        }

        String opponentNames(int mask) {
            return names(mask, cols);
        }

        private static String names(int mask, int[] index) {
            int[] b = bits(mask);
            int[] out = new int[b.length];
            for (int i = 0; i < b.length; i++) {
                out[i] = index[b[i]];
            }
            return Arrays.toString(out);
        }

        /** Equal-size support enumeration. */
        List<Equilibrium> supportEnumeration() {
            List<Equilibrium> out = new ArrayList<>();
            int[][] colsByCount = masksByCount(l);
            for (int iMask = 1; iMask < (1 << k); iMask++) {
                int size = Integer.bitCount(iMask);
                if (size > l) {
                    continue;
                }
                int[] idx = bits(iMask);
                for (int jMask : colsByCount[size]) {
                    int[] jdx = bits(jMask);
                    // y on J with A'_{IJ} y = 1: the agent indifferent on I (payoff 1 / sum y)
                    double[] y = square(a, idx, jdx, l);
                    if (y == null || !positiveOn(y, jdx) || !bestResponses(a, y)) {
                        continue;
                    }
                    double[] x = square(bt, jdx, idx, k);
                    if (x == null || !positiveOn(x, idx) || !bestResponses(bt, x)) {
                        continue;
                    }
                    out.add(equilibrium(x, y));
                }
            }
            return out;
        }

        /** Solves {@code M_{RC} z_C = 1} and returns z over all columns (0 outside C), or null if singular. */
        private static double[] square(double[][] m, int[] r, int[] c, int dim) {
            int s = r.length;
            double[][] sys = new double[s][s + 1];
            for (int i = 0; i < s; i++) {
                for (int j = 0; j < s; j++) {
                    sys[i][j] = m[r[i]][c[j]];
                }
                sys[i][s] = 1.0;
            }
            double[] sol = gauss(sys);
            if (sol == null) {
                return null;
            }
            double[] z = new double[dim];
            for (int j = 0; j < s; j++) {
                z[c[j]] = sol[j];
            }
            return z;
        }

        private static boolean positiveOn(double[] z, int[] idx) {
            for (int i : idx) {
                if (!(z[i] > TOLERANCE)) {
                    return false;
                }
            }
            return true;
        }

        /** {@code (M z)_r <= 1 + TOLERANCE} for every row: no pure deviation does better. */
        private static boolean bestResponses(double[][] m, double[] z) {
            for (double[] row : m) {
                double s = 0.0;
                for (int c = 0; c < z.length; c++) {
                    s += row[c] * z[c];
                }
                if (s > 1.0 + TOLERANCE) {
                    return false;
                }
            }
            return true;
        }

        /** Completely labelled pairs of nonzero vertices. */
        List<Equilibrium> vertexPairs(Polytope p, Polytope q) {
            int all = k + l;
            List<Equilibrium> out = new ArrayList<>();
            long[] lp = new long[p.vertices.size()];
            long[] lq = new long[q.vertices.size()];
            for (int i = 0; i < lp.length; i++) {
                // x in P: label i (agent action unplayed), label k + j (opponent action j a best response)
                double[] x = p.vertices.get(i);
                lp[i] = zeroMask(x) | ((long) tightRows(bt, x) << k);
            }
            for (int j = 0; j < lq.length; j++) {
                // y in Q: label k + j (opponent action unplayed), label i (agent action i a best response)
                double[] y = q.vertices.get(j);
                lq[j] = ((long) zeroMask(y) << k) | tightRows(a, y);
            }
            long full = (1L << all) - 1;
            for (int i = 0; i < lp.length; i++) {
                if (zeroMask(p.vertices.get(i)) == (1 << k) - 1) {
                    continue; // x = 0
                }
                for (int j = 0; j < lq.length; j++) {
                    if (zeroMask(q.vertices.get(j)) == (1 << l) - 1) {
                        continue;
                    }
                    if ((lp[i] | lq[j]) == full) {
                        out.add(equilibrium(p.vertices.get(i).clone(), q.vertices.get(j).clone()));
                    }
                }
            }
            return out;
        }

        private static int zeroMask(double[] z) {
            int mask = 0;
            for (int i = 0; i < z.length; i++) {
                if (z[i] == 0.0) {
                    mask |= 1 << i;
                }
            }
            return mask;
        }

        /** Normalises scaled vertex coordinates to strategies over all actions. */
        private Equilibrium equilibrium(double[] xs, double[] ys) {
            double[] x = new double[origA.length];
            double[] y = new double[origA[0].length];
            clip(xs);
            clip(ys);
            ZeroSumMatrixGame.normalise(xs);
            ZeroSumMatrixGame.normalise(ys);
            for (int i = 0; i < k; i++) {
                x[rows[i]] = xs[i];
            }
            for (int j = 0; j < l; j++) {
                y[cols[j]] = ys[j];
            }
            return new Equilibrium(x, y, origA, origB);
        }
    }

    static long binomial(int n, int r) {
        long c = 1;
        for (int i = 1; i <= r; i++) {
            c = c * (n - r + i) / i;
        }
        return c;
    }
}
