package org.memarl.algorithms.belief;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.memarl.InvalidModelException;
import org.memarl.kernel.SoftExtremum;
import org.memarl.model.DecPomdp;
import org.memarl.model.Pomdp;
import org.memarl.solve.Solution;

/**
 * The public-belief agent, exactly (thesis section 5.1 and the soft recursion (5.21)-(5.23)), over a
 * finite horizon H. The public agent holds the exact belief {@code B_t(s) = P(s_t = s | public history)},
 * chooses a prescription gamma (for a POMDP: an action) with the prior-weighted Boltzmann distribution,
 * the agents act by it, and the belief is updated by Bayes' rule on the public outcome y (the public
 * actions and signal). In reward units, with {@code M^beta[f | P] = (1/beta) log sum_c P(c) exp(beta f(c))},
 * <pre>
 *   V_H(B) = 0
 *   Q_t(B, c) = E_{s~B}[r | c] + gamma sum_y P(y | B, c) V_{t+1}(B'_{c,y}),   B'_{c,y}(s') = u_{c,y}(s') / P(y | B, c)
 *   V_t(B) = M^beta_c[ Q_t(B, .) | P_t ],     pi_t(c | B) = P_t(c) exp(beta (Q_t(B, c) - V_t(B)))
 * </pre>
 * (the guide's {@code V_t(B) = M_presc^beta[E_{s~B, private obs}[r + V_{t+1}(B')] | P(presc)]}; (5.22)
 * is the belief-weighted Q {@code sum_k W^k Q(s^k, ...)} of the agents, which with the exact belief is the
 * expectation over s, and (5.23) its Boltzmann policy). beta = +inf gives the optimal team value over
 * all policies that map (public history, current private observation) to actions; beta = 0 the value of
 * drawing prescriptions from the prior (uniform play under a uniform prior); beta = -inf the worst.
 * Alongside the soft value the recursion carries the expected reward of the soft policy,
 * {@code E_t(B) = sum_c pi_t(c | B) [E[r | c] + gamma sum_y P(y) E_{t+1}(B')]}, which is what a team
 * following the policy collects (without the KL term).
 *
 * <p>Cost: one node per distinct (t, belief) reached (memoised on the exact belief vector), each
 * evaluating every prescription: {@code O(nodes * C * (n^2 J kz))}. The tree is exponential in H; more
 * than {@link #MAX_NODES} nodes is an error. Time and memory are bounded up front: with {@code N_0 = 1},
 * {@code N_{t+1} = min(N_t C_t Y, MAX_NODES)} (Y public outcomes, C_t choices at time t), the work
 * {@code sum_t N_t C_t Y} (choice-outcome evaluations, and at most as many stored edges) must not exceed
 * {@link #MAX_WORK}, else the model is rejected before solving ({@link InvalidModelException} naming the
 * horizon and the choice counts). Edges are stored only for choices of positive policy probability.
 */
public final class PublicBelief {
    /** Largest number of distinct public beliefs solved. */
    public static final int MAX_NODES = 2_000_000;
    /** Largest work bound {@code sum_t N_t C_t Y} accepted (see the class comment). */
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
    public record Result(PublicProcess process, double beta, Node root, int nodes, Solution solution) {
    }

    private final PublicProcess process;
    private final double beta;
    private final Map<Key, Node> memo = new HashMap<>();
    private final Node leaf;

    private PublicBelief(PublicProcess process, double beta) {
        if (Double.isNaN(beta)) {
            throw new InvalidModelException("beta: NaN is not an inverse temperature");
        }
        this.process = process;
        this.beta = beta;
        this.leaf = new Node(process.horizon(), new double[0], 0.0, 0.0, new double[0], new double[0], List.of());
    }

    /** Solves a Dec-POMDP (its horizon must be set). */
    public static Result solve(DecPomdp model, double beta) {
        return solve(new DecPomdpProcess(model), beta);
    }

    /** Solves a POMDP over its belief (its horizon must be set). */
    public static Result solve(Pomdp model, double beta) {
        return solve(new PomdpProcess(model), beta);
    }

