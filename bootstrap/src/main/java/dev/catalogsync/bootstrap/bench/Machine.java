package dev.catalogsync.bootstrap.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What the report says about the machine it ran on. */
public final class Machine {

    private Machine() {}

    /** For example {@code Intel(R) Xeon(R) ... , 2 CPUs, 23 GB RAM, Linux 6.1.0; Java 17.0.15 (Debian)}. */
    public static String describe() {
        return cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, " + memory() + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + "; Java "
                + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")";
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse(System.getProperty("os.arch"));
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }

    private static String memory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return String.format(Locale.ROOT, "%.0f GB RAM", os.getTotalMemorySize() / (1024.0 * 1024 * 1024));
        }
        return "RAM unknown";
    }
}
