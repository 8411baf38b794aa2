package org.memarl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memarl.InvalidModelException;
import org.memarl.io.Models;

/**
 * Issue 15 (done means): truncated and mutated copies of the bundled {@code examples/tiger.pomdp} and
 * {@code examples/dec-tiger.dpomdp} fed to {@code solve} through the command line. A copy the reader refuses is
 * refused with exit 2 and one line naming the line ({@code memarl: line N: ...}), without a stack trace or a control
 * character; a copy the reader accepts (a cut after the last entry, a flipped digit that keeps every row summing to 1)
 * solves (exit 0). Never exit 1. Fixed seed.
 */
class TextFormatsFuzzTest {
    private static final long SEED = 15;
    private static final byte[] HOSTILE = {0, 0x1b, '\n', ':', '*', '#', '9', '-', '.', 'e', 'x', (byte) 0xff, (byte) 0xc3,
        '+', ' '};

    @TempDir
    Path dir;

    private int refused;
    private int accepted;

    private void feed(byte[] bytes, String name) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        String verdict;
        try {
            Models.read(f);
            verdict = null;
        } catch (InvalidModelException e) {
            verdict = e.getMessage();
        }
        Cli.Run r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Cli.run("solve", f.toString(), "--algorithm",
                "public-belief", "--beta", "inf", "--horizon", "1"), name);
        if (verdict == null) {
            accepted++;
            r.assertExit(0);
        } else {
            refused++;
            HostileReadersTest.assertClean(r);
            String v = verdict;
            assertTrue(v.matches("line \\d+: .*"), () -> name + ": the message names the line: " + v);
            assertEquals("memarl: " + verdict, r.err().strip(), () -> name + ": the reader's message");
        }
        Files.delete(f);
    }

    @Test
    void truncatedAndMutatedCopiesOfTheBundledFiles() throws IOException {
        Random rnd = new Random(SEED);
        for (String file : new String[] {"tiger.pomdp", "dec-tiger.dpomdp"}) {
            byte[] orig = Files.readAllBytes(Path.of("examples", file));
            String ext = file.substring(file.indexOf('.'));
            String stem = file.substring(0, file.indexOf('.'));
            // the first byte after the comment header, so that cuts land in the model
            int body = new String(orig, StandardCharsets.UTF_8).indexOf("\ndiscount") + 1;
            if (stem.equals("dec-tiger")) {
                body = new String(orig, StandardCharsets.UTF_8).indexOf("\nagents") + 1;
            }
            for (int i = 0; i < 15; i++) {
                int cut = i == 0 ? 0 : body + rnd.nextInt(orig.length - body);
                feed(java.util.Arrays.copyOf(orig, cut), stem + "-cut" + i + ext);
            }
            for (int i = 0; i < 30; i++) {
                byte[] b = orig.clone();
                int at = body + rnd.nextInt(b.length - body);
                b[at] = i % 2 == 0 ? (byte) (b[at] ^ (1 << rnd.nextInt(8))) : HOSTILE[rnd.nextInt(HOSTILE.length)];
                feed(b, stem + "-flip" + i + ext);
            }
            // whole lines dropped or repeated
            String[] lines = new String(orig, StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < 10; i++) {
                int l = rnd.nextInt(lines.length);
                StringBuilder b = new StringBuilder();
                for (int j = 0; j < lines.length; j++) {
                    if (j != l || i % 2 == 1) {
                        b.append(lines[j]).append('\n');
                    }
                    if (j == l && i % 2 == 1) {
                        b.append(lines[j]).append('\n');
                    }
                }
                feed(b.toString().getBytes(StandardCharsets.UTF_8), stem + "-line" + i + ext);
            }
        }
        assertTrue(refused > 60, "refused copies: " + refused + ", accepted " + accepted);
    }
}
