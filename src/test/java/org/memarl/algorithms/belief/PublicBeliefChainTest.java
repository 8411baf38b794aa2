package org.memarl.algorithms.belief;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.memarl.io.DecPomdpReader;
import org.memarl.io.PomdpReader;
import org.memarl.model.DecPomdp;
import org.memarl.model.Pomdp;
import org.memarl.model.TransitionMatrix;
import org.memarl.solve.ChainProblem;
import org.memarl.solve.ChainSolution;
import org.memarl.solve.ChainSolver;
import org.memarl.solve.IterationOptions;
import org.memarl.testing.Tolerance;

/**
 * The public-belief reduction declared as a chain ({@link PublicBelief#declare}) and solved by the generic
 * solver, against an independent brute force written here: the soft recursion (5.21)-(5.23) over public
 * <em>histories</em> (no beliefs are merged), with unnormalised joint state probabilities
 * {@code alpha(s) = P(s_t = s, history)}, the prescriptions enumerated as maps from every private
 * observation to an action, the private observations summed explicitly, and plain log-sum-exp sums. At
 * beta in {+inf, 2, 0.5, 0, -1, -inf}, on Tiger at horizons 1-3, bad-two-step, and variants whose prior
 * excludes choices or whose number of prescriptions changes over time (so the level is padded).
 */
class PublicBeliefChainTest {
    static final double[] BETAS = {Double.POSITIVE_INFINITY, 2, 0.5, 0, -1, Double.NEGATIVE_INFINITY};

    static Pomdp tiger() {
        return PomdpReader.readPomdp(Path.of("examples", "tiger.json"));
    }

    static DecPomdp bad() {
        return DecPomdpReader.readDecPomdp(Path.of("examples", "bad-two-step.json"));
    }

    // ---------------------------------------------------------------- the brute force

    /** {@code (1/beta) log sum P exp(beta q) / sum P} over the prior's support; max / min at +-inf; the mean at 0. */
    static double soft(double beta, double[] q, double[] p) {
        double z = 0.0;
        double hi = Double.NEGATIVE_INFINITY;
        double lo = Double.POSITIVE_INFINITY;
        for (int i = 0; i < q.length; i++) {
            if (p[i] > 0.0) {
                z += p[i];
                hi = Math.max(hi, q[i]);
                lo = Math.min(lo, q[i]);
            }
        }
        if (beta == Double.POSITIVE_INFINITY) {
            return hi;
        }
        if (beta == Double.NEGATIVE_INFINITY) {
            return lo;
        }
        if (beta == 0.0) {
            double m = 0.0;
            for (int i = 0; i < q.length; i++) {
                m += p[i] * q[i];
            }
            return m / z;
        }
        double shift = beta > 0 ? hi : lo;
        double s = 0.0;
        for (int i = 0; i < q.length; i++) {
            if (p[i] > 0.0) {
                s += p[i] * Math.exp(beta * (q[i] - shift));
            }
        }
        return shift + Math.log(s / z) / beta;
    }

    /** The Boltzmann policy {@code P exp(beta (q - V))}; at +-inf the prior on the maximisers (minimisers); at 0 the prior. */
    static double[] boltzmann(double beta, double[] q, double[] p, double v) {
        double[] pi = new double[q.length];
        double z = 0.0;
        for (int i = 0; i < q.length; i++) {
            if (p[i] > 0.0) {
                pi[i] = Double.isInfinite(beta) ? (q[i] == v ? p[i] : 0.0) : p[i] * Math.exp(beta * (q[i] - v));
                z += pi[i];
            }
        }
        for (int i = 0; i < q.length; i++) {
            pi[i] /= z;
        }
        return pi;
    }

    /** Brute force at one public history: V, E, and per choice Q and pi. */
    record Answer(double v, double e, double[] q, double[] pi) {
    }

