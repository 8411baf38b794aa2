package org.memarl.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.memarl.io.ModelReader;
import org.memarl.testing.ClassicModels;

/**
 * The bundled example files {@code examples/gridworld-4x4.json} and
 * {@code examples/russell-norvig-4x3.json} are exactly the models the tests build with
 * {@link Mdp#builder()} (whose published values the algorithm tests check).
 */
class ExampleModelsTest {

    static void assertSameModel(Mdp expected, Mdp actual) {
        assertEquals(expected.name(), actual.name());
        assertEquals(expected.stateNames(), actual.stateNames());
        assertEquals(expected.actionNames(), actual.actionNames());
        assertEquals(expected.gamma(), actual.gamma(), 0.0);
        assertEquals(expected.horizon(), actual.horizon());
        assertArrayEquals(expected.initial(), actual.initial(), 0.0);
        assertArrayEquals(expected.rewardsFlat(), actual.rewardsFlat(), 0.0);
        assertArrayEquals(expected.priorFlat(), actual.priorFlat(), 0.0);
        assertEquals(expected.hasPrior(), actual.hasPrior());
        int n = expected.numStates();
        for (int r = 0; r < n * expected.numActions(); r++) {
            for (int c = 0; c < n; c++) {
                assertEquals(expected.transitions().get(r, c), actual.transitions().get(r, c), 0.0,
                        "transitions row " + r + " column " + c);
            }
        }
    }

    @Test
    @DisplayName("examples/gridworld-4x4.json is Sutton & Barto's Example 4.1 as built in the tests")
    void gridworld() {
        Mdp file = ModelReader.readMdp(Path.of("examples", "gridworld-4x4.json"));
        assertSameModel(ClassicModels.suttonBartoGridworld(), file);
        assertFalse(file.hasPrior());
    }

    @Test
    @DisplayName("examples/russell-norvig-4x3.json is the Russell & Norvig 4x3 world as built in the tests")
    void russellNorvig() {
        Mdp file = ModelReader.readMdp(Path.of("examples", "russell-norvig-4x3.json"));
        assertSameModel(ClassicModels.russellNorvig4x3(), file);
    }
}
