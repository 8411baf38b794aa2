package org.memarl.algorithms.options;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Issue 19: kills {@code SoftOptions$Variant.cliName} returning "": the names are those of docs/cli (spec). */
class SoftOptionsVariantMutantsTest {

    @Test
    void cliNamesAreTheDocumentedAlgorithmNames() {
        assertEquals("soft-options", SoftOptions.Variant.SOFT_OPTIONS.cliName());
        assertEquals("soft-options-critic", SoftOptions.Variant.CRITIC.cliName());
    }
}
