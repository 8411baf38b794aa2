package org.memarl.algorithms.registry;

import org.memarl.UsageException;

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
     * @param options the algorithm-specific options it takes (its option rules)
     * @param run the solver
     * @param <M> the model type
     */
    record Entry<M>(String id, String equations, java.util.Set<Option> options, BiFunction<M, RunConfig, Solution> run) {
        /** An entry; {@code options} is copied. */
        public Entry {
            options = options.isEmpty() ? java.util.Set.of() : java.util.Set.copyOf(java.util.EnumSet.copyOf(options));
        }
    }

    /**
     * The algorithm-specific options of {@code solve} (the common ones, model, gamma, horizon, tolerance, sweep,
     * threads, output, apply to every algorithm): each algorithm's registration says which it takes, and
     * {@link #checkOptions} refuses the others as usage errors.
     */
    enum Option {
        /** {@code --beta}: one inverse temperature. */
        BETA("--beta"),
        /** {@code --beta-agent}, {@code --beta-opponent}: a temperature per player (each defaulting to {@code --beta}). */
        TWO_BETAS("--beta-agent", "--beta-opponent"),
        /** {@code --level}: GR2's reasoning level. */
        LEVEL("--level"),
        /** {@code --perspective}: Balancing Q's order. */
        PERSPECTIVE("--perspective"),
        /** {@code --policy}: a policy to evaluate. */
        POLICY("--policy"),
        /** {@code --evaluation}: how policy iteration evaluates each policy (exact, krylov, sweeps). */
        EVALUATION("--evaluation"),
        /** {@code --plot}: the option-policy picture of a gridworld. */
        PLOT("--plot"),
        /** {@code --episodes}, {@code --episode-length}, {@code --seed}: the budget and random stream of a learner. */
        LEARNING("--episodes", "--episode-length", "--seed");

        private final java.util.List<String> flags;

        Option(String... flags) {
            this.flags = java.util.List.of(flags);
        }

        /** The command-line spellings. */
        public java.util.List<String> flags() {
            return flags;
        }
    }

    /**
     * Refuses the algorithm-specific options this algorithm does not take.
     *
     * @param given the options given on the command line (their long names, e.g. {@code --level})
     * @param all every algorithm of the same registry (to say which ones take a refused option)
     * @throws UsageException naming the first refused option and the algorithms that take it
     */
    default void checkOptions(java.util.Collection<String> given, Registered<?>[] all) {
        for (Option o : Option.values()) {
            if (entry().options().contains(o)) {
                continue;
            }
            for (String flag : o.flags()) {
                if (given.contains(flag)) {
                    java.util.List<String> takers = new java.util.ArrayList<>();
                    for (Registered<?> r : all) {
                        if (r.entry().options().contains(o)) {
                            takers.add(r.id());
                        }
                    }
                    String who = takers.isEmpty() ? "no algorithm for this kind of model" : String.join(", ", takers);
                    String what = o == Option.BETA || o == Option.TWO_BETAS
                            ? (entry().options().contains(Option.BETA) ? id() + " has one inverse temperature; use --beta"
                                    : id() + " has no inverse temperature")
                            : flag + " does not apply to " + id();
                    throw new UsageException(flag.substring(2) + ": " + what + " (" + flag + " applies to " + who + ")");
                }
            }
        }
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
        return entry().options().contains(Option.BETA);
    }

    /** Runs the algorithm on the model. */
    default Solution run(M model, RunConfig config) {
        return entry().run().apply(model, config);
    }
}
