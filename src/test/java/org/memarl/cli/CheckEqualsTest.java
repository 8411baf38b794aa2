package org.memarl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memarl.chains.ChainDeclaration;
import org.memarl.chains.ChoiceModel;
import org.memarl.io.ChainFiles;
import org.memarl.io.Json;
import org.memarl.io.Models;
import org.memarl.model.Game;
import org.memarl.solve.ChainSolver;
import org.memarl.solve.IterationOptions;
import org.memarl.testing.Tolerance;

/** {@code memarl check --chain A --equals B}: holds (exit 0), falsified (exit 1) with a re-runnable counterexample, bad input (exit 2). */
class CheckEqualsTest {
    private static final String ROMMEO = "examples/chains/rommeo.json";
    private static final String PR2 = "examples/chains/pr2.json";
    private static final String OPP = "examples/chains/opponent-first.json";
    private static final String AGENT = "examples/chains/agent-first.json";

    @Test
    void rommeoEqualsPr2OnAGameAndRandomGamesLikeIt() throws Exception {
        Cli.Run r = Cli.run("check", "--chain", ROMMEO, "--equals", PR2, "--model", "examples/pursuit-3-state.json",
                "--trials", "20").assertExit(0);
        r.assertNoStackTrace();
        assertTrue(r.out().startsWith("holds "), r::toString);
        assertTrue(r.out().contains("21 models (the given model and 20 like it)"), r::toString);
        JsonNode j = Json.mapper().readTree(Cli.run("check", "--chain", ROMMEO, "--equals", PR2, "--trials", "20",
                "--param", "beta=-inf", "--format", "json").assertExit(0).out()).get("equivalence");
        assertEquals("holds", j.get("status").asText());
        assertEquals(20, j.get("trials").asInt());
        assertEquals("-inf", j.get("parameters").get("beta").asText());
        assertTrue(j.get("counterexample").isNull());
        assertTrue(j.get("maxGap").asDouble() >= 0.0);
    }

    @Test
    void aBetaPerPlayerIsFalsifiedWithTheCounterexampleWrittenAsAModelFile(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("ce");
        Cli.Run r = Cli.run("check", "--chain", OPP, "--equals", AGENT, "--model", "examples/matching-pennies.json",
                "--param", "betaAgent=2", "--param", "betaOpponent=-1", "--trials", "30", "--counterexamples", dir.toString())
                .assertExit(1);
        r.assertNoStackTrace();
        assertTrue(r.out().startsWith("falsified "), r::toString);
        assertTrue(r.out().contains("counterexample: V differs at context"), r::toString);
        Path model = dir.resolve("opponent-first-equals-agent-first.json");
        assertTrue(r.out().contains("model written to " + model), r::toString);
        JsonNode about = Json.mapper().readTree(Files.readAllBytes(dir.resolve("opponent-first-equals-agent-first.counterexample.json")));
        assertEquals("opponent-first-equals-agent-first.json", about.get("model").asText());
        // the written model, solved again from the files, shows the reported values and a gap above the tolerance
        Game g = ((Models.GameModel) Models.read(model)).game();
        Map<String, Double> p = Map.of("betaAgent", 2.0, "betaOpponent", -1.0);
        IterationOptions tight = IterationOptions.defaults().withTolerance(1e-13);
        double[] va = ChainSolver.solve(ChainFiles.read(Path.of(OPP)).problem(ChoiceModel.of(g), p), tight).values();
        double[] vb = ChainSolver.solve(ChainFiles.read(Path.of(AGENT)).problem(ChoiceModel.of(g), p), tight).values();
        int c = g.stateNames().indexOf(about.get("context").asText());
        double scale = Math.max(Tolerance.maxAbs(va), g.maxAbsReward());
        assertEquals(about.get("values").get("chain").asDouble(), va[c], 1e-13 + Tolerance.ulps(64, scale) / (1.0 - g.gamma()));
        assertEquals(about.get("values").get("equals").asDouble(), vb[c], 1e-13 + Tolerance.ulps(64, scale) / (1.0 - g.gamma()));
        assertTrue(Math.abs(va[c] - vb[c]) > about.get("tolerance").asDouble());
        assertEquals(2.0, about.get("parameters").get("betaAgent").asDouble());
        assertTrue(about.get("rerun").get(0).asText().startsWith("memarl solve " + model + " --chain " + OPP));
    }

