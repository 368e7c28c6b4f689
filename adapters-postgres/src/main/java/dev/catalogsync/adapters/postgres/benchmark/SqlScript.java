package dev.catalogsync.adapters.postgres.benchmark;

import dev.catalogsync.adapters.postgres.PostgresAdapterException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** A SQL file shipped beside the bench's classes, run as one script. */
final class SqlScript {

    private SqlScript() {}

    static String read(String name) {
        try (InputStream script = SqlScript.class.getResourceAsStream(name)) {
            if (script == null) {
                throw new PostgresAdapterException("the bench's script " + name + " is missing from the jar");
            }
            return new String(script.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PostgresAdapterException("could not read the bench's script " + name, e);
        }
    }
}
