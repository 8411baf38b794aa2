package org.memarl;

/**
 * Bad usage of the command line or of a configuration: an option that does not apply to the chosen
 * algorithm, a missing or conflicting choice. Reported like bad input (exit status 2, one line), with a
 * pointer to the command's help. The message names the option, e.g.
 * {@code level: --level applies to gr2, not rommeo}.
 */
public class UsageException extends InvalidModelException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
