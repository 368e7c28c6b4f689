package dev.catalogsync.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The batch statement's plans stay on the indexes whatever the statistics say about large tables ({@value #ROWS}
 * projects, resources and pending events): analyzed, and never analyzed (a backlog loaded faster than autovacuum
 * analyzes it), as custom plans and as the generic plans a prepared statement settles on. Two things make it so:
 * the batch reaches the updates as arrays, never as a join, and the batch's transaction keeps the planner on index
 * scans ({@link PostgresSyncBatches#INDEX_PLANS}). The controls show what each of those prevents.
 */
class BatchPlansStayOnTheIndexesTest {

    private static final int ROWS = 100_000;

    /** The tables whose size grows with the installation; a sequential scan of any of them is what we rule out. */
    private static final List<String> LARGE_TABLES =
            List.of("projects", "catalog_resources", "catalog_resource_sync_events_1");

    private static final String JOINED_BATCH = """
            WITH taken AS MATERIALIZED (
                SELECT e.id, e.catalog_resource_id FROM p_catalog_resource_sync_events e
                 WHERE e.status = 1 ORDER BY e.id LIMIT $1)
            UPDATE catalog_resources cr SET name = p.name
              FROM taken t, projects p
             WHERE cr.id = t.catalog_resource_id AND p.id = cr.project_id""";

    private static PostgresTestDatabase analyzed;
    private static PostgresTestDatabase neverAnalyzed;

    /** One node of a plan that reads a table. */
    record Scan(String nodeType, String relation) {}

    @BeforeAll
    static void fill_large_tables_analyzed_and_not() {
        analyzed = filled();
        analyzed.execute("ANALYZE");
        neverAnalyzed = filled();
    }

    private static PostgresTestDatabase filled() {
        PostgresTestDatabase database = PostgresTestDatabase.createMigrated();
        for (String table : List.of("projects", "catalog_resources", "catalog_resource_sync_events_1")) {
            database.execute("ALTER TABLE " + table + " SET (autovacuum_enabled = false)");
        }
        database.execute("INSERT INTO projects (name) SELECT 'project ' || n FROM generate_series(1, " + ROWS + ") n");
        database.execute("INSERT INTO catalog_resources (project_id, name) SELECT id, name FROM projects");
        database.execute("UPDATE projects SET name = name || ' renamed'");
        return database;
    }

    @AfterAll
    static void drop_the_databases() {
        analyzed.close();
        neverAnalyzed.close();
    }

    /** The batch statement with values in place of its JDBC placeholders: what a custom plan is made for. */
    private static String withValues(String statement) {
        return statement
                .replaceFirst("\\?", "60")
                .replaceFirst("\\?", "'lease'")
                .replaceFirst("\\?", "'00000000-0000-0000-0000-000000000001'");
    }

    /** The batch statement with its JDBC placeholders numbered as PostgreSQL's, for {@code GENERIC_PLAN}. */
    private static String withNumberedPlaceholders(String statement) {
        StringBuilder numbered = new StringBuilder();
        int next = 1;
        for (char c : statement.toCharArray()) {
            if (c == '?') {
                numbered.append('$').append(next++);
            } else {
                numbered.append(c);
            }
        }
        return numbered.toString();
    }

    /**
     * Every node of the plan that reads a relation, from {@code EXPLAIN (FORMAT JSON)} walked by PostgreSQL, in a
     * session with {@code settings} set as the batch's transaction sets them.
     */
    private static List<Scan> scans(
            PostgresTestDatabase database, Map<String, String> settings, String explainOptions, String statement)
            throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", database.settings().user());
        properties.setProperty("password", database.settings().password());
        // The simple protocol leaves $n in the text for EXPLAIN (GENERIC_PLAN) instead of expecting values.
        properties.setProperty("preferQueryMode", "simple");
        try (Connection session = DriverManager.getConnection(database.jdbcUrl(), properties);
                Statement explain = session.createStatement()) {
            for (Map.Entry<String, String> setting : settings.entrySet()) {
                explain.execute("SET " + setting.getKey() + " = " + setting.getValue());
            }
            String plan;
            try (ResultSet rows = explain.executeQuery("EXPLAIN (FORMAT JSON" + explainOptions + ") " + statement)) {
                rows.next();
                plan = rows.getString(1);
            }
            List<Scan> scans = new ArrayList<>();
            try (PreparedStatement walk = session.prepareStatement("""
                    SELECT node ->> 'Node Type', node ->> 'Relation Name'
                      FROM jsonb_path_query(?::jsonb, 'lax $.**') AS node
                     WHERE jsonb_typeof(node) = 'object' AND node ->> 'Node Type' IS NOT NULL
                       AND node ->> 'Relation Name' IS NOT NULL""")) {
                walk.setString(1, plan);
                try (ResultSet rows = walk.executeQuery()) {
                    while (rows.next()) {
                        scans.add(new Scan(rows.getString(1), rows.getString(2)));
                    }
                }
            }
            return scans;
        }
    }

    private static void assertReadsLargeTablesOnlyThroughIndexes(List<Scan> scans) {
        assertThat(scans)
                .as("scans of the large tables")
                .filteredOn(scan -> LARGE_TABLES.contains(scan.relation()))
                .isNotEmpty()
                .allSatisfy(scan -> assertThat(scan.nodeType()).isIn("Index Scan", "Index Only Scan", "ModifyTable"));
        assertThat(scans).extracting(Scan::relation).contains("projects", "catalog_resources");
    }

    private static final String BATCH = PostgresSyncBatches.batchStatement(1000);

    @Test
    void on_analyzed_tables_the_batch_reads_every_large_table_through_an_index() throws SQLException {
        assertReadsLargeTablesOnlyThroughIndexes(
                scans(analyzed, PostgresSyncBatches.INDEX_PLANS, "", withValues(BATCH)));
        assertReadsLargeTablesOnlyThroughIndexes(
                scans(analyzed, PostgresSyncBatches.INDEX_PLANS, ", GENERIC_PLAN", withNumberedPlaceholders(BATCH)));
    }

    @Test
    void on_tables_never_analyzed_it_still_does() throws SQLException {
        assertReadsLargeTablesOnlyThroughIndexes(
                scans(neverAnalyzed, PostgresSyncBatches.INDEX_PLANS, "", withValues(BATCH)));
        assertReadsLargeTablesOnlyThroughIndexes(scans(
                neverAnalyzed, PostgresSyncBatches.INDEX_PLANS, ", GENERIC_PLAN", withNumberedPlaceholders(BATCH)));
    }

    @Test
    void without_its_planner_settings_a_table_never_analyzed_would_have_every_pending_event_read_and_sorted()
            throws SQLException {
        assertThat(scans(neverAnalyzed, Map.of(), "", withValues(BATCH)))
                .filteredOn(scan -> scan.relation().equals("catalog_resource_sync_events_1"))
                .extracting(Scan::nodeType)
                .contains("Bitmap Heap Scan");
    }

    @Test
    void a_join_against_the_batch_would_scan_a_large_table_whole() throws SQLException {
        assertThat(scans(analyzed, Map.of(), ", GENERIC_PLAN", JOINED_BATCH))
                .filteredOn(scan -> scan.nodeType().equals("Seq Scan"))
                .extracting(Scan::relation)
                .containsAnyOf("catalog_resources", "projects");
    }
}
