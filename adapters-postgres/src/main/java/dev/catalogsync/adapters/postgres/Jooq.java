package dev.catalogsync.adapters.postgres;

import static dev.catalogsync.adapters.postgres.jooq.Tables.P_CATALOG_RESOURCE_SYNC_EVENTS;

import dev.catalogsync.domain.SyncEventStatus;
import java.util.Objects;
import javax.sql.DataSource;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/** How every adapter of this module talks to the database. jOOQ stays inside the module. */
final class Jooq {

    /**
     * {@code status = 1} with the 1 written into the SQL, never bound: the partial index on pending ids is
     * usable only where the planner sees that literal, and a generic plan of a prepared statement would not
     * see a bound value.
     */
    static final Condition PENDING =
            DSL.condition("{0} = " + SyncEventStatus.PENDING.code(), P_CATALOG_RESOURCE_SYNC_EVENTS.STATUS);

    private Jooq() {}

    /**
     * A context that borrows a connection from {@code dataSource} for each statement and returns it after, in
     * auto-commit: every statement is its own transaction. Table names are left unqualified, resolved by the
     * connection's search path as Flyway's migrations were.
     */
    static DSLContext using(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return DSL.using(dataSource, SQLDialect.POSTGRES, new Settings().withRenderSchema(false));
    }
}
