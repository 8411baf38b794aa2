package org.memarl.algorithms.belief;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import org.memarl.InvalidModelException;
import org.memarl.kernel.Chain;
import org.memarl.kernel.LevelPrior;
import org.memarl.model.DecPomdp;
import org.memarl.model.Pomdp;
import org.memarl.model.TransitionMatrix;
import org.memarl.solve.ChainProblem;
import org.memarl.solve.ChainSolution;
import org.memarl.solve.ChainSolver;
import org.memarl.solve.Solution;

/**
 * The public-belief agent, exactly (thesis section 5.1 and the soft recursion (5.21)-(5.23)), over a
 * finite horizon H. The public agent holds the exact belief {@code B_t(s) = P(s_t = s | public history)},
 * chooses a prescription c (for a POMDP: an action) with the prior-weighted Boltzmann distribution,
 * the agents act by it, and the belief is updated by Bayes' rule on the public outcome y (the public
 * actions and signal). In reward units, with {@code M^beta[f | P] = (1/beta) log sum_c P(c) exp(beta f(c))},
 * <pre>
 *   V_H(B) = 0
 *   Q_t(B, c) = E_{s~B}[r | c] + gamma sum_y P(y | B, c) V_{t+1}(B'_{c,y}),   B'_{c,y}(s') = u_{c,y}(s') / P(y | B, c)
 *   V_t(B) = M^beta_c[ Q_t(B, .) | P_t ],     pi_t(c | B) = P_t(c) exp(beta (Q_t(B, c) - V_t(B)))
 * </pre>
 * (the guide's {@code V_t(B) = M_presc^beta[E_{s~B, private obs}[r + V_{t+1}(B')] | P(presc)]}: (5.21) the
 * public agent's soft value, (5.22) the belief-weighted Q {@code sum_k W^k Q(s^k, ...)} of the agents, which
 * with the exact belief is the expectation over s, and (5.23) its Boltzmann policy). beta = +inf gives the
 * optimal team value over all policies that map (public history, current private observation) to actions;
 * beta = 0 the value of drawing prescriptions from the prior (uniform play under a uniform prior); beta =
 * -inf the worst. Alongside the soft value the result carries the expected reward of the soft policy,
 * {@code E_t(B) = sum_c pi_t(c | B) [E[r | c] + gamma sum_y P(y) E_{t+1}(B')]}, which is what a team
 * following the policy collects (without the KL term).
 *
 * <p><b>As a chain.</b> The recursion is declared as a {@link ChainProblem} ({@link #declare}) and solved by
 * the generic {@link ChainSolver}; there is no hand-written backward loop:
 * <ul>
 * <li><em>contexts</em>: the distinct public beliefs {@code (t, B)}, t = 0..H-1, reached from the initial
 * belief by any choice and any outcome of positive probability (found forward, step by step, and
 * identified by their exact belief vector), numbered step by step (the root is context 0, every context of
 * step t+1 comes after every context of step t), plus one absorbing <em>terminal</em> context (the last);
 * <li>one <em>level</em>, {@code prescription}, of size {@code C = max_t C_t}, with beta and the marginal
 * prior {@code P_t(c)} of the context's step as the level prior (normalised; choices {@code c >= C_t} of a
 * step with fewer choices have prior 0, which excludes them from every soft extremum; the terminal context
 * has the point mass on choice 0);
 * <li><em>rows</em> {@code (B, c)}: reward {@code E_{s~B, private obs}[r | c]}, successor distribution
 * {@code P(y | B, c)} over the contexts {@code (t+1, B'_{c,y})} (outcomes with the same next belief merged,
 * normalised over y: it sums to 1 up to the model's rounding); at t = H-1, and for choices that do not
 * exist at step t, the terminal context with probability 1 (reward 0 for the latter); the terminal's rows
 * have reward 0 and lead to itself.
 * </ul>
 * The problem's horizon is H and gamma the model's. Its backward recursion ({@link ChainSolver#solve}) sweeps
 * every context at every step: {@code V_t(t', B)} is the exact value of the belief {@code (t', B)} for every
 * {@code t <= t'} (by induction from t' = H-1 down: its rows read only contexts of step t'+1, exact at step
 * t+1 <= t'+1, and the terminal, whose value is {@code M[0] = 0} at every step), so {@code V_0} is exact at
 * every context, the root included. Since every transition leads to a later context, the same values are
 * computed, bit for bit and with one backup per context instead of H (and one step's tables instead of H),
 * by the acyclic pass {@link ChainSolver#solveAcyclic}, which this class uses (the tests check both against
 * a brute force over histories). The expected reward E is the same problem's policy evaluation: the chain
 * with beta = 0 and the soft policy {@code pi_t(. | B)} as its prior ({@code M^0[f | pi] = E_pi f}), solved
 * by the same pass. The tree of {@link Node}s is then read off the two solutions.
 *
 * <p><b>Merged beliefs.</b> The contexts of a step are the <em>distinct</em> beliefs reached: two beliefs share
 * one node when their canonical {@link Key}s are equal (every entry 0 stays 0, every other entry is rounded to
 * the grid {@code 2^-44}), so they have the same support and differ by less than {@code 2^-44} (about 5.7e-14)
 * per entry; the node keeps the first belief found. The value is Lipschitz in the belief (at beta = +-inf
 * piecewise linear with alpha vectors bounded by {@code H max|r|}; M^beta is 1-Lipschitz in the sup norm), so
 * a merge moves a value by at most {@code n 2^-44 H max|r|} and a path of H steps by at most
 * {@code n H^2 max|r| 2^-44} (Tiger at H = 15: 2.6e-9 in the worst case; the tests see 1e-12). The cost grows
 * with the number of distinct beliefs, not of histories: Tiger has {@code 2t + 1} beliefs at step t.
 *
 * <p>Cost: one context per distinct (t, belief) reached, each evaluating every choice: {@code O(nodes * C * (n^2 J
 * kz))} to declare, {@code O(nodes * C * Y)} to solve. The budget is counted while the graph is expanded: more
 * than {@code maxBeliefs} distinct beliefs (default {@link #DEFAULT_MAX_BELIEFS}, {@code --max-beliefs}), or more
 * than {@link #MAX_WORK} stored (belief, choice, outcome) triples, is an {@link InvalidModelException} naming the
 * limit, the step and the counts per step so far.
 * Edges of the tree are kept only for choices of positive policy probability.
 */