    @Test
    void namedAndUniformPriorsAgainstTheModelsPrior(@TempDir Path tmp) throws Exception {
        // soft VI with the model's prior = soft VI whose prior is the same table given inline
        Path a = tmp.resolve("a.json");
        Path b = tmp.resolve("b.json");
        Files.writeString(a, "{\"format\":\"memarl-chain/1\",\"levels\":[{\"choice\":\"action\",\"beta\":1.5}]}");
        Files.writeString(b, "{\"format\":\"memarl-chain/1\",\"levels\":[{\"choice\":\"action\",\"beta\":1.5,"
                + "\"prior\":\"uniform\"}]}");
        // the random models' priors are not uniform: the two differ there, not on the uniform-prior model
        Cli.Run r = Cli.run("check", "--chain", a.toString(), "--equals", b.toString(), "--model", "examples/chain.json",
                "--trials", "10").assertExit(1);
        assertTrue(r.out().contains("a random mdp with"), r::toString);
        // the model's prior named explicitly is the default prior: equal on every model
        Path named = tmp.resolve("named.json");
        Files.writeString(named, "{\"format\":\"memarl-chain/1\",\"levels\":[{\"choice\":\"action\",\"beta\":1.5,"
                + "\"prior\":\"prior\"}]}");
        Cli.run("check", "--chain", a.toString(), "--equals", named.toString(), "--model", "examples/chain.json",
                "--trials", "10").assertExit(0);
    }

    @Test
    void badInputIsOneLineAndExitTwo(@TempDir Path tmp) throws Exception {
        Cli.run("check", "--chain", ROMMEO, "--equals", tmp.resolve("none.json").toString()).assertOneLineError("equals: file not found");
        Cli.run("check", "--equals", PR2).assertOneLineError("--equals needs --chain FILE");
        Cli.run("check", "--chain", ROMMEO, "--equals", PR2, "--param", "beta").assertOneLineError("--param", "KEY=VALUE");
        Cli.run("check", "--chain", ROMMEO, "--equals", PR2, "--param", "beta=hot").assertOneLineError("param beta", "hot");
        Cli.run("check", "--chain", ROMMEO, "--equals", PR2, "--param", "gamma=1").assertOneLineError("param: \"gamma\"");
        Cli.run("check", "--chain", ROMMEO, "--equals", PR2, "--model", "examples/chain.json")
                .assertOneLineError(ROMMEO, "levels[0].choice", "\"opponent\"");
        Cli.run("check", "--chain", ROMMEO, "--equals", PR2, "--model", "examples/tiger.json").assertOneLineError("pomdp");
        Cli.run("check", "Theorem 6", "--chain", ROMMEO, "--equals", PR2).assertOneLineError("cannot be combined");
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"format\":\"memarl-chain/1\",\"levels\":[{\"choice\":\"agent\",\"beta\":1},"
                + "{\"choice\":\"agent\",\"beta\":1}]}");
        Cli.run("check", "--chain", ROMMEO, "--equals", bad.toString()).assertOneLineError(bad.toString(), "levels[1].choice");
        Path inline = tmp.resolve("inline.json");
        Files.writeString(inline, "{\"format\":\"memarl-chain/1\",\"levels\":[{\"choice\":\"action\",\"beta\":1,"
                + "\"prior\":{\"given\":[],\"table\":[[0.5,0.5]]}}]}");
        Cli.run("check", "--chain", inline.toString(), "--equals", inline.toString())
                .assertOneLineError("levels[0].prior.table", "give --model");
    }

    @Test
    void declarationsInJavaAndInFilesAgree() {
        ChainDeclaration file = ChainFiles.read(Path.of(ROMMEO));
        assertEquals(java.util.List.of("beta"), file.parameters());
        assertEquals("opponent", file.levels().get(0).choice());
        assertEquals("agent", file.levels().get(1).choice());
    }
}
