package dev.catalogsync.adapters.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code postmaster.pid} says about the server on a data directory, as PostgreSQL (10 and later) writes it:
 * one item a line, the server's pid first, its port fourth and its state eighth ({@code starting}, {@code ready},
 * {@code stopping}, {@code standby}, padded with blanks).
 *
 * @param pid the postmaster's process id
 * @param port the TCP port it listens on; 0 while the file is being written
 * @param status its state; empty while the file is being written
 */
record PostmasterPidFile(long pid, int port, String status) {

    static final String FILE_NAME = "postmaster.pid";

    private static final int PID_LINE = 0;
    private static final int PORT_LINE = 3;
    private static final int STATUS_LINE = 7;

    /** The file on {@code dataDirectory}; empty when there is none, or it is being written and has no pid yet. */
    static Optional<PostmasterPidFile> read(Path dataDirectory) {
        Path file = dataDirectory.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return Optional.of(new PostmasterPidFile(
                    Long.parseLong(line(lines, PID_LINE)),
                    lines.size() > PORT_LINE ? parsePort(line(lines, PORT_LINE)) : 0,
                    line(lines, STATUS_LINE)));
        } catch (IOException | NumberFormatException e) {
            // Gone or half-written: PostgreSQL writes it in several steps. The caller looks again.
            return Optional.empty();
        }
    }

    /** Whether the server accepts connections: it says so and has written its port. */
    boolean ready() {
        return "ready".equals(status) && port > 0;
    }

    private static String line(List<String> lines, int index) {
        return lines.size() > index ? lines.get(index).trim() : "";
    }

    private static int parsePort(String value) {
        return value.isEmpty() ? 0 : Integer.parseInt(value);
    }
}
