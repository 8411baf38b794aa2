package org.memarl.solve;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.memarl.InvalidModelException;
import org.memarl.MemarlException;

/**
 * The parameters that produced a {@link Solution}, in insertion order: each a number ({@code Double}, which
 * may be infinite for beta = +-inf), an integer ({@code Integer} or {@code Long}), a string, a boolean or a
 * named group of parameters (itself a {@code Parameters}, written as a nested object: a chain's
 * {@code betas} per level and {@code params}). Immutable. Typed reads ({@link #number}, {@link #integer},
 * {@link #text}, {@link #flag}, {@link #group}) throw a {@link MemarlException} naming the parameter when it
 * is absent or of another kind; {@link #get} returns the value as it was given (for writers).
 */
public final class Parameters {
    private final Map<String, Object> values;

    private Parameters(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    static Parameters of(Map<String, Object> values) {
        return new Parameters(values);
    }

    /** Checks a parameter's type: Double, Integer, Long, String, Boolean or a group ({@code Parameters}). */
    static void check(String key, Object value) {
        if (key == null || !(value instanceof Double || value instanceof Integer || value instanceof Long
                || value instanceof String || value instanceof Boolean || value instanceof Parameters)) {
            throw new InvalidModelException("parameters." + key + ": unsupported parameter type "
                    + (value == null ? "null" : value.getClass().getSimpleName()) + " (numbers, strings, booleans and groups)");
        }
    }

    /**
     * A group of parameters: the entries of {@code values} in their iteration order, each checked as a
     * parameter named {@code key.name}.
     *
     * @throws InvalidModelException naming the entry of an unsupported type or null
     */
    static Parameters group(String key, Map<String, ?> values) {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            check(key + "." + k, v);
            copy.put(k, v);
        });
        return new Parameters(copy);
    }

    /** The names, in insertion order. */
    public List<String> names() {
        return List.copyOf(values.keySet());
    }

    /** Whether there is a parameter {@code name}. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The number of parameters. */
    public int size() {
        return values.size();
    }

    /**
     * The value as given ({@code Double}, {@code Integer}, {@code Long}, {@code String}, {@code Boolean} or a
     * group, a {@code Parameters}), or null.
     */
    public Object get(String name) {
        return values.get(name);
    }

    /** Each name and value, in insertion order. */
    public void forEach(BiConsumer<String, Object> action) {
        values.forEach(action);
    }

    private Object require(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new MemarlException("parameters." + name + ": no such parameter (parameters: "
                    + String.join(", ", values.keySet()) + ")");
        }
        return v;
    }

    private static MemarlException wrongKind(String name, Object v, String kind) {
        return new MemarlException("parameters." + name + ": " + v + " is a " + v.getClass().getSimpleName() + ", not " + kind);
    }

    /** A numeric parameter (a number or an integer) as a double. */
    public double number(String name) {
        Object v = require(name);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw wrongKind(name, v, "a number");
    }

    /** An integer parameter. */
    public long integer(String name) {
        Object v = require(name);
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        throw wrongKind(name, v, "an integer");
    }

    /** A string parameter. */
    public String text(String name) {
        Object v = require(name);
        if (v instanceof String s) {
            return s;
        }
        throw wrongKind(name, v, "a string");
    }

    /** A boolean parameter. */
    public boolean flag(String name) {
        Object v = require(name);
        if (v instanceof Boolean b) {
            return b;
        }
        throw wrongKind(name, v, "a boolean");
    }

    /** A group of parameters (a nested object in the result file). */
    public Parameters group(String name) {
        Object v = require(name);
        if (v instanceof Parameters p) {
            return p;
        }
        throw wrongKind(name, v, "a group");
    }

    /** Equal names, order and values. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Parameters p && List.copyOf(p.values.entrySet()).equals(List.copyOf(values.entrySet()));
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
