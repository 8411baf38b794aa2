package org.memarl.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memarl.io.GameReader;
import org.memarl.model.Game;
import org.memarl.model.TransitionMatrix;
import org.memarl.testing.Tolerance;

/**
 * The Java examples of {@code docs/cookbook.md} ({@code examples/java/*.java}) compile against the library
 * (with {@code javax.tools}, into a temp folder), run, and print the right numbers. "Right" is an independent
 * computation written out here: value iteration of the two-level nested soft extremum
 *
 * <pre>
 *   V(s) = M_b^{beta_o}[ M_a^{beta_a}[ r(s,a,b) + gamma sum_s' T(s'|s,a,b) V(s') | P(a|s,b) ] | P(b|s) ],
 *   M_x^beta[f | P] = (1/beta) log sum_x P(x) exp(beta f(x))   (beta = 0: sum P f; +-inf: max / min over P &gt; 0),
 * </pre>
 *
 * with {@link Math#exp} and {@link Math#log}, iterated on the game's raw arrays until the values stop changing,
 * and the Boltzmann policies {@code pi_o(b|s) = P(b|s) exp(beta_o (f(s,b) - V(s)))},
 * {@code pi_a(a|s,b) = P(a|s,b) exp(beta_a (Q(s,a,b) - f(s,b)))}. No memarl solver is used for the expected
 * numbers. The test fails if an example stops compiling, throws, prints a wrong number or omits or adds a line.
 */
class ExamplesCompileTest {
    private static final Pattern LINE = Pattern.compile("^(\\S+\\(.*\\)) = (-?\\d+\\.\\d+)$");
    /** Half a unit of the examples' last printed digit ({@code %.10f}). */
    private static final double PRINTED = 0.5e-10;
    /** The tolerance the examples ask of the solver. */
    private static final double SOLVER = 1e-12;

    @TempDir
    static Path classes;

    private static Game game;

