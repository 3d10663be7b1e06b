package org.labrador.models.ollama;

import io.github.ollama4j.Ollama;
import io.github.ollama4j.exceptions.OllamaException;
import io.github.ollama4j.models.generate.OllamaGenerateRequest;
import io.github.ollama4j.models.request.OllamaGenerateEndpointCaller;
import io.github.ollama4j.models.response.Model;
import io.github.ollama4j.models.response.OllamaResult;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.labrador.models.BoundedHttp;

/**
 * {@code POST /api/generate} on an Ollama server through the ollama4j client, streamed: raw
 * prompts, suffixes, model options, and a {@link Cancellation} that really aborts the HTTP
 * exchange, whether Ollama has begun to answer or not (see {@link StreamedCall} for how).
 *
 * <p>The call goes to ollama4j's {@code OllamaGenerateEndpointCaller}, the piece of
 * {@code Ollama.generate} that speaks the protocol, because {@code Ollama.generate} also records
 * every call in a static Prometheus registry labelled with the model name and the options as the
 * IDE client sent them, and never forgets a label: clients that varied them would grow the heap
 * without bound.
 *
 * <p>What ollama4j 1.1.6 does not say, and so this class cannot either: the HTTP status of a
 * refusal (only Ollama's text), and the text of an {@code {"error": …}} line sent in the middle of
 * a stream (it skips the line). A refusal is therefore explained by asking the server for its
 * models: a missing model is a 404, anything else carries Ollama's text without a status.
 * Thread-safe; one instance serves the whole application.
 */
public final class OllamaGenerate implements org.labrador.models.TextGenerator {

    private static final Logger log = LoggerFactory.getLogger(OllamaGenerate.class);

    private final String baseUrl;
    private final Ollama checkClient;

    /**
     * @param baseUrl      the Ollama server, e.g. {@code http://localhost:11434}
     * @param checkTimeout how long asking the server for its models may take when a request failed
     *                     and the reason is sought. A generation itself may wait up to
     *                     {@link OllamaSettings#DEFAULT_REQUEST_TIMEOUT} for Ollama's first token,
     *                     less if its {@link Cancellation} has a time budget.
     */
    public OllamaGenerate(String baseUrl, Duration checkTimeout) {
        this.baseUrl = OllamaClients.stripTrailingSlash(Objects.requireNonNull(baseUrl, "baseUrl"));
        this.checkClient = OllamaClients.create(this.baseUrl, checkTimeout);
    }

    public String baseUrl() {
        return baseUrl;
    }

    /**
     * Generates, passing each new piece of text to {@code onToken} on the calling thread, in order.
     *
     * <p>To stop a generation, call {@link Cancellation#cancel} on {@code cancellation} from any
     * thread (for example when the client that asked has gone, with
     * {@link Cancellation.Reason#CLIENT_GONE}), or give it a time budget with
     * {@link Cancellation#cancelAfter}. The HTTP connection to Ollama is closed at once, which makes
     * Ollama stop generating, and this method returns the text so far with
     * {@link GenerateResult#stoppedBy()} set. If {@code onToken} throws (say, writing to a client
     * that has gone), the connection is closed the same way and that exception propagates
     * unchanged.
     *
     * @throws OllamaStatusException with status 404 if the server does not have the model
     * @throws ModelUnavailableException if the server is unreachable, refuses the request (the
     *     message carries Ollama's text), or fails or ends the stream before the model is done
     */
    @Override
    public GenerateResult generate(GenerateRequest request, Cancellation cancellation, Consumer<String> onToken)
            throws ModelUnavailableException {
        Objects.requireNonNull(cancellation, "cancellation");
        long started = System.nanoTime();
        OllamaGenerateRequest ollamaRequest = toOllama(request);
        StreamedCall.Outcome<OllamaResult> outcome;
        try {
            // One caller per call: it keeps the call's stream observer in a field.
            outcome = StreamedCall.run("ollama-generate", pieces -> new OllamaGenerateEndpointCaller(baseUrl, null,
                    OllamaSettings.DEFAULT_REQUEST_TIMEOUT.toSeconds()).call(ollamaRequest, null, pieces::accept),
                    cancellation, onToken);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelUnavailableException("Interrupted while waiting for " + request.model() + ".", e);
        }
        if (outcome.stopped()) {
            Cancellation.Reason reason = cancellation.reason();
            log.debug("Generation with {} stopped: {}", request.model(), reason);
            return new GenerateResult(outcome.text(), request.model(),
                    reason == Cancellation.Reason.TIME_BUDGET ? "length" : "cancelled",
                    System.nanoTime() - started, 0, 0, 0, 0, 0, reason);
        }
        if (outcome.failure() != null) {
            throw explain(request, outcome.failure(), outcome.pieces());
        }
        OllamaResult done = outcome.result();
        if (!done.isDone()) {
            // Ollama ends a stream without its final object only after an {"error": …} line (a broken
            // connection fails the read instead), and ollama4j skips that line, text and all.
            throw new ModelUnavailableException("Ollama reported an error while " + request.model()
                    + " was generating (after " + outcome.pieces() + " pieces of text); the Ollama server log has"
                    + " the details.", null);
        }
        long total = orZero(done.getTotalDuration());
        return new GenerateResult(outcome.text(), done.getModel() != null ? done.getModel() : request.model(),
                done.getDoneReason() != null ? done.getDoneReason() : "stop",
                total > 0 ? total : System.nanoTime() - started,
                orZero(done.getLoadDuration()), orZero(done.getPromptEvalCount()), orZero(done.getPromptEvalDuration()),
                orZero(done.getEvalCount()), orZero(done.getEvalDuration()), null);
    }

