package org.memarl.algorithms.belief;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.memarl.model.DecPomdp;

/**
 * History prescriptions on seeded random two-agent Dec-POMDPs (private joint actions, 2-3 states, 2 actions,
 * 2 observations per agent, horizons 2 and 3) against an independent brute force written here: the maximum
 * (minimum) over agent 0's deterministic history policies of agent 1's exact best (worst) response, by
 * backward recursion over agent 1's observation histories. Checks the clustering of equivalent histories and
 * the last-step pruning at beta = +-inf on models other than Dec-Tiger.
 */
class HistoryProcessRandomTest {
    static DecPomdp random(Random rnd, int n, int horizon) {
        List<String> acts = List.of("a", "b");
        List<String> obs = List.of("x", "y");
        List<DecPomdp.Agent> agents = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            double[] o = new double[n * 2];
            for (int s = 0; s < n; s++) {
                // some observations are exact, some uninformative, some noisy
                double p = switch (rnd.nextInt(3)) {
                    case 0 -> rnd.nextBoolean() ? 1.0 : 0.0;
                    case 1 -> 0.5;
                    default -> 0.1 + 0.8 * rnd.nextDouble();
                };
                o[s * 2] = p;
                o[s * 2 + 1] = 1 - p;
            }
            agents.add(new DecPomdp.Agent("agent" + i, acts, obs, o, null, "agents[" + i + "]", n));
        }
        double[] t = new double[n * 4 * n];
        double[] r = new double[n * 4];
        for (int s = 0; s < n; s++) {
            for (int j = 0; j < 4; j++) {
                double z = 0;
                for (int s2 = 0; s2 < n; s2++) {
                    t[(s * 4 + j) * n + s2] = rnd.nextInt(3);
                    z += t[(s * 4 + j) * n + s2];
                }
                if (z == 0) {
                    t[(s * 4 + j) * n + s] = 1;
                    z = 1;
                }
                for (int s2 = 0; s2 < n; s2++) {
                    t[(s * 4 + j) * n + s2] /= z;
                }
                r[s * 4 + j] = rnd.nextInt(21) - 10;
            }
        }
        double[] p0 = new double[n];
        for (int s = 0; s < n; s++) {
            p0[s] = 1.0 / n;
        }
        List<String> states = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            states.add("s" + s);
        }
        return new DecPomdp("random", states, 1.0, horizon, p0, agents, null, null, t, r)
                .withPrivateMemory(DecPomdp.PrivateMemory.HISTORY).withPublicActions(false);
    }

    /** Agent 0's action after history h (length t + 1, base 2, first observation most significant). */
    static int act(int[] pi0, int t, int h) {
        return pi0[(1 << (t + 1)) - 2 + h];
    }

    /** Agent 1's best (worst) response from step t, w[s][h0] the joint law with agent 1's history so far. */
    static double respond(DecPomdp d, int[] pi0, int t, double[][] w, boolean max) {
        int n = d.numStates();
        int hs = w[0].length;
        double best = max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        for (int a1 = 0; a1 < 2; a1++) {
            double v = 0;
            double[][][] next = new double[2][n][2 * hs];
            for (int s = 0; s < n; s++) {
                for (int h0 = 0; h0 < hs; h0++) {
                    double p = w[s][h0];
                    if (p == 0) {
                        continue;
                    }
                    int j = d.joint(act(pi0, t, h0), a1);
                    v += p * d.reward(s, j);
                    if (t + 1 == d.horizon()) {
                        continue;
                    }
                    for (int s2 = 0; s2 < n; s2++) {
                        for (int o0 = 0; o0 < 2; o0++) {
                            for (int o1 = 0; o1 < 2; o1++) {
                                next[o1][s2][h0 * 2 + o0] += p * d.transition(s, j, s2)
                                        * d.agent(0).observation(s2, o0) * d.agent(1).observation(s2, o1);
                            }
                        }
                    }
                }
            }
            if (t + 1 < d.horizon()) {
                for (int o1 = 0; o1 < 2; o1++) {
                    v += respond(d, pi0, t + 1, next[o1], max);
                }
            }
            best = max ? Math.max(best, v) : Math.min(best, v);
        }
        return best;
    }

    static double bruteForce(DecPomdp d, boolean max) {
        int n = d.numStates();
        int size = (1 << (d.horizon() + 1)) - 2; // histories of lengths 1..H
        double best = max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        int[] pi0 = new int[size];
        for (int code = 0; code < (1 << size); code++) {
            for (int i = 0; i < size; i++) {
                pi0[i] = (code >> i) & 1;
            }
            double v = 0;
            for (int o1 = 0; o1 < 2; o1++) {
                double[][] w = new double[n][2];
                for (int s = 0; s < n; s++) {
                    for (int o0 = 0; o0 < 2; o0++) {
                        w[s][o0] = d.initial()[s] * d.agent(0).observation(s, o0) * d.agent(1).observation(s, o1);
                    }
                }
                v += respond(d, pi0, 0, w, max);
            }
            best = max ? Math.max(best, v) : Math.min(best, v);
        }
        return best;
    }

    @Test
    @DisplayName("beta = +-inf history prescriptions equal the brute force over history policies (random models)")
    void againstBruteForce() {
        Random rnd = new Random(15);
        for (int trial = 0; trial < 9; trial++) {
            int n = 2 + trial % 2;
            int h = trial < 8 ? 2 : 3;
            DecPomdp d = random(rnd, n, h);
            for (boolean max : new boolean[] {true, false}) {
                double want = bruteForce(d, max);
                double got = PublicBelief.solve(d, max ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY)
                        .root().value();
                assertEquals(want, got, 1e-12 * Math.max(1, Math.abs(want)) * h, "trial " + trial + " max " + max);
                double reset = PublicBelief.solve(d.withPrivateMemory(DecPomdp.PrivateMemory.SINCE_RESET),
                        max ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY).root().value();
                assertEquals(want, reset, 1e-12 * Math.max(1, Math.abs(want)) * h, "since-reset, trial " + trial);
            }
        }
    }
}
