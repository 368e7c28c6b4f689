/**
 * Logging without secrets: every password a database URL carries is masked in what is logged. {@code
 * RedactingJsonEncoder} writes {@code run}'s JSON lines; the text lines of the jar come from {@code
 * cli.CommandLineLogging}, which masks the same way; the two converters do it for a {@code logback.xml} (the
 * tests', or an embedding host's).
 */
package dev.catalogsync.bootstrap.logging;
