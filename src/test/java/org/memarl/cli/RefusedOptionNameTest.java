package org.memarl.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: {@code solve --algorithm rommeo --beta-opponent 2} once blamed {@code beta-agent}. A refused option is
 * named as given: the message starts with the option the user typed, and says what to use instead.
 */
class RefusedOptionNameTest {
    @Test
    @DisplayName("one-beta chains refuse --beta-agent / --beta-opponent by the name given")
    void oneBetaAlgorithms() {
        for (String alg : new String[] {"rommeo", "pr2"}) {
            Cli.run("solve", "--example", "pursuit-3-state", "--algorithm", alg, "--beta-opponent", "2")
                    .assertOneLineError("memarl: beta-opponent: " + alg + " has one inverse temperature; use --beta",
                            "(--beta-opponent applies to gr2, balancing-q, probabilistic-balancing-q)");
            Cli.run("solve", "--example", "thesis-3-1-zero-sum", "--algorithm", alg, "--beta-agent", "2")
                    .assertOneLineError("memarl: beta-agent: " + alg + " has one inverse temperature; use --beta",
                            "(--beta-agent applies to");
        }
    }

    @Test
    @DisplayName("classical solvers refuse every beta by the name given")
    void classicalAlgorithms() {
        Cli.run("solve", "--example", "pursuit-3-state", "--algorithm", "minimax", "--beta-opponent", "2")
                .assertOneLineError("memarl: beta-opponent: minimax has no inverse temperature");
        Cli.run("solve", "--example", "pursuit-3-state", "--algorithm", "foe-q", "--beta", "2")
                .assertOneLineError("memarl: beta: foe-q has no inverse temperature");
    }
}
