package org.memarl.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.memarl.InvalidModelException;
import org.memarl.io.PomdpText.Kind;
import org.memarl.io.PomdpText.Token;
import org.memarl.model.Fmt;
import org.memarl.model.Pomdp;

/**
 * Cassandra's {@code .pomdp} format (the format of pomdp-solve and of the classic POMDP suite), read into and
 * written from memarl's {@link Pomdp}. The whole format is read:
 * <ul>
 * <li>the preamble {@code discount: g}, {@code values: reward|cost} (cost negates every R),
 * {@code states: n | names}, {@code actions: m | names}, {@code observations: k | names}, then
 * {@code start: p_1 .. p_n | uniform | state | index}, {@code start include: states},
 * {@code start exclude: states} (uniform over the states included; default uniform);</li>
 * <li>{@code T: a : s : s' p}, {@code T: a : s} followed by a row ({@code uniform} or n numbers),
 * {@code T: a} followed by a matrix ({@code uniform}, {@code identity} or n x n numbers);</li>
 * <li>{@code O: a : s' : o p}, {@code O: a : s'} with a row of k, {@code O: a} with an n x k matrix or
 * {@code uniform};</li>
 * <li>{@code R: a : s : s' : o v}, {@code R: a : s : s'} with k numbers, {@code R: a : s} with n x k numbers;</li>
 * <li>names or 0-based indices everywhere, {@code *} for all; a later entry overrides an earlier one; {@code #}
 * comments.</li>
 * </ul>
 * <b>Conversion.</b> memarl's POMDP has {@code T(s'|s,a)}, {@code U(o|s',a)} as the file's {@code O} and the
 * expected reward {@code r(s,a) = sum_{s',o} T(s'|s,a) U(o|s',a) R(a,s,s',o)}; when R takes one value v on every
 * (s', o) of positive probability (the usual {@code R: a : s : * : * v}), {@code r(s,a) = v} exactly. The action
 * prior is uniform, the horizon unset (give {@code --horizon}), the name the file's name without extension.
 * Unspecified rewards are 0. Rows must sum to 1 within pomdp-solve's tolerance 1e-5; a row off by more than
 * memarl's 1e-9 (and at most 1e-5) is divided by its sum. {@code reset} rows are refused.
 *
 * <p>Errors are one line naming the line and the entry: {@code line 14: T: listen : tiger-left: row sums to
 * 0.9, expected 1 (tolerance 1e-5)}.
 *
 * <p>The writer writes names when they are identifiers of the format (counts when they are memarl's
 * "0".."n-1"), the start distribution, every T and O matrix in full and {@code R: a : s : * : * r(s,a)}, with
 * Java's shortest round-trip decimals, so that {@code read(write(m))} equals m in every state, action,
 * observation, discount, start, T, U and r (the name and horizon are not part of the format: the horizon is
 * written as a comment).
 */
public final class CassandraPomdp {
    /** The words of the format; names may not be one of them. */
    static final Set<String> KEYWORDS = Set.of("discount", "values", "states", "actions", "observations", "start", "T", "O",
            "R", "uniform", "identity", "reward", "cost", "include", "exclude", "reset");
    private static final Set<String> SECTIONS = Set.of("discount", "values", "states", "actions", "observations", "start",
            "T", "O", "R");
    /** pomdp-solve's tolerance for rows summing to 1. */
    static final double FILE_TOLERANCE = 1e-5;

    private CassandraPomdp() {
    }

    /** Whether the file name says Cassandra's format ({@code .pomdp}). */
    public static boolean isPomdpFile(Path file) {
        return file.getFileName() != null && file.getFileName().toString().endsWith(".pomdp");
    }

    /** Reads a {@code .pomdp} file; the model is named after the file (without {@code .pomdp}). */
    public static Pomdp read(Path file) {
        String fileName = file.getFileName().toString();
        return read(readBytes(file, Models.DEFAULT_MAX_BYTES), stem(fileName, ".pomdp"), fileName);
    }

    static String stem(String fileName, String ext) {
        return fileName.endsWith(ext) ? fileName.substring(0, fileName.length() - ext.length()) : fileName;
    }

    /** The bytes of a text model, at most {@code maxBytes}, with one-line errors. */
    static byte[] readBytes(Path file, long maxBytes) {
        return readBytes(file, maxBytes, null);
    }

