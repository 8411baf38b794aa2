package org.memarl.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.memarl.InvalidModelException;
import org.memarl.io.PomdpText.Kind;
import org.memarl.io.PomdpText.Token;
import org.memarl.model.DecPomdp;
import org.memarl.model.Fmt;

/**
 * The MADP toolbox's {@code .dpomdp} format (Dec-Tiger, broadcast channel, recycling robots, ...) for two agents,
 * read into a {@link Spec} (the file's own model) and converted to memarl's {@link DecPomdp}; and the writer of a
 * {@link Spec}.
 *
 * <p><b>The format.</b> {@code agents: 2} (or two names; any other number is refused), {@code discount: g},
 * {@code values: reward|cost}, {@code states: n | names}, {@code start:} as in Cassandra's format
 * ({@code uniform}, a distribution, a state, {@code start include:}/{@code start exclude:}), {@code actions:} and
 * {@code observations:} followed by one line per agent (a count or names); then
 * {@code T: ja : s : s' : p}, {@code T: ja : s :} with a row, {@code T: ja :} with a matrix, {@code uniform} or
 * {@code identity}; {@code O: ja : s' : jo : p}, {@code O: ja : s' :} with a row over joint observations,
 * {@code O: ja :} with a matrix or {@code uniform}; {@code R: ja : s : s' : jo : v}, {@code R: ja : s : s' :} with a
 * row, {@code R: ja : s :} with a matrix (end state x joint observation). A joint action (observation) is a joint
 * index ({@code a0 * m1 + a1}), {@code *}, or one element per agent (a name, an index or {@code *}). Later entries
 * override earlier ones; {@code #} comments. The format has no horizon: give {@code --horizon}.
 *
 * <p><b>Conversion to memarl's Dec-POMDP</b> ({@link Spec#toDecPomdp()}). In the file the joint observation
 * {@code O(o0 o1 | s', ja)} follows the joint action and the end state, and there is none before the first
 * action; memarl's agents observe {@code O^i(o | s)} of the current state, independently given it, and the joint
 * action is public. The reader therefore
 * <ul>
 * <li>requires {@code O(o0 o1 | s', ja) = O^0(o0 | s', ja) O^1(o1 | s', ja)} (the product of its marginals, within
 * 1e-9) and refuses, naming the entry, a joint observation that does not factor;</li>
 * <li>keeps the last joint action in the state: the states are {@code (s, c)}, c the class of the last joint action
 * among those with the same marginals (Dec-Tiger: {@code listen listen} and the rest), named
 * {@code "tiger-left after listen listen"} ({@code "(+N)"} when N other joint actions share the class, {@code any}
 * when the observations never depend on the action), and {@code (s, start)}, named {@code "tiger-left at start"},
 * where every agent observes its first observation (index 0) with probability 1 in every state, which carries no
 * information (so the first action is taken without information, as in the file; a new observation would multiply
 * the prescriptions of every step);</li>
 * <li>{@code T((s', c(ja)) | (s, c), ja) = T(s' | s, ja)}, {@code r((s, c), ja) = sum_{s', jo} T O R(ja, s, s', jo)}
 * (exactly the value when R is constant on the reachable (s', jo)), the start distribution on the start copies,
 * uniform action priors, no public signal.</li>
 * </ul>
 * The values are those of the file's Dec-POMDP (the horizon-H value counts H joint actions).
 */
public final class MadpDecPomdp {
    static final Set<String> KEYWORDS = Set.of("agents", "discount", "values", "states", "actions", "observations", "start",
            "T", "O", "R", "uniform", "identity", "reward", "cost", "include", "exclude", "reset");
    private static final Set<String> SECTIONS = Set.of("agents", "discount", "values", "states", "actions", "observations",
            "start", "T", "O", "R");

    private MadpDecPomdp() {
    }

