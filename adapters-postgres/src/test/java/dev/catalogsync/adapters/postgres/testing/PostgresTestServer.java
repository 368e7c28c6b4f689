package dev.catalogsync.adapters.postgres.testing;

import dev.catalogsync.adapters.postgres.PostgresConnectionSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The one PostgreSQL server of a test JVM, started on first use and stopped when the JVM exits: a
 * Testcontainers {@code postgres:17} where Docker runs, zonky's embedded PostgreSQL 17 where it does not (our
 * build machines). Tests do not use it directly but take a database of their own from
 * {@link PostgresTestDatabase}.
 */
public final class PostgresTestServer {

    static final String IMAGE = "postgres:17";

    private static PostgresTestServer shared;

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String description;

    private PostgresTestServer(String host, int port, String user, String password, String description) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.description = description;
    }

    /** The server of this JVM, started now if it is the first call. */
    public static synchronized PostgresTestServer shared() {
        if (shared == null) {
            shared = DockerClientFactory.instance().isDockerAvailable() ? startContainer() : startEmbedded();
        }
        return shared;
    }

    /** Connection settings of a superuser for one database of the server. */
    public PostgresConnectionSettings settings(String database) {
        return new PostgresConnectionSettings(
                "jdbc:postgresql://" + host + ":" + port + "/" + database, user, password);
    }

    /** Which kind of server runs, for test reports. */
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return description;
    }

    // Ryuk removes the container when the JVM exits.
    @SuppressWarnings("resource")
    private static PostgresTestServer startContainer() {
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>(DockerImageName.parse(IMAGE));
        container.start();
        return new PostgresTestServer(
                container.getHost(),
                container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT),
                container.getUsername(),
                container.getPassword(),
                "Testcontainers " + IMAGE);
    }

    // zonky stops the server and deletes its temporary data directory in a shutdown hook of its own.
    @SuppressWarnings("resource")
    private static PostgresTestServer startEmbedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            return new PostgresTestServer(
                    "localhost", postgres.getPort(), "postgres", "", "embedded PostgreSQL (zonky)");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL for tests", e);
        }
    }
}
