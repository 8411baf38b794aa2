package org.memarl.algorithms.belief;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.memarl.InvalidModelException;
import org.memarl.model.DecPomdp;

/**
 * History prescriptions on Dec-Tiger (Nair et al. 2003; MADP's {@code dectiger}), checked against the published
 * optima (-4 at horizon 2, 5.190812 at horizon 3, undiscounted) and against an independent exact computation
 * written here on the raw definition: the maximum over agent 0's deterministic history policies (3, 3^3 and 3^7
 * of them at horizons 1, 2, 3) of agent 1's exact best response, found by backward recursion over agent 1's
 * observation histories with the joint law of (tiger, agent 0's history) carried along. As in the standard
 * Dec-POMDP, neither agent sees the other's actions (the model's {@code publicActions} false).
 */
class DecTigerHistoryTest {
    // actions
    static final int LISTEN = 0;
    static final int OPEN_LEFT = 1;
    static final int OPEN_RIGHT = 2;

    static double reward(int tiger, int a0, int a1) {
        return DecTigerReward.reward(tiger, a0, a1);
    }

    /**
     * Dec-Tiger as a memarl DecPomdp: the state keeps the tiger and whether the last joint action was (listen,
     * listen) (states 0, 1: tiger-left/right after both listened; 2, 3: otherwise, also at t = 0), since the
     * observation after a move depends on it; hear-left/right are 0.85 correct after both listened, 0.5 otherwise.
     */
    static DecPomdp decTiger(int horizon, DecPomdp.PrivateMemory memory) {
        return decTiger(horizon, memory, false);
    }

    /** Dec-Tiger with the joint action private (the standard Dec-POMDP) or, as in the thesis's (5.7), public. */
    static DecPomdp decTiger(int horizon, DecPomdp.PrivateMemory memory, boolean publicActions) {
        int n = 4;
        double[] observe = {0.85, 0.15, 0.15, 0.85, 0.5, 0.5, 0.5, 0.5};
        List<String> actions = List.of("listen", "open-left", "open-right");
        List<String> obs = List.of("hear-left", "hear-right");
        DecPomdp.Agent a0 = new DecPomdp.Agent("agent0", actions, obs, observe, null, "agents[0]", n);
        DecPomdp.Agent a1 = new DecPomdp.Agent("agent1", actions, obs, observe, null, "agents[1]", n);
        double[] t = new double[n * 9 * n];
        double[] r = new double[n * 9];
        for (int s = 0; s < n; s++) {
            int tiger = s % 2;
            for (int x = 0; x < 3; x++) {
                for (int y = 0; y < 3; y++) {
                    int j = x * 3 + y;
                    r[s * 9 + j] = reward(tiger, x, y);
                    if (x == LISTEN && y == LISTEN) {
                        t[(s * 9 + j) * n + tiger] = 1.0;
                    } else {
                        t[(s * 9 + j) * n + 2] = 0.5;
                        t[(s * 9 + j) * n + 3] = 0.5;
                    }
                }
            }
        }
        DecPomdp d = new DecPomdp("dec-tiger", List.of("tiger-left-heard", "tiger-right-heard", "tiger-left",
                "tiger-right"), 1.0, horizon, new double[] {0, 0, 0.5, 0.5}, List.of(a0, a1), null, null, t, r);
        return d.withPrivateMemory(memory).withPublicActions(publicActions);
    }

    // ---------- the independent computation on the raw definition ----------

    /** P(o | tiger) of one agent's observation after (listen, listen); o 0 = hear-left. */
    static double hear(int o, int tiger) {
        return o == tiger ? 0.85 : 0.15;
    }

    /**
     * Agent 0's policy: the action after observation history {@code h} of length t (observations o_1..o_t, bits of
     * h, first observation most significant), as {@code policy[offset(t) + h]} with offset(t) = 2^t - 1.
     */
    static int act(int[] policy, int t, int h) {
        return policy[(1 << t) - 1 + h];
    }

