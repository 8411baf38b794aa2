package org.memarl.algorithms.games;

import org.memarl.InvalidModelException;
import org.memarl.algorithms.RunConfig;
import org.memarl.model.Game;
import org.memarl.solve.Solution;

/**
 * Shapley's value iteration for two-player zero-sum stochastic games (CLI {@code minimax}; thesis
 * section 2.5, Definition 7 with {@code R^{-i} = -R^i}, and (2.68) with one friend and one foe):
 *
 * <pre>
 *   Q(s, a, b) = R(s, a, b) + gamma sum_{s'} T(s' | s, a, b) V(s')
 *   V(s)       = val Q(s, ., .) = max_{x in Delta(A)} min_{b} sum_a x(a) Q(s, a, b)
 * </pre>
 *
 * the value of each stage matrix game by linear programming ({@link ZeroSumMatrixGame}), over the
 * actions the marginal priors allow ({@code P(a | s) > 0}, {@code P(b | s) > 0}). The map is a
 * gamma-contraction in the sup norm (the value of a matrix game is monotone and commutes with adding
 * constants), so the {@link org.memarl.solve.FixedPointDriver} iterates it from V = 0 to the
 * a-posteriori bound {@code gamma/(1-gamma) ||V_k - V_{k-1}||}; its fixed point is the value of the
 * stochastic game (Shapley 1953). With {@code game.horizon() = H > 0} the exact backward recursion
 * {@code V_H = 0, V_t = val(R + gamma T V_{t+1})} is computed instead (values {@code Vt[t][s]}; V = V_0,
 * Q and policies of step 0).
 *
 * <p>Result: {@code V[s]} (agent's value), {@code Q[s][a][b]}, policies {@code agent[s][a]} (maximin)
 * and {@code opponent[s][b]} (minimax) of the stage games at the reported V. Cost per sweep: S linear
 * programs of size |A| x |B| plus the expectations, O(nnz(T)).
 */
public final class Minimax {
    /** The stable CLI name. */
    public static final String NAME = "minimax";

    private Minimax() {
    }

    /**
     * @throws InvalidModelException if the game is not zero-sum (sum type {@code zero}, or opponent rewards
     *         exactly the negated agent rewards), or gamma = 1 without a horizon
     */
    public static Solution solve(Game game, RunConfig config) {
        StageGames.requireZeroSum(NAME, game);
        return StageValueOperator.solve(NAME, game, StageValueOperator.Reduction.FOE, config);
    }
}
