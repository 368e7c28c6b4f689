package dev.catalogsync.adapters.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.time.Duration;
import java.util.Objects;

/**
 * Connection pools whose every wait is bounded, so that an unreachable or stuck database shows up as an error
 * within seconds instead of a hung process.
 *
 * <ul>
 *   <li>Startup: one connection attempt, bounded by the driver's connect and login timeouts; a dead database
 *       fails {@link #pooled} with the driver's exception as the cause, and a message without the passwords.</li>
 *   <li>Borrowing: at most {@link #CONNECTION_TIMEOUT} for a free or new connection.</li>
 *   <li>Statements: each connection starts with a server-side {@link #STATEMENT_TIMEOUT} and
 *       {@link #LOCK_TIMEOUT}, set by {@code SET} when the connection is opened so that no URL parameter can
 *       drop them; {@link #SOCKET_TIMEOUT} is longer, a last resort for a silent network.</li>
 * </ul>
 */
public final class DataSources {

    /** Longest wait for a connection from the pool, including opening one. */
    public static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(10);

    /** Longest TCP connect to the server. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** Longest connect plus authentication. */
    public static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(10);

    /** Longest any statement runs on the server before it is cancelled. */
    public static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(30);

    /** Longest any statement waits for a row or table lock held by another transaction. */
    public static final Duration LOCK_TIMEOUT = Duration.ofSeconds(5);

    /** A transaction left open and idle by a stalled client is ended after this, releasing its locks. */
    public static final Duration IDLE_IN_TRANSACTION_TIMEOUT = Duration.ofSeconds(60);

    /** Longest silence on the socket; above the statement timeout so that the server's cancel comes first. */
    public static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);

    private DataSources() {}

    /**
     * Opens a pool of up to {@code maximumPoolSize} connections and checks that one can be made.
     *
     * @param poolName names the pool in logs and, as {@code application_name}, in {@code pg_stat_activity}
     * @throws PostgresAdapterException when no connection can be made, with the driver's exception as cause
     */
    public static HikariDataSource pooled(PostgresConnectionSettings settings, String poolName, int maximumPoolSize) {
        return pooled(settings, poolName, maximumPoolSize, maximumPoolSize);
    }

    /**
     * As {@link #pooled(PostgresConnectionSettings, String, int)}, keeping only {@code minimumIdle} connections
     * open while idle: more are opened when asked for, up to {@code maximumPoolSize}. A one-shot command opens
     * the one connection it uses, not a full pool it never needs.
     */
    public static HikariDataSource pooled(
            PostgresConnectionSettings settings, String poolName, int maximumPoolSize, int minimumIdle) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(poolName, "poolName");
        if (poolName.isBlank()) {
            throw new IllegalArgumentException("poolName must not be blank");
        }
        if (maximumPoolSize < 1) {
            throw new IllegalArgumentException("maximumPoolSize must be 1 or more, was " + maximumPoolSize);
        }
        if (minimumIdle < 1 || minimumIdle > maximumPoolSize) {
            throw new IllegalArgumentException(
                    "minimumIdle must be between 1 and " + maximumPoolSize + ", was " + minimumIdle);
        }
        try {
            HikariConfig configuration = configuration(settings, poolName, maximumPoolSize);
            configuration.setMinimumIdle(minimumIdle);
            return new HikariDataSource(configuration);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            // Passwords masked: the URL may carry one, and the driver's message may quote the URL's host part.
            throw new PostgresAdapterException(
                    Redaction.text(
                            "Could not connect to " + settings.redactedUrl() + " as " + settings.user() + " (pool "
                                    + poolName + "): " + cause.getMessage(),
                            settings.secrets()),
                    e);
        }
    }

    private static HikariConfig configuration(PostgresConnectionSettings settings, String poolName, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        // Named explicitly: a shaded jar may lose the driver's META-INF/services entry for DriverManager.
        config.setDriverClassName("org.postgresql.Driver");
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(size);
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        // Positive: make one connection now and throw if that fails, rather than start a pool that cannot work.
        config.setInitializationFailTimeout(1);
        config.addDataSourceProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT.toSeconds()));
        config.addDataSourceProperty("loginTimeout", String.valueOf(LOGIN_TIMEOUT.toSeconds()));
        config.addDataSourceProperty("socketTimeout", String.valueOf(SOCKET_TIMEOUT.toSeconds()));
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("ApplicationName", poolName);
        config.setConnectionInitSql(sessionTimeoutsSql());
        return config;
    }

    static String sessionTimeoutsSql() {
        return "SET statement_timeout = '" + STATEMENT_TIMEOUT.toMillis() + "ms'; "
                + "SET lock_timeout = '" + LOCK_TIMEOUT.toMillis() + "ms'; "
                + "SET idle_in_transaction_session_timeout = '" + IDLE_IN_TRANSACTION_TIMEOUT.toMillis() + "ms'";
    }
}
