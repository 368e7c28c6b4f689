package dev.catalogsync.bootstrap;

import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An application writing to {@code projects} at a steady rate, straight to the database (never through a proxy a
 * test cuts): every {@link #TICK_MILLIS} ms one {@code UPDATE} renames a few random catalog projects to names never
 * used before, so each rename queues exactly one event and the last rename of each project is the value its
 * resource must end with.
 */
final class SteadyRenames implements AutoCloseable {

    static final long TICK_MILLIS = 20;

    private final Connection connection;
    private final PreparedStatement rename;
    private final ScheduledExecutorService ticks;
    private final int projects;
    private final int perTick;
    private final AtomicLong renamed = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong tick = new AtomicLong();

    /** Renames {@code perSecond} (rounded to whole ticks) of projects 1 to {@code projects}, each second. */
    SteadyRenames(PostgresTestDatabase database, int projects, int perSecond) {
        this.projects = projects;
        this.perTick = Math.max(1, (int) (perSecond * TICK_MILLIS / 1000));
        try {
            connection = DriverManager.getConnection(
                    database.jdbcUrl(),
                    database.settings().user(),
                    database.settings().password());
            rename = connection.prepareStatement(
                    "UPDATE projects SET name = 'renamed ' || ? || '.' || id WHERE id = ANY (?)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect the renaming application", e);
        }
        ticks = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "steady-renames");
            thread.setDaemon(true);
            return thread;
        });
    }

    SteadyRenames start() {
        ticks.scheduleAtFixedRate(this::renameSome, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
        return this;
    }

    private void renameSome() {
        Long[] ids = ThreadLocalRandom.current()
                .longs(1, projects + 1)
                .distinct()
                .limit(perTick)
                .boxed()
                .toArray(Long[]::new);
        try {
            rename.setLong(1, tick.incrementAndGet());
            rename.setArray(2, connection.createArrayOf("bigint", ids));
            renamed.addAndGet(rename.executeUpdate());
        } catch (SQLException | RuntimeException e) {
            failures.incrementAndGet();
        }
    }

    /** Renames made so far, each one queued event. */
    long renamed() {
        return renamed.get();
    }

    /** Updates that failed: an application would have seen an error. */
    long failures() {
        return failures.get();
    }

    /** Stops renaming; returns once the last rename has committed. */
    @Override
    public void close() {
        ticks.shutdown();
        try {
            ticks.awaitTermination(30, TimeUnit.SECONDS);
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the renaming application's connection", e);
        }
    }
}
