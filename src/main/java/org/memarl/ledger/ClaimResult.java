package org.memarl.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The outcome of running a claim on many instances. Immutable. */
public final class ClaimResult {
    private final Claim claim;
    private final Status status;
    private final int trials;
    private final double maxViolation;
    private final ObjectNode counterexample;

    public ClaimResult(Claim claim, Status status, int trials, double maxViolation, ObjectNode counterexample) {
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

    /** Whether the status is the one the ledger expects. */
    public boolean asExpected() {
        return status == claim.expected();
    }

    public int trials() {
        return trials;
    }

    /** Largest violation seen (0 when every trial satisfied the claim exactly or with margin). */
    public double maxViolation() {
        return maxViolation;
    }

    /** The smallest counterexample found, or null. */
    public ObjectNode counterexample() {
        return counterexample == null ? null : counterexample.deepCopy();
    }
}
