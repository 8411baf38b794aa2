package org.memarl.algorithms.options;

import org.memarl.kernel.SoftExtremum;

/**
 * The termination reduction shared by the option recursions, (4.7), (4.17) and (4.20):
 * {@code M_b^beta[ b ? terminate : continue | P^T(b = 1) = p ]} and its Boltzmann probability of b = 1.
 * Holds a two-entry workspace: not thread-safe, allocation-free.
 */
final class Termination {
    private final double[] f = new double[2];
    private final double[] prior = new double[2];

    private void load(double cont, double term, double p) {
        f[0] = cont;
        f[1] = term;
        prior[0] = 1.0 - p;
        prior[1] = p;
    }

    /** The soft extremum over b of the continuing and the terminating value. */
    double value(double beta, double cont, double term, double p) {
        load(cont, term, p);
        return SoftExtremum.fastValue(beta, f, 0, prior, 0, 2);
    }

    /** The Boltzmann probability of terminating, {@code p exp(beta (term - M))}. */
    double probability(double beta, double cont, double term, double p) {
        load(cont, term, p);
        double[] pol = new double[2];
        SoftExtremum.policy(beta, f, 0, prior, 0, 2, pol, 0);
        return pol[1];
    }
}
