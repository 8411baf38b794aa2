package org.memarl.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.memarl.InvalidModelException;

/** The two-learner dynamics of Algorithm 1 against a step computed by hand. */
class MatrixGameDynamicsTest {
    private static final double[][] R = ThesisMatrixGame.payoff();

    /** Inversion sampling written out: the first action whose cumulative probability exceeds u. */
    private static int draw(double[] p, double u) {
        double c = 0.0;
        for (int i = 0; i < p.length; i++) {
            c += p[i];
            if (u < c) {
                return i;
            }
        }
        return p.length - 1;
    }

    @Test
    void firstStepsByHand() {
        Pairing pairing = new Pairing(Setting.COMPETITIVE, PlayerSpec.pr2(0.1), PlayerSpec.balancingQ(0.1, -0.1));
        long seed = 42;
        LearningTrace tr = MatrixGameDynamics.run(R, pairing, seed, LearningConfig.thesis(2));

        // step 0: zero tables, uniform policies, omega = 1
        double[] uniform = {1.0 / 3, 1.0 / 3, 1.0 / 3};
        assertArrayEquals(uniform, tr.policyAgent(0), 1e-15);
        assertArrayEquals(uniform, tr.policyOpponent(0), 1e-15);
        assertEquals(1.0, tr.omega(0), 0.0);
        SplittableRandom rng = new SplittableRandom(seed);
        int a = draw(uniform, rng.nextDouble());
        int b = draw(uniform, rng.nextDouble());
        assertEquals(a, tr.actionAgent(0));
        assertEquals(b, tr.actionOpponent(0));
        double sum = 0.0;
        for (int k = 0; k < 50; k++) {
            int ra = draw(uniform, rng.nextDouble());
            int rb = draw(uniform, rng.nextDouble());
            sum += R[ra][rb];
        }
        assertEquals(sum / 50, tr.rewardAgent(0), 1e-12);
        assertEquals(-sum / 50, tr.rewardOpponent(0), 1e-12);

        // step 1: each learner has moved one entry by 0.6 of its own reward; omega = 1.01
        assertEquals(1.01, tr.omega(1), 0.0);
        double[][] qRow = new double[3][3];
        qRow[a][b] = 0.6 * R[a][b];
        double[][] qCol = new double[3][3];
        qCol[b][a] = 0.6 * -R[a][b];
        assertArrayEquals(MatrixGameLearnerTest.naiveAgentFirst(qRow, 0.1, 0.1, 1.01), tr.policyAgent(1), 1e-14);
        assertArrayEquals(MatrixGameLearnerTest.naiveAgentFirst(qCol, 0.1, -0.1, 1.01), tr.policyOpponent(1), 1e-14);
    }

    @Test
    void cooperativeOpponentReceivesTheSameReward() {
        Pairing pairing = new Pairing(Setting.COOPERATIVE, PlayerSpec.rommeo(0.1), PlayerSpec.rommeo(0.1));
        LearningTrace tr = MatrixGameDynamics.run(R, pairing, 3, LearningConfig.thesis(30));
        assertArrayEquals(tr.rewardsAgent(), tr.rewardsOpponent(), 0.0);
    }

    @Test
    void sameSeedSameRunOtherSeedOtherRun() {
        Pairing pairing = ThesisMatrixGame.pairings().get(2);
        LearningTrace x = MatrixGameDynamics.run(R, pairing, 9, LearningConfig.thesis(60));
        LearningTrace y = MatrixGameDynamics.run(R, pairing, 9, LearningConfig.thesis(60));
        LearningTrace z = MatrixGameDynamics.run(R, pairing, 10, LearningConfig.thesis(60));
        assertArrayEquals(x.rewardsAgent(), y.rewardsAgent(), 0.0);
        for (int t = 0; t < 60; t++) {
            assertArrayEquals(x.policyAgent(t), y.policyAgent(t), 0.0);
            assertArrayEquals(x.policyOpponent(t), y.policyOpponent(t), 0.0);
        }
        boolean differs = false;
        for (int t = 0; t < 60; t++) {
            differs |= x.rewardAgent(t) != z.rewardAgent(t);
        }
        assertEquals(true, differs, "another seed gives another run");
    }

    @Test
    void samplingByInversion() {
        double[] p = {0.25, 0.0, 0.75};
        assertEquals(0, MatrixGameDynamics.sample(p, 0.0));
        assertEquals(0, MatrixGameDynamics.sample(p, 0.2499));
        assertEquals(2, MatrixGameDynamics.sample(p, 0.25));
        assertEquals(2, MatrixGameDynamics.sample(p, Math.nextDown(1.0)));
        // rounding that leaves the total below u falls back to the last action with mass
        assertEquals(0, MatrixGameDynamics.sample(new double[] {0.9999999999, 0.0}, Math.nextDown(1.0)));
    }

    @Test
    void configurationIsValidated() {
        assertThrows(InvalidModelException.class, () -> LearningConfig.thesis(0));
        assertThrows(InvalidModelException.class, () -> new LearningConfig(10, 0.0, 1.01, 50));
        assertThrows(InvalidModelException.class, () -> new LearningConfig(10, 0.6, 0.99, 50));
        assertThrows(InvalidModelException.class, () -> new LearningConfig(10, 0.6, 1.01, 0));
        assertThrows(InvalidModelException.class, () -> LearningConfig.thesis(200_000)); // 1.01^t overflows
        assertThrows(InvalidModelException.class,
                () -> MatrixGameDynamics.run(new double[][] {{1, 2}, {3}}, ThesisMatrixGame.pairings().get(0), 0,
                        LearningConfig.thesis(1)));
    }
}