public final class PublicBelief {
    /** Default budget of distinct public beliefs (nodes of the graph), {@code --max-beliefs}. */
    public static final int DEFAULT_MAX_BELIEFS = 100_000;
    /** Largest number of stored (belief, choice, outcome) triples, the edges of the graph (memory). */
    public static final long MAX_WORK = 20_000_000L;

    /** One public belief at time t: its value, the policy over choices, and the children by (choice, outcome). */
    public static final class Node {
        private final int t;
        private final double[] belief;
        final double value;
        final double expected;
        final double[] q;
        final double[] policy;
        final List<Edge> edges;

        Node(int t, double[] belief, double value, double expected, double[] q, double[] policy, List<Edge> edges) {
            this.t = t;
            this.belief = belief;
            this.value = value;
            this.expected = expected;
            this.q = q;
            this.policy = policy;
            this.edges = edges;
        }

        public int time() {
            return t;
        }

        public double[] belief() {
            return belief.clone();
        }

        /** {@code V_t(B)}. */
        public double value() {
            return value;
        }

        /** {@code E_t(B)}: expected reward of the soft policy from here. */
        public double expectedReward() {
            return expected;
        }

        /** {@code Q_t(B, c)} per choice, also for choices of prior 0 (empty at the horizon). */
        public double[] q() {
            return q.clone();
        }

        /** {@code pi_t(c | B)} per choice. */
        public double[] policy() {
            return policy.clone();
        }

        /** The children: one per choice of positive policy probability and outcome of positive probability. */
        public List<Edge> edges() {
            return edges;
        }

        /** The child after choice c and outcome y, or null if that outcome or the choice has probability 0. */
        public Node child(int c, int y) {
            for (Edge e : edges) {
                if (e.choice == c && e.outcome == y) {
                    return e.node;
                }
            }
            return null;
        }
    }

    /** A branch of the tree: choice, outcome, its probability {@code P(y | B, c)} and the next belief. */
    public record Edge(int choice, int outcome, double probability, Node node) {
    }

    /** The result: the root of the tree, the process it was solved on, and the solution summary. */
    public record Result(PublicProcess process, double beta, Node root, int nodes, int[] beliefsPerStep,
                         Solution solution) {
    }

