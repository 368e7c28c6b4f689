/** Logging of the standalone jar: what its log lines may not show (passwords). Wired in {@code logback.xml}. */
package dev.catalogsync.bootstrap.logging;
