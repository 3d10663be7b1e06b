package org.labrador.chatserver.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * The error body each API's clients parse, chosen by the request's path: OpenAI's
 * {@code {"error": {"message", "type", "param", "code"}}} under {@code /v1/} (Tabby's few paths
 * there excepted), llama.cpp server's {@code {"error": {"code", "message", "type"}}} at its
 * single paths, and {@code {"error": "…"}} elsewhere: Labrador's own API and Ollama's share it.
 */
public enum ApiErrorShape {

    /** Labrador's API ({@code /api/v1/}), Ollama's ({@code /api/}) and Tabby's: {@code {"error": "…"}}. */
    PLAIN,
    /** OpenAI's API under {@code /v1/}. */
    OPENAI,
    /** llama.cpp server's {@code /infill}, {@code /completion} and {@code /health}. */
    LLAMA_CPP;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> LLAMA_CPP_PATHS = Set.of("/infill", "/completion", "/health");
    private static final Set<String> TABBY_PATHS = Set.of("/v1/health", "/v1/events");

    /** The path without the context path, as the API mappings see it. */
    public static String pathOf(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    /** Whether a path belongs to one of the HTTP APIs (and not to the web pages). */
    public static boolean isApiPath(String path) {
        return path.startsWith("/api/") || path.startsWith("/v1/") || path.startsWith("/v1beta/")
                || LLAMA_CPP_PATHS.contains(path);
    }

    public static ApiErrorShape of(String path) {
        if (LLAMA_CPP_PATHS.contains(path)) {
            return LLAMA_CPP;
        }
        return path.startsWith("/v1/") && !TABBY_PATHS.contains(path) ? OPENAI : PLAIN;
    }

    public static ApiErrorShape of(HttpServletRequest request) {
        return of(pathOf(request));
    }

    /** The error body for a status and a message meant for the caller. */
    public Map<String, Object> body(int status, String message) {
        return body(status, message, null);
    }

    /**
     * The error body with a machine-readable code where the protocol has one (OpenAI's {@code code},
     * e.g. {@code model_not_found}); null for the protocol's default.
     */
    public Map<String, Object> body(int status, String message, String code) {
        Map<String, Object> error = new LinkedHashMap<>();
        switch (this) {
            case PLAIN -> {
                return Map.of("error", message);
            }
            case OPENAI -> {
                error.put("message", message);
                error.put("type", status >= 500 ? "api_error" : "invalid_request_error");
                error.put("param", null);
                error.put("code", code != null ? code : switch (status) {
                    case 401 -> "invalid_api_key";
                    case 404 -> message.startsWith("model") ? "model_not_found" : null;
                    default -> null;
                });
            }
            case LLAMA_CPP -> {
                error.put("code", status);
                error.put("message", message);
                error.put("type", llamaCppType(status));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        return body;
    }

    /** Writes the error as the whole response, for refusals outside Spring MVC (filters, entry points). */
    public void write(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getOutputStream().write(JSON.writeValueAsBytes(body(status, message)));
    }

    /** The error types of llama.cpp server's {@code format_error_response}. */
    private static String llamaCppType(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 501 -> "not_supported_error";
            case 502, 503 -> "unavailable_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }
}
