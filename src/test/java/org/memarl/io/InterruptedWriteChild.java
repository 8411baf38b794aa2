package org.memarl.io;

import java.nio.file.Path;

/**
 * Child JVM of {@link ResultWriterSafetyTest}: starts a large {@link ResultWriter#writeAtomically} to
 * {@code args[0]}, writes 4 MB, prints {@code ready} and then waits to be killed (SIGTERM / SIGINT).
 */
public final class InterruptedWriteChild {
    private InterruptedWriteChild() {
    }

    public static void main(String[] args) {
        ResultWriter.writeAtomically(Path.of(args[0]), out -> {
            byte[] chunk = new byte[1 << 20];
            for (int i = 0; i < 4; i++) {
                out.write(chunk);
            }
            out.flush();
            System.out.println("ready");
            System.out.flush();
            try {
                Thread.sleep(120_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
