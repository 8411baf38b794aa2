package org.memarl.io;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.memarl.InvalidModelException;
import org.memarl.model.Fmt;

/**
 * The tokens of Cassandra's {@code .pomdp} and MADP's {@code .dpomdp} text formats (shared by
 * {@link CassandraPomdp} and {@link MadpDecPomdp}): identifiers {@code [A-Za-z][A-Za-z0-9_-]*}, numbers
 * (optional sign, digits, fraction, exponent), {@code :} and {@code *}; {@code #} starts a comment up to the end
 * of the line; whitespace (newlines included) separates tokens. Every token knows its line, and every error is
 * one line naming it: {@code line 12: T: ...}. Lazy: a cursor with a small look-ahead, nothing stored per token.
 */
final class PomdpText {
    enum Kind {
        WORD, NUMBER, COLON, STAR, END
    }

    /** One token: its kind, text and (1-based) line. */
    record Token(Kind kind, String text, int line) {
        boolean is(String word) {
            return kind == Kind.WORD && text.equals(word);
        }

        /** How the token is shown in a message. */
        String shown() {
            return kind == Kind.END ? "end of file" : Fmt.quote(text);
        }
    }

    private final String text;
    private final String what;
    private int pos;
    private int line = 1;
    private final List<Token> ahead = new ArrayList<>();

    /** @param what names the input in messages (a file name) */
    PomdpText(byte[] bytes, String what) {
        this.text = new String(bytes, StandardCharsets.UTF_8);
        this.what = what;
    }

    String what() {
        return what;
    }

    /** The line of the last character read (the end of the file once everything was read). */
    int lastLine() {
        return line;
    }

    /** The i-th token ahead (0 = the next one). */
    Token peek(int i) {
        while (ahead.size() <= i) {
            ahead.add(lex());
        }
        return ahead.get(i);
    }

    Token peek() {
        return peek(0);
    }

    Token next() {
        Token t = peek(0);
        ahead.remove(0);
        return t;
    }

    /** Consumes a {@code :} or fails naming the entry. */
    void colon(String entry) {
        Token t = next();
        if (t.kind() != Kind.COLON) {
            throw error(t.line(), entry + ": expected \":\", found " + t.shown());
        }
    }

    /** An error naming the line. */
    InvalidModelException error(int atLine, String message) {
        return new InvalidModelException("line " + atLine + ": " + message);
    }

