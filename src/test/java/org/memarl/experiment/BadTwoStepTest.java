package org.memarl.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.memarl.io.DecPomdpReader;

/** The comparison of experiment bad-two-step against its known end points. */
class BadTwoStepTest {
    @Test
    void endPointsAndOrdering() {
        List<BadTwoStep.Row> rows = BadTwoStep.compute(DecPomdpReader.readDecPomdp(Path.of("examples", "bad-two-step.json")),
                2000);
        BadTwoStep.Row first = rows.get(0);
        BadTwoStep.Row last = rows.get(rows.size() - 1);
        assertEquals(0.0, first.beta());
        assertEquals(134.0 / 36.0, first.publicValue(), 1e-12);
        assertEquals(134.0 / 36.0, first.learnersPayoff(), 1e-12, "uniform play at beta = 0");
        assertEquals(10.0, last.publicValue(), 0.0);
        assertEquals(8.0, last.learnersPayoff(), 1e-9, "independent learners settle on the signal-free (B, B)");
        for (BadTwoStep.Row r : rows) {
            assertTrue(r.publicPayoff() >= r.learnersPayoff() - 1e-12, r.toString());
        }
    }
}
