package org.memarl.algorithms.classical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.memarl.ledger.RandomMdps;
import org.memarl.model.Mdp;
import org.memarl.solve.ValueOperator;
import org.memarl.testing.Reference;
import org.memarl.testing.Tolerance;

/** One application of the Q-iteration operator (2.20), Jacobi and Gauss-Seidel, against the reference. */
class QIterationTest {
    private static final long SEED = Long.getLong("memarl.seed", 20201L);

    /** (B Q)(s, a) = r(s, a) + gamma sum_s' T(s'|s,a) M_a'^beta[Q(s', .)]. */
    private static double[] backupRow(Mdp mdp, double beta, double[] q, int s) {
        int n = mdp.numStates();
        int m = mdp.numActions();
        double[] v = new double[n];
        for (int s2 = 0; s2 < n; s2++) {
            double[] row = java.util.Arrays.copyOfRange(q, s2 * m, s2 * m + m);
            double[] p = new double[m];
            for (int a = 0; a < m; a++) {
                p[a] = mdp.prior(s2, a);
            }
            v[s2] = Reference.softExtremum(beta, row, p);
        }
        return Reference.q(mdp, v)[s];
    }

    @Test
    @DisplayName("apply is (2.20); applyInPlace updates state by state with the freshest Q (Gauss-Seidel)")
    void oneSweep() {
        SplittableRandom rng = new SplittableRandom(SEED);
        for (int rep = 0; rep < 100; rep++) {
            Mdp mdp = RandomMdps.mdp(rng.nextLong(), 4);
            double beta = rng.nextInt(3) == 0 ? Double.POSITIVE_INFINITY : RandomMdps.positiveBeta(rng);
            int n = mdp.numStates();
            int m = mdp.numActions();
            double[] q = new double[n * m];
            for (int i = 0; i < q.length; i++) {
                q[i] = 10 * rng.nextDouble() - 5;
            }
            ValueOperator op = QIteration.operator(mdp, beta);
            assertEquals(n * m, op.size());
            double tol = Tolerance.ulps(16, 5 + mdp.maxAbsReward());
            double[] out = new double[n * m];
            op.apply(q, out);
            for (int s = 0; s < n; s++) {
                assertArrayEquals(backupRow(mdp, beta, q, s), java.util.Arrays.copyOfRange(out, s * m, s * m + m), tol);
            }
            double[] gs = q.clone();
            double res = op.applyInPlace(gs);
            double[] manual = q.clone();
            double manualRes = 0;
            for (int s = 0; s < n; s++) {
                double[] row = backupRow(mdp, beta, manual, s);
                for (int a = 0; a < m; a++) {
                    manualRes = Math.max(manualRes, Math.abs(row[a] - manual[s * m + a]));
                    manual[s * m + a] = row[a];
                }
            }
            assertArrayEquals(manual, gs, tol, "rep " + rep);
            assertEquals(manualRes, res, 2 * tol);
        }
    }
}
