package org.memarl.experiment;

import java.util.Arrays;
import org.memarl.InvalidModelException;
import org.memarl.kernel.SoftExtremum;

/**
 * One independent learner of Algorithm 1 (thesis appendix B.3.1) in a two-player matrix game, in
 * memarl's reward units. It keeps a table {@code Q(x, y)} of its <em>own</em> reward indexed
 * [own action x][other player's action y] (so the column player's table is the transpose of the
 * payoff as the column player sees it), uniform priors {@code P(x)}, {@code P(y|x)}, {@code P(y)},
 * {@code P(x|y)}, and turns the table into a policy at the temperature schedule omega:
 *
 * <p><b>Agent first</b> ({@link AgentKind#BALANCING_Q}, and {@link AgentKind#PR2} with
 * beta_opp = beta_agent). Algorithm 1, line 4, writes the action value in the thesis's scaled units
 * <pre>
 *   Q_th(x) = (beta_agent / beta_opp) log sum_y P(y|x) exp(beta_opp omega Q(x, y))
 *           = beta_agent omega M_y^{beta_opp omega}[ Q(x, .) | P(y|x) ]
 * </pre>
 * where {@code M^beta[f | P] = (1/beta) log sum P exp(beta f)} is the soft extremum
 * ({@link SoftExtremum#value}; stable for any size of beta omega). Line 5, eq. (B.1), prints the
 * policy as {@code pi(x) = P(x) Q_th(x) / sum P Q_th}, which lacks the exponential (it is not even a
 * distribution when some Q_th is negative, as in the competitive game). memarl implements the
 * intended Boltzmann policy
 * <pre>
 *   pi(x) = P(x) exp(Q_th(x)) / sum_x' P(x') exp(Q_th(x'))
 *         = P(x) exp(beta_agent omega (M(x) - M_x^{beta_agent omega}[M | P]))
 * </pre>
 * ({@link SoftExtremum#policy} at inverse temperature {@code beta_agent omega}), which is the
 * agent-first chain of {@link org.memarl.algorithms.mapi.BalancingQ} (and
 * {@link org.memarl.algorithms.mapi.Pr2}) at the inverse temperatures (beta_agent omega, beta_opp omega),
 * evaluated on the learned table instead of the true payoff.
 *
 * <p><b>Opponent first</b> ({@link AgentKind#ROMMEO}, (3.14)-(3.18)): the opponent model is the outer
 * reduction,
 * <pre>
 *   rho(y)   proportional to P(y) exp(beta_opp omega M_x^{beta_agent omega}[ Q(., y) | P(x|y) ])
 *   pi(x|y)  proportional to P(x|y) exp(beta_agent omega Q(x, y))
 *   pi(x)    = sum_y rho(y) pi(x|y)                                                   (3.18)
 * </pre>
 * as {@link org.memarl.algorithms.mapi.Rommeo} with beta = beta_agent omega = beta_opp omega.
 *
 * <p><b>Update</b> (Algorithm 1, line 7): after the joint action (x, y) with own reward r,
 * {@code Q(x, y) <- Q(x, y) + alpha (r - Q(x, y))}; no other entry changes.
 *
 * <p>Mutable: {@link #update} modifies the table; {@link #policy} modifies only its {@code out}
 * argument and the learner's workspaces, allocating nothing. Not thread-safe.
 */
public final class MatrixGameLearner {
    private final PlayerSpec spec;
    private final int nOwn;
    private final int nOther;
    /** Q[x * nOther + y]. */
    private final double[] q;
    /** The transpose, Q[y * nOwn + x], kept in step for the opponent-first reductions. */
    private final double[] qT;
    private final double[] priorOwn;
    private final double[] priorOther;
    /** P(y | x) as [x * nOther + y]. */
    private final double[] priorOtherGivenOwn;
    /** P(x | y) as [y * nOwn + x]. */
    private final double[] priorOwnGivenOther;
    private final double[] outer;
    private final double[] rho;
    private final double[] inner;

