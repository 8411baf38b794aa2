package org.memarl.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.memarl.MemarlException;

/**
 * Standard output that does not lose a write error ({@code solve ... > /dev/full}, a closed pipe): a
 * {@link PrintStream} or {@link PrintWriter} swallows it, so the command line writes through this writer,
 * whose {@link #flush()} throws a {@link MemarlException} (exit 1, one message) once a write has failed, and
 * {@link Main} checks it again before exiting (for {@code --help} and {@code --version}). Commands flush it
 * after their output, before saying anything about it ({@code "result written"}).
 */
final class StandardOutput extends PrintWriter {
    private final Sink sink;
    private boolean reported;
    private volatile boolean armed;

    private StandardOutput(Sink sink) {
        super(new OutputStreamWriter(sink, StandardCharsets.UTF_8), true);
        this.sink = sink;
    }

    /** A writer over {@code out}: the reason of a failure is known when {@code out} is a {@link #stdout()}. */
    static StandardOutput over(PrintStream out) {
        return new StandardOutput(new Sink(out));
    }

    /**
     * The process's standard output as a {@link PrintStream} that remembers why a write failed (the
     * {@link PrintStream} of {@link System#out} forgets it).
     */
    static PrintStream stdout() {
        return new Remembering(new java.io.FileOutputStream(java.io.FileDescriptor.out));
    }

    /**
     * From now on {@link #flush()} throws on a failed write (while a command runs; picocli's own help and version
     * output are checked by {@link #unreportedFailure()} instead).
     */
    void arm() {
        armed = true;
    }

    /** Flushes; once armed, throws once (exit 1, one message) if a write to standard output has failed. */
    @Override
    public void flush() {
        super.flush();
        if (armed && sink.failed && !reported) {
            reported = true;
            throw new MemarlException(message());
        }
    }

    /**
     * Flushes and returns the one-line message of a write failure not reported yet (and marks it reported), or
     * null.
     */
    String unreportedFailure() {
        super.flush();
        if (sink.failed && !reported) {
            reported = true;
            return message();
        }
        return null;
    }

    private String message() {
        return "cannot write to standard output: " + sink.reason() + "; the output is lost";
    }

    /** Passes bytes to a {@link PrintStream} and turns its swallowed error back into an {@link IOException}. */
    private static final class Sink extends OutputStream {
        private final PrintStream out;
        /** A write has failed (the writer above swallows the exception: this is how it is known). */
        private volatile boolean failed;

        Sink(PrintStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            check();
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            check();
        }

        @Override
        public void flush() throws IOException {
            out.flush();
            check();
        }

        private void check() throws IOException {
            if (out.checkError()) {
                failed = true;
                throw new IOException(reason());
            }
        }

        String reason() {
            IOException e = out instanceof Remembering r ? r.failure() : null;
            return e == null ? "write error" : org.memarl.io.ResultWriter.reason(e);
        }
    }

    /** A {@link PrintStream} that keeps the first {@link IOException} of its stream. */
    private static final class Remembering extends PrintStream {
        private final Recorder recorder;

        Remembering(OutputStream out) {
            this(new Recorder(out));
        }

        private Remembering(Recorder r) {
            super(new java.io.BufferedOutputStream(r, 1 << 13), false, StandardCharsets.UTF_8);
            this.recorder = r;
        }

        IOException failure() {
            return recorder.failure;
        }
    }

    private static final class Recorder extends FilterOutputStream {
        private volatile IOException failure;

        Recorder(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                remember(e);
                throw e;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                remember(e);
                throw e;
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                remember(e);
                throw e;
            }
        }

        private void remember(IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }
}
