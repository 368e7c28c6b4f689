package dev.catalogsync.application.service;

import dev.catalogsync.application.port.in.AuditOperations;
import dev.catalogsync.application.port.out.ChangedBy;
import dev.catalogsync.application.port.out.Operation;
import dev.catalogsync.application.port.out.OperationLog;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Stamps each operation with the clock and keeps it in the {@link OperationLog}. */
public class AuditOperationsService implements AuditOperations {

    private final OperationLog log;
    private final Clock clock;

    public AuditOperationsService(OperationLog log, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Operation record(Operation.Kind kind, ChangedBy changedBy, String outcome) {
        Operation operation = new Operation(kind, changedBy, clock.instant(), outcome);
        log.record(operation);
        return operation;
    }

    @Override
    public List<Operation> recent(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be 1 or more, was " + limit);
        }
        return log.recent(limit);
    }

    @Override
    public Optional<Operation> last(Operation.Kind kind) {
        return log.last(Objects.requireNonNull(kind, "kind"));
    }
}
