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
 * Probabilistic Balancing Q (thesis (3.49)-(3.54)), iterated in the thesis's own scaled units on the
 * opponent model's action value {@code Q^{-i}}:
 *
 * <pre>
 *   Q(s, a)        = log sum_b P(b | s, a) exp(Q^{-i}(s, a, b))                                (3.49)
 *   V^i(s)         = log sum_a P(a | s) exp((beta_i / beta_-i) Q(s, a))                          (3.52)
 *   Q^{-i}(s,a,b)  = beta_-i R(s, a, b) + gamma E_{s'} [ (beta_-i / beta_i) V^i(s') ]             (3.54)
 *   rho(b | s, a)  = P(b|s,a) exp(Q^{-i}(s,a,b) - Q(s,a)),   pi(a | s) = P(a|s) exp((beta_i/beta_-i) Q(s,a) - V^i(s))
 * </pre>
 *
 * This is Balancing Q from the agent's perspective with {@code Q^{-i} = beta_-i Q_BQ} and
 * {@code V^i = beta_i V_BQ} (the ledger checks it). The result reports reward units
 * ({@code V = V^i / beta_i}, {@code Q = Q^{-i} / beta_-i}) and the thesis units as {@code Vth}, {@code Qth}.
 * Both betas must be finite and nonzero (the scaled units do not exist otherwise). The operator on
 * {@code Q^{-i}} is a gamma-contraction; its tolerance is scaled by |beta_-i| so that the reward-unit
 * distance to the fixed point is at most the requested tolerance.
 */
public final class ProbabilisticBalancingQ {
    private ProbabilisticBalancingQ() {
    }

    public static Solution solve(Game g, RunConfig config) {
        double bi = config.beta();
        double bo = config.betaOpponent();
        if (!Double.isFinite(bi) || bi == 0.0) {
            throw new InvalidModelException("beta-agent: " + bi + "; probabilistic-balancing-q needs a finite nonzero"
                    + " beta (its scaled units beta Q do not exist otherwise); use balancing-q for the limits");
        }
        if (!Double.isFinite(bo) || bo == 0.0) {
            throw new InvalidModelException("beta-opponent: " + bo + "; probabilistic-balancing-q needs a finite nonzero"
                    + " beta (its scaled units beta Q do not exist otherwise); use balancing-q for the limits");
        }
        if (g.horizon() > 0) {
            throw new InvalidModelException("horizon: probabilistic-balancing-q computes the infinite-horizon fixed point;"
                    + " use balancing-q for a finite horizon");
        }
        if (!(g.gamma() < 1.0)) {
            throw new InvalidModelException("gamma: 1 has no contraction bound for probabilistic-balancing-q; use gamma < 1");
        }
        Operator op = new Operator(g, bi, bo);
        FixedPoint fp = FixedPointDriver.solve(op, new double[op.size()],
                config.iteration().withTolerance(config.iteration().tolerance() * Math.abs(bo)), config.progress());
        double[] qth = fp.values();
        int n = g.numStates();
        int na = g.numAgentActions();
        int nb = g.numOpponentActions();
        double[][][] q = new double[n][na][nb];
        double[][][] qthT = new double[n][na][nb];
        double[] v = new double[n];
        double[] vth = new double[n];
        double[][] agent = new double[n][na];
        double[][] opponent = new double[n][nb];
        double[][][] cond = new double[n][na][nb];
        double[] pa = g.priorAgentFlat();
        double[] pba = g.opponentGivenAgentFlat();
        double[] qc = new double[na];
        for (int s = 0; s < n; s++) {
            for (int a = 0; a < na; a++) {
                int off = (s * na + a) * nb;
                double c = SoftExtremum.policy(1.0, qth, off, pba, off, nb, cond[s][a], 0);
                qc[a] = bi / bo * c;
                for (int o = 0; o < nb; o++) {
                    qthT[s][a][o] = qth[off + o];
                    q[s][a][o] = qth[off + o] / bo;
                }
            }
            vth[s] = SoftExtremum.policy(1.0, qc, 0, pa, s * na, na, agent[s], 0);
            v[s] = vth[s] / bi;
            for (int a = 0; a < na; a++) {
                for (int o = 0; o < nb; o++) {
                    opponent[s][o] += agent[s][a] * cond[s][a][o];
                }
            }
        }
        return Solution.builder("probabilistic-balancing-q")
                .parameter("gamma", g.gamma()).parameter("betaAgent", bi).parameter("betaOpponent", bo)
                .parameter("tolerance", config.iteration().tolerance())
                .parameter("maxIterations", config.iteration().maxIterations())
                .iterations(fp.iterations()).converged(fp.converged())
                .residual(fp.residual() / Math.abs(bo)).errorBound(fp.errorBound() / Math.abs(bo))
                .value("V", v).value("Q", q).value("Vth", vth).value("Qth", qthT)
                .policy("agent", agent).policy("opponent", opponent).policy("opponentGivenAgent", cond)
                .build();
    }

    /** The map (3.49)-(3.54) on flat {@code Q^{-i}[s][a][b]} in thesis units. Allocation-free per sweep. */
    static final class Operator implements ValueOperator {
        private final int n;
        private final int na;
        private final int nb;
        private final double gamma;
        private final double bi;
        private final double bo;
        private final double[] r;
        private final double[] pa;
        private final double[] pba;
        private final TransitionMatrix t;
        private final double[] vi;
        private final double[] qc;

        Operator(Game g, double bi, double bo) {
            n = g.numStates();
            na = g.numAgentActions();
            nb = g.numOpponentActions();
            gamma = g.gamma();
            this.bi = bi;
            this.bo = bo;
            r = g.rewardsAgentFlat();
            pa = g.priorAgentFlat();
            pba = g.opponentGivenAgentFlat();
            t = g.transitions();
            vi = new double[n];
            qc = new double[na];
        }

        @Override
        public int size() {
            return n * na * nb;
        }

        @Override
        public double modulus() {
            return gamma;
        }

        private double vOf(int s, double[] qth) {
            for (int a = 0; a < na; a++) {
                int off = (s * na + a) * nb;
                qc[a] = bi / bo * SoftExtremum.value(1.0, qth, off, pba, off, nb);
            }
            return SoftExtremum.value(1.0, qc, 0, pa, s * na, na);
        }

        @Override
        public void apply(double[] in, double[] out) {
            for (int s = 0; s < n; s++) {
                vi[s] = vOf(s, in);
            }
            for (int row = 0; row < n * na * nb; row++) {
                out[row] = bo * r[row] + gamma * (bo / bi) * t.expect(row, vi);
            }
        }

        @Override
        public double applyInPlace(double[] q) {
            for (int s = 0; s < n; s++) {
                vi[s] = vOf(s, q);
            }
            double res = 0.0;
            for (int s = 0; s < n; s++) {
                for (int row = s * na * nb; row < (s + 1) * na * nb; row++) {
                    double nq = bo * r[row] + gamma * (bo / bi) * t.expect(row, vi);
                    res = Math.max(res, Math.abs(nq - q[row]));
                    q[row] = nq;
                }
                vi[s] = vOf(s, q);
            }
            return res;
        }
    }
}
