package dev.catalogsync.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.jooq.DSLContext;
import org.jooq.QueryPart;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hot-path statements can use the partial index on pending ids even as generic plans, the plans a
 * prepared statement settles on after a few runs, where bound values are unknown to the planner. A pending
 * filter bound as a parameter would pass every other test and still scan the whole queue in production.
 */
class PendingQueriesUseThePartialIndexTest {

    private static PostgresTestDatabase database;

    /** Renders bind values as {@code $1, $2, ...}, the placeholders {@code EXPLAIN (GENERIC_PLAN)} accepts. */
    private static final DSLContext PLACEHOLDERS = DSL.using(
            SQLDialect.POSTGRES, new Settings().withRenderSchema(false).withRenderNamedParamPrefix("$"));

    private final PostgresSyncEventQueue queue = new PostgresSyncEventQueue(database.dataSource());
    private Connection connection;

    @BeforeAll
    static void create_a_database_for_the_class() {
        database = PostgresTestDatabase.createMigrated();
    }

    @AfterAll
    static void drop_the_database() {
        database.close();
    }

    @BeforeEach
    void open_a_session_that_avoids_sequential_scans_where_it_can() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", database.settings().user());
        properties.setProperty("password", database.settings().password());
        // The simple protocol leaves $n in the text for EXPLAIN instead of expecting values for them.
        properties.setProperty("preferQueryMode", "simple");
        connection = DriverManager.getConnection(database.jdbcUrl(), properties);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET enable_seqscan = off");
        }
    }

    @AfterEach
    void close_the_session() throws SQLException {
        connection.close();
    }

    private String genericPlan(QueryPart query) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "EXPLAIN (GENERIC_PLAN, COSTS OFF) " + PLACEHOLDERS.renderNamedParams(query))) {
            while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    private static void assertUsesThePartialIndex(String plan) {
        assertThat(plan).contains("catalog_resource_sync_events_1_id_idx").doesNotContain("Seq Scan");
    }

    @Test
    void the_pending_range_reads_the_ends_of_the_partial_index() throws SQLException {
        assertUsesThePartialIndex(genericPlan(queue.pendingRangeQuery()));
    }

    @Test
    void whether_anything_is_pending_is_one_probe_of_the_partial_index() throws SQLException {
        assertUsesThePartialIndex(genericPlan(queue.hasPendingQuery()));
    }

    /** The batch takes and marks events through the partial index; its other plans: BatchPlansStayOnTheIndexesTest. */
    @Test
    void the_batch_takes_and_marks_events_through_the_partial_index() throws SQLException {
        StringBuilder plan = new StringBuilder();
        String statement = PostgresSyncBatches.batchStatement(1000);
        for (int parameter = 1; statement.contains("?"); parameter++) {
            statement = statement.replaceFirst("\\?", "\\$" + parameter);
        }
        try (Statement explain = connection.createStatement();
                ResultSet rows = explain.executeQuery("EXPLAIN (GENERIC_PLAN, COSTS OFF) " + statement)) {
            while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
            }
        }

        assertUsesThePartialIndex(plan.toString());
        assertThat(plan.toString().split("catalog_resource_sync_events_1_id_idx", -1))
                .as("the take, the mark and the two ends of the estimate")
                .hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void a_bound_pending_status_would_not_use_the_partial_index() throws SQLException {
        String plan = genericPlan(DSL.selectOne()
                .from(DSL.table("p_catalog_resource_sync_events"))
                .where(DSL.field("status").eq(DSL.val((short) 1))));

        assertThat(plan).contains("Seq Scan");
    }
}