    /**
     * A two-agent Dec-POMDP as the {@code .dpomdp} file has it. Joint action {@code j = a0 * m1 + a1}, joint
     * observation {@code jo = o0 * k1 + o1}; flat layouts {@code T[(s*J + j)*n + s']}, {@code O[(s'*J + j)*JO + jo]}
     * ({@code O(jo | s', j)}), {@code R[s*J + j]} the expected reward.
     *
     * @param agentNames the names of the {@code agents:} line, or null when given as a count
     */
    public record Spec(String name, List<String> agentNames, List<String> states, List<List<String>> actions,
            List<List<String>> observations, double gamma, double[] initial, double[] transitions, double[] observe,
            double[] rewards) {
        public int numJointActions() {
            return actions.get(0).size() * actions.get(1).size();
        }

        public int numJointObservations() {
            return observations.get(0).size() * observations.get(1).size();
        }

        /** Equal in every part but the name (the arrays by content). */
        public boolean sameModel(Spec o) {
            return java.util.Objects.equals(agentNames, o.agentNames) && states.equals(o.states) && actions.equals(o.actions)
                    && observations.equals(o.observations) && Double.compare(gamma, o.gamma) == 0
                    && Arrays.equals(initial, o.initial) && Arrays.equals(transitions, o.transitions)
                    && Arrays.equals(observe, o.observe) && Arrays.equals(rewards, o.rewards);
        }

        /** memarl's Dec-POMDP of this model (see the class comment); refuses joint observations that do not factor. */
        public DecPomdp toDecPomdp() {
            return convert(this, null);
        }
    }

    /** Whether the file name says MADP's format ({@code .dpomdp}). */
    public static boolean isDpomdpFile(Path file) {
        return file.getFileName() != null && file.getFileName().toString().endsWith(".dpomdp");
    }

    /** Reads a {@code .dpomdp} file as memarl's Dec-POMDP (named after the file). */
    public static DecPomdp read(Path file) {
        String fileName = file.getFileName().toString();
        return read(CassandraPomdp.readBytes(file, Models.DEFAULT_MAX_BYTES), CassandraPomdp.stem(fileName, ".dpomdp"));
    }

    /** Reads a {@code .dpomdp} file as it is. */
    public static Spec readSpec(Path file) {
        String fileName = file.getFileName().toString();
        return readSpec(CassandraPomdp.readBytes(file, Models.DEFAULT_MAX_BYTES), CassandraPomdp.stem(fileName, ".dpomdp"));
    }

    /** Reads the bytes of a {@code .dpomdp} file as memarl's Dec-POMDP (a joint observation that does not factor names its line). */
    public static DecPomdp read(byte[] bytes, String name) {
        Reader r = new Reader(new PomdpText(bytes, name));
        Spec sp = r.read(name);
        return convert(sp, r.oLine);
    }

    /** Reads the bytes of a {@code .dpomdp} file as they are. */
    public static Spec readSpec(byte[] bytes, String name) {
        return new Reader(new PomdpText(bytes, name)).read(name);
    }

    private static final class Reader extends TextModelSections.SectionReader {
        private List<String> agentNames;
        private boolean agents;
        private final List<List<String>> actions = new ArrayList<>();
        private final List<List<String>> observations = new ArrayList<>();
        private final List<Map<String, Integer>> aIndex = new ArrayList<>();
        private final List<Map<String, Integer>> oIndex = new ArrayList<>();
        private int n;
        private int jn;
        private int jo;

        Reader(PomdpText in) {
            super(in, SECTIONS);
        }

        @Override
        void section(Token t0) {
            switch (t0.text()) {
                case "agents" -> agents(t0);
                case "actions" -> perAgent(t0, actions, aIndex);
                case "observations" -> perAgent(t0, observations, oIndex);
                default -> entry(t0);
            }
        }

        Spec read(String name) {
            readSections("expected agents:, discount:, values:, states:, start:, actions:, observations:, T:, O: or R:");
            int end = in.lastLine();
            if (!agents) {
                throw in.error(end, "missing section agents: (end of file; a .dpomdp file starts with agents: 2)");
            }
            require(end, new Object[][] {{gamma, "discount"}, {states, "states"}, {actions.isEmpty() ? null : actions,
                "actions"}, {observations.isEmpty() ? null : observations, "observations"}}, "the .dpomdp format requires"
                    + " agents:, discount:, values:, states:, start:, actions: and observations:");
            allocate(end);
            TextModelSections.checkRows(in, t, n, jn, n, tLine, end, "T", j -> jointName(actions, j), states, "T(. | s, ja)");
            TextModelSections.checkRows(in, o, n, jn, jo, oLine, end, "O", j -> jointName(actions, j), states, "O(. | s', ja)");
            double[] p0 = initial;
            if (p0 == null) {
                p0 = TextModelSections.uniform(1, n);
            } else {
                CassandraPomdp.rowCheck(in, p0, 0, n, startLine, end, "start", "the start distribution");
            }
            double[] r = CassandraPomdp.expectedRewards(rewards, n, jn, jo, t, o);
            if (cost) {
                TextModelSections.negate(r);
            }
            return new Spec(name, agentNames, states, List.copyOf(actions), List.copyOf(observations), gamma, p0, t, o, r);
        }

