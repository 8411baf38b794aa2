package org.memarl.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Issue 19: kills the surviving mutants of {@link Chain}'s uniform-prior detection (a prior that is the same
 * positive constant everywhere is swept as uniform) and of {@link Chain#priorWeight}'s normalisation
 * (rows sum to 1 only within the 1e-9 input tolerance; the weight is the entry over its row's sum).
 */
class ChainMutantsTest {

    @Test
    void constantPositivePriorIsSweptAsUniform() {
        assertTrue(Chain.single(2, 4, 1.0, LevelPrior.marginal(new double[] {
            0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25})).uniformSweepPrior(0), "all 1/4");
        assertTrue(Chain.single(1, 2, -2.0, LevelPrior.marginal(new double[] {0.5, 0.5})).uniformSweepPrior(0), "all 1/2");
        assertTrue(Chain.single(1, 2, 1.0, LevelPrior.uniform()).uniformSweepPrior(0), "uniform");
        assertFalse(Chain.single(2, 4, 1.0, LevelPrior.marginal(new double[] {
            0.25, 0.25, 0.25, 0.25, 0.1, 0.2, 0.3, 0.4})).uniformSweepPrior(0), "second row varies");
        assertFalse(Chain.single(1, 2, 1.0, LevelPrior.marginal(new double[] {0.0, 1.0})).uniformSweepPrior(0), "zero first");
        assertFalse(Chain.single(1, 2, 1.0, LevelPrior.marginal(new double[] {0.3, 0.7})).uniformSweepPrior(0), "varies");
    }

    @Test
    void priorWeightIsTheEntryOverItsRowSum() {
        double dev = 6e-10;
        double[] prior = {0.5 + dev, 0.5, 0.25, 0.75 + dev};
        Chain chain = Chain.single(2, 2, 1.0, LevelPrior.marginal(prior));
        double z0 = (0.5 + dev) + 0.5;
        double z1 = 0.25 + (0.75 + dev);
        assertEquals((0.5 + dev) / z0, chain.priorWeight(0, 0, 0, 0), 1e-16);
        assertEquals(0.5 / z0, chain.priorWeight(0, 0, 0, 1), 1e-16);
        assertEquals(0.25 / z1, chain.priorWeight(0, 1, 0, 0), 1e-16);
        assertEquals((0.75 + dev) / z1, chain.priorWeight(0, 1, 0, 1), 1e-16);
        assertEquals(1.0 / 3, Chain.single(1, 3, 1.0, LevelPrior.uniform()).priorWeight(0, 0, 0, 2), 1e-16);
    }
}
