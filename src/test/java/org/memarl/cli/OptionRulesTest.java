package org.memarl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.memarl.UsageException;
import org.memarl.algorithms.registry.GameAlgorithm;
import org.memarl.algorithms.registry.MdpAlgorithm;
import org.memarl.algorithms.registry.Registered;

/**
 * The per-algorithm option rules live with each algorithm's registration ({@link Registered.Option}); the
 * command only asks the registry. A refused option is a usage error: exit 2, one line naming the option,
 * the algorithms that take it and the command's help.
 */
class OptionRulesTest {
    @Test
    @DisplayName("each registration lists exactly the options its algorithm reads")
    void registrations() {
        assertEquals(EnumSet.of(Registered.Option.BETA, Registered.Option.POLICY),
                EnumSet.copyOf(MdpAlgorithm.POLICY_EVALUATION.entry().options()));
        assertEquals(Set.of(), MdpAlgorithm.VALUE_ITERATION.entry().options());
        assertEquals(EnumSet.of(Registered.Option.BETA, Registered.Option.PLOT),
                EnumSet.copyOf(MdpAlgorithm.SOFT_OPTIONS_CRITIC.entry().options()));
        assertEquals(EnumSet.of(Registered.Option.BETA, Registered.Option.TWO_BETAS, Registered.Option.LEVEL),
                EnumSet.copyOf(GameAlgorithm.GR2.entry().options()));
        assertEquals(EnumSet.of(Registered.Option.BETA, Registered.Option.TWO_BETAS, Registered.Option.PERSPECTIVE),
                EnumSet.copyOf(GameAlgorithm.BALANCING_Q.entry().options()));
        assertEquals(Set.of(Registered.Option.BETA), GameAlgorithm.ROMMEO.entry().options());
        assertTrue(GameAlgorithm.MINIMAX.entry().options().isEmpty());
        for (MdpAlgorithm a : MdpAlgorithm.values()) {
            assertEquals(a.usesBeta(), a.entry().options().contains(Registered.Option.BETA), a.id());
        }
    }

    @Test
    @DisplayName("checkOptions names the refused option and who takes it; accepted options pass")
    void checkOptions() {
        GameAlgorithm.GR2.checkOptions(List.of("--level", "--beta-agent", "--beta", "--gamma"));
        UsageException e = org.junit.jupiter.api.Assertions.assertThrows(UsageException.class,
                () -> GameAlgorithm.ROMMEO.checkOptions(List.of("--beta", "--level")));
        assertEquals("level: --level does not apply to rommeo (--level applies to gr2)", e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(UsageException.class,
                () -> GameAlgorithm.PR2.checkOptions(List.of("--beta-opponent")));
        assertEquals("beta-opponent: pr2 has one inverse temperature; use --beta (--beta-opponent applies to gr2,"
                + " balancing-q, probabilistic-balancing-q)", e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(UsageException.class,
                () -> MdpAlgorithm.Q_ITERATION.checkOptions(List.of("--beta")));
        assertTrue(e.getMessage().startsWith("beta: q-iteration has no inverse temperature (--beta applies to"
                + " policy-evaluation, soft-value-iteration"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(UsageException.class,
                () -> MdpAlgorithm.SOFT_VALUE_ITERATION.checkOptions(List.of("--perspective")));
        assertEquals("perspective: --perspective does not apply to soft-value-iteration (--perspective applies to no"
                + " algorithm for this kind of model)", e.getMessage());
    }

    @Test
    @DisplayName("through the command line: exit 2, one line, the option and the help")
    void commandLine() {
        Cli.run("solve", "--example", "chain", "--algorithm", "value-iteration", "--beta", "2")
                .assertOneLineError("beta: value-iteration has no inverse temperature", "soft-value-iteration",
                        "see 'memarl solve --help'");
        Cli.run("solve", "--example", "thesis-3-1-zero-sum", "--algorithm", "rommeo", "--level", "2")
                .assertOneLineError("level: --level does not apply to rommeo (--level applies to gr2)");
        Cli.run("solve", "--example", "chain", "--algorithm", "soft-value-iteration", "--plot", "x.png")
                .assertOneLineError("plot: --plot does not apply to soft-value-iteration", "soft-options");
        Cli.run("solve", "--example", "thesis-3-1-zero-sum", "--algorithm", "minimax", "--policy", "p.json")
                .assertOneLineError("policy: --policy does not apply to minimax");
        Cli.run("solve", "--example", "chain", "--algorithm", "soft-value-iteration", "--sweep", "sideways")
                .assertOneLineError("sweep: \"sideways\" is not jacobi or gauss-seidel", "--help");
    }
}
