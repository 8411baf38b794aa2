package org.memarl.algorithms.games;

import org.memarl.InvalidModelException;
import org.memarl.algorithms.RunConfig;
import org.memarl.model.Game;
import org.memarl.solve.Solution;

/**
 * Friend-or-foe Q (Littman 2001; thesis (2.68)) solved exactly, for the agent's rewards {@code R^i} of a
 * game of any sum type (CLI {@code friend-q} and {@code foe-q}):
 *
 * <pre>
 *   Q(s, a, b) = R^i(s, a, b) + gamma sum_{s'} T(s' | s, a, b) V(s')
 *   friend:  V(s) = max_{a, b} Q(s, a, b)                                (the opponent maximises R^i too)
 *   foe:     V(s) = max_{pi in Delta(A)} min_b sum_a pi(a) Q(s, a, b)      (the opponent minimises R^i)
 * </pre>
 *
 * over the actions the marginal priors allow. Both are gamma-contractions in the sup norm (each
 * reduction is monotone and commutes with constants) with unique fixed points, iterated by the
 * {@link org.memarl.solve.FixedPointDriver} from V = 0; with {@code game.horizon() > 0}, the exact
 * backward recursion (values {@code Vt}). On a zero-sum game foe-Q is {@link Minimax}; on a matrix game
 * (one state, gamma 0) foe-Q's value is the linear-programming value of R.
 *
 * <p>Policies: friend plays the first maximising joint action {@code (a, b)} in row-major order
 * (pure, so the two marginals jointly attain the max; friend-Q's well-known coordination problem is
 * thereby resolved by index order); foe plays the stage game's maximin strategy, and reports as the
 * opponent's the minimax strategy the foe is assumed to play.
 */
public final class FriendFoeQ {
    /** CLI name of friend-Q. */
    public static final String FRIEND = "friend-q";
    /** CLI name of foe-Q. */
    public static final String FOE = "foe-q";

    private FriendFoeQ() {
    }

    /**
     * Friend-Q: {@code V(s) = max_{a,b} Q(s, a, b)}.
     *
     * @throws InvalidModelException if gamma = 1 without a horizon
     */
    public static Solution friend(Game game, RunConfig config) {
        return StageValueOperator.solve(FRIEND, game, StageValueOperator.Reduction.FRIEND, config);
    }

    /**
     * Foe-Q: {@code V(s) = max_pi min_b sum_a pi(a) Q(s, a, b)}, one linear program per state.
     *
     * @throws InvalidModelException if gamma = 1 without a horizon
     */
    public static Solution foe(Game game, RunConfig config) {
        return StageValueOperator.solve(FOE, game, StageValueOperator.Reduction.FOE, config);
    }
}
