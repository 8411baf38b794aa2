package org.memarl.chains;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.memarl.model.Game;
import org.memarl.model.Mdp;
import org.memarl.solve.ChainBellman;
import org.memarl.solve.ChainPolicySystem;
import org.memarl.solve.ChainProblem;
import org.memarl.solve.ChainSolution;
import org.memarl.solve.ChainSolver;
import org.memarl.solve.InexactPolicyIteration;
import org.memarl.solve.IterationOptions;
import org.memarl.solve.ProgressListener;
import org.memarl.solve.RoundingFloor;
import org.memarl.solve.Sweep;
import org.memarl.testing.Tolerance;

/**
 * Policy iteration of any chain ({@link ChainPolicySystem}, every level's policy fixed during the evaluation)
 * against the chain's own fixed point by value iteration ({@link ChainSolver}), and the joint leaf weights
 * against the product of the level policies written out.
 */
class ChainPolicyIterationTest {
    private static final RandomChainModels.Shape GAME = new RandomChainModels.Shape("game", 7, 3, 2, 0, 0);
    private static final RandomChainModels.Shape OPTIONS = new RandomChainModels.Shape("mdp", 5, 3, 0, 2, 0);

    private static InexactPolicyIteration.Result pi(ChainProblem p, InexactPolicyIteration.Inner inner, double tol,
            int threads) {
        return InexactPolicyIteration.solve(new ChainPolicySystem(p, threads), inner, 20, new ChainBellman(p),
                new IterationOptions(tol, 10_000, Sweep.JACOBI, threads), ProgressListener.NONE);
    }

    @Test
    @DisplayName("eqs. (3.14)-(3.15) ROMMEO, PR2 (section 3.1.1), Balancing Q (3.28)/(3.30) with opposite signs, soft"
            + " options (4.4)-(4.8): chain policy iteration reaches the chain's fixed point (value iteration) within the"
            + " two error bounds")
    void agreesWithValueIterationOnGameAndOptionChains() {
        for (long seed = 1; seed <= 6; seed++) {
            for (double gamma : new double[] {0.5, 0.95, 0.99}) {
                Game g = RandomChainModels.game(GAME, seed).withGamma(gamma);
                Mdp m = RandomChainModels.mdp(OPTIONS, seed).withGamma(gamma);
                ChainProblem[] problems = {
                    ThesisChains.rommeo(1.0).problem(ChoiceModel.of(g)),
                    ThesisChains.pr2(3.0).problem(ChoiceModel.of(g)),
                    ThesisChains.balancingQ(true, 1.0, -1.0).problem(ChoiceModel.of(g)),
                    ThesisChains.balancingQ(false, 2.0, Double.POSITIVE_INFINITY).problem(ChoiceModel.of(g)),
                    ThesisChains.softOptions(2.0).problem(ChoiceModel.of(m)),
                };
                for (int i = 0; i < problems.length; i++) {
                    ChainProblem p = problems[i];
                    String what = "seed " + seed + " gamma " + gamma + " chain " + i;
                    ChainSolution vi = ChainSolver.solve(p, new IterationOptions(1e-10, 1_000_000, Sweep.JACOBI));
                    double scale = Tolerance.maxAbs(vi.values());
                    double slack = 8 * RoundingFloor.errorBound(Math.max(1.0, scale), gamma);
                    for (InexactPolicyIteration.Inner inner : InexactPolicyIteration.Inner.values()) {
                        InexactPolicyIteration.Result r = pi(p, inner, 1e-10, 1);
                        assertTrue(r.converged() || RoundingFloor.STOP_REASON.equals(r.stopReason()),
                                what + " " + inner + ": " + r.stopReason());
                        double d = Tolerance.supDistance(r.values(), vi.values());
                        assertTrue(d <= r.errorBound() + vi.errorBound() + slack, what + " " + inner + ": " + d);
                    }
                }
            }
        }
    }

    @Test
    void theJointWeightsAreTheProductOfTheLevelPoliciesAndTheThreadCountDoesNotMatter() {
        Game g = RandomChainModels.game(GAME, 4).withGamma(0.9);
        ChainProblem p = ThesisChains.balancingQ(true, 1.5, -0.5).problem(ChoiceModel.of(g));
        ChainPolicySystem sys = new ChainPolicySystem(p, 1);
        int n = p.contexts();
        double[] v = new double[n];
        for (int c = 0; c < n; c++) {
            v[c] = Math.sin(c + 1.0);
        }
        double[] bv = new double[n];
        sys.improve(v, bv);
        // written out: the outer level's policy times the inner level's, from ChainSolution's per-level policies
        ChainBellman op = new ChainBellman(p);
        org.memarl.kernel.Chain chain = p.chain();
        int na = chain.levels().get(0).size();
        int nb = chain.levels().get(1).size();
        double[] leaf = new double[na * nb];
        org.memarl.kernel.Chain.Workspace ws = chain.newWorkspace();
        double[] outer = new double[na];
        double[] inner = new double[nb];
        for (int c = 0; c < n; c++) {
            op.q(c, v, leaf, 0);
            double val = chain.reduce(c, leaf, 0, ws);
            assertEquals(val, bv[c], Tolerance.ulps(4, Math.abs(val)));
            chain.policy(0, 0, ws, outer, 0);
            double[] w = sys.leafWeights(c);
            double sum = 0.0;
            for (int a = 0; a < na; a++) {
                chain.policy(1, a, ws, inner, 0);
                for (int b = 0; b < nb; b++) {
                    assertEquals(outer[a] * inner[b], w[a * nb + b], 1e-15, "context " + c);
                    sum += w[a * nb + b];
                }
            }
            assertEquals(1.0, sum, 1e-14);
        }
        InexactPolicyIteration.Result one = pi(p, InexactPolicyIteration.Inner.KRYLOV, 1e-9, 1);
        InexactPolicyIteration.Result two = pi(p, InexactPolicyIteration.Inner.KRYLOV, 1e-9, 2);
        assertArrayEquals(one.values(), two.values());
    }
}
