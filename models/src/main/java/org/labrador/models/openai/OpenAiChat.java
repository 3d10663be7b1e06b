package org.labrador.models.openai;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.catalog.ModelDescription;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.openai.OpenAiModelCatalog;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.TokenUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.labrador.models.ChatModel;
import org.labrador.models.ChatOptions;
import org.labrador.models.ContextWindow;
import org.labrador.models.ollama.Cancellation;
import org.labrador.models.ollama.ChatMessage;
import org.labrador.models.ollama.ChatReply;
import org.labrador.models.ollama.ModelStatus;
import org.labrador.models.ollama.ModelUnavailableException;
import org.labrador.models.ollama.StreamedCall;
import org.labrador.models.ollama.TokenEstimate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat model of an OpenAI-compatible server, through LangChain4j's streaming OpenAI chat model.
 * Same contract as {@link org.labrador.models.ollama.OllamaChat}: pieces on the caller's thread, a
 * {@link Cancellation} stops the stream at once, failures as {@link ModelUnavailableException} with
 * the fix in their status. The status is cached for {@link #STATUS_TTL}. Thread-safe.
 */
public final class OpenAiChat implements ChatModel {

    public static final Duration STATUS_TTL = Duration.ofSeconds(3);

    private static final Logger log = LoggerFactory.getLogger(OpenAiChat.class);

    private final OpenAiSettings settings;
    private final OpenAiStreamingChatModel model;
    private final OpenAiModelCatalog catalog;
    private final Object statusLock = new Object();
    private volatile ModelStatus cached;
    private volatile Instant checkedAt = Instant.MIN;

    public OpenAiChat(OpenAiSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.model = OpenAiStreamingChatModel.builder().baseUrl(settings.baseUrl()).apiKey(settings.keyOrPlaceholder())
                .modelName(settings.model()).timeout(settings.requestTimeout()).build();
        this.catalog = OpenAiModelCatalog.builder().baseUrl(settings.baseUrl()).apiKey(settings.keyOrPlaceholder())
                .connectTimeout(settings.healthTimeout()).readTimeout(settings.healthTimeout()).build();
    }

    public OpenAiSettings settings() {
        return settings;
    }

    @Override
    public String name() {
        return settings.model();
    }

    @Override
    public ModelStatus status() {
        ModelStatus c = cached;
        if (c != null && Instant.now().isBefore(checkedAt.plus(STATUS_TTL))) {
            return c;
        }
        synchronized (statusLock) {
            c = cached;
            return c != null && Instant.now().isBefore(checkedAt.plus(STATUS_TTL)) ? c : refreshStatus();
        }
    }

    @Override
    public ModelStatus refreshStatus() {
        ModelStatus now = check();
        cached = now;
        checkedAt = Instant.now();
        return now;
    }

    private ModelStatus check() {
        List<String> names = new ArrayList<>();
        try {
            for (ModelDescription description : catalog.listModels()) {
                names.add(description.name());
            }
        } catch (HttpException e) {
            return e.statusCode() == 401 || e.statusCode() == 403 ? refused(e.statusCode()) : unreachable();
        } catch (RuntimeException e) {
            // Refused, timed out, or something that is not an OpenAI-compatible server answered.
            if (e.getCause() instanceof HttpException http && (http.statusCode() == 401 || http.statusCode() == 403)) {
                return refused(http.statusCode());
            }
            log.debug("No OpenAI-compatible server at {}: {}", settings.baseUrl(), e.toString());
            return unreachable();
        }
        if (names.contains(settings.model())) {
            return ModelStatus.ready(settings.baseUrl(), settings.model(), "");
        }
        return new ModelStatus(settings.baseUrl(), settings.model(), ModelStatus.State.MODEL_MISSING, "",
                "The server at " + settings.baseUrl() + " does not serve the model " + settings.model()
                        + "; it serves: " + (names.isEmpty() ? "(nothing)" : String.join(", ", names)) + ".");
    }

    private ModelStatus unreachable() {
        return new ModelStatus(settings.baseUrl(), settings.model(), ModelStatus.State.UNREACHABLE, "",
                "No OpenAI-compatible server answers at " + settings.baseUrl() + " (GET /models failed). Start it,"
                        + " or correct the backend's url.");
    }

    private ModelStatus refused(int status) {
        return new ModelStatus(settings.baseUrl(), settings.model(), ModelStatus.State.UNREACHABLE, "",
                "The server at " + settings.baseUrl() + " refused Labrador's API key (HTTP " + status
                        + "): check the backend's api-key-env secret.");
    }

    /** The configured window (the protocol does not tell it), counted with a safe estimate. */
    @Override
    public ContextWindow contextWindow() {
        return new ContextWindow(settings.contextTokens(), TokenEstimate::of, false);
    }

    @Override
    public ChatReply chat(List<ChatMessage> messages, ChatOptions options, Cancellation cancellation,
                          Consumer<String> onToken) throws ModelUnavailableException {
        Objects.requireNonNull(onToken, "onToken");
        Objects.requireNonNull(cancellation, "cancellation");
        ChatRequest.Builder request = ChatRequest.builder().messages(toLangChain4j(messages));
        if (options != null && options.maxTokens() > 0) {
            request.maxOutputTokens(options.maxTokens());
        }
        ChatRequest built = request.build();
        long started = System.nanoTime();
        StreamedCall.Outcome<ChatResponse> outcome;
        try {
            outcome = StreamedCall.run("openai-chat", pieces -> stream(built, pieces), cancellation, onToken);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelUnavailableException("Interrupted while waiting for " + settings.model() + ".", e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (outcome.stopped()) {
            return new ChatReply(outcome.text(), settings.model(), 0, 0, took);
        }
        if (outcome.failure() != null) {
            throw explain(outcome.failure(), outcome.pieces());
        }
        ChatResponse response = outcome.result();
        TokenUsage usage = response.tokenUsage();
        return new ChatReply(outcome.text(), response.modelName() != null ? response.modelName() : settings.model(),
                usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount(),
                usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount(), took);
    }

    /**
     * Runs one streamed request on this (the worker's) thread until it completes. LangChain4j calls
     * back on its own threads; an interrupt of this thread (a cancellation) cancels the stream, now or
     * as soon as its first piece brings the handle.
     */
    private ChatResponse stream(ChatRequest request, Consumer<String> pieces) throws Exception {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        AtomicReference<StreamingHandle> handle = new AtomicReference<>();
        AtomicBoolean stopped = new AtomicBoolean();
        model.chat(request, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                handle.set(context.streamingHandle());
                if (stopped.get()) {
                    context.streamingHandle().cancel();
                } else if (partial.text() != null && !partial.text().isEmpty()) {
                    pieces.accept(partial.text());
                }
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        try {
            return done.get();
        } catch (InterruptedException e) {
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

    private ModelUnavailableException explain(Exception failure, int pieces) {
        HttpException http = failure instanceof HttpException h ? h
                : failure.getCause() instanceof HttpException h ? h : null;
        if (http != null && http.statusCode() == 404) {
            return new ModelUnavailableException(refreshStatus(), failure);
        }
        if (http != null && (http.statusCode() == 401 || http.statusCode() == 403)) {
            return new ModelUnavailableException(refused(http.statusCode()), failure);
        }
        if (pieces == 0 && http == null) {
            ModelStatus now = refreshStatus();
            if (!now.ready()) {
                return new ModelUnavailableException(now, failure);
            }
        }
        String why = http != null ? "HTTP " + http.statusCode() + ": " + http.getMessage() : failure.toString();
        return new ModelUnavailableException("The model server at " + settings.baseUrl() + " failed"
                + (pieces > 0 ? " after " + pieces + " pieces of text" : "") + " (" + why + ").", failure);
    }

    private static List<dev.langchain4j.data.message.ChatMessage> toLangChain4j(List<ChatMessage> messages) {
        List<dev.langchain4j.data.message.ChatMessage> out = new ArrayList<>(messages.size());
        for (ChatMessage m : messages) {
            out.add(switch (m.role()) {
                case SYSTEM -> SystemMessage.from(m.content());
                case USER -> UserMessage.from(m.content());
                case ASSISTANT -> AiMessage.from(m.content());
            });
        }
        return out;
    }
}
