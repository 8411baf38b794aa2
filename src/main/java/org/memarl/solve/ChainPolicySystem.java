package org.memarl.solve;

import org.memarl.InvalidModelException;
import org.memarl.kernel.Chain;
import org.memarl.model.TransitionMatrix;

/**
 * Policy iteration's two halves for any chain ({@link ChainProblem}: games, options, declared chains): the
 * policy of every level fixed during the evaluation. {@link #improve} reduces each context's leaf Q values
 * {@code Q(c, x_1..x_K) = r + gamma T V} with {@link Chain#reduce} (the backup {@code (B V)(c)}), reads every
 * level's Boltzmann policy {@code pi_k(x_k | c, x_1..x_{k-1})} ({@link Chain#policy}; for beta = +-inf the prior
 * restricted to the maximisers / minimisers) and keeps the joint leaf weights
 * {@code w(c, j) = prod_k pi_k(x_k | c, x_<k)}. Since every level is a soft extremum
 * {@code M^beta[f | P] = E_pi f - (1/beta) KL(pi || P)} of its Boltzmann policy, whatever the sign of beta,
 * {@code (B V)(c) = r_pi(c) + gamma sum_j w(c, j) E[V | row(c, j)]} with
 * {@code r_pi(c) = (B V)(c) - sum_j w(c, j) (Q(c, j) - r(row(c, j)))}: the regularised reward of the fixed joint
 * policy, every level's KL term included. The system is {@code (I - gamma P_w) V = r_pi},
 * {@code (P_w V)(c) = sum_j w(c, j) E[V | row(c, j)]}. For a one-level chain with beta in (0, inf) this is soft
 * policy iteration (Newton's method); for two-player chains with opposite signs it is the policy iteration of
 * the joint chain (no monotonicity is claimed: {@link InexactPolicyIteration}'s certified stop and its fallback to
 * value iteration after a stall keep the answer right). Passes run on the sweep pool's threads, bit-identical for
 * every count; nothing is allocated per pass. Not thread-safe.
 */
public final class ChainPolicySystem extends PolicyPasses {
    private final Chain chain;
    private final TransitionMatrix t;
    private final double[] rewards;
    private final int contexts;
    private final int perBlock;
    private final int rowsPerBlock;
    private final int leafSize;
    private final int[] leafToRow;
    /** Joint leaf weights, flat [c L + j]. */
    private final double[] weights;
    private final Slot[] slots;

    /** Per-thread scratch. */
    private final class Slot {
        final Chain.Workspace ws = chain.newWorkspace();
        final double[] q = new double[leafSize];
        final double[] a = new double[leafSize];
        final double[] b = new double[leafSize];
        final double[] pol;

        Slot(int maxLevel) {
            pol = new double[maxLevel];
        }
    }

    /**
     * @param problem an infinite-horizon chain problem
     * @param threads threads of every pass, at least 1
     * @throws InvalidModelException if the problem has a horizon or threads &lt; 1
     */
    public ChainPolicySystem(ChainProblem problem, int threads) {
        super(problem.chain().contexts(), problem.gamma(), threads, Math.max(problem.transitions().nonzeros(),
                (long) problem.chain().contexts() * problem.chain().leafSize()));
        if (problem.horizon() > 0) {
            throw new InvalidModelException("horizon: policy iteration computes the infinite-horizon fixed point");
        }
        this.chain = problem.chain();
        this.t = problem.transitions();
        this.rewards = problem.rewardsShared();
        this.contexts = chain.contexts();
        this.perBlock = problem.contextsPerBlock();
        this.rowsPerBlock = problem.rowsPerBlock();
        this.leafSize = chain.leafSize();
        this.leafToRow = problem.leafToRowShared();
        this.weights = new double[contexts * leafSize];
        int maxLevel = 1;
        for (Chain.Level l : chain.levels()) {
            maxLevel = Math.max(maxLevel, l.size());
        }
        this.slots = new Slot[this.threads];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new Slot(maxLevel);
        }
    }

    /** Entries of T read by one sweep over every context's leaves (rows shared by contexts count once per context). */
    @Override
    public long sweepEntries() {
        long e = 0;
        for (int c = 0; c < contexts; c++) {
            for (int j = 0; j < leafSize; j++) {
                int row = row(c, j);
                e += t.rowEnd(row) - t.rowStart(row);
            }
        }
        return Math.max(1L, e);
    }

    private int row(int c, int j) {
        return (c / perBlock) * rowsPerBlock + (leafToRow == null ? j : leafToRow[j]);
    }

    /** The current joint leaf weights of context c (a copy, leaf order). */
    public double[] leafWeights(int c) {
        return java.util.Arrays.copyOfRange(weights, c * leafSize, (c + 1) * leafSize);
    }

    @Override
    double policyExpect(int c, double[] x) {
        double acc = 0.0;
        int base = c * leafSize;
        for (int j = 0; j < leafSize; j++) {
            double w = weights[base + j];
            if (w > 0.0) {
                acc += w * t.expect(row(c, j), x);
            }
        }
        return acc;
    }

    @Override
    void improveRange(double[] v, double[] bv, int from, int to, int slot) {
        Slot sc = slots[slot];
        int depth = chain.depth();
        long entries = 0;
        for (int c = from; c < to; c++) {
            for (int j = 0; j < leafSize; j++) {
                int row = row(c, j);
                sc.q[j] = rewards[row] + gamma * t.expect(row, v);
            }
            double val = chain.reduce(c, sc.q, 0, sc.ws);
            // joint leaf weights, level by level: w_{k+1}[pre n_k + x] = w_k[pre] pi_k(x | pre)
            double[] cur = sc.a;
            double[] next = sc.b;
            cur[0] = 1.0;
            for (int k = 0; k < depth; k++) {
                int n = chain.levels().get(k).size();
                int pc = chain.prefixCount(k);
                for (int pre = 0; pre < pc; pre++) {
                    double wp = cur[pre];
                    if (wp > 0.0) {
                        chain.policy(k, pre, sc.ws, sc.pol, 0);
                        for (int x = 0; x < n; x++) {
                            next[pre * n + x] = wp * sc.pol[x];
                        }
                    } else {
                        java.util.Arrays.fill(next, pre * n, pre * n + n, 0.0);
                    }
                }
                double[] sw = cur;
                cur = next;
                next = sw;
            }
            int base = c * leafSize;
            double e = 0.0;
            for (int j = 0; j < leafSize; j++) {
                double w = cur[j];
                weights[base + j] = w;
                if (w > 0.0) {
                    int row = row(c, j);
                    e += w * (sc.q[j] - rewards[row]);
                    entries += t.rowEnd(row) - t.rowStart(row);
                }
            }
            bv[c] = val;
            rPi[c] = val - e;
        }
        slotEntries[slot] += entries;
    }
}
