package org.memarl.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * Small valid games in the memarl/1 format, and helpers to break one key of them at a time
 * (by JSON pointer, e.g. {@code "/transitions/1/0/2"}).
 */
public final class TestGames {
    private TestGames() {
    }

    /** 2 named states, 2 x 3 named actions, dense transitions, general-sum rewards, all four priors, initial. */
    public static final String DENSE = """
            {
              "format": "memarl/1",
              "kind": "game",
              "name": "dense-game",
              "gamma": 0.9,
              "states": ["s0", "s1"],
              "actions": {"agent": ["up", "down"], "opponent": ["left", "mid", "right"]},
              "initial": [0.25, 0.75],
              "transitions": [
                [[[1.0, 0.0], [0.5, 0.5], [0.0, 1.0]], [[0.2, 0.8], [0.3, 0.7], [0.4, 0.6]]],
                [[[0.0, 1.0], [0.9, 0.1], [1.0, 0.0]], [[0.6, 0.4], [0.7, 0.3], [0.8, 0.2]]]
              ],
              "rewards": {
                "agent": [[[1, 2, 3], [4, 5, 6]], [[-1, -2, -3], [-4, -5, -6]]],
                "opponent": [[[0.5, 0, 0], [0, 0.5, 0]], [[0, 0, 0.5], [1, 1, 1]]]
              },
              "prior": {
                "agent": [[0.5, 0.5], [0.25, 0.75]],
                "opponent": [[0.2, 0.4, 0.4], [1.0, 0.0, 0.0]],
                "opponentGivenAgent": [[[0.2, 0.2, 0.6], [0.2, 0.6, 0.2]], [[1.0, 0.0, 0.0], [1.0, 0.0, 0.0]]],
                "agentGivenOpponent": [[[0.5, 0.5], [0.25, 0.75], [0.75, 0.25]], [[0.25, 0.75], [0.2, 0.8], [1.0, 0.0]]]
              }
            }
            """;

    /**
     * 3 named states, 2 agent actions by count (names "0", "1"), 2 named opponent actions, sparse
     * transitions mixing names and indices, zero-sum rewards, no priors. Entry 13 refers to the agent's
     * action by its name "1".
     */
    public static final String SPARSE = """
            {
              "format": "memarl/1",
              "kind": "game",
              "gamma": 0.5,
              "states": ["a", "b", "c"],
              "actions": {"agent": 2, "opponent": ["x", "y"]},
              "transitions": {"sparse": [
                ["a", 0, "x", "b", 1.0],
                ["a", 0, "y", "a", 1.0],
                ["a", 1, "x", "c", 1.0],
                ["a", 1, "y", 2, 0.25],
                [0, 1, 1, "a", 0.75],
                ["b", 0, "x", "b", 1.0],
                ["b", 0, "y", "b", 1.0],
                ["b", 1, "x", "b", 1.0],
                ["b", 1, "y", "b", 1.0],
                [2, 0, 0, 2, 1.0],
                [2, 0, 1, 2, 1.0],
                [2, 1, 0, 0, 0.5],
                [2, 1, 0, 1, 0.5],
                ["c", "1", "y", "c", 1.0]
              ]},
              "rewards": [[[1, -1], [0, 2]], [[0, 0], [0, 0]], [[3, 0], [0, -3]]],
              "sum": "zero"
            }
            """;

    /** A 2 x 3 general-sum matrix game with all four priors (one joint prior's marginals and conditionals). */
    public static final String MATRIX = """
            {
              "format": "memarl/1",
              "kind": "matrix-game",
              "name": "mg",
              "actions": {"agent": ["u", "d"], "opponent": ["l", "c", "r"]},
              "payoff": [[1, 2, 3], [4, 5, 6]],
              "payoffOpponent": [[6, 5, 4], [3, 2, 1]],
              "prior": {
                "agent": [0.5, 0.5],
                "opponent": [0.5, 0.25, 0.25],
                "opponentGivenAgent": [[1, 0, 0], [0, 0.5, 0.5]],
                "agentGivenOpponent": [[1, 0], [0, 1], [0, 1]]
              }
            }
            """;

    public static ObjectNode tree(String text) {
        return (ObjectNode) Json.parse(text.getBytes(StandardCharsets.UTF_8), "test game");
    }

    /** Replaces the node at a JSON pointer by the JSON {@code value}. */
    public static ObjectNode set(ObjectNode root, String pointer, String value) {
        JsonNode v = Json.parse(value.getBytes(StandardCharsets.UTF_8), "value");
        int cut = pointer.lastIndexOf('/');
        JsonNode parent = cut == 0 ? root : root.at(pointer.substring(0, cut));
        String last = pointer.substring(cut + 1);
        if (parent instanceof ArrayNode a) {
            int i = Integer.parseInt(last);
            if (i == a.size()) {
                a.add(v);
            } else {
                a.set(i, v);
            }
        } else if (parent instanceof ObjectNode o) {
            o.set(last, v);
        } else {
            throw new IllegalArgumentException("no parent for " + pointer);
        }
        return root;
    }

    /** Removes the node at a JSON pointer. */
    public static ObjectNode remove(ObjectNode root, String pointer) {
        int cut = pointer.lastIndexOf('/');
        JsonNode parent = cut == 0 ? root : root.at(pointer.substring(0, cut));
        String last = pointer.substring(cut + 1);
        if (parent instanceof ArrayNode a) {
            a.remove(Integer.parseInt(last));
        } else if (parent instanceof ObjectNode o) {
            if (o.remove(last) == null) {
                throw new IllegalArgumentException("nothing at " + pointer);
            }
        } else {
            throw new IllegalArgumentException("no parent for " + pointer);
        }
        return root;
    }
}
