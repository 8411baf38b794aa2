package org.memarl.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.memarl.algorithms.mapi.GameChains;
import org.memarl.algorithms.mapi.Order;
import org.memarl.io.GameWriter;
import org.memarl.model.Game;
import org.memarl.solve.FixedPoint;
import org.memarl.solve.FixedPointDriver;
import org.memarl.solve.IterationOptions;
import org.memarl.solve.Sweep;

/**
 * The generic rule of issue 14 item 5: every claim's generator draws only instances that satisfy the claim's
 * hypotheses ({@link Claim#hypotheses()}), checked for every claim of the ledger on many generated instances (its
 * witnesses first); and the hypotheses do reject what is not an instance: the eq. (3.31) / eq. (3.25) counterexamples
 * of old (one agent action, yet P(b|s) differs from P(b|s,a)), unequal betas for the corrected eq. (3.31).
 */
class ClaimHypothesesTest {
    private static final int TRIALS = 40;

    @Test
    void everyClaimsGeneratorDrawsOnlyValidInstances() {
        List<String> bad = new ArrayList<>();
        int checked = 0;
        for (Claim c : Ledger.standard().claims()) {
            List<long[]> draws = new ArrayList<>(c.witnesses());
            for (int i = 0; i < TRIALS; i++) {
                draws.add(new long[] {Ledger.trialSeed(977L, c.id(), i), Ledger.trialSize(i)});
            }
            for (long[] d : draws) {
                Trial t = c.trial(d[0], (int) d[1]);
                ObjectNode doc = Ledger.counterexample(c, t, d[0], (int) d[1]);
                List<String> failed = Hypothesis.failed(c, doc);
                if (!failed.isEmpty()) {
                    bad.add(c.id() + " seed " + d[0] + " size " + d[1] + ": " + failed);
                }
                checked++;
            }
        }
        assertTrue(bad.isEmpty(), bad.size() + " invalid instances: " + bad.stream().map(b -> b.substring(0, b.indexOf(' ')))
                .distinct().toList() + ", e.g. " + (bad.isEmpty() ? "" : bad.get(0)));
        assertTrue(checked >= Ledger.standard().claims().size() * TRIALS);
    }

    @Test
    void claimsComparingPerspectivesOrMarginalAndConditionalRequireAJointPrior() {
        Ledger l = Ledger.standard();
        for (String id : List.of("perspectives-coincide", "perspectives-coincide-when",
                "balancing-q-objective-optimum-as-printed", "balancing-q-objective-optimum-corrected",
                "rommeo-equals-pr2", "rommeo-equals-pr2-different-betas")) {
            assertTrue(l.byId(id).hypotheses().stream().anyMatch(h -> h.text().contains("one joint prior")), id);
        }
    }

