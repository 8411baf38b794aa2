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

    /**
     * A user string (a key, a file name, a message from a parser) made safe to print in a one-line message:
     * control characters (C0, DEL, C1), line and paragraph separators and bidirectional controls escaped
     * JSON-style ({@code \n}, {@code \u001b}), unchanged otherwise. Every reader echoes user strings through
     * this or {@link #quote}, so a name can neither break a message into lines nor send terminal escapes.
     */
    public static String safe(String s) {
        return escape(s, false);
    }

    /**
     * A user string (a name, a value) as a JSON-style quoted string: {@code "a\nb"}, with the escapes of
     * {@link #safe} and {@code \"}, {@code \\}.
     */
    public static String quote(String s) {
        return '"' + escape(s, true) + '"';
    }

    private static String escape(String s, boolean quoted) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String esc = escape(c, quoted);
            if (esc != null && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                b.append(esc != null ? esc : String.valueOf(c));
            }
        }
        return b == null ? s : b.toString();
    }

    private static String escape(char c, boolean quoted) {
        switch (c) {
            case '"':
                return quoted ? "\\\"" : null;
            case '\\':
                return quoted ? "\\\\" : null;
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            case '\b':
                return "\\b";
            case '\f':
                return "\\f";
            default:
                break;
        }
        boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f
                || c == 0xfeff;
        return control ? String.format(Locale.ROOT, "\\u%04x", (int) c) : null;
    }
}
