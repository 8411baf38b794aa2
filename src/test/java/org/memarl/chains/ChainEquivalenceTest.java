package org.memarl.chains;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.memarl.InvalidModelException;
import org.memarl.ledger.RandomOptions;
import org.memarl.model.Game;
import org.memarl.model.Mdp;
import org.memarl.model.OptionSpec;
import org.memarl.solve.ChainProblem;
import org.memarl.solve.ChainSolution;
import org.memarl.solve.ChainSolver;
import org.memarl.testing.Tolerance;

/**
 * {@link ChainEquivalence}, {@link FlatChains} and {@link RandomChainModels} against independent computations:
 * the closed form {@code V = (1/beta) log sum_{a,b} P(a,b) exp(beta r) / (1 - gamma)} of one-state games, and
 * hand-written log-sum-exp value iterations over the composite choice ({@link HandSoftVi}).
 */
class ChainEquivalenceTest {
    private static final long SEED = 20201L;
    private static final double[] BETAS = {2.0, -1.5, 0.3, 0.0, 7.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};

    /** A one-state game with a self-loop, gamma, rewards and the four priors of one random joint prior. */
    private static Game oneStateJoint(SplittableRandom rng, int na, int nb, double gamma, double[] joint) {
        double[][][][] t = new double[1][na][nb][];
        double[][][] r = new double[1][na][nb];
        for (int a = 0; a < na; a++) {
            for (int b = 0; b < nb; b++) {
                t[0][a][b] = new double[] {1.0};
                r[0][a][b] = Math.round(200.0 * rng.nextDouble() - 100.0) / 10.0;
            }
        }
        double[] w = new double[na * nb];
        double z = 0.0;
        for (int i = 0; i < w.length; i++) {
            w[i] = 1 + rng.nextInt(9);
            z += w[i];
        }
        double[][] pa = new double[1][na];
        double[][] pb = new double[1][nb];
        for (int a = 0; a < na; a++) {
            for (int b = 0; b < nb; b++) {
                joint[a * nb + b] = w[a * nb + b] / z;
                pa[0][a] += w[a * nb + b] / z;
                pb[0][b] += w[a * nb + b] / z;
            }
        }
        double[][][] pba = new double[1][na][nb];
        double[][][] pab = new double[1][nb][na];
        for (int a = 0; a < na; a++) {
            double za = 0.0;
            for (int b = 0; b < nb; b++) {
                za += w[a * nb + b];
            }
            for (int b = 0; b < nb; b++) {
                pba[0][a][b] = w[a * nb + b] / za;
            }
        }
        for (int b = 0; b < nb; b++) {
            double zb = 0.0;
            for (int a = 0; a < na; a++) {
                zb += w[a * nb + b];
            }
            for (int a = 0; a < na; a++) {
                pab[0][b][a] = w[a * nb + b] / zb;
            }
        }
        return Game.builder().states(1).agentActions(na).opponentActions(nb).gamma(gamma).transitions(t)
                .sum(Game.Sum.ZERO).rewards(r)
                .priorAgent(pa).priorOpponent(pb).opponentGivenAgent(pba).agentGivenOpponent(pab).build();
    }

    private static double closedForm(Game g, double beta, double[] joint) {
        int na = g.numAgentActions();
        int nb = g.numOpponentActions();
        double[] q = new double[na * nb];
        for (int a = 0; a < na; a++) {
            for (int b = 0; b < nb; b++) {
                q[a * nb + b] = g.rewardAgent(0, a, b);
            }
        }
        return HandSoftVi.lse(beta, joint, q, na * nb) / (1.0 - g.gamma());
    }

    private static double tolerance(ChainSolution s, double scale, double gamma, int depth) {
        return s.errorBound() + Tolerance.ulps(64.0 * depth, scale) / (1.0 - gamma);
    }