    /**
     * Agent 1's best response value from step t: {@code w[tiger][h0]} is the (unnormalised) joint probability of
     * the tiger and agent 0's history with agent 1's own history so far; maximises over agent 1's action.
     */
    static double bestResponse(int[] pi0, int t, int h, double[][] w, boolean max) {
        if (t == h) {
            return 0;
        }
        double best = max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        int histories = 1 << t;
        for (int a1 = 0; a1 < 3; a1++) {
            double value = 0;
            double[][][] next = new double[2][2][2 * histories]; // [o1][tiger'][h0']
            for (int tiger = 0; tiger < 2; tiger++) {
                for (int h0 = 0; h0 < histories; h0++) {
                    double p = w[tiger][h0];
                    if (p == 0) {
                        continue;
                    }
                    int a0 = act(pi0, t, h0);
                    value += p * reward(tiger, a0, a1);
                    for (int t2 = 0; t2 < 2; t2++) {
                        double pt = a0 == LISTEN && a1 == LISTEN ? (t2 == tiger ? 1 : 0) : 0.5;
                        for (int o0 = 0; o0 < 2; o0++) {
                            for (int o1 = 0; o1 < 2; o1++) {
                                double po = a0 == LISTEN && a1 == LISTEN ? hear(o0, t2) * hear(o1, t2) : 0.25;
                                next[o1][t2][h0 * 2 + o0] += p * pt * po;
                            }
                        }
                    }
                }
            }
            for (int o1 = 0; o1 < 2; o1++) {
                value += bestResponse(pi0, t + 1, h, next[o1], max);
            }
            best = max ? Math.max(best, value) : Math.min(best, value);
        }
        return best;
    }

    private static final Map<String, Double> BRUTE = new java.util.concurrent.ConcurrentHashMap<>();

    /** The optimum (max) or the worst (min) over all deterministic joint history policies at horizon h (cached). */
    static double bruteForce(int h, boolean max) {
        return BRUTE.computeIfAbsent(h + " " + max, k -> enumerate(h, max));
    }

    private static double enumerate(int h, boolean max) {
        int size = (1 << h) - 1; // histories of lengths 0..h-1
        int count = (int) Math.pow(3, size);
        double best = max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        int[] pi0 = new int[size];
        for (int code = 0; code < count; code++) {
            int c = code;
            for (int i = 0; i < size; i++) {
                pi0[i] = c % 3;
                c /= 3;
            }
            double v = bestResponse(pi0, 0, h, new double[][] {{0.5}, {0.5}}, max);
            best = max ? Math.max(best, v) : Math.min(best, v);
        }
        return best;
    }

    /** Uniform random play: every step pays the mean reward over the 9 joint actions, whatever the tiger. */
    static double uniformPlay(int h) {
        double mean = 0;
        for (int x = 0; x < 3; x++) {
            for (int y = 0; y < 3; y++) {
                mean += reward(0, x, y) / 9;
            }
        }
        return h * mean;
    }

    @Test
    @DisplayName("the independent brute force reproduces the published optima -4 (H = 2) and 5.190812 (H = 3)")
    void bruteForceMatchesPublished() {
        assertEquals(-4.0, bruteForce(2, true), 1e-12);
        // published to 6 decimals (truncated): the exact optimum is 5.1908125
        assertEquals(5.190812, bruteForce(3, true), 1e-6);
    }

    @Test
    @DisplayName("history prescriptions, beta = inf: -4 at horizon 2 and 5.190812 at horizon 3, as the brute force")
    void publishedOptima() {
        for (int h = 1; h <= 3; h++) {
            double want = bruteForce(h, true);
            PublicBelief.Result r = PublicBelief.solve(decTiger(h, DecPomdp.PrivateMemory.HISTORY),
                    Double.POSITIVE_INFINITY);
            assertEquals(want, r.root().value(), 1e-12 * Math.max(1, Math.abs(want)), "horizon " + h);
        }
        assertEquals(-4.0, PublicBelief.solve(decTiger(2, DecPomdp.PrivateMemory.HISTORY), Double.POSITIVE_INFINITY)
                .root().value(), 1e-12);
        assertEquals(5.190812, PublicBelief.solve(decTiger(3, DecPomdp.PrivateMemory.HISTORY),
                Double.POSITIVE_INFINITY).root().value(), 1e-6);
    }

