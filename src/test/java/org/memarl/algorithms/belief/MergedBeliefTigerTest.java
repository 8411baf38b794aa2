package org.memarl.algorithms.belief;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.memarl.InvalidModelException;
import org.memarl.model.Pomdp;

/**
 * The merged public-belief graph on the Tiger POMDP (Kaelbling, Littman and Cassandra 1998), checked against
 * independent computations written here: the belief after listening with net count {@code k = #left - #right}
 * since the last opening is {@code 0.85^k / (0.85^k + 0.15^k)} in closed form, so the belief MDP is a recursion
 * over (t, k) that never forms a Bayes update, and its soft/hard/min versions are computed with their own
 * log-sum-exp; plus the published value 9.72842474467767 at horizon 15 (Cassandra's pomdp-solve, the tests of
 * AI-Toolbox).
 */
class MergedBeliefTigerTest {
    static final double LISTEN = -1;
    static final double CORRECT = 10;
    static final double WRONG = -100;
    static final double HEAR = 0.85;
    static final double GAMMA = 0.95;

    /** Tiger: states tiger-left/right, actions listen/open-left/open-right, observations hear-left/right. */
    static Pomdp tiger(int horizon) {
        double[] t = new double[2 * 3 * 2];
        double[] u = new double[2 * 3 * 2];
        double[] r = new double[2 * 3];
        for (int s = 0; s < 2; s++) {
            t[(s * 3) * 2 + s] = 1.0; // listen keeps the tiger
            for (int a = 1; a < 3; a++) {
                t[(s * 3 + a) * 2] = 0.5; // opening resets uniformly
                t[(s * 3 + a) * 2 + 1] = 0.5;
            }
            u[(s * 3) * 2 + s] = HEAR;
            u[(s * 3) * 2 + 1 - s] = 1 - HEAR;
            for (int a = 1; a < 3; a++) {
                u[(s * 3 + a) * 2] = 0.5;
                u[(s * 3 + a) * 2 + 1] = 0.5;
            }
            r[s * 3] = LISTEN;
            r[s * 3 + 1] = s == 0 ? WRONG : CORRECT; // open-left: the tiger is behind it in tiger-left
            r[s * 3 + 2] = s == 0 ? CORRECT : WRONG;
        }
        return new Pomdp("tiger", List.of("tiger-left", "tiger-right"), List.of("listen", "open-left", "open-right"),
                List.of("hear-left", "hear-right"), GAMMA, horizon, new double[] {0.5, 0.5}, t, u, r, null);
    }

    /** P(tiger-left) after net count k of hear-left over hear-right since the last opening, in closed form. */
    static double left(int k) {
        return k >= 0 ? 1.0 / (1.0 + Math.pow((1 - HEAR) / HEAR, k)) : 1.0 - left(-k);
    }

    /**
     * The belief-MDP value at count 0, time 0, by backward recursion over (t, k), with the reduction
     * {@code beta}: +inf max, -inf min, 0 the uniform mean, else the uniform-prior soft maximum.
     */
    static double reference(int h, double beta) {
        double[] next = new double[2 * h + 3]; // V_{t+1}(k), k = -(h+1) .. h+1 at index k + h + 1
        for (int t = h - 1; t >= 0; t--) {
            double[] cur = new double[next.length];
            for (int k = -t; k <= t; k++) {
                double b = left(k);
                double pl = b * HEAR + (1 - b) * (1 - HEAR); // P(hear-left)
                double[] q = new double[3];
                q[0] = LISTEN + GAMMA * (pl * next[k + 1 + h + 1] + (1 - pl) * next[k - 1 + h + 1]);
                q[1] = b * WRONG + (1 - b) * CORRECT + GAMMA * next[h + 1];
                q[2] = b * CORRECT + (1 - b) * WRONG + GAMMA * next[h + 1];
                cur[k + h + 1] = reduce(q, beta);
            }
            next = cur;
        }
        return next[h + 1];
    }

    static double reduce(double[] q, double beta) {
        if (beta == Double.POSITIVE_INFINITY) {
            return Math.max(q[0], Math.max(q[1], q[2]));
        }
        if (beta == Double.NEGATIVE_INFINITY) {
            return Math.min(q[0], Math.min(q[1], q[2]));
        }
        if (beta == 0.0) {
            return (q[0] + q[1] + q[2]) / 3;
        }
        double top = beta > 0 ? Math.max(q[0], Math.max(q[1], q[2])) : Math.min(q[0], Math.min(q[1], q[2]));
        double z = 0;
        for (double x : q) {
            z += Math.exp(beta * (x - top)) / 3;
        }
        return top + Math.log(z) / beta;
    }

