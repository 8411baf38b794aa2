package org.memarl.solve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.memarl.chains.ChoiceModel;
import org.memarl.chains.ThesisChains;
import org.memarl.ledger.RandomOptions;
import org.memarl.model.Game;
import org.memarl.model.Mdp;
import org.memarl.testing.Tolerance;

/**
 * The sweep kernel over problems whose contexts share blocks of rows through a many-to-one leaf-to-row map
 * (option contexts {@code (s, z_prev)}): one Jacobi sweep equals the definition evaluated leaf by leaf
 * ({@link ChainBellman#q} then {@link org.memarl.kernel.Chain#reduce}), parallel sweeps are bit-identical to the
 * sequential one, and Jacobi and (block) Gauss-Seidel reach the same fixed point.
 */
class BlockSweepTest {
    private static void check(ChainProblem p, long seed) {
        ChainBellman op = new ChainBellman(p);
        int n = p.contexts();
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 10 * rng.nextDouble() - 5;
        }
        double[] out = new double[n];
        op.apply(v, out);
        double[] leaf = new double[p.chain().leafSize()];
        org.memarl.kernel.Chain.Workspace ws = p.chain().newWorkspace();
        for (int c = 0; c < n; c++) {
            for (int j = 0; j < leaf.length; j++) {
                int row = p.row(c, j);
                leaf[j] = p.reward(row) + p.gamma() * p.transitions().expect(row, v);
            }
            double want = p.chain().reduce(c, leaf, 0, ws);
            assertEquals(want, out[c], Tolerance.ulps(64, want, 5 + Tolerance.maxAbs(leaf)), "context " + c);
        }
        for (int t : new int[] {2, 3}) {
            double[] par = new double[n];
            op.apply(v, par, t);
            assertArrayEquals(out, par, 0.0, "threads " + t);
        }
        if (p.gamma() < 0.95) {
            IterationOptions tight = IterationOptions.defaults().withTolerance(1e-11);
            double[] j = ChainSolver.solve(p, tight).values();
            double[] g = ChainSolver.solve(p, tight.withSweep(Sweep.GAUSS_SEIDEL)).values();
            double scale = Math.max(1.0, Tolerance.maxAbs(j));
            for (int i = 0; i < n; i++) {
                assertEquals(j[i], g[i], 2e-11 + Tolerance.ulps(64, scale) / (1 - p.gamma()), "Gauss-Seidel, context " + i);
            }
        }
    }

    @Test
    @DisplayName("soft options: contexts (s, z_prev) share the rows of s")
    void softOptions() {
        for (long seed = 0; seed < 30; seed++) {
            Mdp mdp = RandomOptions.mdp(seed, 3);
            ChainProblem p = ThesisChains.softOptions(seed % 2 == 0 ? 1.3 : -0.8).problem(ChoiceModel.of(mdp));
            assertTrue(p.contextsPerBlock() == mdp.options().count() && p.leafToRow() != null);
            check(p, seed);
        }
    }

    @Test
    @DisplayName("ma-soft-options: contexts (s, z'_i, z'_-i), six levels")
    void maSoftOptions() {
        for (long seed = 0; seed < 15; seed++) {
            Game g = RandomOptions.game(seed, 2);
            check(ThesisChains.maSoftOptions(seed % 2 == 0 ? 0.9 : -1.1).problem(ChoiceModel.of(g)), seed);
        }
    }
}
