package org.memarl.algorithms.registry;

import java.util.function.BiFunction;
import org.memarl.algorithms.RunConfig;
import org.memarl.solve.Solution;

/**
 * An algorithm of a registry ({@link MdpAlgorithm}, {@link GameAlgorithm}) on models of type {@code M}: each
 * constant describes itself with an {@link Entry}, and these methods read it.
 *
 * @param <M> the model type
 */
public interface Registered<M> {
    /**
     * What a registry knows of one algorithm.
     *
     * @param id the stable command-line name ({@code cli.md})
     * @param equations the thesis equations the algorithm implements
     * @param usesBeta whether {@code --beta} changes the result
     * @param run the solver
     * @param <M> the model type
     */
    record Entry<M>(String id, String equations, boolean usesBeta, BiFunction<M, RunConfig, Solution> run) {
    }

    /** The description of this algorithm. */
    Entry<M> entry();

    /** The stable command-line name. */
    default String id() {
        return entry().id();
    }

    /** The thesis equations the algorithm implements. */
    default String equations() {
        return entry().equations();
    }

    /** Whether {@code --beta} changes the result (the classical solvers and their learners have no temperature). */
    default boolean usesBeta() {
        return entry().usesBeta();
    }

    /** Runs the algorithm on the model. */
    default Solution run(M model, RunConfig config) {
        return entry().run().apply(model, config);
    }
}
