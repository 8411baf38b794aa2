package org.memarl.experiment;

/**
 * The record of one learning run (one pairing, one seed): per step t, the schedule value omega_t, the
 * joint action sampled for the update, each player's recorded reward (mean over the rollouts) and
 * each player's executed policy. Arrays are copied in and out.
 */
public final class LearningTrace {
    private final Pairing pairing;
    private final long seed;
    private final double[] omega;
    private final int[] actionAgent;
    private final int[] actionOpponent;
    private final double[] rewardAgent;
    private final double[] rewardOpponent;
    private final double[][] policyAgent;
    private final double[][] policyOpponent;

    LearningTrace(Pairing pairing, long seed, double[] omega, int[] actionAgent, int[] actionOpponent,
                  double[] rewardAgent, double[] rewardOpponent, double[][] policyAgent, double[][] policyOpponent) {
        this.pairing = pairing;
        this.seed = seed;
        this.omega = omega;
        this.actionAgent = actionAgent;
        this.actionOpponent = actionOpponent;
        this.rewardAgent = rewardAgent;
        this.rewardOpponent = rewardOpponent;
        this.policyAgent = policyAgent;
        this.policyOpponent = policyOpponent;
    }

    public Pairing pairing() {
        return pairing;
    }

    public long seed() {
        return seed;
    }

    public int steps() {
        return omega.length;
    }

    public double omega(int t) {
        return omega[t];
    }

    /** The row player's action in the joint action sampled for the update at step t. */
    public int actionAgent(int t) {
        return actionAgent[t];
    }

    /** The column player's action in the joint action sampled for the update at step t. */
    public int actionOpponent(int t) {
        return actionOpponent[t];
    }

    /** The row player's reward at step t: the mean over the rollouts. */
    public double rewardAgent(int t) {
        return rewardAgent[t];
    }

    /** The column player's reward at step t: the mean over the rollouts. */
    public double rewardOpponent(int t) {
        return rewardOpponent[t];
    }

    /** The row player's executed policy at step t (a copy). */
    public double[] policyAgent(int t) {
        return policyAgent[t].clone();
    }

    /** The column player's executed policy at step t (a copy). */
    public double[] policyOpponent(int t) {
        return policyOpponent[t].clone();
    }

    /** The row player's rewards over all steps (a copy). */
    public double[] rewardsAgent() {
        return rewardAgent.clone();
    }

    /** The column player's rewards over all steps (a copy). */
    public double[] rewardsOpponent() {
        return rewardOpponent.clone();
    }
}
