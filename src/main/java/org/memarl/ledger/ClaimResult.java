package org.memarl.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The outcome of running a claim on many instances. Immutable. */
public final class ClaimResult {
    private final Claim claim;
    private final Status status;
    private final int trials;
    private final double maxViolation;
    private final ObjectNode counterexample;
    private final java.util.List<String> invalidHypotheses;

    public ClaimResult(Claim claim, Status status, int trials, double maxViolation, ObjectNode counterexample) {
        this(claim, status, trials, maxViolation, counterexample, java.util.List.of());
    }

    /**
     * @param invalidHypotheses the claim's hypotheses the counterexample does not satisfy ("text: reason"), empty
     *     when it is a valid instance
     */
    public ClaimResult(Claim claim, Status status, int trials, double maxViolation, ObjectNode counterexample,
                       java.util.List<String> invalidHypotheses) {
        this.invalidHypotheses = java.util.List.copyOf(invalidHypotheses);
        this.claim = claim;
        this.status = status;
        this.trials = trials;
        this.maxViolation = maxViolation;
        this.counterexample = counterexample == null ? null : counterexample.deepCopy();
    }

    public Claim claim() {
        return claim;
    }

    public Status status() {
        return status;
    }

    /** Whether the status is the one the ledger expects, and a counterexample is a valid instance of the claim. */
    public boolean asExpected() {
        return status == claim.expected() && invalidHypotheses.isEmpty();
    }

    /** The hypotheses of the claim its counterexample violates (a bug of the generator); empty normally. */
    public java.util.List<String> invalidHypotheses() {
        return invalidHypotheses;
    }

    public int trials() {
        return trials;
    }

    /**
     * Largest violation over all trials (0 when every trial satisfied the claim exactly or with margin); not the
     * counterexample's, which is in {@link #counterexample()} ({@code violation} beside its {@code tolerance}).
     */
    public double maxViolation() {
        return maxViolation;
    }

    /**
     * The smallest counterexample found, or null: {@code model}, {@code parameters}, the inputs of the failed check
     * (fixed policies, operator inputs), {@code detail}, {@code violation}, {@code tolerance}, {@code claim}, {@code ref},
     * {@code seed}, {@code size}.
     */
    public ObjectNode counterexample() {
        return counterexample == null ? null : counterexample.deepCopy();
    }
}
