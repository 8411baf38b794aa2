package org.memarl.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.memarl.io.Json;
import org.memarl.io.Models;

/**
 * The ledger's section of equivalences: registered under refs that cannot be read as thesis labels, each
 * identity with its condition, and each way it stops holding falsified with a re-runnable counterexample.
 */
class EquivalenceClaimsTest {
    @Test
    void theSectionIsRegisteredWithItsStatuses() {
        Map<String, Claim> byId = Ledger.standard().claims().stream().collect(Collectors.toMap(Claim::id, c -> c));
        Map<String, Status> want = Map.of(
                "rommeo-equals-pr2", Status.HOLDS_WHEN,
                "rommeo-equals-pr2-different-betas", Status.FALSIFIED,
                "rommeo-equals-pr2-inconsistent-priors", Status.FALSIFIED,
                "soft-options-is-flat-soft-vi", Status.HOLDS_WHEN,
                "soft-options-critic-is-not-flat-soft-vi", Status.FALSIFIED,
                "ma-soft-options-is-flat-joint-soft-vi", Status.HOLDS_WHEN,
                "ma-soft-options-beta-per-player-is-not-flat", Status.FALSIFIED);
        for (Map.Entry<String, Status> e : want.entrySet()) {
            Claim c = byId.get(e.getKey());
            assertNotNull(c, e.getKey());
            assertEquals(e.getValue(), c.expected(), c.id());
            assertTrue(c.ref().startsWith("equivalence: "), c.ref());
            assertEquals(c.expected() == Status.HOLDS_WHEN, c.condition() != null, c.id());
            assertEquals(c.expected() == Status.FALSIFIED, !c.witnesses().isEmpty(), c.id());
        }
        assertEquals(want.keySet(), EquivalenceClaims.all().stream().map(Claim::id).collect(Collectors.toSet()));
        assertEquals(1, Ledger.standard().select(List.of("equivalence: ROMMEO = PR2")).size());
    }

    @Test
    void eachBreakShowsItsCounterexampleWithFewTrials() {
        for (Claim c : EquivalenceClaims.all()) {
            ClaimResult r = Ledger.run(c, 8, 11L);
            assertEquals(c.expected(), r.status(), c.id());
            if (c.expected() == Status.FALSIFIED) {
                assertNotNull(r.counterexample(), c.id());
                var model = Models.read(Json.bytes(r.counterexample().get("model")), c.id());
                assertTrue(model.numStates() <= Ledger.MAX_SIZE, c.id());
                assertTrue(r.counterexample().get("detail").asText().contains(" differ by "), c.id());
                assertTrue(r.counterexample().get("violation").asDouble() > r.counterexample().get("tolerance").asDouble());
                for (long[] w : c.witnesses()) {
                    assertTrue(c.trial(w[0], (int) w[1]).failed(), c.id() + " witness " + w[0]);
                }
            } else {
                assertNull(r.counterexample(), c.id());
                assertTrue(r.maxViolation() >= 0.0);
                assertFalse(c.condition().isEmpty());
            }
        }
    }
}
