package org.memarl.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.memarl.chains.ChainDeclaration;
import org.memarl.chains.ChoiceModel;
import org.memarl.chains.RandomChainModels;
import org.memarl.chains.ThesisChains;
import org.memarl.io.ChainFiles;
import org.memarl.io.Models;
import org.memarl.kernel.Chain;
import org.memarl.kernel.LevelPrior;
import org.memarl.model.Game;
import org.memarl.model.Mdp;
import org.memarl.solve.ChainProblem;

/**
 * The generic chain claims (a)-(e): they hold on every thesis chain and on random user chains (random orders of
 * the choices, random betas per level including 0 and +-inf, inline conditional priors), and each is falsified by
 * a deliberately wrong chain: a solver whose conditional prior ignores its {@code given} fails (c), one that
 * ignores the sign of beta fails (d) and (e), one that discounts more weakly than declared fails (a), and the
 * printed sign of Theorem 9 fails (b).
 */
class ChainClaimsTest {
    static final long SEED = Long.getLong("memarl.seed", 20201L);
    static final int EXAMPLES = Integer.getInteger("memarl.chainExamples", 150);

    private static final RandomChainModels.Shape MDP = new RandomChainModels.Shape("mdp", 3, 3, 0, 0, 0);
    private static final RandomChainModels.Shape GAME = new RandomChainModels.Shape("game", 2, 2, 3, 0, 0);
    private static final RandomChainModels.Shape OPTIONS = new RandomChainModels.Shape("mdp", 2, 2, 0, 2, 0);
    private static final RandomChainModels.Shape MA = new RandomChainModels.Shape("game", 1, 2, 2, 2, 2);

    private static Map<String, ClaimResult> run(ChainClaims.Subject s, int trials) {
        Map<String, ClaimResult> out = new java.util.LinkedHashMap<>();
        for (Claim c : ChainClaims.all("", "test", s, List.of())) {
            out.put(c.id(), Ledger.run(c, trials, SEED));
        }
        return out;
    }

    private static void assertAllHold(ChainClaims.Subject s, int trials, String what) {
        for (ClaimResult r : run(s, trials).values()) {
            assertEquals(Status.HOLDS, r.status(), () -> what + ": " + r.claim().id() + " falsified: " + r.counterexample());
        }
    }

    @Test
    void everyThesisChainSatisfiesTheGenericClaims() {
        double[] betas = {2.0, -0.7, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 30.0};
        for (double b : betas) {
            assertAllHold(ChainClaims.declared(ThesisChains.softValueIteration(b), Map.of(), MDP, null), 20, "soft VI " + b);
            assertAllHold(ChainClaims.declared(ThesisChains.rommeo(b), Map.of(), GAME, null), 20, "ROMMEO " + b);
            assertAllHold(ChainClaims.declared(ThesisChains.pr2(b), Map.of(), GAME, null), 20, "PR2 " + b);
            assertAllHold(ChainClaims.declared(ThesisChains.balancingQ(true, b, -1.3), Map.of(), GAME, null), 20, "BQ agent");
            assertAllHold(ChainClaims.declared(ThesisChains.balancingQ(false, 0.4, b), Map.of(), GAME, null), 20, "BQ opp.");
        }
        for (double b : new double[] {1.5, -0.8, Double.POSITIVE_INFINITY}) {
            assertAllHold(ChainClaims.declared(ThesisChains.softOptions(b), Map.of(), OPTIONS, null), 8, "soft options " + b);
            assertAllHold(ChainClaims.declared(ThesisChains.softOptionsCritic(b), Map.of(), OPTIONS, null), 8, "critic " + b);
            assertAllHold(ChainClaims.declared(ThesisChains.maSoftOptions(b), Map.of(), MA, null), 4, "ma-soft-options " + b);
        }
    }

    /** Any beta: +-inf, 0, or +-10^u. */
    static double anyBeta(SplittableRandom rng) {
        return Chapter2Claims.anyBeta(rng);
    }

