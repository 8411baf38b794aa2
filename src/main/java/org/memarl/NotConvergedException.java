package org.memarl;

/**
 * A fixed-point iteration stopped at its iteration cap before its stopping rule guaranteed the
 * requested tolerance. Carries the iterations done and the last residual; iteration results also
 * report this through {@code converged() == false}, so callers that want the partial result can
 * have it.
 */
public class NotConvergedException extends MemarlException {
    private static final long serialVersionUID = 1L;
    private final int iterations;
    private final double residual;

    public NotConvergedException(String what, int iterations, double residual, double bound, double tolerance) {
        super(what + ": not converged after " + iterations + " iterations (residual " + residual
                + ", distance bound " + bound + " > tolerance " + tolerance + ")");
        this.iterations = iterations;
        this.residual = residual;
    }

    public int iterations() {
        return iterations;
    }

    public double residual() {
        return residual;
    }
}
