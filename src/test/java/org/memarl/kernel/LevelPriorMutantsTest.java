package org.memarl.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/**
 * Issue 19: kills the surviving mutants of {@link LevelPrior}'s layout accessors. Expected offsets are
 * the row-major layout {@code [context][x]} / {@code [context][prefix][x]} written out by hand.
 */
class LevelPriorMutantsTest {

    @Test
    void offsetsFollowTheRowMajorLayout() {
        LevelPrior marginal = LevelPrior.marginal(new double[] {0.5, 0.5, 0.25, 0.75, 1.0, 0.0});
        LevelPrior conditional = LevelPrior.conditional(new double[24]);
        LevelPrior uniform = LevelPrior.uniform();
        // marginal [context][x], size 2: context 2 starts at 2 * 2 = 4, whatever the prefix
        assertEquals(4, marginal.offset(2, 1, 3, 2));
        assertEquals(2, marginal.offset(1, 0, 3, 2));
        // conditional [context][prefix][x], 3 prefixes, size 2: (1 * 3 + 2) * 2 = 10
        assertEquals(10, conditional.offset(1, 2, 3, 2));
        assertEquals(2, conditional.offset(0, 1, 3, 2));
        assertEquals(-1, uniform.offset(1, 1, 3, 2));
    }

    @Test
    void rowsPerContextCountsPrefixesOnlyWhenConditional() {
        assertEquals(3, LevelPrior.conditional(new double[6]).rowsPerContext(3));
        assertEquals(1, LevelPrior.marginal(new double[] {1.0}).rowsPerContext(3));
        assertEquals(1, LevelPrior.uniform().rowsPerContext(3));
    }

    @Test
    void modeAndTextNameTheKindAndWeights() {
        assertSame(LevelPrior.Mode.UNIFORM, LevelPrior.uniform().mode());
        assertSame(LevelPrior.Mode.MARGINAL, LevelPrior.marginal(new double[] {0.5, 0.5}).mode());
        assertSame(LevelPrior.Mode.CONDITIONAL, LevelPrior.conditional(new double[] {0.5, 0.5}).mode());
        assertEquals("UNIFORM", LevelPrior.uniform().toString());
        assertEquals("MARGINAL[0.25, 0.75]", LevelPrior.marginal(new double[] {0.25, 0.75}).toString());
    }
}
