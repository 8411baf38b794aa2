package org.memarl.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small valid models in the memarl/1 format, as mutable JSON trees, for tests to break one key at a time. */
public final class TestModels {
    private TestModels() {
    }

    /** 4 named states, 2 named actions, dense transitions; state 2 action 1 is the row tests like to break. */
    public static final String DENSE = """
            {
              "format": "memarl/1",
              "kind": "mdp",
              "name": "dense-4",
              "gamma": 0.9,
              "states": ["s0", "s1", "s2", "s3"],
              "actions": ["left", "right"],
              "transitions": [
                [[1.0, 0.0, 0.0, 0.0], [0.2, 0.8, 0.0, 0.0]],
                [[0.9, 0.1, 0.0, 0.0], [0.0, 0.2, 0.8, 0.0]],
                [[0.0, 0.9, 0.1, 0.0], [0.0, 0.0, 0.2, 0.8]],
                [[0.0, 0.0, 0.9, 0.1], [0.0, 0.0, 0.0, 1.0]]
              ],
              "rewards": [[0.2, 0.0], [0.0, 0.0], [0.0, 0.0], [0.0, 1.0]],
              "prior": [[0.5, 0.5], [0.25, 0.75], [1.0, 0.0], [0.5, 0.5]],
              "initial": [1.0, 0.0, 0.0, 0.0]
            }
            """;

    /** 3 states given by count, 2 named actions, sparse transitions mixing names and indices. */
    public static final String SPARSE = """
            {
              "format": "memarl/1",
              "kind": "mdp",
              "gamma": 0.8,
              "states": ["a", "b", "c"],
              "actions": ["x", "y"],
              "transitions": {"sparse": [
                ["a", "x", "b", 1.0],
                ["a", "y", "a", 1.0],
                [1, 0, 2, 0.5], [1, 0, 0, 0.5],
                [1, 1, 1, 1.0],
                ["c", "x", "c", 1.0],
                ["c", "y", 0, 0.25], ["c", "y", "b", 0.75]
              ]},
              "rewards": [[0.0, 1.0], [2.0, 0.0], [0.0, -1.0]]
            }
            """;

    public static ObjectNode dense() {
        return (ObjectNode) Json.parse(DENSE.getBytes(StandardCharsets.UTF_8), "dense");
    }

    public static ObjectNode sparse() {
        return (ObjectNode) Json.parse(SPARSE.getBytes(StandardCharsets.UTF_8), "sparse");
    }

    /** Writes a tree (pretty-printed) to {@code dir/name}. */
    public static Path write(Path dir, String name, JsonNode model) {
        return write(dir, name, new String(Json.bytes(model), StandardCharsets.UTF_8));
    }

    /** Writes text to {@code dir/name}. */
    public static Path write(Path dir, String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
