package dev.catalogsync.adapters.scheduler.inbound.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.catalogsync.application.port.in.HandleProjectUpdate;
import dev.catalogsync.application.port.in.HandleProjectUpdate.ProjectUpdateOutcome;
import dev.catalogsync.application.port.in.HandleProjectUpdate.ProjectUpdated;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The after-update callback over HTTP, for a host application that does not embed the Java API, on the JDK's
 * own server.
 *
 * <ul>
 *   <li>{@code POST /hooks/project-updated} with {@code {"project_id": N, "changed": ["name", ...]}}:
 *       202 with {@code {"outcome":"enqueued"}} when the worker was enqueued; 204 when there was nothing to do
 *       (the reason in the {@value #OUTCOME_HEADER} header); 400 with {@code {"error": "..."}} for a malformed
 *       body, which changes nothing; 503 when the database cannot be reached.</li>
 *   <li>{@code GET /health}: 200 while the server runs.</li>
 * </ul>
 */
public final class ProjectUpdateHookServer implements AutoCloseable {

    public static final String HOOK_PATH = "/hooks/project-updated";
    public static final String HEALTH_PATH = "/health";
    public static final String OUTCOME_HEADER = "Catalog-Sync-Outcome";

    /** A hook body is a few dozen bytes; anything much larger is not one. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    static final int THREADS = 4;

    private static final Logger LOG = LoggerFactory.getLogger(ProjectUpdateHookServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads;
    private final HandleProjectUpdate callback;

    private ProjectUpdateHookServer(HttpServer server, ExecutorService threads, HandleProjectUpdate callback) {
        this.server = server;
        this.threads = threads;
        this.callback = callback;
    }

    /**
     * Binds {@code address} (port 0 picks a free one) and starts serving.
     *
     * @throws IOException when the address cannot be bound, e.g. the port is taken
     */
    public static ProjectUpdateHookServer start(InetSocketAddress address, HandleProjectUpdate callback)
            throws IOException {
        Objects.requireNonNull(callback, "callback");
        HttpServer server = HttpServer.create(address, 0);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "catalog-sync-http");
            thread.setDaemon(true);
            return thread;
        });
        ProjectUpdateHookServer hooks = new ProjectUpdateHookServer(server, threads, callback);
        server.createContext(HOOK_PATH, hooks::hook);
        server.createContext(HEALTH_PATH, hooks::health);
        server.createContext("/", exchange -> respond(exchange, 404, error("no such endpoint: " + exchange.getRequestURI().getPath())));
        server.setExecutor(threads);
        server.start();
        return hooks;
    }

    /** Where it listens, with the port chosen when 0 was asked for. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void hook(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(HOOK_PATH)) {
                respond(exchange, 404, error("no such endpoint: " + exchange.getRequestURI().getPath()));
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.getResponseHeaders().set("Allow", "POST");
                respond(exchange, 405, error(HOOK_PATH + " accepts POST only"));
                return;
            }
            ProjectUpdated update;
            try {
                update = parse(readBody(exchange.getRequestBody()));
            } catch (MalformedHookException e) {
                respond(exchange, e.status, error(e.getMessage()));
                return;
            }
            ProjectUpdateOutcome outcome;
            try {
                outcome = callback.handle(update);
            } catch (RuntimeException e) {
                LOG.warn("project-updated hook for project {} failed: {}", update.projectId(), e.toString());
                respond(exchange, 503, error("could not handle the update now, try again: " + e.getMessage()));
                return;
            }
            String name = outcome.name().toLowerCase(Locale.ROOT);
            exchange.getResponseHeaders().set(OUTCOME_HEADER, name);
            if (outcome.enqueued()) {
                ObjectNode body = JSON.createObjectNode().put("outcome", name);
                respond(exchange, 202, body);
            } else {
                exchange.sendResponseHeaders(204, -1);
            }
        }
    }

    private void health(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(HEALTH_PATH)) {
                respond(exchange, 404, error("no such endpoint: " + exchange.getRequestURI().getPath()));
                return;
            }
            respond(exchange, 200, JSON.createObjectNode().put("status", "ok"));
        }
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
        if (projectId == null || !projectId.isIntegralNumber() || !projectId.canConvertToLong() || projectId.asLong() < 1) {
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

    private static byte[] readBody(InputStream in) throws IOException, MalformedHookException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw new MalformedHookException(413, "body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        return body;
    }

    private static ObjectNode error(String message) {
        return JSON.createObjectNode().put("error", message);
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops accepting at once; requests in progress get up to a second to finish. */
    @Override
    public void close() {
        server.stop(1);
        threads.shutdown();
        try {
            if (!threads.awaitTermination(2, TimeUnit.SECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** A request body that is not a hook; the message says what is wrong with it. */
    static final class MalformedHookException extends Exception {

        private static final long serialVersionUID = 1L;

        final int status;

        MalformedHookException(String message) {
            this(400, message);
        }

        MalformedHookException(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
