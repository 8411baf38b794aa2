package org.memarl.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.memarl.UsageException;
import org.memarl.algorithms.RunConfig;
import org.memarl.algorithms.registry.GameAlgorithm;
import org.memarl.algorithms.registry.MdpAlgorithm;
import org.memarl.model.Game;
import org.memarl.model.Mdp;
import org.memarl.testing.Reference;
import org.memarl.testing.Tolerance;

/**
 * The sweep of soft value iteration against independent computations: V is nondecreasing in beta at every state
 * (the soft extremum M^beta is nondecreasing in beta, thesis (2.49) and its limits); the beta = 0 row is the prior
 * policy's evaluation (a linear solve, (2.50) with pi = P); the beta = +-inf rows are hard value iteration over the
 * prior's support (the componentwise max / min of the exact values of every deterministic policy on the support,
 * each a linear solve). Each comparison allows the runs' guaranteed error bounds plus a few ulps of the values.
 */
class BetaSweepTest {
    /** A random MDP whose prior forbids some actions (never all of a state's). */
    static Mdp randomMdp(long seed, int n, int m) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][][] t = new double[n][m][n];
        double[][] r = new double[n][m];
        double[][] p = new double[n][m];
        for (int s = 0; s < n; s++) {
            double total = 0;
            int zero = rng.nextInt(m + 1) - 1; // -1: no forbidden action
            for (int a = 0; a < m; a++) {
                double sum = 0;
                for (int s2 = 0; s2 < n; s2++) {
                    t[s][a][s2] = rng.nextInt(4);
                    sum += t[s][a][s2];
                }
                if (sum == 0) {
                    t[s][a][rng.nextInt(n)] = 1;
                    sum = 1;
                }
                for (int s2 = 0; s2 < n; s2++) {
                    t[s][a][s2] /= sum;
                }
                r[s][a] = rng.nextInt(-10, 11) / 2.0;
                p[s][a] = a == zero ? 0 : 1 + rng.nextInt(3);
                total += p[s][a];
            }
            for (int a = 0; a < m; a++) {
                p[s][a] /= total;
            }
        }
        return Mdp.builder().name("random-" + seed).states(n).actions(m).gamma(0.5 + rng.nextInt(40) / 100.0)
                .transitions(t).rewards(r).prior(p).build();
    }

    /** The exact value of the stochastic policy pi: (I - gamma T_pi) V = r_pi. */
    static double[] evaluate(Mdp mdp, double[][] pi) {
        int n = mdp.numStates();
        double[][][] t = Reference.transitions(mdp);
        double[][] a = new double[n][n];
        double[] b = new double[n];
        for (int s = 0; s < n; s++) {
            a[s][s] = 1;
            for (int x = 0; x < pi[s].length; x++) {
                b[s] += pi[s][x] * mdp.reward(s, x);
                for (int s2 = 0; s2 < n; s2++) {
                    a[s][s2] -= mdp.gamma() * pi[s][x] * t[s][x][s2];
                }
            }
        }
        return Reference.solve(a, b);
    }

    /** max (or min) over deterministic policies on the prior's support of their exact values, per state. */
    static double[] hardOverSupport(Mdp mdp, boolean max) {
        int n = mdp.numStates();
        int m = mdp.numActions();
        double[][] prior = Reference.prior(mdp);
        double[] best = new double[n];
        java.util.Arrays.fill(best, max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        int[] choice = new int[n];
        long count = (long) Math.pow(m, n);
        for (long code = 0; code < count; code++) {
            long c = code;
            boolean ok = true;
            for (int s = 0; s < n; s++) {
                choice[s] = (int) (c % m);
                c /= m;
                ok &= prior[s][choice[s]] > 0;
            }
            if (!ok) {
                continue;
            }
            double[][] pi = new double[n][m];
            for (int s = 0; s < n; s++) {
                pi[s][choice[s]] = 1;
            }
            double[] v = evaluate(mdp, pi);
            for (int s = 0; s < n; s++) {
                best[s] = max ? Math.max(best[s], v[s]) : Math.min(best[s], v[s]);
            }
        }
        return best;
    }

    @Test
    void softValueIterationSweepIsMonotoneAndMeetsItsLimits() {
        for (long seed = 1; seed <= 12; seed++) {
            Mdp mdp = randomMdp(seed, 2 + (int) (seed % 3), 2 + (int) (seed % 2));
            SweepResult r = BetaSweep.run(mdp, MdpAlgorithm.SOFT_VALUE_ITERATION, RunConfig.builder().tolerance(1e-11),
                    SweepParameter.BETA, BetaGrid.symmetric(4), "", BetaSweep.Listener.NONE);
            double[] x = r.values();
            double[][] v = r.V();
            double[] eb = r.errorBound();
            assertTrue(r.allConverged());
            assertEquals(Double.NEGATIVE_INFINITY, x[0]);
            assertEquals(Double.POSITIVE_INFINITY, x[x.length - 1]);
            double scale = Tolerance.maxAbs(v);
            // (2.49): M^beta is nondecreasing in beta, so is its fixed point, at every state
            for (int i = 0; i + 1 < x.length; i++) {
                for (int s = 0; s < mdp.numStates(); s++) {
                    double tol = eb[i] + eb[i + 1] + Tolerance.ulps(16, scale);
                    assertTrue(v[i][s] <= v[i + 1][s] + tol, "seed " + seed + ": V(" + s + ") at beta " + x[i] + " = "
                            + v[i][s] + " > at beta " + x[i + 1] + " = " + v[i + 1][s]);
                }
            }
            int zero = java.util.Arrays.binarySearch(x, 0.0);
            double[] prior = evaluate(mdp, Reference.prior(mdp));
            double[] hi = hardOverSupport(mdp, true);
            double[] lo = hardOverSupport(mdp, false);
            for (int s = 0; s < mdp.numStates(); s++) {
                assertEquals(prior[s], v[zero][s], eb[zero] + Tolerance.ulps(64, scale), "seed " + seed + ": beta = 0 is"
                        + " the prior policy's evaluation, state " + s);
                assertEquals(hi[s], v[x.length - 1][s], eb[x.length - 1] + Tolerance.ulps(64, scale), "seed " + seed
                        + ": beta = +inf is hard VI (max over the prior's support), state " + s);
                assertEquals(lo[s], v[0][s], eb[0] + Tolerance.ulps(64, scale), "seed " + seed
                        + ": beta = -inf is hard VI (min over the prior's support), state " + s);
            }
            // the policy rows are distributions and put no mass outside the prior's support
            double[][] p = Reference.prior(mdp);
            for (int i = 0; i < x.length; i++) {
                double[][] pi = r.policy("policy", i);
                for (int s = 0; s < mdp.numStates(); s++) {
                    double sum = 0;
                    for (int a = 0; a < mdp.numActions(); a++) {
                        sum += pi[s][a];
                        if (p[s][a] == 0) {
                            assertEquals(0.0, pi[s][a], "no mass where the prior has none");
                        }
                    }
                    assertEquals(1.0, sum, Tolerance.ulps(16, 1.0));
                }
            }
        }
    }

    @Test
    void balancingQOverTheOpponentsBetaMeetsMaximinAndMaximax() throws java.io.IOException {
        // matrix game (3.1), zero-sum; the agent maximises (beta_i = +inf); the opponent model's beta_-i swept:
        // -inf is max_a min_b R(a, b), +inf is max_a max_b R(a, b) (uniform priors, full support), thesis (3.21)-(3.33)
        double[][] payoff = {{2, 3, 3}, {1, 4, 0}, {1, 0, 10}};
        Game g = org.memarl.io.Models.read(org.memarl.io.Json.parse(java.nio.file.Files.readAllBytes(
                java.nio.file.Path.of("examples/thesis-3-1-zero-sum.json")), "example")).asGame();
        RunConfig.Builder cfg = RunConfig.builder().beta(Double.POSITIVE_INFINITY);
        SweepResult r = BetaSweep.run(g, GameAlgorithm.BALANCING_Q, cfg, SweepParameter.BETA_OPPONENT,
                new double[] {1, Double.NEGATIVE_INFINITY, 0, Double.POSITIVE_INFINITY, -1}, "", BetaSweep.Listener.NONE);
        assertArrayEquals(new double[] {Double.NEGATIVE_INFINITY, -1, 0, 1, Double.POSITIVE_INFINITY}, r.values());
        double maximin = Double.NEGATIVE_INFINITY;
        double maximax = Double.NEGATIVE_INFINITY;
        double meanMax = Double.NEGATIVE_INFINITY;
        for (double[] row : payoff) {
            maximin = Math.max(maximin, Math.min(row[0], Math.min(row[1], row[2])));
            maximax = Math.max(maximax, Math.max(row[0], Math.max(row[1], row[2])));
            meanMax = Math.max(meanMax, (row[0] + row[1] + row[2]) / 3);
        }
        double[][] v = r.V();
        assertEquals(maximin, v[0][0], Tolerance.ulps(8, 10));
        assertEquals(meanMax, v[2][0], Tolerance.ulps(8, 10), "beta_-i = 0: the opponent plays its uniform prior");
        assertEquals(maximax, v[4][0], Tolerance.ulps(8, 10));
        for (int i = 0; i + 1 < v.length; i++) {
            assertTrue(v[i][0] <= v[i + 1][0] + Tolerance.ulps(8, 10), "nondecreasing in beta_-i");
        }
        assertEquals(java.util.List.of("agent", "opponent"), java.util.List.copyOf(r.policies().keySet()));
        assertEquals(java.util.List.of("a1", "a2", "a3"), r.choiceLabels().get("agent"), "the model's names");
        assertEquals(java.util.List.of("b1", "b2", "b3"), r.choiceLabels().get("opponent"));
        assertEquals(Double.POSITIVE_INFINITY, r.fixed().get("betaAgent"), "the agent's fixed beta: " + r.fixed());
    }

    @Test
    void gridsAreAscendingSymmetricAndRefuseBadInput() {
        double[] g = BetaGrid.symmetric(4);
        assertEquals(37, g.length);
        for (int i = 0; i < g.length; i++) {
            assertEquals(-g[g.length - 1 - i], g[i], 0.0, "symmetric");
            if (i > 0) {
                assertTrue(g[i] > g[i - 1], "ascending");
            }
        }
        assertEquals(0.0, g[18]);
        assertEquals(1e-2, g[19]);
        assertEquals(1e2, g[35]);
        assertArrayEquals(new double[] {0.1, 1, 10}, BetaGrid.range(0.1, 10, 3), 1e-15);
        assertArrayEquals(new double[] {-2, -1, 0, 1, 2}, BetaGrid.range(-2, 2, 5), 0.0);
        assertThrows(UsageException.class, () -> BetaGrid.of(1, 2, 1));
        assertThrows(UsageException.class, () -> BetaGrid.range(2, 1, 3));
        assertThrows(UsageException.class, () -> BetaGrid.range(0, 1, 1));
    }

    @Test
    void refusesAlgorithmsWithoutATemperature() {
        Mdp mdp = randomMdp(3, 2, 2);
        UsageException e = assertThrows(UsageException.class, () -> BetaSweep.run(mdp, MdpAlgorithm.VALUE_ITERATION,
                RunConfig.builder(), SweepParameter.BETA, BetaGrid.symmetric(1), "", BetaSweep.Listener.NONE));
        assertTrue(e.getMessage().contains("value-iteration has no inverse temperature"), e.getMessage());
        e = assertThrows(UsageException.class, () -> BetaSweep.run(mdp, MdpAlgorithm.SOFT_VALUE_ITERATION,
                RunConfig.builder(), SweepParameter.BETA_AGENT, BetaGrid.symmetric(1), "", BetaSweep.Listener.NONE));
        assertTrue(e.getMessage().startsWith("vary: "), e.getMessage());
    }
}
