package org.memarl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memarl.io.Json;
import org.memarl.io.ModelReader;
import org.memarl.model.Mdp;
import org.memarl.testing.Reference;
import org.memarl.testing.Tolerance;

/**
 * Issue 16, items 6, 7 and 9, through the command line on small generated models: every iterative solver
 * stops at the rounding floor with soft value iteration's message (6); probabilistic-balancing-q agrees with
 * balancing-q and the closed form at rewards of +-1e300, and refuses scaled values that overflow (7);
 * the Q-learners refuse rewards whose values overflow with a located one-line error (9).
 */
class FloorAndOverflowTest {
    /** The cap given to every floor run: far above what reaching the floor takes, small enough to fail fast. */
    private static final int CAP = 20_000;
    /** The floor is reached within a few hundred sweeps on these models (gamma 0.9). */
    private static final int FLOOR_SWEEPS = 2_000;

    private static final Pattern FLOOR_LINE = Pattern.compile("memarl: (\\S+) did not converge within (\\d+) iterations"
            + " \\(error bound \\S+ > tolerance 1\\.0E-10\\); result written with \"converged\": false; the tolerance is"
            + " below the rounding floor of double precision for values of this size \\(about \\S+\\): use --tolerance"
            + " \\S+ or larger");

    /** A random MDP (memarl/1 JSON) with rewards uniform in [-scale, scale) and K successors per pair. */
    static String mdpJson(long seed, int n, int m, int k, double gamma, double scale) {
        SplittableRandom rng = new SplittableRandom(seed);
        StringBuilder t = new StringBuilder();
        StringBuilder r = new StringBuilder();
        for (int s = 0; s < n; s++) {
            r.append(s == 0 ? "[" : ", [");
            for (int a = 0; a < m; a++) {
                r.append(a == 0 ? "" : ", ").append(scale * (2.0 * rng.nextDouble() - 1.0));
                double[] w = new double[k];
                double z = 0.0;
                for (int j = 0; j < k; j++) {
                    w[j] = 0.1 + rng.nextDouble();
                    z += w[j];
                }
                int first = rng.nextInt(n);
                for (int j = 0; j < k; j++) {
                    t.append(t.length() == 0 ? "" : ", ").append('[').append(s).append(", ").append(a).append(", ")
                            .append((first + j) % n).append(", ").append(w[j] / z).append(']');
                }
            }
            r.append(']');
        }
        return "{\"format\": \"memarl/1\", \"kind\": \"mdp\", \"name\": \"floor\", \"gamma\": " + gamma + ", \"states\": " + n
                + ", \"actions\": " + m + ", \"transitions\": {\"sparse\": [" + t + "]}, \"rewards\": [" + r + "]}";
    }

    /** A two-state zero-sum game with gamma 0.9 and rewards of size 1e6. */
    static final String GAME = "{\"format\": \"memarl/1\", \"kind\": \"game\", \"name\": \"floor-game\", \"gamma\": 0.9,"
            + " \"states\": 2, \"actions\": {\"agent\": 2, \"opponent\": 2}, \"transitions\": {\"sparse\": ["
            + "[0,0,0,1,0.7],[0,0,0,0,0.3],[0,0,1,0,1.0],[0,1,0,1,1.0],[0,1,1,0,0.4],[0,1,1,1,0.6],"
            + "[1,0,0,0,0.5],[1,0,0,1,0.5],[1,0,1,1,1.0],[1,1,0,0,1.0],[1,1,1,0,0.2],[1,1,1,1,0.8]]},"
            + " \"rewards\": [[[3e6, -1e6], [-2e6, 1e6]], [[1e6, 2e6], [0, -1e6]]], \"sum\": \"zero\"}";

