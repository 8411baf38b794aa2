package org.memarl.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ejml.data.DMatrixSparseTriplet;
import org.ejml.ops.DConvertMatrixStruct;
import org.memarl.InvalidModelException;
import org.memarl.model.Fmt;
import org.memarl.model.Mdp;
import org.memarl.model.TransitionMatrix;

/**
 * Reads models in the {@code memarl/1} JSON format of {@code model-format.md}. Strict: unknown keys,
 * duplicate keys, wrong shapes, non-numbers, probabilities outside [0, 1], rows that do not sum to 1,
 * duplicate names and malformed or truncated JSON are errors whose one-line message names the key,
 * the indices and the value, e.g. {@code transitions[2][1]: row sums to 0.98, expected 1 (tolerance 1e-9)}.
 */
public final class ModelReader {
    public static final String FORMAT = "memarl/1";
    static final Set<String> MDP_KEYS = Set.of("format", "kind", "name", "gamma", "horizon", "states",
            "initial", "actions", "transitions", "rewards", "prior", "options");
    private static final Set<String> KINDS = Set.of("mdp", "game", "matrix-game", "pomdp", "dec-pomdp");
    /** The kinds, as messages list them. */
    static final String KIND_LIST = "\"mdp\", \"game\", \"matrix-game\", \"pomdp\", \"dec-pomdp\"";

    private ModelReader() {
    }

    /** The most names a count may declare ({@code "states": 100000000}). */
    static final long MAX_COUNT = 100_000_000L;
    /** The most entries of one dense array of a model: the largest Java array. */
    static final long MAX_DENSE = Integer.MAX_VALUE - 8;

    /** Reads a model file. */
    public static Mdp readMdp(Path file) {
        return readMdp(Models.parse(file, file.getFileName().toString(), Models.DEFAULT_MAX_BYTES, null).root());
    }

