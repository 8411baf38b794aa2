package org.memarl.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.memarl.UsageException;
import org.memarl.chains.ChainDeclaration;
import org.memarl.chains.ChoiceModel;
import org.memarl.io.ChainFiles;
import org.memarl.io.Json;
import org.memarl.model.Mdp;
import org.memarl.solve.IterationOptions;
import org.memarl.solve.Sweep;
import org.memarl.testing.Reference;
import org.memarl.testing.Tolerance;

/**
 * A declared chain swept over its {@code "$beta"} (examples/chains/sweep-beta.json, soft value iteration as a chain,
 * thesis (2.43)-(2.49)): the beta = 0 row is the prior policy's evaluation and the +-inf rows hard value iteration
 * over the prior's support, against the independent linear solves of {@link BetaSweepTest}.
 */
class ChainSweepTest {
    @Test
    void chainSweepMeetsTheLimits() throws Exception {
        JsonNode root = Json.parse(Files.readAllBytes(Path.of("examples/chains/sweep-beta.json")), "chain");
        ChainDeclaration decl = ChainFiles.parse(root);
        for (long seed = 21; seed <= 26; seed++) {
            Mdp mdp = BetaSweepTest.randomMdp(seed, 3, 3);
            SweepResult r = BetaSweep.chain(decl, root, ChoiceModel.of(mdp), mdp.stateNames(), mdp.name(), "", "beta",
                    Map.of(), new double[] {Double.NEGATIVE_INFINITY, -1, 0, 1, Double.POSITIVE_INFINITY},
                    new IterationOptions(1e-11, 1_000_000, Sweep.JACOBI, 1), BetaSweep.Listener.NONE);
            double[][] v = r.V();
            double[] eb = r.errorBound();
            double scale = Tolerance.maxAbs(v);
            double[] lo = BetaSweepTest.hardOverSupport(mdp, false);
            double[] prior = BetaSweepTest.evaluate(mdp, Reference.prior(mdp));
            double[] hi = BetaSweepTest.hardOverSupport(mdp, true);
            for (int s = 0; s < 3; s++) {
                assertEquals(lo[s], v[0][s], eb[0] + Tolerance.ulps(64, scale), "beta = -inf, state " + s);
                assertEquals(prior[s], v[2][s], eb[2] + Tolerance.ulps(64, scale), "beta = 0, state " + s);
                assertEquals(hi[s], v[4][s], eb[4] + Tolerance.ulps(64, scale), "beta = +inf, state " + s);
                for (int i = 0; i < 4; i++) {
                    assertTrue(v[i][s] <= v[i + 1][s] + eb[i] + eb[i + 1] + Tolerance.ulps(16, scale), "nondecreasing");
                }
            }
            assertEquals("beta", r.parameter());
            assertEquals(List.of("action"), List.copyOf(r.policies().keySet()));
        }
        Mdp mdp = BetaSweepTest.randomMdp(1, 2, 2);
        UsageException e = assertThrows(UsageException.class, () -> BetaSweep.chain(decl, root, ChoiceModel.of(mdp),
                mdp.stateNames(), "", "", "gamma", Map.of(), new double[] {0, 1}, IterationOptions.defaults(),
                BetaSweep.Listener.NONE));
        assertTrue(e.getMessage().contains("is not a parameter of the chain (it has beta)"), e.getMessage());
    }
}
