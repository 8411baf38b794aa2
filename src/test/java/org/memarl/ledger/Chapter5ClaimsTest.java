package org.memarl.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.memarl.algorithms.belief.Draws;
import org.memarl.algorithms.belief.FilterStep;
import org.memarl.algorithms.belief.MonteCarloObjective;
import org.memarl.algorithms.belief.ParticleFilter;
import org.memarl.algorithms.belief.Proposal;

/**
 * The chapter-5 checks can fail: the exact (5.17) and (5.16) checks reject biased estimators (through the
 * same code path as the claims' trials), the (5.2) check rejects wrong objectives, and the exact objective
 * and the path enumeration have their closed forms.
 */
class Chapter5ClaimsTest {
    static final int SEEDS = 40;

    /** Runs the claim's trial on seeds 1..SEEDS at sizes 1..4 and counts the failures. */
    private static int failures(Claim c) {
        int failed = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            if (c.trial(seed, 1 + (int) (seed % 4)).failed()) {
                failed++;
            }
        }
        return failed;
    }

    private static ParticleFilter.Run scaled(ParticleFilter.Run r, double factor) {
        return new ParticleFilter.Run(r.beliefs(), r.logLikelihood() + Math.log(factor), r.ancestors());
    }

    @Test
    void eq517LibraryEstimatorPassesOnEveryTrial() {
        assertEquals(0, failures(new Chapter5Claims.SmcUnbiased()));
        assertEquals(0, failures(new Chapter5Claims.SmcBeliefConsistent()));
    }

    @Test
    void eq517CheckRejectsAnEstimateScaledBy1point1OrBy1PlusOneBillionth() {
        Chapter5Claims.SmcEstimator tenPercent = (k, q, init, steps, d) -> scaled(Chapter5Claims.SMC.run(k, q, init, steps, d), 1.1);
        Chapter5Claims.SmcEstimator tiny = (k, q, init, steps, d) -> scaled(Chapter5Claims.SMC.run(k, q, init, steps, d), 1.0 + 1e-9);
        assertEquals(SEEDS, failures(new Chapter5Claims.SmcUnbiased(tenPercent)), "p-hat * 1.1 fails every trial");
        assertEquals(SEEDS, failures(new Chapter5Claims.SmcUnbiased(tiny)), "p-hat * (1 + 1e-9) fails every trial");
        assertEquals(SEEDS, failures(new Chapter5Claims.SmcBeliefConsistent(tenPercent)), "p-hat B-hat * 1.1 fails every trial");
    }

    /**
     * A deliberately wrong SMC: it proposes from q but weights by g K h, dropping the 1/q factor (the
     * bootstrap weight g h times K). Written from scratch here, with the same draws.
     */
    static ParticleFilter.Run droppedOneOverQ(int k, Proposal prop, double[] init, List<FilterStep> steps, Draws d) {
        int n = init.length;
        int[] cur = new int[k];
        double[] w = new double[k];
        double[] cum = new double[k];
        double[] q = new double[n];
        for (int i = 0; i < k; i++) {
            cur[i] = d.categorical(init, 0, n);
            w[i] = 1.0;
        }
        double ll = 0.0;
        double[][] beliefs = new double[steps.size() + 1][n];
        for (int t = 0; t < steps.size() && ll > Double.NEGATIVE_INFINITY; t++) {
            FilterStep st = steps.get(t);
            double total = 0.0;
            for (int i = 0; i < k; i++) {
                total += w[i];
                cum[i] = total;
            }
            int[] nxt = new int[k];
            double[] wn = new double[k];
            double sum = 0.0;
            for (int i = 0; i < k; i++) {
                int parent = cur[d.ancestor(w, cum)];
                prop.distribution(t, st, parent, q);
                nxt[i] = d.categorical(q, 0, n);
                wn[i] = st.g(parent) * st.k(parent, nxt[i]) * st.h(nxt[i]); // bug: no division by q
                sum += wn[i];
            }
            ll += Math.log(sum / k);
            cur = nxt;
            w = wn;
            for (int i = 0; i < k && sum > 0.0; i++) {
                beliefs[t + 1][cur[i]] += w[i] / sum;
            }
        }
        return new ParticleFilter.Run(beliefs, ll, new int[steps.size()][k]);
    }

    @Test
    void eq517CheckRejectsAnEstimatorThatDropsTheOneOverQFactor() {
        int failed = failures(new Chapter5Claims.SmcUnbiased(Chapter5ClaimsTest::droppedOneOverQ));
        assertTrue(failed >= SEEDS / 2, "dropping 1/q is caught on most trials, got " + failed + " of " + SEEDS);
    }

    @Test
    void eq516CheckRejectsTheLiteralOneOverKReading() {
        // (5.16) read literally: B-hat = (1/K) sum_k W^k delta with normalised W, which sums to 1/K; wrong for K >= 2
        Chapter5Claims.SmcEstimator literal = (k, q, init, steps, d) -> {
            ParticleFilter.Run r = Chapter5Claims.SMC.run(k, q, init, steps, d);
            double[][] b = r.beliefs().clone();
            int last = steps.size();
            b[last] = r.beliefs()[last].clone();
            for (int s = 0; s < init.length; s++) {
                b[last][s] /= k;
            }
            return new ParticleFilter.Run(b, r.logLikelihood(), r.ancestors());
        };
        int failed = failures(new Chapter5Claims.SmcBeliefConsistent(literal));
        assertTrue(failed >= SEEDS / 2, "the 1/K reading is caught whenever K >= 2, got " + failed + " of " + SEEDS);
    }

    @Test
    void eq52CheckRejectsWrongObjectives() {
        // an off-by-one in K that reverses the order (L_K for K = 6, 5, ..): the monotonicity part fails
        Chapter5Claims.Objective reversed = (j, q, k) ->
                MonteCarloObjective.expectedLogEstimate(j, q, Chapter5Claims.ImportanceWeightedBound.MAX_K + 2 - k);
        // the largest log weight instead of the log of the mean weight: above log p(x)
        Chapter5Claims.Objective largest = (j, q, k) -> {
            double m = Double.NEGATIVE_INFINITY;
            for (int z = 0; z < j.length; z++) {
                if (q[z] > 0.0) {
                    m = Math.max(m, Math.log(j[z] / q[z]));
                }
            }
            return m;
        };
        assertTrue(failures(new Chapter5Claims.ImportanceWeightedBound(reversed)) > 0, "reversed order is caught");
        assertTrue(failures(new Chapter5Claims.ImportanceWeightedBound(largest)) > 0, "largest weight is caught");
        assertEquals(0, failures(new Chapter5Claims.ImportanceWeightedBound()));
    }

    @Test
    void eq52TrialsCompareFiniteValuesInMostTrials() {
        Claim c = new Chapter5Claims.ImportanceWeightedBound();
        int vacuous = 0;
        for (int i = 0; i < 300; i++) {
            Trial t = c.trial(Ledger.trialSeed(20201, c.id(), i), Ledger.trialSize(i));
            if (t.violation() == Double.NEGATIVE_INFINITY) {
                vacuous++;
            }
        }
        assertTrue(vacuous <= 300 / 3, "at most a third of the (5.2) trials have every L_K = -inf, got " + vacuous);
    }

    @Test
    void pathEnumerationClosedForm() {
        // two draws: i from (1, 3)/4, then j from (2, 0, 2)/4; E[(i + 1) * (j + 1)] = (1/4 + 6/4) * (1/2 + 3/2)
        PathEnumeration.Result r = PathEnumeration.expectation(1, d -> {
            int i = d.categorical(new double[] {1, 3}, 0, 2);
            int j = d.ancestor(new double[] {2, 0, 2}, new double[] {2, 2, 4});
            return new double[] {(i + 1.0) * (j + 1.0)};
        }, 100);
        assertEquals(4, r.paths(), "paths of weight 0 are skipped");
        assertEquals(1.0, r.totalProbability(), 0.0);
        assertEquals(1.75 * 2.0, r.mean()[0], 4 * Math.ulp(3.5));
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
        assertFalse(Double.isNaN(MonteCarloObjective.expectedLogEstimate(joint, q, 3)));
    }
}