    /**
     * A learner with a zero table and uniform priors (Algorithm 1, line 2).
     *
     * @param spec kind and inverse temperatures
     * @param nOwn number of own actions
     * @param nOther number of the other player's actions
     */
    public MatrixGameLearner(PlayerSpec spec, int nOwn, int nOther) {
        if (spec == null) {
            throw new InvalidModelException("agent: missing");
        }
        if (nOwn < 1 || nOther < 1) {
            throw new InvalidModelException("actions: " + nOwn + " x " + nOther + " is not a positive size");
        }
        this.spec = spec;
        this.nOwn = nOwn;
        this.nOther = nOther;
        this.q = new double[nOwn * nOther];
        this.qT = new double[nOwn * nOther];
        this.priorOwn = uniform(nOwn, 1);
        this.priorOther = uniform(nOther, 1);
        this.priorOtherGivenOwn = uniform(nOther, nOwn);
        this.priorOwnGivenOther = uniform(nOwn, nOther);
        this.outer = new double[Math.max(nOwn, nOther)];
        this.rho = new double[nOther];
        this.inner = new double[nOwn];
    }

    private static double[] uniform(int n, int rows) {
        double[] p = new double[n * rows];
        Arrays.fill(p, 1.0 / n);
        return p;
    }

    public PlayerSpec spec() {
        return spec;
    }

    public int numOwnActions() {
        return nOwn;
    }

    public int numOtherActions() {
        return nOther;
    }

    /** The learned value {@code Q(own, other)} of the learner's own reward. */
    public double q(int own, int other) {
        return q[own * nOther + other];
    }

    /**
     * Writes the executed policy over own actions at the schedule value {@code omega} into
     * {@code out[0 .. numOwnActions())}.
     *
     * @param omega the temperature schedule omega_t &gt; 0 (multiplies both inverse temperatures)
     * @param out receives the policy; only it (and internal workspaces) is modified
     */
    public void policy(double omega, double[] out) {
        if (!(omega > 0.0) || Double.isInfinite(omega)) {
            throw new InvalidModelException("omega: " + omega + " is not a positive finite schedule value");
        }
        double bAgent = spec.betaAgent() * omega;
        double bOpp = spec.betaOpponent() * omega;
        if (!spec.kind().opponentFirst()) {
            // Algorithm 1, line 4: M(x) = M_y^{beta_opp omega}[Q(x, .) | P(y|x)]; Q_th(x) = beta_agent omega M(x)
            for (int x = 0; x < nOwn; x++) {
                outer[x] = SoftExtremum.value(bOpp, q, x * nOther, priorOtherGivenOwn, x * nOther, nOther);
            }
            // line 5 with the exponential: pi(x) proportional to P(x) exp(Q_th(x))
            SoftExtremum.policy(bAgent, outer, 0, priorOwn, 0, nOwn, out, 0);
            return;
        }
        // opponent first: Q(y) = M_x^{beta_agent omega}[Q(., y) | P(x|y)], rho(y) Boltzmann of Q(y)
        for (int y = 0; y < nOther; y++) {
            outer[y] = SoftExtremum.value(bAgent, qT, y * nOwn, priorOwnGivenOther, y * nOwn, nOwn);
        }
        SoftExtremum.policy(bOpp, outer, 0, priorOther, 0, nOther, rho, 0);
        // pi(x) = sum_y rho(y) pi(x|y)   (3.18)
        Arrays.fill(out, 0, nOwn, 0.0);
        for (int y = 0; y < nOther; y++) {
            SoftExtremum.policy(bAgent, qT, y * nOwn, priorOwnGivenOther, y * nOwn, nOwn, inner, 0);
            double r = rho[y];
            for (int x = 0; x < nOwn; x++) {
                out[x] += r * inner[x];
            }
        }
    }

    /**
     * Algorithm 1, line 7: {@code Q(own, other) <- Q(own, other) + learningRate (reward - Q(own, other))}.
     * Modifies the table.
     */
    public void update(int own, int other, double reward, double learningRate) {
        if (own < 0 || own >= nOwn || other < 0 || other >= nOther) {
            throw new InvalidModelException("action: (" + own + ", " + other + ") is outside " + nOwn + " x " + nOther);
        }
        if (!Double.isFinite(reward)) {
            throw new InvalidModelException("reward: " + reward + " is not finite");
        }
        int i = own * nOther + other;
        double v = q[i] + learningRate * (reward - q[i]);
        q[i] = v;
        qT[other * nOwn + own] = v;
    }
}
