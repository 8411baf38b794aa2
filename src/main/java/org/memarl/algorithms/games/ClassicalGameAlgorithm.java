package org.memarl.algorithms.games;

import java.util.Arrays;
import java.util.function.BiFunction;
import org.memarl.InvalidModelException;
import org.memarl.algorithms.RunConfig;
import org.memarl.model.Game;
import org.memarl.solve.Solution;

/**
 * The classical game solvers of thesis section 2.5.2 by their stable command-line names
 * ({@code cli.md}), for the command line's dispatch: exact operators iterated to their fixed points (or
 * backward over a horizon). The sample-based learners are {@link GameQLearning}'s methods.
 */
public enum ClassicalGameAlgorithm {
    MINIMAX(Minimax.NAME, "(2.68) with one foe, zero-sum; Shapley's value iteration", Minimax::solve),
    FRIEND_Q(FriendFoeQ.FRIEND, "(2.68), friend", FriendFoeQ::friend),
    FOE_Q(FriendFoeQ.FOE, "(2.68), foe", FriendFoeQ::foe),
    NASH_Q(NashQ.NAME, "(2.65)-(2.67)", NashQ::solve);

    private final String id;
    private final String equations;
    private final BiFunction<Game, RunConfig, Solution> run;

    ClassicalGameAlgorithm(String id, String equations, BiFunction<Game, RunConfig, Solution> run) {
        this.id = id;
        this.equations = equations;
        this.run = run;
    }

    public String id() {
        return id;
    }

    /** The thesis equations the algorithm implements. */
    public String equations() {
        return equations;
    }

    public Solution run(Game game, RunConfig config) {
        return run.apply(game, config);
    }

    /** Whether {@code id} names one of these algorithms. */
    public static boolean isKnown(String id) {
        return Arrays.stream(values()).anyMatch(a -> a.id.equals(id));
    }

    /** @throws InvalidModelException for an unknown name */
    public static ClassicalGameAlgorithm byId(String id) {
        for (ClassicalGameAlgorithm a : values()) {
            if (a.id.equals(id)) {
                return a;
            }
        }
        throw new InvalidModelException("algorithm: unknown name \"" + id + "\" for a classical game solver; expected one of "
                + Arrays.toString(Arrays.stream(values()).map(ClassicalGameAlgorithm::id).toArray()));
    }
}
