package dev.catalogsync.adapters.scheduler.inbound.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.catalogsync.application.port.in.HandleProjectUpdate;
import dev.catalogsync.application.port.in.HandleProjectUpdate.ProjectUpdateOutcome;
import dev.catalogsync.application.port.in.HandleProjectUpdate.ProjectUpdated;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The after-update callback over HTTP, for a host application that does not embed the Java API: the inbound port
 * {@link HandleProjectUpdate} as {@code POST /hooks/project-updated} with
 * {@code {"project_id": N, "changed": ["name", ...]}}, a state-changing route (see {@link HttpAccess} for what the
 * server asks of a request before it gets here).
 *
 * <ul>
 *   <li>202 with {@code {"outcome":"enqueued"}} when the worker was enqueued;</li>
 *   <li>204 when there was nothing to do, the reason in the {@value #OUTCOME_HEADER} header
 *       ({@code no_mirrored_attribute_changed}, {@code feature_flag_disabled}, {@code not_a_catalog_resource}: an
 *       unknown project id is the last, a normal answer);</li>
 *   <li>400 with {@code {"error": "..."}} for a body that is not exactly a hook, which changes nothing: not JSON,
 *       anything after the object, a field twice, a field other than {@code project_id} and {@code changed}, a
 *       {@code project_id} that is not a whole number from 1, a {@code changed} that is not an array of strings.
 *       Column names in {@code changed} other than the mirrored ones are allowed: a host may send every column it
 *       changed;</li>
 *   <li>413 for a body over {@link #MAX_BODY_BYTES} (the server's check);</li>
 *   <li>503 with {@code Retry-After} when the database could not be asked (unreachable, too slow, no free
 *       connection): the caller retries. 500 for any other failure. Neither repeats the failure's message, which may
 *       hold SQL: the log has it.</li>
 * </ul>
 */
public final class ProjectUpdateHook implements HttpRoute.Handler {

    public static final String HOOK_PATH = "/hooks/project-updated";

    /** The header of every answer the callback gave: {@code enqueued} or why nothing was. */
    public static final String OUTCOME_HEADER = "Catalog-Sync-Outcome";

    /** A hook body is a few dozen bytes; anything much larger is not one. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    /** The fields of a hook body; any other is refused, so that a misspelt one does not pass unnoticed. */
    static final Set<String> FIELDS = Set.of("project_id", "changed");

    private static final int ECHO_LIMIT = 100;

    private static final Logger LOG = LoggerFactory.getLogger(ProjectUpdateHook.class);
    /** A hook nests two levels deep; a body nesting far deeper is an attack on the parser, not a hook. */
    static final int MAX_NESTING_DEPTH = 8;

    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

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
            return failed(update, e);
        }
        String name = outcome.name().toLowerCase(Locale.ROOT);
        RouteResponse answer = outcome.enqueued()
                ? RouteResponse.json(202, JSON.createObjectNode().put("outcome", name))
                : RouteResponse.empty(204);
        return answer.withHeader(OUTCOME_HEADER, name);
    }

    private static RouteResponse failed(ProjectUpdated update, RuntimeException failure) {
        if (causedByTheDatabase(failure)) {
            LOG.warn(
                    "project-updated hook for project {}: the database could not be asked: {}",
                    update.projectId(),
                    failure.toString());
            return RouteResponse.error(503, "the database is unavailable; try again")
                    .withHeader("Retry-After", WorkLimit.RETRY_AFTER_SECONDS);
        }
        LOG.warn("project-updated hook for project {} failed", update.projectId(), failure);
        return RouteResponse.error(
                500,
                "the update of project " + update.projectId() + " could not be handled; the service's log says why");
    }

    /** A JDBC failure anywhere in the chain: the pool's timeout, a refused connection, a cancelled statement. */
    private static boolean causedByTheDatabase(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    static ProjectUpdated parse(byte[] body) throws MalformedHookException {
        JsonNode json = readOneObject(body);
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new MalformedHookException(
                        "unknown field '" + echo(name) + "': a hook has project_id and changed only");
            }
        }
        JsonNode projectId = json.get("project_id");
        if (projectId == null
                || !projectId.isIntegralNumber()
                || !projectId.canConvertToLong()
                || projectId.asLong() < 1) {
            throw new MalformedHookException("project_id must be a whole number from 1, was " + echo(projectId));
        }
        JsonNode changed = json.get("changed");
        if (changed == null || !changed.isArray()) {
            throw new MalformedHookException("changed must be an array of column names, was " + echo(changed));
        }
        Set<String> columns = new LinkedHashSet<>();
        for (JsonNode column : changed) {
            if (!column.isTextual()) {
                throw new MalformedHookException("changed must hold column names as strings, found " + echo(column));
            }
            columns.add(column.asText());
        }
        return new ProjectUpdated(projectId.asLong(), columns);
    }

    /** Strictly: one JSON object, each field once, and nothing after it but white space. */
    private static JsonNode readOneObject(byte[] body) throws MalformedHookException {
        try (JsonParser parser = JSON.createParser(body)) {
            JsonNode json = parser.nextToken() == null ? null : JSON.readTree(parser);
            if (json == null || !json.isObject()) {
                throw new MalformedHookException(
                        "body must be a JSON object like {\"project_id\": 1, \"changed\": [\"name\"]}");
            }
            if (!atEnd(parser)) {
                throw new MalformedHookException("body must hold one JSON object and nothing after it");
            }
            return json;
        } catch (StreamConstraintsException e) {
            throw new MalformedHookException("body nests deeper than " + MAX_NESTING_DEPTH + " levels: not a hook");
        } catch (JsonProcessingException e) {
            throw new MalformedHookException("body is not JSON: " + oneLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new MalformedHookException("body could not be read");
        }
    }

    /** Whether only white space follows; anything else, JSON or not, is something after the object. */
    private static boolean atEnd(JsonParser parser) {
        try {
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    /** A piece of the client's body as an answer repeats it: at most {@value #ECHO_LIMIT} characters. */
    private static String echo(Object value) {
        String text = String.valueOf(value);
        return text.length() <= ECHO_LIMIT ? text : text.substring(0, ECHO_LIMIT) + "...";
    }

    /** The parser's words about the body, on one line, without its pointer into the (redacted) source. */
    private static String oneLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String text = message.replaceAll("\\s+", " ").trim();
        for (String location : new String[] {" (start marker at", " at [Source", "[Source:"}) {
            int at = text.indexOf(location);
            if (at >= 0) {
                text = text.substring(0, at).trim();
            }
        }
        return text.length() <= 2 * ECHO_LIMIT ? text : text.substring(0, 2 * ECHO_LIMIT) + "...";
    }

    /** A request body that is not a hook; the message says what is wrong with it. */
    static final class MalformedHookException extends Exception {

        private static final long serialVersionUID = 1L;

        MalformedHookException(String message) {
            super(message);
        }
    }
}
