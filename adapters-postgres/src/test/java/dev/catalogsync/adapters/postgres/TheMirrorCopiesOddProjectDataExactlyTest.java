package dev.catalogsync.adapters.postgres;

import static dev.catalogsync.application.flags.FeatureFlagDefinitions.PROCESS_CATALOG_RESOURCE_SYNC_EVENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import dev.catalogsync.application.flags.FeatureFlagStates;
import dev.catalogsync.application.port.in.BatchSize;
import dev.catalogsync.application.port.in.DrainSyncEvents;
import dev.catalogsync.application.port.in.DrainSyncEvents.DrainReport;
import dev.catalogsync.application.port.in.DrainSyncEvents.StopReason;
import dev.catalogsync.application.port.out.EnqueueStatistics;
import dev.catalogsync.application.port.out.SyncStatistics;
import dev.catalogsync.application.port.out.WorkerQueue;
import dev.catalogsync.application.service.DrainSyncEventsService;
import dev.catalogsync.application.service.PerformSyncWorkerService;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Project data as odd as {@code projects} allows, through the real worker on the PostgreSQL adapters: whatever a
 * project holds, its catalog resource ends up holding the same, byte for byte, and no row of it holds up the
 * queue. Behaviour only: the use case in, the tables out, whatever SQL the adapters run.
 */
class TheMirrorCopiesOddProjectDataExactlyTest {

    private static final int ONE_MIB = 1024 * 1024;

    private static PostgresTestDatabase database;

    private DrainSyncEvents drain;

    /** What one project is updated to; the description may be null. */
    record Row(String name, String description, int visibilityLevel) {}

