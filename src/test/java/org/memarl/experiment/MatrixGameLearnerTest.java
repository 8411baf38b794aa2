package org.memarl.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.memarl.InvalidModelException;
import org.memarl.algorithms.RunConfig;
import org.memarl.algorithms.mapi.BalancingQ;
import org.memarl.algorithms.mapi.Pr2;
import org.memarl.algorithms.mapi.Rommeo;
import org.memarl.kernel.SoftExtremum;
import org.memarl.model.Game;
import org.memarl.testing.Tolerance;

/**
 * Algorithm 1 (appendix B.3.1) per learner: the update rule by hand, the Boltzmann form of (B.1)
 * against a naive formula written here, against the kernel and against the library's closed forms.
 */
class MatrixGameLearnerTest {
    private static final double TOL = 1e-12;

    /** Algorithm 1, line 7, by hand: only the played entry moves, by alpha times the error. */
    @Test
    void updateMovesOnlyThePlayedEntryTowardsTheReward() {
        MatrixGameLearner l = new MatrixGameLearner(PlayerSpec.pr2(0.1), 3, 3);
        l.update(2, 1, 10.0, 0.6);
        assertEquals(6.0, l.q(2, 1), 0.0);
        l.update(2, 1, 10.0, 0.6);
        assertEquals(6.0 + 0.6 * (10.0 - 6.0), l.q(2, 1), Tolerance.ulps(4, 10.0));
        l.update(0, 2, -3.0, 0.6);
        assertEquals(-1.8, l.q(0, 2), Tolerance.ulps(4, 3.0));
        for (int x = 0; x < 3; x++) {
            for (int y = 0; y < 3; y++) {
                if (!(x == 2 && y == 1) && !(x == 0 && y == 2)) {
                    assertEquals(0.0, l.q(x, y), 0.0, "Q(" + x + "," + y + ")");
                }
            }
        }
        assertThrows(InvalidModelException.class, () -> l.update(3, 0, 1.0, 0.6));
        assertThrows(InvalidModelException.class, () -> l.update(0, 0, Double.NaN, 0.6));
    }

    /** Algorithm 1 with the exponential, written naively: pi(x) ∝ P(x) exp((b_a/b_o) log sum_y P(y|x) exp(b_o w Q)). */
    static double[] naiveAgentFirst(double[][] q, double bAgent, double bOpp, double omega) {
        int n = q.length;
        int m = q[0].length;
        double[] qth = new double[n];
        for (int x = 0; x < n; x++) {
            double s = 0.0;
            for (int y = 0; y < m; y++) {
                s += (1.0 / m) * Math.exp(bOpp * omega * q[x][y]);
            }
            qth[x] = (bAgent / bOpp) * Math.log(s);
        }
        double z = 0.0;
        double[] pi = new double[n];
        for (int x = 0; x < n; x++) {
            pi[x] = (1.0 / n) * Math.exp(qth[x]);
            z += pi[x];
        }
        for (int x = 0; x < n; x++) {
            pi[x] /= z;
        }
        return pi;
    }

    /** ROMMEO written naively: rho(y) ∝ P(y) sum_x P(x) exp(b w Q(x,y)) (one beta), pi(x|y) ∝ exp(b w Q(x,y)). */
    static double[] naiveRommeo(double[][] q, double beta, double omega) {
        int n = q.length;
        int m = q[0].length;
        double b = beta * omega;
        double[] rho = new double[m];
        double zr = 0.0;
        for (int y = 0; y < m; y++) {
            double s = 0.0;
            for (int x = 0; x < n; x++) {
                s += Math.exp(b * q[x][y]) / n;
            }
            // exp(b * M_x^b[Q(., y)]) = mean_x exp(b Q(x, y))
            rho[y] = s / m;
            zr += rho[y];
        }
        double[] pi = new double[n];
        for (int y = 0; y < m; y++) {
            double z = 0.0;
            for (int x = 0; x < n; x++) {
                z += Math.exp(b * q[x][y]);
            }
            for (int x = 0; x < n; x++) {
                pi[x] += (rho[y] / zr) * Math.exp(b * q[x][y]) / z;
            }
        }
        return pi;
    }

    private static double[][] randomTable(SplittableRandom rng, int n, int m, double scale) {
        double[][] q = new double[n][m];
        for (int x = 0; x < n; x++) {
            for (int y = 0; y < m; y++) {
                q[x][y] = scale * (2.0 * rng.nextDouble() - 1.0);
            }
        }
        return q;
    }

