package org.memarl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Runs the command line in-process ({@link Main#mainWithoutExit}) and captures its output. */
public final class Cli {
    private Cli() {
    }

    /** Exit status and the captured standard output and error. */
    public record Run(String[] args, int code, String out, String err) {
        /** The lines of standard error, without empty trailing lines. */
        public String[] errLines() {
            String e = err.strip();
            return e.isEmpty() ? new String[0] : e.split("\\R");
        }

        @Override
        public String toString() {
            return "memarl " + String.join(" ", args) + "\n-> exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }

        /**
         * Asserts the contract for bad input (cli.md): exit 2, nothing on standard output, exactly one
         * line on standard error starting "memarl: ", containing every fragment, without a stack trace.
         */
        public Run assertOneLineError(String... fragments) {
            assertEquals(2, code, () -> "exit status, " + this);
            assertEquals("", out, () -> "standard output, " + this);
            String[] lines = errLines();
            assertEquals(1, lines.length, () -> "one line on standard error, " + this);
            assertTrue(lines[0].startsWith("memarl: "), () -> "prefix, " + this);
            assertNoStackTrace();
            for (String f : fragments) {
                assertTrue(lines[0].contains(f), () -> "message should contain <" + f + ">, " + this);
            }
            return this;
        }

        public Run assertNoStackTrace() {
            assertFalse(err.contains("Exception"), () -> "no exception class names on standard error, " + this);
            assertFalse(err.contains("\tat "), () -> "no stack trace on standard error, " + this);
            return this;
        }

        public Run assertExit(int expected) {
            assertEquals(expected, code, () -> "exit status, " + this);
            return this;
        }
    }

    public static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.mainWithoutExit(args, o, e);
        }
        return new Run(Arrays.copyOf(args, args.length), code, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
    }
}
