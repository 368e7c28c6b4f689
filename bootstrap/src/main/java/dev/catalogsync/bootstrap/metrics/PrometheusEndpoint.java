package dev.catalogsync.bootstrap.metrics;

import com.codahale.metrics.MetricRegistry;
import dev.catalogsync.adapters.scheduler.inbound.http.HttpRoute;
import dev.catalogsync.adapters.scheduler.inbound.http.RouteRequest;
import dev.catalogsync.adapters.scheduler.inbound.http.RouteResponse;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@code GET /metrics}: the service's Dropwizard registry in Prometheus' text format (0.0.4). Dots become
 * underscores and counters get {@code _total}; the metrics kept per reason, path or step become one family with a
 * label: {@code catalog_sync_worker_skipped_total{reason="lease_taken"}},
 * {@code catalog_sync_enqueues_total{path="poll",outcome="enqueued"}},
 * {@code catalog_sync_partitions_steps_total{step="detached"}}, {@code catalog_sync_scheduler_total{event=".."}}.
 * A scrape reads values in memory only: the gauges that need SQL are refreshed by the sampler.
 */
public final class PrometheusEndpoint implements HttpRoute.Handler {

    public static final String PATH = "/metrics";

    private final PrometheusRegistry prometheus = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    public PrometheusEndpoint(MetricRegistry registry) {
        DropwizardExports.builder()
                .dropwizardRegistry(registry)
                .metricFilter((name, metric) -> !LabelledCounters.isLabelled(name))
                .register(prometheus);
        prometheus.register(new LabelledCounters(registry));
    }

    public static HttpRoute route(MetricRegistry registry) {
        return HttpRoute.get(PATH, new PrometheusEndpoint(registry));
    }

    /** The text a scrape gets. */
    public String scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(out, prometheus.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public RouteResponse handle(RouteRequest request) {
        return RouteResponse.of(
                200,
                PrometheusTextFormatWriter.CONTENT_TYPE,
                scrape().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