    /**
     * The public-belief reduction declared as a chain problem (see the class comment): contexts
     * {@code 0 .. nodes()-1} are the public beliefs in step order (context 0 the initial one), context
     * {@link #terminal()} the absorbing end; one level {@code prescription}; row {@code context * choices() + c}
     * is the choice c at that belief. Also holds, per row, the public outcomes of positive probability (for
     * the tree of the result). Immutable.
     */
    public static final class Declaration {
        private final PublicProcess process;
        private final ChainProblem problem;
        private final int width;
        private final int[] time;
        private final double[][] beliefs;
        private final int[] nChoices;
        private final int[] perStep;
        /** Outcomes of row r: entries {@code outStart[r] .. outStart[r+1]-1} (rows of the public beliefs only). */
        private final int[] outStart;
        private final int[] outY;
        private final double[] outP;
        /** The next belief's context, or -1 at the horizon. */
        private final int[] outChild;

        private Declaration(PublicProcess process, ChainProblem problem, int width, int[] time, double[][] beliefs,
                            int[] nChoices, int[] perStep, int[] outStart, int[] outY, double[] outP, int[] outChild) {
            this.nChoices = nChoices;
            this.perStep = perStep;
            this.process = process;
            this.problem = problem;
            this.width = width;
            this.time = time;
            this.beliefs = beliefs;
            this.outStart = outStart;
            this.outY = outY;
            this.outP = outP;
            this.outChild = outChild;
        }

        /** The chain problem (horizon H, the model's gamma). */
        public ChainProblem problem() {
            return problem;
        }

        /** The process it declares. */
        public PublicProcess process() {
            return process;
        }

        /** Number of public beliefs (contexts other than the terminal one). */
        public int nodes() {
            return beliefs.length;
        }

        /** The absorbing terminal context (the last). */
        public int terminal() {
            return beliefs.length;
        }

        /** The size of the prescription level, {@code max_t C_t}. */
        public int choices() {
            return width;
        }

        /** The number of distinct public beliefs at each step t = 0..H-1 (they sum to {@link #nodes()}). */
        public int[] beliefsPerStep() {
            return perStep.clone();
        }

        /** The number of choices {@code C(B)} at a public-belief context. */
        public int numChoices(int context) {
            return nChoices[context];
        }

        /** The step t of a public-belief context. */
        public int time(int context) {
            return time[context];
        }

        /** The belief of a public-belief context (a copy). */
        public double[] belief(int context) {
            return beliefs[context].clone();
        }
    }

    /** Solves a Dec-POMDP (its horizon must be set). */
    public static Result solve(DecPomdp model, double beta) {
        return solve(model, beta, DEFAULT_MAX_BELIEFS);
    }

    /**
     * Solves a Dec-POMDP (its horizon must be set) with a budget of distinct public beliefs; prescriptions map
     * the private observation or history, as the model's {@link DecPomdp#privateMemory()} says.
     */
    public static Result solve(DecPomdp model, double beta, int maxBeliefs) {
        PublicProcess p = model.privateMemory() == DecPomdp.PrivateMemory.CURRENT ? new DecPomdpProcess(model)
                : new HistoryProcess(model, beta);
        return solve(p, beta, maxBeliefs);
    }

    /** Solves a POMDP over its belief (its horizon must be set) with a budget of distinct beliefs. */
    public static Result solve(Pomdp model, double beta, int maxBeliefs) {
        return solve(new PomdpProcess(model), beta, maxBeliefs);
    }

    /** Solves a POMDP over its belief (its horizon must be set). */
    public static Result solve(Pomdp model, double beta) {
        return solve(new PomdpProcess(model), beta);
    }

    /**
     * Solves the public agent's process exactly: {@link #declare}, then {@link ChainSolver#solveAcyclic} for
     * the soft value and, with the soft policy as a beta-0 prior, for the expected reward.
     *
     * @throws InvalidModelException if beta is NaN, or the budget of distinct beliefs or {@link #MAX_WORK} is exceeded
     */
    public static Result solve(PublicProcess process, double beta) {
        return solve(process, beta, DEFAULT_MAX_BELIEFS);
    }

