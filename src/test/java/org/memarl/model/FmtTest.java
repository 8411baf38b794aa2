package org.memarl.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.memarl.io.Models;

/** Enum labels as the file formats spell them ({@code model-format.md}: {@code kind}, {@code sum}). */
class FmtTest {
    @Test
    void labelsAreTheFormatsValues() {
        assertEquals(List.of("mdp", "game", "matrix-game", "pomdp", "dec-pomdp"),
                List.of(Models.Kind.values()).stream().map(Models.Kind::label).toList());
        assertEquals(List.of("zero", "common", "general"),
                List.of(Game.Sum.values()).stream().map(Game.Sum::label).toList());
    }

    @Test
    void byLabelInvertsLabelAndKnowsNoOtherName() {
        for (Models.Kind k : Models.Kind.values()) {
            assertSame(k, Fmt.byLabel(Models.Kind.class, k.label()));
        }
        assertSame(Models.Kind.DEC_POMDP, Fmt.byLabel(Models.Kind.class, "dec-pomdp"));
        assertNull(Fmt.byLabel(Models.Kind.class, "dec_pomdp"));
        assertNull(Fmt.byLabel(Models.Kind.class, "DEC-POMDP"));
        assertNull(Fmt.byLabel(Game.Sum.class, ""));
    }
}
