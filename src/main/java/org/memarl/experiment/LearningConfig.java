package org.memarl.experiment;

import org.memarl.InvalidModelException;

/**
 * The knobs of Algorithm 1 (thesis appendix B.3.1), immutable and validated.
 *
 * @param steps number of learning steps T (each: policies, one sampled joint action, one update)
 * @param learningRate alpha of the update {@code Q <- Q + alpha (r - Q)}, in (0, 1]; the thesis uses 0.6
 * @param omegaGrowth the schedule {@code omega_t = omegaGrowth^t} (omega_0 = 1); the thesis uses 1.01
 * @param rollouts joint actions sampled from the current policies whose mean reward is the step's
 *        recorded reward; the thesis uses 50
 */
public record LearningConfig(int steps, double learningRate, double omegaGrowth, int rollouts) {
    /** The thesis's learning rate (appendix B.3.1). */
    public static final double THESIS_LEARNING_RATE = 0.6;
    /** The thesis's schedule weight (appendix B.3.1). */
    public static final double THESIS_OMEGA_GROWTH = 1.01;
    /** The thesis's rollouts per recorded reward (appendix B.3.1). */
    public static final int THESIS_ROLLOUTS = 50;

    public LearningConfig {
        if (steps < 1) {
            throw new InvalidModelException("steps: " + steps + " is not a positive integer");
        }
        if (!(learningRate > 0.0 && learningRate <= 1.0)) {
            throw new InvalidModelException("learning-rate: " + learningRate + " is not in (0, 1]");
        }
        if (!(omegaGrowth >= 1.0) || Double.isInfinite(omegaGrowth)) {
            throw new InvalidModelException("omega-growth: " + omegaGrowth + " is not a finite number >= 1");
        }
        if (rollouts < 1) {
            throw new InvalidModelException("rollouts: " + rollouts + " is not a positive integer");
        }
        if (!Double.isFinite(Math.pow(omegaGrowth, steps))) {
            throw new InvalidModelException("steps: " + steps + " overflows the schedule omega_t = " + omegaGrowth + "^t");
        }
    }

    /** The thesis's settings with the given number of steps. */
    public static LearningConfig thesis(int steps) {
        return new LearningConfig(steps, THESIS_LEARNING_RATE, THESIS_OMEGA_GROWTH, THESIS_ROLLOUTS);
    }
}
