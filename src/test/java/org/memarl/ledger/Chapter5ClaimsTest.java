package org.memarl.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.memarl.algorithms.belief.BayesFilter;
import org.memarl.algorithms.belief.MonteCarloObjective;
import org.memarl.algorithms.belief.ParticleFilter;
import org.memarl.algorithms.belief.Proposal;

/** The chapter-5 checks can fail: they detect a biased estimate, and the exact objective has its closed forms. */
class Chapter5ClaimsTest {
    @Test
    void eq517CheckDetectsTheBiasOfTheGeometricMean() {
        // exp(mean log p-hat) is the estimate of the Monte Carlo objective (5.3): biased low by Jensen;
        // with K = 1 particle and enough runs the empirical Bernstein test must reject it on some instance
        int rejected = 0;
        for (long seed = 1; seed <= 40; seed++) {
            SplittableRandom rng = new SplittableRandom(seed);
            Chapter5Claims.Instance in = Chapter5Claims.instance(rng, 3);
            int n = in.model().numStates();
            double p = Math.exp(BayesFilter.run(in.model().initial(), in.steps()).logLikelihood());
            ParticleFilter pf = new ParticleFilter(1, Proposal.BOOTSTRAP);
            int runs = 4000;
            double[] x = new double[runs];
            double logMean = 0.0;
            for (int r = 0; r < runs; r++) {
                x[r] = pf.run(in.model().initial(), in.steps(), rng.split()).logLikelihood();
                logMean += x[r] / runs;
            }
            double biased = Math.exp(logMean);
            for (int r = 0; r < runs; r++) {
                x[r] = Math.min(biased, Math.exp(x[r]));
            }
            double b = Chapter5Claims.weightBound(in.steps(), Proposal.BOOTSTRAP, n);
            if (Math.abs(biased - p) > Chapter5Claims.bernstein(x, b, Chapter5Claims.DELTA)) {
                rejected++;
            }
        }
        assertTrue(rejected > 0, "a biased estimate is rejected on at least one of 40 instances");
    }

    @Test
    void importanceWeightedObjectiveClosedForms() {
        double[] joint = {0.1, 0.3, 0.0};
        // K = 1: E_q[log w] = sum q log(p/q)
        double[] q = {0.5, 0.25, 0.25};
        double l1 = 0.5 * Math.log(0.1 / 0.5) + 0.25 * Math.log(0.3 / 0.25) + 0.25 * Math.log(0.0);
        assertEquals(l1, MonteCarloObjective.expectedLogEstimate(joint, q, 1));
        // q proportional to p: every weight is p(x), so L_K = log p(x) for every K
        double[] opt = {0.25, 0.75, 0.0};
        for (int k = 1; k <= 5; k++) {
            assertEquals(Math.log(0.4), MonteCarloObjective.expectedLogEstimate(joint, opt, k), 1e-15);
        }
    }
}
