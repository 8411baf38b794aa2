package org.memarl.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.memarl.model.DecPomdp;
import org.memarl.model.Pomdp;

/**
 * Writes {@code pomdp} and {@code dec-pomdp} models in the dense {@code memarl/1} format, so that
 * {@link PomdpReader} and {@link DecPomdpReader} read back the same model. Used for counterexamples of
 * the theorem ledger and by tests.
 */
public final class BeliefModelWriter {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private BeliefModelWriter() {
    }

    public static ObjectNode toJson(Pomdp p) {
        ObjectNode o = header("pomdp", p.name(), p.gamma(), p.horizon());
        int n = p.numStates();
        int m = p.numActions();
        int k = p.numObservations();
        o.set("states", names(p.states()));
        o.set("initial", vec(p.initial()));
        o.set("actions", names(p.actions()));
        o.set("observations", names(p.observations()));
        ArrayNode t = o.putArray("transitions");
        ArrayNode u = o.putArray("observe");
        ArrayNode r = o.putArray("rewards");
        for (int s = 0; s < n; s++) {
            ArrayNode ts = t.addArray();
            ArrayNode us = u.addArray();
            ArrayNode rs = r.addArray();
            for (int a = 0; a < m; a++) {
                ArrayNode row = ts.addArray();
                for (int s2 = 0; s2 < n; s2++) {
                    row.add(p.transition(s, a, s2));
                }
                ArrayNode ou = us.addArray();
                for (int z = 0; z < k; z++) {
                    ou.add(p.observation(s, a, z));
                }
                rs.add(p.reward(s, a));
            }
        }
        o.set("prior", vec(p.priorVector()));
        return o;
    }

    public static ObjectNode toJson(DecPomdp d) {
        ObjectNode o = header("dec-pomdp", d.name(), d.gamma(), d.horizon());
        int n = d.numStates();
        o.set("states", names(d.states()));
        o.set("initial", vec(d.initial()));
        ArrayNode agents = o.putArray("agents");
        for (DecPomdp.Agent a : d.agents()) {
            ObjectNode ao = agents.addObject();
            ao.put("name", a.name());
            ao.set("actions", names(a.actions()));
            ao.set("observations", names(a.observations()));
            ao.set("observe", table(n, a.numObservations(), a::observation));
            ArrayNode pr = ao.putArray("prior");
            for (int t = 0; t < a.priorSteps(); t++) {
                ArrayNode step = a.priorSteps() > 1 ? pr.addArray() : pr;
                for (int z = 0; z < a.numObservations(); z++) {
                    ArrayNode row = step.addArray();
                    for (int x = 0; x < a.numActions(); x++) {
                        row.add(a.prior(t, z, x));
                    }
                }
            }
        }
        if (d.hasPublicObservations()) {
            ObjectNode pub = o.putObject("public");
            pub.set("observations", names(d.publicObservations()));
            pub.set("observe", table(n, d.numPublicObservations(), d::publicObservation));
        }
        int m0 = d.agent(0).numActions();
        int m1 = d.agent(1).numActions();
        ArrayNode t = o.putArray("transitions");
        ArrayNode r = o.putArray("rewards");
        for (int s = 0; s < n; s++) {
            ArrayNode ts = t.addArray();
            ArrayNode rs = r.addArray();
            for (int a0 = 0; a0 < m0; a0++) {
                ArrayNode ta = ts.addArray();
                ArrayNode ra = rs.addArray();
                for (int a1 = 0; a1 < m1; a1++) {
                    ArrayNode row = ta.addArray();
                    for (int s2 = 0; s2 < n; s2++) {
                        row.add(d.transition(s, d.joint(a0, a1), s2));
                    }
                    ra.add(d.reward(s, d.joint(a0, a1)));
                }
            }
        }
        return o;
    }

    private static ObjectNode header(String kind, String name, double gamma, int horizon) {
        ObjectNode o = F.objectNode();
        o.put("format", ModelReader.FORMAT);
        o.put("kind", kind);
        if (!name.isEmpty()) {
            o.put("name", name);
        }
        o.put("gamma", gamma);
        if (horizon > 0) {
            o.put("horizon", horizon);
        }
        return o;
    }

    /** An observation table {@code O[s][z]}: {@code n} rows of {@code k} entries. */
    private static ArrayNode table(int n, int k, Entry x) {
        ArrayNode out = F.arrayNode();
        for (int s = 0; s < n; s++) {
            ArrayNode row = out.addArray();
            for (int z = 0; z < k; z++) {
                row.add(x.at(s, z));
            }
        }
        return out;
    }

    /** An entry {@code X[s][z]} of a table. */
    private interface Entry {
        double at(int s, int z);
    }

    private static ArrayNode names(List<String> xs) {
        ArrayNode a = F.arrayNode();
        xs.forEach(a::add);
        return a;
    }

    private static ArrayNode vec(double[] x) {
        ArrayNode a = F.arrayNode();
        for (double v : x) {
            a.add(v);
        }
        return a;
    }
}