    /**
     * Reads the bytes of a file (at most {@link Models#DEFAULT_MAX_BYTES}), with a one-line error when it is
     * missing, unreadable or larger.
     */
    public static byte[] readBytes(Path file) {
        long max = Models.DEFAULT_MAX_BYTES;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (b.length > max) {
                throw new InvalidModelException("model: " + Fmt.safe(file.toString()) + " is larger than " + max
                        + " bytes, the limit for a model file");
            }
            return b;
        } catch (NoSuchFileException e) {
            throw new InvalidModelException("model: file not found: " + Fmt.safe(file.toString()));
        } catch (IOException e) {
            throw new InvalidModelException("model: cannot read " + Fmt.safe(file.toString()) + ": " + Fmt.safe(e.getMessage()));
        }
    }

    /**
     * Checks, with exact arithmetic and before anything is allocated, that a dense array of the shape
     * {@code dims} (named by {@code shape}, e.g. {@code states x actions x states}) fits the limit of
     * {@link #MAX_DENSE} entries and the heap; the message states the limit.
     */
    static void denseLimit(String key, String shape, long... dims) {
        java.math.BigInteger n = java.math.BigInteger.ONE;
        StringBuilder sizes = new StringBuilder();
        for (long d : dims) {
            n = n.multiply(java.math.BigInteger.valueOf(d));
            sizes.append(sizes.length() > 0 ? " x " : "").append(d);
        }
        if (n.compareTo(java.math.BigInteger.valueOf(MAX_DENSE)) > 0) {
            throw new InvalidModelException(key + ": " + shape + " = " + sizes + " = " + n + " entries, more than the limit of "
                    + MAX_DENSE + " entries of a dense array");
        }
        long bytes = n.longValue() * 8L;
        long heap = Runtime.getRuntime().maxMemory();
        if (heap != Long.MAX_VALUE && bytes > heap) {
            throw new InvalidModelException(key + ": " + shape + " = " + sizes + " = " + n + " numbers need "
                    + (bytes >> 20) + " MB, more than the heap of " + (heap >> 20) + " MB (raise it with java -Xmx)");
        }
    }

    /**
     * Checks that {@code node} is nested arrays of the shape {@code dims} (each entry "one per {@code what[d]}"),
     * ending in rows of {@code len} entries ({@code rowWhat}), without copying anything: the check that comes
     * before an allocation of the product of the sizes. Messages as {@link #array} and {@link #vector}.
     */
    static void checkShape(JsonNode node, String key, int[] dims, String[] what, int len, String rowWhat) {
        checkShape(node, key, 0, dims, what, len, rowWhat);
    }

    private static void checkShape(JsonNode node, String key, int depth, int[] dims, String[] what, int len, String rowWhat) {
        if (depth == dims.length) {
            if (!node.isArray()) {
                throw new InvalidModelException(key + ": expected an array of " + len + " numbers (" + rowWhat + "), got "
                        + type(node));
            }
            if (node.size() != len) {
                throw new InvalidModelException(key + ": " + node.size() + " entries, expected " + len + " (" + rowWhat + ")");
            }
            return;
        }
        array(node, key, dims[depth], what[depth]);
        for (int i = 0; i < dims[depth]; i++) {
            checkShape(node.get(i), key + "[" + i + "]", depth + 1, dims, what, len, rowWhat);
        }
    }

    /** The {@code kind} of a parsed model, validated. */
    public static String kind(JsonNode root) {
        if (!root.isObject()) {
            throw new InvalidModelException("model: expected a JSON object at the top level, got " + type(root));
        }
        JsonNode f = root.get("format");
        if (f == null) {
            throw new InvalidModelException("format: missing, expected \"" + FORMAT + "\"");
        }
        if (!f.isTextual() || !FORMAT.equals(f.asText())) {
            throw new InvalidModelException("format: " + value(f) + " is not \"" + FORMAT + "\"");
        }
        JsonNode k = root.get("kind");
        if (k == null) {
            throw new InvalidModelException("kind: missing, expected one of " + KIND_LIST);
        }
        if (!k.isTextual() || !KINDS.contains(k.asText())) {
            throw new InvalidModelException("kind: " + value(k) + " is not one of " + KIND_LIST);
        }
        return k.asText();
    }

    /** Parses an MDP from JSON bytes; {@code what} names the input in messages about malformed JSON. */
    public static Mdp readMdp(byte[] bytes, String what) {
        return readMdp(Json.parse(bytes, what));
    }

    /** Builds an MDP from a parsed JSON tree. */
    public static Mdp readMdp(JsonNode root) {
        String kind = kind(root);
        if (!"mdp".equals(kind)) {
            throw new InvalidModelException("kind: \"" + kind + "\" is not an \"mdp\"; GameReader reads games"
                    + " (Models.read reads every kind)");
        }
        checkKeys(root, MDP_KEYS, "");
        Mdp.Builder b = Mdp.builder();
        b.name(name(root));
        List<String> states = names(required(root, "states"), "states");
        List<String> actions = names(required(root, "actions"), "actions");
        b.states(states).actions(actions);
        Map<String, Integer> sIndex = index(states);
        Map<String, Integer> aIndex = index(actions);
        JsonNode g = required(root, "gamma");
        b.gamma(number(g, "gamma"));
        b.horizon(horizon(root));
        int n = states.size();
        int m = actions.size();
        b.initial(initial(root, n));
        // the rewards are dense: their shape bounds the declared sizes before the transitions allocate rows
        b.rewards(matrix(required(root, "rewards"), "rewards", n, m));
        b.transitions(transitions(required(root, "transitions"), n, m, sIndex, aIndex));
        JsonNode prior = root.get("prior");
        if (prior != null) {
            b.prior(matrix(prior, "prior", n, m));
        }
        Mdp mdp = b.build();
        JsonNode options = root.get("options");
        if (options != null) {
            mdp = mdp.toBuilder().options(OptionReader.read(options, "options", n, m, mdp.priorFlat())).build();
        }
        return mdp;
    }

    /** Checks that {@code root} is of kind {@code kind} (a belief model) and has no key outside {@code keys}. */
    static void checkKind(JsonNode root, String kind, Set<String> keys) {
        String k = kind(root);
        if (!kind.equals(k)) {
            throw new InvalidModelException("kind: \"" + k + "\" is not a \"" + kind + "\" (Models.read reads every kind)");
        }
        checkKeys(root, keys, "");
    }

    /** The optional {@code initial} distribution of {@code n} entries, null when absent. */
    static double[] initial(JsonNode root, int n) {
        JsonNode init = root.get("initial");
        return init == null ? null : vector(init, "initial", n, "one per state");
    }

    /** The optional {@code name} (empty when absent), or a one-line error when it is not a string. */
    static String name(JsonNode root) {
        JsonNode name = root.get("name");
        return name == null ? "" : text(name, "name");
    }

    /** A string value, or a one-line error naming the key. */
    static String text(JsonNode n, String key) {
        if (!n.isTextual()) {
            throw new InvalidModelException(key + ": expected a string, got " + type(n));
        }
        return n.asText();
    }

    /** The optional positive {@code horizon}, 0 (infinite) when absent. */
    static int horizon(JsonNode root) {
        JsonNode h = root.get("horizon");
        if (h == null) {
            return 0;
        }
        if (!h.isIntegralNumber() || h.asLong() < 1 || h.asLong() > Integer.MAX_VALUE) {
            throw new InvalidModelException("horizon: " + value(h) + " is not a positive integer");
        }
        return h.asInt();
    }

    /** An array of {@code len} entries ("one per {@code what}"), or a one-line error. */
    static JsonNode array(JsonNode n, String key, int len, String what) {
        if (!n.isArray()) {
            throw new InvalidModelException(key + ": expected an array of " + len + " entries (one per " + what + "), got "
                    + type(n));
        }
        if (n.size() != len) {
            throw new InvalidModelException(key + ": " + n.size() + " entries, expected " + len + " (one per " + what + ")");
        }
        return n;
    }

    /**
     * The entry list of {@code key: {"sparse": [...]}}; {@code shape} names one entry, e.g. {@code [s, a, s', p]}.
     * With {@code sayGot} the message also names what was found instead of the list.
     */
    static JsonNode sparseList(JsonNode node, String key, String shape, boolean sayGot) {
        checkKeys(node, Set.of("sparse"), key + ".");
        JsonNode list = node.get("sparse");
        if (list == null || !list.isArray()) {
            throw new InvalidModelException(key + ".sparse: expected an array of " + shape + " entries"
                    + (sayGot ? ", got " + (list == null ? "nothing" : type(list)) : ""));
        }
        return list;
    }

    /** Entry {@code i} of a sparse list: an array of {@code size} values shaped as {@code shape}. */
    static JsonNode sparseEntry(JsonNode list, int i, String key, String shape, int size) {
        JsonNode e = list.get(i);
        if (!e.isArray() || e.size() != size) {
            throw new InvalidModelException(key + ".sparse[" + i + "]: expected " + shape + ", got " + type(e));
        }
        return e;
    }

    /** A sparse transition probability {@code p} of the entry {@code at}, checked to lie in [0, 1]. */
    static double probability(double p, String where, String at) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new InvalidModelException(where + ": probability " + p + " of " + at + " is not in [0, 1]");
        }
        return p;
    }

    /** Records that sparse entry {@code i} sets {@code index}; a second entry for it is an error naming both. */
    static void once(Map<Long, Integer> seen, long index, int i, String key, String at) {
        Integer prev = seen.put(index, i);
        if (prev != null) {
            throw new InvalidModelException(key + ".sparse[" + i + "]: duplicate entry for " + at + " (also at " + key
                    + ".sparse[" + prev + "])");
        }
    }

    static void checkKeys(JsonNode obj, Set<String> allowed, String prefix) {
        Iterator<String> it = obj.fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new InvalidModelException(prefix + Fmt.safe(k) + ": unknown key (allowed: "
                        + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
    }

    static JsonNode required(JsonNode obj, String key) {
        JsonNode n = obj.get(key);
        if (n == null || n.isNull()) {
            throw new InvalidModelException(key + ": missing");
        }
        return n;
    }

    /** A value as messages show it: a string quoted and escaped, anything else as {@link #type}. */
    static String value(JsonNode n) {
        return n.isTextual() ? Fmt.quote(n.asText()) : type(n);
    }

    static String type(JsonNode n) {
        if (n.isTextual()) {
            return "the string " + Fmt.quote(n.asText());
        }
        if (n.isArray()) {
            return "an array of " + n.size();
        }
        if (n.isObject()) {
            return "an object";
        }
        return n.toString();
    }

    /**
     * An integer count n (names "0".."n-1", computed on access: nothing is built for them) or a list of distinct
     * names. A count is at most {@link #MAX_COUNT}; the arrays the model declares with it are checked against
     * their declared shapes before anything of that size is allocated.
     */
    static List<String> names(JsonNode n, String key) {
        List<String> out = new ArrayList<>();
        if (n.isIntegralNumber()) {
            java.math.BigInteger c = n.bigIntegerValue();
            if (c.signum() < 1) {
                throw new InvalidModelException(key + ": " + n + " is not a positive count");
            }
            if (c.compareTo(java.math.BigInteger.valueOf(MAX_COUNT)) > 0) {
                throw new InvalidModelException(key + ": " + n + " is more than the limit of " + MAX_COUNT + " (a count is 1 to "
                        + MAX_COUNT + ")");
            }
            return Mdp.indexNames(c.intValue());
        }
        if (!n.isArray()) {
            throw new InvalidModelException(key + ": expected a positive integer or a list of names, got " + type(n));
        }
        if (n.size() == 0) {
            throw new InvalidModelException(key + ": empty list, expected at least one name");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode e = n.get(i);
            if (!e.isTextual() || e.asText().isEmpty()) {
                throw new InvalidModelException(key + "[" + i + "]: expected a non-empty name, got " + type(e));
            }
            Integer prev = seen.put(e.asText(), i);
            if (prev != null) {
                throw new InvalidModelException(key + "[" + i + "]: duplicate name " + Fmt.quote(e.asText()) + " (also at "
                        + key + "[" + prev + "])");
            }
            out.add(e.asText());
        }
        return out;
    }

    static Map<String, Integer> index(List<String> names) {
        if (Mdp.isIndexNames(names)) {
            return new CountIndex(names.size());
        }
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            m.put(names.get(i), i);
        }
        return m;
    }

    static double number(JsonNode n, String where) {
        if (!n.isNumber()) {
            throw new InvalidModelException(where + ": expected a number, got " + type(n));
        }
        double v = n.asDouble();
        if (!Double.isFinite(v)) {
            throw new InvalidModelException(where + ": " + n.asText() + " is not a finite number");
        }
        return v;
    }

    static double[] vector(JsonNode n, String key, int len, String what) {
        if (!n.isArray()) {
            throw new InvalidModelException(key + ": expected an array of " + len + " numbers (" + what + "), got " + type(n));
        }
        if (n.size() != len) {
            throw new InvalidModelException(key + ": " + n.size() + " entries, expected " + len + " (" + what + ")");
        }
        double[] out = new double[len];
        for (int i = 0; i < len; i++) {
            out[i] = number(n.get(i), key + "[" + i + "]");
        }
        return out;
    }

    static double[][] matrix(JsonNode n, String key, int rows, int cols) {
        if (!n.isArray()) {
            throw new InvalidModelException(key + ": expected an array of " + rows + " rows (one per state), got " + type(n));
        }
        if (n.size() != rows) {
            throw new InvalidModelException(key + ": " + n.size() + " rows, expected " + rows + " (one per state)");
        }
        double[][] out = new double[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = vector(n.get(i), key + "[" + i + "]", cols, "one per action");
        }
        return out;
    }

    /** Resolves an index-or-name reference. */
    static int ref(JsonNode n, String where, Map<String, Integer> names, int count, String what) {
        if (n.isIntegralNumber()) {
            long i = n.asLong();
            if (i < 0 || i >= count) {
                throw new InvalidModelException(where + ": " + what + " index " + n + " is out of range [0, " + count + ")");
            }
            return (int) i;
        }
        if (n.isTextual()) {
            Integer i = names.get(n.asText());
            if (i == null) {
                throw new InvalidModelException(where + ": unknown " + what + " name " + Fmt.quote(n.asText()));
            }
            return i;
        }
        String article = "aeiou".indexOf(what.charAt(0)) >= 0 ? "an " : "a ";
        throw new InvalidModelException(where + ": expected " + article + what + " index or name, got " + type(n));
    }

    /**
     * Dense nested rows {@code X[i0][i1]...[x]}, copied row-major into a new array: {@code dims[d]} entries at
     * depth d, each "one per {@code what[d]}", and rows of {@code len} numbers ({@code rowWhat}).
     */
    static double[] denseRows(JsonNode node, String key, int[] dims, String[] what, int len, String rowWhat) {
        checkShape(node, key, dims, what, len, rowWhat);
        int rows = 1;
        for (int d : dims) {
            rows *= d;
        }
        double[] out = new double[rows * len];
        denseRows(node, key, 0, dims, what, len, rowWhat, out, 0);
        return out;
    }

    /** Copies the rows below {@code node} (at {@code depth}) from row {@code row} on; returns the next row. */
    private static int denseRows(JsonNode node, String key, int depth, int[] dims, String[] what, int len,
            String rowWhat, double[] out, int row) {
        if (depth == dims.length) {
            System.arraycopy(vector(node, key, len, rowWhat), 0, out, row * len, len);
            return row + 1;
        }
        array(node, key, dims[depth], what[depth]);
        int next = row;
        for (int i = 0; i < dims[depth]; i++) {
            next = denseRows(node.get(i), key + "[" + i + "]", depth + 1, dims, what, len, rowWhat, out, next);
        }
        return next;
    }

    /** The action fields of a sparse transition entry: names, count and what one is, e.g. {@code "agent action"}. */
    record Actions(Map<String, Integer> index, int count, String what) {
    }

    /**
     * Transitions {@code {"sparse": [[s, a..., s', p], ...]}} with one field per entry of {@code actions} between
     * the states; row {@code (s, a...)} in row-major order, {@code shape} names an entry in messages.
     */
    static TransitionMatrix sparseTransitions(JsonNode t, String shape, boolean sayGot, int n, Map<String, Integer> sIndex,
            TransitionMatrix.RowLabel label, Actions... actions) {
        JsonNode list = sparseList(t, "transitions", shape, sayGot);
        int k = actions.length;
        long[] dims = new long[actions.length + 1];
        dims[0] = n;
        int rows = n;
        for (int j = 0; j < actions.length; j++) {
            dims[j + 1] = actions[j].count();
        }
        denseLimit("transitions", "rows (states x actions)", dims);
        for (Actions a : actions) {
            rows *= a.count();
        }
        DMatrixSparseTriplet trip = new DMatrixSparseTriplet(rows, n, list.size());
        Map<Long, Integer> seen = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = sparseEntry(list, i, "transitions", shape, k + 3);
            String w = "transitions.sparse[" + i + "]";
            int s = ref(e.get(0), w + "[0]", sIndex, n, "state");
            int row = s;
            StringBuilder at = new StringBuilder("transitions[").append(s).append(']');
            for (int j = 0; j < k; j++) {
                Actions a = actions[j];
                int x = ref(e.get(j + 1), w + "[" + (j + 1) + "]", a.index(), a.count(), a.what());
                row = row * a.count() + x;
                at.append('[').append(x).append(']');
            }
            int s2 = ref(e.get(k + 1), w + "[" + (k + 1) + "]", sIndex, n, "state");
            String cell = at.append('[').append(s2).append(']').toString();
            double p = probability(number(e.get(k + 2), w + "[" + (k + 2) + "]"), w, cell);
            once(seen, (long) row * n + s2, i, "transitions", cell);
            trip.addItem(row, s2, p);
        }
        return TransitionMatrix.sparse(DConvertMatrixStruct.convert(trip, (org.ejml.data.DMatrixSparseCSC) null),
                "transitions", label);
    }

    static TransitionMatrix transitions(JsonNode t, int n, int m, Map<String, Integer> sIndex, Map<String, Integer> aIndex) {
        TransitionMatrix.RowLabel label = r -> "[" + (r / m) + "][" + (r % m) + "]";
        if (t.isObject()) {
            return sparseTransitions(t, "[s, a, s', p]", false, n, sIndex, label, new Actions(aIndex, m, "action"));
        }
        if (!t.isArray()) {
            throw new InvalidModelException("transitions: expected T[s][a][s'] or {\"sparse\": [[s, a, s', p], ...]}, got "
                    + type(t));
        }
        if (t.size() != n) {
            throw new InvalidModelException("transitions: " + t.size() + " entries, expected " + n + " (one per state)");
        }
        for (int s = 0; s < n; s++) {
            JsonNode rs = t.get(s);
            if (!rs.isArray() || rs.size() != m) {
                throw new InvalidModelException("transitions[" + s + "]: " + (rs.isArray() ? rs.size() + " entries" : type(rs))
                        + ", expected " + m + " (one per action)");
            }
            for (int a = 0; a < m; a++) {
                JsonNode row = rs.get(a);
                if (row.isArray() && row.size() != n) {
                    throw new InvalidModelException("transitions[" + s + "][" + a + "]: " + row.size() + " entries, expected "
                            + n + " (one per next state)");
                }
            }
        }
        org.ejml.data.DMatrixRMaj dm = new org.ejml.data.DMatrixRMaj(n * m, n);
        for (int s = 0; s < n; s++) {
            JsonNode rs = t.get(s);
            if (!rs.isArray() || rs.size() != m) {
                throw new InvalidModelException("transitions[" + s + "]: " + (rs.isArray() ? rs.size() + " entries" : type(rs))
                        + ", expected " + m + " (one per action)");
            }
            for (int a = 0; a < m; a++) {
                double[] row = vector(rs.get(a), "transitions[" + s + "][" + a + "]", n, "one per next state");
                System.arraycopy(row, 0, dm.data, (s * m + a) * n, n);
            }
        }
        return TransitionMatrix.dense(dm, "transitions", label);
    }

    /** The index of the names "0".."n-1" of a count, computed on access like the names. */
    private static final class CountIndex extends java.util.AbstractMap<String, Integer> {
        private final int n;

        CountIndex(int n) {
            this.n = n;
        }

        @Override
        public Integer get(Object key) {
            if (!(key instanceof String s) || s.isEmpty() || s.length() > 10 || (s.length() > 1 && s.charAt(0) == '0')) {
                return null;
            }
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                    return null;
                }
            }
            long i = Long.parseLong(s);
            return i < n ? (int) i : null;
        }

        @Override
        public boolean containsKey(Object key) {
            return get(key) != null;
        }

        @Override
        public int size() {
            return n;
        }

        @Override
        public java.util.Set<Map.Entry<String, Integer>> entrySet() {
            return new java.util.AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<String, Integer>> iterator() {
                    return new Iterator<>() {
                        private int i;

                        @Override
                        public boolean hasNext() {
                            return i < n;
                        }

                        @Override
                        public Map.Entry<String, Integer> next() {
                            if (i >= n) {
                                throw new java.util.NoSuchElementException();
                            }
                            int k = i++;
                            return Map.entry(Integer.toString(k), k);
                        }
                    };
                }

                @Override
                public int size() {
                    return n;
                }
            };
        }
    }
}
