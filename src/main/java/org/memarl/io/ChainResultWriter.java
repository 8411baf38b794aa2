package org.memarl.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.memarl.chains.ChoiceModel;
import org.memarl.kernel.Chain;
import org.memarl.solve.ChainProblem;
import org.memarl.solve.ChainSolution;
import org.memarl.solve.IterationOptions;

/**
 * Writes the {@code memarl-result/1} file of a declared chain ({@code solve MODEL --chain FILE}; layout in
 * {@code docs/model-format.md}, "Declared chains"): {@code "algorithm": "chain"}, the chain file echoed under
 * {@code "chain"}, {@code parameters} (gamma; horizon, or tolerance, maxIterations and sweep; {@code betas}
 * per level after binding, keyed by choice in level order; {@code params}, the {@code --param} values),
 * {@code converged}, {@code iterations}, {@code residual}, {@code errorBound}, {@code values} ({@code V[s]}
 * one per state, the start value; {@code Q[c][x_1]..[x_K]}, the leaf over contexts then the levels in
 * declared order; with options {@code U} per context as {@code soft-options} ({@code U[s][z']}) and
 * {@code ma-soft-options} ({@code U[s][z'_agent][z'_opponent]}) index theirs; with a horizon {@code Vt[t][s]}
 * and with options {@code Ut[t][s]..}), {@code policies.<choice>[c][x_1]..[x_k]} (level k's conditional
 * policy; with a horizon also {@code policies.byStep.<choice>[t][c]..}), {@code names} (states, contexts
 * when they differ, each level's choice values) and {@code provenance}.
 *
 * <p>The start value is {@code V(s) = sum_{c in block s} w(c) V(c)} with the model's
 * {@link ChoiceModel#startWeights()}: the context value itself for plain models, the initial options drawn
 * from the master priors with options. Tables are streamed (no JSON tree of the tables is built); write
 * through {@link ResultWriter#writeAtomically(java.nio.file.Path, ResultWriter.Content)} for a file that is
 * never half-written.
 */
public final class ChainResultWriter {
    private ChainResultWriter() {
    }

    /** What a chain result records besides the solution: the model, the echoed chain file and the run's settings. */
    public record Run(ChoiceModel model, List<String> stateNames, JsonNode chainFile, Map<String, Double> params,
                      IterationOptions iteration, String modelName, String modelSha256) {
    }

    /**
     * The start value per state at one step: {@code V(s) = sum_{c in block s} w(c) v(c)} ({@code w} the model's
     * start weights).
     */
    public static double[] startValues(ChoiceModel model, double[] v) {
        int perBlock = model.contextsPerBlock();
        double[] w = model.startWeights();
        double[] out = new double[model.states()];
        for (int c = 0; c < v.length; c++) {
            out[c / perBlock] += w[c] * v[c];
        }
        return out;
    }

    /**
     * The option counts that shape a context after its state: {@code {}} for plain models, {@code {m}} for an
     * option MDP, {@code {m_agent, m_opponent}} for an option game.
     */
    static int[] contextShape(ChoiceModel model) {
        int single = model.choiceIndex("option");
        if (single >= 0) {
            return new int[] {model.choices().get(single).size()};
        }
        int a = model.choiceIndex("agent.option");
        if (a >= 0) {
            return new int[] {model.choices().get(a).size(), model.choices().get(model.choiceIndex("opponent.option")).size()};
        }
        return new int[0];
    }

