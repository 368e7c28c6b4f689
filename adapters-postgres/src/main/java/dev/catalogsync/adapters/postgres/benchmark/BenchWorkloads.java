package dev.catalogsync.adapters.postgres.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The data the bench works on, written as an application would: plain SQL on {@code projects} and
 * {@code catalog_resources}, whose trigger queues the events. Every bulk step is one statement, whatever the
 * count. Meant for the bench's scratch database only: {@link #clear()} truncates.
 */
public final class BenchWorkloads {

    /** Projects with consecutive ids. */
    public record ProjectRange(long firstId, long lastId) {

        public ProjectRange {
            if (lastId < firstId) {
                throw new IllegalArgumentException("an empty range: " + firstId + ".." + lastId);
            }
        }

        public int count() {
            return Math.toIntExact(lastId - firstId + 1);
        }

        /** The first {@code count} projects of this range. */
        public ProjectRange first(int count) {
            if (count < 1 || count > count()) {
                throw new IllegalArgumentException("cannot take " + count + " of " + count() + " projects");
            }
            return new ProjectRange(firstId, firstId + count - 1);
        }
    }

    /**
     * What a write cost its writer.
     *
     * @param wall from the first statement sent to the last one committed, as this process saw it
     * @param serverCpu CPU time of the server process that ran the statements, trigger included, read from
     *     {@code /proc} through {@code pg_read_file}: empty where that is not allowed (no superuser) or not Linux.
     *     Unlike the wall time it hardly moves when other processes share the machine.
     */
    public record WriteCost(Duration wall, Optional<Duration> serverCpu) {}

    /** {@code /proc/PID/stat} counts in clock ticks of 1/100 s on Linux (USER_HZ). */
    private static final int TICKS_PER_SECOND = 100;

    private final DataSource dataSource;
    private final Jdbc jdbc;

    public BenchWorkloads(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new Jdbc(dataSource);
    }

    /** Empties projects, catalog resources and the queue, and restarts their ids. */
    public void clear() {
        jdbc.executeLong("TRUNCATE projects, catalog_resources, p_catalog_resource_sync_events RESTART IDENTITY");
    }

    /** Creates {@code count} projects with a catalog resource each, the resources in sync with them. */
    public ProjectRange createCatalogProjects(int count) {
        ProjectRange projects = createOrdinaryProjects(count);
        jdbc.executeLong("INSERT INTO catalog_resources (project_id, name, description, visibility_level) "
                + "SELECT id, name, description, visibility_level FROM projects WHERE id BETWEEN "
                + projects.firstId() + " AND " + projects.lastId());
        return projects;
    }

