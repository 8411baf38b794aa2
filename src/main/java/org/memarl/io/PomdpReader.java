package org.memarl.io;

import static org.memarl.io.ModelReader.index;
import static org.memarl.io.ModelReader.names;
import static org.memarl.io.ModelReader.number;
import static org.memarl.io.ModelReader.required;
import static org.memarl.io.ModelReader.type;
import static org.memarl.io.ModelReader.vector;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.memarl.InvalidModelException;
import org.memarl.model.Pomdp;
import org.memarl.model.TransitionMatrix;

/**
 * Reads {@code kind: "pomdp"} models (thesis section 2.2.5) in the {@code memarl/1} format of
 * {@code docs/model-format.md}. Keys: {@code states}, {@code actions}, {@code observations} (counts or
 * names), {@code transitions} ({@code T[s][a][s']} or {@code {"sparse": [[s, a, s', p], ...]}}, as for an
 * MDP), {@code observe} ({@code U[s'][a][o]}, the observation after action a led to s', or
 * {@code O[s'][o]} when it does not depend on the action), {@code rewards} {@code R[s][a]}, optional
 * {@code prior} {@code P[a]}, {@code initial}, {@code gamma}, {@code horizon}, {@code name}. As strict
 * as {@link ModelReader}: unknown keys, wrong shapes and rows that do not sum to 1 are one-line errors
 * naming the key, the indices and the value.
 */
public final class PomdpReader {
    static final Set<String> KEYS = Set.of("format", "kind", "name", "gamma", "horizon", "states", "initial",
            "actions", "observations", "transitions", "observe", "rewards", "prior");

    private PomdpReader() {
    }

    public static Pomdp readPomdp(Path file) {
        return readPomdp(Models.parse(file, file.getFileName().toString(), Models.DEFAULT_MAX_BYTES, null).root());
    }

    /** Builds a POMDP from a parsed JSON tree. */
    public static Pomdp readPomdp(JsonNode root) {
        ModelReader.checkKind(root, "pomdp", KEYS);
        String name = ModelReader.name(root);
        List<String> states = names(required(root, "states"), "states");
        List<String> actions = names(required(root, "actions"), "actions");
        List<String> obs = names(required(root, "observations"), "observations");
        int n = states.size();
        int m = actions.size();
        int k = obs.size();
        // the model is dense: refuse what cannot be allocated before reading (or allocating) anything of that size
        ModelReader.denseLimit("transitions", "states x actions x states", n, m, n);
        ModelReader.denseLimit("observe", "states x actions x observations", n, m, k);
        double gamma = number(required(root, "gamma"), "gamma");
        int horizon = ModelReader.horizon(root);
        double[] initial = ModelReader.initial(root, n);
        TransitionMatrix t = ModelReader.transitions(required(root, "transitions"), n, m, index(states), index(actions));
        double[] tf = new double[n * m * n];
        for (int row = 0; row < n * m; row++) {
            for (int e = t.rowStart(row); e < t.rowEnd(row); e++) {
                tf[row * n + t.entryColumn(e)] = t.entryProbability(e);
            }
        }
        double[] u = observe(required(root, "observe"), n, m, k, index(obs));
        double[] r = flat(ModelReader.matrix(required(root, "rewards"), "rewards", n, m));
        double[] prior = root.has("prior") ? vector(root.get("prior"), "prior", m, "one per action") : null;
        return new Pomdp(name, states, actions, obs, gamma, horizon, initial, tf, u, r, prior);
    }

    static double[] flat(double[][] x) {
        int c = x.length == 0 ? 0 : x[0].length;
        double[] out = new double[x.length * c];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, out, i * c, c);
        }
        return out;
    }

    /** Refuses a row of probabilities that does not have {@code k} entries (names and indices pass). */
    static void shortRow(JsonNode row, String where, int k) {
        if (row.isArray() && row.size() != k) {
            throw new InvalidModelException(where + ": " + row.size() + " entries, expected " + k + " (one per observation)");
        }
    }

    /** {@code U[s'][a][o]} or {@code O[s'][o]} (copied to every action); a row may be an observation name or index. */
    private static double[] observe(JsonNode node, int n, int m, int k, Map<String, Integer> oIndex) {
        if (!node.isArray() || node.size() != n) {
            throw new InvalidModelException("observe: expected U[s'][a][o] or O[s'][o] with " + n
                    + " rows (one per state), got " + type(node));
        }
        // the shapes first: the declared sizes may be huge, the rows short
        for (int s = 0; s < n; s++) {
            JsonNode row = node.get(s);
            String w = "observe[" + s + "]";
            if (row.isArray() && row.size() > 0 && row.get(0).isArray()) {
                ModelReader.array(row, w, m, "action");
                for (int a = 0; a < m; a++) {
                    shortRow(row.get(a), w + "[" + a + "]", k);
                }
            } else {
                shortRow(row, w, k);
            }
        }
        double[] out = new double[n * m * k];
        for (int s = 0; s < n; s++) {
            JsonNode row = node.get(s);
            String w = "observe[" + s + "]";
            boolean perAction = row.isArray() && row.size() > 0 && row.get(0).isArray();
            if (perAction) {
                if (row.size() != m) {
                    throw new InvalidModelException(w + ": " + row.size() + " entries, expected " + m + " (one per action)");
                }
                for (int a = 0; a < m; a++) {
                    double[] p = DecPomdpReader.observationRow(row.get(a), w + "[" + a + "]", k, oIndex);
                    System.arraycopy(p, 0, out, (s * m + a) * k, k);
                }
            } else {
                double[] p = DecPomdpReader.observationRow(row, w, k, oIndex);
                for (int a = 0; a < m; a++) {
                    System.arraycopy(p, 0, out, (s * m + a) * k, k);
                }
            }
        }
        return out;
    }
}