    private Token lex() {
        int n = text.length();
        while (pos < n) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (c == '#') {
                while (pos < n && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                pos++;
            } else {
                break;
            }
        }
        if (pos >= n) {
            return new Token(Kind.END, "", line);
        }
        char c = text.charAt(pos);
        int start = pos;
        if (c == ':') {
            pos++;
            return new Token(Kind.COLON, ":", line);
        }
        if (c == '*') {
            pos++;
            return new Token(Kind.STAR, "*", line);
        }
        if (isLetter(c)) {
            pos++;
            while (pos < n && (isLetter(text.charAt(pos)) || isDigit(text.charAt(pos)) || text.charAt(pos) == '_'
                    || text.charAt(pos) == '-')) {
                pos++;
            }
            return new Token(Kind.WORD, text.substring(start, pos), line);
        }
        if (c == '+' || c == '-' || c == '.' || isDigit(c)) {
            pos++;
            while (pos < n) {
                char d = text.charAt(pos);
                boolean exponentSign = (d == '+' || d == '-') && (text.charAt(pos - 1) == 'e' || text.charAt(pos - 1) == 'E');
                if (isDigit(d) || d == '.' || d == 'e' || d == 'E' || exponentSign) {
                    pos++;
                } else {
                    break;
                }
            }
            String s = text.substring(start, pos);
            if (!s.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
                throw error(line, "malformed number " + Fmt.quote(s));
            }
            return new Token(Kind.NUMBER, s, line);
        }
        int cp = text.codePointAt(pos);
        throw error(line, "unexpected character " + Fmt.quote(new String(Character.toChars(cp)))
                + " (names start with a letter; # starts a comment)");
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The value of a number token, finite. */
    double number(Token t, String entry) {
        if (t.kind() != Kind.NUMBER) {
            throw error(t.line(), entry + ": expected a number, found " + t.shown());
        }
        double x = Double.parseDouble(t.text());
        if (!Double.isFinite(x)) {
            throw error(t.line(), entry + ": " + Fmt.quote(t.text()) + " is not a finite number");
        }
        return x;
    }

    /** Whether the token is an unsigned integer (an index or a count). */
    static boolean isInteger(Token t) {
        return t.kind() == Kind.NUMBER && t.text().matches("[0-9]+");
    }

    /** A probability in [0, 1]. */
    double probability(Token t, String entry) {
        double p = number(t, entry);
        if (!(p >= 0.0 && p <= 1.0)) {
            throw error(t.line(), entry + ": " + Fmt.quote(t.text()) + " is not a probability in [0, 1]");
        }
        return p;
    }

    /**
     * Reads the numbers that follow (as many as there are, up to the next word, colon, star or the end) and
     * checks that there are {@code expected}; {@code shape} says what they are ("a row of 2 states").
     */
    double[] numbers(int expected, String entry, String shape, int atLine, boolean probabilities) {
        double[] out = new double[expected];
        int count = 0;
        while (peek().kind() == Kind.NUMBER) {
            Token t = next();
            if (count < expected) {
                out[count] = probabilities ? probability(t, entry) : number(t, entry);
            }
            count++;
        }
        if (count != expected) {
            Token t = peek();
            throw error(count < expected ? t.line() : atLine, entry + ": " + count + " numbers, expected " + expected + " ("
                    + shape + ")" + (count < expected ? ", found " + t.shown() : ""));
        }
        return out;
    }

    /** A list of names or a count (at least one), up to the next section keyword. */
    List<String> namesOrCount(String entry, java.util.function.Predicate<Integer> sectionAhead, long max) {
        Token t = peek();
        if (t.kind() == Kind.NUMBER) {
            next();
            if (!isInteger(t)) {
                throw error(t.line(), entry + ": " + Fmt.quote(t.text()) + " is not a positive count or a list of names");
            }
            java.math.BigInteger c = new java.math.BigInteger(t.text());
            if (c.signum() < 1 || c.compareTo(java.math.BigInteger.valueOf(max)) > 0) {
                throw error(t.line(), entry + ": " + t.text() + " is not a count from 1 to " + max);
            }
            return org.memarl.model.Mdp.indexNames(c.intValue());
        }
        List<String> names = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (peek().kind() == Kind.WORD && !sectionAhead.test(0)) {
            Token w = next();
            if (!seen.add(w.text())) {
                throw error(w.line(), entry + ": duplicate name " + Fmt.quote(w.text()));
            }
            if (names.size() >= max) {
                throw error(w.line(), entry + ": more than " + max + " names");
            }
            names.add(w.text());
        }
        if (names.isEmpty()) {
            throw error(t.line(), entry + ": expected a count or a list of names, found " + t.shown());
        }
        return names;
    }

    /**
     * Resolves one element (a name, an index or {@code *}) to its indices: all of them for {@code *}.
     *
     * @return the index, or -1 for {@code *}
     */
    int element(Token t, List<String> names, java.util.Map<String, Integer> index, String entry, String what) {
        if (t.kind() == Kind.STAR) {
            return -1;
        }
        if (t.kind() == Kind.NUMBER) {
            if (!isInteger(t)) {
                throw error(t.line(), entry + ": " + Fmt.quote(t.text()) + " is not a " + what + " index or name");
            }
            if (t.text().length() > 9 || Integer.parseInt(t.text()) >= names.size()) {
                throw error(t.line(), entry + ": " + what + " index " + t.text() + " is out of range (" + names.size() + " "
                        + what + "s, indices from 0)");
            }
            return Integer.parseInt(t.text());
        }
        if (t.kind() == Kind.WORD) {
            Integer i = index.get(t.text());
            if (i == null) {
                throw error(t.line(), entry + ": unknown " + what + " " + Fmt.quote(t.text()));
            }
            return i;
        }
        throw error(t.line(), entry + ": expected a " + what + " (name, index or *), found " + t.shown());
    }

    static java.util.Map<String, Integer> index(List<String> names) {
        java.util.Map<String, Integer> m = new java.util.HashMap<>();
        if (org.memarl.model.Mdp.isIndexNames(names)) {
            return m; // count-declared: referred to by index only
        }
        for (int i = 0; i < names.size(); i++) {
            m.put(names.get(i), i);
        }
        return m;
    }

    /** Whether a name can be written as it is (an identifier of the formats, not a keyword). */
    static boolean isIdentifier(String s, java.util.Set<String> keywords) {
        return s.matches("[A-Za-z][A-Za-z0-9_-]*") && !keywords.contains(s);
    }

    /** A number as written by the writers: the shortest decimal that reads back to the same double. */
    static String num(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        return Double.toString(x);
    }
}
