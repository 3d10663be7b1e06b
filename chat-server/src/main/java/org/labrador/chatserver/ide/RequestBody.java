package org.labrador.chatserver.ide;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON body of an IDE request, read leniently as plugins send it: absent fields take their
 * defaults, and malformed JSON is a 400 in the API's own error shape (not Spring's).
 */
final class RequestBody {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final JsonNode root;

    private RequestBody(JsonNode root) {
        this.root = root;
    }

    static RequestBody parse(String body) {
        if (body == null || body.isBlank()) {
            return new RequestBody(JSON.createObjectNode());
        }
        try {
            JsonNode root = JSON.readTree(body);
            if (!root.isObject()) {
                throw IdeException.badRequest("the request body must be a JSON object");
            }
            return new RequestBody(root);
        } catch (JacksonException e) {
            throw IdeException.badRequest("invalid JSON: " + e.getOriginalMessage());
        }
    }

    JsonNode node(String field) {
        return root.path(field);
    }

    String text(String field) {
        JsonNode n = root.path(field);
        return n.isString() ? n.asString() : "";
    }

    /** A string field, or null when absent or JSON null. */
    String textOrNull(String field) {
        JsonNode n = root.path(field);
        return n.isString() ? n.asString() : null;
    }

    boolean flag(String field, boolean fallback) {
        JsonNode n = root.path(field);
        return n.isBoolean() ? n.asBoolean() : fallback;
    }

    /** A JSON object field as plain Java values (maps, lists, strings, numbers), in order. */
    Map<String, Object> object(String field) {
        JsonNode n = root.path(field);
        if (!n.isObject()) {
            return new LinkedHashMap<>();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = JSON.convertValue(n, LinkedHashMap.class);
        return map;
    }

    /** The value of {@code keep_alive} as given (a duration string or seconds), or null. */
    Object keepAlive() {
        JsonNode n = root.path("keep_alive");
        return n.isString() ? n.asString() : n.isNumber() ? n.numberValue() : null;
    }

    /** Names from a field that is a string or an array of strings. */
    static Set<String> names(Object value) {
        Set<String> out = new LinkedHashSet<>();
        if (value instanceof String s && !s.isBlank()) {
            out.add(s.strip());
        } else if (value instanceof Iterable<?> list) {
            list.forEach(v -> out.add(String.valueOf(v).strip()));
        } else if (value instanceof JsonNode node) {
            if (node.isString()) {
                out.add(node.asString().strip());
            } else {
                node.forEach(v -> out.add(v.asString().strip()));
            }
        }
        out.removeIf(String::isEmpty);
        return out;
    }
}
