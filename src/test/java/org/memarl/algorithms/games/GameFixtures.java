package org.memarl.algorithms.games;

import java.util.SplittableRandom;
import org.memarl.model.Game;

/**
 * Games and independent reference computations for the game-solver tests. Nothing here calls the code
 * under test: the references are closed forms, brute force or plain loops written out again.
 */
final class GameFixtures {
    static final long SEED = Long.getLong("memarl.seed", 20201L);

    private GameFixtures() {
    }

    static double[][] matchingPennies() {
        return new double[][] {{1, -1}, {-1, 1}};
    }

    static double[][] rockPaperScissors() {
        return new double[][] {{0, -1, 1}, {1, 0, -1}, {-1, 1, 0}};
    }

    static double[][] negate(double[][] m) {
        double[][] out = new double[m.length][m[0].length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                out[i][j] = -m[i][j];
            }
        }
        return out;
    }

    static double[][] transpose(double[][] m) {
        double[][] out = new double[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                out[j][i] = m[i][j];
            }
        }
        return out;
    }

    static double maxAbs(double[][] m) {
        double x = 0.0;
        for (double[] row : m) {
            for (double v : row) {
                x = Math.max(x, Math.abs(v));
            }
        }
        return x;
    }

    static double[][] randomMatrix(SplittableRandom rng, int k, int l, double scale) {
        double[][] m = new double[k][l];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < l; j++) {
                m[i][j] = scale * (2.0 * rng.nextDouble() - 1.0);
            }
        }
        return m;
    }

    /**
     * The value of the 2x2 zero-sum game {@code [[a, b], [c, d]]} (rows maximise): the pure saddle value
     * when {@code max_i min_j = min_j max_i}, else the closed form {@code (ad - bc) / (a + d - b - c)}.
     */
    static double value2x2(double a, double b, double c, double d) {
        double maxmin = Math.max(Math.min(a, b), Math.min(c, d));
        double minmax = Math.min(Math.max(a, c), Math.max(b, d));
        if (maxmin == minmax) {
            return maxmin;
        }
        return (a * d - b * c) / (a + d - b - c);
    }

    static double value2x2(double[][] m) {
        return value2x2(m[0][0], m[0][1], m[1][0], m[1][1]);
    }

    /** {@code min_b sum_a x(a) R[a][b]}. */
    static double agentGuarantee(double[][] r, double[] x) {
        double lo = Double.POSITIVE_INFINITY;
        for (int b = 0; b < r[0].length; b++) {
            double s = 0.0;
            for (int a = 0; a < r.length; a++) {
                s += x[a] * r[a][b];
            }
            lo = Math.min(lo, s);
        }
        return lo;
    }

    /** {@code max_a sum_b R[a][b] y(b)}. */
    static double opponentGuarantee(double[][] r, double[] y) {
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] row : r) {
            double s = 0.0;
            for (int b = 0; b < row.length; b++) {
                s += row[b] * y[b];
            }
            hi = Math.max(hi, s);
        }
        return hi;
    }

    static double payoff(double[] x, double[][] m, double[] y) {
        double s = 0.0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < y.length; j++) {
                s += x[i] * m[i][j] * y[j];
            }
        }
        return s;
    }

    /** Largest gain of a pure deviation of either player from {@code (x, y)} in the bimatrix game (A, B). */
    static double deviationGain(double[][] a, double[][] b, double[] x, double[] y) {
        double ua = payoff(x, a, y);
        double ub = payoff(x, b, y);
        double gain = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < a.length; i++) {
            double s = 0.0;
            for (int j = 0; j < y.length; j++) {
                s += a[i][j] * y[j];
            }
            gain = Math.max(gain, s - ua);
        }
        for (int j = 0; j < y.length; j++) {
            double s = 0.0;
            for (int i = 0; i < x.length; i++) {
                s += x[i] * b[i][j];
            }
            gain = Math.max(gain, s - ub);
        }
        return gain;
    }

    /**
     * A random n-state game with 2 x 2 actions, dense random transitions, rewards in [-1, 1]. Sum type
     * {@code sum}; GENERAL draws independent opponent rewards.
     */
    static Game randomGame(SplittableRandom rng, int n, int na, int nb, double gamma, Game.Sum sum) {
        double[][][][] t = new double[n][na][nb][n];
        double[][][] ra = new double[n][na][nb];
        double[][][] ro = new double[n][na][nb];
        for (int s = 0; s < n; s++) {
            for (int a = 0; a < na; a++) {
                for (int b = 0; b < nb; b++) {
                    double z = 0.0;
                    for (int s2 = 0; s2 < n; s2++) {
                        t[s][a][b][s2] = rng.nextDouble() + 0.05;
                        z += t[s][a][b][s2];
                    }
                    for (int s2 = 0; s2 < n; s2++) {
                        t[s][a][b][s2] /= z;
                    }
                    ra[s][a][b] = 2.0 * rng.nextDouble() - 1.0;
                    ro[s][a][b] = 2.0 * rng.nextDouble() - 1.0;
                }
            }
        }
        Game.Builder bld = Game.builder().name("random").states(n).agentActions(na).opponentActions(nb).gamma(gamma)
                .transitions(t).sum(sum).rewards(ra);
        if (sum == Game.Sum.GENERAL) {
            bld.rewardsOpponent(ro);
        }
        return bld.build();
    }

    /** {@code T[s][a][b][s']} of a game, read entry by entry. */
    static double[][][][] transitions(Game g) {
        int n = g.numStates();
        double[][][][] t = new double[n][g.numAgentActions()][g.numOpponentActions()][n];
        for (int s = 0; s < n; s++) {
            for (int a = 0; a < g.numAgentActions(); a++) {
                for (int b = 0; b < g.numOpponentActions(); b++) {
                    for (int s2 = 0; s2 < n; s2++) {
                        t[s][a][b][s2] = g.transitions().get(g.row(s, a, b), s2);
                    }
                }
            }
        }
        return t;
    }

    /** {@code Q^i[s][a][b] = R^i + gamma sum T V} with plain loops. */
    static double[][][] q(Game g, boolean agent, double[] v) {
        int n = g.numStates();
        double[][][][] t = transitions(g);
        double[][][] q = new double[n][g.numAgentActions()][g.numOpponentActions()];
        for (int s = 0; s < n; s++) {
            for (int a = 0; a < g.numAgentActions(); a++) {
                for (int b = 0; b < g.numOpponentActions(); b++) {
                    double e = 0.0;
                    for (int s2 = 0; s2 < n; s2++) {
                        e += t[s][a][b][s2] * v[s2];
                    }
                    q[s][a][b] = (agent ? g.rewardAgent(s, a, b) : g.rewardOpponent(s, a, b)) + g.gamma() * e;
                }
            }
        }
        return q;
    }

    static double sup(double[] a, double[] b) {
        double d = 0.0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    static double sup(double[][][] a, double[][][] b) {
        double d = 0.0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                d = Math.max(d, sup(a[i][j], b[i][j]));
            }
        }
        return d;
    }

    /**
     * Values of the stationary pair {@code (pi, rho)} for one player, by iterating the evaluation
     * operator {@code iterations} times from 0 (a gamma-contraction).
     */
    static double[] evaluate(Game g, boolean agent, double[][] pi, double[][] rho, int iterations) {
        int n = g.numStates();
        double[] v = new double[n];
        for (int k = 0; k < iterations; k++) {
            double[][][] q = q(g, agent, v);
            double[] nv = new double[n];
            for (int s = 0; s < n; s++) {
                for (int a = 0; a < pi[s].length; a++) {
                    for (int b = 0; b < rho[s].length; b++) {
                        nv[s] += pi[s][a] * rho[s][b] * q[s][a][b];
                    }
                }
            }
            v = nv;
        }
        return v;
    }

    /** Optimal values of one player's MDP against the other's fixed policy, by value iteration. */
    static double[] bestResponse(Game g, boolean agent, double[][] other, int iterations) {
        int n = g.numStates();
        double[] v = new double[n];
        for (int k = 0; k < iterations; k++) {
            double[][][] q = q(g, agent, v);
            double[] nv = new double[n];
            for (int s = 0; s < n; s++) {
                double best = Double.NEGATIVE_INFINITY;
                int mine = agent ? g.numAgentActions() : g.numOpponentActions();
                for (int i = 0; i < mine; i++) {
                    double e = 0.0;
                    for (int j = 0; j < other[s].length; j++) {
                        e += other[s][j] * (agent ? q[s][i][j] : q[s][j][i]);
                    }
                    best = Math.max(best, e);
                }
                nv[s] = best;
            }
            v = nv;
        }
        return v;
    }

    /** Iterations after which gamma^k times the value scale is below {@code eps}. */
    static int iterationsFor(double gamma, double scale, double eps) {
        return (int) Math.ceil(Math.log(eps / Math.max(scale, 1e-300)) / Math.log(gamma)) + 10;
    }
}
