package org.memarl.solve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.memarl.algorithms.soft.SoftValueIteration;
import org.memarl.kernel.Chain;
import org.memarl.kernel.LevelPrior;
import org.memarl.ledger.RandomMdps;
import org.memarl.model.Mdp;
import org.memarl.testing.Reference;
import org.memarl.testing.Tolerance;

/** One application of the chain Bellman operator, against the BigDecimal reference operator. */
class ChainBellmanTest {
    private static final long SEED = Long.getLong("memarl.seed", 20201L);

    @Test
    @DisplayName("Q = r + gamma T V and (B V)(s) = M_a^beta[Q(s,.)|P], Jacobi and Gauss-Seidel forms, on random MDPs")
    void oneBackupMatchesTheReference() {
        SplittableRandom rng = new SplittableRandom(SEED);
        for (int rep = 0; rep < 200; rep++) {
            Mdp mdp = RandomMdps.mdp(rng.nextLong(), 5);
            double beta = FixedPointDriverTest.pickBeta(rng);
            int n = mdp.numStates();
            double[] v = new double[n];
            for (int s = 0; s < n; s++) {
                v[s] = 20 * rng.nextDouble() - 10;
            }
            ChainBellman op = SoftValueIteration.operator(mdp, beta);
            double scale = mdp.maxAbsReward() + 10;
            double[][] q = op.qTable(v);
            assertArrayEquals2(Reference.q(mdp, v), q, Tolerance.ulps(8, scale));
            double[] out = new double[n];
            op.apply(v, out);
            double[] expected = Reference.bellman(mdp, beta, v);
            assertArrayEquals(expected, out, Tolerance.ulps(8, scale), "beta " + beta);
            // Gauss-Seidel: state s sees the already updated values of states < s
            double[] gs = v.clone();
            double res = op.applyInPlace(gs);
            double[] manual = v.clone();
            double manualRes = 0;
            for (int s = 0; s < n; s++) {
                double nv = Reference.bellman(mdp, beta, manual)[s];
                manualRes = Math.max(manualRes, Math.abs(nv - manual[s]));
                manual[s] = nv;
            }
            assertArrayEquals(manual, gs, Tolerance.ulps(16, scale));
            assertEquals(manualRes, res, Tolerance.ulps(32, scale));
        }
    }

    private static void assertArrayEquals2(double[][] expected, double[][] actual, double tol) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], tol);
        }
    }

    @Test
    @DisplayName("the outer policy is the Boltzmann policy of Q(s, .) under the prior")
    void outerPolicyIsBoltzmann() {
        SplittableRandom rng = new SplittableRandom(SEED + 1);
        for (int rep = 0; rep < 100; rep++) {
            Mdp mdp = RandomMdps.mdp(rng.nextLong(), 4);
            double beta = RandomMdps.positiveBeta(rng) * (rng.nextBoolean() ? 1 : -1);
            double[] v = new double[mdp.numStates()];
            for (int s = 0; s < v.length; s++) {
                v[s] = 4 * rng.nextDouble() - 2;
            }
            ChainBellman op = SoftValueIteration.operator(mdp, beta);
            double[][] pi = op.outerPolicy(v);
            double[][] q = Reference.q(mdp, v);
            for (int s = 0; s < v.length; s++) {
                double[] p = new double[mdp.numActions()];
                for (int a = 0; a < p.length; a++) {
                    p[a] = mdp.prior(s, a);
                }
                double range = Tolerance.maxAbs(q[s]) * 2;
                assertArrayEquals(Reference.boltzmann(beta, q[s], p), pi[s],
                        Tolerance.ulps(16, 1) * (1 + Math.abs(beta) * range));
            }
        }
    }

    @Test
    @DisplayName("shape checks: transitions and rewards must fit the chain")
    void shapesAreChecked() {
        Mdp mdp = RandomMdps.mdp(new SplittableRandom(SEED + 2), 3, 2, 0.5);
        Chain wrong = Chain.single(3, 3, 1.0, LevelPrior.uniform());
        assertThrows(org.memarl.MemarlException.class, () -> new ChainBellman(mdp.transitions(), mdp.rewardsFlat(), 0.5, wrong));
        Chain right = Chain.single(3, 2, 1.0, LevelPrior.uniform());
        assertThrows(org.memarl.MemarlException.class, () -> new ChainBellman(mdp.transitions(), new double[5], 0.5, right));
    }
}
