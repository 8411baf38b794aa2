package org.memarl.algorithms.classical;

import org.memarl.algorithms.RunConfig;
import org.memarl.algorithms.ChainRun;
import org.memarl.model.Mdp;
import org.memarl.solve.Solution;

/**
 * Value iteration (thesis (2.19)): {@code V(s) <- max_a [ r(s,a) + gamma sum_{s'} T(s'|s,a) V(s') ]},
 * the max taken over the prior's support (all actions under the default uniform prior). This is the
 * beta = +inf member of {@code SoftValueIteration}, run through the same chain kernel and fixed-point
 * driver; the policy is uniform over the maximising actions. Finite horizon when the model has one.
 */
public final class ValueIteration {
    private ValueIteration() {
    }

    public static Solution solve(Mdp mdp, RunConfig config) {
        return ChainRun.solveMdp("value-iteration", ChainRun.mdpProblem(mdp, Double.POSITIVE_INFINITY), Double.POSITIVE_INFINITY, config);
    }
}
