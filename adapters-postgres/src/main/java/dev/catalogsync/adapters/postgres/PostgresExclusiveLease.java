package dev.catalogsync.adapters.postgres;

import static dev.catalogsync.adapters.postgres.jooq.Tables.CATALOG_SYNC_EXCLUSIVE_LEASES;
import static org.jooq.impl.DSL.condition;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.val;

import dev.catalogsync.adapters.postgres.jooq.tables.CatalogSyncExclusiveLeases;
import dev.catalogsync.application.port.out.ExclusiveLease;
import dev.catalogsync.application.port.out.LeaseToken;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.exception.DataAccessException;

/**
 * Leases in {@code catalog_sync_exclusive_leases}, one row per key, beside the queue they guard.
 *
 * <p>Taking a lease is one {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE}: it inserts a free key, takes over
 * one whose holder's time ran out or whose holder's database session has ended, and changes nothing otherwise; a
 * row comes back only when this call became the holder. Concurrent callers on one key are serialized by the key's
 * unique index, and the loser re-reads the winner's row, so exactly one wins. Each holder gets a random owner
 * token, and releasing deletes the row only while it still carries that token: a holder whose lease expired and
 * was taken over cannot release the new holder's.
 *
 * <p>Expiry is read from the database clock ({@code now()}) only, never the JVM's: it is the one clock that
 * every process sharing the database agrees on, so skew between hosts cannot make two of them holders.
 *
 * <p>The row names the session that took it ({@code pg_backend_pid()} and that backend's start time, a pair that
 * never repeats). A process killed with SIGKILL takes its connections with it, so its lease is free at once rather
 * than after the time to live. A session the pool merely closed while its process lives makes the lease look free
 * too; that is safe, because every write under the lease is fenced ({@link PostgresSyncBatches}): a holder that
 * lost its lease, however, writes nothing. Where this role may not see another role's session start (no
 * {@code pg_read_all_stats}), the pid alone decides, and a reused pid only means waiting out the time to live.
 *
 * <p>Never waits for a holder. The only wait is for a concurrent statement on the same row to commit: another
 * taker, or a holder's batch, which extends the lease in its own transaction and holds the row until it commits
 * (milliseconds, at most its statement timeout). A row still locked after the pool's lock timeout is reported as
 * held, which it is.
 */
public class PostgresExclusiveLease implements ExclusiveLease {

    private static final CatalogSyncExclusiveLeases LEASES = CATALOG_SYNC_EXCLUSIVE_LEASES;
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    /** This connection's session: its backend pid and when that backend started. */
    private static final Field<Integer> OUR_PID = field("pg_backend_pid()", Integer.class);

    private static final Field<OffsetDateTime> OUR_SESSION_START =
            field("(SELECT backend_start FROM pg_stat_get_activity(pg_backend_pid()))", OffsetDateTime.class);

    /**
     * The recorded holder's session is gone. A row without a recorded session (taken before sessions were
     * recorded) never counts as gone.
     */
    private static final Condition HOLDERS_SESSION_ENDED =
            condition("""
            {0} IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM pg_stat_get_activity({0}) a
                 WHERE a.backend_start IS NULL OR a.backend_start = {1})""", LEASES.HOLDER_PID, LEASES.HOLDER_SESSION_START);

    private final DSLContext dsl;

    public PostgresExclusiveLease(DataSource dataSource) {
        this.dsl = Jooq.using(dataSource);
    }

    /** @throws IllegalArgumentException when {@code timeToLive} is zero or negative */
    @Override
    public Optional<Held> tryObtain(String key, Duration timeToLive) {
        Objects.requireNonNull(key, "key");
        if (timeToLive.isNegative() || timeToLive.isZero()) {
            throw new IllegalArgumentException("timeToLive must be positive, was " + timeToLive);
        }
        UUID token = UUID.randomUUID();
        try {
            Optional<UUID> holder = dsl.insertInto(
                            LEASES,
                            LEASES.LEASE_KEY,
                            LEASES.OWNER_TOKEN,
                            LEASES.EXPIRES_AT,
                            LEASES.HOLDER_PID,
                            LEASES.HOLDER_SESSION_START)
                    .values(val(key), val(token), nowPlus(timeToLive), OUR_PID, OUR_SESSION_START)
                    .onConflict(LEASES.LEASE_KEY)
                    .doUpdate()
                    .set(LEASES.OWNER_TOKEN, excluded(LEASES.OWNER_TOKEN))
                    .set(LEASES.EXPIRES_AT, excluded(LEASES.EXPIRES_AT))
                    .set(LEASES.HOLDER_PID, excluded(LEASES.HOLDER_PID))
                    .set(LEASES.HOLDER_SESSION_START, excluded(LEASES.HOLDER_SESSION_START))
                    .where(LEASES.EXPIRES_AT.le(currentOffsetDateTime()).or(HOLDERS_SESSION_ENDED))
                    .returningResult(LEASES.OWNER_TOKEN)
                    .fetchOptional(LEASES.OWNER_TOKEN);
            return holder.filter(token::equals).map(ours -> new PostgresHeld(new LeaseToken(key, ours, timeToLive)));
        } catch (DataAccessException e) {
            if (LOCK_NOT_AVAILABLE.equals(e.sqlState())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** One probe of the primary key, expiry compared on the database clock like everywhere else. */
    @Override
    public boolean isHeld(String key) {
        Objects.requireNonNull(key, "key");
        return dsl.fetchExists(LEASES, LEASES.LEASE_KEY.eq(key).and(LEASES.EXPIRES_AT.gt(currentOffsetDateTime())));
    }

    /** {@code now() + make_interval(secs => ttl)}: the expiry on the database clock, to the microsecond. */
    private static Field<OffsetDateTime> nowPlus(Duration timeToLive) {
        return field("now() + make_interval(secs => {0})", OffsetDateTime.class, val(seconds(timeToLive)));
    }

    static double seconds(Duration duration) {
        return duration.getSeconds() + duration.getNano() / 1e9;
    }

    private final class PostgresHeld implements Held {

        private final LeaseToken token;
        private final AtomicBoolean released = new AtomicBoolean();

        private PostgresHeld(LeaseToken token) {
            this.token = token;
        }

        @Override
        public LeaseToken token() {
            return token;
        }

        /** Deletes the row if it still carries our token; after one successful release, costs nothing. */
        @Override
        public void close() {
            if (released.get()) {
                return;
            }
            dsl.deleteFrom(LEASES)
                    .where(LEASES.LEASE_KEY.eq(token.key()))
                    .and(LEASES.OWNER_TOKEN.eq(token.owner()))
                    .execute();
            released.set(true);
        }

        @Override
        public String toString() {
            return "lease " + token.key() + " held as " + token.owner();
        }
    }
}
