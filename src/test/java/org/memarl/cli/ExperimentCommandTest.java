package org.memarl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code memarl experiment NAME [--seeds N] [--steps N] [--seed S] [--out DIR]}. */
class ExperimentCommandTest {
    @Test
    void thesisMatrixGameWritesItsFilesAndPrintsTheTable(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("new-folder");
        Cli.Run r = Cli.run("experiment", "thesis-matrix-game", "--seeds", "2", "--steps", "50", "--out", out.toString())
                .assertExit(0);
        r.assertNoStackTrace();
        assertEquals("", r.err(), r::toString);
        for (String f : new String[] {"summary.json", "experiment.json", "figure-3-1.png", "figure-3-1.svg",
            "figure-3-2.png", "figure-3-2.svg", "policies.png", "policies.svg", "exact-policies.png", "exact-policies.svg",
            "exact-policies.csv", "cooperative-rommeo-vs-rommeo-seed0.csv", "competitive-pr2-vs-balancing-q-seed1.csv"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        String[] lines = r.out().strip().split("\\R");
        assertTrue(lines[0].startsWith("thesis-matrix-game: 2 seeds x 50 steps"), r::toString);
        assertTrue(lines[1].startsWith("setting"), r::toString);
        assertTrue(lines[2].startsWith("cooperative  rommeo"), r::toString);
        assertTrue(lines[5].startsWith("competitive  pr2          balancing-q"), r::toString);
        assertTrue(r.out().contains("wrote 19 files to"), r::toString); // 2 seeds x 4 pairings + 11
        // the CSV of a run: header and one line per step
        assertEquals(51, Files.readAllLines(out.resolve("cooperative-pr2-vs-pr2-seed1.csv")).size());
    }

    @Test
    void badUsageIsOneLineAndExitTwo(@TempDir Path tmp) throws IOException {
        String dir = tmp.toString();
        Cli.run("experiment", "no-such-experiment", "--out", dir).assertOneLineError("no-such-experiment",
                "thesis-matrix-game");
        Cli.run("experiment", "thesis-matrix-game", "--seeds", "0", "--out", dir).assertOneLineError("seeds");
        Cli.run("experiment", "thesis-matrix-game", "--steps", "-3", "--out", dir).assertOneLineError("steps");
        Cli.run("experiment", "thesis-matrix-game", "--steps", "many", "--out", dir).assertOneLineError("many");
        Cli.run("experiment").assertOneLineError("NAME");
        Path file = tmp.resolve("a-file");
        Files.writeString(file, "x");
        Cli.run("experiment", "thesis-matrix-game", "--steps", "5", "--seeds", "1", "--out", file.toString())
                .assertOneLineError("out", "a-file");
    }

    @Test
    void helpListsTheExperiment() {
        Cli.Run r = Cli.run("experiment", "--help").assertExit(0);
        assertTrue(r.out().contains("thesis-matrix-game"), r::toString);
        assertTrue(r.out().contains("--seeds"), r::toString);
    }
}
