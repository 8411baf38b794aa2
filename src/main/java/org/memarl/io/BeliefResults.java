package org.memarl.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.memarl.algorithms.belief.PublicBelief;
import org.memarl.algorithms.belief.PublicProcess;
import org.memarl.solve.Section;
import org.memarl.solve.Solution;
import org.memarl.solve.Table;

/**
 * The result of the public-belief agent as a {@link Solution}, written by {@link ResultWriter} like every other
 * result: {@code values.V[0]} the value at the initial public belief, {@code values.expectedReward[0]} the
 * expected reward of the soft policy, {@code values.Q0} and {@code policies.initial} per prescription at the
 * initial belief, plus a typed {@link Section} {@code publicBelief} for a learner or a reader: the
 * public-belief tree from the root, each node with its time, belief (states of positive probability), value,
 * expected reward, the prescriptions (readable, with probability and Q) and, under {@code next}, the children
 * after each prescription of positive probability and each public outcome, with that outcome's probability.
 * Whole time levels are written while the total stays within {@link #MAX_TREE_NODES} nodes;
 * {@code publicBelief.depth} says how many levels were written and {@code publicBelief.truncated} whether
 * levels below were cut. At most {@link #MAX_INITIAL} prescriptions (the first, by index) are kept in
 * {@code initialPrescriptions}, {@code values.Q0} and {@code policies.initial};
 * {@code publicBelief.initialPrescriptionsOmitted} counts the rest. For a Dec-POMDP, {@code publicBelief.policyTrees}
 * has one tree per agent: at each public node the agent's part of the most probable prescription (its private
 * observation or history -> action) and, under {@code next}, the nodes after each public outcome (at most
 * {@link #MAX_TREE_NODES} nodes per agent; {@code truncated} marks a node whose children were cut).
 */
public final class BeliefResults {
    /** Largest number of tree nodes written. */
    public static final int MAX_TREE_NODES = 2000;
    /** Largest number of prescriptions listed per node (those of highest probability). */
    public static final int MAX_LISTED = 256;
    /** Largest number of initial prescriptions kept (in initialPrescriptions, values.Q0, policies.initial). */
    public static final int MAX_INITIAL = 4096;
    /** The name of the section holding the belief tree. */
    public static final String SECTION = "publicBelief";

    private BeliefResults() {
    }

