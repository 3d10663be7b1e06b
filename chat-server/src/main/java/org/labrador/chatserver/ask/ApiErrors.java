package org.labrador.chatserver.ask;

import java.util.Map;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Labrador's own API answers errors as {@code {"error": reason}} instead of a stack trace: 400 for a
 * bad request, 404 for something that does not exist, 409 for a request that conflicts with the state,
 * and 500 with a generic reason for anything unexpected (the details go to the server log). Spring's
 * own refusals (malformed JSON, wrong method or content type) are answered by
 * {@code org.labrador.chatserver.api.ProtocolErrors} in the same shape.
 */
@RestControllerAdvice(basePackages = {"org.labrador.chatserver.ask", "org.labrador.chatserver.sources",
        "org.labrador.chatserver.security", "org.labrador.chatserver.conversations",
        "org.labrador.chatserver.eval"})
class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);
    static final String INTERNAL = "the server failed to answer; its log has the details";

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(NoSuchElementException.class)
    ResponseEntity<Map<String, String>> notFound(NoSuchElementException e) {
        return error(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(IllegalStateException.class)
    ResponseEntity<Map<String, String>> conflict(IllegalStateException e) {
        return error(HttpStatus.CONFLICT, e.getMessage());
    }

    /** Anything else is the server's fault; a client that went away is not answered. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, String>> internal(Exception e) throws Exception {
        if (DisconnectedClientHelper.isClientDisconnectedException(e) || e instanceof AsyncRequestTimeoutException) {
            throw e; // nobody to answer, or a stream already begun: Spring ends it
        }
        if (e instanceof AccessDeniedException || e instanceof AuthenticationException) {
            throw e; // a refusal (a role checked on the method, say): the security chain answers 401 or 403
        }
        log.error("API request failed", e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, INTERNAL);
    }

    private static ResponseEntity<Map<String, String>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", String.valueOf(message)));
    }
}
