package org.memarl.algorithms.mapi;

import org.memarl.InvalidModelException;
import org.memarl.algorithms.RunConfig;
import org.memarl.kernel.SoftExtremum;
import org.memarl.model.Game;
import org.memarl.model.TransitionMatrix;
import org.memarl.solve.FixedPoint;
import org.memarl.solve.FixedPointDriver;
import org.memarl.solve.Solution;
import org.memarl.solve.ValueOperator;

/**
 * GR2, generalised recursive reasoning at level K (Wen et al. 2019, cited in thesis section 3.1), as
 * K nested soft best responses on the agent's Q in reward units, level 0 being the prior:
 *
 * <pre>
 *   pi_0(a | s) = P(a | s),   rho_0(b | s) = P(b | s)
 *   pi_k(a | s)  proportional to P(a | s) exp(beta_i  sum_b rho_{k-1}(b | s) Q(s, a, b))     k = 1 .. K
 *   rho_k(b | s) proportional to P(b | s) exp(beta_-i sum_a pi_{k-1}(a | s) Q(s, a, b))     k = 1 .. K-1
 *   V(s) = M_a^{beta_i}[ sum_b rho_{K-1}(b | s) Q(s, a, b) | P(a | s) ]    (K >= 1);   V(s) = E_{P(a) P(b)} Q (K = 0)
 *   Q(s, a, b) = r(s, a, b) + gamma E_{s'} V(s')
 * </pre>
 *
 * The level-K agent soft-best-responds to a level-(K-1) opponent model, which responds to a
 * level-(K-2) agent, and so on down to the prior. For K &lt;= 1 the operator is a gamma-contraction
 * (a soft extremum of expectations). For K &gt;= 2 the opponent model itself depends on Q, the map is
 * not monotone and need not contract: the fixed-point driver then reports what it reaches, and
 * non-convergence honestly (the ledger tests the contraction claim for every K). Result policies:
 * {@code agent} = pi_K, {@code opponent} = rho_{K-1} (the prior at K = 0).
 */
public final class Gr2 {
    private Gr2() {
    }

    public static Solution solve(Game g, RunConfig config) {
        int k = config.level();
        if (g.horizon() > 0) {
            throw new InvalidModelException("horizon: gr2 computes the infinite-horizon fixed point; remove horizon");
        }
        if (!(g.gamma() < 1.0)) {
            throw new InvalidModelException("gamma: 1 has no contraction bound for gr2; use gamma < 1");
        }
        Operator op = new Operator(g, k, config.beta(), config.betaOpponent());
        FixedPoint fp = FixedPointDriver.solve(op, new double[g.numStates()], config.iteration(), config.progress());
        double[] v = fp.values();
        int n = g.numStates();
        int na = g.numAgentActions();
        int nb = g.numOpponentActions();
        double[][][] q = new double[n][na][nb];
        double[][] agent = new double[n][na];
        double[][] opponent = new double[n][nb];
        for (int s = 0; s < n; s++) {
            op.stateQ(s, v);
            op.levels(s);
            for (int a = 0; a < na; a++) {
                System.arraycopy(op.q, a * nb, q[s][a], 0, nb);
            }
            System.arraycopy(op.pi, 0, agent[s], 0, na);
            System.arraycopy(op.rho, 0, opponent[s], 0, nb);
        }
        return Solution.builder("gr2")
                .parameter("gamma", g.gamma()).parameter("level", k)
                .parameter("betaAgent", config.beta()).parameter("betaOpponent", config.betaOpponent())
                .parameter("tolerance", config.iteration().tolerance())
                .parameter("maxIterations", config.iteration().maxIterations())
                .fixedPoint(fp)
                .value("V", v).value("Q", q).policy("agent", agent).policy("opponent", opponent)
                .build();
    }

    /** The highest reasoning level K: the work of a sweep grows linearly in K. */
    public static final int MAX_LEVEL = 10_000;

