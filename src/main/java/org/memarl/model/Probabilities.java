package org.memarl.model;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.memarl.InvalidModelException;

/** Checks shared by the belief models: distributions, shapes and distinct names, with messages naming key and index. */
public final class Probabilities {
    /** Rows of probabilities must sum to 1 within this tolerance. */
    public static final double TOLERANCE = TransitionMatrix.ROW_SUM_TOLERANCE;

    private Probabilities() {
    }

    /** Checks {@code p[off .. off+len)} is a distribution; {@code where} names it (e.g. {@code transitions[2][1]}). */
    public static void check(String where, double[] p, int off, int len) {
        org.memarl.kernel.Distributions.check(where, p, off, len);
    }

    /** Checks every entry is finite. */
    public static void finite(String where, double[] x) {
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new InvalidModelException(where + "[" + i + "]: " + x[i] + " is not a finite number");
            }
        }
    }

    /** Checks that the names are distinct and non-empty. */
    public static List<String> names(String key, List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new InvalidModelException(key + ": expected at least one name");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            if (!seen.add(names.get(i))) {
                throw new InvalidModelException(key + "[" + i + "]: duplicate name \"" + names.get(i) + "\"");
            }
        }
        return List.copyOf(names);
    }

    /** Checks the flat array length. */
    public static void length(String key, double[] x, int expected, String shape) {
        if (x == null) {
            throw new InvalidModelException(key + ": missing");
        }
        if (x.length != expected) {
            throw new InvalidModelException(key + ": " + x.length + " entries, expected " + expected + " (" + shape + ")");
        }
    }

    static void gamma(double gamma) {
        if (!(gamma >= 0.0 && gamma <= 1.0)) {
            throw new InvalidModelException("gamma: " + gamma + " is not in [0, 1]");
        }
    }
}
