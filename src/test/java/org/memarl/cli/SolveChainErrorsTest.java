package org.memarl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every error of a chain file and of {@code solve --chain}'s options (docs/model-format.md, "Declared chains"):
 * exit 2, nothing on standard output, one line on standard error naming the key, no stack trace, and no result
 * file.
 */
class SolveChainErrorsTest {
    private static final String GAME = "thesis-3-1-zero-sum";
    @TempDir
    Path dir;

    private Path chainFile(String levels) throws Exception {
        return write("{\"format\":\"memarl-chain/1\",\"levels\":[" + levels + "]}");
    }

    private Path write(String text) throws Exception {
        Path p = dir.resolve("c.json");
        Files.writeString(p, text);
        return p;
    }

    /** Runs {@code solve --example EXAMPLE --chain (file) --out r.json ARGS} and checks the one-line error. */
    private void fails(String example, Path chain, String[] args, String... fragments) throws Exception {
        String[] base = {"solve", "--example", example, "--chain", chain.toString(), "--out", dir.resolve("r.json").toString()};
        String[] all = Stream.concat(Stream.of(base), Stream.of(args)).toArray(String[]::new);
        Cli.run(all).assertOneLineError(fragments);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1L, files.count(), "only the chain file: no result, no temporary file");
        }
    }

    private void gameFails(String levels, String... fragments) throws Exception {
        fails(GAME, chainFile(levels), new String[0], fragments);
    }

    private static final String OPP = "{\"choice\":\"opponent\",\"beta\":1}";
    private static final String AGENT = "{\"choice\":\"agent\",\"beta\":1}";

    @Test
    void unknownChoice() throws Exception {
        gameFails(OPP + ",{\"choice\":\"agnet\",\"beta\":1}", "levels[1].choice: \"agnet\" is not a choice", "agent",
                "opponent");
        fails("chain", chainFile("{\"choice\":\"agent\",\"beta\":1}"), new String[0], "levels[0].choice: \"agent\"", "action");
    }

    @Test
    void repeatedChoice() throws Exception {
        gameFails(OPP + "," + AGENT + "," + OPP, "levels[2].choice: \"opponent\" is already levels[0]");
    }

    @Test
    void choiceLeftOut() throws Exception {
        gameFails(AGENT, "levels: choice \"opponent\"", "is not reduced by any level");
        fails("four-rooms", chainFile("{\"choice\":\"action\",\"beta\":1}"), new String[0], "levels: choice \"termination\"");
    }

    @Test
    void givenNamesAnInnerOrUnknownLevel() throws Exception {
        String table = "\"table\":[[[0.5,0.25,0.25],[1,0,0],[0,0,1]]]";
        // a level conditioned on itself
        gameFails(OPP + ",{\"choice\":\"agent\",\"beta\":1,\"prior\":{\"given\":[\"agent\"]," + table + "}}",
                "levels[1].prior.given[0]: \"agent\" is not an outer level");
        gameFails("{\"choice\":\"agent\",\"beta\":1,\"prior\":{\"given\":[\"opponent\"]," + table + "}}," + OPP,
                "levels[0].prior.given[0]: \"opponent\" is not an outer level");
        gameFails(OPP + ",{\"choice\":\"agent\",\"beta\":1,\"prior\":{\"given\":[\"referee\"]," + table + "}}",
                "levels[1].prior.given[0]: \"referee\" is not an outer level");
        // a named prior that conditions on an inner level
        gameFails("{\"choice\":\"agent\",\"beta\":1,\"prior\":\"agentGivenOpponent\"}," + OPP,
                "levels[0].prior: \"agentGivenOpponent\" conditions on \"opponent\", which is not an outer level");
    }

    @Test
    void wrongTableShapeAndRows() throws Exception {
        gameFails(OPP + ",{\"choice\":\"agent\",\"beta\":1,\"prior\":{\"given\":[\"opponent\"],"
                + "\"table\":[[[0.5,0.5],[1,0],[0,1]]]}}", "levels[1].prior.table: shape [1, 3, 2], expected [1, 3, 3]");
        gameFails(OPP + ",{\"choice\":\"agent\",\"beta\":1,\"prior\":{\"given\":[\"opponent\"],"
                + "\"table\":[[[0.5,0.5,0],[1,0],[0,1,0]]]}}", "levels[1].prior.table[0][1]", "not rectangular");
        gameFails(OPP + ",{\"choice\":\"agent\",\"beta\":1,\"prior\":{\"given\":[\"opponent\"],"
                + "\"table\":[[[0.5,0.5,0],[1,0.5,0],[0,1,0]]]}}", "levels[1].prior.table[0][1]", "sums to 1.5");
        gameFails(OPP + ",{\"choice\":\"agent\",\"beta\":1,\"prior\":\"opponentGivenAgent\"}",
                "levels[1].prior: \"opponentGivenAgent\" is a prior of \"opponent\", not of \"agent\"");
        gameFails(OPP + ",{\"choice\":\"agent\",\"beta\":1,\"prior\":\"agentPrior\"}",
                "levels[1].prior: \"agentPrior\" is not a prior of this matrix-game");
    }

    @Test
    void unsetAndUnusedParameters() throws Exception {
        Path c = chainFile("{\"choice\":\"opponent\",\"beta\":\"$b\"}," + AGENT);
        fails(GAME, c, new String[0], "levels[0].beta: parameter \"$b\" is not set", "--param b=X");
        fails(GAME, c, new String[] {"--param", "b=1", "--param", "beta=2"}, "param: beta is not a parameter of the chain",
                "(it has b)");
        fails(GAME, c, new String[] {"--param", "b=1", "--param", "b=2"}, "param: b is given twice");
        fails(GAME, c, new String[] {"--param", "b"}, "param: \"b\" is not NAME=X");
        fails(GAME, c, new String[] {"--param", "b=hot"}, "param: b:", "'hot' is not a number, inf or -inf");
        fails(GAME, c, new String[] {"--param", "b=nan"}, "param: b:");
    }

    @Test
    void unknownKeys() throws Exception {
        fails(GAME, write("{\"format\":\"memarl-chain/1\",\"levles\":[]}"), new String[0], "levles: unknown key");
        gameFails(OPP + ",{\"choice\":\"agent\",\"beta\":1,\"temperature\":2}", "levels[1].temperature: unknown key");
        gameFails(OPP + ",{\"choice\":\"agent\",\"beta\":1,\"prior\":{\"given\":[],\"tabel\":[]}}",
                "levels[1].prior.tabel: unknown key");
    }

    @Test
    void badBeta() throws Exception {
        gameFails(OPP + ",{\"choice\":\"agent\",\"beta\":\"hot\"}", "levels[1].beta: \"hot\" is not a number");
        gameFails(OPP + ",{\"choice\":\"agent\",\"beta\":true}", "levels[1].beta: expected a number");
        gameFails(OPP + ",{\"choice\":\"agent\"}", "levels[1].beta: missing");
        gameFails(OPP + ",{\"choice\":\"agent\",\"beta\":\"$2x\"}", "levels[1].beta: \"$2x\" is not a parameter name");
    }

    @Test
    void badFormatTagAndFile() throws Exception {
        fails(GAME, write("{\"format\":\"memarl-chain/2\",\"levels\":[" + OPP + "," + AGENT + "]}"), new String[0],
                "format: \"memarl-chain/2\" is not \"memarl-chain/1\"");
        fails(GAME, write("{\"levels\":[" + OPP + "]}"), new String[0], "format: missing");
        fails(GAME, write("{\"format\":\"memarl-chain/1\",\"levels\":["), new String[0], "malformed JSON");
        fails(GAME, write("{\"format\":\"memarl-chain/1\",\"levels\":[]}"), new String[0], "levels: expected a non-empty list");
        fails(GAME, write("{\"format\":\"memarl-chain/1\",\"reward\":\"referee\",\"levels\":[" + OPP + "]}"), new String[0],
                "reward: \"referee\" is not");
        fails("chain", write("{\"format\":\"memarl-chain/1\",\"reward\":\"opponent\",\"levels\":[{\"choice\":\"action\","
                + "\"beta\":1}]}"), new String[0], "reward: \"opponent\" needs a game");
        fails(GAME, dir.resolve("missing.json"), new String[0], "chain: file not found");
    }

    @Test
    void optionConflicts() throws Exception {
        Path c = chainFile(OPP + "," + AGENT);
        Cli.run("solve", "--example", GAME, "--chain", c.toString(), "--algorithm", "rommeo")
                .assertOneLineError("give either --algorithm or --chain, not both");
        Cli.run("solve", "--example", GAME).assertOneLineError("give --algorithm NAME or --chain FILE");
        Cli.run("solve", "--example", GAME, "--algorithm", "rommeo", "--param", "b=1")
                .assertOneLineError("--param applies to --chain");
        for (String[] o : new String[][] {{"--beta", "2"}, {"--beta-agent", "2"}, {"--beta-opponent", "2"}, {"--level", "1"},
            {"--perspective", "agent"}, {"--policy", "p.json"}, {"--seed", "3"}, {"--episodes", "10"},
            {"--episode-length", "5"}, {"--plot", "x.png"}}) {
            fails(GAME, c, o, o[0] + " does not apply to --chain");
        }
        fails(GAME, c, new String[] {"--horizon", "2"}, "horizon: 2 given for a matrix game");
        fails("chain", chainFile("{\"choice\":\"action\",\"beta\":1}"), new String[] {"--gamma", "1"}, "gamma");
        fails("tiger", c, new String[0], "chain: --chain applies to mdp, game and matrix-game models, not kind \"pomdp\"");
        fails("bad-two-step", c, new String[0], "not kind \"dec-pomdp\"");
    }
}
