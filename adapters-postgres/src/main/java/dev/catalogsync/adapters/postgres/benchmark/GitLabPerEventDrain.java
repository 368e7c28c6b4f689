package dev.catalogsync.adapters.postgres.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * GitLab's algorithm, {@code Ci::ProcessSyncEventsService#execute} with {@code Ci::Catalog::Resource.sync!}, as
 * the statements it sends, one round trip each, on one connection, until no pending event is left. Per batch:
 *
 * <ol>
 *   <li>{@code upper_bound_count}: {@code SELECT COALESCE(MAX(id) - MIN(id) + 1, 0) ... WHERE status = 1};
 *   <li>{@code unprocessed_events.preload_synced_relation.first(1000)}: the events in id order, then the
 *       preloads of their catalog resources and of those resources' projects ({@code WHERE id IN (...)});
 *   <li>for each event, {@code event.catalog_resource&.sync_with_project!}: the project's three values copied
 *       onto the preloaded resource, and, when that changed it, ActiveRecord's {@code save!}: {@code BEGIN},
 *       {@code UPDATE catalog_resources SET name, description, visibility_level, updated_at WHERE id = ?},
 *       {@code COMMIT}. A resource named by several events of the batch is one preloaded object, so only its
 *       first event writes. An orphaned event (its resource gone) writes nothing;
 *   <li>{@code mark_records_processed}: one {@code UPDATE ... SET status = 2 WHERE status = 1 AND
 *       partition_id = ? AND id IN (...)} per partition of the batch;
 *   <li>{@code enqueue_worker_if_there_still_event}: {@code SELECT 1 ... WHERE status = 1 LIMIT 1}; the next
 *       batch follows at once when it finds one.
 * </ol>
 *
 * <p>Left out, in GitLab's favour: the lease (a Redis round trip per batch there), Sidekiq's enqueue and pick-up
 * between batches, and Rails' own time per object. The per-event {@code UPDATE} is a server-prepared statement
 * here, where GitLab, which runs without prepared statements, sends each as new text.
 */
public final class GitLabPerEventDrain {

    /** {@code Ci::ProcessSyncEventsService::BATCH_SIZE}. */
    public static final int BATCH_SIZE = 1000;

    /**
     * What a drain did.
     *
     * @param batches performs of the service, the last one included
     * @param processedEvents events marked processed
     * @param resourceUpdates per-event {@code UPDATE}s of a catalog resource, each in its own transaction
     * @param roundTrips statements sent, {@code BEGIN} and {@code COMMIT} included
     */
    public record Totals(int batches, long processedEvents, long resourceUpdates, long roundTrips) {}

    private record Event(long id, long catalogResourceId, long partition) {}

    /** A preloaded row: mutable as ActiveRecord's objects are, so that later events of a batch see the copy. */
    private static final class Resource {
        final long id;
        final long projectId;
        String name;
        String description;
        int visibilityLevel;

        Resource(long id, long projectId, String name, String description, int visibilityLevel) {
            this.id = id;
            this.projectId = projectId;
            this.name = name;
            this.description = description;
            this.visibilityLevel = visibilityLevel;
        }
    }

    private record Project(String name, String description, int visibilityLevel) {}

    private final DataSource dataSource;
    private final Clock clock;

