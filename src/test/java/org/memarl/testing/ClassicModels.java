package org.memarl.testing;

import java.util.ArrayList;
import java.util.List;
import org.memarl.model.Mdp;

/**
 * Textbook models with published values, built with {@link Mdp#builder()}. The bundled files
 * {@code examples/gridworld-4x4.json} and {@code examples/russell-norvig-4x3.json} hold the same
 * models (checked by {@code model.ExampleModelsTest}).
 */
public final class ClassicModels {
    private ClassicModels() {
    }

    /** Action names of both gridworlds, in this order. */
    public static final List<String> MOVES = List.of("up", "down", "left", "right");
    private static final int[] DX = {0, 0, -1, 1};
    private static final int[] DY_SCREEN = {-1, 1, 0, 0};

    // ------------------------------------------------------------------ Sutton & Barto 4x4

    /**
     * Sutton and Barto, Reinforcement Learning: An Introduction (2nd ed.), Example 4.1: states 0..15 in
     * row-major order on a 4x4 grid, 0 and 15 terminal (absorbing, reward 0), reward -1 on every
     * move elsewhere, moves off the grid leave the state unchanged, gamma = 1.
     */
    public static Mdp suttonBartoGridworld() {
        int n = 16;
        double[][][] t = new double[n][4][n];
        double[][] r = new double[n][4];
        List<String> names = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            names.add("s" + s);
            int row = s / 4;
            int col = s % 4;
            for (int a = 0; a < 4; a++) {
                if (s == 0 || s == 15) {
                    t[s][a][s] = 1.0;
                    r[s][a] = 0.0;
                    continue;
                }
                int nr = row + DY_SCREEN[a];
                int nc = col + DX[a];
                int target = nr >= 0 && nr < 4 && nc >= 0 && nc < 4 ? nr * 4 + nc : s;
                t[s][a][target] = 1.0;
                r[s][a] = -1.0;
            }
        }
        return Mdp.builder().name("gridworld-4x4").states(names).actions(MOVES).gamma(1.0)
                .transitions(t).rewards(r).build();
    }

    /** The values of the equiprobable random policy printed in Sutton and Barto's Figure 4.1 (k = infinity). */
    public static final double[] SUTTON_BARTO_RANDOM_POLICY_VALUES = {
        0, -14, -20, -22,
        -14, -18, -20, -20,
        -20, -20, -18, -14,
        -22, -20, -14, 0,
    };

    // ------------------------------------------------------------------ Russell & Norvig 4x3

    /** Cells (x, y) of the 4x3 world, x = column 1..4 from the left, y = row 1..3 from the bottom; (2,2) is the wall. */
    public static final int[][] RN_CELLS = {
        {1, 1}, {2, 1}, {3, 1}, {4, 1},
        {1, 2}, {3, 2}, {4, 2},
        {1, 3}, {2, 3}, {3, 3}, {4, 3},
    };
    /** Index of the extra absorbing state entered after a terminal cell. */
    public static final int RN_DONE = RN_CELLS.length;

    /** Index of cell (x, y) in {@link #RN_CELLS}, or -1 for the wall or outside the grid. */
    public static int rnIndex(int x, int y) {
        for (int i = 0; i < RN_CELLS.length; i++) {
            if (RN_CELLS[i][0] == x && RN_CELLS[i][1] == y) {
                return i;
            }
        }
        return -1;
    }

    /** Name of a state of the 4x3 world: {@code "(x,y)"} or {@code "done"}. */
    public static String rnName(int i) {
        return i == RN_DONE ? "done" : "(" + RN_CELLS[i][0] + "," + RN_CELLS[i][1] + ")";
    }

    /**
     * Russell and Norvig, Artificial Intelligence: A Modern Approach, section 17.1 (Figure 17.1): the
     * 4x3 world with step reward -0.04, terminals +1 at (4,3) and -1 at (4,2), the wall at (2,2), and
     * moves that go the intended way with probability 0.8 and at right angles with 0.1 each (bumping
     * into the wall or the edge leaves the agent in place). Encoded for gamma = 1 as a stochastic
     * shortest-path problem: a terminal cell pays its reward on every action and moves to the extra
     * absorbing state {@code done} (reward 0), so the value of a terminal cell is its reward and the
     * value of a non-terminal cell is R&amp;N's utility U(s) = R(s) + max_a sum P U(s').
     * Transition probabilities are accumulated in tenths and divided by 10 once, so that they are
     * the doubles nearest to the decimals written in the JSON file.
     */
    public static Mdp russellNorvig4x3() {
        int n = RN_CELLS.length + 1;
        double[][][] t = new double[n][4][n];
        double[][] r = new double[n][4];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add(rnName(i));
        }
        int win = rnIndex(4, 3);
        int lose = rnIndex(4, 2);
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 4; a++) {
                if (i == RN_DONE) {
                    t[i][a][RN_DONE] = 1.0;
                    r[i][a] = 0.0;
                } else if (i == win || i == lose) {
                    t[i][a][RN_DONE] = 1.0;
                    r[i][a] = i == win ? 1.0 : -1.0;
                } else {
                    int[] tenths = new int[n];
                    tenths[rnMove(i, a)] += 8;
                    int[] perpendicular = a < 2 ? new int[] {2, 3} : new int[] {0, 1};
                    for (int b : perpendicular) {
                        tenths[rnMove(i, b)] += 1;
                    }
                    for (int j = 0; j < n; j++) {
                        t[i][a][j] = tenths[j] / 10.0;
                    }
                    r[i][a] = -0.04;
                }
            }
        }
        double[] initial = new double[n];
        initial[rnIndex(1, 1)] = 1.0;
        return Mdp.builder().name("russell-norvig-4x3").states(names).actions(MOVES).gamma(1.0)
                .initial(initial).transitions(t).rewards(r).build();
    }

    /** Destination of the move {@code a} (up, down, left, right; up = +y) from cell i. */
    static int rnMove(int i, int a) {
        int x = RN_CELLS[i][0] + DX[a];
        int y = RN_CELLS[i][1] - DY_SCREEN[a];
        int j = rnIndex(x, y);
        return j < 0 ? i : j;
    }

    /**
     * The optimal utilities of Russell and Norvig's Figure 17.3 (R(s) = -0.04, gamma = 1), to three
     * decimals, indexed as {@link #RN_CELLS} ({@code done} excluded).
     */
    public static final double[] RN_UTILITIES = {
        0.705, 0.655, 0.611, 0.388,
        0.762, 0.660, -1.0,
        0.812, 0.868, 0.918, 1.0,
    };

    /** The optimal policy of Russell and Norvig's Figure 17.2(a) for R(s) = -0.04, as action names per cell (null at terminals). */
    public static final String[] RN_POLICY = {
        "up", "left", "left", "left",
        "up", "up", null,
        "right", "right", "right", null,
    };
}