    /** A learner whose table is exactly {@code q} (learning rate 1 writes the reward). */
    private static MatrixGameLearner withTable(PlayerSpec spec, double[][] q) {
        MatrixGameLearner l = new MatrixGameLearner(spec, q.length, q[0].length);
        for (int x = 0; x < q.length; x++) {
            for (int y = 0; y < q[0].length; y++) {
                l.update(x, y, q[x][y], 1.0);
            }
        }
        return l;
    }

    private static double[] policy(MatrixGameLearner l, double omega) {
        double[] pi = new double[l.numOwnActions()];
        l.policy(omega, pi);
        return pi;
    }

    /** (B.1) with the exponential equals the naive formula, for cooperative and adversarial opponent models. */
    @Test
    void boltzmannPolicyOfAlgorithm1MatchesTheNaiveFormula() {
        SplittableRandom rng = new SplittableRandom(11);
        double[][] betas = {{0.1, 0.1}, {0.1, -0.1}, {0.7, 2.0}, {1.5, -0.3}};
        for (int trial = 0; trial < 40; trial++) {
            double[][] q = randomTable(rng, 1 + rng.nextInt(4), 1 + rng.nextInt(4), 5.0);
            double omega = Math.pow(1.01, rng.nextInt(200));
            for (double[] b : betas) {
                PlayerSpec spec = PlayerSpec.balancingQ(b[0], b[1]);
                double[] got = policy(withTable(spec, q), omega);
                double[] want = naiveAgentFirst(q, b[0], b[1], omega);
                assertArrayEquals(want, got, TOL, () -> "betas " + b[0] + ", " + b[1]);
                double sum = 0.0;
                for (double p : got) {
                    assertTrue(p >= 0.0);
                    sum += p;
                }
                assertEquals(1.0, sum, 1e-14);
            }
        }
    }

    /** The same policy from the kernel: Boltzmann at beta_agent omega of M_y^{beta_opp omega}[Q(x, .)]. */
    @Test
    void boltzmannPolicyIsTheKernelsPolicyOfTheInnerSoftExtremum() {
        SplittableRandom rng = new SplittableRandom(12);
        for (int trial = 0; trial < 20; trial++) {
            double[][] q = randomTable(rng, 3, 3, 10.0);
            double omega = Math.pow(1.01, 100 + rng.nextInt(900)); // up to beta omega ~ 1e3: the kernel is stable
            double ba = 0.1;
            double bo = -0.1;
            double[] m = new double[3];
            for (int x = 0; x < 3; x++) {
                m[x] = SoftExtremum.value(bo * omega, q[x], null);
            }
            double[] want = new double[3];
            SoftExtremum.policy(ba * omega, m, 0, null, 0, 3, want, 0);
            double[] got = policy(withTable(PlayerSpec.balancingQ(ba, bo), q), omega);
            // the learner's explicit uniform prior (1/3 each) and the kernel's null prior differ in rounding only
            assertArrayEquals(want, got, 1e-15);
        }
    }

    /** Each kind's policy equals the library's closed form on the matrix game whose payoff is the table. */
    @Test
    void policiesEqualTheLibraryClosedFormsOnTheLearnedTable() {
        SplittableRandom rng = new SplittableRandom(13);
        for (int trial = 0; trial < 15; trial++) {
            double[][] q = randomTable(rng, 2 + rng.nextInt(3), 2 + rng.nextInt(3), 4.0);
            double omega = Math.pow(1.01, rng.nextInt(300));
            Game g = Game.matrix("table", q, null, Game.Sum.COMMON);
            double b = 0.1 * omega;
            double[] rommeo = Rommeo.solve(g, RunConfig.builder().beta(b).build()).policy("agent").matrix()[0];
            double[] pr2 = Pr2.solve(g, RunConfig.builder().beta(b).build()).policy("agent").matrix()[0];
            double[] bq = BalancingQ.solve(g, RunConfig.builder().beta(b).betaOpponent(-b).build())
                    .policy("agent").matrix()[0];
            assertArrayEquals(rommeo, policy(withTable(PlayerSpec.rommeo(0.1), q), omega), TOL);
            assertArrayEquals(pr2, policy(withTable(PlayerSpec.pr2(0.1), q), omega), TOL);
            assertArrayEquals(bq, policy(withTable(PlayerSpec.balancingQ(0.1, -0.1), q), omega), TOL);
            assertArrayEquals(naiveRommeo(q, 0.1, omega), policy(withTable(PlayerSpec.rommeo(0.1), q), omega), TOL);
        }
    }

