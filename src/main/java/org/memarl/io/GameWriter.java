package org.memarl.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.memarl.model.Game;
import org.memarl.model.TransitionMatrix;

/**
 * Writes games in the {@code memarl/1} format so that {@link GameReader} reads back the identical
 * {@link Game}, every number bit for bit: {@code kind: "game"} with dense {@code T[s][a][b][s']} or
 * sparse {@code {"sparse": [[s, a, b, s', p], ...]}} transitions (as held by the {@link TransitionMatrix});
 * rewards as one {@code R[s][a][b]} with {@code "sum": "zero" | "common"}, or {@code {"agent", "opponent"}}
 * for general sum; only the priors that were given ({@link Game#priorsGiven()}), a joint prior as {@code "joint"}; state and action lists as
 * names unless they are the index names {@code "0", "1", ...} (then as counts), and sparse entries by name
 * when the list has names. A matrix game ({@link Game#isMatrixGame()} with one state, gamma 0, no horizon)
 * is written as {@code kind: "matrix-game"} (which has no state name and stores its trivial self-loop
 * densely: those two are the only things not kept); a matrix game whose gamma or horizon was changed
 * afterwards is written as the equivalent one-state {@code kind: "game"} (read back as a game).
 */
public final class GameWriter {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private GameWriter() {
    }

    /** Whether {@code g} is written as {@code kind: "matrix-game"}. */
    public static boolean writesAsMatrixGame(Game g) {
        return g.isMatrixGame() && g.numStates() == 1 && g.gamma() == 0.0 && g.horizon() == 0 && !g.hasOptions();
    }

    public static ObjectNode toJson(Game g) {
        return writesAsMatrixGame(g) ? matrixGame(g) : game(g);
    }

    private static ObjectNode header(Game g, String kind) {
        ObjectNode o = F.objectNode();
        o.put("format", ModelReader.FORMAT);
        o.put("kind", kind);
        if (!g.name().isEmpty()) {
            o.put("name", g.name());
        }
        return o;
    }

    private static ObjectNode actions(Game g) {
        ObjectNode a = F.objectNode();
        a.set("agent", names(g.agentActionNames()));
        a.set("opponent", names(g.opponentActionNames()));
        return a;
    }

    private static ObjectNode game(Game g) {
        ObjectNode o = header(g, "game");
        o.put("gamma", g.gamma());
        if (g.horizon() > 0) {
            o.put("horizon", g.horizon());
        }
        int n = g.numStates();
        int na = g.numAgentActions();
        int nb = g.numOpponentActions();
        o.set("states", names(g.stateNames()));
        o.set("actions", actions(g));
        double[] init = g.initial();
        boolean uniform = true;
        for (double x : init) {
            uniform &= x == 1.0 / n;
        }
        if (!uniform) {
            o.set("initial", ModelWriter.array(init));
        }
        TransitionMatrix t = g.transitions();
        if (t.isSparse()) {
            boolean sNamed = !isIndexNames(g.stateNames());
            boolean aNamed = !isIndexNames(g.agentActionNames());
            boolean bNamed = !isIndexNames(g.opponentActionNames());
            ArrayNode list = F.arrayNode();
            for (int s = 0; s < n; s++) {
                for (int a = 0; a < na; a++) {
                    for (int b = 0; b < nb; b++) {
                        int row = g.row(s, a, b);
                        for (int k = t.rowStart(row); k < t.rowEnd(row); k++) {
                            ArrayNode e = F.arrayNode();
                            ref(e, g.stateNames(), s, sNamed);
                            ref(e, g.agentActionNames(), a, aNamed);
                            ref(e, g.opponentActionNames(), b, bNamed);
                            ref(e, g.stateNames(), t.entryColumn(k), sNamed);
                            e.add(t.entryProbability(k));
                            list.add(e);
                        }
                    }
                }
            }
            ObjectNode sp = F.objectNode();
            sp.set("sparse", list);
            o.set("transitions", sp);
        } else {
            double[] row = new double[n];
            ArrayNode ts = F.arrayNode();
            for (int s = 0; s < n; s++) {
                ArrayNode ta = F.arrayNode();
                for (int a = 0; a < na; a++) {
                    ArrayNode tb = F.arrayNode();
                    for (int b = 0; b < nb; b++) {
                        t.copyRow(g.row(s, a, b), row);
                        tb.add(ModelWriter.array(row));
                    }
                    ta.add(tb);
                }
                ts.add(ta);
            }
            o.set("transitions", ts);
        }
        if (g.sum() == Game.Sum.GENERAL) {
            ObjectNode r = F.objectNode();
            r.set("agent", tensor(g.rewardsAgentFlat(), n, na, nb));
            r.set("opponent", tensor(g.rewardsOpponentFlat(), n, na, nb));
            o.set("rewards", r);
        } else {
            o.set("rewards", tensor(g.rewardsAgentFlat(), n, na, nb));
            o.put("sum", g.sum().label());
        }
        boolean[] given = g.priorsGiven();
        if (g.jointGiven()) {
            o.set("prior", F.objectNode().set("joint", tensor(g.jointPriorFlat(), n, na, nb)));
        } else if (given[0] || given[1] || given[2] || given[3]) {
            ObjectNode p = F.objectNode();
            if (given[0]) {
                p.set("agent", matrix(g.priorAgentFlat(), 0, n, na));
            }
            if (given[1]) {
                p.set("opponent", matrix(g.priorOpponentFlat(), 0, n, nb));
            }
            if (given[2]) {
                p.set("opponentGivenAgent", tensor(g.opponentGivenAgentFlat(), n, na, nb));
            }
            if (given[3]) {
                p.set("agentGivenOpponent", tensor(g.agentGivenOpponentFlat(), n, nb, na));
            }
            o.set("prior", p);
        }
        if (g.hasOptions()) {
            ObjectNode opts = o.objectNode();
            opts.set("agent", ModelWriter.options(g.agentOptions()));
            opts.set("opponent", ModelWriter.options(g.opponentOptions()));
            o.set("options", opts);
        }
        return o;
    }

