package dev.catalogsync.bootstrap.metrics;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.jmx.JmxReporter;
import com.codahale.metrics.jvm.GarbageCollectorMetricSet;
import com.codahale.metrics.jvm.MemoryUsageGaugeSet;
import com.codahale.metrics.jvm.ThreadStatesGaugeSet;

/** The JVM's own figures, and the registry over JMX: what a process of ours adds to a registry of ours. */
public final class JvmAndJmx {

    /** The JMX domain the metrics appear under. */
    public static final String JMX_DOMAIN = "catalog-sync";

    private JvmAndJmx() {}

    /** Memory, garbage collection and threads, under {@code jvm.*}. */
    public static void registerJvmMetrics(MetricRegistry registry) {
        registry.register("jvm.memory", new MemoryUsageGaugeSet());
        registry.register("jvm.gc", new GarbageCollectorMetricSet());
        registry.register("jvm.threads", new ThreadStatesGaugeSet());
    }

    /** Starts reporting {@code registry} as MBeans under {@value #JMX_DOMAIN}; close the reporter to stop. */
    public static JmxReporter startJmx(MetricRegistry registry) {
        JmxReporter reporter =
                JmxReporter.forRegistry(registry).inDomain(JMX_DOMAIN).build();
        reporter.start();
        return reporter;
    }
}
