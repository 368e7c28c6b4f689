package dev.catalogsync.adapters.postgres.benchmark;

import com.zaxxer.hikari.HikariDataSource;
import dev.catalogsync.adapters.postgres.DataSources;
import dev.catalogsync.adapters.postgres.PostgresAdapterException;
import dev.catalogsync.adapters.postgres.PostgresConnectionSettings;
import dev.catalogsync.adapters.postgres.SchemaMigrator;
import java.util.List;
import javax.sql.DataSource;

/**
 * The bench's own database, {@value #NAME}, created on the server the bench is pointed at, migrated, and dropped
 * when closed. Nothing else on the server is read or written; its load is what the server feels.
 *
 * <p>The database is marked with a comment when created. One left behind by an interrupted bench carries the
 * mark and is dropped and created afresh; a database of that name without the mark is someone else's and is
 * refused.
 */
public final class BenchDatabase implements AutoCloseable {

    /** The scratch database's name. */
    public static final String NAME = "catalog_sync_bench";

    /** Connections of the bench's pool: the service's drain, the baseline, the probe's writer and watcher. */
    static final int POOL_SIZE = 8;

    private static final String MARK = "catalog-sync bench scratch database: dropped when the bench ends";

    private final Jdbc server;
    private final PostgresConnectionSettings settings;
    private final HikariDataSource dataSource;

    private BenchDatabase(Jdbc server, PostgresConnectionSettings settings, HikariDataSource dataSource) {
        this.server = server;
        this.settings = settings;
        this.dataSource = dataSource;
    }

    /**
     * The tables of the database {@code server} connects to (outside PostgreSQL's own schemas), as
     * {@code schema.table}, at most {@code limit} of them: a database with tables of its own holds data that
     * matters to someone, and its server is likely busy with more than a bench.
     */
    public static List<String> tablesOf(DataSource server, int limit) {
        String names = new Jdbc(server)
                .text(
                        "SELECT coalesce(string_agg(name, ',' ORDER BY name), '') FROM (SELECT n.nspname || '.' || c.relname AS name "
                                + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') "
                                + "AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' "
                                + "ORDER BY 1 LIMIT " + limit + ") t");
        return names.isEmpty() ? List.of() : List.of(names.split(","));
    }

    /**
     * Creates {@value #NAME} on the server that {@code server} connects to, migrates it and opens a pool on it.
     *
     * @param server a connection to any database of the server, allowed to create databases
     * @param serverSettings how {@code server} connects, to connect the same way to the new database
     * @throws PostgresAdapterException when a database of that name exists that the bench did not create, or it
     *     cannot be created or migrated
     */
    public static BenchDatabase create(DataSource server, PostgresConnectionSettings serverSettings) {
        Jdbc jdbc = new Jdbc(server);
        String mark = jdbc.text("SELECT coalesce((SELECT coalesce(shobj_description(oid, 'pg_database'), '') "
                + "FROM pg_database WHERE datname = '" + NAME + "'), 'absent')");
        if (mark.equals(MARK)) {
            jdbc.execute("DROP DATABASE " + NAME + " WITH (FORCE)");
        } else if (!mark.equals("absent")) {
            throw new PostgresAdapterException("the server already has a database " + NAME
                    + " that the bench did not create; the bench will not drop it (drop or rename it yourself)");
        }
        jdbc.execute("CREATE DATABASE " + NAME, "COMMENT ON DATABASE " + NAME + " IS '" + MARK + "'");
        PostgresConnectionSettings settings = new PostgresConnectionSettings(
                jdbcUrlOfDatabase(serverSettings.jdbcUrl(), NAME), serverSettings.user(), serverSettings.password());
        HikariDataSource dataSource = null;
        try {
            dataSource = DataSources.pooled(settings, "catalog-sync-bench", POOL_SIZE);
            new SchemaMigrator(dataSource).migrate();
            return new BenchDatabase(jdbc, settings, dataSource);
        } catch (RuntimeException e) {
            if (dataSource != null) {
                dataSource.close();
            }
            jdbc.execute("DROP DATABASE IF EXISTS " + NAME + " WITH (FORCE)");
            throw e;
        }
    }

    /**
     * {@code jdbcUrl} naming {@code database} instead of its own database, parameters kept:
     * {@code jdbc:postgresql://host:5432/app?ssl=true} becomes {@code jdbc:postgresql://host:5432/bench?ssl=true}.
     */
    static String jdbcUrlOfDatabase(String jdbcUrl, String database) {
        String prefix = "jdbc:postgresql:";
        if (!jdbcUrl.startsWith(prefix)) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        String rest = jdbcUrl.substring(prefix.length());
        int query = rest.indexOf('?');
        String parameters = query < 0 ? "" : rest.substring(query);
        String location = query < 0 ? rest : rest.substring(0, query);
        if (!location.startsWith("//")) {
            return prefix + database + parameters;
        }
        int path = location.indexOf('/', 2);
        String hosts = path < 0 ? location : location.substring(0, path);
        return prefix + hosts + "/" + database + parameters;
    }

    /** Where the bench database is, for the processes the bench starts. */
    public PostgresConnectionSettings settings() {
        return settings;
    }

    /** The pool on the bench database. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Closes the pool and drops the database, ending any session still on it. */
    @Override
    public void close() {
        dataSource.close();
        server.execute("DROP DATABASE IF EXISTS " + NAME + " WITH (FORCE)");
    }

    @Override
    public String toString() {
        return NAME;
    }
}