    private static ObjectNode matrixGame(Game g) {
        ObjectNode o = header(g, "matrix-game");
        int na = g.numAgentActions();
        int nb = g.numOpponentActions();
        o.set("actions", actions(g));
        o.set("payoff", matrix(g.rewardsAgentFlat(), 0, na, nb));
        if (g.sum() == Game.Sum.GENERAL) {
            o.set("payoffOpponent", matrix(g.rewardsOpponentFlat(), 0, na, nb));
        } else {
            o.put("sum", g.sum().label());
        }
        boolean[] given = g.priorsGiven();
        if (g.jointGiven()) {
            o.set("prior", F.objectNode().set("joint", matrix(g.jointPriorFlat(), 0, na, nb)));
        } else if (given[0] || given[1] || given[2] || given[3]) {
            ObjectNode p = F.objectNode();
            if (given[0]) {
                p.set("agent", ModelWriter.array(g.priorAgentFlat()));
            }
            if (given[1]) {
                p.set("opponent", ModelWriter.array(g.priorOpponentFlat()));
            }
            if (given[2]) {
                p.set("opponentGivenAgent", matrix(g.opponentGivenAgentFlat(), 0, na, nb));
            }
            if (given[3]) {
                p.set("agentGivenOpponent", matrix(g.agentGivenOpponentFlat(), 0, nb, na));
            }
            o.set("prior", p);
        }
        return o;
    }

    private static boolean isIndexNames(List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            if (!names.get(i).equals(Integer.toString(i))) {
                return false;
            }
        }
        return true;
    }

    /** A count for index names, else the list of names. */
    private static JsonNode names(List<String> names) {
        if (isIndexNames(names)) {
            return F.numberNode(names.size());
        }
        ArrayNode a = F.arrayNode();
        names.forEach(a::add);
        return a;
    }

    private static void ref(ArrayNode e, List<String> names, int i, boolean named) {
        if (named) {
            e.add(names.get(i));
        } else {
            e.add(i);
        }
    }

    /** Rows {@code [offset + r * cols, ...)} of a flat array as {@code X[r][c]}. */
    private static ArrayNode matrix(double[] flat, int offset, int rows, int cols) {
        ArrayNode out = F.arrayNode();
        for (int r = 0; r < rows; r++) {
            ArrayNode row = F.arrayNode();
            for (int c = 0; c < cols; c++) {
                row.add(flat[offset + r * cols + c]);
            }
            out.add(row);
        }
        return out;
    }

    /** A flat {@code [d0][d1][d2]} array as nested arrays. */
    private static ArrayNode tensor(double[] flat, int d0, int d1, int d2) {
        ArrayNode out = F.arrayNode();
        for (int i = 0; i < d0; i++) {
            out.add(matrix(flat, i * d1 * d2, d1, d2));
        }
        return out;
    }
}
