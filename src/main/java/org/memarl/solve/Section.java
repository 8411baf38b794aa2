package org.memarl.solve;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.memarl.InvalidModelException;
import org.memarl.MemarlException;

/**
 * A typed extra section of a {@link Solution}: a named, ordered tree of numbers, integers, strings, booleans,
 * {@link Table}s, objects and arrays, written by the result writer as one more top-level key of the
 * {@code memarl-result/1} document (after {@code policies}, before {@code provenance}). The public-belief
 * result uses one ({@code publicBelief}: the belief tree). Immutable; numbers must be finite.
 *
 * @param name the top-level key it is written under
 * @param body its content
 */
public record Section(String name, Obj body) {
    /** The keys of the result document that a section may not use. */
    static final List<String> RESERVED = List.of("format", "algorithm", "model", "parameters", "converged", "iterations",
            "residual", "errorBound", "values", "policy", "policies", "provenance");

    /** Checks the name (not empty, not a key of the result document) and the body (not null). */
    public Section {
        if (name == null || name.isEmpty() || RESERVED.contains(name)) {
            throw new InvalidModelException("section: \"" + name + "\" is not a free key of the result document (reserved: "
                    + String.join(", ", RESERVED) + ")");
        }
        if (body == null) {
            throw new InvalidModelException("section " + name + ": no body");
        }
    }

    /** One node of a section's tree. */
    public sealed interface Node permits Num, Whole, Text, Flag, Tab, Obj, Arr {
    }

    /**
     * A finite number (written as a JSON double).
     *
     * @param value the number
     */
    public record Num(double value) implements Node {
        /** Refuses NaN and infinities. */
        public Num {
            if (!Double.isFinite(value)) {
                throw new MemarlException("section: computed value " + value + " is not finite");
            }
        }
    }

    /**
     * An integer (written without a decimal point).
     *
     * @param value the integer
     */
    public record Whole(long value) implements Node {
    }

    /**
     * A string.
     *
     * @param value the string (not null)
     */
    public record Text(String value) implements Node {
        /** Refuses null. */
        public Text {
            if (value == null) {
                throw new InvalidModelException("section: null text");
            }
        }
    }

    /**
     * A boolean.
     *
     * @param value the boolean
     */
    public record Flag(boolean value) implements Node {
    }

    /**
     * A table (written as nested arrays).
     *
     * @param table the table (not null)
     */
    public record Tab(Table table) implements Node {
        /** Refuses null. */
        public Tab {
            if (table == null) {
                throw new InvalidModelException("section: null table");
            }
        }
    }

    /**
     * An object: named nodes in insertion order.
     *
     * @param fields the fields (copied, unmodifiable, insertion order kept)
     */
    public record Obj(Map<String, Node> fields) implements Node {
        /** Copies the fields; refuses null keys and nodes. */
        public Obj {
            LinkedHashMap<String, Node> copy = new LinkedHashMap<>();
            fields.forEach((k, v) -> {
                if (k == null || v == null) {
                    throw new InvalidModelException("section: null key or node at " + k);
                }
                copy.put(k, v);
            });
            fields = Collections.unmodifiableMap(copy);
        }
    }

    /**
     * An array of nodes.
     *
     * @param items the items (copied, unmodifiable)
     */
    public record Arr(List<Node> items) implements Node {
        /** Copies the items; refuses null. */
        public Arr {
            items = List.copyOf(items);
        }
    }
}