    /** A random user chain: a random shape, a random order of its choices, random betas, some inline priors. */
    static ChainClaims.Subject randomUserChain(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        RandomChainModels.Shape shape = switch (rng.nextInt(5)) {
            case 0 -> new RandomChainModels.Shape("mdp", 1 + rng.nextInt(3), 1 + rng.nextInt(3), 0, 0, 0);
            case 1, 2 -> new RandomChainModels.Shape(rng.nextInt(4) == 0 ? "matrix-game" : "game", 1, 1 + rng.nextInt(3),
                    1 + rng.nextInt(3), 0, 0);
            case 3 -> new RandomChainModels.Shape("mdp", 1 + rng.nextInt(2), 1 + rng.nextInt(2), 0, 1 + rng.nextInt(2), 0);
            default -> new RandomChainModels.Shape("game", 1, 1 + rng.nextInt(2), 1 + rng.nextInt(2), 1 + rng.nextInt(2),
                    1 + rng.nextInt(2));
        };
        if (shape.kind().equals("game") && shape.agentOptions() == 0) {
            shape = new RandomChainModels.Shape("game", 1 + rng.nextInt(2), shape.agentActions(), shape.opponentActions(), 0, 0);
        }
        ChoiceModel cm = shape.isGame() ? ChoiceModel.of(RandomChainModels.game(shape, 0)) : ChoiceModel.of(RandomChainModels.mdp(shape, 0));
        List<String> order = new ArrayList<>();
        for (ChoiceModel.Choice c : cm.choices()) {
            order.add(c.name());
        }
        for (int i = order.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            String t = order.get(i);
            order.set(i, order.get(j));
            order.set(j, t);
        }
        ChainDeclaration.Builder b = ChainDeclaration.builder().name("random-" + seed);
        if (shape.isGame() && rng.nextInt(3) == 0) {
            b.reward("opponent");
        }
        for (int k = 0; k < order.size(); k++) {
            String choice = order.get(k);
            ChainDeclaration.Prior prior = null;
            if (rng.nextInt(3) == 0) {
                List<String> given = new ArrayList<>();
                for (int j = 0; j < k; j++) {
                    if (rng.nextBoolean()) {
                        given.add(order.get(j));
                    }
                }
                int[] dims = new int[given.size() + 2];
                dims[0] = shape.states();
                int rows = shape.states();
                for (int i = 0; i < given.size(); i++) {
                    dims[i + 1] = cm.choices().get(cm.choiceIndex(given.get(i))).size();
                    rows *= dims[i + 1];
                }
                int n = cm.choices().get(cm.choiceIndex(choice)).size();
                dims[dims.length - 1] = n;
                double[] table = new double[rows * n];
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(RandomMdps.distribution(rng, n, rng.nextBoolean()), 0, table, r * n, n);
                }
                prior = ChainDeclaration.Prior.table(given, table, dims);
            }
            b.level(choice, anyBeta(rng), prior);
        }
        return ChainClaims.declared(b.build(), Map.of(), shape, null);
    }

    @Test
    void theGenericClaimsHoldOnRandomUserChains() {
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).withShrinkCycles(50)
                .forAll(longs().all())
                .checkAssert(seed -> {
                    ChainClaims.Subject s = randomUserChain(seed);
                    for (Claim c : ChainClaims.all("", "random", s, List.of())) {
                        Trial t = c.trial(seed ^ 0x5DEECE66DL, 1);
                        assertFalse(t.failed(), () -> c.id() + " fails on the random chain of seed " + seed + ": " + t);
                    }
                });
    }

    /** PR2's declared chain on a game, and a hand-built solver whose opponent prior is the marginal P(b|s). */
    private static ChainClaims.Subject marginalInsteadOfConditional() {
        ChainDeclaration decl = ThesisChains.pr2(1.5);
        return (seed, size) -> {
            Game g = ChainClaims.discounted(RandomChainModels.game(GAME, seed));
            ChainProblem declared = decl.problem(ChoiceModel.of(g));
            Chain c = declared.chain();
            Chain wrong = Chain.builder(c.contexts())
                    .level("agent", c.levels().get(0).size(), 1.5, c.levels().get(0).prior())
                    .level("opponent", c.levels().get(1).size(), 1.5, LevelPrior.marginal(g.priorOpponentFlat()))
                    .build();
            return new ChainClaims.Instance(() -> org.memarl.io.GameWriter.toJson(g), () -> ChainFiles.toJson(decl),
                    declared.withChain(wrong), declared, GAME.size());
        };
    }

    @Test
    void aPriorThatIgnoresItsGivenIsCaughtByTheSaddlePointClaim() {
        Map<String, ClaimResult> r = run(marginalInsteadOfConditional(), 40);
        assertEquals(Status.FALSIFIED, r.get("saddle-point").status());
        assertNotNull(r.get("saddle-point").counterexample().get("model"));
        Models.read(r.get("saddle-point").counterexample().get("model"));
        assertEquals("pr2", ChainFiles.parse(r.get("saddle-point").counterexample().get("chain")).name());
        // the wrong chain is a valid chain of its own: the claims that see only it hold
        for (String id : List.of("contraction", "level-improvement", "monotone-in-beta", "limits")) {
            assertEquals(Status.HOLDS, r.get(id).status(), id);
        }
    }

    @Test
    void aSolverThatIgnoresTheSignOfBetaIsCaughtByMonotonicityAndTheLimits() {
        ChainDeclaration decl = ThesisChains.softValueIteration(1.0);
        ChainClaims.Subject s = (seed, size) -> {
            Mdp m = ChainClaims.discounted(RandomChainModels.mdp(MDP, seed));
            ChainProblem p = decl.problem(ChoiceModel.of(m));
            return new ChainClaims.Instance(() -> org.memarl.io.ModelWriter.toJson(m), null, p, p,
                    (k, beta) -> ChainClaims.withBeta(p, k, Math.abs(beta)), MDP.size());
        };
        Map<String, ClaimResult> r = run(s, 40);
        assertEquals(Status.FALSIFIED, r.get("monotone-in-beta").status());
        assertEquals(Status.FALSIFIED, r.get("limits").status());
        assertEquals(Status.HOLDS, r.get("saddle-point").status());
    }

    @Test
    void aSolverThatDiscountsLessThanDeclaredIsCaughtByTheContractionClaim() {
        ChainDeclaration decl = ThesisChains.rommeo(0.8);
        ChainClaims.Subject s = (seed, size) -> {
            Game g = RandomChainModels.game(GAME, seed).withGamma(0.5);
            ChainProblem declared = decl.problem(ChoiceModel.of(g));
            ChainProblem solved = decl.problem(ChoiceModel.of(g.withGamma(0.95)));
            return new ChainClaims.Instance(() -> org.memarl.io.GameWriter.toJson(g), null, solved, declared, GAME.size());
        };
        Map<String, ClaimResult> r = run(s, 20);
        assertEquals(Status.FALSIFIED, r.get("contraction").status());
    }

    @Test
    void theGivenModelIsCheckedFirst() {
        Mdp m = RandomChainModels.mdp(MDP, 7).withGamma(1.0).withHorizon(3);
        ChainClaims.Subject s = ChainClaims.declared(ThesisChains.softValueIteration(2.0), Map.of(), MDP, m);
        ChainClaims.Instance in = s.draw(123L, 0);
        assertEquals(0.9, in.solved.gamma());
        assertEquals(0, in.solved.horizon());
        assertEquals(m.rewardsFlat().length, in.solved.rewards().length);
        assertEquals(m.rewardsFlat()[1], in.solved.reward(1));
    }
}
