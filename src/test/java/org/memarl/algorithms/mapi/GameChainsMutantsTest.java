package org.memarl.algorithms.mapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.memarl.InvalidModelException;
import org.memarl.algorithms.RunConfig;
import org.memarl.ledger.RandomGames;
import org.memarl.model.Game;
import org.memarl.model.OptionSpec;
import org.memarl.solve.Solution;

/**
 * Issue 19: kills the surviving mutants of {@link GameChains} (reported betas and order, the gamma = 1
 * guard, options left out of the chains) and {@link ProbabilisticBalancingQ} (the reported conditional
 * {@code opponentGivenAgent}, the gamma = 1 guard). References: {@link MapiGapsTest}'s plain nested value
 * iteration and its written-out Boltzmann policies (eqs. (3.29)-(3.30)).
 */
class GameChainsMutantsTest {
    private static Game game(long seed) {
        return RandomGames.game(new SplittableRandom(seed), 3, 2, 3, 0.8, false);
    }

    @Test
    void reportsTheBetasAndOrderOfEachPerspective() {
        Game g = game(1);
        for (RunConfig.Perspective p : RunConfig.Perspective.values()) {
            Solution sol = BalancingQ.solve(g, RunConfig.builder().beta(1.25).betaOpponent(-0.5).perspective(p)
                    .tolerance(1e-10).build());
            assertEquals(1.25, sol.parameters().number("betaAgent"), 0.0, p + " betaAgent");
            assertEquals(-0.5, sol.parameters().number("betaOpponent"), 0.0, p + " betaOpponent");
            assertEquals(p == RunConfig.Perspective.AGENT ? "agent-first" : "opponent-first", sol.parameters().text("order"),
                    p + " order");
        }
    }

    @Test
    void gammaOneWithoutHorizonIsRejectedNamingGamma() {
        Game one = game(2).toBuilder().gamma(1.0).build();
        RunConfig cfg = RunConfig.builder().beta(1.0).betaOpponent(-1.0).maxIterations(20).build();
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> BalancingQ.solve(one, cfg));
        assertTrue(e.getMessage().startsWith("gamma: 1 has no contraction bound for balancing-q"), e.getMessage());
        InvalidModelException f = assertThrows(InvalidModelException.class, () -> ProbabilisticBalancingQ.solve(one, cfg));
        assertTrue(f.getMessage().startsWith("gamma: 1 has no contraction bound for probabilistic-balancing-q"), f.getMessage());
    }

    @Test
    @DisplayName("probabilistic-balancing-q's opponentGivenAgent = the written-out Boltzmann conditional at V_ref, every state and a")
    void probabilisticBalancingConditional() {
        double bi = 1.1;
        double bo = -0.7;
        for (long seed = 3; seed <= 5; seed++) {
            Game g = game(seed);
            double[] v = MapiGapsTest.referenceV(g, true, bi, bo);
            double[][][] q = MapiGapsTest.qOf(g, v);
            Solution sol = ProbabilisticBalancingQ.solve(g, RunConfig.builder().beta(bi).betaOpponent(bo).tolerance(1e-12).build());
            double[][][] cond = sol.policy("opponentGivenAgent").cube();
            for (int s = 0; s < g.numStates(); s++) {
                MapiGapsTest.Reduced r = MapiGapsTest.reduce(g, s, q[s], true, bi, bo);
                for (int a = 0; a < g.numAgentActions(); a++) {
                    for (int b = 0; b < g.numOpponentActions(); b++) {
                        assertEquals(r.cond[a][b], cond[s][a][b], 1e-9, "seed " + seed + " rho(" + b + "|" + s + "," + a + ")");
                    }
                }
            }
        }
    }

    @Test
    @DisplayName("a game's options are not part of the game chains: balancing-q on a game with options = the reference without them")
    void optionsAreLeftOut() {
        double bi = 0.9;
        double bo = -0.6;
        Game g = game(6);
        int n = g.numStates();
        double[][] term = new double[n][2];
        double[][] master = new double[n][2];
        for (int s = 0; s < n; s++) {
            term[s] = new double[] {0.3, 0.8};
            master[s] = new double[] {0.25, 0.75};
        }
        double[][][] ap = new double[2][n][g.numAgentActions()];
        for (int s = 0; s < n; s++) {
            ap[0][s][0] = 1.0;
            ap[1][s][g.numAgentActions() - 1] = 1.0;
        }
        OptionSpec agent = OptionSpec.of("options.agent", 2, n, g.numAgentActions(), ap, g.priorAgentFlat(), term, 0.5, master);
        OptionSpec opp = OptionSpec.of("options.opponent", 2, n, g.numOpponentActions(), null, g.priorOpponentFlat(), term,
                0.5, master);
        Game withOptions = g.toBuilder().options(agent, opp).build();
        assertTrue(withOptions.hasOptions());
        double[] v = MapiGapsTest.referenceV(g, true, bi, bo);
        Solution sol = BalancingQ.solve(withOptions, RunConfig.builder().beta(bi).betaOpponent(bo).tolerance(1e-12).build());
        for (int s = 0; s < n; s++) {
            assertEquals(v[s], sol.V()[s], 1e-9, "V[" + s + "]");
        }
    }
}