    /** The shape of the old eq. (3.31) counterexample: one agent action, P(b|s) = (0.5, 0.5), P(b|s,a) = (0.9, 0.1). */
    private static ObjectNode oldInvalidInstance() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode m = f.objectNode();
        m.put("format", "memarl/1").put("kind", "game").put("gamma", 0.5);
        m.putArray("states").add("s0");
        ObjectNode acts = m.putObject("actions");
        acts.put("agent", 1).put("opponent", 2);
        m.putArray("transitions").addArray().addArray().add(f.arrayNode().add(1.0)).add(f.arrayNode().add(1.0));
        m.putArray("rewards").addArray().addArray().add(1.0).add(-1.0);
        m.put("sum", "zero");
        ObjectNode p = m.putObject("prior");
        p.putArray("opponent").addArray().add(0.5).add(0.5);
        p.putArray("agent").addArray().add(1.0);
        p.putArray("opponentGivenAgent").addArray().addArray().add(0.9).add(0.1);
        p.putArray("agentGivenOpponent").addArray().add(f.arrayNode().add(1.0)).add(f.arrayNode().add(1.0));
        ObjectNode doc = f.objectNode();
        doc.set("model", m);
        doc.putObject("parameters").put("betaAgent", 1.0).put("betaOpponent", 1.0);
        return doc;
    }

    @Test
    void hypothesesRejectTheOldInvalidCounterexamples() {
        ObjectNode doc = oldInvalidInstance();
        Ledger l = Ledger.standard();
        for (String id : List.of("perspectives-coincide", "balancing-q-objective-optimum-as-printed")) {
            List<String> failed = Hypothesis.failed(l.byId(id), doc);
            assertFalse(failed.isEmpty(), id);
            assertTrue(failed.get(0).contains("state 0") || failed.get(0).contains("not valid"), failed.toString());
        }
    }

    @Test
    void theCorrectedClaimRejectsUnequalBetas() {
        Game g = matchingPennies();
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.set("model", GameWriter.toJson(g));
        doc.putObject("parameters").put("betaAgent", 1.0).put("betaOpponent", -1.0);
        Claim corrected = Ledger.standard().byId("perspectives-coincide-when");
        List<String> failed = Hypothesis.failed(corrected, doc);
        assertEquals(1, failed.size(), failed.toString());
        assertTrue(failed.get(0).startsWith("betaAgent = betaOpponent"), failed.toString());
        assertTrue(Hypothesis.failed(Ledger.standard().byId("perspectives-coincide"), doc).isEmpty());
    }

    /** Matching pennies as a one-state game (gamma 0.5, self-loop) with the uniform joint prior given as such. */
    private static Game matchingPennies() {
        double[][][][] t = {{{{1.0}, {1.0}}, {{1.0}, {1.0}}}};
        return Game.builder().name("matching pennies").states(1).agentActions(2).opponentActions(2).gamma(0.5)
                .transitions(t).sum(Game.Sum.ZERO).rewards(new double[][][] {{{1, -1}, {-1, 1}}})
                .joint(new double[][][] {{{0.25, 0.25}, {0.25, 0.25}}}).build();
    }

    /**
     * Eq. (3.31) on a valid instance: matching pennies with one (uniform) joint prior, beta_i = +inf, beta_-i = -inf.
     * The agent's perspective is the pure maxmin, the stage value max_a min_b r = -1 each step, V = -1 / (1 - gamma)
     * = -2; the opponent's the pure minmax, +1 each step, V = +2: the gap is the order of max and min, not the priors.
     */
    @Test
    void matchingPenniesAtInfiniteBetasIsAValidCounterexampleOfEq331() {
        Game g = matchingPennies();
        double inf = Double.POSITIVE_INFINITY;
        FixedPoint agent = FixedPointDriver.solve(GameChains.operator(g, Order.AGENT_FIRST, inf, -inf), new double[1],
                new IterationOptions(1e-13, 1_000_000, Sweep.GAUSS_SEIDEL));
        FixedPoint opp = FixedPointDriver.solve(GameChains.operator(g, Order.OPPONENT_FIRST, inf, -inf), new double[1],
                new IterationOptions(1e-13, 1_000_000, Sweep.GAUSS_SEIDEL));
        assertEquals(-2.0, agent.values()[0], 1e-12);
        assertEquals(2.0, opp.values()[0], 1e-12);
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.set("model", GameWriter.toJson(g));
        doc.putObject("parameters").put("betaAgent", "inf").put("betaOpponent", "-inf");
        assertTrue(Hypothesis.failed(Ledger.standard().byId("perspectives-coincide"), doc).isEmpty());
        assertTrue(g.hasJointPrior());
    }

    @Test
    void refsMatchIgnoringCaseAndByBareEquationNumber() {
        Ledger l = Ledger.standard();
        assertEquals(List.of("agent-update-sign-as-printed"), l.select(List.of("theorem 9")).stream().map(Claim::id).toList());
        assertEquals(List.of("perspectives-coincide", "perspectives-coincide-when"),
                l.select(List.of("3.31")).stream().map(Claim::id).toList());
        assertEquals(l.select(List.of("3.31")), l.select(List.of("(3.31)")));
        assertTrue(l.select(List.of("3.3")).isEmpty(), "3.3 is not 3.31 nor A.3.3");
        assertEquals(List.of("soft-policy-improvement"), l.select(List.of("SOFT-POLICY-IMPROVEMENT")).stream()
                .map(Claim::id).toList());
        assertEquals("Theorem 9", l.suggestions("theorem 99").get(0));
    }
}
