package org.labrador.chatserver.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Refuses an API call in the error shape its clients parse: OpenAI's under {@code /v1},
 * Ollama's ({@code {"error": "…"}}) elsewhere. 401 without a valid token, 403 without the role.
 */
final class ApiAuthenticationEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String NO_TOKEN = "sign in first: send a personal API token as 'Authorization: Bearer <token>' "
            + "(create one on Labrador's Tokens page)";

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"labrador\"");
        write(request, response, HttpServletResponse.SC_UNAUTHORIZED, NO_TOKEN, "invalid_api_key");
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
        String quoted = "\"" + message.replace("\"", "'") + "\"";
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean openAi = path.startsWith("/v1/") && !path.startsWith("/v1/health") && !path.startsWith("/v1/events");
        response.getWriter().write(openAi
                ? "{\"error\":{\"message\":" + quoted + ",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"" + code + "\"}}"
                : "{\"error\":" + quoted + "}");
    }
}
