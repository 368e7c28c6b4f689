package dev.catalogsync.bootstrap.cli;

/** The configured database could not be reached or started. The message names which and why. */
class DatabaseUnavailableException extends RuntimeException {

    DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
