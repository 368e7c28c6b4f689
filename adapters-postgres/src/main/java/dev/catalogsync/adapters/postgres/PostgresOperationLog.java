package dev.catalogsync.adapters.postgres;

import static dev.catalogsync.adapters.postgres.jooq.Tables.CATALOG_SYNC_OPERATIONS;

import dev.catalogsync.adapters.postgres.jooq.tables.CatalogSyncOperations;
import dev.catalogsync.adapters.postgres.jooq.tables.records.CatalogSyncOperationsRecord;
import dev.catalogsync.application.port.out.ChangedBy;
import dev.catalogsync.application.port.out.Operation;
import dev.catalogsync.application.port.out.OperationLog;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;

/**
 * The operations in {@code catalog_sync_operations}: one insert per operation, the reads newest first through its
 * indexes ({@code performed_at}, and {@code kind, performed_at} for the last of a kind).
 */
public class PostgresOperationLog implements OperationLog {

    private static final CatalogSyncOperations OPERATIONS = CATALOG_SYNC_OPERATIONS;

    private final DSLContext dsl;

    public PostgresOperationLog(DataSource dataSource) {
        this.dsl = Jooq.using(dataSource);
    }

    @Override
    public void record(Operation operation) {
        Objects.requireNonNull(operation, "operation");
        dsl.insertInto(
                        OPERATIONS,
                        OPERATIONS.KIND,
                        OPERATIONS.ACTOR,
                        OPERATIONS.ORIGIN,
                        OPERATIONS.PERFORMED_AT,
                        OPERATIONS.OUTCOME)
                .values(
                        operation.kind().label(),
                        operation.changedBy().actor(),
                        operation.changedBy().origin(),
                        operation.performedAt().atOffset(ZoneOffset.UTC),
                        operation.outcome())
                .execute();
    }

    @Override
    public List<Operation> recent(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be 1 or more, was " + limit);
        }
        return dsl.selectFrom(OPERATIONS)
                .orderBy(OPERATIONS.PERFORMED_AT.desc(), OPERATIONS.ID.desc())
                .limit(limit)
                .fetch(PostgresOperationLog::operation);
    }

    @Override
    public Optional<Operation> last(Operation.Kind kind) {
        return dsl.selectFrom(OPERATIONS)
                .where(OPERATIONS.KIND.eq(kind.label()))
                .orderBy(OPERATIONS.PERFORMED_AT.desc(), OPERATIONS.ID.desc())
                .limit(1)
                .fetchOptional(PostgresOperationLog::operation);
    }

    private static Operation operation(CatalogSyncOperationsRecord row) {
        return new Operation(
                Operation.Kind.ofLabel(row.getKind()),
                new ChangedBy(row.getActor(), row.getOrigin()),
                row.getPerformedAt().toInstant(),
                row.getOutcome());
    }
}
