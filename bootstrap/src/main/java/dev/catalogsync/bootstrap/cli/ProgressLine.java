package dev.catalogsync.bootstrap.cli;

import java.io.PrintWriter;
import java.util.Optional;

/**
 * The progress of a long command on stderr, one line rewritten in place, and only when the process runs on a
 * terminal: in a pipe a command prints nothing but its result.
 */
final class ProgressLine {

    private final PrintWriter err;
    private final long started = System.nanoTime();

    private ProgressLine(PrintWriter err) {
        this.err = err;
    }

    /** A line on {@code err} when the process runs on a terminal; empty in a pipe. */
    static Optional<ProgressLine> onTerminal(PrintWriter err) {
        return System.console() == null ? Optional.empty() : Optional.of(new ProgressLine(err));
    }

    /** Seconds since the line was made; never zero, so that a rate can be divided by it. */
    double seconds() {
        return Math.max(1e-3, (System.nanoTime() - started) / 1e9);
    }

    /** Replaces what the line shows. */
    void show(String text) {
        rewrite(err, text);
    }

    /** Ends the line, so that what is printed next starts on a line of its own. */
    void end() {
        err.println();
    }

    /** Overwrites the current terminal line of {@code err} with {@code text}, and what a longer text left over. */
    static void rewrite(PrintWriter err, String text) {
        err.print("\r" + text + "   ");
        err.flush();
    }
}
