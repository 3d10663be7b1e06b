package org.labrador.chatserver.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first thing an API request meets, before authentication and before any JSON is parsed:
 * <ul>
 *   <li>a body larger than {@link InputLimits#requestBytes()} is refused with 413, by its
 *       {@code Content-Length}, or, when it comes chunked, after reading one byte past the limit;</li>
 *   <li>a JSON body sent as a form ({@code application/x-www-form-urlencoded}, curl's default for
 *       {@code -d}) is read as JSON by the Ollama-, OpenAI- and llama.cpp-compatible endpoints, as
 *       Ollama reads any body whatever its content type. Labrador's own API keeps asking for JSON.</li>
 * </ul>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 50)
public class ApiRequestFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiRequestFilter.class);

    private final InputLimits limits;

    public ApiRequestFilter(InputLimits limits) {
        this.limits = limits;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !ApiErrorShape.isApiPath(ApiErrorShape.pathOf(request));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long max = limits.requestBytes().toBytes();
        long length = request.getContentLengthLong();
        if (length > max) {
            refuse(request, response, length + " bytes", max);
            return;
        }
        boolean form = isForm(request) && !ApiErrorShape.pathOf(request).startsWith("/api/v1/");
        HttpServletRequest passed = request;
        boolean unknownLength = length < 0 && !java.util.Set.of("GET", "HEAD", "OPTIONS").contains(request.getMethod());
        if (unknownLength || form) {
            // Read here, bounded: a chunked body has no length to check, and a form body read by the
            // container as form parameters would be gone for the JSON reader.
            byte[] body = request.getInputStream().readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
            if (body.length > max) {
                refuse(request, response, "more than " + max + " bytes", max);
                return;
            }
            passed = new ReadBody(request, body, form);
        }
        chain.doFilter(passed, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String size, long max)
            throws IOException {
        log.info("Refused a request body of {} to {} {}", size, request.getMethod(), ApiErrorShape.pathOf(request));
        response.setHeader("Connection", "close"); // the rest of the body is not worth reading
        ApiErrorShape.of(request).write(response, 413, "the request body has " + size + "; at most " + max
                + " bytes are allowed (labrador.limits.request-bytes)");
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
    }

    /** The request with its body already read, and a form's content type read as JSON. */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private static final String JSON = MediaType.APPLICATION_JSON_VALUE + ";charset=UTF-8";
        private final byte[] body;
        private final boolean asJson;

        ReadBody(HttpServletRequest request, byte[] body, boolean asJson) {
            super(request);
            this.body = body;
            this.asJson = asJson;
        }

        @Override
        public String getContentType() {
            return asJson ? JSON : super.getContentType();
        }

        @Override
        public String getHeader(String name) {
            return asJson && "content-type".equalsIgnoreCase(name) ? JSON : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return asJson && "content-type".equalsIgnoreCase(name) ? Collections.enumeration(java.util.List.of(JSON))
                    : super.getHeaders(name);
        }

        @Override
        public String getCharacterEncoding() {
            return asJson ? StandardCharsets.UTF_8.name() : super.getCharacterEncoding();
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body was already read");
                }
            };
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    encoding == null ? StandardCharsets.UTF_8.name() : encoding));
        }
    }
}
