package org.labrador.ingest.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.labrador.models.BoundedHttp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP client of the web sources (a live TWiki, Indico, Mattermost, INSPIRE, arXiv): every
 * request, and every redirect it follows, goes only where the {@link AddressPolicy} allows;
 * credentials (the headers given with a request) go only to the origin the request was addressed
 * to, never along a redirect to another host; an answer is read up to a size limit and no
 * further; a {@code 429 Too Many Requests} is retried a few times after the wait the server asks
 * for; requests can be spaced by a minimum interval, for services that ask clients to pace
 * themselves (arXiv, INSPIRE).
 *
 * <p>Whatever keeps a server from answering (an address refused by the policy, a closed port, a
 * timeout, a name that does not resolve) is one {@link Unreachable} exception whose message names
 * the service but not the reason, so that callers learn nothing of internal hosts and ports; the
 * reason goes to the server log. HTTP error statuses are not exceptions: the caller reads
 * {@link Answer#status()} and says what a 401 or a 403 means for its service.
 *
 * <p>Thread-safe.
 */
public final class SourceHttpClient {

    /** A server that could not be reached, for whatever reason; the message is safe to show. */
    public static final class Unreachable extends IOException {
        public Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** An answer larger than the limit: it was not read to its end. */
    public static final class TooLarge extends IOException {
        public TooLarge(String message) {
            super(message);
        }
    }

    /**
     * One answer, read whole.
     *
     * @param status  the HTTP status
     * @param uri     the address that answered (after redirects)
     * @param headers the answer's headers
     * @param body    the answer's bytes
     */
    public record Answer(int status, URI uri, HttpHeaders headers, byte[] body) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(SourceHttpClient.class);
    private static final Set<String> SCHEMES = Set.of("http", "https");
    private static final int MAX_REDIRECTS = 5;
    private static final int MAX_RETRIES_WHEN_LIMITED = 3;
    private static final Duration LONGEST_RATE_LIMIT_WAIT = Duration.ofSeconds(30);
    private static final String USER_AGENT = "Labrador/0.1 (knowledge indexer)";

    private final String service;
    private final AddressPolicy policy;
    private final Duration timeout;
    private final Duration minInterval;
    private final HttpClient http;
    private long lastRequestNanos;

    /**
     * @param service     what the client talks to, as error messages name it ("the Indico server at https://…")
     * @param policy      checked before every request and every redirect
     * @param timeout     for connecting and for each answer
     * @param minInterval at least this long between two requests (zero: no pacing)
     */
    public SourceHttpClient(String service, AddressPolicy policy, Duration timeout, Duration minInterval) {
        this.service = Objects.requireNonNull(service, "service");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.timeout = timeout;
        this.minInterval = minInterval == null ? Duration.ZERO : minInterval;
        // Redirects are followed by hand, so that each target is checked and credentials stay home.
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A GET, with these headers sent to {@code uri}'s origin only. */
    public Answer get(URI uri, Map<String, String> headers, long maxBytes) throws IOException {
        return send(uri, "GET", null, headers, maxBytes);
    }

    /** A POST of a JSON body (never redirected), with these headers. */
    public Answer postJson(URI uri, String json, Map<String, String> headers, long maxBytes) throws IOException {
        return send(uri, "POST", json, headers, maxBytes);
    }

    private Answer send(URI uri, String method, String json, Map<String, String> headers, long maxBytes)
            throws IOException {
        for (int attempt = 0; ; attempt++) {
            Answer answer = exchange(uri, method, json, headers, maxBytes);
            if (answer.status() != 429 || attempt >= MAX_RETRIES_WHEN_LIMITED) {
                return answer;
            }
            Duration wait = rateLimitWait(answer);
            log.info("{} asks to slow down (HTTP 429); waiting {} ms", service, wait.toMillis());
            sleep(wait);
        }
    }

    private Answer exchange(URI first, String method, String json, Map<String, String> headers, long maxBytes)
            throws IOException {
        URI next = first;
        for (int hop = 0; ; hop++) {
            HttpRequest.Builder request;
            try {
                policy.check(next, SCHEMES);
                request = HttpRequest.newBuilder(next).timeout(timeout).header("User-Agent", USER_AGENT);
            } catch (IOException | IllegalArgumentException e) {
                throw unreachable(next, e);
            }
            if (sameOrigin(first, next)) {
                headers.forEach(request::header);
            }
            if (json != null) {
                request.header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
            } else {
                request.GET();
            }
            pace();
            HttpResponse<InputStream> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } catch (IOException e) {
                throw unreachable(next, e);
            }
            Optional<String> location = response.headers().firstValue("Location");
            boolean redirect = switch (response.statusCode()) {
                case 301, 302, 303, 307, 308 -> true;
                default -> false;
            };
            if (redirect && location.isPresent() && method.equals("GET") && hop < MAX_REDIRECTS) {
                response.body().close();
                try {
                    next = next.resolve(location.get());
                    continue;
                } catch (IllegalArgumentException e) {
                    throw unreachable(next, e);
                }
            }
            return new Answer(response.statusCode(), next, response.headers(), read(response, maxBytes));
        }
    }

    private byte[] read(HttpResponse<InputStream> response, long maxBytes) throws IOException {
        long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        try (InputStream in = response.body()) {
            if (declared > maxBytes) {
                throw new TooLarge(service + " answered " + declared + " bytes, over the limit of " + maxBytes);
            }
            // A server that sends its headers and then stalls would hold the sync for good: no byte for the
            // timeout ends the answer (a large file may take long, as long as it keeps coming).
            return BoundedHttp.readWhileFlowing(in, timeout, Math.min(Integer.MAX_VALUE - 8, maxBytes));
        } catch (BoundedHttp.TooLargeException e) {
            throw new TooLarge(service + " answered more than " + maxBytes + " bytes; not read further");
        } catch (TooLarge e) {
            throw e;
        } catch (IOException e) {
            throw unreachable(response.uri(), e);
        }
    }

    private synchronized void pace() throws IOException {
        if (minInterval.isZero()) {
            return;
        }
        long due = lastRequestNanos + minInterval.toNanos();
        long now = System.nanoTime();
        if (lastRequestNanos != 0 && due > now) {
            sleep(Duration.ofNanos(due - now));
        }
        lastRequestNanos = System.nanoTime();
    }

    /** The wait a 429 asks for: {@code Retry-After} seconds, or Mattermost's {@code X-Ratelimit-Reset}; capped. */
    private static Duration rateLimitWait(Answer answer) {
        for (String header : new String[] {"Retry-After", "X-Ratelimit-Reset"}) {
            Optional<String> value = answer.header(header);
            if (value.isPresent()) {
                try {
                    long seconds = Long.parseLong(value.get().strip());
                    return Duration.ofSeconds(Math.clamp(seconds, 0, LONGEST_RATE_LIMIT_WAIT.toSeconds()));
                } catch (NumberFormatException e) {
                    break; // an HTTP date: wait the default
                }
            }
        }
        return Duration.ofSeconds(5); // INSPIRE's window: 15 requests in 5 s
    }

    private static void sleep(Duration wait) throws IOException {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Whether two addresses share scheme, host and port: only then do credentials travel. */
    public static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(lower(a.getScheme()), lower(b.getScheme()))
                && Objects.equals(lower(AddressPolicy.hostOf(a)), lower(AddressPolicy.hostOf(b)))
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private Unreachable unreachable(URI uri, Exception cause) {
        log.warn("{}: request to {} failed: {}", service, withoutQuery(uri), cause.toString());
        return new Unreachable("could not reach " + service + " (a host on an internal network must be allowed by"
                + " an administrator)", cause);
    }

    /** An address as it may be logged: no user information, no query (which may hold a key). */
    public static String withoutQuery(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme() + "://";
        String host = AddressPolicy.hostOf(uri);
        String port = uri.getPort() >= 0 ? ":" + uri.getPort() : "";
        return scheme + host + port + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }
}
