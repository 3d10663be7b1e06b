package org.labrador.models.openai;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.openai.internal.OpenAiClient;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.openai.internal.ParsedAndRawResponse;
import dev.langchain4j.model.openai.internal.completion.CompletionChoice;
import dev.langchain4j.model.openai.internal.completion.CompletionRequest;
import dev.langchain4j.model.openai.internal.completion.CompletionResponse;
import dev.langchain4j.model.openai.internal.shared.StreamOptions;
import dev.langchain4j.model.openai.internal.shared.Usage;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.labrador.models.TextGenerator;
import org.labrador.models.ollama.Cancellation;
import org.labrador.models.ollama.GenerateRequest;
import org.labrador.models.ollama.GenerateResult;
import org.labrador.models.ollama.ModelUnavailableException;
import org.labrador.models.ollama.OllamaStatusException;
import org.labrador.models.ollama.StreamedCall;

/**
 * Completion ({@code POST /v1/completions}, streamed) on an OpenAI-compatible server, for code
 * completion: the caller sends a raw prompt in the model's fill-in-the-middle format. Ollama's option
 * names in {@link GenerateRequest#options()} are translated ({@code num_predict} to
 * {@code max_tokens}, {@code stop}, {@code temperature}, {@code top_p}); the model named in the request
 * is used. Thread-safe.
 *
 * <p>LangChain4j's public completion model offers no way to stop a stream, so this uses the client
 * underneath it (its {@code internal} package), whose raw events carry a handle that closes the
 * connection: an IDE cancels most completions, and a server keeps generating for a connection left open.
 */
public final class OpenAiGenerate implements TextGenerator {

    private final OpenAiSettings settings;
    private final OpenAiClient client;

    public OpenAiGenerate(OpenAiSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.client = OpenAiClient.builder().baseUrl(settings.baseUrl()).apiKey(settings.keyOrPlaceholder())
                .connectTimeout(settings.healthTimeout()).readTimeout(settings.requestTimeout()).build();
    }

    @Override
    public GenerateResult generate(GenerateRequest request, Cancellation cancellation, Consumer<String> onToken)
            throws ModelUnavailableException {
        Objects.requireNonNull(cancellation, "cancellation");
        CompletionRequest completion = toOpenAi(request);
        long started = System.nanoTime();
        AtomicReference<String> finishReason = new AtomicReference<>();
        AtomicReference<Usage> usage = new AtomicReference<>();
        StreamedCall.Outcome<Void> outcome;
        try {
            outcome = StreamedCall.run("openai-completion", pieces -> {
                stream(completion, pieces, finishReason, usage);
                return null;
            }, cancellation, onToken);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelUnavailableException("Interrupted while waiting for " + request.model() + ".", e);
        }
        long took = System.nanoTime() - started;
        if (outcome.stopped()) {
            Cancellation.Reason reason = cancellation.reason();
            return new GenerateResult(outcome.text(), request.model(),
                    reason == Cancellation.Reason.TIME_BUDGET ? "length" : "cancelled", took, 0, 0, 0, 0, 0, reason);
        }
        if (outcome.failure() != null) {
            throw explain(request, outcome.failure(), outcome.pieces());
        }
        Usage counts = usage.get();
        return new GenerateResult(outcome.text(), request.model(),
                finishReason.get() != null ? finishReason.get() : "stop", took, 0,
                counts == null || counts.promptTokens() == null ? 0 : counts.promptTokens(), 0,
                counts == null || counts.completionTokens() == null ? outcome.pieces() : counts.completionTokens(), 0, null);
    }

    private void stream(CompletionRequest request, Consumer<String> pieces, AtomicReference<String> finishReason,
                        AtomicReference<Usage> usage) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicReference<StreamingHandle> handle = new AtomicReference<>();
        AtomicBoolean stopped = new AtomicBoolean();
        client.completion(request)
                .onRawPartialResponse((ParsedAndRawResponse<CompletionResponse> raw) -> {
                    handle.set(raw.streamingHandle());
                    if (stopped.get()) {
                        raw.streamingHandle().cancel();
                        return;
                    }
                    CompletionResponse chunk = raw.parsedResponse();
                    if (chunk.usage() != null) {
                        usage.set(chunk.usage());
                    }
                    List<CompletionChoice> choices = chunk.choices();
                    if (choices == null || choices.isEmpty()) {
                        return;
                    }
                    CompletionChoice choice = choices.getFirst();
                    if (choice.finishReason() != null) {
                        finishReason.set(choice.finishReason());
                    }
                    if (choice.text() != null && !choice.text().isEmpty()) {
                        pieces.accept(choice.text());
                    }
                })
                .onComplete(() -> done.complete(null))
                .onError(done::completeExceptionally)
                .execute();
        try {
            done.get();
        } catch (InterruptedException e) {
            // The cancellation interrupted this worker: close the connection, now or with the first chunk.
            stopped.set(true);
            StreamingHandle h = handle.get();
            if (h != null) {
                h.cancel();
            }
            throw e;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    static CompletionRequest toOpenAi(GenerateRequest request) {
        Map<String, Object> options = request.options();
        CompletionRequest.Builder out = CompletionRequest.builder().model(request.model()).prompt(request.prompt())
                .stream(true).streamOptions(StreamOptions.builder().includeUsage(true).build());
        if (request.suffix() != null && !request.suffix().isEmpty()) {
            out.suffix(request.suffix());
        }
        if (options.get("num_predict") instanceof Number n && n.intValue() > 0) {
            out.maxTokens(n.intValue());
        }
        if (options.get("temperature") instanceof Number t) {
            out.temperature(t.doubleValue());
        }
        if (options.get("top_p") instanceof Number p) {
            out.topP(p.doubleValue());
        }
        if (options.get("stop") instanceof List<?> stops && !stops.isEmpty()) {
            // The OpenAI API takes at most four stop sequences.
            out.stop(stops.stream().map(String::valueOf).limit(4).toList());
        }
        return out.build();
    }

    private ModelUnavailableException explain(GenerateRequest request, Exception failure, int pieces) {
        HttpException http = failure instanceof HttpException h ? h
                : failure.getCause() instanceof HttpException h ? h : null;
        if (http != null) {
            // 404: the server does not serve that model; callers answer it as Ollama's "model not found".
            return new OllamaStatusException(http.statusCode(), "The model server at " + settings.baseUrl()
                    + " answered " + http.statusCode() + " for " + request.model() + ": " + http.getMessage());
        }
        return new ModelUnavailableException("The model server at " + settings.baseUrl() + " failed while "
                + request.model() + " was generating" + (pieces > 0 ? " (after " + pieces + " pieces of text)" : "")
                + ": " + failure.getMessage(), failure);
    }
}
