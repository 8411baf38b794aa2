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

    /**
     * The claims matched by one of {@code refs} (all when empty), in ledger order: a query matches a claim whose id or
     * ref equals it ignoring case and runs of spaces ({@code "theorem 9"}), and a bare equation number ({@code 3.31},
     * {@code (3.31)}) matches every claim whose ref cites that number ({@code eq. (3.31)} and {@code eq. (3.31)
     * (corrected)}).
     */
    public List<Claim> select(List<String> refs) {
        if (refs == null || refs.isEmpty()) {
            return claims;
        }
        List<Claim> out = new ArrayList<>();
        for (Claim c : claims) {
            for (String r : refs) {
                if (matches(c, r)) {
                    out.add(c);
                    break;
                }
            }
        }
        return out;
    }

    private static final java.util.regex.Pattern BARE_NUMBER = java.util.regex.Pattern.compile("\\(?([0-9]+(\\.[0-9]+)+)\\)?");

    static String normalise(String s) {
        return s.trim().replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether query {@code q} selects claim {@code c} (see {@link #select}). */
    static boolean matches(Claim c, String q) {
        String n = normalise(q);
        if (n.equals(normalise(c.id())) || n.equals(normalise(c.ref()))) {
            return true;
        }
        java.util.regex.Matcher m = BARE_NUMBER.matcher(n);
        if (m.matches()) {
            String num = java.util.regex.Pattern.quote(m.group(1));
            return java.util.regex.Pattern.compile("(^|[^0-9.])" + num + "([^0-9.]|$)").matcher(c.ref()).find();
        }
        return false;
    }

    /**
     * Up to three refs or ids nearest to a query that matches nothing (edit distance ignoring case), for a "did you
     * mean" message; empty when nothing is near.
     */
    public List<String> suggestions(String q) {
        String n = normalise(q);
        java.util.TreeMap<Integer, java.util.LinkedHashSet<String>> byDistance = new java.util.TreeMap<>();
        for (Claim c : claims) {
            for (String name : List.of(c.ref(), c.id())) {
                String cand = normalise(name);
                int d = distance(n, cand);
                // a query contained in a ref ("theorem 9" in "theorem 9 (corrected)") is near too
                if (cand.contains(n) && n.length() >= 3) {
                    d = Math.min(d, 1);
                }
                if (d <= Math.max(2, n.length() / 3)) {
                    byDistance.computeIfAbsent(d, k -> new java.util.LinkedHashSet<>()).add(name);
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (java.util.Set<String> names : byDistance.values()) {
            for (String name : names) {
                if (out.size() < 3) {
                    out.add(name);
                }
            }
        }
        return out;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
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

    /**
     * Runs the claim's witnesses, then {@code trials} random trials; the reported count includes both. The
     * counterexample (the failing instance of smallest size) carries its {@code claim} id, {@code ref}, {@code seed}
     * and {@code size} (which regenerate it), its {@code violation} and {@code tolerance}; it is checked against the
     * claim's {@link Claim#hypotheses()} ({@link ClaimResult#invalidHypotheses()}).
     */
    public static ClaimResult run(Claim claim, int trials, long seed) {
        double maxViolation = 0.0;
        Trial smallest = null;
        long smallestSeed = 0L;
        int smallestSize = 0;
        java.util.List<long[]> witnesses = claim.witnesses();
        for (int i = 0; i < witnesses.size() + trials; i++) {
            long s = i < witnesses.size() ? witnesses.get(i)[0] : trialSeed(seed, claim.id(), i - witnesses.size());
            int size = i < witnesses.size() ? (int) witnesses.get(i)[1] : trialSize(i - witnesses.size());
            Trial t = claim.trial(s, size);
            maxViolation = Math.max(maxViolation, t.violation());
            if (t.failed() && (smallest == null || t.size() < smallest.size())) {
                smallest = t;
                smallestSeed = s;
                smallestSize = size;
            }
        }
        Status status;
        if (smallest != null) {
            status = Status.FALSIFIED;
        } else {
            status = claim.expected() == Status.HOLDS_WHEN ? Status.HOLDS_WHEN : Status.HOLDS;
        }
        com.fasterxml.jackson.databind.node.ObjectNode ce = null;
        List<String> invalid = List.of();
        if (smallest != null) {
            ce = counterexample(claim, smallest, smallestSeed, smallestSize);
            invalid = Hypothesis.failed(claim, ce);
        }
        return new ClaimResult(claim, status, witnesses.size() + trials, maxViolation, ce, invalid);
    }

    /** The counterexample document of a failed trial: what {@link Trial#instance()} gives plus where it comes from. */
    static com.fasterxml.jackson.databind.node.ObjectNode counterexample(Claim claim, Trial t, long seed, int size) {
        com.fasterxml.jackson.databind.node.ObjectNode o = t.instance();
        o.put("claim", claim.id());
        o.put("ref", claim.ref());
        o.put("seed", seed);
        o.put("size", size);
        return o;
    }

    /** The claim with this id, or null. */
    public Claim byId(String id) {
        for (Claim c : claims) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        return null;
    }
}
