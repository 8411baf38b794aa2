package org.memarl.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.memarl.chains.ChoiceModel;
import org.memarl.kernel.Chain;
import org.memarl.solve.ChainProblem;
import org.memarl.solve.ChainSolution;
import org.memarl.solve.IterationOptions;
import org.memarl.solve.Section;
import org.memarl.solve.Solution;

/**
 * The result of a declared chain ({@code solve MODEL --chain FILE}) as a {@link Solution}, written by
 * {@link ResultWriter} like every other result (layout in {@code docs/model-format.md}, "Result of
 * {@code solve --chain}"): algorithm {@code "chain"}; {@code parameters} gamma, then the horizon, or the
 * tolerance, maxIterations and sweep, then the groups {@code betas} (each level's beta after binding, keyed by
 * choice in level order) and {@code params} (the {@code --param} values); the chain's converged flag,
 * iterations, residual and error bound; {@code values} {@code V[s]} (one per state, the start value), with
 * options {@code U} per context as {@code soft-options} ({@code U[s][z']}) and {@code ma-soft-options}
 * ({@code U[s][z'_agent][z'_opponent]}) index theirs, {@code Q[c][x_1]..[x_K]} (the leaf over contexts, then
 * the levels in declared order), with a horizon {@code Vt[t][s]} and with options {@code Ut[t][s]..};
 * {@code policies.<choice>[c][x_1]..[x_k]} (level k's conditional policy) and with a horizon the group
 * {@code policies.byStep.<choice>[t][c]..}; the sections {@code chain} (the chain file as read, without
 * object fields that are JSON null, which the reader takes as absent) and {@code names} (states, contexts when they differ, each level's choice values).
 *
 * <p>The start value is {@code V(s) = sum_{c in block s} w(c) V(c)} with the model's
 * {@link ChoiceModel#startWeights()}: the context value itself for plain models, the initial options drawn
 * from the master priors with options.
 */
public final class ChainResults {
    /** The algorithm name of a chain result. */
    public static final String ALGORITHM = "chain";

    private ChainResults() {
    }

    /**
     * What a chain result records besides the solution: the model, its state names, the echoed chain file
     * and the run's settings.
     *
     * @param model the model the chain was bound to
     * @param stateNames the model's state names
     * @param chainFile the chain file's JSON as read (a JSON object)
     * @param params the {@code --param} values, in the order given
     * @param iteration the fixed-point settings (unused with a horizon)
     */
    public record Run(ChoiceModel model, List<String> stateNames, JsonNode chainFile, Map<String, Double> params,
                      IterationOptions iteration) {
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

    /**
     * The chain result as a {@link Solution}.
     *
     * @throws org.memarl.InvalidModelException if the echoed chain file holds a JSON null or a number that is
     *     not finite
     * @throws org.memarl.MemarlException naming the table and index of a value that is not finite
     */
    public static Solution toSolution(ChainSolution sol, Run run) {
        ChainProblem p = sol.problem();
        Chain chain = sol.chain();
        ChoiceModel model = run.model();
        int[] shape = contextShape(model);
        Solution.Builder b = Solution.builder(ALGORITHM);
        b.parameter("gamma", p.gamma());
        if (p.horizon() > 0) {
            b.parameter("horizon", p.horizon());
        } else {
            b.parameter("tolerance", run.iteration().tolerance());
            b.parameter("maxIterations", run.iteration().maxIterations());
            b.parameter("sweep", run.iteration().sweep().label());
        }
        Map<String, Double> betas = new LinkedHashMap<>();
        for (Chain.Level l : chain.levels()) {
            betas.put(l.name(), l.beta());
        }
        b.parameterGroup("betas", betas);
        b.parameterGroup("params", run.params());
        b.converged(sol.converged()).iterations(sol.iterations()).residual(sol.residual()).errorBound(sol.errorBound());

        double[] v = sol.values();
        b.value("V", startValues(model, v));
        if (shape.length > 0) {
            b.value("U", byState(v, model.states(), shape));
        }
        b.value("Q", sol.nestedQ());
        double[][] vt = sol.valuesByStep();
        if (vt != null) {
            double[][] starts = new double[vt.length][];
            for (int t = 0; t < vt.length; t++) {
                starts[t] = startValues(model, vt[t]);
            }
            b.value("Vt", starts);
            if (shape.length > 0) {
                Object[] byStep = new Object[vt.length];
                for (int t = 0; t < vt.length; t++) {
                    byStep[t] = byState(vt[t], model.states(), shape);
                }
                b.value("Ut", typed(byStep));
            }
        }
        for (int k = 0; k < chain.depth(); k++) {
            b.policy(chain.levels().get(k).name(), sol.nestedPolicy(k));
        }
        if (vt != null) {
            for (int k = 0; k < chain.depth(); k++) {
                b.policy("byStep", chain.levels().get(k).name(), typed((Object[]) sol.nestedPolicyByStep(k)));
            }
        }

        b.section(ResultWriter.section("chain", withoutNullFields(run.chainFile())));
        Map<String, Section.Node> names = new LinkedHashMap<>();
        names.put("states", texts(run.stateNames()));
        if (shape.length > 0) {
            names.put("contexts", texts(p.contextNames()));
        }
        Map<String, Section.Node> choices = new LinkedHashMap<>();
        for (int k = 0; k < chain.depth(); k++) {
            choices.put(chain.levels().get(k).name(), texts(p.choiceNames(k)));
        }
        names.put("choices", new Section.Obj(choices));
        b.section(new Section("names", new Section.Obj(names)));
        return b.build();
    }

    /**
     * A copy of the tree without the object fields whose value is JSON null (the chain reader takes them as
     * absent, e.g. {@code "given": null}; a result section holds no nulls).
     */
    static JsonNode withoutNullFields(JsonNode n) {
        if (n.isObject()) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            n.fields().forEachRemaining(e -> {
                if (!e.getValue().isNull()) {
                    o.set(e.getKey(), withoutNullFields(e.getValue()));
                }
            });
            return o;
        }
        if (n.isArray()) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            n.forEach(x -> a.add(withoutNullFields(x)));
            return a;
        }
        return n;
    }

    private static Section.Arr texts(List<String> names) {
        List<Section.Node> out = new ArrayList<>(names.size());
        for (String n : names) {
            out.add(new Section.Text(n));
        }
        return new Section.Arr(out);
    }

    /**
     * Equal-typed nested {@code double} arrays gathered in an array of their own type ({@code double[][]..}),
     * as {@link org.memarl.solve.Table#of} takes them.
     */
    private static Object typed(Object[] items) {
        Object out = Array.newInstance(items[0].getClass(), items.length);
        for (int i = 0; i < items.length; i++) {
            Array.set(out, i, items[i]);
        }
        return out;
    }

    /** Context values {@code v[c]} as {@code [s][z'_1]..[z'_n]} (contexts row-major: state, then each option). */
    private static Object byState(double[] v, int states, int[] shape) {
        int[] dims = new int[shape.length + 1];
        dims[0] = states;
        System.arraycopy(shape, 0, dims, 1, shape.length);
        return org.memarl.solve.Table.nest(v, dims);
    }
}