    /**
     * Why figure 3.1's two curves coincide: with one beta and independent uniform priors, ROMMEO's
     * rho(y) pi(x|y) and PR2's pi(x) rho(y|x) are the same joint Boltzmann distribution, so the executed
     * policies agree on every table.
     */
    @Test
    void rommeoAndPr2ExecuteTheSamePolicyWithOneBetaAndUniformPriors() {
        SplittableRandom rng = new SplittableRandom(14);
        for (int trial = 0; trial < 30; trial++) {
            double[][] q = randomTable(rng, 1 + rng.nextInt(4), 1 + rng.nextInt(4), 10.0);
            double beta = 0.05 + rng.nextDouble();
            double omega = Math.pow(1.01, rng.nextInt(400));
            assertArrayEquals(policy(withTable(PlayerSpec.pr2(beta), q), omega),
                    policy(withTable(PlayerSpec.rommeo(beta), q), omega), 1e-12);
        }
    }

    /** Eq. (B.1) as printed: {@code pi(x) = P(x) Q_th(x) / sum_x' P(x') Q_th(x')} with Q_th of line 4. */
    static double[] printedB1(double[][] q, double bAgent, double bOpp, double omega) {
        int n = q.length;
        double[] pi = new double[n];
        double z = 0.0;
        for (int x = 0; x < n; x++) {
            double s = 0.0;
            for (double v : q[x]) {
                s += Math.exp(bOpp * omega * v) / q[x].length;
            }
            pi[x] = (1.0 / n) * (bAgent / bOpp) * Math.log(s);
            z += pi[x];
        }
        for (int x = 0; x < n; x++) {
            pi[x] /= z;
        }
        return pi;
    }

    /**
     * Eq. (B.1) as printed lacks the exponential: with action values of both signs it is not a distribution,
     * and with negative values (the competitive game) it prefers the worse action. memarl implements the
     * intended Boltzmann policy, which has neither defect.
     */
    @Test
    void printedB1IsNotTheIntendedPolicy() {
        double[][] mixed = {{1, 1, 1}, {-2, -2, -2}, {0.5, 0.5, 0.5}};
        double[] p = printedB1(mixed, 0.1, -0.1, 1.0);
        // Q_th = 0.1 (1, -2, 0.5) = (0.1, -0.2, 0.05), sum -0.05: "probabilities" -2, 4, -1
        assertEquals(-2.0, p[0], 1e-12);
        assertEquals(4.0, p[1], 1e-12);
        assertEquals(-1.0, p[2], 1e-12);
        double[][] negative = {{-1, -1}, {-5, -5}};
        double[] worse = printedB1(negative, 0.1, -0.1, 1.0);
        assertTrue(worse[1] > worse[0], "the printed (B.1) prefers the action worth -5 over the one worth -1");
        double[] intended = policy(withTable(PlayerSpec.balancingQ(0.1, -0.1), negative), 1.0);
        assertTrue(intended[0] > intended[1], "the Boltzmann policy prefers the better action");
        for (double x : policy(withTable(PlayerSpec.balancingQ(0.1, -0.1), mixed), 1.0)) {
            assertTrue(x > 0.0 && x < 1.0);
        }
    }

    @Test
    void zeroTableGivesTheUniformPriorAndBadScheduleIsRejected() {
        for (PlayerSpec s : new PlayerSpec[] {PlayerSpec.rommeo(0.1), PlayerSpec.pr2(0.1), PlayerSpec.balancingQ(0.1, -0.1)}) {
            MatrixGameLearner l = new MatrixGameLearner(s, 3, 3);
            assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, policy(l, 1.0), 1e-15);
            assertThrows(InvalidModelException.class, () -> l.policy(0.0, new double[3]));
            assertThrows(InvalidModelException.class, () -> l.policy(Double.NaN, new double[3]));
        }
        assertThrows(InvalidModelException.class, () -> new PlayerSpec(AgentKind.PR2, 0.1, -0.1));
        assertThrows(InvalidModelException.class, () -> PlayerSpec.balancingQ(0.1, 0.0));
    }
}
