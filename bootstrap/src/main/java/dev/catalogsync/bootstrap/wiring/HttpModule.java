package dev.catalogsync.bootstrap.wiring;

import static dev.catalogsync.application.flags.FeatureFlagDefinitions.PROCESS_CATALOG_RESOURCE_SYNC_EVENTS;

import com.codahale.metrics.MetricRegistry;
import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;
import dev.catalogsync.adapters.scheduler.inbound.http.HealthCheck;
import dev.catalogsync.adapters.scheduler.inbound.http.HttpRoute;
import dev.catalogsync.adapters.scheduler.inbound.http.ProjectUpdateHook;
import dev.catalogsync.application.port.in.HandleProjectUpdate;
import dev.catalogsync.application.port.in.ManageFeatureFlags;
import dev.catalogsync.application.port.in.ReportQueueStatus;
import dev.catalogsync.application.port.out.CronTicks;
import dev.catalogsync.bootstrap.metrics.DropwizardEnqueueStatistics;
import dev.catalogsync.bootstrap.metrics.PrometheusEndpoint;
import dev.catalogsync.bootstrap.observe.QueueSampler;
import dev.catalogsync.bootstrap.observe.Readiness;
import dev.catalogsync.bootstrap.observe.ReadinessEndpoint;
import dev.catalogsync.bootstrap.observe.StatusDocument;
import dev.catalogsync.bootstrap.observe.StatusEndpoint;
import dev.catalogsync.bootstrap.observe.WorkerRunLog;

/**
 * The HTTP endpoints the service serves when asked to, as a set of routes: an endpoint is added by contributing
 * one more {@link HttpRoute} to the set.
 */
public class HttpModule extends AbstractModule {

    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), HttpRoute.class);
    }

    @ProvidesIntoSet
    HttpRoute projectUpdateHook(HandleProjectUpdate callback) {
        return ProjectUpdateHook.route(callback);
    }

    @ProvidesIntoSet
    HttpRoute health() {
        return HealthCheck.route();
    }

    @ProvidesIntoSet
    HttpRoute ready(Readiness readiness) {
        return ReadinessEndpoint.route(readiness);
    }

    @ProvidesIntoSet
    HttpRoute metrics(MetricRegistry registry) {
        return PrometheusEndpoint.route(registry);
    }

    @ProvidesIntoSet
    HttpRoute status(
            ReportQueueStatus queue,
            ManageFeatureFlags flags,
            CronTicks cron,
            QueueSampler sampler,
            WorkerRunLog runs,
            DropwizardEnqueueStatistics enqueues) {
        return StatusEndpoint.route(() -> StatusDocument.fromDatabase(
                        queue, flags, cron, PROCESS_CATALOG_RESOURCE_SYNC_EVENTS.name())
                .withService(
                        sampler.observation()
                                .lastSample()
                                .map(sample -> sample.leaseHeld())
                                .orElse(null),
                        runs,
                        enqueues.byPathAndOutcome()));
    }
}
