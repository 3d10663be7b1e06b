package org.labrador.models.ollama;

import java.time.Duration;

/**
 * Where the Ollama server is and which model to chat with. Null or blank values take the
 * defaults.
 *
 * @param baseUrl        server address, default {@value #DEFAULT_BASE_URL}
 * @param model          model name as {@code ollama pull} takes it, default {@value #DEFAULT_MODEL}
 * @param requestTimeout how long to wait for a chat reply to start; generous, because Ollama sends
 *                       nothing while it loads the model and reads the prompt (default 5 min)
 * @param healthTimeout  how long a status check may take; short, because a status line calls it
 *                       (default 2 s)
 */
public record OllamaSettings(String baseUrl, String model, Duration requestTimeout, Duration healthTimeout) {

    public static final String DEFAULT_BASE_URL = "http://localhost:11434";
    public static final String DEFAULT_MODEL = "qwen2.5:3b";
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(5);
    public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(2);

    public OllamaSettings {
        baseUrl = baseUrl == null || baseUrl.isBlank() ? DEFAULT_BASE_URL : stripTrailingSlash(baseUrl.strip());
        model = model == null || model.isBlank() ? DEFAULT_MODEL : model.strip();
        requestTimeout = positiveOr(requestTimeout, DEFAULT_REQUEST_TIMEOUT);
        healthTimeout = positiveOr(healthTimeout, DEFAULT_HEALTH_TIMEOUT);
    }

    /** All defaults: a local Ollama with {@value #DEFAULT_MODEL}. */
    public static OllamaSettings defaults() {
        return new OllamaSettings(null, null, null, null);
    }

    /** These settings, for the server at {@code baseUrl} and the given model. */
    public static OllamaSettings of(String baseUrl, String model) {
        return new OllamaSettings(baseUrl, model, null, null);
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static Duration positiveOr(Duration value, Duration fallback) {
        return value == null || value.isNegative() || value.isZero() ? fallback : value;
    }
}
