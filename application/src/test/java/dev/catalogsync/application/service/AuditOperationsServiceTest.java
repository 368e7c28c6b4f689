package dev.catalogsync.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalogsync.application.fakes.InMemoryOperationLog;
import dev.catalogsync.application.fakes.SettableClock;
import dev.catalogsync.application.port.out.ChangedBy;
import dev.catalogsync.application.port.out.Operation;
import dev.catalogsync.application.port.out.Operation.Kind;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditOperationsServiceTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final InMemoryOperationLog log = new InMemoryOperationLog();
    private final AuditOperationsService audit = new AuditOperationsService(log, clock);

    @Test
    void an_operation_is_stamped_with_the_clock_and_kept_with_who_did_it() {
        ChangedBy alice = new ChangedBy("alice", "console");

        Operation recorded = audit.record(Kind.ENQUEUE_WORKER, alice, "enqueued");

        assertThat(recorded).isEqualTo(new Operation(Kind.ENQUEUE_WORKER, alice, clock.instant(), "enqueued"));
        assertThat(audit.recent(5)).containsExactly(recorded);
    }

    @Test
    void the_last_drift_check_is_the_newest_reconcile_whoever_ran_it() {
        audit.record(Kind.RECONCILE, new ChangedBy("nightly", "cron"), "checked=10 drifted=2 queued=2");
        clock.advance(Duration.ofMinutes(1));
        Operation latest = audit.record(Kind.RECONCILE, new ChangedBy("bob", "cli"), "checked=10 drifted=0 queued=0");
        clock.advance(Duration.ofMinutes(1));
        audit.record(Kind.PARTITION_ROUND, new ChangedBy("alice", "console"), "created=[2]");

        assertThat(audit.last(Kind.RECONCILE)).contains(latest);
    }

    @Test
    void an_outcome_is_kept_on_one_bounded_line() {
        Operation recorded = audit.record(Kind.RECONCILE, new ChangedBy("x", "cli"), "a\nb\t c" + "z".repeat(1000));

        assertThat(recorded.outcome()).startsWith("a b c").hasSize(Operation.MAX_OUTCOME_LENGTH);
    }

    @Test
    void asking_for_no_operations_is_refused() {
        assertThatThrownBy(() -> audit.recent(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
