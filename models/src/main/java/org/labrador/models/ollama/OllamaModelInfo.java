package org.labrador.models.ollama;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.labrador.models.BoundedHttp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code model_info} object of Ollama's {@code POST /api/show}: the model's architecture and
 * its context length ({@code <architecture>.context_length}), among others.
 *
 * <p>This is the one call of the package that does not go through ollama4j: ollama4j 1.1.6 reads
 * {@code /api/show} into a {@code ModelDetail} that has no {@code model_info} field and drops it,
 * and it offers no raw call. So it is one small request with the JDK's HTTP client, read with
 * Jackson; when ollama4j reads {@code model_info} itself (its next release does, as
 * {@code ModelDetail.getModelInfo()}), this class goes. Thread-safe.
 */
final class OllamaModelInfo {

    private static final Logger log = LoggerFactory.getLogger(OllamaModelInfo.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** {@code /api/show} with a long chat template and license is some hundreds of kB. */
    private static final int MAX_ANSWER_BYTES = 16_000_000;

    private final URI show;
    private final Duration timeout;
    private final HttpClient client;

    OllamaModelInfo(String baseUrl, Duration timeout) {
        this.show = URI.create(OllamaClients.stripTrailingSlash(baseUrl) + "/api/show");
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /**
     * The model's {@code model_info}, or empty when the server does not answer in time, does not
     * have the model, or sends none. Never throws: callers fall back to a default.
     */
    Optional<Map<String, Object>> of(String model) {
        HttpRequest request = HttpRequest.newBuilder(show).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("model", model))))
                .build();
        try {
            BoundedHttp.Reply response = BoundedHttp.send(client, request, timeout, MAX_ANSWER_BYTES);
            if (response.status() != 200) {
                log.debug("Ollama at {} answered {} to /api/show for {}", show, response.status(), model);
                return Optional.empty();
            }
            JsonNode info = JSON.readTree(response.body()).path("model_info");
            if (!info.isObject()) {
                return Optional.empty();
            }
            Map<String, Object> out = new LinkedHashMap<>();
            info.properties().forEach(e -> out.put(e.getKey(), JSON.treeToValue(e.getValue(), Object.class)));
            return Optional.of(out);
        } catch (IOException | JacksonException e) {
            log.debug("No model_info for {} from {}: {}", model, show, e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The context length the model was trained with, as {@code model_info} gives it. */
    static OptionalInt contextLength(Map<String, Object> info) {
        Object architecture = info.get("general.architecture");
        Object length = architecture == null ? null : info.get(architecture + ".context_length");
        if (length == null) { // no architecture named: the one key of that form
            length = info.entrySet().stream().filter(e -> e.getKey().endsWith(".context_length"))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
        return length instanceof Number n && n.longValue() > 0
                ? OptionalInt.of((int) Math.min(Integer.MAX_VALUE, n.longValue())) : OptionalInt.empty();
    }
}
