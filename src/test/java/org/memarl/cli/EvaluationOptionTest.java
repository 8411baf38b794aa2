package org.memarl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memarl.io.Json;
import org.memarl.testing.Reference;
import org.memarl.testing.Tolerance;

/** {@code solve --evaluation exact|krylov|sweeps} of policy-iteration and soft-policy-iteration (issue 17). */
class EvaluationOptionTest {
    @TempDir
    Path dir;

    private Path model(int states, double gamma) {
        Path f = dir.resolve("m" + states + ".npz");
        Cli.run("generate", "random-mdp", "--states", Integer.toString(states), "--actions", "3", "--successors", "4",
                "--gamma", Double.toString(gamma), "--seed", "3", "--out", f.toString()).assertExit(0);
        return f;
    }

    @Test
    void badValuesAndMisplacedUsesAreOneLineErrors() {
        Cli.run("solve", "--example", "chain", "--algorithm", "soft-policy-iteration", "--evaluation", "lu", "--no-progress")
                .assertOneLineError("evaluation: \"lu\" is not exact, krylov or sweeps");
        Cli.run("solve", "--example", "chain", "--algorithm", "policy-iteration", "--evaluation", "", "--no-progress")
                .assertOneLineError("evaluation");
        Cli.run("solve", "--example", "chain", "--algorithm", "soft-value-iteration", "--evaluation", "krylov",
                "--no-progress").assertOneLineError("evaluation", "policy-iteration");
        Cli.run("solve", "--example", "matching-pennies", "--algorithm", "minimax", "--evaluation", "krylov",
                "--no-progress").assertOneLineError("evaluation");
        Cli.run("solve", "--example", "thesis-3-1-zero-sum", "--chain", "examples/chains/adversarial-opponent.json",
                "--evaluation", "exact", "--no-progress").assertOneLineError("evaluation: --chain takes krylov or sweeps");
        Cli.run("solve", "--example", "pursuit-3-state", "--chain", "examples/chains/adversarial-opponent.json",
                "--evaluation", "krylov", "--horizon", "3", "--no-progress").assertOneLineError("evaluation", "horizon");
    }

    @Test
    void aChainSolvedByPolicyIterationAgreesWithItsValueIteration() throws Exception {
        String[][] chains = {{"examples/chains/adversarial-opponent.json", "--gamma", "0.99"},
            {"examples/chains/rommeo.json", "--param", "beta=2"},
            {"examples/chains/agent-first.json", "--param", "betaAgent=1", "--param", "betaOpponent=-1"}};
        for (String[] c : chains) {
            String chain = c[0];
            String[] extra = java.util.Arrays.copyOfRange(c, 1, c.length);
            Path vi = dir.resolve("vi.json");
            Path pi = dir.resolve("pi.json");
            Cli.run(cat(new String[] {"solve", "--example", "pursuit-3-state", "--chain", chain, "--tolerance", "1e-9",
                "--no-progress", "--out", vi.toString()}, extra)).assertExit(0);
            for (String how : new String[] {"krylov", "sweeps"}) {
                Cli.run(cat(new String[] {"solve", "--example", "pursuit-3-state", "--chain", chain, "--tolerance", "1e-9",
                    "--evaluation", how, "--no-progress", "--out", pi.toString()}, extra)).assertExit(0);
                JsonNode a = Json.mapper().readTree(vi.toFile());
                JsonNode b = Json.mapper().readTree(pi.toFile());
                double[] va = values(a);
                double d = Tolerance.supDistance(va, values(b));
                assertTrue(d <= a.get("errorBound").asDouble() + b.get("errorBound").asDouble()
                        + Tolerance.ulps(64, Tolerance.maxAbs(va)) / 0.01, chain + " " + how + ": " + d);
                assertTrue(b.get("iterations").asInt() < a.get("iterations").asInt(), chain + " " + how);
            }
        }
    }

    @Test
    void exactIsRefusedAboveItsSizeAndKrylovSolvesTheSameModel() throws Exception {
        Path f = model(5001, 0.9);
        Cli.run("solve", f.toString(), "--algorithm", "policy-iteration", "--evaluation", "exact", "--no-progress")
                .assertOneLineError("evaluation: exact", "5001", "krylov");
        Path out = dir.resolve("r.json");
        Cli.Run r = Cli.run("solve", f.toString(), "--algorithm", "soft-policy-iteration", "--beta", "2", "--tolerance",
                "1e-8", "--threads", "2", "--no-progress", "--out", out.toString()).assertExit(0);
        assertEquals("", r.err().strip());
        JsonNode res = Json.mapper().readTree(out.toFile());
        JsonNode p = res.get("parameters");
        assertEquals("krylov", p.get("evaluation").asText());
        assertTrue(res.get("converged").asBoolean());
        assertTrue(res.get("errorBound").asDouble() <= 1e-8);
        assertEquals(p.get("outerSteps").asInt(), res.get("iterations").asInt());
        assertTrue(p.get("innerIterations").asLong() >= 1);
        assertTrue(p.get("sweepEquivalents").asDouble() >= p.get("outerSteps").asInt());
    }

    @Test
    void theThreeEvaluationsAgreeWithValueIterationOnTheCommandLine() throws Exception {
        Path f = model(300, 0.99);
        for (String alg : new String[] {"policy-iteration", "soft-policy-iteration"}) {
            String vi = alg.equals("policy-iteration") ? "value-iteration" : "soft-value-iteration";
            JsonNode ref = solve(f, vi, null);
            double[] v = values(ref);
            for (String how : new String[] {"exact", "krylov", "sweeps"}) {
                JsonNode res = solve(f, alg, how);
                assertEquals(how, res.get("parameters").get("evaluation").asText());
                double d = Tolerance.supDistance(values(res), v);
                assertTrue(d <= res.get("errorBound").asDouble() + ref.get("errorBound").asDouble()
                        + Tolerance.ulps(64, Tolerance.maxAbs(v)) / 0.01, alg + " " + how + ": " + d);
            }
        }
    }

    private static String[] cat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private JsonNode solve(Path f, String alg, String how) throws Exception {
        Path out = dir.resolve(alg + how + ".json");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("solve", f.toString(), "--algorithm", alg,
                "--tolerance", "1e-9", "--no-progress", "--out", out.toString()));
        if (how != null) {
            args.add("--evaluation");
            args.add(how);
        }
        Cli.run(args.toArray(new String[0])).assertExit(0);
        return Json.mapper().readTree(out.toFile());
    }

    private static double[] values(JsonNode res) {
        JsonNode v = res.get("values").get("V");
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i).asDouble();
        }
        return out;
    }

    @Test
    void belowTheRoundingFloorExitsThreeWithTheResultWritten() throws Exception {
        Path f = model(600, 0.999);
        Path out = dir.resolve("floor.json");
        Cli.Run r = Cli.run("solve", f.toString(), "--algorithm", "soft-policy-iteration", "--tolerance", "1e-15",
                "--no-progress", "--out", out.toString());
        r.assertExit(3).assertNoStackTrace();
        assertTrue(r.err().contains("did not converge"), r::toString);
        JsonNode res = Json.mapper().readTree(out.toFile());
        assertFalse(res.get("converged").asBoolean());
        assertEquals("rounding floor", res.get("parameters").get("stopReason").asText());
        assertTrue(Reference.class != null);
    }
}
