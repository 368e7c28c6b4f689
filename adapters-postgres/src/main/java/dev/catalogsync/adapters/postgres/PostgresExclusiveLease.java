package dev.catalogsync.adapters.postgres;

import static dev.catalogsync.adapters.postgres.jooq.Tables.CATALOG_SYNC_EXCLUSIVE_LEASES;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.val;

import dev.catalogsync.adapters.postgres.jooq.tables.CatalogSyncExclusiveLeases;
import dev.catalogsync.application.port.out.ExclusiveLease;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Field;

/**
 * Leases in {@code catalog_sync_exclusive_leases}, one row per key, beside the queue they guard.
 *
 * <p>Taking a lease is one {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE expires_at <= now()}: it inserts a
 * free key, takes over an expired one, and changes nothing while the holder's time runs; a row comes back only
 * when this call became the holder. Concurrent callers on one key are serialized by the key's unique index, and
 * the loser re-reads the winner's row, so exactly one wins. Each holder gets a random owner token, and
 * releasing deletes the row only while it still carries that token: a holder whose lease expired and was taken
 * over cannot release the new holder's.
 *
 * <p>Expiry is read from the database clock ({@code now()}) only, never the JVM's: it is the one clock that
 * every process sharing the database agrees on, so skew between hosts cannot make two of them holders.
 *
 * <p>Never waits for a holder. The only wait is for a concurrent statement on the same key to commit, a matter
 * of milliseconds, bounded anyway by the pool's lock timeout.
 */
public class PostgresExclusiveLease implements ExclusiveLease {

    private static final CatalogSyncExclusiveLeases LEASES = CATALOG_SYNC_EXCLUSIVE_LEASES;

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
        Optional<UUID> holder = dsl.insertInto(LEASES, LEASES.LEASE_KEY, LEASES.OWNER_TOKEN, LEASES.EXPIRES_AT)
                .values(val(key), val(token), nowPlus(timeToLive))
                .onConflict(LEASES.LEASE_KEY)
                .doUpdate()
                .set(LEASES.OWNER_TOKEN, excluded(LEASES.OWNER_TOKEN))
                .set(LEASES.EXPIRES_AT, excluded(LEASES.EXPIRES_AT))
                .where(LEASES.EXPIRES_AT.le(currentOffsetDateTime()))
                .returningResult(LEASES.OWNER_TOKEN)
                .fetchOptional(LEASES.OWNER_TOKEN);
        return holder.filter(token::equals).map(ours -> new PostgresHeld(key, ours));
    }

    /** One probe of the primary key, expiry compared on the database clock like everywhere else. */
    @Override
    public boolean isHeld(String key) {
        Objects.requireNonNull(key, "key");
        return dsl.fetchExists(LEASES, LEASES.LEASE_KEY.eq(key).and(LEASES.EXPIRES_AT.gt(currentOffsetDateTime())));
    }

    /** {@code now() + make_interval(secs => ttl)}: the expiry on the database clock, to the microsecond. */
    private static Field<OffsetDateTime> nowPlus(Duration timeToLive) {
        double seconds = timeToLive.getSeconds() + timeToLive.getNano() / 1e9;
        return field("now() + make_interval(secs => {0})", OffsetDateTime.class, val(seconds));
    }

    private final class PostgresHeld implements Held {

        private final String key;
        private final UUID token;
        private final AtomicBoolean released = new AtomicBoolean();

        private PostgresHeld(String key, UUID token) {
            this.key = key;
            this.token = token;
        }

        /** Deletes the row if it still carries our token; after one successful release, costs nothing. */
        @Override
        public void close() {
            if (released.get()) {
                return;
            }
            dsl.deleteFrom(LEASES)
                    .where(LEASES.LEASE_KEY.eq(key))
                    .and(LEASES.OWNER_TOKEN.eq(token))
                    .execute();
            released.set(true);
        }

        @Override
        public String toString() {
            return "lease " + key + " held as " + token;
        }
    }
}
