package org.memarl.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import org.memarl.InvalidModelException;
import org.memarl.io.PomdpText.Kind;
import org.memarl.io.PomdpText.Token;
import org.memarl.model.Fmt;

/**
 * The sections that Cassandra's {@code .pomdp} ({@link CassandraPomdp}) and MADP's {@code .dpomdp}
 * ({@link MadpDecPomdp}) formats share, read from a {@link PomdpText} with the same one-line errors in both:
 * {@code discount:}, {@code values:}, {@code states:}, {@code start:} (with {@code include}/{@code exclude}), a
 * whole {@code uniform}/{@code identity} matrix, and the index ranges of {@code *}. Every method is called after
 * the section's keyword {@code t0} was read.
 */
final class TextModelSections {
    private TextModelSections() {
    }

    /** Whether the i-th token ahead is a section keyword. */
    static boolean sectionAhead(PomdpText in, Set<String> sections, int i) {
        Token t0 = in.peek(i);
        return t0.kind() == Kind.WORD && sections.contains(t0.text());
    }

    /**
     * Reads the next section keyword; null at the end of the file.
     *
     * @param expected the message's start, {@code "expected discount:, ..."}, followed by {@code ", found x"}
     */
    static Token nextSection(PomdpText in, Set<String> sections, String expected) {
        Token t0 = in.peek();
        if (t0.kind() == Kind.END) {
            return null;
        }
        if (t0.kind() != Kind.WORD || !sections.contains(t0.text())) {
            throw in.error(t0.line(), expected + ", found " + t0.shown());
        }
        in.next();
        return t0;
    }

    /** Refuses a section given twice. */
    static void once(PomdpText in, boolean seen, Token t0) {
        if (seen) {
            throw in.error(t0.line(), t0.text() + ": given twice");
        }
    }

    /** {@code discount: g} with g in [0, 1]. */
    static double discount(PomdpText in, Token t0, boolean seen) {
        in.colon("discount");
        once(in, seen, t0);
        Token g = in.next();
        double x = in.number(g, "discount");
        if (!(x >= 0.0 && x <= 1.0)) {
            throw in.error(g.line(), "discount: " + Fmt.quote(g.text()) + " is not in [0, 1]");
        }
        return x;
    }

    /** {@code values: reward|cost}; whether the values are costs. */
    static boolean values(PomdpText in) {
        in.colon("values");
        Token v = in.next();
        if (!v.is("reward") && !v.is("cost")) {
            throw in.error(v.line(), "values: expected reward or cost, found " + v.shown());
        }
        return v.is("cost");
    }

    /** {@code states: n | names}, refusing a count whose T (states x states at least) cannot be allocated. */
    static List<String> states(PomdpText in, Token t0, boolean seen, Predicate<Integer> sectionAhead) {
        in.colon("states");
        once(in, seen, t0);
        List<String> states = in.namesOrCount("states", sectionAhead, ModelReader.MAX_COUNT);
        try { // T has at least states x states entries: refuse a count that cannot be, before anything is allocated
            ModelReader.denseLimit("transitions", "states x states (at least)", states.size(), states.size());
        } catch (InvalidModelException e) {
            throw in.error(t0.line(), e.getMessage());
        }
        return states;
    }