    /** Solves the public agent's process exactly. */
    public static Result solve(PublicProcess process, double beta) {
        checkWork(process);
        PublicBelief pb = new PublicBelief(process, beta);
        Node root = pb.node(0, process.initialBelief());
        Solution sol = Solution.builder("public-belief")
                .parameter("beta", beta)
                .parameter("gamma", process.gamma())
                .parameter("horizon", process.horizon())
                .converged(true).iterations(pb.memo.size()).residual(0.0).errorBound(0.0)
                .value("V", new double[] {root.value})
                .value("expectedReward", new double[] {root.expected})
                .value("Q0", root.q.clone())
                .policy("initial", root.policy.clone())
                .build();
        return new Result(process, beta, root, pb.memo.size(), sol);
    }

    /**
     * The up-front work bound {@code sum_t N_t C_t Y}, {@code N_0 = 1}, {@code N_{t+1} = min(N_t C_t Y, MAX_NODES)}
     * (a double: it can exceed the range of long).
     */
    public static double workBound(PublicProcess process) {
        double nodes = 1.0;
        double work = 0.0;
        double y = Math.max(1, process.numOutcomes());
        for (int t = 0; t < process.horizon(); t++) {
            double w = nodes * process.numChoices(t) * y;
            work += w;
            nodes = Math.min(w, MAX_NODES);
        }
        return work;
    }

    private static void checkWork(PublicProcess process) {
        double work = workBound(process);
        if (work > MAX_WORK) {
            StringBuilder counts = new StringBuilder();
            for (int t = 0; t < process.horizon(); t++) {
                counts.append(t == 0 ? "" : ", ").append(process.numChoices(t));
            }
            throw new InvalidModelException("horizon: " + process.horizon() + " with " + counts
                    + " prescriptions (or actions) per time step and " + process.numOutcomes()
                    + " public outcomes needs up to " + String.format(java.util.Locale.ROOT, "%.3g", work)
                    + " choice-outcome evaluations (sum over time steps of beliefs x prescriptions x outcomes),"
                    + " more than " + MAX_WORK + "; use a smaller horizon or fewer prescriptions");
        }
    }

    private record Key(int t, double[] b) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.t == t && Arrays.equals(k.b, b);
        }

        @Override
        public int hashCode() {
            return 31 * t + Arrays.hashCode(b);
        }
    }

    private Node node(int t, double[] belief) {
        if (t == process.horizon()) {
            return leaf;
        }
        Key key = new Key(t, belief);
        Node done = memo.get(key);
        if (done != null) {
            return done;
        }
        if (memo.size() >= MAX_NODES) {
            throw new InvalidModelException("horizon: " + process.horizon() + " reaches more than " + MAX_NODES
                    + " public beliefs; use a smaller horizon");
        }
        int n = process.numStates();
        int nc = process.numChoices(t);
        int ny = process.numOutcomes();
        double g = process.gamma();
        double[] q = new double[nc];
        double[] e = new double[nc];
        double[] prior = new double[nc];
        double[] next = new double[ny * n];
        List<Edge> all = new ArrayList<>();
        for (int c = 0; c < nc; c++) {
            prior[c] = process.choicePrior(t, c);
            double r = process.step(t, belief, c, next);
            double qc = r;
            double ec = r;
            for (int y = 0; y < ny; y++) {
                double py = 0.0;
                for (int s = 0; s < n; s++) {
                    py += next[y * n + s];
                }
                if (!(py > 0.0)) {
                    continue;
                }
                double[] b2 = new double[n];
                for (int s = 0; s < n; s++) {
                    b2[s] = next[y * n + s] / py;
                }
                Node child = node(t + 1, b2);
                if (child != leaf) {
                    qc += g * py * child.value;
                    ec += g * py * child.expected;
                }
                all.add(new Edge(c, y, py, child));
            }
            q[c] = qc;
            e[c] = ec;
        }
        double[] pi = new double[nc];
        double v = SoftExtremum.policy(beta, q, 0, prior, 0, nc, pi, 0);
        double ex = 0.0;
        for (int c = 0; c < nc; c++) {
            if (pi[c] > 0.0) {
                ex += pi[c] * e[c];
            }
        }
        List<Edge> edges = new ArrayList<>();
        for (Edge ed : all) {
            if (pi[ed.choice()] > 0.0) {
                edges.add(ed); // choices of policy 0 are never played: their edges are not kept
            }
        }
        Node out = new Node(t, belief, v, ex, q, pi, List.copyOf(edges));
        memo.put(key, out);
        return out;
    }
}
