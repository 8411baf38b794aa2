package org.memarl.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.memarl.algorithms.belief.PublicBelief;
import org.memarl.algorithms.belief.PublicProcess;

/**
 * Writes the result of the public-belief agent: the {@code memarl-result/1} document of
 * {@link ResultWriter} ({@code values.V[0]} the value at the initial public belief,
 * {@code values.expectedReward[0]} the expected reward of the soft policy, {@code values.Q0} and
 * {@code policies.initial} per prescription at the initial belief) plus a {@code publicBelief} block for
 * a learner or a reader: the public-belief tree from the root, each node with its time, belief (states
 * of positive probability), value, expected reward, the prescriptions (readable, with probability and
 * Q) and, under {@code next}, the children after each prescription of positive probability and each
 * public outcome, with that outcome's probability. Whole time levels are written while the total stays
 * within {@link #MAX_TREE_NODES} nodes; {@code publicBelief.depth} says how many levels were written and
 * {@code publicBelief.truncated} whether levels below were cut. At most {@link #MAX_INITIAL} prescriptions
 * (the first, by index) are written in {@code initialPrescriptions}, {@code values.Q0} and
 * {@code policies.initial}; {@code publicBelief.initialPrescriptionsOmitted} counts the rest.
 */
public final class BeliefResultWriter {
    /** Largest number of tree nodes written. */
    public static final int MAX_TREE_NODES = 2000;
    /** Largest number of prescriptions listed per node (those of highest probability). */
    public static final int MAX_LISTED = 256;
    /** Largest number of initial prescriptions written (in initialPrescriptions, values.Q0, policies.initial). */
    public static final int MAX_INITIAL = 4096;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private BeliefResultWriter() {
    }

    public static ObjectNode toJson(PublicBelief.Result r, String modelName, byte[] modelBytes) {
        return toJson(r, modelName, ResultWriter.sha256(modelBytes));
    }

    /** As {@link #toJson(PublicBelief.Result, String, byte[])} with the model file's SHA-256 already computed. */
    public static ObjectNode toJson(PublicBelief.Result r, String modelName, String modelSha256) {
        ObjectNode o = ResultWriter.toJson(r.solution(), modelName, modelSha256);
        ObjectNode pb = F.objectNode();
        PublicProcess p = r.process();
        pb.put("beliefs", r.nodes());
        ArrayNode init = pb.putArray("initialPrescriptions");
        PublicBelief.Node root = r.root();
        int choices = p.numChoices(0);
        int listed = Math.min(choices, MAX_INITIAL);
        for (int c = 0; c < listed; c++) {
            init.add(describe(p.describeChoice(0, c)));
        }
        if (choices > listed) {
            pb.put("initialPrescriptionsOmitted", choices - listed);
            trim(o.get("values").get("Q0"), listed);
            trim(o.get("policies").get("initial"), listed);
        }
        int depth = depth(r);
        pb.put("depth", depth);
        pb.put("truncated", depth < levels(r));
        pb.set("tree", node(p, root, depth));
        ObjectNode out = F.objectNode();
        o.fields().forEachRemaining(e -> {
            if (e.getKey().equals("provenance")) {
                out.set("publicBelief", pb);
            }
            out.set(e.getKey(), e.getValue());
        });
        return out;
    }

    /** The number of time levels (from the root) that fit within {@link #MAX_TREE_NODES}. */
    static int depth(PublicBelief.Result r) {
        List<PublicBelief.Node> level = List.of(r.root());
        int total = 1;
        int depth = 1;
        while (true) {
            List<PublicBelief.Node> next = new ArrayList<>();
            for (PublicBelief.Node n : level) {
                double[] pi = n.policy();
                for (PublicBelief.Edge e : n.edges()) {
                    if (pi[e.choice()] > 0.0 && e.node().time() < r.process().horizon()) {
                        next.add(e.node());
                    }
                }
            }
            if (next.isEmpty() || total + next.size() > MAX_TREE_NODES) {
                return depth;
            }
            total += next.size();
            depth++;
            level = next;
        }
    }

    /** The number of time levels of the tree of played choices (positive policy probability), from the root. */
    static int levels(PublicBelief.Result r) {
        int h = r.process().horizon();
        int deepest = 0;
        List<PublicBelief.Node> level = List.of(r.root());
        java.util.Set<PublicBelief.Node> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        while (!level.isEmpty()) {
            deepest++;
            List<PublicBelief.Node> next = new ArrayList<>();
            for (PublicBelief.Node n : level) {
                double[] pi = n.policy();
                for (PublicBelief.Edge e : n.edges()) {
                    if (pi[e.choice()] > 0.0 && e.node().time() < h && seen.add(e.node())) {
                        next.add(e.node());
                    }
                }
            }
            level = next;
        }
        return deepest;
    }

    private static void trim(JsonNode array, int size) {
        ArrayNode a = (ArrayNode) array;
        while (a.size() > size) {
            a.remove(a.size() - 1);
        }
    }

    private static ObjectNode node(PublicProcess p, PublicBelief.Node n, int depth) {
        ObjectNode o = F.objectNode();
        o.put("t", n.time());
        ObjectNode b = o.putObject("belief");
        double[] belief = n.belief();
        for (int s = 0; s < belief.length; s++) {
            if (belief[s] > 0.0) {
                b.put(p.stateNames().get(s), belief[s]);
            }
        }
        o.put("V", n.value());
        o.put("expectedReward", n.expectedReward());
        double[] pi = n.policy();
        double[] q = n.q();
        Integer[] order = new Integer[pi.length];
        for (int c = 0; c < pi.length; c++) {
            order[c] = c;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(pi[y], pi[x]));
        ArrayNode ps = o.putArray("prescriptions");
        for (int i = 0; i < Math.min(order.length, MAX_LISTED); i++) {
            int c = order[i];
            ObjectNode e = ps.addObject();
            e.put("index", c);
            e.set("prescription", describe(p.describeChoice(n.time(), c)));
            e.put("probability", pi[c]);
            e.put("Q", q[c]);
        }
        if (order.length > MAX_LISTED) {
            o.put("prescriptionsOmitted", order.length - MAX_LISTED);
        }
        if (depth > 1) {
            ArrayNode next = o.putArray("next");
            for (PublicBelief.Edge e : n.edges()) {
                if (pi[e.choice()] > 0.0 && e.node().time() < p.horizon()) {
                    ObjectNode x = next.addObject();
                    x.put("prescription", e.choice());
                    ObjectNode d = describe(p.describeOutcome(e.outcome()));
                    d.fields().forEachRemaining(f -> x.set(f.getKey(), f.getValue()));
                    x.put("probability", e.probability());
                    x.set("node", node(p, e.node(), depth - 1));
                }
            }
        }
        return o;
    }

    @SuppressWarnings("unchecked")
    private static ObjectNode describe(Map<String, Object> m) {
        ObjectNode o = F.objectNode();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Map) {
                o.set(e.getKey(), describe((Map<String, Object>) v));
            } else {
                JsonNode x = ResultWriter.node(v);
                o.set(e.getKey(), x);
            }
        }
        return o;
    }
}
