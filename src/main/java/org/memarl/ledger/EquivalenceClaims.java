package org.memarl.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.memarl.chains.ChainDeclaration;
import org.memarl.chains.ChainEquivalence;
import org.memarl.chains.ChoiceModel;
import org.memarl.chains.EquivalenceModel;
import org.memarl.chains.FlatChains;
import org.memarl.chains.EquivalenceModels;
import org.memarl.chains.RandomChainModels;
import org.memarl.chains.ThesisChains;
import org.memarl.io.GameWriter;
import org.memarl.io.ModelWriter;
import org.memarl.model.Game;
import org.memarl.model.Mdp;
import org.memarl.solve.ChainProblem;

/**
 * Identities a student should know, checked as claims with {@link ChainEquivalence} (two recursions have the
 * same fixed point V per context), and where they stop holding. Refs start with {@code "equivalence: "} so that
 * they cannot be confused with the thesis's labels.
 * <ul>
 *   <li>ROMMEO (3.14)-(3.15) and PR2 (section 3.1.1) share one value at a common beta when the priors are one
 *       joint prior: both are {@code V = (1/beta) log sum_{a,b} P(a,b|s) exp(beta Q)}, one joint Boltzmann
 *       distribution. Not with different betas per player (Balancing Q's two perspectives (3.28), (3.30)), nor
 *       with priors that are not one joint prior.</li>
 *   <li>Soft options (appendix C.1) are flat soft VI on the contexts {@code (s, z_prev)} over the composite
 *       choice {@code (b, z, a)} with the joint prior {@code P^T(b|s,z_prev) P(z|s,z_prev,b) P(a|s,z)}
 *       ({@link FlatChains#softOptions}); the critic (4.9)-(4.10), beta = 0 at termination and master, is not.</li>
 *   <li>ma-soft-options (appendix C.2) with one beta are flat joint soft VI on {@code (s, z'_i, z'_-i)} over all
 *       six variables ({@link FlatChains#maSoftOptions}); not with a beta per player.</li>
 * </ul>
 */
public final class EquivalenceClaims {
    private EquivalenceClaims() {
    }

    /** The equivalence claims, in the order above. */
    public static List<Claim> all() {
        return List.of(new RommeoPr2(Variant.JOINT), new RommeoPr2(Variant.BETAS), new RommeoPr2(Variant.PRIORS),
                new SoftOptionsFlat(false), new SoftOptionsFlat(true), new MaFlat(false), new MaFlat(true));
    }

    private static Trial outcome(ChainEquivalence.Comparison c, int size, ObjectNode model, String what, Object... params) {
        return new Trial(c.gap(), c.tolerance(), size, () -> Chapter2Claims.instance(model, what + " differ by " + c.gap()
                + " at context \"" + c.contextName() + "\" (" + c.first().value(c.context()) + " vs "
                + c.second().value(c.context()) + ")", params))
                .withSides("first V at context \"" + c.contextName() + "\"", c.first().value(c.context()), "=",
                        "second V there", c.second().value(c.context()));
    }

    private static int size(EquivalenceModel m) {
        return m.size();
    }

    /** A nonzero finite beta of either sign (the falsified variants need the levels to differ). */
    private static double finiteBeta(SplittableRandom rng) {
        return RandomGames.signedBeta(rng);
    }

    private enum Variant { JOINT, BETAS, PRIORS }

    /** ROMMEO = PR2 at a common beta with one joint prior; and the two ways it stops holding. */
    static final class RommeoPr2 extends BaseClaim {
        private final Variant variant;

