package org.memarl.solve;

/** How the fixed-point driver applies an operator. */
public enum Sweep {
    /** Double-buffered: every coordinate of the new iterate from the previous iterate. */
    JACOBI,
    /** In place: each coordinate uses the values already updated in the same sweep. */
    GAUSS_SEIDEL;

    /** The name on the command line and in result files: {@code jacobi}, {@code gauss-seidel}. */
    public String label() {
        return this == JACOBI ? "jacobi" : "gauss-seidel";
    }
}
