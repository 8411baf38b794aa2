package org.memarl.io;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/** The FIFO helpers of {@link ResultWriterSafetyTest} for tests in other packages. */
public final class ResultWriterSafetyTestAccess {
    private ResultWriterSafetyTestAccess() {
    }

    /** A private FIFO in {@code folder} (the calling test skips itself where mkfifo is missing). */
    public static Path fifo(Path folder, String name) throws Exception {
        return ResultWriterSafetyTest.fifo(folder, name);
    }

    /** Reads everything from a FIFO on another thread. */
    public static CompletableFuture<byte[]> drain(Path fifo) {
        return ResultWriterSafetyTest.drain(fifo);
    }
}