    /** The soft recursion over the public histories of a POMDP from {@code alpha = P(s_t, history)}. */
    static Answer pomdp(Pomdp m, double beta, double[] alpha, int t) {
        int n = m.numStates();
        int na = m.numActions();
        double mass = 0.0;
        for (double x : alpha) {
            mass += x;
        }
        double[] q = new double[na];
        double[] e = new double[na];
        double[] prior = new double[na];
        for (int a = 0; a < na; a++) {
            prior[a] = m.prior(a);
            double r = 0.0;
            for (int s = 0; s < n; s++) {
                r += alpha[s] * m.reward(s, a);
            }
            q[a] = r / mass;
            e[a] = r / mass;
            if (t + 1 == m.horizon()) {
                continue;
            }
            for (int o = 0; o < m.numObservations(); o++) {
                double[] next = new double[n];
                double po = 0.0;
                for (int s = 0; s < n; s++) {
                    for (int s2 = 0; s2 < n; s2++) {
                        double w = alpha[s] * m.transition(s, a, s2) * m.observation(s2, a, o);
                        next[s2] += w;
                        po += w;
                    }
                }
                if (po > 0.0) {
                    Answer child = pomdp(m, beta, next, t + 1);
                    q[a] += m.gamma() * po / mass * child.v;
                    e[a] += m.gamma() * po / mass * child.e;
                }
            }
        }
        return answer(beta, q, e, prior);
    }

    private static Answer answer(double beta, double[] q, double[] e, double[] prior) {
        double v = soft(beta, q, prior);
        double[] pi = boltzmann(beta, q, prior, v);
        double ex = 0.0;
        for (int i = 0; i < q.length; i++) {
            ex += pi[i] * e[i];
        }
        return new Answer(v, ex, q, pi);
    }

    /** One prescription of the brute force: per agent, the action for every private observation, and its prior. */
    record Prescription(int[][] act, double prior) {
    }

    /** Every map (private observation -> action) of both agents with positive prior weight at time t. */
    static List<Prescription> prescriptions(DecPomdp m, int t) {
        List<Prescription> out = new ArrayList<>();
        int k0 = m.agent(0).numObservations();
        int k1 = m.agent(1).numObservations();
        int m0 = m.agent(0).numActions();
        int m1 = m.agent(1).numActions();
        int total = (int) (Math.pow(m0, k0) * Math.pow(m1, k1));
        for (int code = 0; code < total; code++) {
            int rest = code;
            int[][] act = {new int[k0], new int[k1]};
            double w = 1.0;
            for (int i = 0; i < 2; i++) {
                for (int o = 0; o < act[i].length; o++) {
                    int na = m.agent(i).numActions();
                    act[i][o] = rest % na;
                    rest /= na;
                    w *= m.agent(i).prior(t, o, act[i][o]);
                }
            }
            if (w > 0.0) {
                out.add(new Prescription(act, w));
            }
        }
        return out;
    }

    /** The soft recursion over the public histories of a Dec-POMDP, the private observations summed explicitly. */
    static Answer decPomdp(DecPomdp m, double beta, double[] alpha, int t, List<List<Prescription>> byStep) {
        int n = m.numStates();
        double mass = 0.0;
        for (double x : alpha) {
            mass += x;
        }
        List<Prescription> ps = byStep.get(t);
        double[] q = new double[ps.size()];
        double[] e = new double[ps.size()];
        double[] prior = new double[ps.size()];
        int kz = m.numPublicObservations();
        for (int c = 0; c < ps.size(); c++) {
            Prescription p = ps.get(c);
            prior[c] = p.prior();
            double r = 0.0;
            Map<Integer, double[]> next = new LinkedHashMap<>(); // outcome (joint action, public signal) -> alpha'
            for (int s = 0; s < n; s++) {
                for (int o0 = 0; o0 < m.agent(0).numObservations(); o0++) {
                    for (int o1 = 0; o1 < m.agent(1).numObservations(); o1++) {
                        double w = alpha[s] * m.agent(0).observation(s, o0) * m.agent(1).observation(s, o1);
                        if (w == 0.0) {
                            continue;
                        }
                        int j = m.joint(p.act()[0][o0], p.act()[1][o1]);
                        r += w * m.reward(s, j);
                        for (int s2 = 0; s2 < n; s2++) {
                            for (int z = 0; z < kz; z++) {
                                next.computeIfAbsent(j * kz + z, key -> new double[n])[s2]
                                        += w * m.transition(s, j, s2) * m.publicObservation(s2, z);
                            }
                        }
                    }
                }
            }
            q[c] = r / mass;
            e[c] = r / mass;
            if (t + 1 == m.horizon()) {
                continue;
            }
            for (double[] a2 : next.values()) {
                double py = 0.0;
                for (double x : a2) {
                    py += x;
                }
                if (py > 0.0) {
                    Answer child = decPomdp(m, beta, a2, t + 1, byStep);
                    q[c] += m.gamma() * py / mass * child.v;
                    e[c] += m.gamma() * py / mass * child.e;
                }
            }
        }
        return answer(beta, q, e, prior);
    }

