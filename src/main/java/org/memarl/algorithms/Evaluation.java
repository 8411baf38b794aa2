package org.memarl.algorithms;

import java.util.Locale;

import org.memarl.InvalidModelException;
import org.memarl.UsageException;

/**
 * How policy iteration ({@code policy-iteration}, {@code soft-policy-iteration}) evaluates each policy: the
 * command line's {@code --evaluation exact|krylov|sweeps}. {@link #AUTO} (the default) is {@link #EXACT} up to
 * {@value #AUTO_EXACT_MAX_STATES} states and {@link #KRYLOV} above.
 */
public enum Evaluation {
    /** Exact below {@value #AUTO_EXACT_MAX_STATES} states, Krylov above. */
    AUTO("auto"),
    /** A dense LU solve of {@code (I - gamma P_pi) V = r_pi}, O(S^3) time and O(S^2) memory. */
    EXACT("exact"),
    /** Inexact, matrix-free: restarted GMRES with an Eisenstat-Walker forcing term ({@code solve.InexactPolicyIteration}). */
    KRYLOV("krylov"),
    /** Inexact, matrix-free: the policy's Bellman sweeps (modified policy iteration). */
    SWEEPS("sweeps");

    /** The largest model that {@link #AUTO} evaluates exactly. */
    public static final int AUTO_EXACT_MAX_STATES = 500;
    /** The largest model that {@link #EXACT} accepts (its dense S x S matrices take 16 S^2 bytes). */
    public static final int EXACT_MAX_STATES = 5000;

    private final String label;

    Evaluation(String label) {
        this.label = label;
    }

    /** The command-line name. */
    public String label() {
        return label;
    }

    /**
     * The method of a command-line name (case-insensitive).
     *
     * @throws UsageException naming the value and the choices
     */
    public static Evaluation parse(String name) {
        if (name != null) {
            for (Evaluation e : values()) {
                if (e != AUTO && e.label.equals(name.toLowerCase(Locale.ROOT))) {
                    return e;
                }
            }
        }
        throw new UsageException("evaluation: \"" + name + "\" is not exact, krylov or sweeps");
    }

    /**
     * The method used on a model with {@code states} states: {@link #AUTO} resolved by size, the others as given.
     *
     * @throws InvalidModelException if {@link #EXACT} is asked for above {@value #EXACT_MAX_STATES} states
     */
    public Evaluation resolve(int states) {
        if (this == AUTO) {
            return states <= AUTO_EXACT_MAX_STATES ? EXACT : KRYLOV;
        }
        if (this == EXACT && states > EXACT_MAX_STATES) {
            throw new InvalidModelException("evaluation: exact builds dense " + states + " x " + states + " matrices;"
                    + " it is limited to " + EXACT_MAX_STATES + " states; use --evaluation krylov");
        }
        return this;
    }
}
