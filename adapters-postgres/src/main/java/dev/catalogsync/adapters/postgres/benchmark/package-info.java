/**
 * What {@code catalog-sync bench} runs on the database: its own scratch database ({@link BenchDatabase}), the
 * workloads ({@link BenchWorkloads}), a faithful baseline of GitLab's per-event algorithm
 * ({@link GitLabPerEventDrain}), GitLab's row trigger to compare ours with ({@link TriggerVariants}), and the
 * probe of the propagation measurement ({@link PropagationProbe}). Plain JDBC, one round trip per statement,
 * so that what is measured is what is sent. Never pointed at a database whose data matters: every class here
 * writes, truncates or swaps triggers on the scratch database it is given.
 */
package dev.catalogsync.adapters.postgres.benchmark;
