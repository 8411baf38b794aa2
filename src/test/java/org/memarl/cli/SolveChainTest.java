package org.memarl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memarl.io.NpzModel;
import org.memarl.model.Mdp;
import org.memarl.model.TransitionMatrix;
import org.memarl.testing.Tolerance;

/**
 * {@code solve MODEL --chain FILE}: the bundled chain files ({@code examples/chains/}) on bundled models, checked
 * against independent computations written out here (nested soft extrema by enumeration with {@code Math.log} /
 * {@code Math.exp}, backward recursions, the Bellman equation at the written fixed point) and, as a
 * differential check, against the hand-written algorithms of {@code solve --algorithm}.
 */
class SolveChainTest {
    private static final ObjectMapper M = new ObjectMapper();
    private static final Path CHAINS = Path.of("examples", "chains");

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static JsonNode json(Cli.Run r) throws Exception {
        return M.readTree(r.out());
    }

    private static String chain(String file) {
        return CHAINS.resolve(file).toString();
    }

    private static double[][] matrix(JsonNode n) {
        double[][] out = new double[n.size()][];
        for (int i = 0; i < n.size(); i++) {
            out[i] = new double[n.get(i).size()];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = n.get(i).get(j).asDouble();
            }
        }
        return out;
    }

    /** {@code (1/beta) log sum_x p(x) exp(beta f(x))}, plainly (beta finite and nonzero). */
    private static double soft(double beta, double[] p, double[] f) {
        double sum = 0.0;
        for (int x = 0; x < f.length; x++) {
            sum += p[x] * Math.exp(beta * f[x]);
        }
        return Math.log(sum) / beta;
    }

    /**
     * The spec's example chain (opponent outermost at beta = -1, the agent inside at beta = 2 with the prior
     * agentGivenOpponent) on the thesis's payoff (3.1), zero-sum, uniform priors: enumerated by hand.
     */
    @Test
    void adversarialOpponentIsTheNestedSoftExtremumByEnumeration() throws Exception {
        double[][] r = matrix(M.readTree(Path.of("examples", "thesis-3-1-zero-sum.json").toFile()).get("payoff"));
        JsonNode out = json(Cli.run("solve", "--example", "thesis-3-1-zero-sum", "--chain", chain("adversarial-opponent.json"))
                .assertExit(0));
        double[] u = {1.0 / 3, 1.0 / 3, 1.0 / 3};
        double[] f = new double[3];
        for (int b = 0; b < 3; b++) {
            f[b] = soft(2.0, u, new double[] {r[0][b], r[1][b], r[2][b]});
        }
        double v = soft(-1.0, u, f);
        double tol = Tolerance.ulps(64, 10.0);
        assertEquals(v, out.at("/values/V/0").asDouble(), tol);
        assertEquals(1, out.at("/values/V").size());
        for (int b = 0; b < 3; b++) {
            assertEquals(u[b] * Math.exp(-1.0 * (f[b] - v)), out.at("/policies/opponent/0/" + b).asDouble(), tol);
            for (int a = 0; a < 3; a++) {
                // Q indexed [s][opponent][agent]: the levels in declared order
                assertEquals(r[a][b], out.at("/values/Q/0/" + b + "/" + a).asDouble(), tol);
                assertEquals(u[a] * Math.exp(2.0 * (r[a][b] - f[b])), out.at("/policies/agent/0/" + b + "/" + a).asDouble(), tol);
            }
        }
        assertEquals("chain", out.get("algorithm").asText());
        assertEquals("memarl-result/1", out.get("format").asText());
        assertEquals(M.readTree(CHAINS.resolve("adversarial-opponent.json").toFile()), out.get("chain"), "the chain echoed");
        assertEquals(-1.0, out.at("/parameters/betas/opponent").asDouble());
        assertEquals(2.0, out.at("/parameters/betas/agent").asDouble());
        assertEquals("b3", out.at("/names/choices/opponent/2").asText());
        assertEquals("a1", out.at("/names/choices/agent/0").asText());
    }

    /**
     * A hard outer level over a prior with a zero, and an inline conditional table with a zero: the opponent's
     * minimum runs over the support of its prior only, the agent's soft maximum over that of the table.
     */
    @Test
    void hardLevelAndInlineTableByEnumeration() throws Exception {
        Path game = write("g.json", "{\"format\":\"memarl/1\",\"kind\":\"matrix-game\",\"name\":\"g\",\"actions\":{\"agent\":2,"
                + "\"opponent\":3},\"payoff\":[[1,-5,3],[0,2,-1]],\"sum\":\"zero\",\"prior\":{\"opponent\":[0,0.6,0.4]}}");
        Path ch = write("c.json", "{\"format\":\"memarl-chain/1\",\"levels\":[{\"choice\":\"opponent\",\"beta\":\"$bo\"},"
                + "{\"choice\":\"agent\",\"beta\":\"$ba\",\"prior\":{\"given\":[\"opponent\"],"
                + "\"table\":[[[0.5,0.5],[0.25,0.75],[1,0]]]}}]}");
        double[][] r = {{1, -5, 3}, {0, 2, -1}};
        double[][] pa = {{0.5, 0.5}, {0.25, 0.75}, {1, 0}};
        double ba = 1.5;
        JsonNode out = json(Cli.run("solve", game.toString(), "--chain", ch.toString(), "--param", "bo=-inf", "--param",
                "ba=" + ba).assertExit(0));
        double[] f = new double[3];
        for (int b = 0; b < 3; b++) {
            f[b] = soft(ba, pa[b], new double[] {r[0][b], r[1][b]});
        }
        // b = 0 has prior 0: excluded although f[0] is the smallest
        assertTrue(f[0] < Math.min(f[1], f[2]));
        double v = Math.min(f[1], f[2]);
        int arg = f[1] < f[2] ? 1 : 2;
        double tol = Tolerance.ulps(64, 5.0);
        assertEquals(v, out.at("/values/V/0").asDouble(), tol);
        for (int b = 0; b < 3; b++) {
            assertEquals(b == arg ? 1.0 : 0.0, out.at("/policies/opponent/0/" + b).asDouble(), tol);
            for (int a = 0; a < 2; a++) {
                assertEquals(pa[b][a] * Math.exp(ba * (r[a][b] - f[b])), out.at("/policies/agent/0/" + b + "/" + a).asDouble(),
                        tol);
            }
        }
        assertEquals("-inf", out.at("/parameters/betas/opponent").asText());
        assertEquals("-inf", out.at("/parameters/params/bo").asText());
        assertEquals(ba, out.at("/parameters/params/ba").asDouble());
    }

    /**
     * Finite horizon with {@code --gamma} and {@code --horizon} overriding the model: the backward recursion
     * {@code V_H = 0, Q_t = r + gamma T V_{t+1}, V_t = (1/beta) log sum_a P(a|s) exp(beta Q_t)} written out on the
     * bundled 5-state chain, with every step's policy.
     */
    @Test
    void finiteHorizonIsTheBackwardRecursion() throws Exception {
        JsonNode model = M.readTree(Path.of("examples", "chain.json").toFile());
        int n = 5;
        double gamma = 0.7;
        double beta = 1.5;
        int h = 3;
        double[][][] t = new double[n][2][];
        double[][] r = matrix(model.get("rewards"));
        for (int s = 0; s < n; s++) {
            t[s] = matrix(model.get("transitions").get(s));
        }
        double[] p = {0.5, 0.5};
        double[][] vt = new double[h + 1][n];
        double[][][] qt = new double[h][n][2];
        double[][][] pit = new double[h][n][2];
        for (int k = h - 1; k >= 0; k--) {
            for (int s = 0; s < n; s++) {
                for (int a = 0; a < 2; a++) {
                    double e = 0.0;
                    for (int s2 = 0; s2 < n; s2++) {
                        e += t[s][a][s2] * vt[k + 1][s2];
                    }
                    qt[k][s][a] = r[s][a] + gamma * e;
                }
                vt[k][s] = soft(beta, p, qt[k][s]);
                for (int a = 0; a < 2; a++) {
                    pit[k][s][a] = p[a] * Math.exp(beta * (qt[k][s][a] - vt[k][s]));
                }
            }
        }
        JsonNode out = json(Cli.run("solve", "--example", "chain", "--chain", chain("sweep-beta.json"), "--param", "beta=" + beta,
                "--gamma", "" + gamma, "--horizon", "" + h).assertExit(0));
        double tol = Tolerance.ulps(64, 2.0);
        assertEquals(h + 1, out.at("/values/Vt").size());
        for (int k = 0; k <= h; k++) {
            for (int s = 0; s < n; s++) {
                assertEquals(vt[k][s], out.at("/values/Vt/" + k + "/" + s).asDouble(), tol, "Vt[" + k + "][" + s + "]");
            }
        }
        for (int s = 0; s < n; s++) {
            assertEquals(vt[0][s], out.at("/values/V/" + s).asDouble(), tol);
            for (int a = 0; a < 2; a++) {
                assertEquals(qt[0][s][a], out.at("/values/Q/" + s + "/" + a).asDouble(), tol);
                assertEquals(pit[0][s][a], out.at("/policies/action/" + s + "/" + a).asDouble(), tol);
                for (int k = 0; k < h; k++) {
                    assertEquals(pit[k][s][a], out.at("/policies/byStep/action/" + k + "/" + s + "/" + a).asDouble(), tol);
                }
            }
        }
        assertEquals(h, out.at("/parameters/horizon").asInt());
        assertEquals(gamma, out.at("/parameters/gamma").asDouble());
        assertTrue(out.at("/parameters/tolerance").isMissingNode());
        assertEquals("s4", out.at("/names/states/4").asText());
        assertEquals("right", out.at("/names/choices/action/1").asText());
    }

    private static final String TINY = "{\"format\":\"memarl/1\",\"kind\":\"mdp\",\"name\":\"tiny\",\"gamma\":0.5,\"states\":1,"
            + "\"actions\":2,\"transitions\":[[[1],[1]]],\"rewards\":[[1,0]],"
            + "\"options\":{\"count\":2,\"actionPrior\":[[[0.9,0.1]],[[0.2,0.8]]],\"terminationPrior\":0.25,"
            + "\"masterPrior\":[[0.3,0.7]]}}";

    /**
     * Soft options on a one-state model, horizon 2, written out as appendix C.1's recursion over {@code (s, z_prev)}:
     * {@code V(z) = M_a[r + gamma U_{t+1}(z) | P(a|z)]}, {@code V^H = M_z[V | P^H]},
     * {@code U_t(z') = M_b[b ? V^H : V(z') | P^T]}; the start value {@code V_t(s) = sum_z P^H(z) U_t(z)}.
     */
    @Test
    void softOptionsFiniteHorizonByHand() throws Exception {
        Path m = write("tiny.json", TINY);
        double beta = 1.3;
        double gamma = 0.5;
        double[] r = {1, 0};
        double[][] pa = {{0.9, 0.1}, {0.2, 0.8}};
        double[] ph = {0.3, 0.7};
        double[] pt = {0.75, 0.25};
        int h = 2;
        double[][] ut = new double[h + 1][2];
        for (int k = h - 1; k >= 0; k--) {
            double[] vz = new double[2];
            for (int z = 0; z < 2; z++) {
                vz[z] = soft(beta, pa[z], new double[] {r[0] + gamma * ut[k + 1][z], r[1] + gamma * ut[k + 1][z]});
            }
            double vh = soft(beta, ph, vz);
            for (int zp = 0; zp < 2; zp++) {
                ut[k][zp] = soft(beta, pt, new double[] {vz[zp], vh});
            }
        }
        JsonNode out = json(Cli.run("solve", m.toString(), "--chain", chain("soft-options.json"), "--param", "beta=" + beta,
                "--horizon", "" + h).assertExit(0));
        double tol = Tolerance.ulps(64, 4.0);
        for (int k = 0; k <= h; k++) {
            for (int z = 0; z < 2; z++) {
                assertEquals(ut[k][z], out.at("/values/Ut/" + k + "/0/" + z).asDouble(), tol);
            }
            assertEquals(ph[0] * ut[k][0] + ph[1] * ut[k][1], out.at("/values/Vt/" + k + "/0").asDouble(), tol);
        }
        assertEquals(ut[0][1], out.at("/values/U/0/1").asDouble(), tol);
        assertEquals(ph[0] * ut[0][0] + ph[1] * ut[0][1], out.at("/values/V/0").asDouble(), tol);
        assertEquals(1, out.at("/values/V").size());
        // contexts (s, z_prev): Q[c][b][z][a], the termination policy [c][b], the option's [c][b][z]
        assertEquals(2, out.at("/values/Q").size());
        assertEquals("0/1", out.at("/names/contexts/1").asText());
        assertEquals("terminate", out.at("/names/choices/termination/1").asText());
        assertEquals(1.0, out.at("/policies/option/1/0/1").asDouble(), 0.0, "b = 0 keeps z_prev = 1");
    }

    /**
     * At beta = 0 soft options evaluate the priors: U solves the linear system of the prior Markov chain on
     * z_prev (a 2x2 solve by hand), V = sum_z P^H(z) U(z).
     */
    @Test
    void softOptionsCriticAtBetaZeroIsALinearSolve() throws Exception {
        Path m = write("tiny.json", TINY);
        JsonNode out = json(Cli.run("solve", m.toString(), "--chain", chain("soft-options-critic.json"), "--param", "beta=0",
                "--tolerance", "1e-12").assertExit(0));
        double[] rbar = {0.9, 0.2};
        double[] ph = {0.3, 0.7};
        double p = 0.25;
        // P(z | z') = (1 - p) [z = z'] + p ph[z]
        double[][] k = {{1 - p + p * ph[0], p * ph[1]}, {p * ph[0], 1 - p + p * ph[1]}};
        double g = 0.5;
        double[] c = {k[0][0] * rbar[0] + k[0][1] * rbar[1], k[1][0] * rbar[0] + k[1][1] * rbar[1]};
        double a11 = 1 - g * k[0][0];
        double a12 = -g * k[0][1];
        double a21 = -g * k[1][0];
        double a22 = 1 - g * k[1][1];
        double det = a11 * a22 - a12 * a21;
        double u0 = (a22 * c[0] - a12 * c[1]) / det;
        double u1 = (a11 * c[1] - a21 * c[0]) / det;
        double tol = 2e-12 + Tolerance.ulps(64, 2.0);
        assertEquals(u0, out.at("/values/U/0/0").asDouble(), tol);
        assertEquals(u1, out.at("/values/U/0/1").asDouble(), tol);
        assertEquals(ph[0] * u0 + ph[1] * u1, out.at("/values/V/0").asDouble(), tol);
        assertEquals(0.0, out.at("/parameters/betas/termination").asDouble());
        assertEquals(1e-12, out.at("/parameters/tolerance").asDouble());
    }

    /** The bundled chain files against the hand-written algorithms (both solved to {@code tol}: within 2 tol). */
    @Test
    void bundledChainsAgreeWithTheAlgorithms() throws Exception {
        compare("four-rooms", "soft-options.json", "soft-options", "5", new String[] {"V", "U"});
        compare("four-rooms", "soft-options-critic.json", "soft-options-critic", "5", new String[] {"V", "U"});
        compare("coordination-options", "ma-soft-options.json", "ma-soft-options", "1", new String[] {"V", "U"});
        compare("pursuit-3-state", "rommeo.json", "rommeo", "2", new String[] {"V"});
        compare("pursuit-3-state", "pr2.json", "pr2", "2", new String[] {"V"});
        compare("sparse-ring", "sweep-beta.json", "soft-value-iteration", "-0.5", new String[] {"V", "Q"});
    }

    private void compare(String example, String chainFile, String algorithm, String beta, String[] tables) throws Exception {
        JsonNode a = json(Cli.run("solve", "--example", example, "--chain", chain(chainFile), "--param", "beta=" + beta,
                "--tolerance", "1e-11").assertExit(0));
        JsonNode b = json(Cli.run("solve", "--example", example, "--algorithm", algorithm, "--beta", beta, "--tolerance", "1e-11")
                .assertExit(0));
        for (String t : tables) {
            List<Double> x = leaves(a.at("/values/" + t));
            List<Double> y = leaves(b.at("/values/" + t));
            assertEquals(y.size(), x.size(), example + " " + t);
            double scale = 0.0;
            for (double d : y) {
                scale = Math.max(scale, Math.abs(d));
            }
            for (int i = 0; i < x.size(); i++) {
                assertEquals(y.get(i), x.get(i), 2e-11 + Tolerance.ulps(256, scale), example + " " + chainFile + " " + t + "[" + i + "]");
            }
        }
    }

    private static List<Double> leaves(JsonNode n) {
        if (n.isArray()) {
            return java.util.stream.StreamSupport.stream(n.spliterator(), false).flatMap(x -> leaves(x).stream())
                    .collect(Collectors.toList());
        }
        assertTrue(n.isNumber(), () -> "a number, got " + n);
        return List.of(n.asDouble());
    }

    /**
     * An npz MDP, written to a file: the written V satisfies the soft Bellman equation (recomputed here from the
     * model's arrays) within (1 + gamma) tol, and Q is {@code r + gamma T V} of the written V.
     */
    @Test
    void npzModelSatisfiesTheBellmanEquationWithinTheBound() throws Exception {
        Path npz = dir.resolve("m.npz");
        Cli.run("generate", "random-mdp", "--states", "40", "--actions", "3", "--successors", "4", "--seed", "7",
                "--prior", "random", "--out", npz.toString()).assertExit(0);
        Path res = dir.resolve("r.json");
        double beta = 3.0;
        double tolerance = 1e-9;
        Cli.Run run = Cli.run("solve", npz.toString(), "--chain", chain("sweep-beta.json"), "--param", "beta=3",
                "--tolerance", "" + tolerance, "--out", res.toString(), "--threads", "2").assertExit(0);
        assertEquals("", run.out());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("m.npz", "r.json"), files.map(f -> f.getFileName().toString()).sorted().toList(),
                    "no temporary file left");
        }
        JsonNode out = M.readTree(res.toFile());
        Mdp mdp = NpzModel.read(npz);
        int n = mdp.numStates();
        int na = mdp.numActions();
        TransitionMatrix t = mdp.transitions();
        double[] rw = mdp.rewardsFlat();
        double[] prior = mdp.priorFlat();
        double g = mdp.gamma();
        double[] v = new double[n];
        for (int s = 0; s < n; s++) {
            v[s] = out.at("/values/V/" + s).asDouble();
        }
        for (int s = 0; s < n; s++) {
            double[] q = new double[na];
            double[] p = new double[na];
            for (int a = 0; a < na; a++) {
                int row = s * na + a;
                double e = 0.0;
                for (int k = t.rowStart(row); k < t.rowEnd(row); k++) {
                    e += t.entryProbability(k) * v[t.entryColumn(k)];
                }
                q[a] = rw[row] + g * e;
                p[a] = prior[row];
                assertEquals(q[a], out.at("/values/Q/" + s + "/" + a).asDouble(), Tolerance.ulps(64, 1.0 / (1 - g)));
            }
            assertEquals(soft(beta, p, q), v[s], (1 + g) * tolerance + Tolerance.ulps(256, 1.0 / (1 - g)), "state " + s);
        }
        assertTrue(out.at("/converged").asBoolean());
        assertTrue(out.at("/errorBound").asDouble() <= tolerance);
        assertEquals(40, out.at("/names/states").size());
        assertEquals(M.readTree(CHAINS.resolve("sweep-beta.json").toFile()), out.get("chain"));
    }

    /** beta = +-inf through --param: the hard limits are the max and the min of the common payoff. */
    @Test
    void infiniteParametersGiveTheHardLimits() throws Exception {
        double[][] r = matrix(M.readTree(Path.of("examples", "thesis-3-1-cooperative.json").toFile()).get("payoff"));
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (double[] row : r) {
            for (double x : row) {
                max = Math.max(max, x);
                min = Math.min(min, x);
            }
        }
        JsonNode hi = json(Cli.run("solve", "--example", "thesis-3-1-cooperative", "--chain", chain("rommeo.json"), "--param",
                "beta=inf").assertExit(0));
        JsonNode lo = json(Cli.run("solve", "--example", "thesis-3-1-cooperative", "--chain", chain("pr2.json"), "--param",
                "beta=-inf").assertExit(0));
        assertEquals(max, hi.at("/values/V/0").asDouble(), 0.0);
        assertEquals(min, lo.at("/values/V/0").asDouble(), 0.0);
        assertEquals("inf", hi.at("/parameters/betas/agent").asText());
    }

    /** Not converged within --max-iterations: exit 3, one line, the result still written with "converged": false. */
    @Test
    void notConvergedExitsThreeAndStillWrites() throws Exception {
        Path res = dir.resolve("r.json");
        Cli.Run run = Cli.run("solve", "--example", "chain", "--chain", chain("sweep-beta.json"), "--param", "beta=1",
                "--max-iterations", "3", "--out", res.toString(), "--no-progress").assertExit(3);
        assertEquals(1, run.errLines().length, run::toString);
        assertTrue(run.errLines()[0].startsWith("memarl: chain did not converge within 3 iterations"), run::toString);
        run.assertNoStackTrace();
        JsonNode out = M.readTree(res.toFile());
        assertFalse(out.get("converged").asBoolean());
        assertEquals(3, out.get("iterations").asInt());
        assertTrue(out.get("errorBound").asDouble() > 1e-10);
    }

    /** Option games: U indexed [s][z'_agent][z'_opponent] and contexts named state/agent option/opponent option. */
    @Test
    void optionGameLayout() throws Exception {
        JsonNode out = json(Cli.run("solve", "--example", "coordination-options", "--chain", chain("ma-soft-options.json"),
                "--param", "beta=1").assertExit(0));
        assertEquals(1, out.at("/values/V").size());
        assertEquals(2, out.at("/values/U/0").size());
        assertEquals(2, out.at("/values/U/0/1").size());
        assertEquals(4, out.at("/values/Q").size());
        assertEquals("play/go-left/go-right", out.at("/names/contexts/1").asText());
        // the start value: both initial options from the master priors (1/2 each by default)
        double v = 0.0;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                v += 0.25 * out.at("/values/U/0/" + i + "/" + j).asDouble();
            }
        }
        assertEquals(v, out.at("/values/V/0").asDouble(), Tolerance.ulps(16, v));
        // Q over contexts then the six levels: [c][b_i][z_i][a][b_-i][z_-i][b]
        assertEquals(2, out.at("/values/Q/0/0/0/0/0/0").size());
        assertEquals(2, out.at("/policies/opponent/3/1/1/1/1/1").size());
    }
}