    @BeforeAll
    static void compileExamples() throws Exception {
        List<File> sources;
        try (Stream<Path> s = Files.list(Path.of("examples", "java"))) {
            sources = s.filter(p -> p.toString().endsWith(".java")).map(Path::toFile).sorted().collect(Collectors.toList());
        }
        assertEquals(List.of("AdversarialOpponent.java", "ChainRecipes.java"),
                sources.stream().map(File::getName).collect(Collectors.toList()),
                "the examples this test knows how to check (add the checks of a new example here)");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "a JDK (not a JRE) runs the tests");
        DiagnosticCollector<JavaFileObject> diag = new DiagnosticCollector<>();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diag, null, StandardCharsets.UTF_8)) {
            Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromFiles(sources);
            List<String> opts = List.of("-d", classes.toString(), "-classpath", cp, "-Xlint:all", "-Werror");
            boolean ok = javac.getTask(null, fm, diag, opts, null, units).call();
            assertTrue(ok, () -> "examples/java does not compile: " + diag.getDiagnostics());
        }
        game = GameReader.readGame(Path.of("examples", "pursuit-3-state.json"));
    }

    /** Runs the compiled example's {@code main} and returns its standard output. */
    private static String run(String className) throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ExamplesCompileTest.class.getClassLoader())) {
            Method main = loader.loadClass(className).getMethod("main", String[].class);
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(saved);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    /** The printed {@code NAME(ARGS) = VALUE} lines (comments start with {@code #}). */
    private static Map<String, Double> numbers(String out) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String l : out.split("\\R")) {
            if (l.isBlank() || l.startsWith("#")) {
                continue;
            }
            Matcher x = LINE.matcher(l);
            assertTrue(x.matches(), () -> "not a NAME(ARGS) = VALUE line: " + l);
            assertTrue(m.put(x.group(1), Double.parseDouble(x.group(2))) == null, () -> "printed twice: " + l);
        }
        return m;
    }

    // ---- the independent computation -------------------------------------------------------------------

    /** {@code M_x^beta[f | p]} written out. */
    static double softExtremum(double beta, double[] p, double[] f) {
        if (beta == 0.0) {
            double e = 0.0;
            for (int i = 0; i < p.length; i++) {
                e += p[i] * f[i];
            }
            return e;
        }
        if (Double.isInfinite(beta)) {
            double best = beta > 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            for (int i = 0; i < p.length; i++) {
                if (p[i] > 0) {
                    best = beta > 0 ? Math.max(best, f[i]) : Math.min(best, f[i]);
                }
            }
            return best;
        }
        double shift = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0) {
                shift = Math.max(shift, beta * f[i]);
            }
        }
        double sum = 0.0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0) {
                sum += p[i] * Math.exp(beta * f[i] - shift);
            }
        }
        return (shift + Math.log(sum)) / beta;
    }

    /** The hand-solved two-level chain: V, f(s,b), Q(s,a,b), the policies, and a bound on V's error. */
    static final class Hand {
        double[] v;
        double[][] f;
        double[][][] q;
        double[][] piOpponent;
        double[][][] piAgent;
        double bound;
    }

    /**
     * Value iteration of the opponent-outside-agent chain on the game's arrays, with the opponent's prior
     * {@code pb[s][b]} and the agent's prior {@code pa[s][b][a]} given the opponent.
     */
    static Hand solve(Game g, double betaOpponent, double betaAgent, double[][] pb, double[][][] pa) {
        int n = g.numStates();
        int na = g.numAgentActions();
        int nb = g.numOpponentActions();
        double gamma = g.gamma();
        TransitionMatrix t = g.transitions();
        double[] v = new double[n];
        double[][][] q = new double[n][nb][na];
        double[][] f = new double[n][nb];
        double last = Double.POSITIVE_INFINITY;
        for (int it = 0; it < 100_000 && last > 0.0; it++) {
            double[] next = new double[n];
            for (int s = 0; s < n; s++) {
                for (int b = 0; b < nb; b++) {
                    for (int a = 0; a < na; a++) {
                        double e = 0.0;
                        for (int s2 = 0; s2 < n; s2++) {
                            e += t.get(g.row(s, a, b), s2) * v[s2];
                        }
                        q[s][b][a] = g.rewardAgent(s, a, b) + gamma * e;
                    }
                    f[s][b] = softExtremum(betaAgent, pa[s][b], q[s][b]);
                }
                next[s] = softExtremum(betaOpponent, pb[s], f[s]);
            }
            last = Tolerance.supDistance(next, v);
            v = next;
        }
        Hand h = new Hand();
        h.v = v;
        h.q = q;
        h.f = f;
        // q and f above were formed from the previous iterate; the final change is 'last'
        h.bound = gamma / (1.0 - gamma) * last + last;
        h.piOpponent = new double[n][nb];
        h.piAgent = new double[n][nb][na];
        for (int s = 0; s < n; s++) {
            for (int b = 0; b < nb; b++) {
                h.piOpponent[s][b] = pb[s][b] * Math.exp(betaOpponent * (f[s][b] - v[s]));
                for (int a = 0; a < na; a++) {
                    h.piAgent[s][b][a] = pa[s][b][a] * Math.exp(betaAgent * (q[s][b][a] - f[s][b]));
                }
            }
        }
        return h;
    }

    private static double[][] opponentPrior(Game g) {
        return reshape(g.priorOpponentFlat(), g.numStates(), g.numOpponentActions());
    }

    private static double[][][] agentGivenOpponent(Game g) {
        double[] flat = g.agentGivenOpponentFlat();
        int nb = g.numOpponentActions();
        int na = g.numAgentActions();
        double[][][] out = new double[g.numStates()][nb][na];
        for (int s = 0; s < g.numStates(); s++) {
            for (int b = 0; b < nb; b++) {
                System.arraycopy(flat, (s * nb + b) * na, out[s][b], 0, na);
            }
        }
        return out;
    }

    private static double[][] reshape(double[] flat, int rows, int cols) {
        double[][] out = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, r * cols, out[r], 0, cols);
        }
        return out;
    }

    /** Error allowed on a printed value: the printing, the solver's guarantee, the hand solve and rounding. */
    private static double valueTolerance(Hand h) {
        return PRINTED + SOLVER + h.bound + Tolerance.discounted(64, game.maxAbsReward(), game.gamma());
    }

    /** Error allowed on a printed probability {@code P exp(beta (f - V))}: first order in beta times V's error. */
    private static double policyTolerance(Hand h, double beta) {
        return PRINTED + 4.0 * Math.abs(beta) * (valueTolerance(h) - PRINTED) + Tolerance.ulps(64, 1.0);
    }

    private static void expectValues(Map<String, Double> want, String name, double[] v) {
        for (int s = 0; s < v.length; s++) {
            want.put(name + "(" + game.stateNames().get(s) + ")", v[s]);
        }
    }

    private static void expectOpponentPolicy(Map<String, Double> want, String name, double[][] pi) {
        for (int s = 0; s < pi.length; s++) {
            for (int b = 0; b < pi[s].length; b++) {
                want.put(name + "(" + game.opponentActionNames().get(b) + " | " + game.stateNames().get(s) + ")", pi[s][b]);
            }
        }
    }

    private static void expectAgentPolicy(Map<String, Double> want, String name, double[][][] pi) {
        for (int s = 0; s < pi.length; s++) {
            for (int b = 0; b < pi[s].length; b++) {
                for (int a = 0; a < pi[s][b].length; a++) {
                    want.put(name + "(" + game.agentActionNames().get(a) + " | " + game.stateNames().get(s) + ", "
                            + game.opponentActionNames().get(b) + ")", pi[s][b][a]);
                }
            }
        }
    }

    private static void compare(Map<String, Double> want, Map<String, Double> tol, Map<String, Double> got) {
        assertEquals(new TreeSet<>(want.keySet()), new TreeSet<>(got.keySet()), "the lines the example prints");
        for (Map.Entry<String, Double> e : want.entrySet()) {
            assertEquals(e.getValue(), got.get(e.getKey()), tol.get(e.getKey()), e.getKey());
        }
    }

    private static double maxDiff(double[] a, double[] b) {
        return Tolerance.supDistance(a, b);
    }

    // ---- the examples ----------------------------------------------------------------------------------

    @Test
    void adversarialOpponentPrintsTheHandSolvedChainAndTheComparison() throws Exception {
        Map<String, Double> got = numbers(run("AdversarialOpponent"));
        double[][] pb = opponentPrior(game);
        double[][][] pa = agentGivenOpponent(game);
        Hand chain = solve(game, -1.0, 2.0, pb, pa);
        Hand low = solve(game, -1.0, -1.0, pb, pa);
        Hand high = solve(game, 2.0, 2.0, pb, pa);
        Map<String, Double> want = new LinkedHashMap<>();
        Map<String, Double> tol = new LinkedHashMap<>();
        expectValues(want, "V", chain.v);
        expectOpponentPolicy(want, "pi_opponent", chain.piOpponent);
        expectAgentPolicy(want, "pi_agent", chain.piAgent);
        expectValues(want, "V_balancingQ", chain.v);
        for (String k : want.keySet()) {
            tol.put(k, k.startsWith("pi_") ? policyTolerance(chain, 2.0) : valueTolerance(chain));
        }
        // Balancing Q from the opponent's perspective is the same chain: the printed difference is 0
        want.put("maxdiff(V, V_balancingQ)", 0.0);
        tol.put("maxdiff(V, V_balancingQ)", PRINTED);
        for (Object[] r : new Object[][] {{"-1", low}, {"2", high}}) {
            Hand h = (Hand) r[1];
            String tag = "V_rommeo[" + r[0] + "]";
            Map<String, Double> part = new LinkedHashMap<>();
            expectValues(part, tag, h.v);
            expectOpponentPolicy(part, "pi_opponent_rommeo[" + r[0] + "]", h.piOpponent);
            for (String k : part.keySet()) {
                tol.put(k, k.startsWith("pi_") ? policyTolerance(h, 2.0) : valueTolerance(h));
            }
            want.putAll(part);
            want.put("maxdiff(V, " + tag + ")", maxDiff(chain.v, h.v));
            tol.put("maxdiff(V, " + tag + ")", valueTolerance(h) + valueTolerance(chain));
        }
        compare(want, tol, got);
        // what the walk-through teaches: ROMMEO at one beta differs, and V is monotone in each level's beta
        for (int s = 0; s < game.numStates(); s++) {
            assertTrue(low.v[s] < chain.v[s] && chain.v[s] < high.v[s], "rommeo(-1) < chain < rommeo(2) at " + s);
        }
    }

    @Test
    void chainRecipesPrintTheHandSolvedSweepAndPriorTable() throws Exception {
        Map<String, Double> got = numbers(run("ChainRecipes"));
        double[][] pb = opponentPrior(game);
        double[][][] pa = agentGivenOpponent(game);
        Map<String, Double> want = new LinkedHashMap<>();
        Map<String, Double> tol = new LinkedHashMap<>();
        double[] previous = null;
        String[] labels = {"-inf", "-4", "-1", "0", "1", "4", "inf"};
        double[] betas = {Double.NEGATIVE_INFINITY, -4, -1, 0, 1, 4, Double.POSITIVE_INFINITY};
        for (int i = 0; i < betas.length; i++) {
            Hand h = solve(game, betas[i], 2.0, pb, pa);
            Map<String, Double> part = new LinkedHashMap<>();
            expectValues(part, "V[beta=" + labels[i] + "]", h.v);
            for (String k : part.keySet()) {
                tol.put(k, valueTolerance(h));
            }
            want.putAll(part);
            if (previous != null) {
                for (int s = 0; s < h.v.length; s++) {
                    assertTrue(previous[s] < h.v[s], "V rises with the opponent's beta at state " + s + ", beta " + labels[i]);
                }
            }
            previous = h.v;
        }
        // the inline conditional prior P[s][opponent][agent] of examples/chains/agent-prior-table.json
        double[][][] table = {
            {{0.5, 0.5}, {0.5, 0.5}},
            {{0.5, 0.5}, {0.8, 0.2}},
            {{0.1, 0.9}, {0.8, 0.2}}};
        Hand h = solve(game, -1.0, 2.0, pb, table);
        Map<String, Double> part = new LinkedHashMap<>();
        expectValues(part, "V_table", h.v);
        expectAgentPolicy(part, "pi_agent_table", h.piAgent);
        for (String k : part.keySet()) {
            tol.put(k, k.startsWith("pi_") ? policyTolerance(h, 2.0) : valueTolerance(h));
        }
        want.putAll(part);
        want.put("maxdiff(V_table, V_table_java)", 0.0);
        tol.put("maxdiff(V_table, V_table_java)", PRINTED);
        compare(want, tol, got);
        List<String> names = new ArrayList<>(got.keySet());
        assertEquals("V[beta=-inf](far)", names.get(0), "the sweep comes first, in the order of the doc");
    }

    /** The cookbook quotes the example's output verbatim (bar the sweep count) and the sweep's table right. */
    @Test
    void cookbookQuotesTheExamplesAsTheyPrint() throws Exception {
        String doc = Files.readString(Path.of("docs", "cookbook.md"));
        List<String> printed = List.of(run("AdversarialOpponent").split("\\R"));
        int at = doc.indexOf("It prints");
        assertTrue(at >= 0, "the cookbook shows the example's output after \"It prints\"");
        int open = doc.indexOf("```\n", at) + 4;
        String block = doc.substring(open, doc.indexOf("```", open));
        int quoted = 0;
        for (String l : block.split("\n")) {
            if (!l.startsWith("# converged")) {
                assertTrue(printed.contains(l), () -> "cookbook line not printed by AdversarialOpponent: " + l);
                quoted++;
            }
        }
        assertTrue(quoted >= 10, "the quoted block has the example's lines");
        double[][] pb = opponentPrior(game);
        double[][][] pa = agentGivenOpponent(game);
        String[] labels = {"-inf", "-4", "-1", "0", "1", "4", "inf"};
        double[] betas = {Double.NEGATIVE_INFINITY, -4, -1, 0, 1, 4, Double.POSITIVE_INFINITY};
        for (int i = 0; i < betas.length; i++) {
            double[] v = solve(game, betas[i], 2.0, pb, pa).v;
            String row = "| " + labels[i] + " | " + String.format(java.util.Locale.ROOT, "%.6f | %.6f | %.6f |", v[0], v[1], v[2]);
            assertTrue(doc.contains(row), () -> "cookbook sweep table lacks the row " + row);
        }
    }

    /** The hand computation itself, on a one-state game with a closed form: it must not agree by accident. */
    @Test
    void handComputationMatchesClosedFormOnAMatrixGame() {
        Game mp = GameReader.readGame(Path.of("examples", "matching-pennies.json"));
        // matrix game: gamma 0, so V = M_b^{bo}[ M_a^{ba}[ payoff ] ] with uniform priors, written out
        double[][] pb = {{0.5, 0.5}};
        double[][][] pa = {{{0.5, 0.5}, {0.5, 0.5}}};
        Hand h = solve(mp, -1.0, 2.0, pb, pa);
        // f(b) = (1/2) log((e^{2} + e^{-2}) / 2) for both b (payoff +-1), so V = f
        double f = 0.5 * Math.log((Math.exp(2) + Math.exp(-2)) / 2);
        assertEquals(f, h.v[0], Tolerance.ulps(8, f));
        assertEquals(0.5, h.piOpponent[0][0], Tolerance.ulps(8, 1.0));
        assertEquals(Math.exp(2) / (Math.exp(2) + Math.exp(-2)), h.piAgent[0][0][0], Tolerance.ulps(8, 1.0));
    }
}
