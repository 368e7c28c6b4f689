/**
 * The PostgreSQL side of catalog-sync: the migrations, the pool, the embedded server, and the outbound ports
 * of the application ({@code SyncEventQueue}, {@code SyncBatches}, {@code ExclusiveLease},
 * {@code FeatureFlagStore}, {@code QueueInspector}, {@code QueuePartitions}, {@code MirrorDrift}) built on jOOQ, which never shows in a public signature.
 *
 * <p>Easy to get wrong here:
 * <ul>
 *   <li>The pending filter is the literal {@code status = 1}, never a bind value: the partial index on
 *       pending ids serves only predicates the planner can match, and pgjdbc moves a statement to a generic
 *       plan after a few runs. {@code PendingQueriesUseThePartialIndexTest} explains the generic plans.</li>
 *   <li>A batch is one statement ({@link dev.catalogsync.adapters.postgres.PostgresSyncBatches}): the ids it took
 *       reach the updates as arrays ({@code id = ANY(ARRAY(SELECT ...))}), never as a join, which could turn into a
 *       sequential scan of a large table once the planner misjudges the batch's size.</li>
 *   <li>Every write under the worker's lease is fenced in its own transaction: the lease row is checked and locked
 *       on the database clock ({@code clock_timestamp()}, not {@code now()}, the transaction's start) before
 *       anything is written.</li>
 *   <li>Lease expiry reads the database clock only; JVM clocks of different hosts disagree.</li>
 *   <li>Flyway holds two connections at once: a pool of one would hang migrating, so it is refused.</li>
 *   <li>Timeouts are set with {@code SET} when a connection opens, so that a URL parameter cannot drop them.</li>
 *   <li>Partition DDL runs under {@code SET LOCAL lock_timeout} and takes {@code ACCESS EXCLUSIVE} on the
 *       partitioned table first: a DDL waiting for a lock makes every new writer wait behind it, so the wait must
 *       be short and end in "not granted", and taking the parent before any partition is the order every insert
 *       uses, which rules out deadlocks with the trigger and the worker.</li>
 *   <li>Creating a partition and moving the {@code partition_id} default are one transaction; the default is set
 *       with {@code ALTER TABLE ONLY}, since without {@code ONLY} it also rewrites (and locks) every partition.</li>
 *   <li>Detaching re-checks for pending events while holding that lock, so no event can be queued into the
 *       partition between the check and the detach.</li>
 *   <li>zonky tunes its server for throwaway data ({@code fsync} off); the kept data directory turns it back on.</li>
 * </ul>
 */
package dev.catalogsync.adapters.postgres;
