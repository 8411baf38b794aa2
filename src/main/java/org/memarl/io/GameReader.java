package org.memarl.io;

import static org.memarl.io.ModelReader.array;
import static org.memarl.io.ModelReader.checkKeys;
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
import org.ejml.data.DMatrixRMaj;
import org.memarl.InvalidModelException;
import org.memarl.model.Fmt;
import org.memarl.model.Game;
import org.memarl.model.TransitionMatrix;

/**
 * Reads two-player games in the {@code memarl/1} format of {@code model-format.md}: {@code kind: "game"}
 * (a stochastic game) and {@code kind: "matrix-game"} (a one-shot game: one state, gamma 0). As strict
 * as {@link ModelReader}: unknown keys, wrong shapes, non-numbers, probabilities outside [0, 1], rows that
 * do not sum to 1, missing, duplicate or out-of-range sparse entries and duplicate names are errors whose
 * one-line message names the key, the indices and the value, e.g.
 * {@code prior.opponentGivenAgent[0][2]: row sums to 0.9, expected 1 (tolerance 1e-9)}.
 *
 * <p>Game keys: {@code actions} {@code {"agent": m or names, "opponent": k or names}}; {@code transitions}
 * dense {@code T[s][a][b][s']} or {@code {"sparse": [[s, a, b, s', p], ...]}} (indices or names);
 * {@code rewards} {@code {"agent": R[s][a][b], "opponent": R[s][a][b]}} (general sum; {@code "sum":
 * "general"} may be stated) or one {@code R[s][a][b]} with {@code "sum": "zero"} or {@code "common"};
 * optional {@code prior} {@code {"agent": P[s][a], "opponent": P[s][b], "opponentGivenAgent": P[s][a][b],
 * "agentGivenOpponent": P[s][b][a]}} (any subset; the rest default as in {@link Game}; all four must be one joint
 * prior's marginals and conditionals), or {@code {"joint": P[s][a][b]}} alone; {@code gamma},
 * {@code horizon}, {@code states}, {@code initial}, {@code name} as for an MDP.
 *
 * <p>Matrix-game keys: {@code payoff} {@code R[a][b]} (the agent's), {@code payoffOpponent} or {@code "sum":
 * "zero" | "common"}, optional {@code actions} (as for a game; when absent the counts follow from the shape
 * of {@code payoff}), optional {@code prior} as for a game without the state index, {@code name}. The keys
 * of the stochastic game that a one-shot game does not use ({@code gamma}, {@code horizon}, {@code states},
 * {@code initial}, {@code transitions}, {@code rewards}) are errors that say so.
 */
public final class GameReader {
    static final Set<String> GAME_KEYS = Set.of("format", "kind", "name", "gamma", "horizon", "states",
            "initial", "actions", "transitions", "rewards", "sum", "prior", "options");
    static final Set<String> MATRIX_KEYS = Set.of("format", "kind", "name", "actions", "payoff",
            "payoffOpponent", "sum", "prior");
    private static final Set<String> PLAYER_KEYS = Set.of("agent", "opponent");
    private static final Set<String> PRIOR_KEYS = Set.of("agent", "opponent", "opponentGivenAgent", "agentGivenOpponent",
            "joint");
    /** Keys of a stochastic game that a matrix game does not use, with what to do instead. */
    private static final Map<String, String> NOT_IN_MATRIX_GAME = Map.of(
            "gamma", "a matrix-game is one-shot and has no discount; remove it, or use kind \"game\" for a repeated game",
            "horizon", "a matrix-game is one-shot; remove it, or use kind \"game\" for a repeated game",
            "states", "a matrix-game has one state; remove it, or use kind \"game\"",
            "initial", "a matrix-game has one state; remove it, or use kind \"game\"",
            "transitions", "a matrix-game has no transitions; remove it, or use kind \"game\"",
            "rewards", "a matrix-game gives the agent's R[a][b] as \"payoff\" (and \"payoffOpponent\" or \"sum\")");

    private GameReader() {
    }

    /** Reads a game file ({@code kind} {@code "game"} or {@code "matrix-game"}). */
    public static Game readGame(Path file) {
        return readGame(ModelReader.readBytes(file), file.getFileName().toString());
    }

    /** Parses a game from JSON bytes; {@code what} names the input in messages about malformed JSON. */
    public static Game readGame(byte[] bytes, String what) {
        return readGame(Json.parse(bytes, what));
    }

    /** Builds a game from a parsed JSON tree ({@code kind} {@code "game"} or {@code "matrix-game"}). */
    public static Game readGame(JsonNode root) {
        String kind = ModelReader.kind(root);
        switch (kind) {
            case "game":
                return stochastic(root);
            case "matrix-game":
                return matrix(root);
            default:
                throw new InvalidModelException("kind: \"" + kind + "\" is not a game (\"game\" or \"matrix-game\");"
                        + " ModelReader reads it (Models.read reads every kind)");
        }
    }

