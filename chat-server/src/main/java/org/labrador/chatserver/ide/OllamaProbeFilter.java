package org.labrador.chatserver.ide;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers Ollama clients that probe {@code GET /} (or {@code HEAD /}) with Ollama's plain
 * {@code Ollama is running}, as they check before anything else; a browser (an {@code Accept}
 * header naming {@code text/html}) and Vaadin's own requests (with a query) pass on to the web chat.
 * Ordered before Spring Security: as with Ollama, the probe needs no token (plugins probe before
 * their API key is set), and it says nothing but that the server runs.
 */
@Component
@Order(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10)
class OllamaProbeFilter extends OncePerRequestFilter {

    static final String RUNNING = "Ollama is running";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isProbe(request)) {
            byte[] body = RUNNING.getBytes(StandardCharsets.UTF_8);
            response.setStatus(200);
            response.setContentType("text/plain; charset=utf-8");
            response.setHeader("X-Content-Type-Options", "nosniff"); // answered before the security headers are added
            response.setContentLength(body.length);
            if (!"HEAD".equals(request.getMethod())) {
                response.getOutputStream().write(body);
            }
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean isProbe(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String method = request.getMethod();
        String accept = request.getHeader("Accept");
        // Vaadin's own requests to / carry a query (?v-r=…); a probe has none.
        return (path.isEmpty() || path.equals("/")) && request.getQueryString() == null
                && ("GET".equals(method) || "HEAD".equals(method))
                && (accept == null || !accept.toLowerCase(java.util.Locale.ROOT).contains("text/html"));
    }
}
