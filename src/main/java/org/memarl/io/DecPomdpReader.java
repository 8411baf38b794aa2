package org.memarl.io;

import static org.memarl.io.ModelReader.array;
import static org.memarl.io.ModelReader.checkKeys;
import static org.memarl.io.ModelReader.denseRows;
import static org.memarl.io.ModelReader.index;
import static org.memarl.io.ModelReader.names;
import static org.memarl.io.ModelReader.number;
import static org.memarl.io.ModelReader.once;
import static org.memarl.io.ModelReader.probability;
import static org.memarl.io.ModelReader.ref;
import static org.memarl.io.ModelReader.required;
import static org.memarl.io.ModelReader.sparseEntry;
import static org.memarl.io.ModelReader.sparseList;
import static org.memarl.io.ModelReader.text;
import static org.memarl.io.ModelReader.type;
import static org.memarl.io.ModelReader.vector;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.memarl.InvalidModelException;
import org.memarl.model.DecPomdp;

/**
 * Reads {@code kind: "dec-pomdp"} models (thesis section 5.1, (5.7)) in the {@code memarl/1} format of
 * {@code docs/model-format.md}: two cooperative agents with private observations, public observations
 * and public actions.
 *
 * <p>Keys: {@code states}, {@code initial}, {@code gamma}, {@code horizon}, {@code name} as for an MDP;
 * {@code agents}: two objects {@code {"name", "actions", "observations", "observe", "prior"}} where
 * {@code observe} has one entry per state, either an observation (name or index: deterministic, a mask
 * of the state) or a probability vector over the agent's observations, and the optional {@code prior}
 * is {@code P[o][a]} or, time-dependent, {@code P[t][o][a]}; optional {@code public}
 * {@code {"observations", "observe"}} (the public signal of each state, same shapes); {@code transitions}
 * dense {@code T[s][a0][a1][s']} or {@code {"sparse": [[s, a0, a1, s', p], ...]}}; {@code rewards} dense
 * {@code R[s][a0][a1]} or {@code {"sparse": [[s, a0, a1, r], ...]}} (missing entries are 0). In sparse
 * entries an action may be {@code "*"}: every action of that agent. Strict: unknown keys, wrong shapes,
 * rows not summing to 1, entries given twice (also through {@code "*"}) are one-line errors naming the
 * key, the indices and the value. Optional {@code privateMemory}: {@code "current"} (default: each agent's
 * prescription maps its current private observation), {@code "since-reset"} or {@code "history"} (its private
 * observation history; {@link org.memarl.model.DecPomdp.PrivateMemory}); optional {@code publicActions}
 * (default true: both agents see the joint action; false: the standard Dec-POMDP, where they do not).
 */
public final class DecPomdpReader {
    static final Set<String> KEYS = Set.of("format", "kind", "name", "gamma", "horizon", "states", "initial",
            "agents", "public", "transitions", "rewards", "privateMemory", "publicActions");
    private static final Set<String> AGENT_KEYS = Set.of("name", "actions", "observations", "observe", "prior");
    private static final Set<String> PUBLIC_KEYS = Set.of("observations", "observe");
    /** The wildcard of sparse entries: every action of the agent. */
    public static final String ANY = "*";

    private DecPomdpReader() {
    }

    public static DecPomdp readDecPomdp(Path file) {
        return readDecPomdp(Models.parse(file, file.getFileName().toString(), Models.DEFAULT_MAX_BYTES, null).root());
    }

