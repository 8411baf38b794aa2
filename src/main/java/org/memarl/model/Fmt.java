package org.memarl.model;

import java.util.Locale;

/**
 * Formatting for messages and files: numbers with 12 significant digits and no trailing zeros (0.98 not
 * 0.9799999999999999), and the labels of enum constants ({@code MATRIX_GAME} is {@code matrix-game}).
 */
public final class Fmt {
    private Fmt() {
    }

    public static String num(double x) {
        return org.memarl.kernel.Distributions.num(x);
    }

    /** The label of an enum constant: its name in lower case with {@code _} as {@code -}. */
    public static String label(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The constant of {@code type} whose {@link #label} is {@code label}, or null when there is none. */
    public static <E extends Enum<E>> E byLabel(Class<E> type, String label) {
        for (E e : type.getEnumConstants()) {
            if (label(e).equals(label)) {
                return e;
            }
        }
        return null;
    }
}
