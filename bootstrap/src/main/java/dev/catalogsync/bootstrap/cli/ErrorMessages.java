package dev.catalogsync.bootstrap.cli;

import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Turns a failure into the one line an operator reads. */
final class ErrorMessages {

    static final String ROLES_HELP = "see docs/installing.md";

    private static final String UNDEFINED_TABLE = "42P01";
    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    /** The server ended the session: admin_shutdown, crash_shutdown, cannot_connect_now. */
    private static final Set<String> SERVER_SHUT_DOWN = Set.of("57P01", "57P02", "57P03");

    private static final String SQL_PREFIX = "SQL [";

    private ErrorMessages() {}

    /**
     * @param role the database role the command connected as, named when it lacked a privilege
     */
    static String describe(Throwable failure, String role) {
        if (failure instanceof DatabaseUnavailableException) {
            return failure.getMessage();
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNDEFINED_TABLE.equals(sql.getSQLState())) {
                return "the database has no catalog-sync schema (" + firstLine(sql.getMessage())
                        + "); run 'catalog-sync migrate' first";
            }
            if (cause instanceof SQLException sql && INSUFFICIENT_PRIVILEGE.equals(sql.getSQLState())) {
                return insufficientPrivilege(serverMessage(sql), statement(failure), role);
            }
            if (cause instanceof SQLException sql && SERVER_SHUT_DOWN.contains(sql.getSQLState())) {
                return "the database server ended the session (" + serverMessage(sql) + "): it was shut down or "
                        + "restarted; run the command again";
            }
        }
        return rootMessage(failure);
    }

    /** Whether the database refused the failed statement because the role lacks a privilege. */
    static boolean isInsufficientPrivilege(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && INSUFFICIENT_PRIVILEGE.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
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

    /**
     * E.g. "permission denied for table catalog_sync_feature_flags: the database role 'reader' may not write it
     * (see docs/installing.md)".
     */
    private static String insufficientPrivilege(String problem, Optional<String> statement, String role) {
        String what;
        if (problem.startsWith("must be owner")) {
            what = "may not change it, only its owner may";
        } else if (problem.contains(" sequence ")) {
            what = "may not use it";
        } else if (statement.isEmpty()) {
            what = "lacks a privilege on it that this command needs";
        } else {
            what = writes(statement.get()) ? "may not write it" : "may not read it";
        }
        return problem + ": the database role '" + role + "' " + what + " (" + ROLES_HELP + ")";
    }

    /** The SQL jOOQ names in its exception's message ({@code SQL [...]; ...}), if any. */
    private static Optional<String> statement(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && message.startsWith(SQL_PREFIX)) {
                int end = message.indexOf("];");
                return Optional.of(message.substring(SQL_PREFIX.length(), end < 0 ? message.length() : end));
            }
        }
        return Optional.empty();
    }

    private static boolean writes(String statement) {
        String sql = statement.toLowerCase(Locale.ROOT);
        return sql.contains("insert into")
                || sql.startsWith("update")
                || sql.contains(" update ")
                || sql.startsWith("delete")
                || sql.contains("merge into")
                || sql.startsWith("truncate");
    }

    /** The server's own message without its severity: "permission denied for table x". */
    private static String serverMessage(SQLException failure) {
        String line = firstLine(String.valueOf(failure.getMessage()));
        for (String severity : new String[] {"ERROR:", "FATAL:"}) {
            if (line.startsWith(severity)) {
                return line.substring(severity.length()).trim();
            }
        }
        return line;
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }
}
