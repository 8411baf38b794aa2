package org.memarl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memarl.io.Json;

/** {@code memarl sweep}: the files, their shape and labels, on an MDP, a game and an option model; bad usage. */
class SweepCommandTest {
    @TempDir
    Path tmp;

    private static JsonNode json(Path f) throws IOException {
        return Json.parse(Files.readAllBytes(f), f.toString());
    }

    @Test
    void mdpSweepWritesJsonCsvAndPlotsWithTheModelsNames() throws IOException {
        Path out = tmp.resolve("sweep");
        Cli.run("sweep", "--example", "two-state-prior", "--algorithm", "soft-value-iteration", "--out", out.toString())
                .assertExit(0);
        JsonNode d = json(out.resolve("sweep.json"));
        assertEquals("memarl-sweep/1", d.get("format").asText());
        assertEquals("beta", d.get("parameter").asText());
        JsonNode x = d.get("values");
        assertEquals(37, x.size());
        assertEquals("-inf", x.get(0).asText());
        assertEquals("inf", x.get(36).asText());
        assertEquals(0.0, x.get(18).asDouble());
        for (int i = 2; i < 36; i++) {
            assertTrue(x.get(i).asDouble() > x.get(i - 1).asDouble(), "ascending");
        }
        assertEquals(37, d.get("V").size());
        assertEquals(2, d.get("V").get(0).size(), "V[i][s]");
        assertEquals(37, d.get("policies").get("policy").size());
        assertEquals(3, d.get("policies").get("policy").get(5).get(1).size(), "policy[i][s][a]");
        assertEquals("low", d.get("names").get("states").get(0).asText());
        assertEquals("gamble", d.get("names").get("actions").get(2).asText());
        List<String> csv = Files.readAllLines(out.resolve("sweep.csv"));
        assertEquals("beta,state,table,choice,value", csv.get(0));
        assertEquals(1 + 37 * 2 * (1 + 3), csv.size(), "one row per value, state and (V | action)");
        assertTrue(csv.get(1).startsWith("-inf,low,V,,"), csv.get(1));
        assertTrue(csv.contains("inf,high,policy,gamble,0.0"), "the prior forbids gamble in state high");
        String svg = Files.readString(out.resolve("values.svg"));
        assertTrue(svg.contains(">low</text>") && svg.contains(">high</text>"), "legend: the states' names, as text");
        assertTrue(svg.contains(">+\u221e</text>") && svg.contains(">-\u221e</text>") && svg.contains(">0</text>"),
                "infinities and 0 marked on the axis");
        String pol = Files.readString(out.resolve("policy.svg"));
        assertTrue(pol.contains(">stay</text>") && pol.contains(">state high</text>"), "actions and states named");
        assertFalse(pol.contains("i: 0"));
        BufferedImage png = ImageIO.read(out.resolve("policy.png").toFile());
        assertNotNull(png);
        assertTrue(png.getWidth() > 1000, "PNG at twice the pixel density");
    }

    @Test
    void gameSweepHasBothPlayersPolicies() throws IOException {
        Path out = tmp.resolve("game");
        Cli.run("sweep", "--example", "thesis-3-1-zero-sum", "--algorithm", "balancing-q", "--vary", "beta-opponent",
                "--beta-agent", "1", "--values", "-inf,-1,0,1,inf", "--out", out.toString()).assertExit(0);
        JsonNode d = json(out.resolve("sweep.json"));
        assertEquals("beta-opponent", d.get("parameter").asText());
        assertEquals(1.0, d.get("parameters").get("betaAgent").asDouble());
        assertEquals(5, d.get("policies").get("agent").size());
        assertEquals(5, d.get("policies").get("opponent").size());
        for (String f : new String[] {"policy-agent.png", "policy-agent.svg", "policy-opponent.png", "policy-opponent.svg",
            "values.png", "values.svg", "sweep.csv"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertTrue(Files.readString(out.resolve("policy-opponent.svg")).contains(">b3</text>"));
    }

    @Test
    void optionModelSweep() throws IOException {
        Path out = tmp.resolve("options");
        Cli.run("sweep", "--example", "four-rooms", "--algorithm", "soft-options", "--values", "0,1,inf", "--out",
                out.toString()).assertExit(0);
        JsonNode d = json(out.resolve("sweep.json"));
        assertEquals(3, d.get("V").size());
        JsonNode pi = d.get("policies").get("policy").get(1);
        for (JsonNode row : pi) {
            double sum = 0;
            for (JsonNode p : row) {
                sum += p.asDouble();
            }
            assertEquals(1.0, sum, 1e-12);
        }
    }

    @Test
    void chainSweepOverItsParameter() throws IOException {
        Path out = tmp.resolve("chain");
        Cli.run("sweep", "--example", "thesis-3-1-zero-sum", "--chain", "examples/chains/opponent-beta-sweep.json",
                "--vary", "beta", "--values", "-inf,0,inf", "--out", out.toString()).assertExit(0);
        JsonNode d = json(out.resolve("sweep.json"));
        assertEquals("chain", d.get("algorithm").asText());
        assertEquals(3, d.get("policies").get("opponent").size());
        assertTrue(Files.readString(out.resolve("policy-opponent.svg")).contains(">b2</text>"), "the chain's choice names");
    }

    @Test
    void badUsageIsOneLine() {
        String out = tmp.resolve("x").toString();
        Cli.run("sweep", "--example", "chain", "--algorithm", "value-iteration", "--out", out)
                .assertOneLineError("algorithm: value-iteration has no inverse temperature");
        Cli.run("sweep", "--example", "chain", "--algorithm", "soft-value-iteration", "--values", "1,2,1", "--out", out)
                .assertOneLineError("values: 1 is given twice");
        Cli.run("sweep", "--example", "chain", "--algorithm", "soft-value-iteration", "--from", "1", "--out", out)
                .assertOneLineError("--from and --to go together");
        Cli.run("sweep", "--example", "chain", "--algorithm", "soft-value-iteration", "--vary", "gamma", "--out", out)
                .assertOneLineError("vary: \"gamma\" is not beta");
        Cli.run("sweep", "--example", "tiger", "--algorithm", "public-belief", "--out", out)
                .assertOneLineError("sweep applies to mdp, game and matrix-game models");
        Cli.run("sweep", "--example", "chain", "--chain", "examples/chains/sweep-beta.json", "--vary", "gamma", "--out", out)
                .assertOneLineError("vary: \"gamma\" is not a parameter of the chain (it has beta)");
        Cli.run("sweep", "--example", "chain", "--algorithm", "soft-value-iteration", "--param", "beta=1", "--out", out)
                .assertOneLineError("param: --param applies to --chain");
        assertFalse(Files.exists(tmp.resolve("x")), "nothing written on bad usage");
    }
}
