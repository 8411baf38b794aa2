package org.memarl.cli;

/** Exit statuses of the command line ({@code cli.md}). */
public enum ExitCode {
    /** Solved; or every ledger claim has its expected status. */
    OK(0),
    /** Anything else: an internal error, or a ledger claim with an unexpected status. */
    ERROR(1),
    /** Bad usage or invalid model: one message on standard error. */
    USAGE(2),
    /** Did not converge within the limits (the result is still written). */
    NOT_CONVERGED(3);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
