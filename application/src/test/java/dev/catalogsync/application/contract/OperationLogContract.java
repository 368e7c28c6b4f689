package dev.catalogsync.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.application.port.out.ChangedBy;
import dev.catalogsync.application.port.out.Operation;
import dev.catalogsync.application.port.out.Operation.Kind;
import dev.catalogsync.application.port.out.OperationLog;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every {@link OperationLog} must do. Subclasses start each test with nothing recorded. */
public abstract class OperationLogContract {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    protected abstract OperationLog log();

    private static Operation operation(Kind kind, Instant at, String outcome) {
        return new Operation(kind, new ChangedBy("alice", "console"), at, outcome);
    }

    @Test
    void nothing_recorded_means_nothing_to_read() {
        assertThat(log().recent(10)).isEmpty();
        assertThat(log().last(Kind.RECONCILE)).isEmpty();
    }

    @Test
    void a_recorded_operation_is_read_back_whole() {
        Operation reconcile = new Operation(
                Kind.RECONCILE, new ChangedBy("nightly", "cron"), T0, "checked=12 drifted=1 queued=1 (repair)");

        log().record(reconcile);

        assertThat(log().recent(10)).containsExactly(reconcile);
        assertThat(log().last(Kind.RECONCILE)).contains(reconcile);
    }

    @Test
    void recent_is_newest_first_and_limited_and_last_is_of_one_kind() {
        Operation round = operation(Kind.PARTITION_ROUND, T0, "created=[] detached=[]");
        Operation check = operation(Kind.RECONCILE, T0.plusSeconds(60), "checked=1 drifted=0 queued=0");
        Operation enqueue = operation(Kind.ENQUEUE_WORKER, T0.plusSeconds(120), "enqueued");
        log().record(round);
        log().record(check);
        log().record(enqueue);

        assertThat(log().recent(10)).containsExactly(enqueue, check, round);
        assertThat(log().recent(2)).containsExactly(enqueue, check);
        assertThat(log().last(Kind.RECONCILE)).contains(check);
        assertThat(log().last(Kind.PARTITION_ROUND)).contains(round);
    }

    @Test
    void operations_at_the_same_instant_come_newest_recorded_first() {
        Operation first = operation(Kind.RECONCILE, T0, "checked=1 drifted=1 queued=0");
        Operation second = operation(Kind.RECONCILE, T0, "checked=1 drifted=0 queued=0");
        log().record(first);
        log().record(second);

        assertThat(log().recent(10)).containsExactly(second, first);
        assertThat(log().last(Kind.RECONCILE)).contains(second);
    }
}
