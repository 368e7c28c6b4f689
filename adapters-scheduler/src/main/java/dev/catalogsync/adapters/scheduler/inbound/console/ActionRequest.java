package dev.catalogsync.adapters.scheduler.inbound.console;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.catalogsync.application.port.out.ChangedBy;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * The JSON body of a console action, read strictly: one object, each field once, only the fields the action takes,
 * nothing after it. Every action takes {@code actor}, the operator's name for the audit (1 to
 * {@value #MAX_ACTOR_LENGTH} printable characters; {@value #DEFAULT_ACTOR} when left out); the origin is always
 * {@value #ORIGIN}.
 */
final class ActionRequest {

    /** Where every console action is recorded as coming from. */
    static final String ORIGIN = "console";

    static final String DEFAULT_ACTOR = "console user";
    static final int MAX_ACTOR_LENGTH = 100;

    /** An action's body is a few dozen bytes. */
    static final int MAX_BODY_BYTES = 4 * 1024;

    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(
                            StreamReadConstraints.builder().maxNestingDepth(4).build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final JsonNode body;

    private ActionRequest(JsonNode body) {
        this.body = body;
    }

    /**
     * @param fields the fields the action takes besides {@code actor}
     * @throws MalformedActionException saying what is wrong, in words fit for the answer
     */
    static ActionRequest parse(byte[] bytes, Set<String> fields) throws MalformedActionException {
        JsonNode json = readOneObject(bytes);
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("actor") && !fields.contains(name)) {
                throw new MalformedActionException("unknown field '" + shorten(name) + "': this action takes "
                        + (fields.isEmpty() ? "" : String.join(", ", fields) + " and ") + "actor");
            }
        }
        return new ActionRequest(json);
    }

    /** Who asked, from the console. */
    ChangedBy changedBy() throws MalformedActionException {
        JsonNode actor = body.get("actor");
        if (actor == null || actor.isNull()) {
            return new ChangedBy(DEFAULT_ACTOR, ORIGIN);
        }
        String name = actor.isTextual() ? actor.asText().strip() : "";
        if (name.isEmpty()
                || name.length() > MAX_ACTOR_LENGTH
                || !name.codePoints().noneMatch(Character::isISOControl)) {
            throw new MalformedActionException(
                    "actor must be a name of 1 to " + MAX_ACTOR_LENGTH + " printable characters");
        }
        return new ChangedBy(name, ORIGIN);
    }

    /** A boolean field; {@code fallback} when left out. */
    boolean flag(String name, Optional<Boolean> fallback) throws MalformedActionException {
        JsonNode value = body.get(name);
        if (value == null && fallback.isPresent()) {
            return fallback.get();
        }
        if (value == null || !value.isBoolean()) {
            throw new MalformedActionException(name + " must be true or false");
        }
        return value.booleanValue();
    }

    private static JsonNode readOneObject(byte[] bytes) throws MalformedActionException {
        if (bytes.length == 0) {
            return JSON.createObjectNode();
        }
        try (JsonParser parser = JSON.createParser(bytes)) {
            JsonNode json = parser.nextToken() == null ? null : JSON.readTree(parser);
            if (json == null) {
                return JSON.createObjectNode();
            }
            if (!json.isObject()) {
                throw new MalformedActionException("the body must be a JSON object, e.g. {\"actor\": \"alice\"}");
            }
            if (parser.nextToken() != null) {
                throw new MalformedActionException("the body must hold one JSON object and nothing after it");
            }
            return json;
        } catch (IOException e) {
            throw new MalformedActionException("the body is not JSON, or names a field twice");
        }
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    /** A body that is not the action's; the message says why. */
    static final class MalformedActionException extends Exception {

        private static final long serialVersionUID = 1L;

        MalformedActionException(String message) {
            super(message);
        }
    }
}