    /**
     * {@code start: p_1 .. p_n | uniform | state | index}, {@code start include: states} or
     * {@code start exclude: states} (uniform over the states included).
     *
     * @param given whether a start was given before
     * @return the start distribution (rows not yet checked)
     */
    static double[] start(PomdpText in, Token t0, List<String> states, Map<String, Integer> sIndex, boolean given,
            Predicate<Integer> sectionAhead) {
        if (states == null) {
            throw in.error(t0.line(), "start: before states: (the states must be declared first)");
        }
        if (given) {
            throw in.error(t0.line(), "start: given twice");
        }
        int n = states.size();
        Token w = in.peek();
        if (w.is("include") || w.is("exclude")) {
            in.next();
            in.colon("start " + w.text());
            boolean[] listed = new boolean[n];
            int count = 0;
            while (in.peek().kind() == Kind.NUMBER || in.peek().kind() == Kind.WORD && !sectionAhead.test(0)) {
                int s = in.element(in.next(), states, sIndex, "start " + w.text(), "state");
                if (!listed[s]) {
                    listed[s] = true;
                    count++;
                }
            }
            if (count == 0) {
                throw in.error(w.line(), "start " + w.text() + ": expected a list of states, found " + in.peek().shown());
            }
            boolean include = w.is("include");
            int chosen = include ? count : n - count;
            if (chosen == 0) {
                throw in.error(w.line(), "start exclude: excludes every state");
            }
            double[] initial = new double[n];
            for (int s = 0; s < n; s++) {
                initial[s] = listed[s] == include ? 1.0 / chosen : 0.0;
            }
            return initial;
        }
        in.colon("start");
        Token x = in.peek();
        if (x.is("uniform")) {
            in.next();
            return uniform(1, n);
        } else if (x.kind() == Kind.WORD && !sectionAhead.test(0)) {
            in.next();
            double[] initial = new double[n];
            initial[in.element(x, states, sIndex, "start", "state")] = 1.0;
            return initial;
        } else if (x.kind() == Kind.NUMBER) {
            if (PomdpText.isInteger(x) && in.peek(1).kind() != Kind.NUMBER && (n > 1 || x.text().matches("0+"))) {
                in.next();
                double[] initial = new double[n];
                initial[in.element(x, states, sIndex, "start", "state")] = 1.0;
                return initial;
            }
            return in.numbers(n, "start", "one probability per state", x.line(), true);
        }
        throw in.error(x.line(), "start: expected a distribution, uniform, a state, include or exclude, found " + x.shown());
    }

    /** A {@code rows x cols} matrix with every entry {@code 1/cols} (a row when rows is 1). */
    static double[] uniform(int rows, int cols) {
        double[] mat = new double[rows * cols];
        Arrays.fill(mat, 1.0 / cols);
        return mat;
    }

    /** The {@code n x n} identity matrix. */
    static double[] identity(int n) {
        double[] mat = new double[n * n];
        for (int s = 0; s < n; s++) {
            mat[s * n + s] = 1.0;
        }
        return mat;
    }

    /** The indices an element stands for: {@code {i}}, or all {@code 0..count-1} for {@code *} (i &lt; 0). */
    static int[] range(int i, int count) {
        if (i >= 0) {
            return new int[] {i};
        }
        int[] all = new int[count];
        for (int j = 0; j < count; j++) {
            all[j] = j;
        }
        return all;
    }

    /** Sets {@code target[(s*m + a)*cols + c] = p} for every a, s, c given, and the line of each row (a, s) set. */
    static void set(double[] target, int[] lines, int[] as, int[] ss, int[] cs, int m, int cols, double p, int line) {
        for (int a : as) {
            for (int s : ss) {
                for (int c : cs) {
                    target[(s * m + a) * cols + c] = p;
                }
                lines[s * m + a] = line;
            }
        }
    }

    /** Sets the row {@code (s*m + a)} to {@code row} for every a, s given, and its line. */
    static void setRows(double[] target, int[] lines, int[] as, int[] ss, int m, int cols, double[] row, int line) {
        for (int a : as) {
            for (int s : ss) {
                System.arraycopy(row, 0, target, (s * m + a) * cols, cols);
                lines[s * m + a] = line;
            }
        }
    }

    /** Sets the rows {@code (s*m + a)}, s in 0..n-1, to the rows of the {@code n x cols} matrix for every a given. */
    static void setMatrix(double[] target, int[] lines, int[] as, int n, int m, int cols, double[] mat, int line) {
        for (int a : as) {
            for (int s = 0; s < n; s++) {
                System.arraycopy(mat, s * cols, target, (s * m + a) * cols, cols);
                lines[s * m + a] = line;
            }
        }
    }

    /**
     * Checks (and rescales) every row {@code (s*m + a)} of {@code x} with {@link CassandraPomdp#rowCheck}, naming it
     * {@code "key: action : state"}.
     */
    static void checkRows(PomdpText in, double[] x, int n, int m, int cols, int[] lines, int end, String key,
            IntFunction<String> action, List<String> states, String what) {
        for (int s = 0; s < n; s++) {
            for (int a = 0; a < m; a++) {
                int row = s * m + a;
                CassandraPomdp.rowCheck(in, x, row * cols, cols, lines[row], end, key + ": " + action.apply(a) + " : "
                        + states.get(s), what);
            }
        }
    }

