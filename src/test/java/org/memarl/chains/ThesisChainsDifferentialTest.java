package org.memarl.chains;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.memarl.algorithms.RunConfig;
import org.memarl.algorithms.mapi.GameChains;
import org.memarl.algorithms.mapi.Order;
import org.memarl.algorithms.options.MaSoftOptions;
import org.memarl.algorithms.options.SoftOptions;
import org.memarl.algorithms.soft.SoftValueIteration;
import org.memarl.ledger.RandomGames;
import org.memarl.ledger.RandomMdps;
import org.memarl.ledger.RandomOptions;
import org.memarl.model.Game;
import org.memarl.model.Mdp;
import org.memarl.solve.ChainSolution;
import org.memarl.solve.ChainSolver;
import org.memarl.solve.IterationOptions;
import org.memarl.solve.Solution;
import org.memarl.testing.Tolerance;

/** The declared thesis chains against the hand-written recursions they replace, on seeded random models. */
class ThesisChainsDifferentialTest {
    private static final IterationOptions TIGHT = IterationOptions.defaults().withTolerance(1e-12);

    private static void close(double[] want, double[] got, double tol, String what) {
        assertEquals(want.length, got.length, what);
        for (int i = 0; i < want.length; i++) {
            double scale = Math.max(Tolerance.maxAbs(want), 1.0);
            assertEquals(want[i], got[i], tol + Tolerance.ulps(64, scale), what + "[" + i + "]");
        }
    }

    @Test
    void softValueIterationDeclarationEqualsSoftValueIteration() {
        for (long seed = 0; seed < 20; seed++) {
            Mdp mdp = RandomMdps.mdp(seed, 4);
            for (double beta : new double[] {2.0, -1.5, 0.0, Double.POSITIVE_INFINITY}) {
                Solution want = SoftValueIteration.solve("svi", mdp, beta, RunConfig.builder().tolerance(1e-12).build());
                ChainSolution got = ChainSolver.solve(ThesisChains.softValueIteration(beta).problem(ChoiceModel.of(mdp)), TIGHT);
                close(want.V(), got.values(), 4e-12, "seed " + seed + " beta " + beta);
            }
        }
    }

    @Test
    void gameDeclarationsEqualGameChains() {
        for (long seed = 0; seed < 20; seed++) {
            Game g = RandomGames.game(seed, 3);
            Solution r = GameChains.solve("r", g, Order.OPPONENT_FIRST, 1.5, 1.5, TIGHT, org.memarl.solve.ProgressListener.NONE);
            close(r.V(), ChainSolver.solve(ThesisChains.rommeo(1.5).problem(ChoiceModel.of(g)), TIGHT).values(), 4e-12, "rommeo");
            Solution b = GameChains.solve("b", g, Order.AGENT_FIRST, 2.0, -0.7, TIGHT, org.memarl.solve.ProgressListener.NONE);
            close(b.V(), ChainSolver.solve(ThesisChains.balancingQ(true, 2.0, -0.7).problem(ChoiceModel.of(g)), TIGHT).values(),
                    4e-12, "balancing agent");
            Solution o = GameChains.solve("o", g, Order.OPPONENT_FIRST, 2.0, -0.7, TIGHT, org.memarl.solve.ProgressListener.NONE);
            close(o.V(), ChainSolver.solve(ThesisChains.balancingQ(false, 2.0, -0.7).problem(ChoiceModel.of(g)), TIGHT).values(),
                    4e-12, "balancing opponent");
        }
    }

    @Test
    void optionDeclarationsEqualSoftOptions() {
        for (long seed = 0; seed < 15; seed++) {
            Mdp mdp = RandomOptions.mdp(seed, 3);
            for (double beta : new double[] {1.3, -0.8}) {
                RunConfig cfg = RunConfig.builder().beta(beta).tolerance(1e-12).build();
                SoftOptions.Operator op = new SoftOptions.Operator(mdp, beta, SoftOptions.Variant.SOFT_OPTIONS);
                double[] u = org.memarl.solve.FixedPointDriver.solve(op, new double[op.size()], TIGHT).values();
                close(u, ChainSolver.solve(ThesisChains.softOptions(beta).problem(ChoiceModel.of(mdp)), TIGHT).values(),
                        4e-12, "soft options seed " + seed);
                SoftOptions.Operator cop = new SoftOptions.Operator(mdp, beta, SoftOptions.Variant.CRITIC);
                double[] uc = org.memarl.solve.FixedPointDriver.solve(cop, new double[cop.size()], TIGHT).values();
                close(uc, ChainSolver.solve(ThesisChains.softOptionsCritic(beta).problem(ChoiceModel.of(mdp)), TIGHT).values(),
                        4e-12, "critic seed " + seed);
                cfg.beta();
            }
        }
    }

    @Test
    void maSoftOptionsDeclarationEqualsMaSoftOptions() {
        for (long seed = 0; seed < 10; seed++) {
            Game g = RandomOptions.game(seed, 2);
            for (double beta : new double[] {1.1, -0.6}) {
                MaSoftOptions.Operator op = new MaSoftOptions.Operator(g, beta);
                double[] u = org.memarl.solve.FixedPointDriver.solve(op, new double[op.size()], TIGHT).values();
                close(u, ChainSolver.solve(ThesisChains.maSoftOptions(beta).problem(ChoiceModel.of(g)), TIGHT).values(),
                        4e-12, "ma-soft-options seed " + seed);
            }
        }
    }
}
