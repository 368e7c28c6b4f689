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
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The batch statement's plans stay on the indexes on tables whose statistics say they are large (analyzed after
 * {@value #ROWS} projects, resources and pending events), as custom plans and as the generic plans a prepared
 * statement settles on: the batch reaches the updates as arrays, never as a join. The control shows what a join
 * against the batch does on the same tables.
 */
class BatchPlansStayOnTheIndexesTest {

    private static final int ROWS = 100_000;

    /** The tables whose size grows with the installation; a sequential scan of any of them is what we rule out. */
    private static final List<String> LARGE_TABLES =
            List.of("projects", "catalog_resources", "catalog_resource_sync_events_1");

    private static PostgresTestDatabase database;

    private Connection session;

    /** One node of a plan that reads a table. */
    record Scan(String nodeType, String relation) {}

    @BeforeAll
    static void fill_and_analyze_large_tables() {
        database = PostgresTestDatabase.createMigrated();
        database.execute("INSERT INTO projects (name) SELECT 'project ' || n FROM generate_series(1, " + ROWS + ") n");
        database.execute("INSERT INTO catalog_resources (project_id, name) SELECT id, name FROM projects");
        database.execute("UPDATE projects SET name = name || ' renamed'");
        database.execute("ANALYZE");
    }

    @AfterAll
    static void drop_the_database() {
        database.close();
    }

    @BeforeEach
    void open_a_session_that_leaves_placeholders_to_explain() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", database.settings().user());
        properties.setProperty("password", database.settings().password());
        // The simple protocol leaves $n in the text for EXPLAIN (GENERIC_PLAN) instead of expecting values.
        properties.setProperty("preferQueryMode", "simple");
        session = DriverManager.getConnection(database.jdbcUrl(), properties);
    }

    @AfterEach
    void close_the_session() throws SQLException {
        session.close();
    }

    /** The batch statement with its JDBC placeholders numbered as PostgreSQL's. */
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

    /** Every node of the plan that reads a relation, from {@code EXPLAIN (FORMAT JSON)} walked by PostgreSQL. */
    private List<Scan> scans(String explainOptions, String statement) throws SQLException {
        String plan;
        try (Statement explain = session.createStatement();
                ResultSet rows = explain.executeQuery("EXPLAIN (FORMAT JSON" + explainOptions + ") " + statement)) {
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

    private static void assertReadsLargeTablesOnlyThroughIndexes(List<Scan> scans) {
        assertThat(scans)
                .as("scans of the large tables")
                .filteredOn(scan -> LARGE_TABLES.contains(scan.relation()))
                .isNotEmpty()
                .allSatisfy(scan -> assertThat(scan.nodeType()).isIn("Index Scan", "Index Only Scan", "ModifyTable"));
        assertThat(scans).extracting(Scan::relation).contains("projects", "catalog_resources");
    }

    @Test
    void the_batch_reads_every_large_table_through_an_index() throws SQLException {
        String statement = PostgresSyncBatches.batchStatement(1000)
                .replaceFirst("\\?", "60")
                .replaceFirst("\\?", "'lease'")
                .replaceFirst("\\?", "'00000000-0000-0000-0000-000000000001'");

        assertReadsLargeTablesOnlyThroughIndexes(scans("", statement));
    }

    @Test
    void so_does_its_generic_plan() throws SQLException {
        String statement = withNumberedPlaceholders(PostgresSyncBatches.batchStatement(1000));

        assertReadsLargeTablesOnlyThroughIndexes(scans(", GENERIC_PLAN", statement));
    }

    @Test
    void a_join_against_the_batch_would_scan_a_large_table_whole() throws SQLException {
        String joined = """
                WITH taken AS MATERIALIZED (
                    SELECT e.id, e.catalog_resource_id FROM p_catalog_resource_sync_events e
                     WHERE e.status = 1 ORDER BY e.id LIMIT $1)
                UPDATE catalog_resources cr SET name = p.name
                  FROM taken t, projects p
                 WHERE cr.id = t.catalog_resource_id AND p.id = cr.project_id""";

        assertThat(scans(", GENERIC_PLAN", joined))
                .filteredOn(scan -> scan.nodeType().equals("Seq Scan"))
                .extracting(Scan::relation)
                .containsAnyOf("catalog_resources", "projects");
    }
}