    private static Game stochastic(JsonNode root) {
        checkKeys(root, GAME_KEYS, "");
        Game.Builder b = Game.builder();
        b.name(ModelReader.name(root));
        List<String> states = names(required(root, "states"), "states");
        JsonNode actions = required(root, "actions");
        List<String> agent = playerNames(actions, "agent");
        List<String> opponent = playerNames(actions, "opponent");
        b.states(states).agentActions(agent).opponentActions(opponent);
        b.gamma(number(required(root, "gamma"), "gamma"));
        b.horizon(ModelReader.horizon(root));
        int n = states.size();
        int na = agent.size();
        int nb = opponent.size();
        JsonNode init = root.get("initial");
        if (init != null) {
            double[] p = vector(init, "initial", n, "one per state");
            distribution(p, "initial");
            b.initial(p);
        }
        Game.Sum sum = sum(root);
        JsonNode r = required(root, "rewards");
        String[] dims = {"state", "agent action", "opponent action"};
        if (r.isObject()) {
            checkKeys(r, PLAYER_KEYS, "rewards.");
            if (sum != null && sum != Game.Sum.GENERAL) {
                throw new InvalidModelException("sum: \"" + sum.label() + "\" contradicts separate rewards.agent and"
                        + " rewards.opponent; give one R[s][a][b] as \"rewards\" for \"sum\": \"" + sum.label()
                        + "\", or remove \"sum\"");
            }
            JsonNode ra = r.get("agent");
            if (ra == null || ra.isNull()) {
                throw new InvalidModelException("rewards.agent: missing");
            }
            JsonNode ro = r.get("opponent");
            if (ro == null || ro.isNull()) {
                throw new InvalidModelException("rewards.opponent: missing (general-sum rewards need both players'"
                        + " R[s][a][b]; for a zero-sum or common-payoff game give one R[s][a][b] with \"sum\")");
            }
            b.sum(Game.Sum.GENERAL).rewards(tensor(ra, "rewards.agent", n, na, nb, dims, false))
                    .rewardsOpponent(tensor(ro, "rewards.opponent", n, na, nb, dims, false));
        } else if (r.isArray()) {
            if (sum == null) {
                throw new InvalidModelException("sum: missing; rewards given as one R[s][a][b] need \"sum\": \"zero\""
                        + " (the opponent gets -R) or \"common\" (both get R), or give rewards as"
                        + " {\"agent\": R[s][a][b], \"opponent\": R[s][a][b]}");
            }
            if (sum == Game.Sum.GENERAL) {
                throw new InvalidModelException("sum: \"general\" needs rewards {\"agent\": R[s][a][b], \"opponent\":"
                        + " R[s][a][b]}, got one array");
            }
            b.sum(sum).rewards(tensor(r, "rewards", n, na, nb, dims, false));
        } else {
            throw new InvalidModelException("rewards: expected R[s][a][b] together with \"sum\", or {\"agent\": R[s][a][b],"
                    + " \"opponent\": R[s][a][b]}, got " + type(r));
        }
        // after the dense rewards, whose shape bounds the declared sizes before the transitions allocate rows
        b.transitions(transitions(required(root, "transitions"), n, na, nb, index(states), index(agent), index(opponent)));
        JsonNode prior = root.get("prior");
        if (prior != null) {
            checkPriorObject(prior);
            JsonNode j = prior.get("joint");
            if (j != null) {
                b.joint(tensor(j, "prior.joint", n, na, nb, dims, false));
            }
            JsonNode p = prior.get("agent");
            if (p != null) {
                b.priorAgent(matrix(p, "prior.agent", n, na, "state", "agent action", true));
            }
            p = prior.get("opponent");
            if (p != null) {
                b.priorOpponent(matrix(p, "prior.opponent", n, nb, "state", "opponent action", true));
            }
            p = prior.get("opponentGivenAgent");
            if (p != null) {
                b.opponentGivenAgent(tensor(p, "prior.opponentGivenAgent", n, na, nb, dims, true));
            }
            p = prior.get("agentGivenOpponent");
            if (p != null) {
                b.agentGivenOpponent(tensor(p, "prior.agentGivenOpponent", n, nb, na,
                        new String[] {"state", "opponent action", "agent action"}, true));
            }
        }
        Game game = b.build();
        JsonNode options = root.get("options");
        if (options != null) {
            if (!options.isObject()) {
                throw new InvalidModelException("options: expected {\"agent\": {...}, \"opponent\": {...}}, got " + type(options));
            }
            checkKeys(options, PLAYER_KEYS, "options.");
            JsonNode oa = options.get("agent");
            JsonNode oo = options.get("opponent");
            if (oa == null || oa.isNull()) {
                throw new InvalidModelException("options.agent: missing (a game needs options for both players)");
            }
            if (oo == null || oo.isNull()) {
                throw new InvalidModelException("options.opponent: missing (a game needs options for both players)");
            }
            game = game.toBuilder().options(OptionReader.read(oa, "options.agent", n, na, game.priorAgentFlat()),
                    OptionReader.read(oo, "options.opponent", n, nb, game.priorOpponentFlat())).build();
        }
        return game;
    }

