package org.memarl.solve;

import org.memarl.InvalidModelException;
import org.memarl.kernel.SoftExtremum;
import org.memarl.model.Mdp;
import org.memarl.model.TransitionMatrix;

/**
 * The evaluation of one fixed policy of an MDP as a linear system that is never assembled, and the
 * improvement step that picks the next policy: the two halves of (soft) policy iteration.
 *
 * <pre>
 *   (I - gamma P_pi) V = r_pi,      (P_pi V)(s) = sum_a pi(a|s) sum_{s'} T(s'|s,a) V(s'),
 *   r_pi(s) = sum_a pi(a|s) [ r(s,a) - (1/beta) log(pi(a|s) / P(a|s)) ]          (thesis (2.50)-(2.51))
 * </pre>
 *
 * <p>{@link #improve} is one fused pass over the rows of T (the same row loops as a value-iteration
 * sweep, {@link TransitionMatrix#q}): for every state the Q values {@code Q(s,a) = r + gamma T V}, the
 * backup {@code (B V)(s)}, the new policy and its {@code r_pi(s)}. Soft ({@link Kind#BOLTZMANN}): the Boltzmann
 * policy w.r.t. the prior {@code pi(a|s) = P(a|s) exp(beta (Q(s,a) - (B V)(s)))} (thesis (2.48), (2.53)) and
 * {@code (B V)(s) = M_a^beta[Q(s,.) | P(.|s)]} (2.49); since {@code M^beta[Q] = E_pi[Q] - (1/beta) KL(pi || P)}
 * for this pi, {@code r_pi(s) = (B V)(s) - sum_a pi(a|s) (Q(s,a) - r(s,a))}, no logarithm needed. Hard
 * ({@link Kind#GREEDY}): the greedy deterministic policy over the prior's support (2.16), keeping the current
 * action unless another is better by more than 1e-12 relative (so the policy settles), {@code (B V)(s) = max_a Q}
 * (2.19) and {@code r_pi(s) = r(s, pi(s))}.
 *
 * <p>{@link #apply} is the product {@code V -> V - gamma P_pi V} (the operator of {@link Gmres}) and
 * {@link #backup} the policy's Bellman map {@code V -> r_pi + gamma P_pi V} (evaluation sweeps): per state
 * one pass over the rows the policy uses (all A rows for a Boltzmann policy, one for a deterministic one).
 * Every pass runs on {@code threads} threads of the shared sweep pool over contiguous chunks of states;
 * each state's result is computed by the same instructions whatever the chunking, so results are
 * bit-identical for every thread count. Nothing is allocated per pass (policy, r_pi and per-thread scratch
 * are sized once). Not thread-safe.
 */
public final class PolicySystem extends PolicyPasses {
    /** How the improvement chooses the next policy. */
    public enum Kind {
        /** The Boltzmann policy at beta w.r.t. the prior (soft policy iteration). */
        BOLTZMANN,
        /** The greedy deterministic policy over the prior's support, ties keep the current action. */
        GREEDY
    }

    private final TransitionMatrix t;
    private final double[] rewards;
    private final double[] prior;
    private final int n;
    private final int actions;
    private final double beta;
    private final Kind kind;
    /** Boltzmann policy, flat [s A + a] (null for greedy). */
    private final double[] pi;
    /** Greedy policy: one action per state (null for Boltzmann). */
    private final int[] act;
    private final double[][] scratch;

