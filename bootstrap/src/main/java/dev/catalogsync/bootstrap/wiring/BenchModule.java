package dev.catalogsync.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.catalogsync.adapters.postgres.benchmark.BenchWorkloads;
import dev.catalogsync.adapters.postgres.benchmark.GitLabPerEventDrain;
import dev.catalogsync.adapters.postgres.benchmark.PropagationProbe;
import dev.catalogsync.adapters.postgres.benchmark.SchemaCeiling;
import dev.catalogsync.adapters.postgres.benchmark.TickBatchSketch;
import dev.catalogsync.adapters.postgres.benchmark.TriggerVariants;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * For the {@code bench} command only, as an addition to a service built on the bench's scratch database: the
 * workloads, GitLab's per-event algorithm, the trigger swap and the propagation probe. Never part of the
 * service: each of these writes, truncates or swaps triggers on the database it is given.
 */
public class BenchModule extends AbstractModule {

    @Provides
    @Singleton
    BenchWorkloads workloads(DataSource dataSource) {
        return new BenchWorkloads(dataSource);
    }

    @Provides
    @Singleton
    GitLabPerEventDrain gitLabPerEventDrain(DataSource dataSource, Clock clock) {
        return new GitLabPerEventDrain(dataSource, clock);
    }

    @Provides
    @Singleton
    TriggerVariants triggerVariants(DataSource dataSource) {
        return new TriggerVariants(dataSource);
    }

    /** Installs its looping function on first use. */
    @Provides
    @Singleton
    SchemaCeiling schemaCeiling(DataSource dataSource) {
        return new SchemaCeiling(dataSource);
    }

    /** Not installed until asked: installing alters the queue table for good. */
    @Provides
    @Singleton
    TickBatchSketch tickBatchSketch(DataSource dataSource) {
        return new TickBatchSketch(dataSource);
    }

    /** A new probe, with two connections of its own, each time one is asked for; the caller closes it. */
    @Provides
    PropagationProbe propagationProbe(DataSource dataSource) {
        return new PropagationProbe(dataSource);
    }
}
