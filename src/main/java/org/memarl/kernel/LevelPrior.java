package org.memarl.kernel;

import java.util.Arrays;
import org.memarl.InvalidModelException;

/**
 * The conditional prior of one choice variable of a {@link Chain}: uniform, marginal
 * {@code P(x | context)} stored as {@code [context][x]}, or conditional on the outer choices of the
 * chain {@code P(x | context, x_1 .. x_{k-1})} stored as {@code [context][prefix][x]} where
 * {@code prefix} is the row-major index of the outer choices. Immutable (the array is copied).
 */
public final class LevelPrior {
    /** How a prior depends on its context. */
    public enum Mode {
        /** {@code P(x) = 1/n}: no weights stored. */
        UNIFORM,
        /** {@code P(x | context)}, stored {@code [context][x]}. */
        MARGINAL,
        /** {@code P(x | context, x_1..x_{k-1})}, stored {@code [context][prefix][x]}. */
        CONDITIONAL
    }

    private final Mode mode;
    private final double[] data;

    private LevelPrior(Mode mode, double[] data) {
        this.mode = mode;
        this.data = data;
    }

    /** The uniform prior. */
    public static LevelPrior uniform() {
        return new LevelPrior(Mode.UNIFORM, null);
    }

    /**
     * {@code P(x | context)} as a flat {@code [context][x]} array (copied). Every weight must be a number in
     * [0, 1]; the {@link Chain} it joins checks that each row sums to 1.
     *
     * @throws InvalidModelException naming the index and value of a weight outside [0, 1] or NaN
     */
    public static LevelPrior marginal(double[] flat) {
        return new LevelPrior(Mode.MARGINAL, checked(flat));
    }

    /**
     * {@code P(x | context, outer choices)} as a flat {@code [context][prefix][x]} array (copied), with
     * {@code prefix} the row-major index of the outer levels' choices. Weights as for {@link #marginal}.
     *
     * @throws InvalidModelException naming the index and value of a weight outside [0, 1] or NaN
     */
    public static LevelPrior conditional(double[] flat) {
        return new LevelPrior(Mode.CONDITIONAL, checked(flat));
    }

    private static double[] checked(double[] flat) {
        if (flat == null) {
            throw new InvalidModelException("prior: null weights");
        }
        double[] d = flat.clone();
        for (int i = 0; i < d.length; i++) {
            if (!(d[i] >= 0.0 && d[i] <= 1.0)) {
                throw new InvalidModelException("prior[" + i + "]: " + d[i] + " is not a probability in [0, 1]");
            }
        }
        return d;
    }

    /** The number of context rows of this prior for a level with {@code prefixCount} outer prefixes: contexts, or contexts times prefixes. */
    int rowsPerContext(int prefixCount) {
        return mode == Mode.CONDITIONAL ? prefixCount : 1;
    }

    /** Whether this prior is uniform, marginal {@code [context][x]} or conditional {@code [context][prefix][x]}. */
    public Mode mode() {
        return mode;
    }

    /** Offset of the row {@code P(. | context, prefix)} in {@link #data()}, or -1 for uniform. */
    int offset(int context, int prefix, int prefixCount, int size) {
        switch (mode) {
            case MARGINAL:
                return context * size;
            case CONDITIONAL:
                return (context * prefixCount + prefix) * size;
            default:
                return -1;
        }
    }

    /** The stored weights (not copied: package-private for the kernel), null when uniform. */
    double[] data() {
        return data;
    }

    /** Expected number of stored weights for the given shape. */
    int expectedLength(int contexts, int prefixCount, int size) {
        switch (mode) {
            case MARGINAL:
                return contexts * size;
            case CONDITIONAL:
                return contexts * prefixCount * size;
            default:
                return 0;
        }
    }

    @Override
    public String toString() {
        return mode + (data == null ? "" : Arrays.toString(data));
    }
}
