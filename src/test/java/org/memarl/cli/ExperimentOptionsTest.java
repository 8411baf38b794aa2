package org.memarl.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code experiment NAME} refuses the options the experiment does not use (issue 14: {@code experiment
 * bad-two-step --seeds 3 --steps 9} used to ignore {@code --seeds} silently): exit 2, one line naming the option,
 * nothing written. The options it does use still change what it writes.
 */
class ExperimentOptionsTest {
    @Test
    @DisplayName("bad-two-step is exact: --seeds and --seed are refused, naming the option; nothing is written")
    void unusedOptionsAreRefused(@TempDir Path tmp) {
        Path out = tmp.resolve("out");
        Cli.run("experiment", "bad-two-step", "--seeds", "3", "--steps", "9", "--out", out.toString())
                .assertOneLineError("seeds: experiment bad-two-step does not use --seeds (it takes --steps, --out)",
                        "see 'memarl experiment --help'");
        Cli.run("experiment", "bad-two-step", "--seed", "4", "--out", out.toString())
                .assertOneLineError("seed: experiment bad-two-step does not use --seed");
        // given at its default value, an unused option is still refused: the user asked for something ignored
        Cli.run("experiment", "bad-two-step", "--seed", "0", "--out", out.toString())
                .assertOneLineError("seed: experiment bad-two-step does not use --seed");
        assertFalse(Files.exists(out), "nothing written on bad usage");
    }

    @Test
    @DisplayName("bad-two-step uses --steps: the learners' iterations in summary.json and the table")
    void stepsAreUsed(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        Cli.Run r = Cli.run("experiment", "bad-two-step", "--steps", "9", "--out", out.toString()).assertExit(0);
        String summary = Files.readString(out.resolve("summary.json"));
        assertTrue(summary.replaceAll("\\s", "").contains("\"iterations\":9,"), summary);
        // 9 damped steps from uniform play are far from the learners' limit 8 at beta = inf (2000 steps reach it)
        assertFalse(r.out().lines().filter(l -> l.strip().startsWith("inf")).findFirst().orElseThrow().strip().endsWith("8.000000"),
                r::toString);
    }
}