        private void agents(Token t0) {
            in.colon("agents");
            once(agents, t0);
            Token x = in.peek();
            int count;
            if (x.kind() == Kind.NUMBER) {
                in.next();
                if (!PomdpText.isInteger(x)) {
                    throw in.error(x.line(), "agents: " + Fmt.quote(x.text()) + " is not a number of agents");
                }
                count = x.text().length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(x.text());
            } else {
                List<String> names = in.namesOrCount("agents", this::sectionAhead, 1000);
                count = names.size();
                agentNames = names;
            }
            if (count != 2) {
                throw in.error(x.line(), "agents: " + (x.kind() == Kind.NUMBER ? x.text() : Integer.toString(count))
                        + " agents; memarl reads two-agent Dec-POMDPs only");
            }
            agents = true;
        }

        /** {@code actions:} or {@code observations:}: one line per agent, a count or names. */
        private void perAgent(Token t0, List<List<String>> lists, List<Map<String, Integer>> indices) {
            String key = t0.text();
            in.colon(key);
            if (!agents) {
                throw in.error(t0.line(), key + ": before agents: (the number of agents comes first)");
            }
            once(!lists.isEmpty(), t0);
            for (int i = 0; i < 2; i++) {
                Token first = in.peek();
                if (first.kind() == Kind.END || sectionAhead(0)) {
                    throw in.error(first.line(), key + ": " + i + " line" + (i == 1 ? "" : "s") + ", expected one per agent (2),"
                            + " found " + first.shown());
                }
                int line = first.line();
                List<String> names;
                if (first.kind() == Kind.NUMBER) {
                    names = in.namesOrCount(key + " of agent " + i, this::sectionAhead, ModelReader.MAX_COUNT);
                } else {
                    List<String> got = new ArrayList<>();
                    java.util.Set<String> seen = new java.util.HashSet<>();
                    while (in.peek().kind() == Kind.WORD && in.peek().line() == line && !sectionAhead(0)) {
                        Token w = in.next();
                        if (!seen.add(w.text())) {
                            throw in.error(w.line(), key + " of agent " + i + ": duplicate name " + Fmt.quote(w.text()));
                        }
                        got.add(w.text());
                    }
                    names = got;
                }
                if (in.peek().line() == line && in.peek().kind() != Kind.END && !sectionAhead(0)) {
                    throw in.error(line, key + " of agent " + i + ": unexpected " + in.peek().shown() + " (a line is a count or"
                            + " names)");
                }
                lists.add(names);
                indices.add(PomdpText.index(names));
            }
            Token after = in.peek();
            if (after.kind() != Kind.END && !sectionAhead(0)) {
                throw in.error(after.line(), key + ": more than 2 lines (one per agent), found " + after.shown());
            }
        }

        private void allocate(int atLine) {
            if (t != null) {
                return;
            }
            n = states.size();
            jn = actions.get(0).size() * actions.get(1).size();
            jo = observations.get(0).size() * observations.get(1).size();
            try {
                ModelReader.denseLimit("transitions", "states x joint actions x states", n, actions.get(0).size(),
                        actions.get(1).size(), n);
                ModelReader.denseLimit("observe", "states x joint actions x joint observations", n, actions.get(0).size(),
                        actions.get(1).size(), observations.get(0).size(), observations.get(1).size());
            } catch (InvalidModelException e) {
                throw in.error(atLine, e.getMessage());
            }
            allocate(n, jn, jo);
        }