    /** {@link #readBytes(Path, long)}, naming what raises the limit ({@code --max-model-bytes}) in the message. */
    static byte[] readBytes(Path file, long maxBytes, String limitHint) {
        String what = Fmt.safe(file.toString());
        String hint = limitHint == null ? "" : " (raise it with " + limitHint + ")";
        try {
            if (Files.isRegularFile(file) && Files.size(file) > maxBytes) {
                throw new InvalidModelException("model: " + what + " has " + Files.size(file) + " bytes, more than " + maxBytes
                        + ", the limit for a model file" + hint);
            }
            try (java.io.InputStream in = Files.newInputStream(file)) {
                byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, maxBytes + 1));
                if (b.length > maxBytes) {
                    throw new InvalidModelException("model: " + what + " has more than " + maxBytes
                            + " bytes, the limit for a model file" + hint);
                }
                return b;
            }
        } catch (NoSuchFileException e) {
            throw new InvalidModelException("model: file not found: " + what);
        } catch (IOException e) {
            throw new InvalidModelException("model: cannot read " + what + ": " + Fmt.safe(e.getMessage()));
        }
    }

    /**
     * Reads a model from the bytes of a {@code .pomdp} file.
     *
     * @param name the model's name
     * @param what names the input in messages (not used in line messages)
     */
    public static Pomdp read(byte[] bytes, String name, String what) {
        return new Reader(new PomdpText(bytes, what)).read(name);
    }

    /** Expected rewards {@code r(s,a)} from the reward entries, exact when R is constant on the reachable (s', o). */
    static double[] expectedRewards(List<RewardMatrix> specs, int n, int m, int k, double[] t, double[] u) {
        double[] r = new double[n * m];
        List<RewardMatrix> here = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            for (int a = 0; a < m; a++) {
                here.clear();
                for (RewardMatrix sp : specs) {
                    if ((sp.a < 0 || sp.a == a) && (sp.s < 0 || sp.s == s)) {
                        here.add(sp);
                    }
                }
                double sum = 0.0;
                boolean constant = true;
                double first = Double.NaN;
                for (int s2 = 0; s2 < n; s2++) {
                    double p = t[(s * m + a) * n + s2];
                    if (p == 0.0) {
                        continue;
                    }
                    for (int o = 0; o < k; o++) {
                        double q = u[(s2 * m + a) * k + o];
                        if (q == 0.0) {
                            continue;
                        }
                        double v = 0.0;
                        for (int i = here.size() - 1; i >= 0; i--) {
                            RewardMatrix sp = here.get(i);
                            if (sp.covers(s2, o)) {
                                v = sp.value(s2, o);
                                break;
                            }
                        }
                        if (Double.isNaN(first)) {
                            first = v;
                        } else if (v != first) {
                            constant = false;
                        }
                        sum += p * q * v;
                    }
                }
                r[s * m + a] = constant && !Double.isNaN(first) ? first : sum;
            }
        }
        return r;
    }

    /**
     * A reward entry with -1 for {@code *}: one value ({@code values.length == 1}, for (s2, o)), a row over o for
     * s2 (k values) or a matrix over (s', o) (n k values, {@code s2 = -2}).
     */
    static final class RewardMatrix {
        final int a;
        final int s;
        final int s2;
        final int o;
        final double[] values;
        final int k;

        RewardMatrix(int a, int s, int s2, int o, double[] values, int k) {
            this.a = a;
            this.s = s;
            this.s2 = s2;
            this.o = o;
            this.values = values;
            this.k = k;
        }

        boolean covers(int s20, int o0) {
            if (s2 == -2) {
                return true;
            }
            if (values.length == 1 && o != -3) {
                return (s2 < 0 || s2 == s20) && (o < 0 || o == o0);
            }
            return s2 < 0 || s2 == s20;
        }

        double value(int s20, int o0) {
            if (s2 == -2) {
                return values[s20 * k + o0];
            }
            if (o == -3) {
                return values[o0];
            }
            return values[0];
        }
    }

    private static final class Reader extends TextModelSections.SectionReader {
        private List<String> actions;
        private List<String> observations;
        private Map<String, Integer> aIndex;
        private Map<String, Integer> oIndex;

        Reader(PomdpText in) {
            super(in, SECTIONS);
        }

        Pomdp read(String name) {
            readSections("expected discount:, values:, states:, actions:, observations:, start:, T:, O: or R:");
            int end = in.lastLine();
            require(end, new Object[][] {{gamma, "discount"}, {states, "states"}, {actions, "actions"},
                {observations, "observations"}}, "Cassandra's format requires discount:, states:, actions: and observations:");
            allocate(end);
            int n = states.size();
            int m = actions.size();
            int k = observations.size();
            TextModelSections.checkRows(in, t, n, m, n, tLine, end, "T", actions::get, states, "T(. | s, a)");
            TextModelSections.checkRows(in, o, n, m, k, oLine, end, "O", actions::get, states, "O(. | s', a)");
            double[] p0 = initial;
            if (p0 != null) {
                rowCheck(in, p0, 0, n, startLine, end, "start", "the start distribution");
            }
            double[] r = expectedRewards(rewards, n, m, k, t, o);
            if (cost) {
                TextModelSections.negate(r);
            }
            return new Pomdp(name, states, actions, observations, gamma, 0, p0, t, o, r, null);
        }

        @Override
        void section(Token t0) {
            switch (t0.text()) {
                case "actions" -> {
                    in.colon("actions");
                    once(actions != null, t0);
                    actions = in.namesOrCount("actions", this::sectionAhead, ModelReader.MAX_COUNT);
                    aIndex = PomdpText.index(actions);
                }
                case "observations" -> {
                    in.colon("observations");
                    once(observations != null, t0);
                    observations = in.namesOrCount("observations", this::sectionAhead, ModelReader.MAX_COUNT);
                    oIndex = PomdpText.index(observations);
                }
                default -> entry(t0);
            }
        }

        private void needPreamble(Token t0) {
            if (states == null || actions == null || observations == null) {
                throw in.error(t0.line(), t0.text() + ": before " + (states == null ? "states:" : actions == null ? "actions:"
                        : "observations:") + " (the preamble must declare states, actions and observations first)");
            }
            allocate(t0.line());
        }

        private void allocate(int atLine) {
            if (t != null) {
                return;
            }
            int n = states.size();
            int m = actions.size();
            int k = observations.size();
            try {
                ModelReader.denseLimit("transitions", "states x actions x states", n, m, n);
                ModelReader.denseLimit("observe", "states x actions x observations", n, m, k);
            } catch (InvalidModelException e) {
                throw in.error(atLine, e.getMessage());
            }
            allocate(n, m, k);
        }

        private void entry(Token t0) {
            needPreamble(t0);
            String key = t0.text();
            in.colon(key);
            int n = states.size();
            int m = actions.size();
            int k = observations.size();
            Token at = in.next();
            int a = in.element(at, actions, aIndex, key, "action");
            String entry = key + ": " + at.text();
            if (key.equals("R")) {
                in.colon(entry);
                Token st = in.next();
                int s = in.element(st, states, sIndex, entry, "state");
                entry += " : " + st.text();
                if (in.peek().kind() == Kind.COLON) {
                    in.next();
                    Token s2t = in.next();
                    int s2 = in.element(s2t, states, sIndex, entry, "state");
                    entry += " : " + s2t.text();
                    if (in.peek().kind() == Kind.COLON) {
                        in.next();
                        Token ot = in.next();
                        int o = in.element(ot, observations, oIndex, entry, "observation");
                        double v = in.number(in.next(), entry + " : " + ot.text());
                        rewards.add(new RewardMatrix(a, s, s2, o, new double[] {v}, k));
                    } else {
                        double[] row = in.numbers(k, entry, "a row of " + k + " rewards, one per observation", t0.line(), false);
                        rewards.add(new RewardMatrix(a, s, s2, -3, row, k));
                    }
                } else {
                    double[] mat = in.numbers(n * k, entry, "a " + n + " x " + k + " matrix of rewards, end state x observation",
                            t0.line(), false);
                    rewards.add(new RewardMatrix(a, s, -2, -3, mat, k));
                }
                return;
            }
            boolean isT = key.equals("T");
            int cols = isT ? n : k;
            List<String> colNames = isT ? states : observations;
            Map<String, Integer> colIndex = isT ? sIndex : oIndex;
            double[] target = isT ? t : o;
            int[] lines = isT ? tLine : oLine;
            String colWhat = isT ? "state" : "observation";
            if (in.peek().kind() == Kind.COLON) {
                in.next();
                Token st = in.next();
                int s = in.element(st, states, sIndex, entry, "state");
                entry += " : " + st.text();
                if (in.peek().kind() == Kind.COLON) {
                    in.next();
                    Token ct = in.next();
                    int c = in.element(ct, colNames, colIndex, entry, colWhat);
                    double p = in.probability(in.next(), entry + " : " + ct.text());
                    TextModelSections.set(target, lines, range(a, m), range(s, n), range(c, cols), m, cols, p, t0.line());
                } else {
                    double[] row = row(entry, cols, colWhat, t0.line());
                    TextModelSections.setRows(target, lines, range(a, m), range(s, n), m, cols, row, t0.line());
                }
                return;
            }
            // a whole matrix: rows s (T) or s' (O)
            double[] mat = matrix(entry, n, cols, isT, "end state x observation", true, t0.line());
            TextModelSections.setMatrix(target, lines, range(a, m), n, m, cols, mat, t0.line());
        }

        private double[] row(String entry, int cols, String colWhat, int atLine) {
            Token w = in.peek();
            if (w.is("uniform")) {
                in.next();
                return TextModelSections.uniform(1, cols);
            }
            if (w.is("reset")) {
                throw in.error(w.line(), entry + ": reset is not supported");
            }
            return in.numbers(cols, entry, "a row of " + cols + " probabilities, one per " + colWhat, atLine, true);
        }

        private static int[] range(int i, int count) {
            return TextModelSections.range(i, count);
        }
    }

    /** Checks a row sums to 1 within {@link #FILE_TOLERANCE}; rescales it when it is off by more than 1e-9. */
    static void rowCheck(PomdpText in, double[] x, int off, int len, int line, int end, String entry, String what) {
        double sum = 0.0;
        for (int i = 0; i < len; i++) {
            sum += x[off + i];
        }
        if (!(Math.abs(sum - 1.0) <= FILE_TOLERANCE)) {
            if (line == 0) {
                throw in.error(end, Fmt.safe(entry) + ": no probabilities given (end of file; every row of " + what
                        + " must sum to 1)");
            }
            throw in.error(line, Fmt.safe(entry) + ": row sums to " + Fmt.num(sum) + ", expected 1 (tolerance 1e-5)");
        }
        if (Math.abs(sum - 1.0) > org.memarl.model.Probabilities.TOLERANCE) {
            for (int i = 0; i < len; i++) {
                x[off + i] /= sum;
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ writer

    /** The model as a {@code .pomdp} text; refuses what the format cannot say (a non-uniform action prior, names that are not identifiers). */
    public static String write(Pomdp m) {
        int n = m.numStates();
        int a = m.numActions();
        int k = m.numObservations();
        for (int i = 0; i < a; i++) {
            if (m.prior(i) != 1.0 / a) {
                throw new InvalidModelException("prior: P(" + Fmt.quote(m.actions().get(i)) + ") = " + Fmt.num(m.prior(i))
                        + "; Cassandra's format has no action prior (only a uniform prior can be written)");
            }
        }
        StringBuilder b = new StringBuilder();
        b.append("# ").append(m.name().isEmpty() ? "POMDP" : Fmt.safe(m.name())).append(" (written by memarl; Cassandra's .pomdp format)\n");
        if (m.horizon() > 0) {
            b.append("# horizon ").append(m.horizon()).append(" (not part of the format: give --horizon ").append(m.horizon())
                    .append(")\n");
        }
        b.append("discount: ").append(PomdpText.num(m.gamma())).append('\n');
        b.append("values: reward\n");
        b.append("states: ").append(names("states", m.states(), KEYWORDS)).append('\n');
        b.append("actions: ").append(names("actions", m.actions(), KEYWORDS)).append('\n');
        b.append("observations: ").append(names("observations", m.observations(), KEYWORDS)).append('\n');
        b.append("start:");
        double[] p0 = m.initial();
        for (int s = 0; s < n; s++) {
            b.append(' ').append(PomdpText.num(p0[s]));
        }
        b.append("\n\n");
        List<String> an = m.actions();
        List<String> sn = m.states();
        for (int i = 0; i < a; i++) {
            b.append("T: ").append(an.get(i)).append('\n');
            for (int s = 0; s < n; s++) {
                for (int s2 = 0; s2 < n; s2++) {
                    b.append(s2 == 0 ? "" : " ").append(PomdpText.num(m.transition(s, i, s2)));
                }
                b.append('\n');
            }
        }
        b.append('\n');
        for (int i = 0; i < a; i++) {
            b.append("O: ").append(an.get(i)).append('\n');
            for (int s2 = 0; s2 < n; s2++) {
                for (int o = 0; o < k; o++) {
                    b.append(o == 0 ? "" : " ").append(PomdpText.num(m.observation(s2, i, o)));
                }
                b.append('\n');
            }
        }
        b.append('\n');
        for (int i = 0; i < a; i++) {
            for (int s = 0; s < n; s++) {
                b.append("R: ").append(an.get(i)).append(" : ").append(sn.get(s)).append(" : * : * ")
                        .append(PomdpText.num(m.reward(s, i))).append('\n');
            }
        }
        return b.toString();
    }

    /** Writes the model to a file atomically ({@link ResultWriter#writeAtomically}). */
    public static void write(Pomdp m, Path file) {
        ResultWriter.writeAtomically(file, write(m).getBytes(StandardCharsets.UTF_8));
    }

    /** The declaration of names: the count for "0".."n-1", else the names (each an identifier of the format). */
    static String names(String key, List<String> names, Set<String> keywords) {
        if (org.memarl.model.Mdp.isIndexNames(names) || isCountNames(names)) {
            return Integer.toString(names.size());
        }
        for (int i = 0; i < names.size(); i++) {
            if (!PomdpText.isIdentifier(names.get(i), keywords)) {
                throw new InvalidModelException(key + "[" + i + "]: " + Fmt.quote(names.get(i)) + " cannot be written: a name"
                        + " is a letter followed by letters, digits, - and _, and not a keyword of the format");
            }
        }
        return String.join(" ", names);
    }

    static boolean isCountNames(List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            if (!names.get(i).equals(Integer.toString(i))) {
                return false;
            }
        }
        return true;
    }
}
