package org.memarl.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.memarl.algorithms.belief.ParticleFilter;

/**
 * The checks of {@link IndexGapClaims} can fail: eq. (5.18) rejects an inflated SMC estimate, eq. (2.64) rejects
 * strategy pairs that are not equilibria; and every gap claim has its expected status.
 */
class IndexGapClaimsTest {
    static final int SEEDS = 60;

    private static int failures(Claim c) {
        int failed = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            if (c.trial(seed, 1 + (int) (seed % 4)).failed()) {
                failed++;
            }
        }
        return failed;
    }

    @Test
    void everyGapClaimHasItsExpectedStatus() {
        for (Claim c : IndexGapClaims.all()) {
            assertEquals(c.expected(), Ledger.run(c, 100, 20201L).status(), c.ref() + " [" + c.id() + "]");
        }
    }

    /** eq. (5.18): E[log p-hat] <= log p; an estimate above p breaks it where the Jensen gap is smaller. */
    @Test
    void eq518RejectsAnInflatedEstimate() {
        Chapter5Claims.SmcEstimator inflated = (k, q, init, steps, d) -> {
            ParticleFilter.Run r = Chapter5Claims.SMC.run(k, q, init, steps, d);
            return new ParticleFilter.Run(r.beliefs(), r.logLikelihood() + Math.log(1.5), r.ancestors());
        };
        assertEquals(0, failures(new IndexGapClaims.SmcObjectiveBound()));
        // inflating by 1.5 beats the Jensen gap on some instances only (about a third of these)
        assertTrue(failures(new IndexGapClaims.SmcObjectiveBound(inflated)) > SEEDS / 5, "p-hat * 1.5 must be caught");
        // the exact likelihood plus one millionth (no spread, no Jensen gap) is caught on every trial
        Chapter5Claims.SmcEstimator exactPlus = (k, q, init, steps, d) -> {
            ParticleFilter.Run r = Chapter5Claims.SMC.run(k, q, init, steps, d);
            double lp = org.memarl.algorithms.belief.BayesFilter.run(init, steps).logLikelihood() + 1e-6;
            return new ParticleFilter.Run(r.beliefs(), lp, r.ancestors());
        };
        assertEquals(SEEDS, failures(new IndexGapClaims.SmcObjectiveBound(exactPlus)), "log p + 1e-6");
    }

    /** eq. (2.64): uniform strategies are no equilibrium of most random games; returning none is a failure too. */
    @Test
    void eq264RejectsNonEquilibriaAndAnEmptyAnswer() {
        IndexGapClaims.StageNashEquilibria.Solver uniform = (a, b) -> {
            double[] x = new double[a.length];
            double[] y = new double[a[0].length];
            java.util.Arrays.fill(x, 1.0 / x.length);
            java.util.Arrays.fill(y, 1.0 / y.length);
            return List.<double[][]>of(new double[][] {x, y});
        };
        assertEquals(0, failures(new IndexGapClaims.StageNashEquilibria()));
        assertTrue(failures(new IndexGapClaims.StageNashEquilibria(uniform)) > SEEDS / 3, "uniform play must be caught");
        assertEquals(SEEDS, failures(new IndexGapClaims.StageNashEquilibria((a, b) -> List.of())), "no equilibrium");
    }
}
