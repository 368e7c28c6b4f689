/**
 * The PostgreSQL side of catalog-sync: the migrations, the pool, the embedded server, and the outbound ports
 * of the application ({@code SyncEventQueue}, {@code CatalogMirror}, {@code ExclusiveLease},
 * {@code FeatureFlagStore}, {@code QueueInspector}) built on jOOQ, which never shows in a public signature.
 *
 * <p>Easy to get wrong here:
 * <ul>
 *   <li>The pending filter is the literal {@code status = 1}, never a bind value: the partial index on
 *       pending ids serves only predicates the planner can match, and pgjdbc moves a statement to a generic
 *       plan after a few runs. {@code PendingQueriesUseThePartialIndexTest} explains the generic plans.</li>
 *   <li>Id lists go as one array parameter ({@code id = ANY(?)}), so a batch is one statement with one bind,
 *       not one statement per event nor thousands of binds.</li>
 *   <li>Marking processed names the partition key, so that it scans and locks one partition.</li>
 *   <li>Lease expiry reads the database clock only; JVM clocks of different hosts disagree.</li>
 *   <li>Flyway holds two connections at once: a pool of one would hang migrating, so it is refused.</li>
 *   <li>Timeouts are set with {@code SET} when a connection opens, so that a URL parameter cannot drop them.</li>
 *   <li>zonky tunes its server for throwaway data ({@code fsync} off); the kept data directory turns it back on.</li>
 * </ul>
 */
package dev.catalogsync.adapters.postgres;
