package org.memarl.algorithms.belief;

/** The Dec-Tiger reward table (Nair et al. 2003; MADP's {@code dectiger}), for the tests. */
public final class DecTigerReward {
    static final int LISTEN = 0;
    static final int OPEN_LEFT = 1;
    static final int OPEN_RIGHT = 2;

    private DecTigerReward() {
    }

    /** The Dec-Tiger reward r(tiger, a0, a1); tiger 0 = behind the left door. */
    public static double reward(int tiger, int a0, int a1) {
        if (a0 == LISTEN && a1 == LISTEN) {
            return -2;
        }
        int bad = tiger == 0 ? OPEN_LEFT : OPEN_RIGHT;
        int good = tiger == 0 ? OPEN_RIGHT : OPEN_LEFT;
        if (a0 == a1) {
            return a0 == good ? 20 : -50;
        }
        if (a0 == LISTEN || a1 == LISTEN) {
            int open = a0 == LISTEN ? a1 : a0;
            return open == good ? 9 : -101;
        }
        return -100; // different doors
    }

}