    @Test
    void rommeoAndPr2AreTheClosedFormOfOneJointBoltzmannDistributionOnOneStateGames() {
        qt().withFixedSeed(SEED).withExamples(200)
                .forAll(longs().all(), integers().between(1, 4), integers().between(1, 4), integers().between(0, BETAS.length - 1))
                .checkAssert((seed, na, nb, bk) -> {
                    SplittableRandom rng = new SplittableRandom(seed);
                    double gamma = new double[] {0.0, 0.5, 0.9}[rng.nextInt(3)];
                    double[] joint = new double[na * nb];
                    Game g = oneStateJoint(rng, na, nb, gamma, joint);
                    double beta = BETAS[bk];
                    double want = closedForm(g, beta, joint);
                    double scale = Math.max(Math.abs(want), 10.0 / (1.0 - gamma));
                    ChoiceModel cm = ChoiceModel.of(g);
                    for (ChainDeclaration d : List.of(ThesisChains.rommeo(beta), ThesisChains.pr2(beta))) {
                        ChainProblem p = d.problem(cm);
                        ChainSolution s = ChainSolver.solve(p, ChainEquivalence.iterationOptions(p));
                        assertEquals(want, s.value(0), tolerance(s, scale, gamma, 2), d + " seed " + seed);
                    }
                    ChainProblem flat = FlatChains.flatten(ThesisChains.rommeo(beta).problem(cm), beta);
                    ChainSolution fs = ChainSolver.solve(flat, ChainEquivalence.iterationOptions(flat));
                    assertEquals(want, fs.value(0), tolerance(fs, scale, gamma, 2), "flattened rommeo seed " + seed);
                    ChainEquivalence.Comparison c = ChainEquivalence.compare(ThesisChains.rommeo(beta).problem(cm),
                            ThesisChains.pr2(beta).problem(cm));
                    assertFalse(c.differs(), () -> "gap " + c.gap() + " tolerance " + c.tolerance());
                });
    }

    @Test
    void withAHorizonBothAreTheExactBackwardRecursionOfTheJointBoltzmannValue() {
        for (long seed = 0; seed < 20; seed++) {
            SplittableRandom rng = new SplittableRandom(seed);
            double[] joint = new double[6];
            Game g = oneStateJoint(rng, 2, 3, 1.0, joint).withHorizon(3);
            double beta = BETAS[(int) (seed % BETAS.length)];
            // V_0 = M (1 + gamma + gamma^2) with gamma = 1: three steps of the same one-shot value
            double want = 3.0 * HandSoftVi.lse(beta, joint, new double[] {g.rewardAgent(0, 0, 0), g.rewardAgent(0, 0, 1),
                    g.rewardAgent(0, 0, 2), g.rewardAgent(0, 1, 0), g.rewardAgent(0, 1, 1), g.rewardAgent(0, 1, 2)}, 6);
            ChainEquivalence.Comparison c = ChainEquivalence.compare(ThesisChains.rommeo(beta).problem(ChoiceModel.of(g)),
                    ThesisChains.pr2(beta).problem(ChoiceModel.of(g)));
            assertFalse(c.differs(), () -> "gap " + c.gap() + " tolerance " + c.tolerance());
            assertEquals(want, c.first().value(0), Tolerance.ulps(64 * 3, 30.0));
            assertEquals(want, c.second().value(0), Tolerance.ulps(64 * 3, 30.0));
        }
    }

    @Test
    void softOptionsAndTheFlatChainAreHandWrittenFlatSoftViOverTerminationOptionAction() {
        qt().withFixedSeed(SEED).withExamples(60)
                .forAll(longs().all(), integers().between(1, 3), integers().between(0, BETAS.length - 1))
                .checkAssert((seed, size, bk) -> {
                    Mdp mdp = RandomOptions.mdp(seed, size);
                    double beta = BETAS[bk];
                    HandSoftVi.Result want = HandSoftVi.softOptionsFlat(mdp, beta);
                    double scale = Math.max(Tolerance.maxAbs(want.v()), mdp.maxAbsReward());
                    for (ChainProblem p : List.of(FlatChains.softOptions(mdp, beta),
                            ThesisChains.softOptions(beta).problem(ChoiceModel.of(mdp)))) {
                        ChainSolution s = ChainSolver.solve(p, ChainEquivalence.iterationOptions(p));
                        double tol = want.bound() + tolerance(s, scale, mdp.gamma(), 3);
                        double gap = Tolerance.supDistance(want.v(), s.values());
                        assertTrue(gap <= tol, () -> p.chain().levels().get(0).name() + " seed " + seed + " size " + size
                                + " beta " + beta + ": gap " + gap + " > " + tol);
                    }
                });
    }