    /** As {@link #solve(PublicProcess, double)} with a budget of {@code maxBeliefs} distinct public beliefs. */
    public static Result solve(PublicProcess process, double beta, int maxBeliefs) {
        Declaration d = declare(process, beta, maxBeliefs);
        ChainProblem problem = d.problem;
        int contexts = problem.contexts();
        int width = d.width;
        // the solutions' tables are read into flat arrays and released before the next pass (memory)
        ChainSolution soft = ChainSolver.solveAcyclic(problem);
        double[] v = soft.values();
        double[] q = new double[contexts * width];
        double[] pi = new double[contexts * width];
        for (int c = 0; c < contexts; c++) {
            for (int x = 0; x < width; x++) {
                q[c * width + x] = soft.q(c, x);
                pi[c * width + x] = soft.policy(0, c, 0, x);
            }
        }
        soft = null;
        Chain evaluation = Chain.builder(contexts).level(LEVEL, width, 0.0, LevelPrior.marginal(pi)).build();
        double[] expected = ChainSolver.solveAcyclic(problem.withChain(evaluation)).values();
        int nodes = d.nodes();
        Node leaf = new Node(process.horizon(), new double[0], 0.0, 0.0, new double[0], new double[0], List.of());
        Node[] tree = new Node[nodes];
        for (int i = nodes - 1; i >= 0; i--) {
            int t = d.time[i];
            int nc = d.nChoices[i];
            int base = i * width;
            double[] policy = Arrays.copyOfRange(pi, base, base + nc);
            List<Edge> edges = new ArrayList<>();
            for (int c = 0; c < nc; c++) {
                if (policy[c] > 0.0) { // choices of policy 0 are never played: their edges are not kept
                    for (int k = d.outStart[base + c]; k < d.outStart[base + c + 1]; k++) {
                        int child = d.outChild[k];
                        edges.add(new Edge(c, d.outY[k], d.outP[k], child < 0 ? leaf : tree[child]));
                    }
                }
            }
            tree[i] = new Node(t, d.beliefs[i], v[i], expected[i], Arrays.copyOfRange(q, base, base + nc), policy,
                    List.copyOf(edges));
        }
        Node root = tree[0];
        Solution sol = Solution.builder("public-belief")
                .parameter("beta", beta)
                .parameter("gamma", process.gamma())
                .parameter("horizon", process.horizon())
                .converged(true).iterations(nodes).residual(0.0).errorBound(0.0)
                .value("V", new double[] {root.value})
                .value("expectedReward", new double[] {root.expected})
                .value("Q0", root.q.clone())
                .policy("initial", root.policy.clone())
                .build();
        return new Result(process, beta, root, nodes, d.perStep.clone(), sol);
    }

    /** The name of the chain's one level. */
    public static final String LEVEL = "prescription";

    /**
     * Declares the public-belief reduction of the process at this beta as a chain problem (the class comment
     * gives the contexts, level, prior and rows). Finds the public beliefs forward from the initial one.
     *
     * @throws InvalidModelException if beta is NaN, or more than {@link #DEFAULT_MAX_BELIEFS} distinct public beliefs
     *         or {@link #MAX_WORK} stored triples are reached
     */
    public static Declaration declare(PublicProcess process, double beta) {
        return declare(process, beta, DEFAULT_MAX_BELIEFS);
    }

