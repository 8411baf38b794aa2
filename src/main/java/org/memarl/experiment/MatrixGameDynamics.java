package org.memarl.experiment;

import java.util.SplittableRandom;
import org.memarl.InvalidModelException;

/**
 * Two independent learners of Algorithm 1 (thesis appendix B.3.1) playing a matrix game: the row
 * player ("agent", i) receives {@code R[a][b]}, the column player ("opponent", j) receives
 * {@code R[a][b]} (cooperative) or {@code -R[a][b]} (competitive). Each learns its own table
 * ({@link MatrixGameLearner}); neither sees the other's table or policy.
 *
 * <p>Step t = 0, 1, ..., T-1, with {@code omega_0 = 1}:
 * <ol>
 *   <li>each player computes its executed policy at omega_t ({@link MatrixGameLearner#policy});</li>
 *   <li>a joint action (a, b) is sampled from the two policies (a first, then b) and each player
 *       updates its own entry, {@code Q_i(a, b)} and {@code Q_j(b, a)}, towards its own reward;</li>
 *   <li>the step's recorded reward of each player is the mean over {@code rollouts} further joint
 *       actions sampled from the same (pre-update) policies;</li>
 *   <li>{@code omega_{t+1} = omega_t * growth}.</li>
 * </ol>
 * All draws come from one {@link SplittableRandom} seeded with the run's seed, in the order above, by
 * inversion of the cumulative policy; so a seed fixes the run bit for bit. Cost per step:
 * O(|A| |B|) for the policies plus O(rollouts (|A| + |B|)) for the draws.
 */
public final class MatrixGameDynamics {
    private MatrixGameDynamics() {
    }

    /**
     * Runs one pairing with one seed.
     *
     * @param payoff the row player's payoff {@code R[a][b]} (rectangular, finite)
     * @param pairing setting and the two learners
     * @param seed seed of the run's random stream
     * @param config steps, learning rate, schedule and rollouts
     * @return the per-step record
     */
    public static LearningTrace run(double[][] payoff, Pairing pairing, long seed, LearningConfig config) {
        int na = payoff.length;
        if (na == 0 || payoff[0].length == 0) {
            throw new InvalidModelException("payoff: empty matrix");
        }
        int nb = payoff[0].length;
        for (int a = 0; a < na; a++) {
            if (payoff[a].length != nb) {
                throw new InvalidModelException("payoff[" + a + "]: length " + payoff[a].length + ", expected " + nb);
            }
            for (int b = 0; b < nb; b++) {
                if (!Double.isFinite(payoff[a][b])) {
                    throw new InvalidModelException("payoff[" + a + "][" + b + "]: " + payoff[a][b] + " is not finite");
                }
            }
        }
        Setting setting = pairing.setting();
        MatrixGameLearner row = new MatrixGameLearner(pairing.agent(), na, nb);
        MatrixGameLearner col = new MatrixGameLearner(pairing.opponent(), nb, na);
        SplittableRandom rng = new SplittableRandom(seed);
        int steps = config.steps();
        double[] omegas = new double[steps];
        int[] actA = new int[steps];
        int[] actB = new int[steps];
        double[] rewA = new double[steps];
        double[] rewB = new double[steps];
        double[][] polA = new double[steps][na];
        double[][] polB = new double[steps][nb];
        double omega = 1.0;
        for (int t = 0; t < steps; t++) {
            double[] pa = polA[t];
            double[] pb = polB[t];
            row.policy(omega, pa);
            col.policy(omega, pb);
            // the joint action that both learners update on
            int a = sample(pa, rng.nextDouble());
            int b = sample(pb, rng.nextDouble());
            double r = payoff[a][b];
            row.update(a, b, r, config.learningRate());
            col.update(b, a, setting.opponentReward(r), config.learningRate());
            // the recorded reward: the mean over rollouts of the same (pre-update) policies
            double sumA = 0.0;
            double sumB = 0.0;
            for (int k = 0; k < config.rollouts(); k++) {
                int ra = sample(pa, rng.nextDouble());
                int rb = sample(pb, rng.nextDouble());
                double rr = payoff[ra][rb];
                sumA += rr;
                sumB += setting.opponentReward(rr);
            }
            omegas[t] = omega;
            actA[t] = a;
            actB[t] = b;
            rewA[t] = sumA / config.rollouts();
            rewB[t] = sumB / config.rollouts();
            omega *= config.omegaGrowth();
        }
        return new LearningTrace(pairing, seed, omegas, actA, actB, rewA, rewB, polA, polB);
    }

    /**
     * The action whose cumulative probability first exceeds {@code u} in [0, 1) (inversion); rounding
     * that leaves u above the total falls back to the last action with positive probability.
     */
    static int sample(double[] p, double u) {
        double c = 0.0;
        int last = -1;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0.0) {
                c += p[i];
                last = i;
                if (u < c) {
                    return i;
                }
            }
        }
        if (last < 0) {
            throw new org.memarl.MemarlException("policy has no positive mass");
        }
        return last;
    }
}
