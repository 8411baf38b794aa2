package org.memarl.solve;

import org.memarl.Version;

/**
 * Where a result was computed: the memarl version, the Java runtime, the operating system and the
 * architecture (the {@code provenance} block of every result file). Immutable.
 *
 * @param memarl the library version
 * @param java the Java version and vendor
 * @param os the operating system's name and version
 * @param arch the processor architecture
 */
public record Provenance(String memarl, String java, String os, String arch) {
    /** The provenance of this process. */
    public static Provenance current() {
        return new Provenance(Version.get(), System.getProperty("java.version") + " (" + System.getProperty("java.vendor")
                + ")", System.getProperty("os.name") + " " + System.getProperty("os.version"), System.getProperty("os.arch"));
    }
}