    /**
     * As {@link #declare(PublicProcess, double)} with a budget of {@code maxBeliefs} distinct public beliefs
     * (nodes), checked while the graph is expanded.
     *
     * @throws InvalidModelException if beta is NaN, maxBeliefs is below 1, more than {@code maxBeliefs} distinct
     *         public beliefs are reached (the message names {@code --max-beliefs}), or more than {@link #MAX_WORK}
     *         choice-outcome pairs would be stored
     */
    public static Declaration declare(PublicProcess process, double beta, int maxBeliefs) {
        if (Double.isNaN(beta)) {
            throw new InvalidModelException("beta: NaN is not an inverse temperature");
        }
        if (maxBeliefs < 1) {
            throw new InvalidModelException("max-beliefs: " + maxBeliefs + " is not a positive number of beliefs");
        }
        Expansion x = new Expansion(process, maxBeliefs);
        x.run();
        int nodes = x.beliefs.size();
        int width = 1;
        int[] nChoices = x.nChoices.build().toArray();
        for (int nc : nChoices) {
            width = Math.max(width, nc);
        }
        int contexts = nodes + 1;
        long rowsLong = (long) contexts * width;
        if (rowsLong > Integer.MAX_VALUE - 8) {
            throw new InvalidModelException("horizon: " + process.horizon() + " gives " + nodes + " public beliefs x "
                    + width + " prescriptions, more rows than an array holds; use a smaller horizon");
        }
        int rows = (int) rowsLong;
        // pad every belief's rows to the level's width: choices c >= C(B) have no outcome and reward 0
        double[] compactReward = x.rewards.build().toArray();
        int[] compactStart = x.outStart.build().toArray();
        double[] rewards = new double[rows];
        int[] starts = new int[nodes * width + 1];
        int k = 0;
        for (int i = 0; i < nodes; i++) {
            for (int c = 0; c < width; c++) {
                if (c < nChoices[i]) {
                    rewards[i * width + c] = compactReward[k];
                    starts[i * width + c] = compactStart[k];
                    k++;
                } else {
                    starts[i * width + c] = compactStart[k];
                }
            }
        }
        starts[nodes * width] = compactStart[k];
        int[] times = x.time.build().toArray();
        double[] probabilities = x.outP.build().toArray();
        int[] children = x.outChild.build().toArray();
        double[][] beliefs = x.beliefs.toArray(new double[0][]);
        TransitionMatrix transitions = transitions(nodes, width, rows, starts, probabilities, children);
        double[] prior = new double[rows];
        for (int i = 0; i < nodes; i++) {
            int t = times[i];
            int nc = nChoices[i];
            double z = 0.0;
            for (int c = 0; c < nc; c++) {
                z += process.choicePrior(t, beliefs[i], c);
            }
            for (int c = 0; c < nc; c++) {
                double p = process.choicePrior(t, beliefs[i], c);
                prior[i * width + c] = z == 1.0 ? p : p / z;
            }
        }
        prior[nodes * width] = 1.0;
        Chain chain = Chain.builder(contexts).level(LEVEL, width, beta, LevelPrior.marginal(prior)).build();
        ChainProblem problem = ChainProblem.builder(chain, transitions, rewards, process.gamma())
                .horizon(process.horizon()).build();
        return new Declaration(process, problem, width, times, beliefs, nChoices, x.perStep(), starts,
                x.outY.build().toArray(), probabilities, children);
    }

    /** The forward expansion of the graph of distinct public beliefs, step by step, under the budgets. */
    private static final class Expansion implements PublicProcess.Outcomes {
        private final PublicProcess process;
        private final int maxBeliefs;
        private final int h;
        final List<double[]> beliefs = new ArrayList<>();
        final IntStream.Builder time = IntStream.builder();
        final IntStream.Builder nChoices = IntStream.builder();
        final DoubleStream.Builder rewards = DoubleStream.builder();
        final IntStream.Builder outStart = IntStream.builder();
        final IntStream.Builder outY = IntStream.builder();
        final DoubleStream.Builder outP = DoubleStream.builder();
        final IntStream.Builder outChild = IntStream.builder();
        private final List<Integer> perStep = new ArrayList<>();
        private Map<Key, Integer> seen;
        private long entries;
        private int t;

        Expansion(PublicProcess process, int maxBeliefs) {
            this.process = process;
            this.maxBeliefs = maxBeliefs;
            this.h = process.horizon();
        }

        void run() {
            beliefs.add(process.initialBelief());
            time.add(0);
            double[] scratch = new double[Math.max(1, process.numOutcomes() * process.numStates())];
            int from = 0;
            for (t = 0; t < h; t++) {
                int to = beliefs.size();
                perStep.add(to - from);
                seen = new HashMap<>();
                for (int i = from; i < to; i++) {
                    double[] belief = beliefs.get(i);
                    int nc = process.numChoices(t, belief);
                    nChoices.add(nc);
                    for (int c = 0; c < nc; c++) {
                        outStart.add((int) entries);
                        rewards.add(process.expand(t, belief, c, scratch, this));
                    }
                }
                from = to;
            }
            outStart.add((int) entries);
            seen = null;
        }

        @Override
        public void accept(int y, double p, double[] next) {
            int child = -1;
            if (t + 1 < h) {
                Key key = Key.of(next);
                Integer known = seen.get(key);
                if (known == null) {
                    if (beliefs.size() >= maxBeliefs) {
                        throw new InvalidModelException("max-beliefs: horizon " + h + " reaches more than " + maxBeliefs
                                + " distinct public beliefs (per step from t = 0: " + summary() + ", more at step "
                                + (t + 1) + "); raise --max-beliefs or use a smaller horizon");
                    }
                    known = beliefs.size();
                    beliefs.add(next);
                    time.add(t + 1);
                    seen.put(key, known);
                }
                child = known;
            }
            if (++entries > MAX_WORK) {
                throw new InvalidModelException("horizon: " + h + " needs more than " + MAX_WORK + " stored"
                        + " (belief, prescription, outcome) triples by step " + t + " (" + beliefs.size()
                        + " distinct public beliefs so far, per step " + summary() + "); use a smaller horizon"
                        + " or fewer prescriptions");
            }
            outY.add(y);
            outP.add(p);
            outChild.add(child);
        }

