package org.memarl.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.memarl.InvalidModelException;

/** The bundled example models (the JSON files of {@code examples/}, packaged as resources). */
public final class Examples {
    private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        DESCRIPTIONS.put("chain", "5-state chain walk: drift right for +1 at the end, a small safe reward on the left; gamma 0.9");
        DESCRIPTIONS.put("two-state-prior", "2 states, 3 actions, non-uniform action prior with a zero entry; gamma 0.8");
        DESCRIPTIONS.put("gridworld-4x4", "Sutton & Barto Example 4.1: 4x4 gridworld, -1 per step, two absorbing corners; gamma 1");
        DESCRIPTIONS.put("russell-norvig-4x3", "Russell & Norvig 4x3 world: 0.8/0.1/0.1 moves, -0.04 per step, +1/-1 exits; gamma 1");
        DESCRIPTIONS.put("sparse-ring", "12-state ring with sparse stochastic moves (sparse transitions format); gamma 0.95");
    }

    private Examples() {
    }

    /** Name to one-line description, in listing order. */
    public static Map<String, String> all() {
        return java.util.Collections.unmodifiableMap(DESCRIPTIONS);
    }

    /** The bytes of a bundled example. */
    public static byte[] bytes(String name) {
        if (!DESCRIPTIONS.containsKey(name)) {
            throw new InvalidModelException("example: unknown name \"" + name + "\"; `memarl examples` lists "
                    + String.join(", ", DESCRIPTIONS.keySet()));
        }
        try (InputStream in = Examples.class.getResourceAsStream("/org/memarl/examples/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("bundled example " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled example " + name, e);
        }
    }
}
