package org.memarl.experiment;

import java.util.List;
import java.util.stream.Collectors;
import org.memarl.InvalidModelException;

/** The registry of experiments, by name. */
public final class Experiments {
    private static final List<Experiment> ALL = List.of(new ThesisMatrixGame(), new BadTwoStep());

    private Experiments() {
    }

    /** All experiments, in a stable order. */
    public static List<Experiment> all() {
        return ALL;
    }

    /** The names of all experiments, comma-separated. */
    public static String names() {
        return ALL.stream().map(Experiment::name).collect(Collectors.joining(", "));
    }

    /**
     * The experiment with this name.
     *
     * @throws InvalidModelException naming the unknown name and the known ones
     */
    public static Experiment byName(String name) {
        for (Experiment e : ALL) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw new InvalidModelException("experiment: \"" + name + "\" is not known; known: " + names());
    }
}
