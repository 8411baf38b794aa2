package org.memarl.solve;

/** How the fixed-point driver applies an operator. */
public enum Sweep {
    /** Double-buffered: every coordinate of the new iterate from the previous iterate. */
    JACOBI,
    /** In place: each coordinate uses the values already updated in the same sweep. */
    GAUSS_SEIDEL
}