        /** The counts per step so far, the middle elided when there are more than 8. */
        private String summary() {
            int size = perStep.size();
            if (size <= 8) {
                return perStep.toString();
            }
            return perStep.subList(0, 4) + " ... " + perStep.subList(size - 2, size) + " (" + size + " steps)";
        }

        int[] perStep() {
            return perStep.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /**
     * T in compressed rows: row {@code i * width + c} of belief i puts {@code P(y | B, c)} (merged over outcomes
     * with the same next belief, normalised over y) on the next beliefs, or 1 on the terminal context at the
     * horizon, for a choice that does not exist, and for the terminal's own rows.
     */
    private static TransitionMatrix transitions(int nodes, int width, int rows, int[] outStart, double[] outP,
                                                int[] outChild) {
        int terminal = nodes;
        int[] rowStart = new int[rows + 1];
        int stored = nodes * width;
        int[] cols = new int[outStart[stored] + rows];
        double[] probs = new double[cols.length];
        long[] order = new long[16];
        int nz = 0;
        for (int r = 0; r < rows; r++) {
            rowStart[r] = nz;
            int a = r < stored ? outStart[r] : 0;
            int b = r < stored ? outStart[r + 1] : 0;
            if (b == a || outChild[a] < 0) { // no outcome, the horizon, a missing choice or the terminal
                cols[nz] = terminal;
                probs[nz++] = 1.0;
                continue;
            }
            int m = b - a;
            if (order.length < m) {
                order = new long[Math.max(m, 2 * order.length)];
            }
            for (int k = 0; k < m; k++) {
                order[k] = ((long) outChild[a + k] << 32) | k; // by next belief, then by outcome
            }
            Arrays.sort(order, 0, m);
            double total = 0.0;
            int first = nz;
            for (int k = 0; k < m; k++) {
                int child = (int) (order[k] >>> 32);
                double p = outP[a + (int) order[k]];
                if (nz > first && cols[nz - 1] == child) {
                    probs[nz - 1] += p;
                } else {
                    cols[nz] = child;
                    probs[nz++] = p;
                }
                total += p;
            }
            if (total != 1.0) {
                for (int k = first; k < nz; k++) {
                    probs[k] /= total;
                }
            }
        }
        rowStart[rows] = nz;
        return TransitionMatrix.compressedRows(rows, nodes + 1, rowStart, Arrays.copyOf(cols, nz),
                Arrays.copyOf(probs, nz), "public-belief transitions",
                r -> "[belief " + r / width + "][prescription " + r % width + "]");
    }

    /**
     * Refuses a horizon longer than {@link #MAX_WORK} before anything is allocated per time step: every step
     * costs at least one choice-outcome evaluation.
     */
    static void checkHorizon(int horizon) {
        if (horizon > MAX_WORK) {
            throw new InvalidModelException("horizon: " + horizon + " is too long for public-belief: every time step"
                    + " costs at least one choice-outcome evaluation, and the limit is " + MAX_WORK);
        }
    }

    /**
     * The canonical form of a belief under which beliefs are merged: every entry {@code b} is replaced by
     * {@code -1} when it is 0 (so the support is kept exactly) and otherwise by {@code rint(b * 2^44)}
     * ({@link #GRID}; exact in double arithmetic for every entry below 2^9, and integers, as the header entries
     * of {@link HistoryProcess}, stay distinct). Two beliefs with the same key differ by at most
     * {@code 2^-44} (about 5.7e-14) in every entry and have the same support.
     */
    record Key(double[] k) {
        static Key of(double[] b) {
            double[] k = new double[b.length];
            for (int i = 0; i < b.length; i++) {
                k[i] = b[i] == 0.0 ? -1.0 : Math.rint(b[i] * GRID);
            }
            return new Key(k);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key x && Arrays.equals(x.k, k);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(k);
        }
    }

    /** The scale of the canonical grid of {@link Key}: {@code 2^44}. */
    public static final double GRID = 0x1p44;
}
