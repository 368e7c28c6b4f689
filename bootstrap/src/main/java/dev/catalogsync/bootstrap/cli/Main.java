package dev.catalogsync.bootstrap.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Entry point of the standalone jar. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        // stdout carries results and stderr one-line errors; jOOQ's banner would clutter both.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        // Logging as the command line wants it (CommandLineLogging), set up when the first logger is asked for.
        System.setProperty(CommandLineLogging.COMMAND_LINE, "true");
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(CommandLineRunner.run(args, out, err));
    }
}
