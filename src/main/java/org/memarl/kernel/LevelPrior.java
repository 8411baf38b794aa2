package org.memarl.kernel;

import java.util.Arrays;

/**
 * The conditional prior of one choice variable of a {@link Chain}: uniform, marginal
 * {@code P(x | context)} stored as {@code [context][x]}, or conditional on the outer choices of the
 * chain {@code P(x | context, x_1 .. x_{k-1})} stored as {@code [context][prefix][x]} where
 * {@code prefix} is the row-major index of the outer choices. Immutable (the array is copied).
 */
public final class LevelPrior {
    /** How a prior depends on its context. */
    public enum Mode { UNIFORM, MARGINAL, CONDITIONAL }

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

    /** {@code P(x | context)} as a flat {@code [context][x]} array (copied). */
    public static LevelPrior marginal(double[] flat) {
        return new LevelPrior(Mode.MARGINAL, flat.clone());
    }

    /** {@code P(x | context, outer choices)} as a flat {@code [context][prefix][x]} array (copied). */
    public static LevelPrior conditional(double[] flat) {
        return new LevelPrior(Mode.CONDITIONAL, flat.clone());
    }

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
