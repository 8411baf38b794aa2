package org.memarl.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.memarl.model.Game;
import org.memarl.model.Mdp;
import org.memarl.model.OptionSpec;

/** Options survive writing and reading back (the ledger's counterexample files rely on it). */
class OptionRoundTripTest {
    private static void assertSame(OptionSpec a, OptionSpec b) {
        assertEquals(a.count(), b.count());
        assertEquals(a.names(), b.names());
        assertArrayEquals(a.actionPriorFlat(), b.actionPriorFlat());
        assertArrayEquals(a.terminationFlat(), b.terminationFlat());
        assertArrayEquals(a.masterFlat(), b.masterFlat());
    }

    @Test
    void mdpOptions() {
        Mdp m = ModelReader.readMdp(Path.of("examples/four-rooms.json"));
        Mdp back = ModelReader.readMdp(Json.bytes(ModelWriter.toJson(m)), "round trip");
        assertSame(m.options(), back.options());
        assertEquals("hall-r3c6", back.options().names().get(0));
        assertEquals(0.9, back.options().termination(m.stateNames().indexOf("r3c6"), 0));
    }

    @Test
    void gameOptions() {
        Game g = GameReader.readGame(Path.of("examples/coordination-options.json"));
        assertFalse(GameWriter.writesAsMatrixGame(g));
        Game back = GameReader.readGame(Json.bytes(GameWriter.toJson(g)), "round trip");
        assertSame(g.agentOptions(), back.agentOptions());
        assertSame(g.opponentOptions(), back.opponentOptions());
        assertEquals(0.1, back.agentOptions().termination(0, 1));
    }
}