    @Test
    void maSoftOptionsWithOneBetaAndTheFlatChainAreHandWrittenFlatJointSoftVi() {
        qt().withFixedSeed(SEED).withExamples(30)
                .forAll(longs().all(), integers().between(1, 2), integers().between(0, BETAS.length - 1))
                .checkAssert((seed, size, bk) -> {
                    Game g = RandomOptions.game(seed, size);
                    double beta = BETAS[bk];
                    HandSoftVi.Result want = HandSoftVi.maFlat(g, beta);
                    double scale = Math.max(Tolerance.maxAbs(want.v()), g.maxAbsReward());
                    for (ChainProblem p : List.of(FlatChains.maSoftOptions(g, beta, "agent"),
                            ThesisChains.maSoftOptions(beta).problem(ChoiceModel.of(g)))) {
                        ChainSolution s = ChainSolver.solve(p, ChainEquivalence.iterationOptions(p));
                        double tol = want.bound() + tolerance(s, scale, g.gamma(), 6);
                        double gap = Tolerance.supDistance(want.v(), s.values());
                        assertTrue(gap <= tol, () -> "seed " + seed + " beta " + beta + ": gap " + gap + " > " + tol);
                    }
                });
    }

    /** One state, two options that each pin one action: termination and master choices matter. */
    private static Mdp twoPinnedOptions() {
        double[][][] ap = {{{1.0, 0.0}}, {{0.0, 1.0}}};
        OptionSpec o = OptionSpec.of("options", 2, 1, 2, ap, new double[] {0.5, 0.5}, null, 0.5, null);
        return Mdp.builder().states(1).actions(2).gamma(0.5).transitions(new double[][][] {{{1.0}, {1.0}}})
                .rewards(new double[][] {{1.0, -1.0}}).options(o).build();
    }

    @Test
    void theCriticIsNotFlatSoftVi() {
        Mdp mdp = twoPinnedOptions();
        double beta = 2.0;
        HandSoftVi.Result flat = HandSoftVi.softOptionsFlat(mdp, beta);
        ChainEquivalence.Comparison c = ChainEquivalence.compare(ThesisChains.softOptionsCritic(beta).problem(ChoiceModel.of(mdp)),
                FlatChains.softOptions(mdp, beta));
        assertTrue(c.differs(), () -> "gap " + c.gap() + " tolerance " + c.tolerance());
        // the flat side is the hand-written one; the critic's value at z_prev = 0 is, by hand, the prior expectation
        // over (b, z) of the action level: 0.75 * W(z=0) + 0.25 * W(z=1), W(z) = r(a_z) + gamma U(z), two linear equations
        double g = 0.5;
        // U0 = 0.75 (1 + g U0) + 0.25 (-1 + g U1), U1 = 0.25 (1 + g U0) + 0.75 (-1 + g U1)
        double a11 = 1 - 0.75 * g;
        double a12 = -0.25 * g;
        double a21 = -0.25 * g;
        double a22 = 1 - 0.75 * g;
        double b1 = 0.75 - 0.25;
        double b2 = 0.25 - 0.75;
        double det = a11 * a22 - a12 * a21;
        double u0 = (b1 * a22 - a12 * b2) / det;
        double u1 = (a11 * b2 - a21 * b1) / det;
        assertEquals(u0, c.first().value(0), tolerance(c.first(), 4.0, g, 3));
        assertEquals(u1, c.first().value(1), tolerance(c.first(), 4.0, g, 3));
        assertEquals(flat.v()[0], c.second().value(0), flat.bound() + tolerance(c.second(), 4.0, g, 1));
    }

    @Test
    void maSoftOptionsWithABetaPerPlayerIsNotFlat() {
        boolean found = false;
        for (long seed = 0; seed < 20 && !found; seed++) {
            Game g = RandomOptions.game(seed, 2);
            ChainDeclaration perPlayer = ChainDeclaration.builder().level("agent.termination", 2.0).level("agent.option", 2.0)
                    .level("agent", 2.0).level("opponent.termination", -1.0).level("opponent.option", -1.0)
                    .level("opponent", -1.0).build();
            ChainEquivalence.Comparison c = ChainEquivalence.compare(perPlayer.problem(ChoiceModel.of(g)),
                    FlatChains.maSoftOptions(g, 2.0, "agent"));
            HandSoftVi.Result flat = HandSoftVi.maFlat(g, 2.0);
            assertTrue(Tolerance.supDistance(flat.v(), c.second().values()) <= flat.bound()
                    + tolerance(c.second(), Math.max(Tolerance.maxAbs(flat.v()), g.maxAbsReward()), g.gamma(), 6));
            found = c.differs();
        }
        assertTrue(found, "a beta per player changes the value on some small game");
    }