    // ---------------------------------------------------------------- the comparisons

    /** The result's root against the brute force: V, E, and Q and pi of every choice (index map given). */
    static void assertRoot(Answer bf, PublicBelief.Result r, int[] index, double scale, String what) {
        double tol = Tolerance.ulps(256, scale);
        PublicBelief.Node root = r.root();
        assertEquals(bf.v(), root.value(), tol, what + ": V");
        assertEquals(bf.v(), r.solution().V()[0], tol, what + ": V in the solution");
        assertEquals(bf.e(), root.expectedReward(), tol, what + ": expected reward");
        double[] q = root.q();
        double[] pi = root.policy();
        double mass = 0.0;
        for (int c = 0; c < index.length; c++) {
            assertEquals(bf.q()[c], q[index[c]], tol, what + ": Q of choice " + c);
            if (Double.isFinite(r.beta())) { // at +-inf ties between maximisers are decided by rounding
                assertEquals(bf.pi()[c], pi[index[c]], Tolerance.ulps(256 * Math.max(1, Math.abs(r.beta())), scale),
                        what + ": pi of choice " + c);
            }
            mass += pi[index[c]];
        }
        assertEquals(1.0, mass, Tolerance.ulps(64, 1.0), what + ": the policy lives on the prior's choices");
    }

    static double scale(double maxAbsReward, int horizon) {
        return Math.max(1.0, maxAbsReward * horizon);
    }

    static void checkPomdp(Pomdp m) {
        int[] identity = new int[m.numActions()];
        for (int a = 0; a < identity.length; a++) {
            identity[a] = a;
        }
        for (double beta : BETAS) {
            Answer bf = pomdp(m, beta, m.initial(), 0);
            PublicBelief.Result r = PublicBelief.solve(m, beta);
            assertRoot(bf, r, identity, scale(m.maxAbsReward(), m.horizon()), m.name() + " H=" + m.horizon()
                    + " beta " + beta);
        }
    }

    static void checkDecPomdp(DecPomdp m) {
        List<List<Prescription>> byStep = new ArrayList<>();
        for (int t = 0; t < m.horizon(); t++) {
            byStep.add(prescriptions(m, t));
        }
        DecPomdpProcess process = new DecPomdpProcess(m);
        List<Prescription> first = byStep.get(0);
        int[] index = new int[first.size()];
        for (int c = 0; c < index.length; c++) {
            index[c] = process.prescriptions(0).encode(first.get(c).act());
            assertTrue(index[c] >= 0);
        }
        assertEquals(first.size(), process.numChoices(0));
        for (double beta : BETAS) {
            Answer bf = decPomdp(m, beta, m.initial(), 0, byStep);
            PublicBelief.Result r = PublicBelief.solve(m, beta);
            assertRoot(bf, r, index, scale(m.maxAbsReward(), m.horizon()), m.name() + " beta " + beta);
        }
    }

    @Test
    void tigerAtHorizonsOneToThreeIsTheBruteForceOverHistories() {
        for (int h = 1; h <= 3; h++) {
            checkPomdp(tiger().withHorizon(h));
            checkPomdp(tiger().withHorizon(h).withGamma(1.0));
        }
    }

    @Test
    void tigerWithAnActionOutsideThePriorIsTheBruteForce() {
        Pomdp t = tiger();
        int n = t.numStates();
        int na = t.numActions();
        int k = t.numObservations();
        double[] tr = new double[n * na * n];
        double[] ob = new double[n * na * k];
        double[] rw = new double[n * na];
        for (int s = 0; s < n; s++) {
            for (int a = 0; a < na; a++) {
                rw[s * na + a] = t.reward(s, a);
                for (int s2 = 0; s2 < n; s2++) {
                    tr[(s * na + a) * n + s2] = t.transition(s, a, s2);
                }
                for (int o = 0; o < k; o++) {
                    ob[(s * na + a) * k + o] = t.observation(s, a, o);
                }
            }
        }
        Pomdp skewed = new Pomdp("tiger, open-right excluded", t.states(), t.actions(), t.observations(), 0.9, 3,
                new double[] {0.3, 0.7}, tr, ob, rw, new double[] {0.75, 0.25, 0.0});
        checkPomdp(skewed);
        PublicBelief.Result r = PublicBelief.solve(skewed, Double.POSITIVE_INFINITY);
        assertEquals(0.0, r.root().policy()[2], 0.0, "an action of prior 0 is never played");
    }