    @Test
    @DisplayName("Tiger, horizon 15, beta = inf: the published 9.72842474467767 at b = 0.5")
    void publishedHorizon15() {
        PublicBelief.Result r = PublicBelief.solve(tiger(15), Double.POSITIVE_INFINITY);
        double v = r.root().value();
        assertEquals(9.72842474467767, v, 1e-12);
        assertEquals(reference(15, Double.POSITIVE_INFINITY), v, 1e-12);
    }

    @Test
    @DisplayName("the distinct beliefs per step are the counts k with |k| <= t: 2t + 1 at step t")
    void nodeCountsPerStep() {
        PublicBelief.Result r = PublicBelief.solve(tiger(15), Double.POSITIVE_INFINITY);
        int[] want = new int[15];
        int total = 0;
        for (int t = 0; t < 15; t++) {
            want[t] = 2 * t + 1;
            total += want[t];
        }
        assertArrayEquals(want, r.beliefsPerStep());
        assertEquals(total, r.nodes());
    }

    @Test
    @DisplayName("merged beliefs are exact at beta = +inf, -inf, 0, 2, -0.5 (horizons 1..20) against the (t, k) recursion")
    void everyBeta() {
        for (double beta : new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, 2.0, -0.5}) {
            for (int h : new int[] {1, 2, 5, 12, 20}) {
                double want = reference(h, beta);
                double got = PublicBelief.solve(tiger(h), beta).root().value();
                assertEquals(want, got, 1e-12 * Math.max(1, Math.abs(want)) * h, "beta " + beta + " horizon " + h);
            }
        }
    }

    @Test
    @DisplayName("soft Tiger (beta = 2) to horizon 30, and beta = 0 is uniform play: -91/3 per step, discounted")
    void softHorizon30() {
        double got = PublicBelief.solve(tiger(30), 2.0).root().value();
        double want = reference(30, 2.0);
        assertEquals(want, got, 1e-11 * Math.abs(want));
        double uniform = 0;
        for (int t = 0; t < 30; t++) {
            uniform += Math.pow(GAMMA, t) * (-91.0 / 3);
        }
        assertEquals(uniform, PublicBelief.solve(tiger(30), 0.0).root().value(), 1e-12 * Math.abs(uniform));
    }

    @Test
    @DisplayName("the budget counts distinct beliefs while expanding and names --max-beliefs")
    void budget() {
        // 1 + 3 + 5 + 7 = 16 beliefs up to step 3: a budget of 16 solves horizon 4, 15 does not
        assertEquals(16, PublicBelief.solve(new PomdpProcess(tiger(4)), 1.0, 16).nodes());
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> PublicBelief.solve(new PomdpProcess(tiger(4)), 1.0, 15));
        assertTrue(e.getMessage().startsWith("max-beliefs: horizon 4 reaches more than 15 distinct public beliefs"),
                e.getMessage());
        assertTrue(e.getMessage().contains("[1, 3, 5]") && e.getMessage().contains("--max-beliefs"), e.getMessage());
        // a long horizon is refused while expanding, not guessed up front
        InvalidModelException far = assertThrows(InvalidModelException.class,
                () -> PublicBelief.solve(new PomdpProcess(tiger(100_000)), 1.0, 10_000));
        assertTrue(far.getMessage().contains("raise --max-beliefs") && far.getMessage().length() < 300,
                far.getMessage());
    }

    @Test
    @DisplayName("the canonical key keeps the support exactly and merges within 2^-44")
    void canonicalKey() {
        assertEquals(PublicBelief.Key.of(new double[] {0.5, 0.5}), PublicBelief.Key.of(new double[] {0.5 + 1e-16, 0.5}));
        assertTrue(!PublicBelief.Key.of(new double[] {1.0, 0.0}).equals(PublicBelief.Key.of(new double[] {1.0, 1e-300})));
        assertTrue(!PublicBelief.Key.of(new double[] {0.5, 0.5}).equals(PublicBelief.Key.of(new double[] {0.5 + 1e-12, 0.5})));
    }
}