    static OllamaGenerateRequest toOllama(GenerateRequest request) {
        OllamaGenerateRequest out = OllamaGenerateRequest.builder()
                .withModel(request.model())
                .withPrompt(request.prompt())
                .withRaw(request.raw())
                .withStreaming(true);
        if (request.suffix() != null) {
            out.withSuffix(request.suffix());
        }
        if (request.system() != null) {
            out.withSystem(request.system());
        }
        if (!request.options().isEmpty()) {
            out.setOptions(new LinkedHashMap<>(request.options()));
        }
        if (request.keepAlive() != null) {
            out.withKeepAlive(keepAlive(request.keepAlive()));
        }
        return out;
    }

    /**
     * Ollama takes {@code keep_alive} as a duration ({@code "30m"}) or a number of seconds; ollama4j
     * only as a string, so a number becomes seconds with their unit ({@code -1} still means
     * "forever", {@code 0} "unload now").
     */
    static String keepAlive(Object value) {
        if (value instanceof Number n) {
            double seconds = n.doubleValue();
            return (seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds)) + "s";
        }
        return value.toString();
    }

    /**
     * Turns an ollama4j failure into a user-facing one. ollama4j keeps Ollama's error text but not
     * the HTTP status, so the server's model list tells a missing model (404) from other refusals.
     */
    private ModelUnavailableException explain(GenerateRequest request, Exception e, int piecesSeen) {
        if (OllamaClients.causedBy(e, ConnectException.class)
                || OllamaClients.causedBy(e, HttpConnectTimeoutException.class)) {
            return unreachable(e);
        }
        String message = e.getMessage() == null || e.getMessage().isBlank() ? "no reason given" : e.getMessage();
        if (piecesSeen > 0) {
            return new ModelUnavailableException("The connection to Ollama broke while " + request.model()
                    + " was generating (after " + piecesSeen + " pieces of text): " + message, e);
        }
        List<Model> installed;
        try {
            installed = checkClient.listModels();
        } catch (OllamaException notThere) {
            return unreachable(e);
        }
        boolean present = installed.stream().anyMatch(m -> OllamaChat.sameModel(request.model(),
                m.getName() != null ? m.getName() : m.getModel()));
        String refused = "Ollama refused to generate with " + request.model() + ": " + BoundedHttp.shortened(message);
        return present ? new ModelUnavailableException(refused, e) : new OllamaStatusException(404, refused);
    }

    private ModelUnavailableException unreachable(Throwable cause) {
        return new ModelUnavailableException("No Ollama server answers at " + baseUrl
                + ". Start one with `ollama serve`, or set labrador.ollama.base-url.", cause);
    }

    private static long orZero(Number n) {
        return n == null ? 0 : n.longValue();
    }
}
