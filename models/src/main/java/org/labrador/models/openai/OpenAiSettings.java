package org.labrador.models.openai;

import java.time.Duration;
import java.util.Objects;

/**
 * Where an OpenAI-compatible server is and which model to use.
 *
 * @param baseUrl        the API's base, ending in {@code /v1} as such servers document it
 *                       ({@code http://gpu1:8000/v1}); a trailing slash is dropped
 * @param model          the model as the server names it ({@code Qwen/Qwen2.5-7B-Instruct})
 * @param apiKey         the key, or null for servers without one
 * @param contextTokens  the context window the server runs the model with (vLLM's {@code --max-model-len},
 *                       llama.cpp's {@code -c}); the OpenAI protocol does not say it, so it is configured
 * @param requestTimeout how long a reply may take to start
 * @param healthTimeout  how long a status check may take
 */
public record OpenAiSettings(String baseUrl, String model, String apiKey, int contextTokens, Duration requestTimeout,
                             Duration healthTimeout) {

    /** A window every current chat model has; a server with a larger one should be configured. */
    public static final int DEFAULT_CONTEXT_TOKENS = 4096;

    public OpenAiSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        baseUrl = baseUrl.strip();
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
        contextTokens = contextTokens > 0 ? contextTokens : DEFAULT_CONTEXT_TOKENS;
        requestTimeout = requestTimeout == null || requestTimeout.isZero() ? Duration.ofMinutes(5) : requestTimeout;
        healthTimeout = healthTimeout == null || healthTimeout.isZero() ? Duration.ofSeconds(2) : healthTimeout;
    }

    public static OpenAiSettings of(String baseUrl, String model) {
        return new OpenAiSettings(baseUrl, model, null, 0, null, null);
    }

    /** LangChain4j's client always sends a key; servers without authentication ignore it. */
    String keyOrPlaceholder() {
        return apiKey == null ? "none" : apiKey;
    }

    @Override
    public String toString() {
        // Never the key: settings end up in log lines.
        return "OpenAiSettings[" + baseUrl + ", " + model + ", key " + (apiKey == null ? "none" : "set") + "]";
    }
}
