package dev.catalogsync.bootstrap.cli;

import com.google.inject.Injector;
import dev.catalogsync.application.port.in.ListQueuePartitions;
import dev.catalogsync.application.port.in.ListQueuePartitions.PartitionFigures;
import dev.catalogsync.application.port.in.ListQueuePartitions.PartitionOverview;
import dev.catalogsync.application.port.in.MaintainQueuePartitions;
import dev.catalogsync.application.port.in.MaintainQueuePartitions.Completed;
import dev.catalogsync.application.port.in.MaintainQueuePartitions.MaintenanceRound;
import dev.catalogsync.domain.partitioning.DetachedPartition;
import dev.catalogsync.domain.partitioning.PartitionStep;
import dev.catalogsync.domain.partitioning.SlidingListPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "partitions",
        description = "Upkeep of the queue's partitions (GitLab's sliding list): 'sync' runs one maintenance "
                + "round, 'list' shows what each partition holds.",
        subcommands = {PartitionsCommand.SyncPartitions.class, PartitionsCommand.ListPartitions.class})
class PartitionsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: sync or list");
    }

    @Command(name = "sync",
            description = {
                "Runs one maintenance round of the queue's partitions:",
                "- when the active partition's oldest event is older than --partition-duration,",
                "  creates the next partition and makes new events land there (one transaction);",
                "- detaches every other partition that holds no pending event;",
                "- drops detached partitions once --retention has passed.",
                "Each change waits at most a short lock timeout, is tried 3 times, then skipped",
                "for this round. Prints one JSON object: created, activated, detached, dropped",
                "(partition values), skipped ([{step, partition, reason}]), active_partition.",
                "DURATION: " + DurationConverter.SYNTAX + "."})
    static class SyncPartitions extends DatabaseCommand {

        @Option(names = "--partition-duration", paramLabel = "DURATION", defaultValue = "1d",
                converter = DurationConverter.class,
                description = "How old the active partition's oldest event may get before the next partition "
                        + "(default: ${DEFAULT-VALUE}, GitLab's PARTITION_DURATION).")
        Duration partitionDuration;

        @Option(names = "--retention", paramLabel = "DURATION", defaultValue = "7d",
                converter = DurationConverter.class,
                description = "How long a detached partition is kept before it is dropped; 0 drops it in the "
                        + "same round (default: ${DEFAULT-VALUE}).")
        Duration retention;

        @Override
        void validate() {
            if (partitionDuration.isZero() || partitionDuration.isNegative()) {
                throw new ParameterException(spec.commandLine(),
                        "--partition-duration must be more than 0, was " + partitionDuration);
            }
            if (retention.isNegative()) {
                throw new ParameterException(spec.commandLine(), "--retention cannot be negative, was " + retention);
            }
        }

        @Override
        int run(Injector injector, Database database) {
            MaintenanceRound round = injector.getInstance(MaintainQueuePartitions.class)
                    .maintain(new SlidingListPolicy(partitionDuration, retention));
            out().println(Json.write(json(round)));
            return 0;
        }

        static Map<String, Object> json(MaintenanceRound round) {
            Map<String, Object> json = new LinkedHashMap<>();
            if (!(round instanceof Completed completed)) {
                json.put("skipped_round", "another partition maintenance round is running");
                return json;
            }
            json.put("created", completed.valuesDone(PartitionStep.CreateAndActivate.class));
            json.put("activated", completed.valuesDone(PartitionStep.Activate.class));
            json.put("detached", completed.valuesDone(PartitionStep.Detach.class));
            json.put("dropped", completed.valuesDone(PartitionStep.Drop.class));
            json.put("skipped", completed.skipped().stream().map(skipped -> {
                Map<String, Object> step = new LinkedHashMap<>();
                step.put("step", skipped.step().action());
                step.put("partition", skipped.step().value());
                step.put("reason", skipped.reason());
                return step;
            }).toList());
            json.put("active_partition", completed.activePartition());
            return json;
        }
    }

    @Command(name = "list",
            description = {
                "Shows each attached partition: its value, its state (active: new events land",
                "in it), its pending and processed events (exact counts, a scan of the queue)",
                "and when its oldest event was queued; then each detached partition waiting",
                "for its retention to pass, with when it was detached."})
    static class ListPartitions extends DatabaseCommand {

        @Option(names = "--json", description = "Print one JSON object instead of a table.")
        boolean json;

        @Override
        int run(Injector injector, Database database) {
            PartitionOverview overview = injector.getInstance(ListQueuePartitions.class).overview();
            if (json) {
                out().println(Json.write(json(overview)));
            } else {
                table(overview).forEach(out()::println);
            }
            return 0;
        }

        static Map<String, Object> json(PartitionOverview overview) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("active_partition", overview.activePartition());
            json.put("partitions", overview.attached().stream().map(figures -> {
                Map<String, Object> partition = new LinkedHashMap<>();
                partition.put("value", figures.partition().value());
                partition.put("active", figures.active());
                partition.put("pending_events", figures.pendingEvents());
                partition.put("processed_events", figures.processedEvents());
                partition.put("oldest_event_created_at",
                        figures.partition().oldestRecordCreatedAt().map(Object::toString).orElse(null));
                return partition;
            }).toList());
            json.put("detached", overview.detached().stream().map(detached -> {
                Map<String, Object> partition = new LinkedHashMap<>();
                partition.put("value", detached.value());
                partition.put("detached_at", detached.detachedAt().toString());
                return partition;
            }).toList());
            return json;
        }

        private static final String ROW = "%9s  %-8s  %10s  %10s  %s";

        static List<String> table(PartitionOverview overview) {
            List<String> lines = new ArrayList<>();
            lines.add(String.format(ROW, "partition", "state", "pending", "processed", "oldest event"));
            for (PartitionFigures figures : overview.attached()) {
                lines.add(String.format(ROW, figures.partition().value(), figures.active() ? "active" : "attached",
                        figures.pendingEvents(), figures.processedEvents(),
                        figures.partition().oldestRecordCreatedAt().map(Object::toString).orElse("-")));
            }
            for (DetachedPartition detached : overview.detached()) {
                lines.add(String.format(ROW, detached.value(), "detached", "-", "-",
                        "- (detached " + detached.detachedAt() + ")"));
            }
            return lines;
        }
    }
}
