package org.memarl.chains;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.memarl.InvalidModelException;
import org.memarl.model.Game;
import org.memarl.model.Mdp;
import org.memarl.testing.Tolerance;

/** {@link RandomChainModels}: shapes kept, one joint prior per state, gamma below 1, defaults from chain files. */
class RandomChainModelsTest {
    @Test
    void gamesKeepTheirShapeAndTheirFourPriorsComeFromOneJoint() {
        RandomChainModels.Shape shape = new RandomChainModels.Shape("game", 3, 2, 4, 0, 0);
        Set<Double> gammas = new HashSet<>();
        for (long seed = 0; seed < 200; seed++) {
            Game g = RandomChainModels.game(shape, seed);
            assertEquals(shape, RandomChainModels.Shape.of(g));
            assertTrue(g.gamma() < 1.0);
            gammas.add(g.gamma());
            double[] pa = g.priorAgentFlat();
            double[] pb = g.priorOpponentFlat();
            double[] pba = g.opponentGivenAgentFlat();
            double[] pab = g.agentGivenOpponentFlat();
            for (int s = 0; s < 3; s++) {
                for (int a = 0; a < 2; a++) {
                    for (int b = 0; b < 4; b++) {
                        double ab = pa[s * 2 + a] * pba[(s * 2 + a) * 4 + b];
                        double ba = pb[s * 4 + b] * pab[(s * 4 + b) * 2 + a];
                        assertEquals(ab, ba, Tolerance.ulps(16, 1.0), "seed " + seed + " P(a)P(b|a) = P(b)P(a|b)");
                    }
                }
            }
        }
        assertTrue(gammas.contains(0.0) && gammas.contains(0.99), gammas.toString());
    }

    @Test
    void optionModelsAndMatrixGamesKeepTheirShape() {
        RandomChainModels.Shape opt = new RandomChainModels.Shape("mdp", 2, 3, 0, 2, 0);
        RandomChainModels.Shape ma = new RandomChainModels.Shape("game", 1, 2, 2, 3, 1);
        RandomChainModels.Shape matrix = new RandomChainModels.Shape("matrix-game", 1, 3, 2, 0, 0);
        for (long seed = 0; seed < 50; seed++) {
            Mdp m = RandomChainModels.mdp(opt, seed);
            assertEquals(opt, RandomChainModels.Shape.of(m));
            assertEquals(ma, RandomChainModels.Shape.of(RandomChainModels.game(ma, seed)));
            Game mg = RandomChainModels.game(matrix, seed);
            assertEquals(matrix, RandomChainModels.Shape.of(mg));
            assertEquals(0.0, mg.gamma());
        }
        assertThrows(InvalidModelException.class, () -> RandomChainModels.mdp(ma, 0));
        assertThrows(InvalidModelException.class, () -> new RandomChainModels.Shape("pomdp", 1, 1, 1, 0, 0));
    }

    @Test
    void defaultShapesFollowTheChainsChoicesAndInlineTables() {
        assertEquals("mdp", RandomChainModels.Shape.defaultFor(ThesisChains.softValueIteration(1)).kind());
        assertEquals(2, RandomChainModels.Shape.defaultFor(ThesisChains.softOptions(1)).agentOptions());
        assertEquals(0, RandomChainModels.Shape.defaultFor(ThesisChains.rommeo(1)).agentOptions());
        assertEquals(2, RandomChainModels.Shape.defaultFor(ThesisChains.maSoftOptions(1)).opponentOptions());
        ChainDeclaration inline = ChainDeclaration.builder().level("agent", 1.0)
                .level("opponent", 1.0, ChainDeclaration.Prior.table(java.util.List.of("agent"), new double[5 * 4 * 2],
                        new int[] {5, 4, 2}))
                .build();
        RandomChainModels.Shape s = RandomChainModels.Shape.defaultFor(inline);
        assertEquals(new RandomChainModels.Shape("game", 5, 4, 2, 0, 0), s);
    }
}
