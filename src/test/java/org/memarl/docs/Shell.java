package org.memarl.docs;

import java.util.ArrayList;
import java.util.List;

/**
 * The small part of POSIX shell syntax that documented commands use: comments, single and double quotes,
 * backslash escapes, and words. Anything more (pipes, lists, redirections, substitutions, globs, variable
 * assignments) makes a line "not a simple command", which the runner does not execute (it must then be in the
 * allow-list with a reason).
 */
final class Shell {
    private Shell() {
    }

    /** A line split at its comment: the code before {@code #} and the comment after it (both stripped). */
    record Line(String code, String comment) {
    }

    /** Splits at the first {@code #} that starts a word outside quotes. */
    static Line splitComment(String line) {
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && !single) {
                i++;
            } else if (c == '\'' && !dbl) {
                single = !single;
            } else if (c == '"' && !single) {
                dbl = !dbl;
            } else if (c == '#' && !single && !dbl && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return new Line(line.substring(0, i).strip(), line.substring(i + 1).strip());
            }
        }
        return new Line(line.strip(), "");
    }

    /**
     * The words of a simple command, quotes removed, or {@code null} when the line uses other shell syntax:
     * an unquoted {@code | & ; < > ( ) * ? [ ]} or backquote, a {@code $} (variables are substituted before), or a
     * leading assignment {@code NAME=value}.
     */
    static List<String> words(String code) {
        List<String> words = new ArrayList<>();
        StringBuilder w = null;
        int i = 0;
        int n = code.length();
        while (i < n) {
            char c = code.charAt(i);
            if (Character.isWhitespace(c)) {
                if (w != null) {
                    words.add(w.toString());
                    w = null;
                }
                i++;
                continue;
            }
            if (w == null) {
                w = new StringBuilder();
            }
            if (c == '\'') {
                int end = code.indexOf('\'', i + 1);
                if (end < 0) {
                    return null;
                }
                w.append(code, i + 1, end);
                i = end + 1;
            } else if (c == '"') {
                i++;
                while (i < n && code.charAt(i) != '"') {
                    char d = code.charAt(i);
                    if (d == '$' || d == '`') {
                        return null;
                    }
                    if (d == '\\' && i + 1 < n && "\"\\$`".indexOf(code.charAt(i + 1)) >= 0) {
                        i++;
                        d = code.charAt(i);
                    }
                    w.append(d);
                    i++;
                }
                if (i >= n) {
                    return null;
                }
                i++;
            } else if (c == '\\') {
                if (i + 1 >= n) {
                    return null;
                }
                w.append(code.charAt(i + 1));
                i += 2;
            } else if ("|&;<>()*?[]`$".indexOf(c) >= 0) {
                return null;
            } else {
                w.append(c);
                i++;
            }
        }
        if (w != null) {
            words.add(w.toString());
        }
        if (!words.isEmpty() && words.get(0).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
            return null;
        }
        return words;
    }

    /** {@code code} with {@code $name} and {@code ${name}} replaced by {@code value}. */
    static String substitute(String code, String name, String value) {
        return code.replace("${" + name + "}", value).replaceAll("\\$" + name + "(?![A-Za-z0-9_])",
                java.util.regex.Matcher.quoteReplacement(value));
    }
}
