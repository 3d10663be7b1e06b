package org.labrador.chatserver.ide;

import java.util.LinkedHashSet;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the JSON body of an IDE request into the record of its API, leniently as plugins send it:
 * fields are snake_case on the wire ({@code keep_alive}, {@code input_prefix}), unknown fields are
 * ignored, absent ones are null (each record's constructor puts in its default), and malformed
 * JSON or a field of the wrong type is a 400 in the API's own error shape (not Spring's).
 */
final class RequestBody {

    /** Writes the responses: each response record names its fields on the wire itself. */
    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final JsonMapper READER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private RequestBody() {
    }

    /** The body as a JSON object, to look at before choosing its record; an empty object for no body. */
    static JsonNode tree(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw IdeException.badRequest("invalid JSON: " + e.getOriginalMessage());
        }
        if (!root.isObject()) {
            throw IdeException.badRequest("the request body must be a JSON object");
        }
        return root;
    }

    /** The body as its API's request record. */
    static <T> T read(String body, Class<T> type) {
        return as(tree(body), type);
    }

    /** A JSON object already read, as a request record. */
    static <T> T as(JsonNode tree, Class<T> type) {
        try {
            return READER.treeToValue(tree, type);
        } catch (JacksonException e) {
            throw IdeException.badRequest("a field of the request has the wrong type: " + e.getOriginalMessage());
        }
    }

    static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    /** A field that may hold a string or something else (a number, an array): its text, or "" for anything else. */
    static String text(JsonNode node) {
        return node != null && node.isString() ? node.asString() : "";
    }

    /** Names from a field that is a string or an array of strings. */
    static Set<String> names(Object value) {
        Set<String> out = new LinkedHashSet<>();
        if (value instanceof String s && !s.isBlank()) {
            out.add(s.strip());
        } else if (value instanceof Iterable<?> list) {
            list.forEach(v -> out.add(String.valueOf(v).strip()));
        }
        out.removeIf(String::isEmpty);
        return out;
    }
}
