package org.labrador.chatserver.ide;

import java.util.Map;
import org.labrador.chatserver.api.ApiErrorShape;
import org.labrador.models.ollama.ModelUnavailableException;
import org.labrador.models.ollama.OllamaStatusException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Errors of the IDE endpoints in the shape each API's clients parse: Ollama's
 * {@code {"error": "…"}}, OpenAI's {@code {"error": {"message", "type", "param", "code"}}} (Tabby's
 * completions too, which share OpenAI's path) and llama.cpp's {@code {"error": {"code", "message", "type"}}}, with
 * the status that fits (400 bad request, 404 unknown model, 502 model server unreachable, 500 with a
 * generic message for anything unexpected, whose details go to the server log).
 */
final class IdeErrors {

    private static final Logger log = LoggerFactory.getLogger(IdeErrors.class);
    static final String INTERNAL = "the server failed to answer; its log has the details";

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

    /** What the caller is told: the reason for a refusal, a generic message for a failure of the server. */
    static String message(Throwable e) {
        return status(e) == 500 ? INTERNAL : String.valueOf(e.getMessage());
    }

    static ResponseEntity<Map<String, Object>> error(ApiErrorShape shape, Exception e) throws Exception {
        if (DisconnectedClientHelper.isClientDisconnectedException(e) || e instanceof ResponseStream.ClientGone) {
            throw e; // nobody to answer
        }
        if (e instanceof AccessDeniedException || e instanceof AuthenticationException) {
            throw e; // a refusal: the security chain answers it, 401 or 403 in the caller's shape
        }
        int status = status(e);
        if (status == 500) {
            log.error("IDE request failed", e);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(shape.body(status, message(e)));
    }

    @RestControllerAdvice(assignableTypes = {OllamaApiController.class, TabbyApiController.class})
    static class OllamaShape {

        @ExceptionHandler(Exception.class)
        ResponseEntity<Map<String, Object>> error(Exception e) throws Exception {
            return IdeErrors.error(ApiErrorShape.PLAIN, e);
        }
    }

    @RestControllerAdvice(assignableTypes = OpenAiApiController.class)
    static class OpenAiShape {

        @ExceptionHandler(Exception.class)
        ResponseEntity<Map<String, Object>> error(Exception e) throws Exception {
            return IdeErrors.error(ApiErrorShape.OPENAI, e);
        }
    }

    @RestControllerAdvice(assignableTypes = LlamaCppApiController.class)
    static class LlamaCppShape {

        @ExceptionHandler(Exception.class)
        ResponseEntity<Map<String, Object>> error(Exception e) throws Exception {
            return IdeErrors.error(ApiErrorShape.LLAMA_CPP, e);
        }
    }

    /** llama.cpp server's error: {@code {"error": {"code", "message", "type"}}}. */
    static Map<String, Object> llamaCpp(int status, String message) {
        return ApiErrorShape.LLAMA_CPP.body(status, message);
    }

    static Map<String, Object> openAi(int status, String message) {
        return ApiErrorShape.OPENAI.body(status, message);
    }
}
