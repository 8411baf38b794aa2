package org.memarl.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.memarl.model.Mdp;
import org.memarl.model.TransitionMatrix;

/**
 * Writes models in the {@code memarl/1} format, so that {@link ModelReader} reads back the same
 * model: dense transitions as {@code T[s][a][s']}, sparse ones as {@code {"sparse": [[s, a, s', p]]}}.
 * Used for counterexamples of the theorem ledger.
 */
public final class ModelWriter {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ModelWriter() {
    }

    public static ObjectNode toJson(Mdp mdp) {
        ObjectNode o = F.objectNode();
        o.put("format", ModelReader.FORMAT);
        o.put("kind", "mdp");
        if (!mdp.name().isEmpty()) {
            o.put("name", mdp.name());
        }
        o.put("gamma", mdp.gamma());
        if (mdp.horizon() > 0) {
            o.put("horizon", mdp.horizon());
        }
        int n = mdp.numStates();
        int m = mdp.numActions();
        o.set("states", names(mdp.stateNames()));
        o.set("actions", names(mdp.actionNames()));
        if (o.get("states").isNull()) {
            o.put("states", n);
        }
        if (o.get("actions").isNull()) {
            o.put("actions", m);
        }
        TransitionMatrix t = mdp.transitions();
        if (t.isSparse()) {
            ArrayNode list = F.arrayNode();
            for (int s = 0; s < n; s++) {
                for (int a = 0; a < m; a++) {
                    int row = mdp.row(s, a);
                    for (int k = t.rowStart(row); k < t.rowEnd(row); k++) {
                        ArrayNode e = F.arrayNode();
                        e.add(s).add(a).add(t.entryColumn(k)).add(t.entryProbability(k));
                        list.add(e);
                    }
                }
            }
            ObjectNode sp = F.objectNode();
            sp.set("sparse", list);
            o.set("transitions", sp);
        } else {
            ArrayNode ts = F.arrayNode();
            double[] row = new double[n];
            for (int s = 0; s < n; s++) {
                ArrayNode ta = F.arrayNode();
                for (int a = 0; a < m; a++) {
                    t.copyRow(mdp.row(s, a), row);
                    ta.add(array(row));
                }
                ts.add(ta);
            }
            o.set("transitions", ts);
        }
        o.set("rewards", matrix(mdp.rewards2d()));
        if (mdp.hasPrior()) {
            o.set("prior", matrix(mdp.prior2d()));
        }
        double[] init = mdp.initial();
        boolean uniform = true;
        for (double x : init) {
            uniform &= x == 1.0 / n;
        }
        if (!uniform) {
            o.set("initial", array(init));
        }
        if (mdp.hasOptions()) {
            o.set("options", options(mdp.options()));
        }
        return o;
    }

    /** The {@code "options"} object of {@code docs/model-format.md}, with every prior written out. */
    static ObjectNode options(org.memarl.model.OptionSpec spec) {
        ObjectNode o = F.objectNode();
        o.put("count", spec.count());
        if (spec.named()) {
            ArrayNode nm = F.arrayNode();
            spec.names().forEach(nm::add);
            o.set("names", nm);
        }
        ArrayNode ap = F.arrayNode();
        for (double[][] perOption : spec.actionPrior3d()) {
            ap.add(matrix(perOption));
        }
        o.set("actionPrior", ap);
        o.set("terminationPrior", matrix(spec.termination2d()));
        o.set("masterPrior", matrix(spec.master2d()));
        return o;
    }

    private static com.fasterxml.jackson.databind.JsonNode names(java.util.List<String> names) {
        boolean indices = true;
        for (int i = 0; i < names.size(); i++) {
            indices &= names.get(i).equals(Integer.toString(i));
        }
        if (indices) {
            return F.nullNode();
        }
        ArrayNode a = F.arrayNode();
        names.forEach(a::add);
        return a;
    }

    static ArrayNode array(double[] x) {
        ArrayNode a = F.arrayNode();
        for (double v : x) {
            a.add(v);
        }
        return a;
    }

    static ArrayNode matrix(double[][] x) {
        ArrayNode a = F.arrayNode();
        for (double[] r : x) {
            a.add(array(r));
        }
        return a;
    }
}