        RommeoPr2(Variant v) {
            super(v == Variant.JOINT ? "rommeo-equals-pr2" : v == Variant.BETAS ? "rommeo-equals-pr2-different-betas"
                            : "rommeo-equals-pr2-inconsistent-priors",
                    v == Variant.JOINT ? "equivalence: ROMMEO = PR2" : v == Variant.BETAS
                            ? "equivalence: ROMMEO = PR2, beta_i != beta_-i" : "equivalence: ROMMEO = PR2, no joint prior",
                    v == Variant.JOINT ? Status.HOLDS_WHEN : Status.FALSIFIED,
                    v == Variant.JOINT ? "one beta for both players, and P(a|s), P(b|s), P(b|s,a), P(a|s,b) the marginals"
                            + " and conditionals of one joint prior P(a,b|s)" : null,
                    v == Variant.JOINT
                    ? "ROMMEO M_b^beta M_a^beta[Q | P(a|s,b)] and PR2 M_a^beta M_b^beta[Q | P(b|s,a)] have the same fixed point"
                            + " V per state: both are V = (1/beta) log sum_{a,b} P(a,b|s) exp(beta Q), one joint Boltzmann"
                            + " distribution over the joint action (any beta, also 0 and +-inf)."
                    : v == Variant.BETAS
                    ? "With a beta per player (beta_i != beta_-i) the opponent-outermost and agent-outermost chains (Balancing"
                            + " Q's two perspectives (3.30) and (3.28)) still have the same fixed point, priors from one joint prior."
                    : "At a common beta, ROMMEO and PR2 have the same fixed point even when P(b|s,a), P(a|s,b) are not the"
                            + " conditionals of the marginals' joint prior.",
                    v == Variant.JOINT ? List.of() : List.of(new long[] {1L, 2}));
            this.variant = v;
            if (v == Variant.PRIORS) {
                requires(Hypothesis.noJointPrior(), Hypothesis.equalParams("betaAgent", "betaOpponent"));
            } else if (v == Variant.BETAS) {
                requires(Hypothesis.jointPrior(), Hypothesis.distinctFiniteParams("betaAgent", "betaOpponent"));
            } else {
                requires(Hypothesis.jointPrior(), Hypothesis.equalParams("betaAgent", "betaOpponent"));
            }
        }

        @Override
        public Trial trial(long seed, int size) {
            SplittableRandom rng = new SplittableRandom(seed ^ 0x2E0A1C5DL);
            Game g;
            if (variant == Variant.PRIORS) {
                int n = 1 + rng.nextInt(Math.max(1, size));
                int na = 1 + rng.nextInt(Math.max(1, size));
                // two opponent actions at least: with one, every pair of marginal and conditional is one joint prior
                int nb = 2 + rng.nextInt(Math.max(1, size - 1));
                g = RandomGames.withoutJointPrior(rng, n, na, nb, RandomMdps.gamma(rng));
            } else {
                g = EquivalenceModels.ofChoices(Set.of("agent", "opponent"), size, rng).game();
            }
            ChoiceModel cm = ChoiceModel.of(g);
            double bi = variant == Variant.BETAS ? finiteBeta(rng) : Chapter2Claims.anyBeta(rng);
            double bo = variant == Variant.BETAS ? finiteBeta(rng) : bi;
            while (variant == Variant.BETAS && bo == bi) {
                bo = finiteBeta(rng); // a beta per player: equal draws would be an instance of the JOINT claim
            }
            ChainProblem opponentFirst = ThesisChains.balancingQ(false, bi, bo).problem(cm);
            ChainProblem agentFirst = ThesisChains.balancingQ(true, bi, bo).problem(cm);
            ChainEquivalence.Comparison c = ChainEquivalence.compare(opponentFirst, agentFirst);
            return outcome(c, size(EquivalenceModel.of(g)), GameWriter.toJson(g),
                    variant == Variant.BETAS ? "opponent-outermost and agent-outermost V" : "ROMMEO and PR2 V",
                    "betaAgent", bi, "betaOpponent", bo);
        }
    }

    /** Soft options = flat soft VI over (b, z, a); the critic's betas break it. */
    static final class SoftOptionsFlat extends BaseClaim {
        private final boolean critic;

        SoftOptionsFlat(boolean critic) {
            super(critic ? "soft-options-critic-is-not-flat-soft-vi" : "soft-options-is-flat-soft-vi",
                    critic ? "equivalence: soft options = flat soft VI, critic's betas" : "equivalence: soft options = flat soft VI",
                    critic ? Status.FALSIFIED : Status.HOLDS_WHEN,
                    critic ? null : "one beta at the termination, option and action levels",
                    critic
                    ? "The soft-options critic (4.9)-(4.10) (beta = 0 at the termination and master levels, beta at the"
                            + " action) is flat soft VI at beta on (s, z_prev) over (b, z, a) with the joint option prior."
                    : "Soft options (appendix C.1) with one beta are flat soft value iteration on the contexts (s, z_prev)"
                            + " over the composite choice (b, z, a), prior P^T(b|s,z_prev) P(z|s,z_prev,b) P(a|s,z): the same"
                            + " fixed point U per context (any beta, also 0 and +-inf).",
                    critic ? List.of(new long[] {9L, 2}) : List.of());
            this.critic = critic;
        }

