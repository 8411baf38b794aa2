package org.memarl.experiment;

import org.memarl.model.Fmt;

/**
 * How the column player's reward relates to the row player's in the matrix game (3.1): the same
 * ({@link #COOPERATIVE}, figure 3.1) or its negative ({@link #COMPETITIVE}, zero-sum, figure 3.2).
 */
public enum Setting {
    /** Both players receive {@code R[a][b]}. */
    COOPERATIVE,
    /** The row player receives {@code R[a][b]}, the column player {@code -R[a][b]}. */
    COMPETITIVE;

    /** {@code cooperative} or {@code competitive}, as in {@code summary.json}. */
    public String id() {
        return Fmt.label(this);
    }

    /** The column player's reward for the row player's reward {@code r}. */
    public double opponentReward(double r) {
        return this == COOPERATIVE ? r : -r;
    }
}
