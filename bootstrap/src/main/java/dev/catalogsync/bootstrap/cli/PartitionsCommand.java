package dev.catalogsync.bootstrap.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.catalogsync.application.port.in.ListQueuePartitions;
import dev.catalogsync.application.port.in.ListQueuePartitions.PartitionFigures;
import dev.catalogsync.application.port.in.ListQueuePartitions.PartitionOverview;
import dev.catalogsync.application.port.in.MaintainQueuePartitions;
import dev.catalogsync.application.port.in.MaintainQueuePartitions.Completed;
import dev.catalogsync.application.port.in.MaintainQueuePartitions.MaintenanceRound;
import dev.catalogsync.bootstrap.CatalogSyncService;
import dev.catalogsync.domain.partitioning.DetachedPartition;
import dev.catalogsync.domain.partitioning.PartitionStep;
import dev.catalogsync.domain.partitioning.SlidingListPolicy;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "partitions",
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

    @Command(
            name = "sync",
            description = {
                "Runs one maintenance round of the queue's partitions:",
                "- when the active partition's oldest event is older than --partition-duration,",
                "  creates the next partition and makes new events land there (one transaction);",
                "- detaches every other partition that holds no pending event;",
                "- drops detached partitions once --retention has passed.",
                "Each change waits at most a short lock timeout, is tried 3 times, then skipped",
                "for this round. Prints one JSON object: created, activated, detached, dropped",
                "(partition values), skipped ([{step, partition, reason}]), active_partition.",
                "DURATION: " + DurationConverter.SYNTAX + "."
            })
    static class SyncPartitions extends DatabaseCommand {

        @Mixin
        PartitionPolicyOptions partitionPolicy;

        /** What {@code partitions sync} prints after a round. */
        record RoundOutput(
                List<Long> created,
                List<Long> activated,
                List<Long> detached,
                List<Long> dropped,
                List<SkippedOutput> skipped,
                long activePartition) {

            static RoundOutput of(Completed round) {
                return new RoundOutput(
                        round.valuesDone(PartitionStep.CreateAndActivate.class),
                        round.valuesDone(PartitionStep.Activate.class),
                        round.valuesDone(PartitionStep.Detach.class),
                        round.valuesDone(PartitionStep.Drop.class),
                        round.skipped().stream()
                                .map(s -> new SkippedOutput(
                                        s.step().action(), s.step().value(), s.reason()))
                                .toList(),
                        round.activePartition());
            }
        }

        /** A step the round planned and did not make. */
        record SkippedOutput(String step, long partition, String reason) {}

        /** What {@code partitions sync} prints when another round was running. */
        record OtherRoundOutput(String skippedRound) {}

        @Override
        void validate() {
            partitionPolicy.policy();
        }

        @Override
        int run(CatalogSyncService sync) {
            SlidingListPolicy policy = partitionPolicy.policy();
            MaintenanceRound round = sync.port(MaintainQueuePartitions.class).maintain(policy);
            printJson(
                    round instanceof Completed completed
                            ? RoundOutput.of(completed)
                            : new OtherRoundOutput("another partition maintenance round is running"));
            return 0;
        }
    }

    @Command(
            name = "list",
            description = {
                "Shows each attached partition: its value, its state (active: new events land",
                "in it), its pending and processed events (exact counts, a scan of the queue)",
                "and when its oldest event was queued; then each detached partition waiting",
                "for its retention to pass, with when it was detached."
            })
    static class ListPartitions extends DatabaseCommand {

        private static final String ROW = "%9s  %-8s  %10s  %10s  %s";

        /** What {@code partitions list --json} prints. */
        record Output(long activePartition, List<AttachedOutput> partitions, List<DetachedOutput> detached) {

            static Output of(PartitionOverview overview) {
                return new Output(
                        overview.activePartition(),
                        overview.attached().stream().map(AttachedOutput::of).toList(),
                        overview.detached().stream()
                                .map(d -> new DetachedOutput(
                                        d.value(), d.detachedAt().toString()))
                                .toList());
            }
        }

        /**
         * One attached partition. {@code oldest_event_created_at} is always printed, null when the partition is
         * empty.
         */
        record AttachedOutput(
                long value,
                boolean active,
                long pendingEvents,
                long processedEvents,
                @JsonInclude(JsonInclude.Include.ALWAYS) String oldestEventCreatedAt) {

            static AttachedOutput of(PartitionFigures figures) {
                return new AttachedOutput(
                        figures.partition().value(),
                        figures.active(),
                        figures.pendingEvents(),
                        figures.processedEvents(),
                        figures.partition()
                                .oldestRecordCreatedAt()
                                .map(Object::toString)
                                .orElse(null));
            }
        }

        /** One detached partition waiting for its drop. */
        record DetachedOutput(long value, String detachedAt) {}

        @Option(names = "--json", description = "Print one JSON object instead of a table.")
        boolean json;

        @Override
        int run(CatalogSyncService sync) {
            PartitionOverview overview = sync.port(ListQueuePartitions.class).overview();
            if (json) {
                printJson(Output.of(overview));
            } else {
                table(overview).forEach(out()::println);
            }
            return 0;
        }

        static List<String> table(PartitionOverview overview) {
            List<String> lines = new ArrayList<>();
            lines.add(String.format(ROW, "partition", "state", "pending", "processed", "oldest event"));
            for (PartitionFigures figures : overview.attached()) {
                lines.add(String.format(
                        ROW,
                        figures.partition().value(),
                        figures.active() ? "active" : "attached",
                        figures.pendingEvents(),
                        figures.processedEvents(),
                        figures.partition()
                                .oldestRecordCreatedAt()
                                .map(Object::toString)
                                .orElse("-")));
            }
            for (DetachedPartition detached : overview.detached()) {
                lines.add(String.format(
                        ROW, detached.value(), "detached", "-", "-", "- (detached " + detached.detachedAt() + ")"));
            }
            return lines;
        }
    }
}