    /** Creates {@code count} projects that are not catalog resources. */
    public ProjectRange createOrdinaryProjects(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be 1 or more, was " + count);
        }
        long before = jdbc.number("SELECT coalesce(max(id), 0) FROM projects");
        jdbc.executeLong("INSERT INTO projects (name, description, visibility_level) "
                + "SELECT 'bench project ' || g, 'made by catalog-sync bench', 20 FROM generate_series(1, " + count
                + ") g");
        long first = jdbc.number("SELECT min(id) FROM projects WHERE id > ?", before);
        long last = jdbc.number("SELECT max(id) FROM projects WHERE id > ?", before);
        return new ProjectRange(first, last);
    }

    /**
     * Renames every project of the range in one {@code UPDATE}, committed on its own, as a bulk SQL change
     * would: the trigger queues one event per catalog project among them.
     *
     * @param round part of every new name, so that each call changes each name
     * @return how many projects were renamed
     */
    public int rename(ProjectRange projects, String round) {
        int[] renamed = {0};
        onOneConnection(
                "UPDATE projects SET name = ... (bulk)",
                connection -> renamed[0] = bulkRename(connection, projects, round));
        return renamed[0];
    }

    /** As {@link #rename}, measuring what the statement cost its writer. */
    public WriteCost measuredRename(ProjectRange projects, String round) {
        return measured("UPDATE projects SET name = ... (bulk)", connection -> bulkRename(connection, projects, round));
    }

    /**
     * Renames each project of the range with an {@code UPDATE} of its own, each committed, in id order, on one
     * connection, with {@code synchronous_commit} off for that session: each commit then costs a write of the
     * WAL, not the wait for its flush to disk, which would hide what the trigger costs under the disk's latency.
     * Returns what the updates cost their writer.
     */
    public WriteCost renameOneAtATime(ProjectRange projects, String round) {
        return measured(
                "UPDATE projects SET name = ... (one row)",
                connection -> oneAtATime(
                        connection,
                        projects,
                        "UPDATE projects SET name = 'bench project ' || id || ' ' || ? WHERE id = ?",
                        round));
    }

    /** As {@link #renameOneAtATime}, setting {@code updated_at} only: a column the sync does not mirror. */
    public WriteCost touchOneAtATime(ProjectRange projects) {
        return measured(
                "UPDATE projects SET updated_at = now() (one row)",
                connection ->
                        oneAtATime(connection, projects, "UPDATE projects SET updated_at = now() WHERE id = ?", null));
    }

    @FunctionalInterface
    private interface Work {
        void run(Connection connection) throws SQLException;
    }

    private void onOneConnection(String what, Work work) {
        try (Connection connection = dataSource.getConnection()) {
            work.run(connection);
        } catch (SQLException e) {
            throw Jdbc.failed(what, e);
        }
    }

    private WriteCost measured(String what, Work work) {
        WriteCost[] cost = {null};
        onOneConnection(what, connection -> {
            Optional<Long> ticksBefore = serverTicks(connection);
            long started = System.nanoTime();
            work.run(connection);
            Duration wall = Duration.ofNanos(System.nanoTime() - started);
            Optional<Long> ticksAfter = serverTicks(connection);
            Optional<Duration> cpu = ticksBefore.flatMap(
                    before -> ticksAfter.map(after -> Duration.ofMillis((after - before) * 1000 / TICKS_PER_SECOND)));
            cost[0] = new WriteCost(wall, cpu);
        });
        return cost[0];
    }

    /** User and system CPU ticks of the server process behind this connection; empty where it cannot be read. */
    private static Optional<Long> serverTicks(Connection connection) {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT pg_read_file('/proc/self/stat')")) {
            rows.next();
            String stat = rows.getString(1);
            // After the command name in parentheses: state is field 3, utime 14 and stime 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of(Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
        } catch (SQLException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static int bulkRename(Connection connection, ProjectRange projects, String round) throws SQLException {
        try (Statement timeout = connection.createStatement();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE projects SET name = 'bench project ' || id || ' ' || ? WHERE id BETWEEN ? AND ?")) {
            String previous = Jdbc.liftStatementTimeout(timeout);
            try {
                update.setString(1, round);
                update.setLong(2, projects.firstId());
                update.setLong(3, projects.lastId());
                return update.executeUpdate();
            } finally {
                Jdbc.restoreStatementTimeout(timeout, previous);
            }
        }
    }

    private static void oneAtATime(Connection connection, ProjectRange projects, String sql, String round)
            throws SQLException {
        try (Statement session = connection.createStatement();
                PreparedStatement update = connection.prepareStatement(sql)) {
            String synchronousCommit = Jdbc.replaceSetting(session, "synchronous_commit", "off");
            try {
                for (long id = projects.firstId(); id <= projects.lastId(); id++) {
                    if (round == null) {
                        update.setLong(1, id);
                    } else {
                        update.setString(1, round);
                        update.setLong(2, id);
                    }
                    update.executeUpdate();
                }
            } finally {
                Jdbc.replaceSetting(session, "synchronous_commit", synchronousCommit);
            }
        }
    }

    /** Drops every queued event, pending or not. */
    public void emptyQueue() {
        jdbc.executeLong("TRUNCATE p_catalog_resource_sync_events");
    }

    /** Reclaims the row versions the last round left and refreshes the planner's statistics. */
    public void vacuum() {
        jdbc.executeLong(
                "VACUUM (ANALYZE) projects",
                "VACUUM (ANALYZE) catalog_resources",
                "VACUUM (ANALYZE) p_catalog_resource_sync_events");
    }

    /** The server's version line, for the report's header. */
    public String serverVersion() {
        return jdbc.text("SELECT version()");
    }

    public long pendingEvents() {
        return jdbc.number("SELECT count(*) FROM p_catalog_resource_sync_events WHERE status = 1");
    }

    /** Catalog resources whose copies differ from their project's values: 0 once a drain is done right. */
    public long driftedResources() {
        return jdbc.number("SELECT count(*) FROM catalog_resources cr JOIN projects p ON p.id = cr.project_id "
                + "WHERE (cr.name, cr.description, cr.visibility_level) "
                + "IS DISTINCT FROM (p.name, p.description, p.visibility_level)");
    }
}
