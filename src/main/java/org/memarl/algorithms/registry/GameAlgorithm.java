package org.memarl.algorithms.registry;

import java.util.Set;

import org.memarl.algorithms.RunConfig;

import java.util.function.BiFunction;
import org.memarl.algorithms.games.FriendFoeQ;
import org.memarl.algorithms.games.GameQLearning;
import org.memarl.algorithms.games.Minimax;
import org.memarl.algorithms.games.NashQ;
import org.memarl.algorithms.mapi.BalancingQ;
import org.memarl.algorithms.options.MaSoftOptions;
import org.memarl.algorithms.mapi.Gr2;
import org.memarl.algorithms.mapi.ProbabilisticBalancingQ;
import org.memarl.algorithms.mapi.Pr2;
import org.memarl.algorithms.mapi.Rommeo;
import org.memarl.model.Game;
import org.memarl.solve.Solution;

/**
 * The two-player game algorithms by their stable command-line names ({@code cli.md}): the classical
 * solvers of thesis section 2.5.2 (exact operators and their sampled learners) and the MAPI family of
 * chapter 3.
 */
public enum GameAlgorithm implements Registered<Game> {
    MINIMAX(Minimax.NAME, "(2.68) with one foe, zero-sum; Shapley's value iteration", Set.of(), Minimax::solve),
    FRIEND_Q(FriendFoeQ.FRIEND, "(2.68), friend", Set.of(), FriendFoeQ::friend),
    FOE_Q(FriendFoeQ.FOE, "(2.68), foe", Set.of(), FriendFoeQ::foe),
    NASH_Q(NashQ.NAME, "(2.65)-(2.67)", Set.of(), NashQ::solve),
    FRIEND_Q_LEARNING("friend-q-learning", "(2.68) sampled, Theorem 3", Set.of(Option.LEARNING), GameQLearning::friend),
    FOE_Q_LEARNING("foe-q-learning", "(2.68) sampled, Theorem 3", Set.of(Option.LEARNING), GameQLearning::foe),
    NASH_Q_LEARNING("nash-q-learning", "(2.65)-(2.67) sampled", Set.of(Option.LEARNING), GameQLearning::nash),
    ROMMEO("rommeo", "(3.14)-(3.15), (3.18)", Set.of(Option.BETA), Rommeo::solve),
    PR2("pr2", "section 3.1.1", Set.of(Option.BETA), Pr2::solve),
    GR2("gr2", "section 3.1.1 (level K)", Set.of(Option.BETA, Option.TWO_BETAS, Option.LEVEL), Gr2::solve),
    BALANCING_Q("balancing-q", "(3.21)-(3.33)", Set.of(Option.BETA, Option.TWO_BETAS, Option.PERSPECTIVE), BalancingQ::solve),
    PROBABILISTIC_BALANCING_Q("probabilistic-balancing-q", "(3.49)-(3.54)", Set.of(Option.BETA, Option.TWO_BETAS), ProbabilisticBalancingQ::solve),
    MA_SOFT_OPTIONS(MaSoftOptions.NAME, "(4.11)-(4.21), appendix C.2", Set.of(Option.BETA), MaSoftOptions::solve);

    private final Entry<Game> entry;

    GameAlgorithm(String id, String equations, Set<Option> options, BiFunction<Game, RunConfig, Solution> run) {
        this.entry = new Entry<>(id, equations, options, run);
    }

    @Override
    public Entry<Game> entry() {
        return entry;
    }

    /** The algorithm with this command-line name, or an error listing the names. */
    public static GameAlgorithm byId(String id) {
        return Registry.byId(values(), GameAlgorithm::id, id, "a game");
    }

    /**
     * Refuses the options this algorithm does not take.
     *
     * @throws org.memarl.UsageException naming the option and the algorithms that take it
     */
    public void checkOptions(java.util.Collection<String> given) {
        checkOptions(given, values());
    }
}