        /**
         * A joint action or observation up to the next {@code :}: a joint index, {@code *}, or one element per agent.
         *
         * @return the joint indices it stands for
         */
        private int[] joint(String entry, List<List<String>> lists, List<Map<String, Integer>> idx, String what) {
            List<Token> parts = new ArrayList<>();
            while (in.peek().kind() != Kind.COLON) {
                Token x = in.peek();
                if (x.kind() == Kind.END || (x.kind() == Kind.WORD && SECTIONS.contains(x.text()))) {
                    throw in.error(x.line(), entry + ": expected a joint " + what + " and \":\", found " + x.shown());
                }
                parts.add(in.next());
                if (parts.size() > 2) {
                    throw in.error(x.line(), entry + ": a joint " + what + " is one index or * or one " + what
                            + " per agent (2), found more");
                }
            }
            int m0 = lists.get(0).size();
            int m1 = lists.get(1).size();
            int total = m0 * m1;
            if (parts.isEmpty()) {
                throw in.error(in.peek().line(), entry + ": expected a joint " + what + ", found \":\"");
            }
            if (parts.size() == 1) {
                Token x = parts.get(0);
                if (x.kind() == Kind.STAR) {
                    return range(-1, total);
                }
                if (!PomdpText.isInteger(x)) {
                    throw in.error(x.line(), entry + ": " + x.shown() + " is not a joint " + what + " (a joint index, * or one "
                            + what + " per agent)");
                }
                if (x.text().length() > 9 || Integer.parseInt(x.text()) >= total) {
                    throw in.error(x.line(), entry + ": joint " + what + " index " + x.text() + " is out of range (" + total
                            + " joint " + what + "s)");
                }
                return new int[] {Integer.parseInt(x.text())};
            }
            int e0 = in.element(parts.get(0), lists.get(0), idx.get(0), entry, what + " of agent 0");
            int e1 = in.element(parts.get(1), lists.get(1), idx.get(1), entry, what + " of agent 1");
            int[] r0 = range(e0, m0);
            int[] r1 = range(e1, m1);
            int[] out = new int[r0.length * r1.length];
            int c = 0;
            for (int x : r0) {
                for (int y : r1) {
                    out[c++] = x * m1 + y;
                }
            }
            return out;
        }

        private static String text(List<Token> ts) {
            StringBuilder b = new StringBuilder();
            for (Token x : ts) {
                b.append(b.length() > 0 ? " " : "").append(x.text());
            }
            return b.toString();
        }