        @Override
        public Trial trial(long seed, int size) {
            SplittableRandom rng = new SplittableRandom(seed ^ 0x50F70F7EL);
            Mdp mdp = EquivalenceModels.ofChoices(Set.of("termination", "option", "action"), size, rng).mdp();
            double beta = critic ? finiteBeta(rng) : Chapter2Claims.anyBeta(rng);
            ChainDeclaration nested = critic ? ThesisChains.softOptionsCritic(beta) : ThesisChains.softOptions(beta);
            ChainEquivalence.Comparison c = ChainEquivalence.compare(nested.problem(ChoiceModel.of(mdp)),
                    FlatChains.softOptions(mdp, beta));
            return outcome(c, size(EquivalenceModel.of(mdp)), ModelWriter.toJson(mdp),
                    (critic ? "critic" : "soft-options") + " U and flat soft VI U", "beta", beta);
        }
    }

    /** ma-soft-options with one beta = flat joint soft VI over six variables; a beta per player breaks it. */
    static final class MaFlat extends BaseClaim {
        private final boolean perPlayer;

        MaFlat(boolean perPlayer) {
            super(perPlayer ? "ma-soft-options-beta-per-player-is-not-flat" : "ma-soft-options-is-flat-joint-soft-vi",
                    perPlayer ? "equivalence: ma-soft-options = flat joint soft VI, beta per player"
                            : "equivalence: ma-soft-options = flat joint soft VI",
                    perPlayer ? Status.FALSIFIED : Status.HOLDS_WHEN,
                    perPlayer ? null : "one beta at all six levels",
                    perPlayer
                    ? "ma-soft-options with the agent's levels at beta_i and the opponent's at beta_-i != beta_i is flat joint"
                            + " soft VI at beta_i on (s, z'_i, z'_-i)."
                    : "ma-soft-options (appendix C.2) with one beta are flat joint soft value iteration on the contexts"
                            + " (s, z'_i, z'_-i) over the composite choice (b_i, z_i, a, b_-i, z_-i, b) with both players'"
                            + " option priors multiplied: the same fixed point per context (any beta, also 0 and +-inf).",
                    perPlayer ? List.of(new long[] {1L, 2}) : List.of());
            this.perPlayer = perPlayer;
            requires(perPlayer ? Hypothesis.distinctFiniteParams("betaAgent", "betaOpponent")
                    : Hypothesis.equalParams("betaAgent", "betaOpponent"));
        }

        @Override
        public Trial trial(long seed, int size) {
            SplittableRandom rng = new SplittableRandom(seed ^ 0x3A50F7A1L);
            Game g = EquivalenceModels.ofChoices(Set.of("agent.termination", "agent.option", "agent", "opponent.termination",
                    "opponent.option", "opponent"), size, rng).game();
            double bi = perPlayer ? finiteBeta(rng) : Chapter2Claims.anyBeta(rng);
            double bo = perPlayer ? finiteBeta(rng) : bi;
            while (perPlayer && bo == bi) {
                bo = finiteBeta(rng); // beta_-i != beta_i is the hypothesis of the per-player claim
            }
            ChainDeclaration nested = ChainDeclaration.builder().name("ma-soft-options")
                    .level("agent.termination", bi).level("agent.option", bi).level("agent", bi)
                    .level("opponent.termination", bo).level("opponent.option", bo).level("opponent", bo).build();
            ChainEquivalence.Comparison c = ChainEquivalence.compare(nested.problem(ChoiceModel.of(g)),
                    FlatChains.maSoftOptions(g, bi, "agent"));
            return outcome(c, size(EquivalenceModel.of(g)), GameWriter.toJson(g), "ma-soft-options V and flat joint soft VI V",
                    "betaAgent", bi, "betaOpponent", bo);
        }
    }
}
