package org.labrador.models.ollama;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/generate} on an Ollama server, streamed: raw prompts, suffixes, model options,
 * and a {@link Cancellation} that really aborts the HTTP exchange.
 *
 * <p>Speaks Ollama's NDJSON protocol over {@link HttpClient} rather than through ollama4j (which
 * {@link OllamaChat} uses), because code completion needs three things ollama4j 1.1.6 does not
 * give: aborting a request from another thread at any moment (ollama4j can only stop when the
 * next token arrives, so a model still reading a long prompt keeps running), a time budget per
 * request (ollama4j has one timeout per client, in whole seconds), and the text of an
 * {@code {"error": …}} line sent mid-stream (ollama4j fails on it with a NullPointerException).
 * Thread-safe; one instance serves the whole application.
 */
public final class OllamaGenerate {

    private static final Logger log = LoggerFactory.getLogger(OllamaGenerate.class);

    private final String baseUrl;
    private final HttpClient http;

    /** @param baseUrl the Ollama server, e.g. {@code http://localhost:11434} */
    public OllamaGenerate(String baseUrl, Duration connectTimeout) {
        this.baseUrl = stripTrailingSlash(Objects.requireNonNull(baseUrl, "baseUrl"));
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    /**
     * Generates, passing each new piece of text to {@code onToken} on the calling thread, in order.
     * When {@code cancellation} fires, the exchange with Ollama is aborted and the text so far comes
     * back with {@link GenerateResult#stoppedBy()} set. If {@code onToken} throws, the exchange is
     * aborted and that exception propagates unchanged.
     *
     * @throws ModelUnavailableException if the server is unreachable, refuses the request (then an
     *     {@link OllamaStatusException} with Ollama's status and message), or fails mid-stream
     */
    public GenerateResult generate(GenerateRequest request, Cancellation cancellation, Consumer<String> onToken)
            throws ModelUnavailableException {
        Objects.requireNonNull(onToken, "onToken");
        long started = System.nanoTime();
        HttpRequest httpRequest = HttpRequest.newBuilder(URI.create(baseUrl + "/api/generate"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(request.toJson(true), StandardCharsets.UTF_8))
                .build();
        StringBuilder text = new StringBuilder();
        CompletableFuture<HttpResponse<InputStream>> pending =
                http.sendAsync(httpRequest, HttpResponse.BodyHandlers.ofInputStream());
        cancellation.onCancel(() -> pending.cancel(true));
        try {
            HttpResponse<InputStream> response;
            try {
                response = pending.get();
            } catch (CancellationException e) {
                return stopped(request, text, cancellation, started);
            } catch (ExecutionException e) {
                if (cancellation.isCancelled()) {
                    return stopped(request, text, cancellation, started);
                }
                throw unreachable(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pending.cancel(true);
                throw new ModelUnavailableException("Interrupted while waiting for " + request.model() + ".", e);
            }
            InputStream body = response.body();
            cancellation.onCancel(() -> closeQuietly(body));
            if (response.statusCode() != 200) {
                throw refused(request, response.statusCode(), body);
            }
            return read(request, body, cancellation, onToken, text, started);
        } finally {
            cancellation.clear();
        }
    }

    private GenerateResult read(GenerateRequest request, InputStream body, Cancellation cancellation,
                                Consumer<String> onToken, StringBuilder text, long started)
            throws ModelUnavailableException {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                Map<String, Object> object = JsonCodec.readObject(line);
                if (object.get("error") != null) {
                    throw new ModelUnavailableException("Ollama reported an error while " + request.model()
                            + " was generating: " + object.get("error"), null);
                }
                String piece = object.get("response") instanceof String s ? s : "";
                if (!piece.isEmpty()) {
                    text.append(piece);
                    onToken.accept(piece); // a failure here closes the stream on the way out
                }
                if (Boolean.TRUE.equals(object.get("done"))) {
                    return finished(request, text, object, started);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            if (cancellation.isCancelled()) {
                return stopped(request, text, cancellation, started);
            }
            throw new ModelUnavailableException("The connection to Ollama broke while " + request.model()
                    + " was generating: " + e.getMessage(), e);
        }
        if (cancellation.isCancelled()) {
            return stopped(request, text, cancellation, started);
        }
        throw new ModelUnavailableException("Ollama stopped " + request.model() + " before it was finished.", null);
    }

    private static GenerateResult finished(GenerateRequest request, StringBuilder text, Map<String, Object> done,
                                           long started) {
        long total = number(done, "total_duration");
        return new GenerateResult(text.toString(),
                done.get("model") instanceof String m ? m : request.model(),
                done.get("done_reason") instanceof String r ? r : "stop",
                total > 0 ? total : System.nanoTime() - started,
                number(done, "load_duration"), number(done, "prompt_eval_count"), number(done, "prompt_eval_duration"),
                number(done, "eval_count"), number(done, "eval_duration"), null);
    }

    private static GenerateResult stopped(GenerateRequest request, StringBuilder text, Cancellation cancellation,
                                          long started) {
        Cancellation.Reason reason = cancellation.reason();
        log.debug("Generation with {} stopped: {}", request.model(), reason);
        return new GenerateResult(text.toString(), request.model(),
                reason == Cancellation.Reason.TIME_BUDGET ? "length" : "cancelled",
                System.nanoTime() - started, 0, 0, 0, 0, 0, reason);
    }

    private ModelUnavailableException unreachable(Throwable cause) {
        if (cause instanceof ConnectException || cause instanceof java.net.http.HttpConnectTimeoutException) {
            return new ModelUnavailableException("No Ollama server answers at " + baseUrl
                    + ". Start one with `ollama serve`, or set labrador.ollama.base-url.", cause);
        }
        return new ModelUnavailableException("Ollama at " + baseUrl + " failed: " + cause, cause);
    }

    private static OllamaStatusException refused(GenerateRequest request, int status, InputStream body) {
        String message;
        try (body) {
            String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            Object error;
            try {
                error = JsonCodec.readObject(text).get("error");
            } catch (IllegalArgumentException notJson) {
                error = text.strip();
            }
            message = error == null ? "HTTP " + status : error.toString();
        } catch (IOException e) {
            message = "HTTP " + status;
        }
        return new OllamaStatusException(status, "Ollama refused to generate with " + request.model() + ": " + message);
    }

    private static long number(Map<String, Object> object, String field) {
        return object.get(field) instanceof Number n ? n.longValue() : 0;
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing is how the exchange is aborted; a failure to close changes nothing
        }
    }

    static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