    @Test
    @DisplayName("beta = -inf is the worst joint history policy; beta = 0 is uniform play (no clustering at finite beta)")
    void worstAndUniform() {
        for (int h = 1; h <= 3; h++) {
            double worst = bruteForce(h, false);
            assertEquals(worst, PublicBelief.solve(decTiger(h, DecPomdp.PrivateMemory.HISTORY),
                    Double.NEGATIVE_INFINITY).root().value(), 1e-12 * Math.abs(worst), "horizon " + h);
        }
        for (int h = 1; h <= 2; h++) {
            double uniform = uniformPlay(h);
            assertEquals(uniform, PublicBelief.solve(decTiger(h, DecPomdp.PrivateMemory.HISTORY), 0.0).root().value(),
                    1e-12 * Math.abs(uniform), "horizon " + h);
        }
    }

    @Test
    @DisplayName("since-reset loses nothing at beta = +-inf; current observation only is a smaller class")
    void sinceResetAndCurrent() {
        for (int h = 1; h <= 3; h++) {
            double full = bruteForce(h, true);
            double reset = PublicBelief.solve(decTiger(h, DecPomdp.PrivateMemory.SINCE_RESET), Double.POSITIVE_INFINITY)
                    .root().value();
            assertEquals(full, reset, 1e-12 * Math.max(1, Math.abs(full)), "horizon " + h);
            double current = PublicBelief.solve(decTiger(h, DecPomdp.PrivateMemory.CURRENT), Double.POSITIVE_INFINITY)
                    .root().value();
            assertTrue(current <= full + 1e-12, "horizon " + h + ": " + current + " > " + full);
        }
    }

    @Test
    @DisplayName("seeing the joint action never hurts at beta = inf (equal to horizon 3 on Dec-Tiger)")
    void publicActions() {
        for (int h = 1; h <= 3; h++) {
            double hidden = bruteForce(h, true);
            double seen = PublicBelief.solve(decTiger(h, DecPomdp.PrivateMemory.HISTORY, true), Double.POSITIVE_INFINITY)
                    .root().value();
            assertEquals(hidden, seen, 1e-12 * Math.max(1, Math.abs(hidden)), "horizon " + h);
        }
    }

    @Test
    @DisplayName("the policy at horizon 2: both listen, then open the door away from a twice-heard tiger... or listen")
    void policyTree() {
        DecPomdp d = decTiger(2, DecPomdp.PrivateMemory.HISTORY);
        HistoryProcess p = new HistoryProcess(d, Double.POSITIVE_INFINITY);
        PublicBelief.Result r = PublicBelief.solve(p, Double.POSITIVE_INFINITY);
        PublicBelief.Node root = r.root();
        int best = argmax(root.policy());
        Map<String, Object> c = p.describeChoice(0, root.belief(), best);
        // at t = 0 the observation is uninformative: both histories are one cluster, and both agents listen
        assertEquals(Map.of("hear-left | hear-right", "listen"), c.get("agent0"), c::toString);
        assertEquals(Map.of("hear-left | hear-right", "listen"), c.get("agent1"), c::toString);
        assertEquals(1, root.edges().size()); // the joint action is private: one outcome (no public signal)
        PublicBelief.Node next = root.edges().get(0).node();
        Map<String, Object> c1 = p.describeChoice(1, next.belief(), argmax(next.policy()));
        assertEquals(2, ((Map<?, ?>) c1.get("agent0")).size(), c1::toString);
        assertTrue(((Map<?, ?>) c1.get("agent0")).values().stream().allMatch("listen"::equals), c1::toString);
    }

    @Test
    @DisplayName("too many prescriptions are refused naming the horizon and the memory")
    void tooManyPrescriptions() {
        // at finite beta nothing is clustered: at t = 2 each agent has 8 histories, 3^16 prescriptions
        DecPomdp d = decTiger(3, DecPomdp.PrivateMemory.HISTORY);
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> PublicBelief.solve(d, 1.0));
        assertTrue(e.getMessage().startsWith("horizon: 3 gives more than " + Prescriptions.MAX + " prescriptions at a"
                + " public belief of step 2 (privateMemory history: 8 and 8 reachable"), e.getMessage());
    }

    static int argmax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }
}