    /** A one-state game with gamma 0.9: the agent's second action meets rewards +-R. */
    static String oneStateGame(String r) {
        return "{\"format\": \"memarl/1\", \"kind\": \"game\", \"name\": \"huge\", \"gamma\": 0.9, \"states\": 1,"
                + " \"actions\": {\"agent\": 2, \"opponent\": 2}, \"transitions\": {\"sparse\": [[0,0,0,0,1.0],[0,0,1,0,1.0],"
                + "[0,1,0,0,1.0],[0,1,1,0,1.0]]}, \"rewards\": [[[0, 0], [" + r + ", -" + r + "]]], \"sum\": \"zero\"}";
    }

    static Path write(Path dir, String name, String json) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, json);
        return f;
    }

    /**
     * Asserts the floor stop: exit 3, soft value iteration's one-line message with the floor hint, far fewer
     * iterations than the cap, and the result written with "converged": false and the same count.
     */
    static JsonNode assertFloorStop(Cli.Run r, String algorithm) throws Exception {
        r.assertExit(3).assertNoStackTrace();
        String[] lines = r.errLines();
        assertEquals(1, lines.length, () -> "one line, " + r);
        Matcher mt = FLOOR_LINE.matcher(lines[0]);
        assertTrue(mt.matches(), () -> "the floor message of soft-value-iteration, " + r);
        assertEquals(algorithm, mt.group(1));
        int iterations = Integer.parseInt(mt.group(2));
        assertTrue(iterations < FLOOR_SWEEPS, () -> "stopped at the floor, not at the cap " + CAP + ": " + r);
        JsonNode d = Json.mapper().readTree(r.out());
        assertFalse(d.get("converged").asBoolean());
        assertEquals(iterations, d.get("iterations").asInt());
        return d;
    }

    static double[] values(JsonNode d) {
        JsonNode v = d.get("values").get("V");
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i).asDouble();
        }
        return out;
    }

    @Test
    @DisplayName("item 6: soft-policy-iteration below the rounding floor stops there, with soft VI's message and the soft-optimal V")
    void softPolicyIterationStopsAtTheFloor(@TempDir Path dir) throws Exception {
        // rewards of 1e6 at gamma 0.9: the floor (about 1e-8) lies far above the default tolerance 1e-10
        Path f = write(dir, "m.json", mdpJson(16, 6, 3, 3, 0.9, 1e6));
        double beta = 1e-4;
        JsonNode pi = assertFloorStop(Cli.run("solve", f.toString(), "--algorithm", "soft-policy-iteration", "--beta",
                Double.toString(beta), "--max-iterations", Integer.toString(CAP), "--no-progress"), "soft-policy-iteration");
        JsonNode vi = assertFloorStop(Cli.run("solve", f.toString(), "--algorithm", "soft-value-iteration", "--beta",
                Double.toString(beta), "--max-iterations", Integer.toString(CAP), "--no-progress"), "soft-value-iteration");
        // the value: against the test's own soft policy iteration (exact linear solves), to the floors' size
        Mdp mdp = ModelReader.readMdp(f);
        double[] ref = Reference.softOptimalByPolicyIteration(mdp, beta);
        double tol = Tolerance.discounted(64, 1e6, 0.9);
        assertTrue(Tolerance.supDistance(ref, values(pi)) <= tol, () -> "soft PI V off the reference by more than " + tol);
        assertTrue(Tolerance.supDistance(ref, values(vi)) <= tol, () -> "soft VI V off the reference by more than " + tol);
    }

    @Test
    @DisplayName("item 6: every iterative solver stops at the floor with the same one-line message (table)")
    void everyIterativeSolverStopsAtTheFloor(@TempDir Path dir) throws Exception {
        Path mdp = write(dir, "m.json", mdpJson(6, 8, 3, 3, 0.9, 1e6));
        // policy-evaluation iterates beyond 3000 states (its exact solve below)
        Path large = write(dir, "large.json", mdpJson(7, 3001, 1, 2, 0.9, 1e6));
        Path game = write(dir, "g.json", GAME);
        record Row(Path model, String algorithm, String... extra) {
        }
        List<Row> rows = new ArrayList<>(List.of(
                new Row(mdp, "soft-value-iteration", "--beta", "1e-4"),
                new Row(mdp, "soft-policy-iteration", "--beta", "1e-4"),
                new Row(mdp, "soft-policy-iteration", "--beta", "-1e-4"),
                new Row(mdp, "value-iteration"),
                new Row(mdp, "q-iteration"),
                new Row(mdp, "q-iteration", "--sweep", "gauss-seidel"),
                new Row(large, "policy-evaluation", "--beta", "1e-4"),
                new Row(game, "minimax"),
                new Row(game, "foe-q"),
                new Row(game, "friend-q"),
                new Row(game, "nash-q"),
                new Row(game, "gr2", "--beta", "1e-5"),
                new Row(game, "balancing-q", "--beta", "1e-5"),
                new Row(game, "probabilistic-balancing-q", "--beta", "1e-5"),
                new Row(game, "rommeo", "--beta", "1e-5"),
                new Row(game, "pr2", "--beta", "1e-5")));
        for (Row row : rows) {
            List<String> args = new ArrayList<>(List.of("solve", row.model().toString(), "--algorithm", row.algorithm(),
                    "--max-iterations", Integer.toString(CAP), "--no-progress"));
            args.addAll(List.of(row.extra()));
            assertFloorStop(Cli.run(args.toArray(new String[0])), row.algorithm());
        }
    }

    @Test
    @DisplayName("item 7: probabilistic-balancing-q at rewards +-1e300, betas 1e-3 / -1e-3, agrees with balancing-q and the closed form")
    void probabilisticBalancingQAtHugeRewards(@TempDir Path dir) throws Exception {
        Path f = write(dir, "g.json", oneStateGame("1e300"));
        double bi = 1e-3;
        double gamma = 0.9;
        // V = M_a^{bi}[gamma V, M_b^{-bi}[+-1e300 + gamma V] = -1e300 + ...] = gamma V + log(1/2) / bi exactly in
        // double (exp(-1e297) = 0), so V = log(1/2) / (bi (1 - gamma)) = -6931.47...
        double closed = Math.log(0.5) / (bi * (1.0 - gamma));
        JsonNode[] d = new JsonNode[2];
        String[] algs = {"probabilistic-balancing-q", "balancing-q"};
        for (int i = 0; i < 2; i++) {
            Cli.Run r = Cli.run("solve", f.toString(), "--algorithm", algs[i], "--beta-agent", "1e-3", "--beta-opponent", "-1e-3",
                    "--no-progress");
            r.assertExit(0).assertNoStackTrace();
            d[i] = Json.mapper().readTree(r.out());
            assertTrue(d[i].get("converged").asBoolean(), algs[i]);
            double v = d[i].get("values").get("V").get(0).asDouble();
            double tol = 1e-10 + Tolerance.ulps(64, closed) / (1.0 - gamma);
            assertEquals(closed, v, tol, algs[i] + " V");
        }
        assertEquals(d[1].get("iterations").asInt(), d[0].get("iterations").asInt(), "the same chain, the same sweeps");
        assertEquals(d[1].get("values").get("V").get(0).asDouble(), d[0].get("values").get("V").get(0).asDouble(), 0.0);
        // thesis units: Vth = beta_i V
        assertEquals(bi * d[0].get("values").get("V").get(0).asDouble(), d[0].get("values").get("Vth").get(0).asDouble(),
                Tolerance.ulps(4, closed * bi));
    }

    @Test
    @DisplayName("item 7: probabilistic-balancing-q refuses scaled values that overflow, naming the entry; balancing-q reports them")
    void probabilisticBalancingQScaledOverflow(@TempDir Path dir) throws Exception {
        Path f = write(dir, "g.json", oneStateGame("1.7e308"));
        Cli.run("solve", f.toString(), "--algorithm", "probabilistic-balancing-q", "--beta-agent", "2", "--beta-opponent", "-2",
                "--no-progress").assertOneLineError("Qth[0][1][0]", "-2.0 times 1.7E308", "overflows double precision",
                        "balancing-q");
        Cli.Run r = Cli.run("solve", f.toString(), "--algorithm", "balancing-q", "--beta-agent", "2", "--beta-opponent", "-2",
                "--no-progress");
        r.assertExit(0).assertNoStackTrace();
        double v = Json.mapper().readTree(r.out()).get("values").get("V").get(0).asDouble();
        double closed = Math.log(0.5) / (2.0 * (1.0 - 0.9));
        assertEquals(closed, v, 1e-10 + Tolerance.ulps(64, closed) / 0.1);
    }

    @Test
    @DisplayName("item 9: soft-q-learning and q-learning refuse rewards whose values overflow, one located line, exit 2")
    void learnersRefuseOverflowingRewards(@TempDir Path dir) throws Exception {
        String json = mdpJson(9, 4, 2, 2, 0.95, 1.0).replaceAll("\"rewards\": \\[.*\\]\\}$",
                "\"rewards\": [[1.7e308, 1.7e308], [1.7e308, 1.7e308], [1.7e308, 1.7e308], [1.7e308, 1.7e308]]}");
        Path f = write(dir, "m.json", json);
        Cli.run("solve", f.toString(), "--algorithm", "soft-q-learning", "--beta", "1e6", "--no-progress")
                .assertOneLineError("rewards[0][0]: 1.7E308", "soft-q-learning", "overflow double precision", "gamma 0.95");
        Cli.run("solve", f.toString(), "--algorithm", "q-learning", "--no-progress")
                .assertOneLineError("rewards[0][0]: 1.7E308", "q-learning", "overflow double precision");
        // the largest reward names the entry; at gamma 0.9 rewards of 1.7e307 stay finite (|r| / (1 - gamma) = 1.7e308)
        String ok = mdpJson(9, 4, 2, 2, 0.9, 1.0).replaceAll("\"rewards\": \\[.*\\]\\}$",
                "\"rewards\": [[1e307, -1.7e307], [1e307, 1e307], [1e307, 1e307], [1e307, 1e307]]}");
        Path g = write(dir, "ok.json", ok);
        Cli.Run r = Cli.run("solve", g.toString(), "--algorithm", "soft-q-learning", "--beta", "1e6", "--episodes", "20",
                "--no-progress");
        assertTrue(r.code() == 0 || r.code() == 3, () -> "runs, " + r);
        r.assertNoStackTrace();
        for (double x : values(Json.mapper().readTree(r.out()))) {
            assertTrue(Double.isFinite(x) && Math.abs(x) <= 1.7e307 / (1.0 - 0.9) * (1.0 + 1e-12), "V " + x);
        }
        String worst = mdpJson(9, 4, 2, 2, 0.999, 1.0).replaceAll("\"rewards\": \\[.*\\]\\}$",
                "\"rewards\": [[1e300, 1e300], [1e300, -1e306], [1e300, 1e300], [1e300, 1e300]]}");
        Cli.run("solve", write(dir, "w.json", worst).toString(), "--algorithm", "soft-q-learning", "--beta", "1",
                "--no-progress").assertOneLineError(String.format(Locale.ROOT, "rewards[1][1]: %s", -1e306));
    }

    /** Values that overflow inside the fixed-point driver (the hard and soft sweeps): exit 2, one located line. */
    @org.junit.jupiter.api.Test
    void driverOverflowIsBadInputWithTheValueNamed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path m = dir.resolve("huge.json");
        java.nio.file.Files.writeString(m, "{\"format\":\"memarl/1\",\"kind\":\"mdp\",\"gamma\":0.99,\"states\":1,"
                + "\"actions\":1,\"transitions\":[[[1]]],\"rewards\":[[1.7e308]]}");
        for (String alg : new String[] {"value-iteration", "soft-value-iteration", "q-iteration"}) {
            Cli.run("solve", m.toString(), "--algorithm", alg).assertExit(2)
                    .assertOneLineError("values[0] = Infinity", "overflow double precision");
        }
    }
}
