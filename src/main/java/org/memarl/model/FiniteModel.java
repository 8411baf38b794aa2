package org.memarl.model;

import java.util.List;

/**
 * What every finite model of the thesis has (section 2.2): a name, named states, a discount gamma, an
 * optional finite horizon and an initial state distribution. The models ({@link Mdp}, {@link Game},
 * {@link Pomdp}, {@link DecPomdp}) validate these, keep them in a {@link Frame}, and these methods read it.
 */
public interface FiniteModel {
    /**
     * The parts every finite model has, as the model validated them. Immutable: {@link #initial()} is a copy.
     *
     * @param name the model name (may be empty)
     * @param states the state names
     * @param gamma the discount in [0, 1]
     * @param horizon the finite horizon, 0 for the infinite-horizon fixed point
     * @param initial the initial distribution over the states
     */
    record Frame(String name, List<String> states, double gamma, int horizon, double[] initial) {
        /** A copy of the initial distribution. */
        @Override
        public double[] initial() {
            return initial.clone();
        }
    }

    /** The name, states, discount, horizon and initial distribution of the model. */
    Frame frame();

    /** The model name (may be empty). */
    default String name() {
        return frame().name();
    }

    /** The number of states. */
    default int numStates() {
        return frame().states().size();
    }

    /** The discount gamma in [0, 1]. */
    default double gamma() {
        return frame().gamma();
    }

    /** The finite horizon, or 0 for the infinite-horizon fixed point. */
    default int horizon() {
        return frame().horizon();
    }

    /** Copy of the initial distribution. */
    default double[] initial() {
        return frame().initial();
    }

    /** The initial probability of state s. */
    default double initial(int s) {
        return frame().initial[s];
    }
}
