package org.memarl.ledger;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The theorem ledger: every claim the library can test numerically, and the runner that tests them.
 * Trials cycle through size bounds 1, 2, .., {@link #MAX_SIZE} so that small instances come first;
 * the counterexample reported is the failing instance of smallest size (ties: the earliest). The
 * instance seeds are derived from the run seed and the claim id, so a run is reproducible.
 */
public final class Ledger {
    /** Largest size bound of the generated instances. */
    public static final int MAX_SIZE = 4;

    private final List<Claim> claims;

    public Ledger(List<Claim> claims) {
        this.claims = List.copyOf(claims);
    }

    /** All claims of the library. */
    public static Ledger standard() {
        List<Claim> all = new ArrayList<>(Chapter2Claims.all());
        all.addAll(Chapter2GradientClaims.all());
        all.addAll(Chapter3Claims.all());
        all.addAll(Chapter4Claims.all());
        all.addAll(Chapter5Claims.all());
        all.addAll(IndexGapClaims.all());
        all.addAll(EquivalenceClaims.all());
        return new Ledger(all);
    }

    public List<Claim> claims() {
        return Collections.unmodifiableList(claims);
    }

    /** The claims whose ref or id equals one of {@code refs} (all when empty). */
    public List<Claim> select(List<String> refs) {
        if (refs == null || refs.isEmpty()) {
            return claims;
        }
        List<Claim> out = new ArrayList<>();
        for (Claim c : claims) {
            if (refs.contains(c.ref()) || refs.contains(c.id())) {
                out.add(c);
            }
        }
        return out;
    }

    /** The seed of trial i of a claim in a run with the given seed. */
    public static long trialSeed(long runSeed, String claimId, int i) {
        long h = runSeed * 0x9E3779B97F4A7C15L + claimId.hashCode();
        h ^= (long) i * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 31)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 29);
    }

    /** Size bound of trial i. */
    public static int trialSize(int i) {
        return 1 + (i % MAX_SIZE);
    }

    /** Runs the claim's witnesses, then {@code trials} random trials; the reported count includes both. */
    public static ClaimResult run(Claim claim, int trials, long seed) {
        double maxViolation = 0.0;
        Trial smallest = null;
        java.util.List<long[]> witnesses = claim.witnesses();
        for (int i = 0; i < witnesses.size() + trials; i++) {
            Trial t = i < witnesses.size()
                    ? claim.trial(witnesses.get(i)[0], (int) witnesses.get(i)[1])
                    : claim.trial(trialSeed(seed, claim.id(), i - witnesses.size()), trialSize(i - witnesses.size()));
            maxViolation = Math.max(maxViolation, t.violation());
            if (t.failed() && (smallest == null || t.size() < smallest.size())) {
                smallest = t;
            }
        }
        Status status;
        if (smallest != null) {
            status = Status.FALSIFIED;
        } else {
            status = claim.expected() == Status.HOLDS_WHEN ? Status.HOLDS_WHEN : Status.HOLDS;
        }
        return new ClaimResult(claim, status, witnesses.size() + trials, maxViolation,
                smallest == null ? null : smallest.instance());
    }
}
