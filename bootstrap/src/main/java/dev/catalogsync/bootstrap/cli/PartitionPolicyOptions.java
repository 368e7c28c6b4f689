package dev.catalogsync.bootstrap.cli;

import dev.catalogsync.domain.partitioning.SlidingListPolicy;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --partition-duration} and {@code --retention}: shared by {@code partitions sync} and {@code run}. */
public class PartitionPolicyOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(
            names = "--partition-duration",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "${env:CATALOG_SYNC_PARTITION_DURATION:-1d}",
            description = "How old the active partition's oldest event may get before the next partition "
                    + "(env CATALOG_SYNC_PARTITION_DURATION; default: ${DEFAULT-VALUE}, GitLab's PARTITION_DURATION).")
    Duration partitionDuration;

    @Option(
            names = "--retention",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "${env:CATALOG_SYNC_RETENTION:-7d}",
            description = "How long a detached partition is kept before it is dropped; 0 drops it in the same "
                    + "round (env CATALOG_SYNC_RETENTION; default: ${DEFAULT-VALUE}).")
    Duration retention;

    /** The policy; the rules are {@link SlidingListPolicy}'s own, reported as bad input naming the option. */
    SlidingListPolicy policy() {
        check("--partition-duration", () -> SlidingListPolicy.checkPartitionDuration(partitionDuration));
        check("--retention", () -> SlidingListPolicy.checkRetention(retention));
        return new SlidingListPolicy(partitionDuration, retention);
    }

    private void check(String option, Runnable rule) {
        try {
            rule.run();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(mixee.commandLine(), option + ": " + e.getMessage());
        }
    }
}
