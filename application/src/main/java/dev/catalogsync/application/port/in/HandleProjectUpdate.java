package dev.catalogsync.application.port.in;

import java.util.Objects;
import java.util.Set;

/**
 * What a host application calls after it has committed an update of a project (GitLab's after-update callback
 * on {@code Project}): enqueues the sync worker when the project is a catalog resource, one of its mirrored
 * attributes changed, and {@code ci_process_catalog_resource_sync_events} is enabled. The trigger has queued
 * the event already; this only makes the worker run now instead of at the next poll or cron tick.
 *
 * <p>Contract: never writes the mirror or the queue, only enqueues the worker; idempotent, so calling it when
 * nothing needs doing, or twice, is harmless. Every {@link ProjectUpdateOutcome} is a normal answer; failures to
 * reach the database surface as unchecked exceptions, and the caller may simply call again.
 */
public interface HandleProjectUpdate {

    ProjectUpdateOutcome handle(ProjectUpdated update);

    /**
     * A committed update of one project.
     *
     * @param projectId the project's id
     * @param changedAttributes names of the columns the update changed, e.g. {@code name}; unknown names are
     *     allowed and simply do not matter
     */
    record ProjectUpdated(long projectId, Set<String> changedAttributes) {

        public ProjectUpdated {
            if (projectId < 1) {
                throw new IllegalArgumentException("projectId must be 1 or more, was " + projectId);
            }
            changedAttributes = Set.copyOf(Objects.requireNonNull(changedAttributes, "changedAttributes"));
        }
    }

    /** Whether the worker was enqueued, and if not, why there was nothing to do. Every value is normal. */
    enum ProjectUpdateOutcome {
        ENQUEUED("the sync worker was enqueued"),
        NO_MIRRORED_ATTRIBUTE_CHANGED("none of name, description or visibility_level changed"),
        FEATURE_FLAG_DISABLED("feature flag ci_process_catalog_resource_sync_events is disabled"),
        NOT_A_CATALOG_RESOURCE("the project is not a catalog resource");

        private final String reason;

        ProjectUpdateOutcome(String reason) {
            this.reason = reason;
        }

        public boolean enqueued() {
            return this == ENQUEUED;
        }

        public String reason() {
            return reason;
        }
    }
}
