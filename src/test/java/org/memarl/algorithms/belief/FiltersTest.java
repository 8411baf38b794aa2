package org.memarl.algorithms.belief;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.memarl.io.PomdpReader;
import org.memarl.model.Pomdp;

/** The exact filter against enumeration of every hidden path, and SMC in its exact special cases. */
class FiltersTest {
    static Pomdp tiger() {
        return PomdpReader.readPomdp(Path.of("examples", "tiger.json"));
    }

    static List<FilterStep> steps(Pomdp m, int[] a, int[] o) {
        List<FilterStep> out = new ArrayList<>();
        for (int t = 0; t < a.length; t++) {
            out.add(FilterStep.of(m, a[t], o[t]));
        }
        return out;
    }

    /** p(o_{1:T} | a) and P(s_T, o_{1:T} | a) by summing over all n^(T+1) state paths. */
    static double[] enumerate(Pomdp m, int[] a, int[] o) {
        int n = m.numStates();
        int t = a.length;
        double[] joint = new double[n];
        int paths = (int) Math.pow(n, t + 1);
        for (int p = 0; p < paths; p++) {
            int[] s = new int[t + 1];
            int rest = p;
            for (int i = 0; i <= t; i++) {
                s[i] = rest % n;
                rest /= n;
            }
            double w = m.initial()[s[0]];
            for (int i = 0; i < t; i++) {
                w *= m.transition(s[i], a[i], s[i + 1]) * m.observation(s[i + 1], a[i], o[i]);
            }
            joint[s[t]] += w;
        }
        return joint;
    }

    @Test
    void exactFilterMatchesPathEnumeration() {
        Pomdp m = tiger();
        int[] a = {0, 0, 1, 0, 0};
        int[] o = {0, 0, 1, 1, 1};
        BayesFilter.Result r = BayesFilter.run(m.initial(), steps(m, a, o));
        double[] joint = enumerate(m, a, o);
        double z = joint[0] + joint[1];
        assertEquals(Math.log(z), r.logLikelihood(), 1e-14);
        assertArrayEquals(new double[] {joint[0] / z, joint[1] / z}, r.beliefs()[a.length], 1e-14);
    }

    @Test
    void filterStepRejectsWrongEntriesNamingArrayIndexAndValue() {
        double[] one = {1, 1};
        double[] id = {1, 0, 0, 1};
        assertEquals("filter step: g[1] = 1.5 is not in [0, 1]", assertThrows(org.memarl.InvalidModelException.class,
                () -> new FilterStep(new double[] {1, 1.5}, id, one)).getMessage());
        assertEquals("filter step: h[0] = -0.1 is not in [0, 1]", assertThrows(org.memarl.InvalidModelException.class,
                () -> new FilterStep(one, id, new double[] {-0.1, 1})).getMessage());
        assertEquals("filter step: h[1] = NaN is not in [0, 1]", assertThrows(org.memarl.InvalidModelException.class,
                () -> new FilterStep(one, id, new double[] {1, Double.NaN})).getMessage());
        assertEquals("filter step: K[2] = 2.0 is not in [0, 1]", assertThrows(org.memarl.InvalidModelException.class,
                () -> new FilterStep(one, new double[] {1, 0, 2, -1}, one)).getMessage());
        assertEquals("filter step: row 0 of K sums to 0.9, expected 1 (tolerance 1e-9)", assertThrows(
                org.memarl.InvalidModelException.class, () -> new FilterStep(one, new double[] {0.5, 0.4, 0, 1}, one)).getMessage());
        assertTrue(assertThrows(org.memarl.InvalidModelException.class, () -> new FilterStep(one, id, new double[] {1}))
                .getMessage().startsWith("filter step: g has 2 entries, h 1"));
        // rounding within the tolerance is accepted
        new FilterStep(new double[] {1 + 1e-12, 0}, new double[] {0.1 + 0.2, 0.7, 0, 1}, one);
    }

    @Test
    void impossibleObservationsHaveLogLikelihoodMinusInfinity() {
        Pomdp m = tiger();
        // deterministic observation model: listening in a known state cannot give the wrong sound
        FilterStep never = new FilterStep(new double[] {1, 1}, new double[] {1, 0, 0, 1}, new double[] {0, 0});
        assertEquals(Double.NEGATIVE_INFINITY, BayesFilter.run(m.initial(), List.of(never)).logLikelihood());
        assertEquals(Double.NEGATIVE_INFINITY,
                new ParticleFilter(8, null).run(m.initial(), List.of(never), new SplittableRandom(1)).logLikelihood());
    }

    @Test
    void locallyOptimalProposalIsExactWhenTheStateIsKnown() {
        // from a point-mass belief, the fully adapted weight g(s) sum K h is the exact increment
        Pomdp m = tiger();
        double[] start = {1, 0};
        List<FilterStep> st = steps(m, new int[] {0, 0, 0}, new int[] {1, 0, 0});
        double exact = BayesFilter.run(start, st).logLikelihood();
        ParticleFilter pf = new ParticleFilter(1, Proposal.LOCALLY_OPTIMAL);
        assertEquals(exact, pf.run(start, st, new SplittableRandom(7)).logLikelihood(), 1e-14,
                "listening keeps the state: one particle carries the whole likelihood");
    }

    @Test
    void aProposalThatMissesTheTargetIsRefused() {
        Pomdp m = tiger();
        ParticleFilter pf = new ParticleFilter(4, Proposal.of(new double[][] {{1, 0}, {1, 0}}));
        org.memarl.InvalidModelException e = assertThrows(org.memarl.InvalidModelException.class,
                () -> pf.run(m.initial(), steps(m, new int[] {1}, new int[] {0}), new SplittableRandom(3)));
        assertEquals(true, e.getMessage().startsWith("proposal: q(1 | "), e.getMessage());
    }
}
