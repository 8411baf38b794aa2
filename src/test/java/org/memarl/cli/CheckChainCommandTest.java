package org.memarl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memarl.io.Json;

/** {@code memarl check --chain CHAIN.json [--model MODEL] [--param NAME=X]}: the generic claims of a declared chain. */
class CheckChainCommandTest {
    private static final String ADVERSARIAL = "{\"format\": \"memarl-chain/1\", \"name\": \"adversarial\", \"levels\": ["
            + "{\"choice\": \"opponent\", \"beta\": -1}, {\"choice\": \"agent\", \"beta\": \"$b\", \"prior\": \"agentGivenOpponent\"}]}";

    private static Path write(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static Path example(String name) {
        return Path.of("examples", name);
    }

    @Test
    void aDeclaredGameChainHoldsOnRandomGamesAndReportsTheFiveClaims(@TempDir Path tmp) throws Exception {
        Path chain = write(tmp, "adv.json", ADVERSARIAL);
        Cli.Run r = Cli.run("check", "--chain", chain.toString(), "--param", "b=2", "--trials", "12", "--format", "json")
                .assertExit(0);
        r.assertNoStackTrace();
        JsonNode claims = Json.mapper().readTree(r.out()).get("claims");
        List<String> ids = new ArrayList<>();
        for (JsonNode c : claims) {
            ids.add(c.get("id").asText());
            assertEquals("holds", c.get("status").asText(), c.toString());
            assertEquals("chain adversarial", c.get("ref").asText());
            assertEquals(12, c.get("trials").asInt());
        }
        assertEquals(List.of("contraction", "level-improvement", "saddle-point", "monotone-in-beta", "limits"), ids);
    }

    @Test
    void theGivenModelIsCheckedFirstThenRandomOnesOfItsShape(@TempDir Path tmp) throws Exception {
        Path chain = write(tmp, "adv.json", ADVERSARIAL);
        Cli.Run r = Cli.run("check", "--chain", chain.toString(), "--param", "b=inf", "--model",
                example("pursuit-3-state.json").toString(), "--trials", "5").assertExit(0);
        assertTrue(r.out().contains("trials 6"), r::toString); // the given model, then 5 random ones
        assertTrue(r.out().contains("5 claims, 5 as expected"), r::toString);
        Path svi = write(tmp, "svi.json", "{\"format\": \"memarl-chain/1\", \"levels\": [{\"choice\": \"action\", \"beta\": 0}]}");
        Cli.run("check", "--chain", svi.toString(), "--model", example("two-state-prior.json").toString(), "--trials", "4")
                .assertExit(0);
        // one claim selected by id, markdown
        Cli.Run one = Cli.run("check", "saddle-point", "--chain", svi.toString(), "--trials", "3", "--format", "markdown")
                .assertExit(0);
        assertEquals(3, one.out().strip().split("\\R").length, one::toString);
    }

    @Test
    void optionChainsWithoutAModelUseADefaultOptionModel(@TempDir Path tmp) throws Exception {
        Path chain = write(tmp, "opt.json", "{\"format\": \"memarl-chain/1\", \"levels\": [{\"choice\": \"termination\", \"beta\": 2},"
                + " {\"choice\": \"option\", \"beta\": \"$m\"}, {\"choice\": \"action\", \"beta\": -1}]}");
        Cli.run("check", "--chain", chain.toString(), "--param", "m=-inf", "--trials", "6").assertExit(0);
    }

    @Test
    void inlinePriorsFixTheDefaultShape(@TempDir Path tmp) throws Exception {
        // three states and an opponent of two choices, from the table
        Path chain = write(tmp, "t.json", "{\"format\": \"memarl-chain/1\", \"levels\": [{\"choice\": \"agent\", \"beta\": 1},"
                + " {\"choice\": \"opponent\", \"beta\": -2, \"prior\": {\"given\": [\"agent\"], \"table\":"
                + " [[[0.5, 0.5], [1, 0]], [[0.25, 0.75], [0, 1]], [[1, 0], [0.5, 0.5]]]}}]}");
        Cli.run("check", "--chain", chain.toString(), "--trials", "6").assertExit(0);
    }

    @Test
    void badFilesAndOptionsAreOneLineAndExitTwo(@TempDir Path tmp) throws Exception {
        Path chain = write(tmp, "adv.json", ADVERSARIAL);
        Cli.run("check", "--chain", chain.toString()).assertOneLineError("$b", "--param b=X");
        Cli.run("check", "--chain", chain.toString(), "--param", "c=1").assertOneLineError("--param", "\"c\"");
        Cli.run("check", "--chain", chain.toString(), "--param", "b=warm").assertOneLineError("--param b", "warm");
        Cli.run("check", "--chain", tmp.resolve("missing.json").toString()).assertOneLineError("missing.json");
        Cli.run("check", "--chain", chain.toString(), "--param", "b=1", "--model",
                example("russell-norvig-4x3.json").toString()).assertOneLineError("levels[0].choice", "opponent");
        Cli.run("check", "--chain", chain.toString(), "--param", "b=1", "--model", example("tiger.json").toString())
                .assertOneLineError("--model");
        Cli.run("check", "--model", example("tiger.json").toString()).assertOneLineError("--model", "--chain");
        Path bad = write(tmp, "bad.json", "{\"format\": \"memarl-chain/1\", \"levels\": [{\"choice\": \"agent\", \"beta\": 1},"
                + " {\"choice\": \"opponent\", \"beta\": 1, \"prior\": {\"given\": [\"opponent\"], \"table\": [[[1]]]}}]}");
        Cli.run("check", "--chain", bad.toString()).assertOneLineError("levels[1].prior.given[0]");
    }
}