    @Test
    void badTwoStepIsTheBruteForceOverHistories() {
        checkDecPomdp(bad());
        checkDecPomdp(bad().withGamma(0.5));
    }

    /** bad-two-step with player 1's second-step prior on fewer actions: 9 prescriptions, then 2 x 3 = 6. */
    static DecPomdp badWithFewerSecondStepChoices() {
        DecPomdp b = bad();
        int n = b.numStates();
        int jn = b.numJointActions();
        double[] tr = new double[n * jn * n];
        double[] rw = new double[n * jn];
        for (int s = 0; s < n; s++) {
            for (int j = 0; j < jn; j++) {
                rw[s * jn + j] = b.reward(s, j);
                for (int s2 = 0; s2 < n; s2++) {
                    tr[(s * jn + j) * n + s2] = b.transition(s, j, s2);
                }
            }
        }
        List<DecPomdp.Agent> agents = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            DecPomdp.Agent a = b.agent(i);
            int m = a.numActions();
            int k = a.numObservations();
            double[] observe = new double[n * k];
            for (int s = 0; s < n; s++) {
                for (int o = 0; o < k; o++) {
                    observe[s * k + o] = a.observation(s, o);
                }
            }
            double[][] prior = new double[2][k * m];
            for (int t = 0; t < 2; t++) {
                for (int o = 0; o < k; o++) {
                    for (int x = 0; x < m; x++) {
                        prior[t][o * m + x] = a.prior(t, o, x);
                    }
                }
            }
            if (i == 1) { // card 0: A or C only; card 1: A, B or C with weights 1/2, 1/4, 1/4
                prior[1] = new double[] {0, 0.5, 0, 0.5, 0, 0.5, 0.25, 0.25};
            }
            agents.add(new DecPomdp.Agent(a.name(), a.actions(), a.observations(), observe, prior, "agents[" + i + "]", n));
        }
        return new DecPomdp("bad-two-step, fewer choices at step 1", b.states(), 0.9, 2, b.initial(), agents, null, null,
                tr, rw);
    }

    @Test
    void fewerPrescriptionsAtALaterStepArePaddedWithPriorZeroAndStillExact() {
        DecPomdp m = badWithFewerSecondStepChoices();
        DecPomdpProcess p = new DecPomdpProcess(m);
        assertEquals(9, p.numChoices(0));
        assertEquals(6, p.numChoices(1));
        checkDecPomdp(m);
        PublicBelief.Declaration d = PublicBelief.declare(p, 1.0);
        assertEquals(9, d.choices());
        for (int c = 0; c < d.nodes(); c++) {
            if (d.time(c) == 1) {
                for (int x = 0; x < 9; x++) {
                    double prior = d.problem().chain().priorWeight(0, c, 0, x);
                    assertEquals(x < 6 ? p.choicePrior(1, x) : 0.0, prior, Tolerance.ulps(4, 1.0));
                }
            }
        }
    }

    // ---------------------------------------------------------------- the declaration and the two solver modes

    static List<PublicProcess> processes() {
        List<PublicProcess> out = new ArrayList<>();
        for (int h = 1; h <= 3; h++) {
            out.add(new PomdpProcess(tiger().withHorizon(h)));
        }
        out.add(new DecPomdpProcess(bad()));
        out.add(new DecPomdpProcess(badWithFewerSecondStepChoices()));
        return out;
    }

    @Test
    void theDeclarationHasStepOrderedBeliefsRowsOfBayesRuleAndOneTerminalContext() {
        for (PublicProcess p : processes()) {
            PublicBelief.Declaration d = PublicBelief.declare(p, 0.5);
            ChainProblem problem = d.problem();
            int h = p.horizon();
            int n = p.numStates();
            assertEquals(h, problem.horizon());
            assertEquals(p.gamma(), problem.gamma(), 0.0);
            assertEquals(d.nodes() + 1, problem.contexts());
            assertEquals(1, problem.chain().depth());
            assertEquals(PublicBelief.LEVEL, problem.chain().levels().get(0).name());
            assertEquals(0, d.time(0));
            assertEquals(List.of(), diff(p.initialBelief(), d.belief(0)));
            TransitionMatrix t = problem.transitions();
            double[] next = new double[p.numOutcomes() * n];
            for (int c = 0; c < d.nodes(); c++) {
                int step = d.time(c);
                assertTrue(c == 0 || d.time(c - 1) <= step, "contexts in step order");
                double[] b = d.belief(c);
                for (int x = 0; x < d.choices(); x++) {
                    int row = problem.row(c, x);
                    if (x >= p.numChoices(step)) {
                        assertEquals(1.0, t.get(row, d.terminal()), 0.0);
                        assertEquals(0.0, problem.reward(row), 0.0);
                        assertEquals(0.0, problem.chain().priorWeight(0, c, 0, x), 0.0);
                        continue;
                    }
                    assertEquals(p.choicePrior(step, x), problem.chain().priorWeight(0, c, 0, x), Tolerance.ulps(4, 1.0));
                    double r = p.step(step, b, x, next);
                    assertEquals(r, problem.reward(row), 0.0);
                    if (step == h - 1) {
                        assertEquals(1.0, t.get(row, d.terminal()), 0.0, "the last step leads to the terminal context");
                        continue;
                    }
                    // P(y | B, x) summed over the outcomes that lead to each next belief (Bayes' rule)
                    double[] expected = new double[problem.contexts()];
                    for (int y = 0; y < p.numOutcomes(); y++) {
                        double py = 0.0;
                        for (int s = 0; s < n; s++) {
                            py += next[y * n + s];
                        }
                        if (py > 0.0) {
                            int child = find(d, step + 1, next, y * n, py, n);
                            assertTrue(child > c, "the next belief is a later context");
                            expected[child] += py;
                        }
                    }
                    for (int c2 = 0; c2 < problem.contexts(); c2++) {
                        assertEquals(expected[c2], t.get(row, c2), Tolerance.ulps(16, 1.0), "row " + row + " -> " + c2);
                    }
                }
            }
            for (int x = 0; x < d.choices(); x++) {
                int row = problem.row(d.terminal(), x);
                assertEquals(1.0, t.get(row, d.terminal()), 0.0, "the terminal context is absorbing");
                assertEquals(0.0, problem.reward(row), 0.0);
            }
        }
    }

    /** The context of step t whose belief is {@code u / py} (Bayes' rule), or a failure. */
    private static int find(PublicBelief.Declaration d, int t, double[] u, int off, double py, int n) {
        double[] b = new double[n];
        for (int s = 0; s < n; s++) {
            b[s] = u[off + s] / py;
        }
        for (int c = 0; c < d.nodes(); c++) {
            if (d.time(c) == t && diff(b, d.belief(c)).isEmpty()) {
                return c;
            }
        }
        throw new AssertionError("no context of step " + t + " with belief " + java.util.Arrays.toString(b));
    }

    private static List<Integer> diff(double[] a, double[] b) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                out.add(i);
            }
        }
        return out;
    }

    @Test
    void theBackwardRecursionOfTheDeclaredProblemEqualsTheAcyclicPassAtEveryContext() {
        for (PublicProcess p : processes()) {
            for (double beta : BETAS) {
                ChainProblem problem = PublicBelief.declare(p, beta).problem();
                ChainSolution backward = ChainSolver.solve(problem, IterationOptions.defaults());
                ChainSolution pass = ChainSolver.solveAcyclic(problem);
                double[] v0 = backward.values();
                double[] v = pass.values();
                for (int c = 0; c < v.length; c++) {
                    assertEquals(v0[c], v[c], 0.0, "context " + c + " at beta " + beta);
                }
                assertEquals(PublicBelief.solve(p, beta).root().value(), v[0], 0.0);
                if (p.horizon() > 1 && beta == 2) {
                    // the contexts of step t' are exact only in V_t, t <= t': V_1 at the root is not its value
                    assertNotEquals(v[0], backward.valuesByStep()[1][0]);
                }
            }
        }
    }
}