    @BeforeAll
    static void createDatabase() {
        database = PostgresTestDatabase.createMigrated();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @BeforeEach
    void emptyTablesAndTheWorker() {
        database.truncateAll();
        PostgresFeatureFlagStore flags = new PostgresFeatureFlagStore(database.dataSource());
        flags.setOverride(PROCESS_CATALOG_RESOURCE_SYNC_EVENTS.name(), true);
        PerformSyncWorkerService worker = new PerformSyncWorkerService(
                new PostgresSyncEventQueue(database.dataSource()),
                new PostgresSyncBatches(database.dataSource()),
                new PostgresExclusiveLease(database.dataSource()),
                WorkerQueue.NONE,
                new FeatureFlagStates(flags),
                SyncStatistics.NOOP,
                EnqueueStatistics.NOOP,
                Clock.systemUTC());
        // Nothing else takes the lease here, so the drain never waits for it.
        drain = new DrainSyncEventsService(worker, duration -> {});
    }

    /** The odd rows, each a case of its own, by what makes it odd. */
    private static Map<String, Row> oddRows() {
        Map<String, Row> rows = new LinkedHashMap<>();
        rows.put("a 1 MiB description", new Row("large", megabyteOfText(1), 20));
        rows.put("another 1 MiB description", new Row("large too", megabyteOfText(2), 10));
        rows.put(
                "unicode: accents, CJK, right to left, combining marks, emoji with joiners",
                new Row(
                        "Ünïcødé 名前 עִבְרִית e\u0301 👩\u200d💻 🚀",
                        "Ελληνικά, русский, 中文, العربية, 🇺🇦, \uFEFFBOM, \u200Bzero width",
                        0));
        rows.put(
                "control characters",
                new Row("tab\there\nnewline\r\u0007bell \u001b[31mescape\u007f", controlCharacters(), 10));
        rows.put("a NULL description", new Row("no description", null, 20));
        rows.put("an empty description", new Row("empty description", "", 20));
        rows.put("a name of blanks", new Row("   ", "   ", 0));
        rows.put("a name of 255 four-byte characters", new Row("🚀".repeat(255), "x", 0));
        rows.put("SQL in the data", new Row("'); DROP TABLE projects; --", "$$ \\ \\\\ %s %% ?", 20));
        rows.put("a visibility of -1", new Row("minus one", "d", -1));
        rows.put("a visibility of 7", new Row("seven", "d", 7));
        rows.put("the largest visibility", new Row("max", "d", Integer.MAX_VALUE));
        rows.put("the smallest visibility", new Row("min", "d", Integer.MIN_VALUE));
        return rows;
    }

    @Test
    void every_odd_row_is_copied_byte_for_byte_and_the_drain_empties_the_queue() {
        Map<String, Row> odd = oddRows();
        List<Long> before = createCatalogProjects(5, "ordinary before");
        Map<String, Long> oddIds = new LinkedHashMap<>();
        odd.keySet()
                .forEach(what -> oddIds.put(what, createCatalogProjects(1, what).get(0)));
        List<Long> after = createCatalogProjects(5, "ordinary after");
        odd.forEach((what, row) -> update(oddIds.get(what), row));
        before.forEach(id -> update(id, new Row("ordinary, renamed " + id, "d", 20)));
        after.forEach(id -> update(id, new Row("ordinary, renamed " + id, "d", 20)));
        long events = pending();

        // Small batches: odd rows share batches with each other and with ordinary ones.
        DrainReport report = drain.drain(new BatchSize(3), DrainSyncEvents.Listener.NONE);

        assertThat(report.stoppedBy()).isEqualTo(StopReason.EMPTY_QUEUE);
        assertThat(report.processedEvents()).isEqualTo(events).isEqualTo(odd.size() + 10);
        assertThat(pending()).isZero();
        odd.forEach((what, row) -> assertCopiedExactly(what, oddIds.get(what), row));
        assertThat(database.count("SELECT count(*) FROM catalog_resources c JOIN projects p ON p.id = c.project_id "
                        + "WHERE (c.name, c.description, c.visibility_level) IS DISTINCT FROM "
                        + "(p.name, p.description, p.visibility_level)"))
                .as("resources differing from their project")
                .isZero();
    }

    @Test
    void the_queue_goes_on_past_odd_rows_updated_again_and_again() {
        Map<String, Row> odd = oddRows();
        Map<String, Long> oddIds = new LinkedHashMap<>();
        odd.keySet()
                .forEach(what -> oddIds.put(what, createCatalogProjects(1, what).get(0)));
        List<Long> ordinary = createCatalogProjects(3, "ordinary");

        for (int round = 1; round <= 3; round++) {
            int thisRound = round;
            odd.forEach((what, row) -> update(
                    oddIds.get(what),
                    new Row(row.name(), row.description() == null ? null : row.description() + thisRound, -thisRound)));
            ordinary.forEach(id -> update(id, new Row("ordinary " + thisRound, "round " + thisRound, 10)));

            DrainReport report = drain.drain(new BatchSize(1000), DrainSyncEvents.Listener.NONE);

            assertThat(report.stoppedBy()).as("round %d", round).isEqualTo(StopReason.EMPTY_QUEUE);
            assertThat(pending()).as("round %d", round).isZero();
            assertThat(database.count("SELECT count(*) FROM catalog_resources WHERE name = 'ordinary " + round + "'"))
                    .as("round %d", round)
                    .isEqualTo(3);
        }
        odd.forEach((what, row) -> assertCopiedExactly(
                what,
                oddIds.get(what),
                new Row(row.name(), row.description() == null ? null : row.description() + 3, -3)));
    }

    @Test
    void a_nul_character_cannot_be_stored_in_projects_so_it_never_reaches_the_queue() {
        long id = createCatalogProjects(1, "before").get(0);

        assertThatThrownBy(() -> update(id, new Row("nul \u0000 inside", "d", 0)))
                .hasMessageContaining("0x00");
        assertThat(pending()).isZero();
    }

    private static void assertCopiedExactly(String what, long projectId, Row expected) {
        Row copied = catalogResourceOf(projectId);
        assertThat(bytes(copied.name())).as(what + ": name").isEqualTo(bytes(expected.name()));
        assertThat(bytes(copied.description())).as(what + ": description").isEqualTo(bytes(expected.description()));
        assertThat(copied.visibilityLevel()).as(what + ": visibility_level").isEqualTo(expected.visibilityLevel());
    }

    private static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code count} projects, each a catalog resource holding a copy of it; their ids. */
    private static List<Long> createCatalogProjects(int count, String name) {
        List<Long> ids = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement project = connection.prepareStatement(
                        "INSERT INTO projects (name, description, visibility_level) VALUES (?, 'initial', 0) "
                                + "RETURNING id");
                PreparedStatement resource = connection.prepareStatement(
                        "INSERT INTO catalog_resources (project_id, name, description, visibility_level) "
                                + "VALUES (?, ?, 'initial', 0)")) {
            for (int i = 0; i < count; i++) {
                project.setString(1, name);
                try (ResultSet rows = project.executeQuery()) {
                    rows.next();
                    ids.add(rows.getLong(1));
                }
                resource.setLong(1, ids.get(ids.size() - 1));
                resource.setString(2, name);
                resource.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }

    /** One {@code UPDATE projects} as an application would write it; the trigger queues the event. */
    private static void update(long projectId, Row row) {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE projects SET name = ?, description = ?, visibility_level = ? WHERE id = ?")) {
            update.setString(1, row.name());
            update.setString(2, row.description());
            update.setInt(3, row.visibilityLevel());
            update.setLong(4, projectId);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static Row catalogResourceOf(long projectId) {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT name, description, visibility_level FROM catalog_resources WHERE project_id = ?")) {
            select.setLong(1, projectId);
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next())
                        .as("a catalog resource for project %d", projectId)
                        .isTrue();
                return new Row(rows.getString(1), rows.getString(2), rows.getInt(3));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long pending() {
        return database.count("SELECT count(*) FROM p_catalog_resource_sync_events WHERE status = 1");
    }

    /** At least 1 MiB of UTF-8 that does not compress away: one, two, three and four-byte characters at random. */
    private static String megabyteOfText(long seed) {
        String[] palette = {"a", "Z", " ", "\n", "é", "ß", "名", "前", "🚀", "👩\u200d💻"};
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder();
        int bytes = 0;
        while (bytes < ONE_MIB) {
            String next = palette[random.nextInt(palette.length)];
            text.append(next);
            bytes += next.getBytes(StandardCharsets.UTF_8).length;
        }
        return text.toString();
    }

    /** Every C0 control character but NUL, DEL, and C1's NEL and the Unicode line and paragraph separators. */
    private static String controlCharacters() {
        StringBuilder text = new StringBuilder();
        for (char c = 1; c < 0x20; c++) {
            text.append(c);
        }
        return text.append('\u007f')
                .append('\u0085')
                .append('\u2028')
                .append('\u2029')
                .toString();
    }
}
