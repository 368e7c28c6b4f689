package dev.catalogsync.adapters.postgres.testing;

import dev.catalogsync.adapters.postgres.SchemaMigrator.MigrationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The migrations this build ships, read from the classpath, so that tests of migrating say "all of them" and
 * need no edit each time a migration is added.
 */
public final class ShippedMigrations {

    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.+\\.sql");

    private ShippedMigrations() {}

    /** What migrating an empty database reports: every shipped migration applied, at the highest version. */
    public static MigrationReport all() {
        List<Integer> versions = versions();
        return new MigrationReport(versions.size(), String.valueOf(versions.get(versions.size() - 1)));
    }

    /** What migrating an up-to-date database reports. */
    public static MigrationReport none() {
        return new MigrationReport(0, all().schemaVersion());
    }

    private static List<Integer> versions() {
        URL location = ShippedMigrations.class.getClassLoader().getResource("db/migration");
        if (location == null || !"file".equals(location.getProtocol())) {
            throw new IllegalStateException("db/migration is not a directory on the test classpath: " + location);
        }
        try (Stream<Path> files = Files.list(Path.of(location.toURI()))) {
            List<Integer> versions = files.map(
                            file -> VERSIONED.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(matcher -> Integer.parseInt(matcher.group(1)))
                    .sorted()
                    .toList();
            if (versions.isEmpty()) {
                throw new IllegalStateException("no versioned migration in " + location);
            }
            return versions;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
