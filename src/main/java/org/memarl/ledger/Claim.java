package org.memarl.ledger;

/**
 * A numerically checkable claim of the thesis: its label exactly as the thesis prints it
 * ({@code "Theorem 6"}, {@code "appendix A.3.3"}, {@code "eq. (2.20)"}), a precise finite statement,
 * the status the library expects (a claim known to be false in print is expected
 * {@link Status#FALSIFIED}), and an exact check on a random instance generated from a seed and a
 * size bound. Checks compare against independent computations (linear solves, closed forms,
 * enumeration), never against the code path under test alone.
 */
public interface Claim {
    /** Stable identifier, e.g. {@code "soft-policy-improvement"}. */
    String id();

    /** The thesis's own label. */
    String ref();

    /** What exactly is checked. */
    String statement();

    /** The status the ledger expects. */
    Status expected();

    /** For {@link Status#HOLDS_WHEN}: the condition; otherwise null. */
    default String condition() {
        return null;
    }

    /**
     * Instances {@code {seed, size}} known to falsify the claim, re-checked before the random trials (a
     * regression corpus, like a property-testing library's example database): a claim expected
     * falsified then shows its counterexample however few trials are asked for. Empty by default.
     */
    default java.util.List<long[]> witnesses() {
        return java.util.List.of();
    }

    /**
     * The hypotheses an instance must satisfy to be an instance of the claim (checked on the counterexample
     * document, {@link Hypothesis#failed}); every claim's generator draws only such instances. Default: the model
     * is valid.
     */
    default java.util.List<Hypothesis> hypotheses() {
        return java.util.List.of(Hypothesis.validModel());
    }

    /** Runs the check on the instance generated from {@code seed} with sizes at most {@code size}. */
    Trial trial(long seed, int size);
}