    /**
     * The system of an MDP whose first policy is, for {@link Kind#BOLTZMANN}, the prior and, for
     * {@link Kind#GREEDY}, the first action of the prior's support in every state (call {@link #improve}
     * before solving).
     *
     * @param beta inverse temperature of the Boltzmann policy (ignored by {@link Kind#GREEDY})
     * @param threads threads of every pass, at least 1
     */
    public PolicySystem(Mdp mdp, double beta, Kind kind, int threads) {
        super(mdp.numStates(), mdp.gamma(), threads, Math.max(mdp.transitions().nonzeros(),
                (long) mdp.numStates() * mdp.numActions()));
        if (kind == Kind.BOLTZMANN && Double.isNaN(beta)) {
            throw new InvalidModelException("beta: NaN is not an inverse temperature");
        }
        this.t = mdp.transitions();
        this.rewards = mdp.rewardsFlat();
        this.prior = mdp.priorFlat();
        this.n = mdp.numStates();
        this.actions = mdp.numActions();
        this.beta = beta;
        this.kind = kind;
        this.pi = kind == Kind.BOLTZMANN ? new double[n * actions] : null;
        this.act = kind == Kind.GREEDY ? new int[n] : null;
        this.scratch = new double[this.threads][actions];
        if (kind == Kind.GREEDY) {
            for (int s = 0; s < n; s++) {
                int a = 0;
                while (a < actions - 1 && !(prior[s * actions + a] > 0.0)) {
                    a++;
                }
                act[s] = a;
            }
        }
    }

    /** The kind of improvement. */
    public Kind kind() {
        return kind;
    }

    /** The stored entries of T of a full sweep (every row): the unit of sweep-equivalents. */
    @Override
    public long sweepEntries() {
        return Math.max(1L, t.nonzeros());
    }

    /** The current policy as {@code pi[s][a]} (a copy). */
    public double[][] policy() {
        double[][] out = new double[n][actions];
        for (int s = 0; s < n; s++) {
            if (kind == Kind.GREEDY) {
                out[s][act[s]] = 1.0;
            } else {
                System.arraycopy(pi, s * actions, out[s], 0, actions);
            }
        }
        return out;
    }

    /** The current greedy policy's action per state (a copy), or null for a Boltzmann policy. */
    public int[] actions() {
        return act == null ? null : act.clone();
    }

    @Override
    double policyExpect(int s, double[] x) {
        final int m = actions;
        if (act != null) {
            return t.expect(s * m + act[s], x);
        }
        double acc = 0.0;
        int base = s * m;
        for (int a = 0; a < m; a++) {
            double w = pi[base + a];
            if (w > 0.0) {
                acc += w * t.expect(base + a, x);
            }
        }
        return acc;
    }

    @Override
    void improveRange(double[] v, double[] bv, int from, int to, int slot) {
        final int m = actions;
        final double[] q = scratch[slot];
        long entries = 0;
        for (int s = from; s < to; s++) {
            int base = s * m;
            t.q(base, m, rewards, gamma, v, q, 0);
            if (act != null) {
                int cur = act[s];
                int best = cur;
                double bestQ = q[cur];
                double hi = prior[base + cur] > 0.0 ? q[cur] : Double.NEGATIVE_INFINITY;
                for (int a = 0; a < m; a++) {
                    if (prior[base + a] > 0.0) {
                        hi = Math.max(hi, q[a]);
                        if (q[a] > bestQ || !(prior[base + best] > 0.0)) {
                            best = a;
                            bestQ = q[a];
                        }
                    }
                }
                double scale = Math.max(1.0, Math.abs(bestQ));
                int next = (prior[base + cur] > 0.0 && !(bestQ - q[cur] > 1e-12 * scale)) ? cur : best;
                act[s] = next;
                bv[s] = hi;
                rPi[s] = rewards[base + next];
                entries += t.rowEnd(base + next) - t.rowStart(base + next);
            } else {
                double val = SoftExtremum.policy(beta, q, 0, prior, base, m, pi, base);
                double e = 0.0;
                for (int a = 0; a < m; a++) {
                    double w = pi[base + a];
                    if (w > 0.0) {
                        e += w * (q[a] - rewards[base + a]);
                        entries += t.rowEnd(base + a) - t.rowStart(base + a);
                    }
                }
                bv[s] = val;
                rPi[s] = val - e;
            }
        }
        slotEntries[slot] += entries;
    }
}