    private static Game matrix(JsonNode root) {
        java.util.Iterator<String> it = root.fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            String hint = NOT_IN_MATRIX_GAME.get(k);
            if (hint != null) {
                throw new InvalidModelException(k + ": not used by kind \"matrix-game\" (" + hint + ")");
            }
        }
        checkKeys(root, MATRIX_KEYS, "");
        Game.Builder b = Game.builder();
        b.name(ModelReader.name(root));
        JsonNode payoff = required(root, "payoff");
        List<String> agent;
        List<String> opponent;
        JsonNode actions = root.get("actions");
        if (actions != null) {
            agent = playerNames(actions, "agent");
            opponent = playerNames(actions, "opponent");
        } else {
            // the counts follow from the shape of the payoff matrix
            if (!payoff.isArray() || payoff.size() == 0) {
                throw new InvalidModelException("payoff: expected R[a][b] (one row per agent action), got " + type(payoff));
            }
            JsonNode first = payoff.get(0);
            if (!first.isArray() || first.size() == 0) {
                throw new InvalidModelException("payoff[0]: expected a row of R[a][b] (one entry per opponent action), got "
                        + type(first));
            }
            agent = indexNames(payoff.size());
            opponent = indexNames(first.size());
        }
        int na = agent.size();
        int nb = opponent.size();
        double[][] r = matrix(payoff, "payoff", na, nb, "agent action", "opponent action", false);
        JsonNode sumNode = root.get("sum");
        Game.Sum sum = sum(root);
        JsonNode po = root.get("payoffOpponent");
        b.matrixGame(true).states(1).agentActions(agent).opponentActions(opponent)
                .gamma(0.0).transitions(selfLoop(na, nb)).rewards(new double[][][] {r});
        if (po != null) {
            if (sum != null && sum != Game.Sum.GENERAL) {
                throw new InvalidModelException("sum: \"" + sum.label() + "\" contradicts \"payoffOpponent\"; remove one of"
                        + " them (the opponent's payoff is -payoff for \"zero\", payoff for \"common\")");
            }
            b.sum(Game.Sum.GENERAL).rewardsOpponent(new double[][][] {
                matrix(po, "payoffOpponent", na, nb, "agent action", "opponent action", false)});
        } else {
            if (sum == null) {
                throw new InvalidModelException("sum: missing; a matrix-game needs \"payoffOpponent\": R[a][b] or \"sum\":"
                        + " \"zero\" (the opponent gets -payoff) or \"common\" (both get payoff)");
            }
            if (sum == Game.Sum.GENERAL) {
                throw new InvalidModelException("payoffOpponent: missing (\"sum\": " + ModelReader.value(sumNode)
                        + " needs the opponent's R[a][b])");
            }
            b.sum(sum);
        }
        JsonNode prior = root.get("prior");
        if (prior != null) {
            checkPriorObject(prior);
            JsonNode j = prior.get("joint");
            if (j != null) {
                b.joint(new double[][][] {
                    matrix(j, "prior.joint", na, nb, "agent action", "opponent action", false)});
            }
            JsonNode p = prior.get("agent");
            if (p != null) {
                double[] x = vector(p, "prior.agent", na, "one per agent action");
                distribution(x, "prior.agent");
                b.priorAgent(new double[][] {x});
            }
            p = prior.get("opponent");
            if (p != null) {
                double[] x = vector(p, "prior.opponent", nb, "one per opponent action");
                distribution(x, "prior.opponent");
                b.priorOpponent(new double[][] {x});
            }
            p = prior.get("opponentGivenAgent");
            if (p != null) {
                b.opponentGivenAgent(new double[][][] {
                    matrix(p, "prior.opponentGivenAgent", na, nb, "agent action", "opponent action", true)});
            }
            p = prior.get("agentGivenOpponent");
            if (p != null) {
                b.agentGivenOpponent(new double[][][] {
                    matrix(p, "prior.agentGivenOpponent", nb, na, "opponent action", "agent action", true)});
            }
        }
        return b.build();
    }

    private static List<String> indexNames(int n) {
        List<String> out = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(Integer.toString(i));
        }
        return out;
    }

    private static List<String> playerNames(JsonNode actions, String player) {
        if (!actions.isObject()) {
            throw new InvalidModelException("actions: expected {\"agent\": m or names, \"opponent\": k or names}, got "
                    + type(actions));
        }
        checkKeys(actions, PLAYER_KEYS, "actions.");
        JsonNode a = actions.get(player);
        if (a == null || a.isNull()) {
            throw new InvalidModelException("actions." + player + ": missing");
        }
        return names(a, "actions." + player);
    }

    private static Game.Sum sum(JsonNode root) {
        JsonNode s = root.get("sum");
        if (s == null) {
            return null;
        }
        Game.Sum sum = s.isTextual() ? Fmt.byLabel(Game.Sum.class, s.asText()) : null;
        if (sum != null) {
            return sum;
        }
        throw new InvalidModelException("sum: " + ModelReader.value(s) + " is not one of \"zero\", \"common\", \"general\"");
    }

    private static void checkPriorObject(JsonNode prior) {
        if (!prior.isObject()) {
            throw new InvalidModelException("prior: expected {\"agent\": ..., \"opponent\": ..., \"opponentGivenAgent\": ...,"
                    + " \"agentGivenOpponent\": ...} (any of them) or {\"joint\": ...}, got " + type(prior));
        }
        checkKeys(prior, PRIOR_KEYS, "prior.");
        if (prior.has("joint")) {
            for (String k : List.of("agent", "opponent", "opponentGivenAgent", "agentGivenOpponent")) {
                if (prior.has(k)) {
                    throw new InvalidModelException("prior." + k + ": given together with prior.joint; the joint prior"
                            + " P(a,b|s) determines both marginals and both conditionals, give either it or the others");
                }
            }
        }
    }

    /** A one-state self-loop for the joint actions of a matrix game. */
    private static TransitionMatrix selfLoop(int na, int nb) {
        DMatrixRMaj d = new DMatrixRMaj(na * nb, 1);
        java.util.Arrays.fill(d.data, 1.0);
        return TransitionMatrix.dense(d, "transitions", r -> "[0][" + (r / nb) + "][" + (r % nb) + "]");
    }

    /** Checks that {@code p} is a probability distribution: entries in [0, 1], sum 1 within 1e-9. */
    static void distribution(double[] p, String key) {
        org.memarl.kernel.Distributions.check(key, p, 0, p.length);
    }

    /** {@code X[r][c]}; rows checked as distributions when asked. */
    static double[][] matrix(JsonNode n, String key, int rows, int cols, String rowWhat, String colWhat,
            boolean distribution) {
        array(n, key, rows, rowWhat);
        double[][] out = new double[rows][];
        for (int i = 0; i < rows; i++) {
            String k = key + "[" + i + "]";
            out[i] = vector(n.get(i), k, cols, "one per " + colWhat);
            if (distribution) {
                distribution(out[i], k);
            }
        }
        return out;
    }

    /** {@code X[s][a][b]} with the dimensions named by {@code what}; rows checked as distributions when asked. */
    static double[][][] tensor(JsonNode n, String key, int d0, int d1, int d2, String[] what, boolean distribution) {
        array(n, key, d0, what[0]);
        double[][][] out = new double[d0][][];
        for (int i = 0; i < d0; i++) {
            out[i] = matrix(n.get(i), key + "[" + i + "]", d1, d2, what[1], what[2], distribution);
        }
        return out;
    }

    private static String rowLabel(int r, int na, int nb) {
        return "[" + (r / (na * nb)) + "][" + ((r / nb) % na) + "][" + (r % nb) + "]";
    }

    static TransitionMatrix transitions(JsonNode t, int n, int na, int nb, Map<String, Integer> sIndex,
            Map<String, Integer> aIndex, Map<String, Integer> bIndex) {
        TransitionMatrix.RowLabel label = r -> rowLabel(r, na, nb);
        if (t.isObject()) {
            return ModelReader.sparseTransitions(t, "[s, a, b, s', p]", true, n, sIndex, label,
                    new ModelReader.Actions(aIndex, na, "agent action"), new ModelReader.Actions(bIndex, nb, "opponent action"));
        }
        if (!t.isArray()) {
            throw new InvalidModelException("transitions: expected T[s][a][b][s'] or {\"sparse\": [[s, a, b, s', p], ...]},"
                    + " got " + type(t));
        }
        DMatrixRMaj d = DMatrixRMaj.wrap(n * na * nb, n, ModelReader.denseRows(t, "transitions", new int[] {n, na, nb},
                new String[] {"state", "agent action", "opponent action"}, n, "one per next state"));
        return TransitionMatrix.dense(d, "transitions", label);
    }
}
