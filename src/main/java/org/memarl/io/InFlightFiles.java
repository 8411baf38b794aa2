package org.memarl.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The temporary files of writes under way ({@link ResultWriter#writeAtomically}): a run interrupted by SIGINT or
 * SIGTERM removes them on the way out (a JVM shutdown hook, registered on first use), so an interrupted large
 * write does not leave a hidden {@code .NAME.<random>.tmp} behind.
 */
final class InFlightFiles {
    private static final Set<Path> FILES = ConcurrentHashMap.newKeySet();
    private static volatile boolean hooked;

    private InFlightFiles() {
    }

    /** Records a temporary file to be removed if the JVM exits before {@link #done} (registers the hook once). */
    static void add(Path tmp) {
        if (!hooked) {
            synchronized (InFlightFiles.class) {
                if (!hooked) {
                    try {
                        Runtime.getRuntime().addShutdownHook(new Thread(InFlightFiles::removeAll, "memarl-temp-cleanup"));
                    } catch (IllegalStateException e) {
                        // already shutting down: the caller's own cleanup (finally) still runs
                    }
                    hooked = true;
                }
            }
        }
        FILES.add(tmp);
    }

    /** The temporary file was renamed into place or deleted: nothing to clean up. */
    static void done(Path tmp) {
        FILES.remove(tmp);
    }

    /** The temporary files currently recorded (a copy; for tests). */
    static List<Path> pending() {
        return new ArrayList<>(FILES);
    }

    /** Deletes every recorded temporary file (best effort); returns how many were deleted. */
    static int removeAll() {
        int n = 0;
        for (Path p : new ArrayList<>(FILES)) {
            try {
                if (Files.deleteIfExists(p)) {
                    n++;
                }
            } catch (IOException e) {
                // best effort on the way out
            }
            FILES.remove(p);
        }
        return n;
    }
}
