package dev.catalogsync.bootstrap.cli;

import java.net.UnknownHostException;
import java.sql.SQLException;

/** Turns a failure into the one line an operator reads. */
final class ErrorMessages {

    private static final String UNDEFINED_TABLE = "42P01";

    private ErrorMessages() {}

    static String describe(Throwable failure) {
        if (failure instanceof DatabaseUnavailableException) {
            return failure.getMessage();
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNDEFINED_TABLE.equals(sql.getSQLState())) {
                return "the database has no catalog-sync schema (" + firstLine(sql.getMessage())
                        + "); run 'catalog-sync migrate' first";
            }
        }
        return rootMessage(failure);
    }

    /** The innermost cause's message, which says what actually went wrong, on one line. */
    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (root instanceof UnknownHostException && message != null) {
            // The exception's message is the bare host name.
            return "unknown host " + firstLine(message);
        }
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : firstLine(message);
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }
}