    @Test
    void randomModelsKeepTheShapeAndDrawOneJointPrior() {
        Game base = RandomOptions.game(5L, 3);
        EquivalenceModel like = EquivalenceModels.like(EquivalenceModel.of(base.toBuilder().options(null, null).build()
                .withHorizon(4)), new SplittableRandom(1));
        Game g = like.game();
        assertEquals(base.numStates(), g.numStates());
        assertEquals(base.numAgentActions(), g.numAgentActions());
        assertEquals(base.numOpponentActions(), g.numOpponentActions());
        assertEquals(base.stateNames(), g.stateNames());
        assertEquals(4, g.horizon());
        assertEquals(base.gamma(), g.gamma());
        for (long seed = 0; seed < 50; seed++) {
            Game r = EquivalenceModels.like(EquivalenceModel.of(base), new SplittableRandom(seed)).game();
            assertEquals(base.agentOptions().count(), r.agentOptions().count());
            assertEquals(base.opponentOptions().count(), r.opponentOptions().count());
            int na = r.numAgentActions();
            int nb = r.numOpponentActions();
            double[] pa = r.priorAgentFlat();
            double[] pb = r.priorOpponentFlat();
            double[] pba = r.opponentGivenAgentFlat();
            double[] pab = r.agentGivenOpponentFlat();
            for (int s = 0; s < r.numStates(); s++) {
                for (int a = 0; a < na; a++) {
                    for (int b = 0; b < nb; b++) {
                        double viaAgent = pa[s * na + a] * pba[(s * na + a) * nb + b];
                        double viaOpponent = pb[s * nb + b] * pab[(s * nb + b) * na + a];
                        assertEquals(viaAgent, viaOpponent, Tolerance.ulps(8, 1.0), "P(a)P(b|a) = P(b)P(a|b), seed " + seed);
                    }
                }
            }
        }
    }

    private static final ChainDeclaration OPPONENT_FIRST = ChainDeclaration.builder().name("opponent-first")
            .level("opponent", "betaOpponent", null).level("agent", "betaAgent", null).build();
    private static final ChainDeclaration AGENT_FIRST = ChainDeclaration.builder().name("agent-first")
            .level("agent", "betaAgent", null).level("opponent", "betaOpponent", null).build();

    @Test
    void checkHoldsForOneBetaAndIsFalsifiedWithABetaPerPlayerWithTheSmallestCounterexample() {
        ChainEquivalence.Result same = ChainEquivalence.check(OPPONENT_FIRST, AGENT_FIRST, null, Map.of(), 60, SEED);
        // unset parameters are drawn per model, independently for the two names: generally different betas
        assertFalse(same.holds());
        ChainDeclaration rommeo = ChainDeclaration.builder().name("rommeo").level("opponent", "beta", null)
                .level("agent", "beta", null).build();
        ChainDeclaration pr2 = ChainDeclaration.builder().name("pr2").level("agent", "beta", null)
                .level("opponent", "beta", null).build();
        ChainEquivalence.Result holds = ChainEquivalence.check(rommeo, pr2, null, Map.of(), 60, SEED);
        assertTrue(holds.holds(), () -> holds.counterexample().detail("rommeo", "pr2"));
        assertEquals(60, holds.trials());
        assertNull(holds.counterexample());

        Map<String, Double> betas = Map.of("betaAgent", 2.0, "betaOpponent", -1.0);
        int trials = 40;
        ChainEquivalence.Result r = ChainEquivalence.check(OPPONENT_FIRST, AGENT_FIRST, null, betas, trials, SEED);
        assertFalse(r.holds());
        ChainEquivalence.Counterexample ce = r.counterexample();
        assertNotNull(ce);
        assertEquals(betas, ce.parameters());
        // replay the same random models with the hand-written iteration: the reported one is the smallest failing
        int smallest = Integer.MAX_VALUE;
        for (int i = 0; i < trials; i++) {
            EquivalenceModel m = EquivalenceModels.ofChoices(Set.of("agent", "opponent"), 1 + i % ChainEquivalence.MAX_SIZE,
                    new SplittableRandom(ChainEquivalence.trialSeed(SEED, i)));
            HandSoftVi.Result o = HandSoftVi.gameChain(m.game(), true, 2.0, -1.0);
            HandSoftVi.Result a = HandSoftVi.gameChain(m.game(), false, 2.0, -1.0);
            double scale = Math.max(Math.max(Tolerance.maxAbs(o.v()), Tolerance.maxAbs(a.v())), m.game().maxAbsReward());
            double slack = o.bound() + a.bound() + Tolerance.ulps(256, scale) / (1.0 - m.game().gamma());
            if (Tolerance.supDistance(o.v(), a.v()) > 1e3 * slack) {
                smallest = Math.min(smallest, m.size());
            }
        }
        assertEquals(smallest, ce.model().size(), "the smallest failing model is reported");
        HandSoftVi.Result o = HandSoftVi.gameChain(ce.model().game(), true, 2.0, -1.0);
        HandSoftVi.Result a = HandSoftVi.gameChain(ce.model().game(), false, 2.0, -1.0);
        ChainEquivalence.Comparison c = ce.comparison();
        double scale = Math.max(Tolerance.maxAbs(o.v()), ce.model().game().maxAbsReward());
        double tol = o.bound() + a.bound() + c.second().errorBound() + tolerance(c.first(), scale, ce.model().game().gamma(), 2);
        assertEquals(o.v()[c.context()], c.first().value(c.context()), tol);
        assertEquals(a.v()[c.context()], c.second().value(c.context()), tol);
        assertTrue(c.gap() > c.tolerance());
        assertTrue(c.gap() <= r.maxGap());
    }

