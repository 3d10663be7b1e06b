package org.labrador.chatserver.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.labrador.chatserver.api.ApiErrorShape;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses an API call in the error shape its clients parse ({@link ApiErrorShape}): OpenAI's under
 * {@code /v1}, llama.cpp server's at its paths, Ollama's ({@code {"error": "…"}}) elsewhere. 401
 * without a valid token, saying why (none sent, not a bearer token, or one that opens no account);
 * 403 without the role.
 */
final class ApiAuthenticationEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final String NO_TOKEN = "sign in first: send a personal API token as 'Authorization: Bearer <token>' "
            + "(create one on Labrador's Tokens page)";

    static final String NOT_BEARER = "the Authorization header must be 'Bearer <token>', with a personal API token "
            + "(create one on Labrador's Tokens page)";
    static final String BAD_TOKEN = "the API token is not valid: it is unknown, revoked, or its account is disabled";

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"labrador\"");
        write(request, response, HttpServletResponse.SC_UNAUTHORIZED, reason(request), "invalid_api_key");
    }

    /** Why the call is not signed in: no token, not a bearer token, or a token that does not open an account. */
    private static String reason(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || header.isBlank()) {
            return NO_TOKEN;
        }
        return header.regionMatches(true, 0, "Bearer ", 0, 7) ? BAD_TOKEN : NOT_BEARER;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(request, response, HttpServletResponse.SC_FORBIDDEN, "your role does not allow this", "forbidden");
    }

    static void write(HttpServletRequest request, HttpServletResponse response, int status, String message,
                              String code) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        // OpenAI's shape under /v1, llama.cpp server's at /infill, /completion and /health, Ollama's elsewhere.
        ApiErrorShape shape = ApiErrorShape.of(request);
        response.getOutputStream().write(JSON.writeValueAsBytes(shape.body(status, message, code)));
    }
}
