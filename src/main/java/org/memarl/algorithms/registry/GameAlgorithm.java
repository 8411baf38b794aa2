package org.memarl.algorithms.registry;

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
public enum GameAlgorithm {
    MINIMAX(Minimax.NAME, "(2.68) with one foe, zero-sum; Shapley's value iteration", Minimax::solve),
    FRIEND_Q(FriendFoeQ.FRIEND, "(2.68), friend", FriendFoeQ::friend),
    FOE_Q(FriendFoeQ.FOE, "(2.68), foe", FriendFoeQ::foe),
    NASH_Q(NashQ.NAME, "(2.65)-(2.67)", NashQ::solve),
    FRIEND_Q_LEARNING("friend-q-learning", "(2.68) sampled, Theorem 3", GameQLearning::friend),
    FOE_Q_LEARNING("foe-q-learning", "(2.68) sampled, Theorem 3", GameQLearning::foe),
    NASH_Q_LEARNING("nash-q-learning", "(2.65)-(2.67) sampled", GameQLearning::nash),
    ROMMEO("rommeo", "(3.14)-(3.15), (3.18)", Rommeo::solve),
    PR2("pr2", "section 3.1.1", Pr2::solve),
    GR2("gr2", "section 3.1.1 (level K)", Gr2::solve),
    BALANCING_Q("balancing-q", "(3.21)-(3.33)", BalancingQ::solve),
    PROBABILISTIC_BALANCING_Q("probabilistic-balancing-q", "(3.49)-(3.54)", ProbabilisticBalancingQ::solve),
    MA_SOFT_OPTIONS(MaSoftOptions.NAME, "(4.11)-(4.21), appendix C.2", MaSoftOptions::solve);

    private final String id;
    private final String equations;
    private final BiFunction<Game, RunConfig, Solution> run;

    GameAlgorithm(String id, String equations, BiFunction<Game, RunConfig, Solution> run) {
        this.id = id;
        this.equations = equations;
        this.run = run;
    }

    public String id() {
        return id;
    }

    public String equations() {
        return equations;
    }

    /** Whether the algorithm has inverse temperatures (the classical solvers and their learners do not). */
    public boolean usesBeta() {
        switch (this) {
            case ROMMEO:
            case PR2:
            case GR2:
            case BALANCING_Q:
            case PROBABILISTIC_BALANCING_Q:
            case MA_SOFT_OPTIONS:
                return true;
            default:
                return false;
        }
    }

    public Solution run(Game game, RunConfig config) {
        return run.apply(game, config);
    }

    /** The algorithm with this command-line name, or an error listing the names. */
    public static GameAlgorithm byId(String id) {
        return Registry.byId(values(), GameAlgorithm::id, id, "a game");
    }
}