    /** Builds a Dec-POMDP from a parsed JSON tree. */
    public static DecPomdp readDecPomdp(JsonNode root) {
        ModelReader.checkKind(root, "dec-pomdp", KEYS);
        String name = ModelReader.name(root);
        List<String> states = names(required(root, "states"), "states");
        Map<String, Integer> sIndex = index(states);
        int n = states.size();
        double gamma = number(required(root, "gamma"), "gamma");
        int horizon = ModelReader.horizon(root);
        double[] initial = ModelReader.initial(root, n);
        JsonNode ag = required(root, "agents");
        if (!ag.isArray() || ag.size() != 2) {
            throw new InvalidModelException("agents: expected an array of 2 agent objects, got " + type(ag));
        }
        List<DecPomdp.Agent> agents = new ArrayList<>();
        List<Map<String, Integer>> aIndex = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String w = "agents[" + i + "]";
            JsonNode a = ag.get(i);
            if (!a.isObject()) {
                throw new InvalidModelException(w + ": expected an object {\"name\", \"actions\", \"observations\","
                        + " \"observe\", \"prior\"}, got " + type(a));
            }
            checkKeys(a, AGENT_KEYS, w + ".");
            String an = a.has("name") ? text(a.get("name"), w + ".name") : "agent " + i;
            List<String> acts = names(required(a, "actions"), w + ".actions");
            List<String> obs = names(required(a, "observations"), w + ".observations");
            ModelReader.denseLimit(w + ".observe", "states x observations", n, obs.size());
            double[] observe = observeRows(required(a, "observe"), w + ".observe", n, obs.size(), index(obs));
            double[][] prior = a.has("prior") ? prior(a.get("prior"), w + ".prior", obs.size(), acts.size()) : null;
            agents.add(new DecPomdp.Agent(an, acts, obs, observe, prior, w, n));
            aIndex.add(index(acts));
        }
        List<String> pubNames = null;
        double[] pubObserve = null;
        JsonNode pub = root.get("public");
        if (pub != null) {
            if (!pub.isObject()) {
                throw new InvalidModelException("public: expected {\"observations\": k or names, \"observe\": [...]}, got "
                        + type(pub));
            }
            checkKeys(pub, PUBLIC_KEYS, "public.");
            pubNames = names(required(pub, "observations"), "public.observations");
            ModelReader.denseLimit("public.observe", "states x observations", n, pubNames.size());
            pubObserve = observeRows(required(pub, "observe"), "public.observe", n, pubNames.size(), index(pubNames));
        }
        int m0 = agents.get(0).numActions();
        int m1 = agents.get(1).numActions();
        ModelReader.denseLimit("transitions", "states x actions of agent 0 x actions of agent 1 x states", n, m0, m1, n);
        double[] t = transitions(required(root, "transitions"), n, m0, m1, sIndex, aIndex);
        double[] r = rewards(required(root, "rewards"), n, m0, m1, sIndex, aIndex);
        DecPomdp model = new DecPomdp(name, states, gamma, horizon, initial, agents, pubNames, pubObserve, t, r);
        JsonNode mem = root.get("privateMemory");
        if (mem != null) {
            DecPomdp.PrivateMemory pm = mem.isTextual() ? DecPomdp.PrivateMemory.of(mem.asText()) : null;
            if (pm == null) {
                throw new InvalidModelException("privateMemory: " + (mem.isTextual() ? "\"" + mem.asText() + "\""
                        : type(mem)) + " is not \"current\", \"since-reset\" or \"history\"");
            }
            model = model.withPrivateMemory(pm);
        }
        JsonNode visible = root.get("publicActions");
        if (visible != null) {
            if (!visible.isBoolean()) {
                throw new InvalidModelException("publicActions: " + type(visible) + ", expected true or false");
            }
            model = model.withPublicActions(visible.asBoolean());
        }
        return model;
    }

    /** One observation row: a name or index (deterministic) or a probability vector of {@code k}. */
    static double[] observationRow(JsonNode e, String where, int k, Map<String, Integer> oIndex) {
        double[] p = new double[k];
        if (e.isArray()) {
            return vector(e, where, k, "one per observation");
        }
        if (e.isTextual() || e.isIntegralNumber()) {
            p[ref(e, where, oIndex, k, "observation")] = 1.0;
            return p;
        }
        throw new InvalidModelException(where + ": expected an observation (name or index) or " + k
                + " probabilities, got " + type(e));
    }

    private static double[] observeRows(JsonNode node, String key, int n, int k, Map<String, Integer> oIndex) {
        if (!node.isArray() || node.size() != n) {
            throw new InvalidModelException(key + ": expected " + n + " entries (one per state), got " + type(node));
        }
        for (int s = 0; s < n; s++) {
            PomdpReader.shortRow(node.get(s), key + "[" + s + "]", k); // before allocating what the sizes declare
        }
        double[] out = new double[n * k];
        for (int s = 0; s < n; s++) {
            System.arraycopy(observationRow(node.get(s), key + "[" + s + "]", k, oIndex), 0, out, s * k, k);
        }
        return out;
    }

    /** {@code P[o][a]} (one step) or {@code P[t][o][a]}. */
    private static double[][] prior(JsonNode node, String key, int k, int m) {
        if (!node.isArray() || node.size() == 0) {
            throw new InvalidModelException(key + ": expected P[o][a] or P[t][o][a], got " + type(node));
        }
        JsonNode first = node.get(0);
        boolean timed = first.isArray() && first.size() > 0 && first.get(0).isArray();
        if (!timed) {
            return new double[][] {PomdpReader.flat(GameReader.matrix(node, key, k, m, "observation", "action", false))};
        }
        double[][] out = new double[node.size()][];
        for (int t = 0; t < node.size(); t++) {
            out[t] = PomdpReader.flat(GameReader.matrix(node.get(t), key + "[" + t + "]", k, m, "observation", "action",
                    false));
        }
        return out;
    }

    /** The cells a sparse entry names: its state, and per agent one action or all of them ({@code "*"}). */
    private record Cells(int s, int[] a0, int[] a1) {
    }

    /** Fields 0 to 2 of sparse entry {@code e} (at {@code w}): the state and the two agents' actions. */
    private static Cells cells(JsonNode e, String w, Map<String, Integer> sIndex, List<Map<String, Integer>> aIndex,
            int n, int m0, int m1) {
        int s = ref(e.get(0), w + "[0]", sIndex, n, "state");
        int[] as0 = actions(e.get(1), w + "[1]", aIndex.get(0), m0, 0);
        return new Cells(s, as0, actions(e.get(2), w + "[2]", aIndex.get(1), m1, 1));
    }

    /** Action index list of a sparse entry: one index, or all for {@code "*"}. */
    private static int[] actions(JsonNode e, String where, Map<String, Integer> idx, int m, int agent) {
        if (e.isTextual() && ANY.equals(e.asText())) {
            int[] all = new int[m];
            for (int a = 0; a < m; a++) {
                all[a] = a;
            }
            return all;
        }
        return new int[] {ref(e, where, idx, m, "action of agent " + agent)};
    }

    private static double[] transitions(JsonNode t, int n, int m0, int m1, Map<String, Integer> sIndex,
            List<Map<String, Integer>> aIndex) {
        int jn = m0 * m1;
        if (t.isObject()) {
            double[] out = new double[n * jn * n];
            JsonNode list = sparseList(t, "transitions", "[s, a0, a1, s', p]", false);
            Map<Long, Integer> seen = new HashMap<>();
            for (int i = 0; i < list.size(); i++) {
                JsonNode e = sparseEntry(list, i, "transitions", "[s, a0, a1, s', p]", 5);
                String w = "transitions.sparse[" + i + "]";
                Cells at = cells(e, w, sIndex, aIndex, n, m0, m1);
                int s2 = ref(e.get(3), w + "[3]", sIndex, n, "state");
                double p = number(e.get(4), w + "[4]");
                int s = at.s();
                for (int a0 : at.a0()) {
                    for (int a1 : at.a1()) {
                        String cell = "transitions[" + s + "][" + a0 + "][" + a1 + "][" + s2 + "]";
                        probability(p, w, cell);
                        int idx = ((s * jn) + a0 * m1 + a1) * n + s2;
                        once(seen, idx, i, "transitions", cell);
                        out[idx] = p;
                    }
                }
            }
            return out;
        }
        return denseRows(t, "transitions", new int[] {n, m0, m1}, new String[] {"state", "action of agent 0",
                "action of agent 1"}, n, "one per next state");
    }

    private static double[] rewards(JsonNode r, int n, int m0, int m1, Map<String, Integer> sIndex,
            List<Map<String, Integer>> aIndex) {
        int jn = m0 * m1;
        if (r.isObject()) {
            double[] out = new double[n * jn];
            JsonNode list = sparseList(r, "rewards", "[s, a0, a1, r]", false);
            Map<Long, Integer> seen = new HashMap<>();
            for (int i = 0; i < list.size(); i++) {
                JsonNode e = sparseEntry(list, i, "rewards", "[s, a0, a1, r]", 4);
                String w = "rewards.sparse[" + i + "]";
                Cells at = cells(e, w, sIndex, aIndex, n, m0, m1);
                double x = number(e.get(3), w + "[3]");
                int s = at.s();
                for (int a0 : at.a0()) {
                    for (int a1 : at.a1()) {
                        int idx = s * jn + a0 * m1 + a1;
                        once(seen, idx, i, "rewards", "rewards[" + s + "][" + a0 + "][" + a1 + "]");
                        out[idx] = x;
                    }
                }
            }
            return out;
        }
        return denseRows(r, "rewards", new int[] {n, m0}, new String[] {"state", "action of agent 0"}, m1,
                "one per action of agent 1");
    }
}
