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
                throw new InvalidModelException(key + "[" + i + "]: duplicate name " + Fmt.quote(names.get(i)));
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

    /** Checks that the discount is in [0, 1]; returns it. */
    static double gamma(double gamma) {
        if (!(gamma >= 0.0 && gamma <= 1.0)) {
            throw new InvalidModelException("gamma: " + gamma + " is not in [0, 1]");
        }
        return gamma;
    }

    /** Checks that the horizon is 0 (none) or positive; returns it. */
    static int horizon(int horizon) {
        if (horizon < 0) {
            throw new InvalidModelException("horizon: " + horizon + " is not a positive integer");
        }
        return horizon;
    }

    /**
     * The most values a finite-horizon recursion may keep over all its steps (value and policy tables by step):
     * 2^28 doubles, 2 GiB. A longer horizon is refused before anything is allocated.
     */
    public static final long MAX_HORIZON_VALUES = 1L << 28;

    /**
     * Checks that the horizon is 0 (none) or positive and that its backward recursion, keeping {@code perStep}
     * values per time step ({@code (horizon + 1) x perStep} in all, computed exactly), stays within
     * {@link #MAX_HORIZON_VALUES}; returns it.
     *
     * @param sizes the model's sizes for the message, e.g. {@code "3 states and 2 actions"}
     */
    public static int horizon(int horizon, long perStep, String sizes) {
        horizon(horizon);
        if (horizon > 0 && exactProduct(horizon + 1L, perStep) > MAX_HORIZON_VALUES) {
            long most = MAX_HORIZON_VALUES / Math.max(1L, perStep) - 1;
            throw new InvalidModelException("horizon: " + horizon + " is too long for " + sizes + ": the recursion keeps"
                    + " (horizon + 1) x " + perStep + " values, more than the limit of " + MAX_HORIZON_VALUES
                    + (most >= 1 ? "; use a horizon of at most " + most : "; the model is too large for a finite horizon"));
        }
        return horizon;
    }

    /** {@code a * b} for nonnegative factors, or {@link Long#MAX_VALUE} when the product exceeds the range of long. */
    public static long exactProduct(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Checks that a model has at least one of {@code what} (e.g. {@code states: 0 states, expected at least 1}). */
    static int atLeastOne(String key, int count, String what) {
        if (count < 1) {
            throw new InvalidModelException(key + ": " + count + " " + what + ", expected at least 1");
        }
        return count;
    }

    /**
     * Checks the transitions of a fully observed model: present, with {@code rows} rows of {@code n} next states;
     * {@code rowShape} names the rows in the message, e.g. {@code (states*actions)}.
     */
    static TransitionMatrix transitions(TransitionMatrix t, int rows, int n, String rowShape) {
        if (t == null) {
            throw new InvalidModelException("transitions: missing");
        }
        if (t.rows() != rows || t.columns() != n) {
            throw new InvalidModelException("transitions: shape " + t.rows() + " x " + t.columns() + ", expected " + rows
                    + " x " + n + " (" + rowShape + " x states)");
        }
        return t;
    }

    /** The initial distribution of a fully observed model: uniform when null, else a checked copy. */
    static double[] initialOrUniform(double[] initial, int n) {
        if (initial == null) {
            return uniform(n);
        }
        if (initial.length != n) {
            throw new InvalidModelException("initial: length " + initial.length + ", expected " + n);
        }
        double[] p = initial.clone();
        check("initial", p, 0, n);
        return p;
    }

    /** The initial distribution of a belief model: uniform when null, else a checked copy of n entries. */
    static double[] initial(double[] initial, int n) {
        double[] p = initial == null ? uniform(n) : initial.clone();
        length("initial", p, n, "one per state");
        check("initial", p, 0, n);
        return p;
    }

    /**
     * Checks that each of the consecutive blocks {@code x[r*len .. (r+1)*len)} is a distribution, for the rows
     * {@code r} of the index space {@code dims} (row-major, outermost first); messages name
     * {@code key[i0][i1]...}.
     */
    static void rows(String key, double[] x, int len, int... dims) {
        int count = 1;
        for (int d : dims) {
            count *= d;
        }
        for (int r = 0; r < count; r++) {
            StringBuilder at = new StringBuilder(key);
            for (int i = 0, stride = count; i < dims.length; i++) {
                stride /= dims[i];
                at.append('[').append((r / stride) % dims[i]).append(']');
            }
            check(at.toString(), x, r * len, len);
        }
    }

    /** The uniform distribution on n outcomes. */
    static double[] uniform(int n) {
        double[] p = new double[n];
        java.util.Arrays.fill(p, 1.0 / n);
        return p;
    }

    /** Largest absolute entry (0 for none). */
    static double maxAbs(double[] x) {
        double m = 0.0;
        for (double v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
