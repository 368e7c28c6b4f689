/**
 * The upkeep rule of the queue's partitions: GitLab's sliding-list strategy as a pure function from what the
 * database holds now to the steps that keep it healthy. No I/O here; the application executes the steps.
 */
package dev.catalogsync.domain.partitioning;
