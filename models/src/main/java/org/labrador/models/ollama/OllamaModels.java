package org.labrador.models.ollama;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What models an Ollama server has ({@code GET /api/tags}) and what it says about one of them
 * ({@code POST /api/show}), with every field Ollama sends, which ollama4j's model types drop
 * ({@code modified_at}, {@code parent_model}, {@code model_info}). Calls are short (the given
 * timeout) because IDE plugins ask for model lists while the user waits. Thread-safe.
 */
public final class OllamaModels {

    private final String baseUrl;
    private final HttpClient http;
    private final Duration timeout;

    public OllamaModels(String baseUrl, Duration timeout) {
        this.baseUrl = OllamaGenerate.stripTrailingSlash(baseUrl);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** The server's models. @throws ModelUnavailableException if the server does not answer in time */
    public List<InstalledModel> list() throws ModelUnavailableException {
        Map<String, Object> tags = call(HttpRequest.newBuilder(URI.create(baseUrl + "/api/tags")).GET());
        List<InstalledModel> out = new ArrayList<>();
        if (tags.get("models") instanceof List<?> models) {
            for (Object item : models) {
                if (item instanceof Map<?, ?> m) {
                    out.add(installed(m));
                }
            }
        }
        return out;
    }

    /**
     * Ollama's {@code /api/show} answer for a model as parsed JSON ({@code template},
     * {@code parameters}, {@code details}, {@code model_info}, {@code capabilities}, …), or empty
     * if the server does not have the model.
     *
     * @throws ModelUnavailableException if the server does not answer in time
     */
    public Optional<Map<String, Object>> show(String model) throws ModelUnavailableException {
        try {
            return Optional.of(call(HttpRequest.newBuilder(URI.create(baseUrl + "/api/show"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JsonCodec.write(Map.of("model", model))))));
        } catch (OllamaStatusException e) {
            if (e.httpStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private Map<String, Object> call(HttpRequest.Builder request) throws ModelUnavailableException {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ModelUnavailableException("No Ollama server answers at " + baseUrl + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelUnavailableException("Interrupted while asking Ollama at " + baseUrl + ".", e);
        }
        Map<String, Object> body;
        try {
            body = JsonCodec.readObject(response.body());
        } catch (IllegalArgumentException e) {
            throw new OllamaStatusException(response.statusCode() == 200 ? 502 : response.statusCode(),
                    "The server at " + baseUrl + " did not answer like Ollama: " + JsonCodec.abbreviate(response.body()));
        }
        if (response.statusCode() != 200) {
            throw new OllamaStatusException(response.statusCode(), String.valueOf(body.getOrDefault("error", "HTTP " + response.statusCode())));
        }
        return body;
    }

    private static InstalledModel installed(Map<?, ?> m) {
        Map<?, ?> d = m.get("details") instanceof Map<?, ?> details ? details : Map.of();
        List<String> families = new ArrayList<>();
        if (d.get("families") instanceof List<?> list) {
            list.forEach(f -> families.add(String.valueOf(f)));
        }
        return new InstalledModel(string(m, "name"), string(m, "model"), string(m, "modified_at"),
                m.get("size") instanceof Number n ? n.longValue() : 0, string(m, "digest"),
                new InstalledModel.Details(string(d, "parent_model"), string(d, "format"), string(d, "family"), families,
                        string(d, "parameter_size"), string(d, "quantization_level")));
    }

    private static String string(Map<?, ?> m, String key) {
        return m.get(key) instanceof String s ? s : "";
    }
}