    /**
     * The result as a {@link Solution}: the tables and parameters of {@code r.solution()} ({@code Q0} and
     * {@code initial} cut to the first {@link #MAX_INITIAL} prescriptions) and the {@code publicBelief} section.
     */
    public static Solution toSolution(PublicBelief.Result r) {
        Solution s = r.solution();
        PublicProcess p = r.process();
        Map<String, Section.Node> pb = new LinkedHashMap<>();
        pb.put("beliefs", new Section.Whole(r.nodes()));
        List<Section.Node> perStep = new ArrayList<>();
        for (int count : r.beliefsPerStep()) {
            perStep.add(new Section.Whole(count));
        }
        pb.put("beliefsPerStep", new Section.Arr(perStep));
        List<Section.Node> init = new ArrayList<>();
        double[] rootBelief = r.root().belief();
        int choices = p.numChoices(0, rootBelief);
        int listed = Math.min(choices, MAX_INITIAL);
        for (int c = 0; c < listed; c++) {
            init.add(describe(p.describeChoice(0, rootBelief, c)));
        }
        pb.put("initialPrescriptions", new Section.Arr(init));
        if (choices > listed) {
            pb.put("initialPrescriptionsOmitted", new Section.Whole(choices - listed));
        }
        int depth = depth(r);
        pb.put("depth", new Section.Whole(depth));
        pb.put("truncated", new Section.Flag(depth < levels(r)));
        pb.put("tree", node(p, r.root(), depth));
        Map<String, Object> rootChoice = p.describeChoice(0, rootBelief, argmax(r.root().policy()));
        Map<String, Section.Node> trees = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : rootChoice.entrySet()) {
            if (e.getValue() instanceof Map) { // a Dec-POMDP's prescription: one part per agent
                trees.put(e.getKey(), agentTree(p, r.root(), e.getKey(), new int[] {MAX_TREE_NODES}));
            }
        }
        if (!trees.isEmpty()) {
            pb.put("policyTrees", new Section.Obj(trees));
        }
        Solution.Builder b = Solution.builder(s.algorithm());
        s.parameters().forEach(b::parameter);
        b.converged(s.converged()).iterations(s.iterations()).residual(s.residual()).errorBound(s.errorBound());
        s.values().forEach((k, t) -> b.value(k, "Q0".equals(k) ? first(t, listed) : t));
        if (s.policyTable() != null) {
            b.policy(s.policy());
        }
        s.policies().forEach((k, t) -> b.policy(k, "initial".equals(k) ? first(t, listed) : t));
        return b.section(new Section(SECTION, new Section.Obj(pb))).build();
    }

    /** The first {@code n} entries of a vector (the vector itself if it has at most n). */
    private static Table first(Table t, int n) {
        return t.size() <= n ? t : Table.of(t.name(), Arrays.copyOf(t.vector(), n));
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

    private static Section.Obj node(PublicProcess p, PublicBelief.Node n, int depth) {
        Map<String, Section.Node> o = new LinkedHashMap<>();
        o.put("t", new Section.Whole(n.time()));
        double[] belief = n.belief();
        o.put("belief", describe(p.describeBelief(belief)));
        o.put("V", new Section.Num(n.value()));
        o.put("expectedReward", new Section.Num(n.expectedReward()));
        double[] pi = n.policy();
        double[] q = n.q();
        Integer[] order = new Integer[pi.length];
        for (int c = 0; c < pi.length; c++) {
            order[c] = c;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(pi[y], pi[x]));
        List<Section.Node> ps = new ArrayList<>();
        for (int i = 0; i < Math.min(order.length, MAX_LISTED); i++) {
            int c = order[i];
            Map<String, Section.Node> e = new LinkedHashMap<>();
            e.put("index", new Section.Whole(c));
            e.put("prescription", describe(p.describeChoice(n.time(), belief, c)));
            e.put("probability", new Section.Num(pi[c]));
            e.put("Q", new Section.Num(q[c]));
            ps.add(new Section.Obj(e));
        }
        o.put("prescriptions", new Section.Arr(ps));
        if (order.length > MAX_LISTED) {
            o.put("prescriptionsOmitted", new Section.Whole(order.length - MAX_LISTED));
        }
        if (depth > 1) {
            List<Section.Node> next = new ArrayList<>();
            for (PublicBelief.Edge e : n.edges()) {
                if (pi[e.choice()] > 0.0 && e.node().time() < p.horizon()) {
                    Map<String, Section.Node> x = new LinkedHashMap<>();
                    x.put("prescription", new Section.Whole(e.choice()));
                    x.putAll(describe(p.describeOutcome(e.outcome())).fields());
                    x.put("probability", new Section.Num(e.probability()));
                    x.put("node", node(p, e.node(), depth - 1));
                    next.add(new Section.Obj(x));
                }
            }
            o.put("next", new Section.Arr(next));
        }
        return new Section.Obj(o);
    }

    /** The first choice of largest policy probability. */
    static int argmax(double[] pi) {
        int best = 0;
        for (int c = 1; c < pi.length; c++) {
            if (pi[c] > pi[best]) {
                best = c;
            }
        }
        return best;
    }

    /**
     * One agent's policy tree: at each node its part of the most probable prescription (private observation or
     * history -> action; at beta = +inf the chosen one), then, under {@code next}, the nodes after each public
     * outcome of that prescription; at most {@code budget[0]} nodes in all (breadth of the played tree first).
     */
    private static Section.Obj agentTree(PublicProcess p, PublicBelief.Node n, String agent, int[] budget) {
        budget[0]--;
        double[] pi = n.policy();
        int c = argmax(pi);
        double[] belief = n.belief();
        Map<String, Section.Node> o = new LinkedHashMap<>();
        o.put("t", new Section.Whole(n.time()));
        o.put("probability", new Section.Num(pi[c]));
        Object part = p.describeChoice(n.time(), belief, c).get(agent);
        o.put("policy", part instanceof Map ? describeValue(part) : new Section.Text(String.valueOf(part)));
        List<PublicBelief.Edge> kids = new ArrayList<>();
        for (PublicBelief.Edge e : n.edges()) {
            if (e.choice() == c && e.node().time() < p.horizon()) {
                kids.add(e);
            }
        }
        if (!kids.isEmpty()) {
            List<Section.Node> next = new ArrayList<>();
            if (budget[0] < kids.size()) {
                o.put("truncated", new Section.Flag(true));
            } else {
                budget[0] -= kids.size();
                for (PublicBelief.Edge e : kids) {
                    budget[0]++; // reserved above, spent by the child itself
                    Map<String, Section.Node> x = new LinkedHashMap<>();
                    x.putAll(describe(p.describeOutcome(e.outcome())).fields());
                    x.put("probability", new Section.Num(e.probability()));
                    x.put("node", agentTree(p, e.node(), agent, budget));
                    next.add(new Section.Obj(x));
                }
                o.put("next", new Section.Arr(next));
            }
        }
        return new Section.Obj(o);
    }

    /** A readable description (nested maps of strings and numbers) as a section object. */
    @SuppressWarnings("unchecked")
    private static Section.Obj describe(Map<String, Object> m) {
        Map<String, Section.Node> o = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            o.put(e.getKey(), describeValue(e.getValue()));
        }
        return new Section.Obj(o);
    }

    @SuppressWarnings("unchecked")
    private static Section.Node describeValue(Object v) {
        if (v instanceof Map) {
            return describe((Map<String, Object>) v);
        }
        if (v instanceof Integer || v instanceof Long) {
            return new Section.Whole(((Number) v).longValue());
        }
        if (v instanceof Double d && Double.isFinite(d)) {
            return new Section.Num(d);
        }
        if (v instanceof Boolean f) {
            return new Section.Flag(f);
        }
        return new Section.Text(ResultWriter.node(v).asText());
    }
}
