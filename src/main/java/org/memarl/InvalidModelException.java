package org.memarl;

/**
 * Bad input: a model, a policy or a parameter that violates the format or a precondition.
 * The message has the form {@code key[i][j]: what is wrong (value)}, e.g.
 * {@code transitions[2][1]: row sums to 0.98, expected 1 (tolerance 1e-9)}.
 */
public class InvalidModelException extends MemarlException {
    private static final long serialVersionUID = 1L;

    public InvalidModelException(String message) {
        super(message);
    }

    public InvalidModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