    @Test
    void checkOnAGivenModelTriesItFirstAndRandomModelsOfItsSizes() {
        SplittableRandom rng = new SplittableRandom(3);
        double[] joint = new double[6];
        Game g = oneStateJoint(rng, 2, 3, 0.5, joint);
        EquivalenceModel model = EquivalenceModel.of(g);
        ChainEquivalence.Result r = ChainEquivalence.check(ThesisChains.rommeo(1.5), ThesisChains.pr2(1.5), model, Map.of(), 10, 1L);
        assertTrue(r.holds());
        assertEquals(11, r.trials());
        // on a model whose conditional priors are not its marginals' joint, ROMMEO and PR2 part, on the given model itself
        // (three priors given: four given priors must be one joint prior's, so the agent's marginal is left uniform)
        double[][][] skewed = {{{0.9, 0.1}, {0.2, 0.8}, {0.5, 0.5}}};
        Game bad = g.toBuilder().agentGivenOpponent(skewed).priorAgent(null).build();
        assertFalse(bad.hasJointPrior());
        ChainEquivalence.Result f = ChainEquivalence.check(ThesisChains.rommeo(1.5), ThesisChains.pr2(1.5),
                EquivalenceModel.of(bad), Map.of(), 0, 1L);
        assertFalse(f.holds());
        assertTrue(f.counterexample().givenModel());
        assertEquals(1, f.trials());
    }

    @Test
    void identicalChainsHaveGapZeroAndBadInputNamesTheKey() {
        Mdp mdp = RandomOptions.mdp(4L, 2);
        ChainEquivalence.Comparison c = ChainEquivalence.compare(ThesisChains.softOptions(1.0).problem(ChoiceModel.of(mdp)),
                ThesisChains.softOptions(1.0).problem(ChoiceModel.of(mdp)));
        assertEquals(0.0, c.gap());
        assertTrue(c.tolerance() > 0.0);
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> ChainEquivalence.check(
                ThesisChains.rommeo(1.0), ThesisChains.pr2(1.0), null, Map.of("gamma", 0.5), 3, 1L));
        assertTrue(e.getMessage().startsWith("param: \"gamma\""), e.getMessage());
        ChainDeclaration inline = ChainDeclaration.builder().level("action", 1.0,
                ChainDeclaration.Prior.table(List.of(), new double[] {0.5, 0.5}, new int[] {1, 2})).build();
        InvalidModelException t = assertThrows(InvalidModelException.class, () -> ChainEquivalence.check(
                inline, ThesisChains.softValueIteration(1.0), null, Map.of(), 3, 1L));
        assertTrue(t.getMessage().startsWith("levels[0].prior.table"), t.getMessage());
        InvalidModelException k = assertThrows(InvalidModelException.class, () -> EquivalenceModels.ofChoices(
                Set.of("agent"), 2, new SplittableRandom(1)));
        assertTrue(k.getMessage().startsWith("levels:"), k.getMessage());
        ChainProblem options = ThesisChains.softOptions(1.0).problem(ChoiceModel.of(twoPinnedOptions()));
        Mdp plain = Mdp.builder().states(1).actions(1).gamma(0.5).transitions(new double[][][] {{{1.0}}})
                .rewards(new double[][] {{1.0}}).build();
        ChainProblem single = ThesisChains.softValueIteration(1.0).problem(ChoiceModel.of(plain));
        assertTrue(options.contexts() != single.contexts());
        InvalidModelException x = assertThrows(InvalidModelException.class, () -> ChainEquivalence.compare(options, single));
        assertTrue(x.getMessage().startsWith("contexts:"), x.getMessage());
    }
}
