package org.memarl.solve;

/**
 * A map {@code B : R^n -> R^n} that is a contraction in the sup norm with modulus
 * {@link #modulus()} (for Bellman operators, gamma), in both of its sweep forms. The
 * {@link FixedPointDriver} iterates it.
 */
public interface ValueOperator {
    /** Dimension n of the vectors the operator maps. */
    int size();

    /** Contraction modulus in the sup norm (gamma for every Bellman operator of the thesis). */
    double modulus();

    /** Jacobi sweep: {@code out = B(in)}. Modifies only {@code out}; must not allocate. */
    void apply(double[] in, double[] out);

    /**
     * Jacobi sweep on up to {@code threads} threads; the result must be bit-identical to
     * {@link #apply(double[], double[])} for every thread count. The default runs sequentially.
     */
    default void apply(double[] in, double[] out, int threads) {
        apply(in, out);
    }

    /**
     * Gauss-Seidel sweep: updates {@code v} in place, coordinate by coordinate in index order, each
     * update reading the freshest values; returns {@code max_i |v_new(i) - v_old(i)|}. For the
     * monotone Bellman operators of this library the Gauss-Seidel map is a contraction with the same
     * modulus, so the same stopping rule applies. Must not allocate.
     */
    double applyInPlace(double[] v);
}