    /** Streams the result document followed by a newline. */
    public static void write(ChainSolution sol, Run run, Writer w) throws IOException {
        ChainProblem p = sol.problem();
        Chain chain = sol.chain();
        ChoiceModel model = run.model();
        int[] shape = contextShape(model);
        JsonGenerator g = Json.mapper().writer().createGenerator(w);
        g.writeStartObject();
        g.writeStringField("format", ResultWriter.FORMAT);
        g.writeStringField("algorithm", "chain");
        g.writeObjectFieldStart("model");
        g.writeStringField("name", run.modelName() == null ? "" : run.modelName());
        g.writeStringField("sha256", run.modelSha256());
        g.writeEndObject();
        g.writeFieldName("chain");
        g.writeTree(run.chainFile());
        g.writeObjectFieldStart("parameters");
        g.writeFieldName("gamma");
        g.writeTree(ResultWriter.node(p.gamma()));
        if (p.horizon() > 0) {
            g.writeNumberField("horizon", p.horizon());
        } else {
            g.writeFieldName("tolerance");
            g.writeTree(ResultWriter.node(run.iteration().tolerance()));
            g.writeNumberField("maxIterations", run.iteration().maxIterations());
            g.writeStringField("sweep", run.iteration().sweep().label());
        }
        g.writeObjectFieldStart("betas");
        for (Chain.Level l : chain.levels()) {
            g.writeFieldName(l.name());
            g.writeTree(ResultWriter.node(l.beta()));
        }
        g.writeEndObject();
        g.writeObjectFieldStart("params");
        for (Map.Entry<String, Double> e : run.params().entrySet()) {
            g.writeFieldName(e.getKey());
            g.writeTree(ResultWriter.node(e.getValue()));
        }
        g.writeEndObject();
        g.writeEndObject();
        g.writeBooleanField("converged", sol.converged());
        g.writeNumberField("iterations", sol.iterations());
        g.writeFieldName("residual");
        g.writeTree(ResultWriter.node(sol.residual()));
        g.writeFieldName("errorBound");
        g.writeTree(ResultWriter.node(sol.errorBound()));

        g.writeObjectFieldStart("values");
        double[] v = sol.values();
        g.writeFieldName("V");
        stream(g, startValues(model, v));
        if (shape.length > 0) {
            g.writeFieldName("U");
            stream(g, byState(v, model.states(), shape));
        }
        g.writeFieldName("Q");
        stream(g, sol.nestedQ());
        double[][] vt = sol.valuesByStep();
        if (vt != null) {
            g.writeFieldName("Vt");
            g.writeStartArray();
            for (double[] step : vt) {
                stream(g, startValues(model, step));
            }
            g.writeEndArray();
            if (shape.length > 0) {
                g.writeFieldName("Ut");
                g.writeStartArray();
                for (double[] step : vt) {
                    stream(g, byState(step, model.states(), shape));
                }
                g.writeEndArray();
            }
        }
        g.writeEndObject();

        g.writeObjectFieldStart("policies");
        for (int k = 0; k < chain.depth(); k++) {
            g.writeFieldName(chain.levels().get(k).name());
            stream(g, sol.nestedPolicy(k));
        }
        if (vt != null) {
            g.writeObjectFieldStart("byStep");
            for (int k = 0; k < chain.depth(); k++) {
                g.writeFieldName(chain.levels().get(k).name());
                stream(g, sol.nestedPolicyByStep(k));
            }
            g.writeEndObject();
        }
        g.writeEndObject();

        g.writeObjectFieldStart("names");
        g.writeFieldName("states");
        stream(g, run.stateNames().toArray());
        if (shape.length > 0) {
            g.writeFieldName("contexts");
            stream(g, p.contextNames().toArray());
        }
        g.writeObjectFieldStart("choices");
        for (int k = 0; k < chain.depth(); k++) {
            g.writeFieldName(chain.levels().get(k).name());
            stream(g, p.choiceNames(k).toArray());
        }
        g.writeEndObject();
        g.writeEndObject();

        g.writeFieldName("provenance");
        g.writeTree(ResultWriter.provenance());
        g.writeEndObject();
        g.flush();
        w.write("\n");
        w.flush();
    }

    /** Context values {@code v[c]} as {@code [s][z'_1]..[z'_n]} (contexts row-major: state, then each option). */
    private static Object byState(double[] v, int states, int[] shape) {
        List<Object> out = new ArrayList<>(states);
        int per = 1;
        for (int m : shape) {
            per *= m;
        }
        for (int s = 0; s < states; s++) {
            out.add(nest(v, s * per, shape, 0));
        }
        return out.toArray();
    }

    private static Object nest(double[] v, int off, int[] shape, int d) {
        if (d == shape.length - 1) {
            double[] row = new double[shape[d]];
            System.arraycopy(v, off, row, 0, row.length);
            return row;
        }
        int inner = 1;
        for (int i = d + 1; i < shape.length; i++) {
            inner *= shape[i];
        }
        Object[] out = new Object[shape[d]];
        for (int i = 0; i < shape[d]; i++) {
            out[i] = nest(v, off + i * inner, shape, d + 1);
        }
        return out;
    }

    /** Streams numbers (infinities as "inf" / "-inf", as {@link ResultWriter#node} writes them), strings and nested arrays. */
    private static void stream(JsonGenerator g, Object v) throws IOException {
        if (v instanceof double[] a) {
            g.writeStartArray();
            for (double d : a) {
                if (Double.isFinite(d)) {
                    g.writeNumber(d);
                } else {
                    g.writeTree(ResultWriter.node(d));
                }
            }
            g.writeEndArray();
        } else if (v instanceof Object[] a) {
            g.writeStartArray();
            for (Object x : a) {
                stream(g, x);
            }
            g.writeEndArray();
        } else {
            g.writeTree(ResultWriter.node(v));
        }
    }
}
