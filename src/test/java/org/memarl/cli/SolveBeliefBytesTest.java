package org.memarl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.memarl.io.Json;
import org.memarl.io.ResultWriter;

/**
 * Pins the bytes of {@code solve --algorithm public-belief} on the bad two-step game at beta = +inf (every
 * number in it is a dyadic rational or an exact maximum, so the pin does not depend on rounding order):
 * the result document with its {@code publicBelief} tree. The provenance block (machine-dependent) is
 * compared with {@link ResultWriter#provenance()} separately.
 */
class SolveBeliefBytesTest {
    private static final Pattern PROVENANCE = Pattern.compile("(?s)\n  \"provenance\" : (\\{.*?\n  \\})\n\\}\n$");

    @Test
    void publicBeliefResultBytesArePinned() throws IOException {
        Cli.Run r = Cli.run("solve", "--example", "bad-two-step", "--algorithm", "public-belief", "--beta", "inf")
                .assertExit(0);
        Matcher m = PROVENANCE.matcher(r.out());
        if (!m.find()) {
            throw new AssertionError("no provenance block at the end of\n" + r.out());
        }
        assertEquals(ResultWriter.provenance(), Json.mapper().readTree(m.group(1)));
        String got = r.out().substring(0, m.start(1)) + "PROVENANCE" + r.out().substring(m.end(1));
        String want;
        try (InputStream in = SolveBeliefBytesTest.class.getResourceAsStream("/pinned/public-belief-bad-two-step.json")) {
            want = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(want, got);
    }
}