        private void entry(Token t0) {
            if (!agents || states == null || actions.isEmpty() || observations.isEmpty()) {
                throw in.error(t0.line(), t0.text() + ": before " + (!agents ? "agents:" : states == null ? "states:"
                        : actions.isEmpty() ? "actions:" : "observations:") + " (the preamble comes first)");
            }
            allocate(t0.line());
            String key = t0.text();
            in.colon(key);
            Token ja0 = in.peek();
            int[] ja = joint(key, actions, aIndex, "action");
            in.colon(key + ": joint action");
            String entry = key + ": " + ja0.text() + "...";
            if (key.equals("R")) {
                Token st = in.next();
                int s = in.element(st, states, sIndex, entry, "state");
                in.colon(entry);
                entry = key + ": ... : " + st.text();
                if (in.peek(1).kind() == Kind.COLON) {
                    Token s2t = in.next();
                    int s2 = in.element(s2t, states, sIndex, entry, "state");
                    in.colon(entry);
                    entry += " : " + s2t.text();
                    if (jointAhead()) {
                        int[] jos = joint(entry, observations, oIndex, "observation");
                        in.colon(entry);
                        double v = in.number(in.next(), entry);
                        for (int j : ja) {
                            for (int x : jos) {
                                rewards.add(new CassandraPomdp.RewardMatrix(j, s, s2, jos.length == jo ? -1 : x, new double[] {v},
                                        jo));
                                if (jos.length == jo) {
                                    break;
                                }
                            }
                        }
                    } else {
                        double[] row = in.numbers(jo, entry, "a row of " + jo + " rewards, one per joint observation",
                                t0.line(), false);
                        for (int j : ja) {
                            rewards.add(new CassandraPomdp.RewardMatrix(j, s, s2, -3, row, jo));
                        }
                    }
                } else {
                    double[] mat = in.numbers(n * jo, entry, "a " + n + " x " + jo + " matrix of rewards, end state x joint"
                            + " observation", t0.line(), false);
                    for (int j : ja) {
                        rewards.add(new CassandraPomdp.RewardMatrix(j, s, -2, -3, mat, jo));
                    }
                }
                return;
            }
            boolean isT = key.equals("T");
            int cols = isT ? n : jo;
            double[] target = isT ? t : o;
            int[] lines = isT ? tLine : oLine;
            Token w = in.peek();
            if (!w.is("uniform") && !w.is("identity") && in.peek(1).kind() == Kind.COLON) {
                Token st = in.next();
                int s = in.element(st, states, sIndex, entry, "state");
                in.colon(entry);
                entry = key + ": ... : " + st.text();
                boolean single = isT ? in.peek(1).kind() == Kind.COLON : jointAhead();
                if (single) {
                    int[] cs;
                    if (isT) {
                        int c = in.element(in.next(), states, sIndex, entry, "state");
                        cs = range(c, n);
                    } else {
                        cs = joint(entry, observations, oIndex, "observation");
                    }
                    in.colon(entry);
                    double p = in.probability(in.next(), entry);
                    TextModelSections.set(target, lines, ja, range(s, n), cs, jn, cols, p, t0.line());
                } else {
                    double[] row;
                    if (in.peek().is("uniform")) {
                        in.next();
                        row = TextModelSections.uniform(1, cols);
                    } else {
                        row = in.numbers(cols, entry, "a row of " + cols + " probabilities, one per " + (isT ? "state"
                                : "joint observation"), t0.line(), true);
                    }
                    TextModelSections.setRows(target, lines, ja, range(s, n), jn, cols, row, t0.line());
                }
                return;
            }
            double[] mat = matrix(entry, n, cols, isT, "end state x joint observation", false, t0.line());
            TextModelSections.setMatrix(target, lines, ja, n, jn, cols, mat, t0.line());
        }

        /** Whether a joint observation and its {@code :} follow (one or two elements, then a colon). */
        private boolean jointAhead() {
            Token a = in.peek(0);
            if (a.kind() == Kind.COLON || a.kind() == Kind.END || a.is("uniform")) {
                return false;
            }
            return in.peek(1).kind() == Kind.COLON || in.peek(1).kind() != Kind.END && in.peek(2).kind() == Kind.COLON
                    && in.peek(1).kind() != Kind.COLON;
        }

        private static int[] range(int i, int count) {
            return TextModelSections.range(i, count);
        }
    }

    /** A joint action or observation by its names, {@code "a0 a1"}. */
    static String jointName(List<List<String>> lists, int j) {
        int m1 = lists.get(1).size();
        return lists.get(0).get(j / m1) + " " + lists.get(1).get(j % m1);
    }

    /** Tolerance of the factorisation check of the joint observation. */
    static final double FACTOR_TOLERANCE = 1e-9;

