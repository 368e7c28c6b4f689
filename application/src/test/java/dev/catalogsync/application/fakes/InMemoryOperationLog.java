package dev.catalogsync.application.fakes;

import dev.catalogsync.application.port.out.Operation;
import dev.catalogsync.application.port.out.OperationLog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The log in a list; newest first by time, then by order of recording. */
public class InMemoryOperationLog implements OperationLog {

    private final List<Operation> operations = new ArrayList<>();

    @Override
    public synchronized void record(Operation operation) {
        operations.add(operation);
    }

    @Override
    public synchronized List<Operation> recent(int limit) {
        List<Operation> newest = newestFirst();
        return List.copyOf(newest.subList(0, Math.min(limit, newest.size())));
    }

    @Override
    public synchronized Optional<Operation> last(Operation.Kind kind) {
        return newestFirst().stream().filter(op -> op.kind() == kind).findFirst();
    }

    private List<Operation> newestFirst() {
        List<Operation> newest = new ArrayList<>();
        for (int i = operations.size() - 1; i >= 0; i--) {
            newest.add(operations.get(i));
        }
        newest.sort(Comparator.comparing(Operation::performedAt).reversed());
        return newest;
    }
}
