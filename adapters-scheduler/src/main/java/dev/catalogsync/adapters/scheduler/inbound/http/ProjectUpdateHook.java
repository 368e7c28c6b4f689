package dev.catalogsync.adapters.scheduler.inbound.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.catalogsync.application.port.in.HandleProjectUpdate;
import dev.catalogsync.application.port.in.HandleProjectUpdate.ProjectUpdateOutcome;
import dev.catalogsync.application.port.in.HandleProjectUpdate.ProjectUpdated;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The after-update callback over HTTP, for a host application that does not embed the Java API: the inbound port
 * {@link HandleProjectUpdate} as {@code POST /hooks/project-updated} with
 * {@code {"project_id": N, "changed": ["name", ...]}}.
 *
 * <ul>
 *   <li>202 with {@code {"outcome":"enqueued"}} when the worker was enqueued;</li>
 *   <li>204 when there was nothing to do, the reason in the {@value #OUTCOME_HEADER} header
 *       ({@code no_mirrored_attribute_changed}, {@code feature_flag_disabled}, {@code not_a_catalog_resource});</li>
 *   <li>400 with {@code {"error": "..."}} for a malformed body, which changes nothing;</li>
 *   <li>413 for a body over {@link #MAX_BODY_BYTES} (the server's check);</li>
 *   <li>503 when the update could not be handled now (the database cannot be reached): the caller retries.</li>
 * </ul>
 */
public final class ProjectUpdateHook implements HttpRoute.Handler {

    public static final String HOOK_PATH = "/hooks/project-updated";

    /** The header of every answer the callback gave: {@code enqueued} or why nothing was. */
    public static final String OUTCOME_HEADER = "Catalog-Sync-Outcome";

    /** A hook body is a few dozen bytes; anything much larger is not one. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ProjectUpdateHook.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HandleProjectUpdate callback;

    public ProjectUpdateHook(HandleProjectUpdate callback) {
        this.callback = Objects.requireNonNull(callback, "callback");
    }

    /** The route: {@code POST} {@value #HOOK_PATH}, bodies up to {@link #MAX_BODY_BYTES}. */
    public static HttpRoute route(HandleProjectUpdate callback) {
        return HttpRoute.post(HOOK_PATH, MAX_BODY_BYTES, new ProjectUpdateHook(callback));
    }

    @Override
    public RouteResponse handle(RouteRequest request) {
        ProjectUpdated update;
        try {
            update = parse(request.body());
        } catch (MalformedHookException e) {
            return RouteResponse.error(400, e.getMessage());
        }
        ProjectUpdateOutcome outcome;
        try {
            outcome = callback.handle(update);
        } catch (RuntimeException e) {
            LOG.warn("project-updated hook for project {} failed: {}", update.projectId(), e.toString());
            return RouteResponse.error(503, "could not handle the update now, try again: " + e.getMessage());
        }
        String name = outcome.name().toLowerCase(Locale.ROOT);
        RouteResponse answer = outcome.enqueued()
                ? RouteResponse.json(202, JSON.createObjectNode().put("outcome", name))
                : RouteResponse.empty(204);
        return answer.withHeader(OUTCOME_HEADER, name);
    }

    static ProjectUpdated parse(byte[] body) throws MalformedHookException {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedHookException("body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedHookException("body could not be read: " + e.getMessage());
        }
        if (json == null || !json.isObject()) {
            throw new MalformedHookException(
                    "body must be a JSON object like {\"project_id\": 1, \"changed\": [\"name\"]}");
        }
        JsonNode projectId = json.get("project_id");
        if (projectId == null
                || !projectId.isIntegralNumber()
                || !projectId.canConvertToLong()
                || projectId.asLong() < 1) {
            throw new MalformedHookException("project_id must be a positive integer, was " + projectId);
        }
        JsonNode changed = json.get("changed");
        if (changed == null || !changed.isArray()) {
            throw new MalformedHookException("changed must be an array of column names, was " + changed);
        }
        Set<String> columns = new LinkedHashSet<>();
        for (JsonNode column : changed) {
            if (!column.isTextual()) {
                throw new MalformedHookException("changed must hold column names as strings, found " + column);
            }
            columns.add(column.asText());
        }
        return new ProjectUpdated(projectId.asLong(), columns);
    }

    /** A request body that is not a hook; the message says what is wrong with it. */
    static final class MalformedHookException extends Exception {

        private static final long serialVersionUID = 1L;

        MalformedHookException(String message) {
            super(message);
        }
    }
}
