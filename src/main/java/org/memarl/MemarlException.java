package org.memarl;

/**
 * Root of memarl's small unchecked exception hierarchy. Every message names the offending
 * key, index and value, so that a user can act on it without a stack trace.
 */
public class MemarlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MemarlException(String message) {
        super(message);
    }

    public MemarlException(String message, Throwable cause) {
        super(message, cause);
    }
}
