package org.memarl.algorithms.soft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.memarl.InvalidModelException;
import org.memarl.algorithms.RunConfig;
import org.memarl.model.Mdp;
import org.memarl.testing.Tolerance;

/** Issue 19's removable input checks of the soft family: {@link Elbo}'s policy check, {@link SoftPolicyIteration}'s gamma = 1 guard. */
class SoftInputGapsTest {
    private static Mdp twoStates(double gamma) {
        double[][][] t = {{{0.5, 0.5}, {1.0, 0.0}}, {{0.0, 1.0}, {0.3, 0.7}}};
        double[][] r = {{1.0, -1.0}, {0.5, 2.0}};
        return Mdp.builder().states(2).actions(2).gamma(gamma).transitions(t).rewards(r).build();
    }

    @Test
    @DisplayName("gap: Elbo refuses a policy row that is not a distribution, naming policy[t][s]; a valid one is a hand backward recursion")
    void elboPolicyCheck() {
        Mdp m = twoStates(1.0);
        double[][] good = {{0.5, 0.5}, {0.2, 0.8}};
        double[][] bad = {{0.7, 0.7}, {0.2, 0.8}};
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> Elbo.of(m, 1.0, new double[][][] {good, bad}));
        assertTrue(e.getMessage().contains("policy[1][0]"), e.getMessage());
        assertThrows(InvalidModelException.class, () -> Elbo.of(m, 1.0, new double[][][] {{{0.5, 0.5}}}));
        // one step, uniform prior, beta 2: E_pi[r] - KL(pi || uniform) / 2, averaged over the initial distribution
        double w0 = 0.5 * 1.0 + 0.5 * -1.0 - (0.5 * Math.log(1.0) + 0.5 * Math.log(1.0)) / 2.0;
        double w1 = 0.2 * 0.5 + 0.8 * 2.0 - (0.2 * Math.log(0.4) + 0.8 * Math.log(1.6)) / 2.0;
        double expected = m.initial(0) * w0 + m.initial(1) * w1;
        assertEquals(expected, Elbo.of(m, 2.0, new double[][][] {good}), Tolerance.ulps(16, 2.0));
    }

    @Test
    @DisplayName("gap: SoftPolicyIteration refuses gamma = 1 with a one-line message naming gamma")
    void softPolicyIterationGammaOne() {
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> SoftPolicyIteration.solve(twoStates(1.0), RunConfig.builder().beta(1.0).build()));
        assertTrue(e.getMessage().startsWith("gamma: 1"), e.getMessage());
    }
}
