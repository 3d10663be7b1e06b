package org.labrador.models;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One HTTP call to a model server with a deadline for the whole answer and a cap on its size. The JDK client's
 * request timeout ends when the response's headers arrive: a server that sends them and then stalls (a proxy
 * in front of a busy GPU machine, a crashed worker) would hold the caller for as long as the connection lives.
 * Here the caller waits at most the deadline, body included; the answer is then closed, and its connection
 * with it. Sources (a wiki, an event server) use {@link #readWhileFlowing} instead: a large download may take
 * long, but not stall.
 */
public final class BoundedHttp {

    /** A whole answer: its status and its body as UTF-8 text. */
    public record Reply(int status, String body) {

        /**
         * The server's error message, shortened: of {@code {"error": "…"}} (Ollama, llama.cpp's older builds),
         * {@code {"error": {"message": "…"}}} (OpenAI-compatible servers) or {@code {"message": "…"}} (vLLM's
         * older builds); else the body itself.
         */
        public String error() {
            String message = body;
            try {
                JsonNode answer = JSON.readTree(body);
                JsonNode error = answer.path("error");
                JsonNode text = error.isString() ? error
                        : error.path("message").isString() ? error.path("message") : answer.path("message");
                message = text.isString() ? text.asString() : body;
            } catch (JacksonException e) {
                // not JSON: the body is the message
            }
            return shortened(message);
        }
    }

    /** Text from a server, cut to a length that fits a log line or a status message. */
    public static String shortened(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    /** The answer was larger than the caller accepts. */
    public static final class TooLargeException extends IOException {
        TooLargeException(String message) {
            super(message);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Closes answers whose deadline passed; one daemon thread, idle unless a server stalls. */
    private static final ScheduledThreadPoolExecutor DEADLINES = deadlines();

    private BoundedHttp() {
    }

    private static ScheduledThreadPoolExecutor deadlines() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "model-answer-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    /**
     * Sends {@code request} and reads its whole answer. The request's own timeout should not exceed
     * {@code deadline}: it bounds the wait for the headers, the deadline the whole call.
     *
     * @throws HttpTimeoutException if the answer, body included, did not come within {@code deadline}
     * @throws TooLargeException    if the body is longer than {@code maxBytes}
     * @throws IOException          if the server cannot be reached or the connection breaks
     */
    public static Reply send(HttpClient client, HttpRequest request, Duration deadline, int maxBytes)
            throws IOException, InterruptedException {
        long due = System.nanoTime() + deadline.toNanos();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        byte[] body = read(response.body(), Long.MAX_VALUE, due, maxBytes);
        return new Reply(response.statusCode(), new String(body, StandardCharsets.UTF_8));
    }

    /**
     * Reads and closes a response body that may take as long as it needs while bytes keep coming, but no more
     * than {@code idle} without any (a download of a large file over a slow link, from a server that may stall).
     *
     * @throws HttpTimeoutException if no byte came for {@code idle}
     * @throws TooLargeException    if it is longer than {@code maxBytes}
     */
    public static byte[] readWhileFlowing(InputStream body, Duration idle, long maxBytes) throws IOException {
        return read(body, idle.toNanos(), Long.MAX_VALUE, maxBytes);
    }

    private static byte[] read(InputStream body, long idleNanos, long dueNanos, long maxBytes) throws IOException {
        AtomicBoolean expired = new AtomicBoolean();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[65_536];
        try (InputStream in = body) {
            while (true) {
                // Closing the stream from the timer ends a read that waits for bytes that do not come.
                long now = System.nanoTime();
                long wait = Math.max(0, Math.min(idleNanos, dueNanos == Long.MAX_VALUE ? Long.MAX_VALUE : dueNanos - now));
                ScheduledFuture<?> closer = DEADLINES.schedule(() -> {
                    expired.set(true);
                    try {
                        in.close();
                    } catch (IOException ignored) {
                        // the read fails either way
                    }
                }, wait, TimeUnit.NANOSECONDS);
                int n;
                try {
                    long room = maxBytes - out.size(); // one byte past the cap tells a body that is too long
                    n = in.read(buffer, 0, room >= buffer.length ? buffer.length : (int) room + 1);
                } catch (IOException e) {
                    if (expired.get()) {
                        throw new HttpTimeoutException("the answer was not complete in time");
                    }
                    throw e;
                } finally {
                    closer.cancel(false);
                }
                if (n < 0) {
                    return out.toByteArray();
                }
                out.write(buffer, 0, n);
                if (out.size() > maxBytes) {
                    throw new TooLargeException("answered with more than " + maxBytes + " bytes");
                }
            }
        }
    }
}