    /** The level-K map on V. Workspaces allocated once; not thread-safe. */
    public static final class Operator implements ValueOperator {
        private final int n;
        private final int na;
        private final int nb;
        private final int level;
        private final double bi;
        private final double bo;
        private final double gamma;
        private final double[] r;
        private final double[] pa;
        private final double[] pb;
        private final TransitionMatrix t;
        final double[] q;
        final double[] pi;
        final double[] rho;
        private final double[] piPrev;
        private final double[] rhoPrev;
        private final double[] fa;
        private final double[] fb;
        private double value;

        public Operator(Game g, int level, double betaAgent, double betaOpponent) {
            if (level < 0) {
                throw new InvalidModelException("level: " + level + " is not a nonnegative integer");
            }
            if (level > MAX_LEVEL) {
                throw new InvalidModelException("level: " + level + " is more than " + MAX_LEVEL + ", the most reasoning"
                        + " levels gr2 runs (every sweep nests one soft best response per level in every state)");
            }
            n = g.numStates();
            na = g.numAgentActions();
            nb = g.numOpponentActions();
            this.level = level;
            bi = betaAgent;
            bo = betaOpponent;
            gamma = g.gamma();
            r = g.rewardsAgentFlat();
            pa = normalised(g.priorAgentFlat(), na);
            pb = normalised(g.priorOpponentFlat(), nb);
            t = g.transitions();
            q = new double[na * nb];
            pi = new double[na];
            rho = new double[nb];
            piPrev = new double[na];
            rhoPrev = new double[nb];
            fa = new double[na];
            fb = new double[nb];
        }

        private static double[] normalised(double[] p, int m) {
            for (int s = 0; s < p.length / m; s++) {
                double z = 0.0;
                for (int i = 0; i < m; i++) {
                    z += p[s * m + i];
                }
                for (int i = 0; i < m; i++) {
                    p[s * m + i] /= z;
                }
            }
            return p;
        }

        void stateQ(int s, double[] v) {
            int base = s * na * nb;
            for (int j = 0; j < na * nb; j++) {
                q[j] = r[base + j] + gamma * t.expect(base + j, v);
            }
        }

        /** From {@link #q} of state s: pi = pi_K, rho = rho_{K-1}, and the value V(s). */
        void levels(int s) {
            System.arraycopy(pa, s * na, pi, 0, na);
            System.arraycopy(pb, s * nb, rho, 0, nb);
            if (level == 0) {
                double e = 0.0;
                for (int a = 0; a < na; a++) {
                    for (int b = 0; b < nb; b++) {
                        e += pi[a] * rho[b] * q[a * nb + b];
                    }
                }
                value = e;
                return;
            }
            // after iteration k: pi = pi_k, rho = rho_{k-1}
            for (int k = 1; k <= level; k++) {
                System.arraycopy(pi, 0, piPrev, 0, na);
                System.arraycopy(rho, 0, rhoPrev, 0, nb);
                for (int a = 0; a < na; a++) {
                    double e = 0.0;
                    for (int b = 0; b < nb; b++) {
                        e += rhoPrev[b] * q[a * nb + b];
                    }
                    fa[a] = e;
                }
                value = SoftExtremum.policy(bi, fa, 0, pa, s * na, na, pi, 0);
                if (k < level) {
                    for (int b = 0; b < nb; b++) {
                        double e = 0.0;
                        for (int a = 0; a < na; a++) {
                            e += piPrev[a] * q[a * nb + b];
                        }
                        fb[b] = e;
                    }
                    SoftExtremum.policy(bo, fb, 0, pb, s * nb, nb, rho, 0);
                } else {
                    System.arraycopy(rhoPrev, 0, rho, 0, nb);
                }
            }
        }

        @Override
        public int size() {
            return n;
        }

        @Override
        public double modulus() {
            return gamma;
        }

        @Override
        public void apply(double[] in, double[] out) {
            for (int s = 0; s < n; s++) {
                stateQ(s, in);
                levels(s);
                out[s] = value;
            }
        }

        @Override
        public double applyInPlace(double[] v) {
            double res = 0.0;
            for (int s = 0; s < n; s++) {
                stateQ(s, v);
                levels(s);
                res = Math.max(res, Math.abs(value - v[s]));
                v[s] = value;
            }
            return res;
        }
    }
}
