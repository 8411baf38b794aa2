package org.memarl.docs;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares output shown in the documentation with what a command printed.
 *
 * <p>Both texts are cut into tokens: numbers, words, and single punctuation characters; whitespace is ignored,
 * and so are annotations {@code // ...} to the end of a line in the documented text. {@code ...} (or
 * {@code …}) in the documented text stands for any run of tokens (abridged output). Each run of documented
 * tokens between two {@code ...} must appear contiguously in the real output, in the documented order; the
 * documented text may start and end anywhere in it (it is always an excerpt).
 *
 * <p>A documented number matches a printed one within one unit of its last printed digit ({@code 0.1721}
 * within 1e-4, {@code 8.9e-11} within 1e-12, {@code 2.6662892828343154} within 1e-16) plus 8 ulps; a number
 * written without a point or exponent ({@code 110}) is an integer and must match exactly. Every other token
 * must match exactly.
 */
final class OutputMatcher {
    private OutputMatcher() {
    }

    /** A token; {@code number} is set for numbers, {@code tolerance} for documented numbers. */
    record Token(String text, boolean ellipsis, double number, double tolerance) {
        boolean isNumber() {
            return !Double.isNaN(number);
        }

        boolean matches(Token actual) {
            if (isNumber()) {
                if (!actual.isNumber()) {
                    return false;
                }
                double slack = 8 * Math.ulp(Math.max(Math.abs(number), Math.abs(actual.number)));
                return Math.abs(number - actual.number) <= tolerance + slack;
            }
            return !actual.isNumber() && text.equals(actual.text);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private static final Pattern NUMBER = Pattern.compile("[-+]?(?:\\d+(?:\\.\\d+)?|\\.\\d+)(?:[eE][-+]?\\d+)?");
    private static final Pattern ANNOTATION = Pattern.compile("(?m)\\s//.*$");

    /** The tokens of a text; {@code documented} removes annotations and computes the numbers' tolerances. */
    static List<Token> tokens(String text, boolean documented) {
        if (documented) {
            text = ANNOTATION.matcher(text).replaceAll("");
        }
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        Matcher num = NUMBER.matcher(text);
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '…' || text.startsWith("...", i)) {
                int j = i + 1;
                while (j < n && (text.charAt(j) == '.' || text.charAt(j) == '…')) {
                    j++;
                }
                out.add(new Token("...", true, Double.NaN, 0));
                i = j;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i + 1;
                while (j < n && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) {
                    j++;
                }
                out.add(new Token(text.substring(i, j), false, Double.NaN, 0));
                i = j;
            } else if (startsNumber(text, i) && num.find(i) && num.start() == i) {
                String t = num.group();
                double v = Double.parseDouble(t);
                out.add(new Token(t, false, v, documented ? printedUnit(t) : 0));
                i = num.end();
            } else {
                out.add(new Token(String.valueOf(c), false, Double.NaN, 0));
                i++;
            }
        }
        return out;
    }

    /** A number starts at i: a digit, or a sign or point before a digit that does not continue a word. */
    private static boolean startsNumber(String s, int i) {
        char c = s.charAt(i);
        if (Character.isDigit(c)) {
            return true;
        }
        if (c != '-' && c != '+' && c != '.') {
            return false;
        }
        if (i > 0 && (Character.isLetterOrDigit(s.charAt(i - 1)) || s.charAt(i - 1) == '_')) {
            return false;
        }
        int j = i + 1;
        if (c != '.' && j < s.length() && s.charAt(j) == '.') {
            j++;
        }
        return j < s.length() && Character.isDigit(s.charAt(j));
    }

    /** One unit of the last printed digit of a number, 0 for an integer (no point, no exponent). */
    static double printedUnit(String t) {
        String mantissa = t.replaceFirst("[eE].*$", "");
        if (mantissa.equals(t) && !t.contains(".")) {
            return 0;
        }
        BigDecimal d = new BigDecimal(t.startsWith("+") ? t.substring(1) : t);
        return BigDecimal.ONE.scaleByPowerOfTen(-d.scale()).doubleValue();
    }

    /**
     * {@code null} when the documented text matches the printed one, else a message saying which documented
     * tokens were not found and what was printed where they came closest.
     */
    static String mismatch(String documented, String printed) {
        List<Token> doc = tokens(documented, true);
        List<Token> act = tokens(printed, false);
        List<List<Token>> segments = new ArrayList<>();
        List<Token> cur = new ArrayList<>();
        for (Token t : doc) {
            if (t.ellipsis()) {
                segments.add(cur);
                cur = new ArrayList<>();
            } else {
                cur.add(t);
            }
        }
        segments.add(cur);
        int from = 0;
        for (List<Token> seg : segments) {
            if (seg.isEmpty()) {
                continue;
            }
            int found = -1;
            int bestLen = -1;
            int bestAt = from;
            for (int j = from; j + seg.size() <= act.size() && found < 0; j++) {
                int k = 0;
                while (k < seg.size() && seg.get(k).matches(act.get(j + k))) {
                    k++;
                }
                if (k == seg.size()) {
                    found = j;
                } else if (k > bestLen) {
                    bestLen = k;
                    bestAt = j;
                }
            }
            if (found < 0) {
                String where;
                if (bestLen < 0) {
                    where = "the output ends before it";
                } else {
                    int at = bestAt + bestLen;
                    where = "closest at printed token " + at + ": documented `" + seg.get(bestLen) + "` (tolerance "
                            + seg.get(bestLen).tolerance() + "), printed `" + (at < act.size() ? act.get(at) : "<end>")
                            + "` in: " + join(act, Math.max(0, at - 12), Math.min(act.size(), at + 12));
                }
                return "documented output not found in what the command printed: `" + join(seg, 0, seg.size()) + "`; "
                        + where;
            }
            from = found + seg.size();
        }
        return null;
    }

    private static String join(List<Token> ts, int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < to; i++) {
            if (i > from) {
                b.append(' ');
            }
            b.append(ts.get(i).text());
        }
        return b.toString();
    }
}