    /** @param lines the line of the entry that set each O row {@code s'*J + j} (for messages), or null */
    static DecPomdp convert(Spec sp, int[] lines) {
        int n = sp.states().size();
        int m0 = sp.actions().get(0).size();
        int m1 = sp.actions().get(1).size();
        int k0 = sp.observations().get(0).size();
        int k1 = sp.observations().get(1).size();
        int jn = m0 * m1;
        int jo = k0 * k1;
        double[] obs = sp.observe();
        // marginals per (s', j) and the factorisation check
        double[] mar0 = new double[n * jn * k0];
        double[] mar1 = new double[n * jn * k1];
        for (int s2 = 0; s2 < n; s2++) {
            for (int j = 0; j < jn; j++) {
                int row = (s2 * jn + j) * jo;
                for (int o0 = 0; o0 < k0; o0++) {
                    for (int o1 = 0; o1 < k1; o1++) {
                        double p = obs[row + o0 * k1 + o1];
                        mar0[(s2 * jn + j) * k0 + o0] += p;
                        mar1[(s2 * jn + j) * k1 + o1] += p;
                    }
                }
            }
        }
        for (int s2 = 0; s2 < n; s2++) {
            for (int j = 0; j < jn; j++) {
                for (int o0 = 0; o0 < k0; o0++) {
                    for (int o1 = 0; o1 < k1; o1++) {
                        double p = obs[(s2 * jn + j) * jo + o0 * k1 + o1];
                        double q = mar0[(s2 * jn + j) * k0 + o0] * mar1[(s2 * jn + j) * k1 + o1];
                        if (Math.abs(p - q) > FACTOR_TOLERANCE) {
                            int at = lines == null ? 0 : lines[s2 * jn + j];
                            throw new InvalidModelException((at > 0 ? "line " + at + ": " : "") + "O: "
                                    + Fmt.safe(jointName(sp.actions(), j)) + " : "
                                    + Fmt.safe(sp.states().get(s2)) + " : " + Fmt.safe(jointName(sp.observations(), o0 * k1 + o1))
                                    + ": probability " + Fmt.num(p) + " is not the product " + Fmt.num(q) + " of the agents'"
                                    + " marginals; memarl's Dec-POMDP needs the agents' observations independent given the"
                                    + " end state and the joint action");
                        }
                    }
                }
            }
        }
        // classes of joint actions with the same marginals in every end state
        int[] cls = new int[jn];
        List<Integer> reps = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (int j = 0; j < jn; j++) {
            cls[j] = -1;
            for (int c = 0; c < reps.size(); c++) {
                if (sameMarginals(mar0, mar1, n, jn, k0, k1, reps.get(c), j)) {
                    cls[j] = c;
                    sizes.set(c, sizes.get(c) + 1);
                    break;
                }
            }
            if (cls[j] < 0) {
                cls[j] = reps.size();
                reps.add(j);
                sizes.add(1);
            }
        }
        int nc = reps.size();
        int nn = n * (nc + 1); // (s, c) at c*n + s; the start copies at nc*n + s
        List<String> names = new ArrayList<>();
        for (int c = 0; c < nc; c++) {
            String label = nc == 1 ? "any" : jointName(sp.actions(), reps.get(c)) + (sizes.get(c) > 1 ? " (+" + (sizes.get(c) - 1)
                    + ")" : "");
            for (int s = 0; s < n; s++) {
                names.add(sp.states().get(s) + " after " + label);
            }
        }
        for (int s = 0; s < n; s++) {
            names.add(sp.states().get(s) + " at start");
        }
        double[] p0 = new double[nn];
        System.arraycopy(sp.initial(), 0, p0, nc * n, n);
        double[] t = new double[nn * jn * nn];
        double[] r = new double[nn * jn];
        for (int x = 0; x < nn; x++) {
            int s = x % n;
            for (int j = 0; j < jn; j++) {
                r[x * jn + j] = sp.rewards()[s * jn + j];
                for (int s2 = 0; s2 < n; s2++) {
                    t[(x * jn + j) * nn + cls[j] * n + s2] = sp.transitions()[(s * jn + j) * n + s2];
                }
            }
        }
        List<DecPomdp.Agent> agents = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            List<String> on = sp.observations().get(i);
            int k = on.size();
            int ki = k;
            double[] mar = i == 0 ? mar0 : mar1;
            double[] ob = new double[nn * k];
            for (int x = 0; x < nn; x++) {
                int c = x / n;
                int s = x % n;
                if (c == nc) {
                    ob[x * k] = 1.0; // the start: observation 0 in every state, no information
                } else {
                    System.arraycopy(mar, (s * jn + reps.get(c)) * ki, ob, x * k, ki);
                }
            }
            String agentName = sp.agentNames() == null ? null : sp.agentNames().get(i);
            agents.add(new DecPomdp.Agent(agentName, sp.actions().get(i), on, ob, null, "agents[" + i + "]", nn));
        }
        // the standard Dec-POMDP: prescriptions over whole private histories, joint actions private
        return new DecPomdp(sp.name(), names, sp.gamma(), 0, p0, agents, null, null, t, r)
                .withPrivateMemory(DecPomdp.PrivateMemory.HISTORY).withPublicActions(false);
    }

    private static boolean sameMarginals(double[] mar0, double[] mar1, int n, int jn, int k0, int k1, int a, int b) {
        for (int s2 = 0; s2 < n; s2++) {
            if (!Arrays.equals(mar0, (s2 * jn + a) * k0, (s2 * jn + a + 1) * k0, mar0, (s2 * jn + b) * k0, (s2 * jn + b + 1) * k0)
                    || !Arrays.equals(mar1, (s2 * jn + a) * k1, (s2 * jn + a + 1) * k1, mar1, (s2 * jn + b) * k1,
                            (s2 * jn + b + 1) * k1)) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------------ writer

    /**
     * The model as a {@code .dpomdp} text in MADP's layout (one line per agent, matrices on the lines after their
     * entry, a colon before every single number): full T and O matrices per joint action and
     * {@code R: a0 a1 : s : * : * : r}, with Java's shortest round-trip decimals, so that
     * {@code readSpec(write(spec))} is {@link Spec#sameModel} to spec.
     */
    public static String write(Spec sp) {
        int n = sp.states().size();
        int jn = sp.numJointActions();
        int jo = sp.numJointObservations();
        StringBuilder b = new StringBuilder();
        b.append("# ").append(sp.name() == null || sp.name().isEmpty() ? "Dec-POMDP" : Fmt.safe(sp.name()))
                .append(" (written by memarl; MADP's .dpomdp format)\n");
        b.append("agents: ").append(sp.agentNames() == null ? "2" : CassandraPomdp.names("agents", sp.agentNames(), KEYWORDS))
                .append('\n');
        b.append("discount: ").append(PomdpText.num(sp.gamma())).append('\n');
        b.append("values: reward\n");
        b.append("states: ").append(CassandraPomdp.names("states", sp.states(), KEYWORDS)).append('\n');
        b.append("start:\n");
        for (int s = 0; s < n; s++) {
            b.append(s == 0 ? "" : " ").append(PomdpText.num(sp.initial()[s]));
        }
        b.append('\n');
        b.append("actions:\n");
        for (int i = 0; i < 2; i++) {
            b.append(CassandraPomdp.names("actions[" + i + "]", sp.actions().get(i), KEYWORDS)).append('\n');
        }
        b.append("observations:\n");
        for (int i = 0; i < 2; i++) {
            b.append(CassandraPomdp.names("observations[" + i + "]", sp.observations().get(i), KEYWORDS)).append('\n');
        }
        for (int j = 0; j < jn; j++) {
            b.append("T: ").append(jointRef(sp.actions(), j)).append(" :\n");
            for (int s = 0; s < n; s++) {
                for (int s2 = 0; s2 < n; s2++) {
                    b.append(s2 == 0 ? "" : " ").append(PomdpText.num(sp.transitions()[(s * jn + j) * n + s2]));
                }
                b.append('\n');
            }
        }
        for (int j = 0; j < jn; j++) {
            b.append("O: ").append(jointRef(sp.actions(), j)).append(" :\n");
            for (int s2 = 0; s2 < n; s2++) {
                for (int x = 0; x < jo; x++) {
                    b.append(x == 0 ? "" : " ").append(PomdpText.num(sp.observe()[(s2 * jn + j) * jo + x]));
                }
                b.append('\n');
            }
        }
        for (int j = 0; j < jn; j++) {
            for (int s = 0; s < n; s++) {
                b.append("R: ").append(jointRef(sp.actions(), j)).append(" : ").append(stateRef(sp.states(), s))
                        .append(" : * : * : ").append(PomdpText.num(sp.rewards()[s * jn + j])).append('\n');
            }
        }
        return b.toString();
    }

    /** Writes the model to a file atomically. */
    public static void write(Spec sp, Path file) {
        ResultWriter.writeAtomically(file, write(sp).getBytes(StandardCharsets.UTF_8));
    }

    private static String jointRef(List<List<String>> lists, int j) {
        int m1 = lists.get(1).size();
        return ref(lists.get(0), j / m1) + " " + ref(lists.get(1), j % m1);
    }

    private static String stateRef(List<String> states, int s) {
        return ref(states, s);
    }

    private static String ref(List<String> names, int i) {
        return org.memarl.model.Mdp.isIndexNames(names) || CassandraPomdp.isCountNames(names) ? Integer.toString(i)
                : names.get(i);
    }
}
