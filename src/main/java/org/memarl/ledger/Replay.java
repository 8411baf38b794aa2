package org.memarl.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import org.memarl.InvalidModelException;

/**
 * Replays a counterexample: regenerates the instance {@code (seed, size)} of its claim, re-runs the claim's exact
 * check on it (both sides of the failed comparison are recomputed, whatever the claim's kind: fixed policies,
 * operator inputs and parameters are regenerated with the model) and checks that the file describes that instance:
 * its model, parameters and inputs (every key but the recorded outcome) equal the regenerated ones. A file whose
 * instance was edited is refused (it is not the instance the check recomputes). Immutable result.
 */
public final class Replay {
    /** Keys of a counterexample document that record the outcome or its origin, not the instance. */
    static final Set<String> OUTCOME_KEYS = Set.of("detail", "violation", "tolerance", "claim", "ref", "seed", "size",
            "command", "sides", "model", "statement", "hypotheses");

    private final Claim claim;
    private final ObjectNode recorded;
    private final Trial trial;
    private final ObjectNode recomputed;
    private final List<String> invalid;

    private Replay(Claim claim, ObjectNode recorded, Trial trial, ObjectNode recomputed, List<String> invalid) {
        this.claim = claim;
        this.recorded = recorded;
        this.trial = trial;
        this.recomputed = recomputed;
        this.invalid = invalid;
    }

    /**
     * Replays a counterexample document (as {@code check --counterexamples} writes it, the model inline or as the
     * name of the model file beside it, resolved by {@code model}).
     *
     * @param doc the counterexample document
     * @param model the model of the instance (the document's {@code model}, or the file it names, read by the caller)
     * @throws InvalidModelException when the claim is unknown, a key is missing or the instance differs from the one
     *     its seed and size generate
     */
    public static Replay of(Ledger ledger, ObjectNode doc, JsonNode model) {
        String id = text(doc, "claim");
        Claim c = ledger.byId(id);
        if (c == null) {
            throw new InvalidModelException("claim: \"" + id + "\" is not a claim of the thesis ledger (check --list lists"
                    + " them; a --chain claim is replayed by its check --chain command)");
        }
        long seed = number(doc, "seed").longValue();
        int size = number(doc, "size").intValue();
        Replay r = generate(c, seed, size, doc);
        ObjectNode gen = r.recomputed;
        if (model != null && !model.equals(gen.get("model"))) {
            throw new InvalidModelException("model: differs from the model of claim " + id + ", seed " + seed + ", size "
                    + size + "; replay recomputes the check on the generated instance, so the file must describe it"
                    + " (solve the edited model with `solve` instead)");
        }
        java.util.Iterator<String> it = gen.fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            if (OUTCOME_KEYS.contains(k)) {
                continue;
            }
            if (!gen.get(k).equals(doc.get(k))) {
                throw new InvalidModelException(k + ": " + (doc.has(k) ? "differs from" : "missing; expected")
                        + " the " + k + " of claim " + id + ", seed " + seed + ", size " + size);
            }
        }
        return r;
    }

    /** Replays the instance {@code (seed, size)} of a claim (a {@code ID@SEED/SIZE} spec, no file). */
    public static Replay of(Ledger ledger, String id, long seed, int size) {
        Claim c = ledger.byId(id);
        if (c == null) {
            throw new InvalidModelException("replay: \"" + id + "\" is not a claim id (check --list lists them)");
        }
        return generate(c, seed, size, null);
    }

    private static Replay generate(Claim c, long seed, int size, ObjectNode recorded) {
        Trial t = c.trial(seed, size);
        ObjectNode doc = Ledger.counterexample(c, t, seed, size);
        return new Replay(c, recorded, t, doc, Hypothesis.failed(c, doc));
    }

    public Claim claim() {
        return claim;
    }

    /** The recomputed trial: its violation, tolerance and whether it fails. */
    public Trial trial() {
        return trial;
    }

    /** The regenerated counterexample document, with the recomputed detail, violation and tolerance. */
    public ObjectNode recomputed() {
        return recomputed.deepCopy();
    }

    /** The recorded document (null for a {@code ID@SEED/SIZE} replay). */
    public ObjectNode recorded() {
        return recorded == null ? null : recorded.deepCopy();
    }

    /** Hypotheses of the claim the instance violates (empty: a valid instance). */
    public List<String> invalidHypotheses() {
        return invalid;
    }

    /** Whether the replay reproduces a failure of the claim on a valid instance. */
    public boolean reproduced() {
        return trial.failed() && invalid.isEmpty();
    }

    private static String text(ObjectNode doc, String key) {
        JsonNode v = doc.get(key);
        if (v == null || !v.isTextual()) {
            throw new InvalidModelException(key + ": missing or not a string (a counterexample file of check"
                    + " --counterexamples has it)");
        }
        return v.asText();
    }

    private static Number number(ObjectNode doc, String key) {
        JsonNode v = doc.get(key);
        if (v == null || !v.isIntegralNumber()) {
            throw new InvalidModelException(key + ": missing or not an integer (a counterexample file of check"
                    + " --counterexamples has it)");
        }
        return v.numberValue();
    }
}
