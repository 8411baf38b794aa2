package org.memarl.algorithms.mapi;

import org.memarl.InvalidModelException;
import org.memarl.algorithms.ChainRun;
import org.memarl.algorithms.RunConfig;
import org.memarl.chains.ThesisChains;
import org.memarl.model.Game;
import org.memarl.solve.ChainProblem;
import org.memarl.solve.ChainSolution;
import org.memarl.solve.Solution;

/**
 * Probabilistic Balancing Q (thesis (3.49)-(3.54)), stated by the thesis in its scaled units on the opponent
 * model's action value {@code Q^{-i}}:
 *
 * <pre>
 *   Q(s, a)        = log sum_b P(b | s, a) exp(Q^{-i}(s, a, b))                                (3.49)
 *   V^i(s)         = log sum_a P(a | s) exp((beta_i / beta_-i) Q(s, a))                          (3.52)
 *   Q^{-i}(s,a,b)  = beta_-i R(s, a, b) + gamma E_{s'} [ (beta_-i / beta_i) V^i(s') ]             (3.54)
 *   rho(b | s, a)  = P(b|s,a) exp(Q^{-i}(s,a,b) - Q(s,a)),   pi(a | s) = P(a|s) exp((beta_i/beta_-i) Q(s,a) - V^i(s))
 * </pre>
 *
 * <p>It is Balancing Q's agent-perspective chain written with {@code Q^{-i} = beta_-i Q_BQ}: substitute
 * {@code Q^{-i} = beta_-i Q_BQ} and {@code V^i = beta_i V_BQ}. Then (3.49) is
 * {@code Q(s,a) = beta_-i M_b^{beta_-i}[Q_BQ(s,a,.) | P(b|s,a)]}, so (3.52) is
 * {@code V^i(s) = log sum_a P(a|s) exp(beta_i M_b^{beta_-i}[...]) = beta_i M_a^{beta_i}[M_b^{beta_-i}[Q_BQ] | P(a|s)]},
 * and (3.54) divided by beta_-i is {@code Q_BQ = R + gamma E_{s'} V_BQ(s')}: the fixed point of
 * (3.49)-(3.54) is that of {@link ThesisChains#balancingQ}{@code (true, beta_i, beta_-i)}, levels
 * {@code agent(beta_i)} with the prior {@code agent} P(a|s), then {@code opponent(beta_-i)} with
 * {@code opponentGivenAgent} P(b|s,a); rho and pi are that chain's Boltzmann policies (beta (Q - V) is the
 * same number in both units). So memarl runs that declaration ({@link org.memarl.solve.ChainSolver}) and
 * reports reward units ({@code V}, {@code Q}) and the thesis units {@code Vth = beta_i V},
 * {@code Qth = beta_-i Q}; the ledger's claim "eq. (3.54)" iterates the printed map in thesis units and
 * checks the identity. Both betas must be finite and nonzero (the scaled units do not exist otherwise);
 * the model must be discounted (no horizon). A scaled value that overflows double precision (beta times a
 * finite reward-unit value) is refused, naming the entry: {@code balancing-q} reports the reward units.
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
        ChainProblem p = ThesisChains.balancingQ(true, bi, bo).problem(GameChains.model(g));
        Solution.Builder b = Solution.builder("probabilistic-balancing-q")
                .parameter("gamma", g.gamma()).parameter("betaAgent", bi).parameter("betaOpponent", bo);
        ChainSolution sol = ChainRun.solve(p, config, b, false);
        int n = g.numStates();
        int na = g.numAgentActions();
        int nb = g.numOpponentActions();
        double[][] leaf = sol.q();
        double[][] inner = sol.policy(1);
        double[] v = sol.values();
        double[] vth = new double[n];
        double[][][] q = new double[n][na][nb];
        double[][][] qth = new double[n][na][nb];
        double[][][] cond = new double[n][na][nb];
        for (int s = 0; s < n; s++) {
            vth[s] = thesisUnits("Vth[" + s + "]", "beta-agent", bi, v[s]);
            for (int a = 0; a < na; a++) {
                for (int o = 0; o < nb; o++) {
                    q[s][a][o] = leaf[s][a * nb + o];
                    qth[s][a][o] = thesisUnits("Qth[" + s + "][" + a + "][" + o + "]", "beta-opponent", bo, q[s][a][o]);
                }
                System.arraycopy(inner[s], a * nb, cond[s][a], 0, nb);
            }
        }
        return b.value("V", v).value("Q", q).value("Vth", vth).value("Qth", qth)
                .policy("agent", sol.policy(0)).policy("opponent", sol.marginal(1)).policy("opponentGivenAgent", cond)
                .build();
    }

    /**
     * {@code beta * x}, a value in the thesis's scaled units; refused, naming the entry, when the product
     * overflows double precision (the reward-unit value is finite, so balancing-q can report it).
     */
    private static double thesisUnits(String key, String betaKey, double beta, double x) {
        double y = beta * x;
        if (!Double.isFinite(y)) {
            throw new InvalidModelException(key + ": " + betaKey + " " + beta + " times " + x + " overflows double precision"
                    + " in probabilistic-balancing-q's scaled units; use balancing-q (reward units) or smaller betas or rewards");
        }
        return y;
    }
}
