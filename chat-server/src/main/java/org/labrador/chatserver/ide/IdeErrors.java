package org.labrador.chatserver.ide;

import java.util.LinkedHashMap;
import java.util.Map;
import org.labrador.models.ollama.ModelUnavailableException;
import org.labrador.models.ollama.OllamaStatusException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors of the IDE endpoints in the shape each API's clients parse: Ollama's
 * {@code {"error": "…"}}, OpenAI's {@code {"error": {"message", "type", "param", "code"}}} (Tabby's
 * completions too, which share OpenAI's path) and llama.cpp's {@code {"error": {"code", "message", "type"}}}, with
 * the status that fits (400 bad request, 404 unknown model, 502 model server unreachable).
 */
final class IdeErrors {

    private IdeErrors() {
    }

    static int status(Throwable e) {
        return switch (e) {
            case IdeException ide -> ide.status();
            case OllamaStatusException upstream -> upstream.httpStatus() >= 500 ? 502 : upstream.httpStatus();
            case ModelUnavailableException unavailable -> 502;
            case IllegalArgumentException bad -> 400;
            default -> 500;
        };
    }

    @RestControllerAdvice(assignableTypes = OllamaApiController.class)
    static class OllamaShape {

        @ExceptionHandler({IdeException.class, ModelUnavailableException.class, IllegalArgumentException.class})
        ResponseEntity<Map<String, Object>> error(Exception e) {
            return ResponseEntity.status(status(e)).body(Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    @RestControllerAdvice(assignableTypes = OpenAiApiController.class)
    static class OpenAiShape {

        @ExceptionHandler({IdeException.class, ModelUnavailableException.class, IllegalArgumentException.class})
        ResponseEntity<Map<String, Object>> error(Exception e) {
            int status = status(e);
            return ResponseEntity.status(status).body(openAi(status, String.valueOf(e.getMessage())));
        }
    }

    @RestControllerAdvice(assignableTypes = LlamaCppApiController.class)
    static class LlamaCppShape {

        @ExceptionHandler({IdeException.class, ModelUnavailableException.class, IllegalArgumentException.class})
        ResponseEntity<Map<String, Object>> error(Exception e) {
            int status = status(e);
            return ResponseEntity.status(status).body(llamaCpp(status, String.valueOf(e.getMessage())));
        }
    }

    /** llama.cpp server's error: {@code {"error": {"code", "message", "type"}}}. */
    static Map<String, Object> llamaCpp(int status, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", status);
        error.put("message", message);
        error.put("type", switch (status) {
            case 400 -> "invalid_request_error";
            case 404 -> "not_found_error";
            case 502, 503 -> "unavailable_error";
            default -> "server_error";
        });
        return Map.of("error", error);
    }

    static Map<String, Object> openAi(int status, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", status >= 500 ? "api_error" : "invalid_request_error");
        error.put("param", null);
        error.put("code", status == 404 && message.startsWith("model") ? "model_not_found" : null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        return body;
    }
}
