package dev.catalogsync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import dev.catalogsync.bootstrap.CatalogSyncJar.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the fault tests ({@code *FaultIT}, run by the {@code faults} Maven profile) share: a database of catalog
 * projects, the checks that nothing was lost, signals to processes, and the figures the README's Reliability
 * section reports, printed as {@code fault figure | name: value}.
 */
final class FaultWorld {

    static final String FLAG = "ci_process_catalog_resource_sync_events";
    /** Once a year: keeps the cron out of a test that must show the service recover by itself. */
    static final String CRON_OUT_OF_THE_WAY = "0 0 1 1 *";

    private static final Pattern RECONCILED = Pattern.compile("\\{\"checked\":(\\d+),\"drifted\":(\\d+)}");

    private final PostgresTestDatabase database;

    FaultWorld(PostgresTestDatabase database) {
        this.database = database;
    }

    Map<String, String> environment() {
        return CatalogSyncJar.environmentFor(database);
    }

    /** Catalog projects 1 to {@code count}, each with its resource mirroring it exactly: no event queued. */
    void catalogProjects(int count) {
        database.execute(
                "INSERT INTO projects (id, name) SELECT g, 'project ' || g FROM generate_series(1, " + count + ") g");
        database.execute("INSERT INTO catalog_resources (project_id, name) SELECT id, name FROM projects");
    }

    /** Catalog projects 1 to {@code count}, each renamed once by one bulk update: {@code count} pending events. */
    void backlogOf(int count) {
        catalogProjects(count);
        database.execute("UPDATE projects SET name = name || ' renamed'");
    }

    /** Sets the flag as {@code feature set} from any process would, in its table. */
    void flag(boolean enabled) {
        database.execute("INSERT INTO catalog_sync_feature_flags (name, enabled) VALUES ('" + FLAG + "', " + enabled
                + ") ON CONFLICT (name) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = now()");
    }

    long pending() {
        return database.count("SELECT count(*) FROM p_catalog_resource_sync_events WHERE status = 1");
    }

    long processed() {
        return database.count("SELECT count(*) FROM p_catalog_resource_sync_events WHERE status = 2");
    }

    long events() {
        return database.count("SELECT count(*) FROM p_catalog_resource_sync_events");
    }

    /**
     * The lowest pending id, or {@link Long#MAX_VALUE} when nothing is pending: one probe of the partial index, a
     * cheap measure of a drain's progress through a backlog queued in id order.
     */
    long lowestPending() {
        return database.count("SELECT coalesce(min(id), " + Long.MAX_VALUE
                + ") FROM p_catalog_resource_sync_events WHERE status = 1");
    }

    /** Catalog resources that differ from their project: stale copies. */
    long drifted() {
        return database.count("SELECT count(*) FROM catalog_resources c JOIN projects p ON p.id = c.project_id "
                + "WHERE (c.name, c.description, c.visibility_level) IS DISTINCT FROM "
                + "(p.name, p.description, p.visibility_level)");
    }

    boolean leaseRowPresent() {
        return database.count("SELECT count(*) FROM catalog_sync_exclusive_leases") > 0;
    }

    /** {@code catalog-sync reconcile} as an operator runs it: checked and drifted, from its JSON. */
    long[] reconcile() {
        Result result = CatalogSyncJar.run(environment(), "reconcile");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        Matcher matcher = RECONCILED.matcher(result.stdout());
        assertThat(matcher.find()).as(result.stdout()).isTrue();
        return new long[] {Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2))};
    }

    /** Sends {@code signal} ({@code STOP}, {@code CONT}, ...) to the process, as {@code kill -SIGNAL pid}. */
    static void signal(Process process, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid()))
                    .inheritIO()
                    .start();
            assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(kill.exitValue())
                    .as("kill -%s %d", signal, process.pid())
                    .isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while signalling", e);
        }
    }

    /** SIGKILL, and waits for the process to be gone. */
    static void killNine(Process process) {
        process.destroyForcibly();
        try {
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while killing", e);
        }
    }

    /** One figure for the README's Reliability section. */
    static void figure(String name, Object value) {
        System.out.printf(Locale.ROOT, "fault figure | %s: %s%n", name, value);
    }
}