    /** Negates the rewards in place ({@code values: cost}). */
    static void negate(double[] r) {
        for (int i = 0; i < r.length; i++) {
            r[i] = 0.0 - r[i];
        }
    }

    /**
     * A reader of a file of sections: the state both formats share (the discount, values, states, start and the
     * reward entries) and the loop over the sections, reading {@code discount:}, {@code values:}, {@code states:} and
     * {@code start:} here and every other section with {@link #section}.
     */
    abstract static class SectionReader {
        final PomdpText in;
        private final Set<String> sections;
        Double gamma;
        boolean cost;
        List<String> states;
        Map<String, Integer> sIndex;
        double[] initial;
        int startLine;
        final List<CassandraPomdp.RewardMatrix> rewards = new ArrayList<>();
        /** T, flat {@code [(s*m + a)*n + s']}, and the line of the entry that last set each row (0: none). */
        double[] t;
        int[] tLine;
        /** O, flat {@code [(s'*m + a)*k + o]}, and the line of the entry that last set each row. */
        double[] o;
        int[] oLine;

        SectionReader(PomdpText in, Set<String> sections) {
            this.in = in;
            this.sections = sections;
        }

        /** Allocates T and O (and their lines) for n states, m (joint) actions and k (joint) observations. */
        void allocate(int n, int m, int k) {
            t = new double[n * m * n];
            o = new double[n * m * k];
            tLine = new int[n * m];
            oLine = new int[n * m];
        }

        /**
         * A whole T matrix (rows s, {@code cols = n}) or O matrix (rows s') after its entry: {@code uniform},
         * {@code identity} (T only), or {@code n x cols} probabilities.
         *
         * @param oShape how the O matrix is described in messages (its rows x columns)
         * @param refuseReset whether {@code reset} is refused by name (else it is a token that is not a number)
         */
        double[] matrix(String entry, int n, int cols, boolean isT, String oShape, boolean refuseReset, int atLine) {
            Token w = in.peek();
            if (w.is("uniform")) {
                in.next();
                return uniform(n, cols);
            } else if (w.is("identity") && isT) {
                in.next();
                return identity(n);
            } else if (refuseReset && w.is("reset")) {
                throw in.error(w.line(), entry + ": reset is not supported");
            }
            return in.numbers(n * cols, entry, "a " + n + " x " + cols + " matrix, " + (isT ? "start state x end state"
                    : oShape), atLine, true);
        }

        /** Reads a section other than discount, values, states and start, its keyword t0 read. */
        abstract void section(Token t0);

        boolean sectionAhead(int i) {
            return TextModelSections.sectionAhead(in, sections, i);
        }

        void once(boolean seen, Token t0) {
            TextModelSections.once(in, seen, t0);
        }

        /**
         * Reads every section up to the end of the file.
         *
         * @param expected the start of the message for a token that is not a section
         */
        void readSections(String expected) {
            for (Token t0; (t0 = nextSection(in, sections, expected)) != null;) {
                switch (t0.text()) {
                    case "discount" -> gamma = discount(in, t0, gamma != null);
                    case "values" -> cost = values(in);
                    case "states" -> {
                        states = TextModelSections.states(in, t0, states != null, this::sectionAhead);
                        sIndex = PomdpText.index(states);
                    }
                    case "start" -> {
                        initial = start(in, t0, states, sIndex, initial != null, this::sectionAhead);
                        startLine = t0.line();
                    }
                    default -> section(t0);
                }
            }
        }

        /**
         * Refuses a missing section at the end of the file: {@code required} holds pairs {value or null, name}.
         *
         * @param requires the format's rule, ending the message
         */
        void require(int end, Object[][] required, String requires) {
            for (Object[] req : required) {
                if (req[0] == null) {
                    throw in.error(end, "missing section " + req[1] + ": (end of file; " + requires + ")");
                }
            }
        }
    }
}
