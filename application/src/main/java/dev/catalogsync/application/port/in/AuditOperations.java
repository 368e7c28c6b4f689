package dev.catalogsync.application.port.in;

import dev.catalogsync.application.port.out.ChangedBy;
import dev.catalogsync.application.port.out.Operation;
import java.util.List;
import java.util.Optional;

/**
 * Who did what besides flag changes, and when: operators record the partition rounds, reconciles and worker runs
 * they ask for (flag changes are recorded by {@link ManageFeatureFlags} itself), schedules their reconciles; the
 * console reads them back, and the last drift check from them.
 *
 * <p>Contract: {@link #record} stamps the operation with the service's clock and adds it, atomically; the reads are
 * read-only. Failures of the log surface as unchecked exceptions.
 */
public interface AuditOperations {

    /** Records that {@code changedBy} did {@code kind}, with its one-line {@code outcome}; returns what was recorded. */
    Operation record(Operation.Kind kind, ChangedBy changedBy, String outcome);

    /** The newest operations first; {@code limit} 1 or more. */
    List<Operation> recent(int limit);

    /** The newest operation of one kind. */
    Optional<Operation> last(Operation.Kind kind);
}
