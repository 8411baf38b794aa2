package org.memarl.algorithms.belief;

/**
 * The proposal {@code q(s' | s, step)} of sequential Monte Carlo (thesis (5.4), (5.14)): where the
 * particle descended from ancestor state s is moved at step t. It must put mass wherever the target
 * {@code K(s'|s) h(s')} does (else the estimate would be biased; {@link ParticleFilter} checks it).
 */
@FunctionalInterface
public interface Proposal {
    /** Writes {@code q(. | s)} for step t into {@code out} (n entries, summing to 1). */
    void distribution(int t, FilterStep step, int s, double[] out);

    /** The bootstrap proposal: the transition kernel, {@code q = K(. | s)}; the weight is {@code g(s) h(s')}. */
    Proposal BOOTSTRAP = (t, step, s, out) -> {
        for (int s2 = 0; s2 < out.length; s2++) {
            out[s2] = step.k(s, s2);
        }
    };

    /**
     * The locally optimal ("fully adapted") proposal {@code q(s'|s) ∝ K(s'|s) h(s')} (the kernel where the
     * next observation is impossible everywhere); the weight {@code g(s) sum_s' K h} does not depend on s'.
     */
    Proposal LOCALLY_OPTIMAL = (t, step, s, out) -> {
        double z = 0.0;
        for (int s2 = 0; s2 < out.length; s2++) {
            out[s2] = step.k(s, s2) * step.h(s2);
            z += out[s2];
        }
        for (int s2 = 0; s2 < out.length; s2++) {
            out[s2] = z > 0.0 ? out[s2] / z : step.k(s, s2);
        }
    };

    /** A user-given proposal that does not depend on the step: {@code q[s][s']}. */
    static Proposal of(double[][] q) {
        double[][] copy = new double[q.length][];
        for (int s = 0; s < q.length; s++) {
            copy[s] = q[s].clone();
        }
        return (t, step, s, out) -> System.arraycopy(copy[s], 0, out, 0, out.length);
    }
}
