package org.memarl.solve;

/**
 * One (soft) policy-iteration problem as {@link InexactPolicyIteration} runs it: an improvement pass that fixes a
 * policy and backs up V, and the fixed policy's linear system {@code (I - gamma P_pi) V = r_pi}, matrix-free.
 * {@link PolicySystem} (an MDP's actions, Boltzmann or greedy) and {@link ChainPolicySystem} (any chain, the policy
 * of every level fixed) implement it. The product {@link #apply} is {@code V -> V - gamma P_pi V}.
 */
public interface PolicyStep extends Gmres.Operator {
    /** gamma. */
    double gamma();

    /**
     * Improves the policy w.r.t. {@code v} (it becomes the current policy, with its {@code r_pi}) and writes the
     * optimality backup {@code bv = B v}. Modifies only {@code bv} and the policy.
     *
     * @return {@code ||B v - v||_inf}
     */
    double improve(double[] v, double[] bv);

    /** {@code y = r_pi + gamma P_pi x}, the current policy's Bellman map. Modifies only {@code y}. */
    void backup(double[] x, double[] y);

    /** r_pi of the current policy (shared, not a copy: do not modify). */
    double[] rewardOfPolicy();

    /** Stored entries of T one product reads for the current policy. */
    long policyEntries();

    /** Stored entries of T of one full sweep (the unit of sweep-equivalents), at least 1. */
    long sweepEntries();
}
