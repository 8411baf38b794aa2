package org.memarl.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link FiniteModel}: every model reports the name, states, discount, horizon and initial distribution it was given. */
class FiniteModelTest {
    private static Mdp mdp() {
        return Mdp.builder().name("two").states(List.of("a", "b")).actions(List.of("x")).gamma(0.5).horizon(3)
                .initial(new double[] {0.25, 0.75}).transitions(new double[][][] {{{1, 0}}, {{0, 1}}})
                .rewards(new double[][] {{1}, {2}}).build();
    }

    @Test
    void mdpFrame() {
        Mdp m = mdp();
        assertEquals("two", m.name());
        assertEquals(2, m.numStates());
        assertEquals(List.of("a", "b"), m.stateNames());
        assertEquals(0.5, m.gamma(), 0.0);
        assertEquals(3, m.horizon());
        assertArrayEquals(new double[] {0.25, 0.75}, m.initial(), 0.0);
        assertEquals(0.75, m.initial(1), 0.0);
        Mdp g = m.withGamma(0.9).withHorizon(0);
        assertEquals(0.9, g.gamma(), 0.0);
        assertEquals(0, g.horizon());
        assertEquals("two", g.name());
        assertArrayEquals(new double[] {0.25, 0.75}, g.initial(), 0.0);
    }

    @Test
    void initialIsCopiedOut() {
        Mdp m = mdp();
        m.initial()[0] = 9.0;
        m.frame().initial()[0] = 9.0;
        assertEquals(0.25, m.initial(0), 0.0);
    }

    @Test
    void pomdpFrameDefaultsToUniformInitial() {
        Pomdp p = new Pomdp(null, List.of("s0", "s1", "s2", "s3"), List.of("a"), List.of("o"), 0.3, 0, null,
                new double[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1}, new double[] {1, 1, 1, 1},
                new double[] {0, 0, 0, 0}, null);
        assertEquals("", p.name());
        assertEquals(4, p.numStates());
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, p.initial(), 0.0);
        Pomdp q = p.withHorizon(5);
        assertEquals(5, q.horizon());
        assertEquals(0.3, q.gamma(), 0.0);
        assertEquals(p.states(), q.states());
    }
}
