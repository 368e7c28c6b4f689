package dev.catalogsync.application.port.out;

import java.util.List;
import java.util.Optional;

/**
 * The record of what operators and schedules did besides flag changes: partition rounds and worker runs asked for
 * by hand, and every reconcile (so that the last drift check is known to every instance).
 *
 * <p>Contract: {@link #record} adds one entry atomically and never changes one; the reads are read-only, one bounded
 * read each, newest first (by time, then by order of recording). Failures surface as unchecked exceptions.
 */
public interface OperationLog {

    void record(Operation operation);

    /** @param limit at most this many, 1 or more */
    List<Operation> recent(int limit);

    /** The newest operation of one kind, if any was recorded. */
    Optional<Operation> last(Operation.Kind kind);
}
