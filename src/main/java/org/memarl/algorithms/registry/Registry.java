package org.memarl.algorithms.registry;

import java.util.Arrays;
import java.util.function.Function;
import org.memarl.InvalidModelException;

/** Lookup by stable command-line name, shared by the algorithm registries. */
final class Registry {
    private Registry() {
    }

    /**
     * The entry of {@code values} whose {@code id} is {@code name}, or an error naming the key, the unknown name,
     * the kind of model ({@code "an mdp"}, {@code "a game"}) and every known name.
     */
    static <E> E byId(E[] values, Function<E, String> id, String name, String model) {
        for (E e : values) {
            if (id.apply(e).equals(name)) {
                return e;
            }
        }
        throw new InvalidModelException("algorithm: unknown name \"" + name + "\" for " + model + "; expected one of "
                + Arrays.toString(Arrays.stream(values).map(id).toArray()));
    }
}