    public GitLabPerEventDrain(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Performs the service until it finds no pending event. */
    public Totals drain() {
        try (Connection connection = dataSource.getConnection();
                Statement sql = connection.createStatement();
                PreparedStatement save = connection.prepareStatement("UPDATE catalog_resources SET name = ?, "
                        + "description = ?, visibility_level = ?, updated_at = ? WHERE id = ?")) {
            Counter counter = new Counter();
            int batches = 0;
            long processed = 0;
            do {
                batches++;
                counter.query(
                        sql,
                        "SELECT COALESCE(MAX(id) - MIN(id) + 1, 0) AS upper_bound_count "
                                + "FROM p_catalog_resource_sync_events WHERE status = 1");
                List<Event> events = events(sql, counter);
                if (!events.isEmpty()) {
                    sync(events, sql, save, counter);
                    processed += markProcessed(events, sql, counter);
                }
            } while (stillPending(sql, counter));
            return new Totals(batches, processed, counter.updates, counter.roundTrips);
        } catch (SQLException e) {
            throw Jdbc.failed("GitLab's per-event drain", e);
        }
    }

    private static List<Event> events(Statement sql, Counter counter) throws SQLException {
        List<Event> events = new ArrayList<>(BATCH_SIZE);
        counter.roundTrips++;
        try (ResultSet rows = sql.executeQuery("SELECT id, catalog_resource_id, partition_id AS partition "
                + "FROM p_catalog_resource_sync_events WHERE status = 1 ORDER BY id ASC LIMIT " + BATCH_SIZE)) {
            while (rows.next()) {
                events.add(new Event(rows.getLong(1), rows.getLong(2), rows.getLong(3)));
            }
        }
        return events;
    }

    private void sync(List<Event> events, Statement sql, PreparedStatement save, Counter counter) throws SQLException {
        Map<Long, Resource> resources = new HashMap<>();
        counter.roundTrips++;
        try (ResultSet rows = sql.executeQuery("SELECT * FROM catalog_resources WHERE id IN ("
                + idList(events.stream().map(Event::catalogResourceId).toList()) + ")")) {
            while (rows.next()) {
                Resource resource = new Resource(
                        rows.getLong("id"),
                        rows.getLong("project_id"),
                        rows.getString("name"),
                        rows.getString("description"),
                        rows.getInt("visibility_level"));
                resources.put(resource.id, resource);
            }
        }
        Map<Long, Project> projects = new HashMap<>();
        if (!resources.isEmpty()) {
            counter.roundTrips++;
            try (ResultSet rows = sql.executeQuery("SELECT * FROM projects WHERE id IN ("
                    + idList(resources.values().stream().map(r -> r.projectId).toList()) + ")")) {
                while (rows.next()) {
                    projects.put(
                            rows.getLong("id"),
                            new Project(
                                    rows.getString("name"),
                                    rows.getString("description"),
                                    rows.getInt("visibility_level")));
                }
            }
        }
        for (Event event : events) {
            Resource resource = resources.get(event.catalogResourceId());
            Project project = resource == null ? null : projects.get(resource.projectId);
            if (project != null && differs(resource, project)) {
                resource.name = project.name();
                resource.description = project.description();
                resource.visibilityLevel = project.visibilityLevel();
                saveInItsOwnTransaction(resource, sql, save, counter);
            }
        }
    }

    private static boolean differs(Resource resource, Project project) {
        return !Objects.equals(resource.name, project.name())
                || !Objects.equals(resource.description, project.description())
                || resource.visibilityLevel != project.visibilityLevel();
    }

    /** ActiveRecord's {@code save!} of a changed record: three statements, three round trips. */
    private void saveInItsOwnTransaction(Resource resource, Statement sql, PreparedStatement save, Counter counter)
            throws SQLException {
        counter.execute(sql, "BEGIN");
        save.setString(1, resource.name);
        save.setString(2, resource.description);
        save.setInt(3, resource.visibilityLevel);
        save.setTimestamp(4, Timestamp.from(clock.instant()));
        save.setLong(5, resource.id);
        save.executeUpdate();
        counter.roundTrips++;
        counter.updates++;
        counter.execute(sql, "COMMIT");
    }

    private static int markProcessed(List<Event> events, Statement sql, Counter counter) throws SQLException {
        Map<Long, List<Long>> byPartition = new TreeMap<>();
        for (Event event : events) {
            byPartition
                    .computeIfAbsent(event.partition(), partition -> new ArrayList<>())
                    .add(event.id());
        }
        int marked = 0;
        for (Map.Entry<Long, List<Long>> partition : byPartition.entrySet()) {
            counter.roundTrips++;
            marked += sql.executeUpdate("UPDATE p_catalog_resource_sync_events SET status = 2 WHERE status = 1 "
                    + "AND partition_id = " + partition.getKey() + " AND id IN (" + idList(partition.getValue())
                    + ")");
        }
        return marked;
    }

    private static boolean stillPending(Statement sql, Counter counter) throws SQLException {
        counter.roundTrips++;
        try (ResultSet rows =
                sql.executeQuery("SELECT 1 AS one FROM p_catalog_resource_sync_events WHERE status = 1 LIMIT 1")) {
            return rows.next();
        }
    }

    /** {@code where(id: ids)}: the distinct ids as literals, as ActiveRecord writes them. */
    private static String idList(Collection<Long> ids) {
        Set<Long> distinct = new LinkedHashSet<>(ids);
        return distinct.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static final class Counter {
        long roundTrips;
        long updates;

        void query(Statement sql, String query) throws SQLException {
            roundTrips++;
            try (ResultSet rows = sql.executeQuery(query)) {
                rows.next();
            }
        }

        void execute(Statement sql, String statement) throws SQLException {
            roundTrips++;
            sql.execute(statement);
        }
    }
}
