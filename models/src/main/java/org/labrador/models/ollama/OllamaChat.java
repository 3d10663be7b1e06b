package org.labrador.models.ollama;

import io.github.ollama4j.Ollama;
import io.github.ollama4j.exceptions.OllamaException;
import io.github.ollama4j.models.chat.OllamaChatMessage;
import io.github.ollama4j.models.chat.OllamaChatMessageRole;
import io.github.ollama4j.models.chat.OllamaChatRequest;
import io.github.ollama4j.models.chat.OllamaChatResponseModel;
import io.github.ollama4j.models.chat.OllamaChatResult;
import io.github.ollama4j.models.response.Model;
import io.github.ollama4j.utils.OptionsBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.labrador.models.ChatOptions;
import org.labrador.models.ContextWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat model, served by an Ollama server through the ollama4j client.
 *
 * <p>{@link #status()} says whether the server answers and has the model, cached for
 * {@link #STATUS_TTL} so that a status line may call it often. {@link #chat} streams a reply; a
 * {@link Cancellation} stops it from another thread; {@link ChatOptions} set the request's window
 * ({@code num_ctx}) and the answer's length ({@code num_predict}). {@link #contextWindow()} is the
 * model's trained context length from {@code /api/show}, counted with {@link TokenEstimate}, as
 * Ollama has no tokenizing endpoint. Thread-safe; create one per application.
 */
public class OllamaChat implements org.labrador.models.ChatModel {

    /** Long enough to spare the server a status line's polling, short enough to notice a fix soon. */
    public static final Duration STATUS_TTL = Duration.ofSeconds(3);

    /**
     * The window assumed when {@code /api/show} gives no context length: Ollama's own default
     * ({@code OLLAMA_CONTEXT_LENGTH}, 4096 on machines with less than 24 GiB of VRAM), which every
     * current chat model holds.
     */
    public static final int DEFAULT_CONTEXT_LENGTH = 4096;

    private static final Logger log = LoggerFactory.getLogger(OllamaChat.class);

    private final OllamaSettings settings;
    private final Ollama chatClient;
    // A second client because ollama4j has one timeout per client, and a status check must be quick.
    private final Ollama healthClient;
    private final InstantSource clock;
    private final OllamaModelInfo modelInfo;
    /** Trained context lengths by model: a model's does not change while it keeps its name. */
    private final Map<String, Integer> contextLengths = new ConcurrentHashMap<>();
    private final Object statusLock = new Object();
    private volatile CachedStatus cached;

    private record CachedStatus(ModelStatus status, Instant checkedAt) {}

    public OllamaChat(OllamaSettings settings) {
        this(settings, InstantSource.system());
    }

    /** With a clock, so that tests can age the cached status. */
    OllamaChat(OllamaSettings settings, InstantSource clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.chatClient = OllamaClients.create(settings.baseUrl(), settings.requestTimeout());
        this.healthClient = OllamaClients.create(settings.baseUrl(), settings.healthTimeout());
        this.modelInfo = new OllamaModelInfo(settings.baseUrl(), settings.healthTimeout());
    }

    public OllamaSettings settings() {
        return settings;
    }

    @Override
    public String name() {
        return settings.model();
    }

    /**
     * The model's trained context length ({@code model_info["<architecture>.context_length"]} of
     * {@code /api/show}), read once per model and kept; {@value #DEFAULT_CONTEXT_LENGTH} while the
     * server does not say (it is asked again next time). Tokens are counted with
     * {@link TokenEstimate}, a safe over-estimate: not {@link ContextWindow#exact() exact}.
     * Ollama runs a request with this window only if the request asks for it ({@code num_ctx}).
     */
    @Override
    public ContextWindow contextWindow() {
        String model = settings.model();
        Integer known = contextLengths.get(model);
        if (known == null) {
            OptionalInt read = modelInfo.of(model).map(OllamaModelInfo::contextLength).orElse(OptionalInt.empty());
            if (read.isPresent()) {
                known = read.getAsInt();
                contextLengths.put(model, known);
                log.debug("{} was trained with a context of {} tokens", model, known);
            }
        }
        return new ContextWindow(known != null ? known : DEFAULT_CONTEXT_LENGTH, TokenEstimate::of, false);
    }

    /**
     * Whether the server answers and has the model. Answers from a cache younger than
     * {@link #STATUS_TTL}; otherwise asks the server, taking at most about the health timeout.
     * Never throws.
     */
    @Override
    public ModelStatus status() {
        CachedStatus c = cached;
        if (isFresh(c)) {
            return c.status();
        }
        synchronized (statusLock) {
            // Another caller may have refreshed while this one waited.
            c = cached;
            return isFresh(c) ? c.status() : refreshStatus();
        }
    }

    /** Asks the server now, bypassing and then updating the cache (e.g. for a "check again" button). */
    @Override
    public ModelStatus refreshStatus() {
        ModelStatus now = check();
        cached = new CachedStatus(now, clock.instant());
        return now;
    }

    private boolean isFresh(CachedStatus c) {
        return c != null && clock.instant().isBefore(c.checkedAt().plus(STATUS_TTL));
    }

    private ModelStatus check() {
        String version;
        List<Model> models;
        try {
            version = healthClient.getVersion();
            models = healthClient.listModels();
        } catch (OllamaException e) {
            // Refused, timed out, or something that is not Ollama answered: for the user, no Ollama.
            log.debug("No Ollama at {}: {}", settings.baseUrl(), e.getMessage());
            return ModelStatus.unreachable(settings.baseUrl(), settings.model());
        }
        List<String> installed = new ArrayList<>();
        for (Model m : models) {
            installed.add(m.getName() != null ? m.getName() : m.getModel());
        }
        boolean present = installed.stream().anyMatch(name -> sameModel(settings.model(), name));
        return present
                ? ModelStatus.ready(settings.baseUrl(), settings.model(), version)
                : ModelStatus.modelMissing(settings.baseUrl(), settings.model(), version, installed);
    }

    /** Ollama treats a name without a tag as {@code name:latest}; the tag follows the last '/'. */
    static boolean sameModel(String wanted, String installed) {
        return withTag(wanted).equals(withTag(installed));
    }

    private static String withTag(String name) {
        return name.indexOf(':', name.lastIndexOf('/') + 1) >= 0 ? name : name + ":latest";
    }

    /**
     * Sends the conversation and streams the reply. {@code onToken} receives each new piece of
     * text, in order, on the calling thread; the pieces joined are {@link ChatReply#text()}. If
     * {@code onToken} throws, the HTTP connection is closed at once (Ollama stops generating) and
     * that exception propagates unchanged. To stop a reply from another thread, even before its
     * first token, use {@link #chat(List, Cancellation, Consumer)}.
     *
     * @throws ModelUnavailableException if the server does not answer, lacks the model (then
     *     {@link ModelUnavailableException#status()} holds the fix), or fails before the reply is done
     */
    public ChatReply chat(List<ChatMessage> messages, Consumer<String> onToken) throws ModelUnavailableException {
        return chat(messages, new Cancellation(), onToken);
    }

    /**
     * As {@link #chat(List, Consumer)}, and stops when {@code cancellation} is cancelled from any
     * thread (e.g. {@code cancellation.cancel(Cancellation.Reason.CLIENT_GONE)} when the asker
     * disconnects), whether Ollama is still reading the prompt or already streaming: the HTTP
     * connection is closed at once, which makes Ollama stop, and the reply so far comes back
     * ({@code cancellation.isCancelled()} tells it apart from a finished one; its counts are 0).
     */
    public ChatReply chat(List<ChatMessage> messages, Cancellation cancellation, Consumer<String> onToken)
            throws ModelUnavailableException {
        return chat(messages, ChatOptions.DEFAULTS, cancellation, onToken);
    }

    /**
     * As {@link #chat(List, Cancellation, Consumer)}, run with the window and answer length of
     * {@code options}: Ollama's {@code num_ctx} and {@code num_predict}, each sent only when set
     * (not 0). Without {@code num_ctx} Ollama runs the model with its default window (4096 tokens
     * below 24 GiB of VRAM) and silently cuts a longer prompt.
     */
    @Override
    public ChatReply chat(List<ChatMessage> messages, ChatOptions options, Cancellation cancellation,
                          Consumer<String> onToken) throws ModelUnavailableException {
        Objects.requireNonNull(onToken, "onToken");
        Objects.requireNonNull(cancellation, "cancellation");
        Objects.requireNonNull(options, "options");
        OllamaChatRequest request = OllamaChatRequest.builder()
                .withModel(settings.model())
                .withUseTools(false)
                .withStreaming()
                .withMessages(toOllama(messages));
        if (!options.equals(ChatOptions.DEFAULTS)) {
            OptionsBuilder ollamaOptions = new OptionsBuilder();
            if (options.contextTokens() > 0) {
                ollamaOptions.setNumCtx(options.contextTokens());
            }
            if (options.maxTokens() > 0) {
                ollamaOptions.setNumPredict(options.maxTokens());
            }
            request.withOptions(ollamaOptions.build());
        }
        long started = System.nanoTime();
        log.debug("Chat with {} at {}: {} messages, {}", settings.model(), settings.baseUrl(), messages.size(), options);
        StreamedCall.Outcome<OllamaChatResult> outcome;
        try {
            outcome = StreamedCall.run("ollama-chat", pieces -> chatClient.chat(request, line -> {
                OllamaChatMessage message = line.getMessage();
                String piece = message == null ? null : message.getResponse();
                if (piece != null && !piece.isEmpty()) { // empty: the final "done" line, or a thinking-only line
                    pieces.accept(piece);
                }
            }), cancellation, onToken);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelUnavailableException("Interrupted while waiting for " + settings.model() + ".", e);
        }
        if (outcome.stopped()) {
            log.debug("Chat with {} stopped: {}", settings.model(), cancellation.reason());
            return new ChatReply(outcome.text(), settings.model(), 0, 0, Duration.ofNanos(System.nanoTime() - started));
        }
        if (outcome.failure() != null) {
            throw explain(outcome.failure(), outcome.pieces());
        }
        OllamaChatResponseModel last = outcome.result().getResponseModel();
        if (last == null || !last.isDone()) {
            // The connection closed without the final "done" object: the reply is cut short.
            throw new ModelUnavailableException("Ollama stopped the reply from " + settings.model()
                    + " before it was finished (after " + outcome.pieces() + " pieces of text).", null);
        }
        forgetFailedStatus();
        Duration total = last.getTotalDuration() != null
                ? Duration.ofNanos(last.getTotalDuration())
                : Duration.ofNanos(System.nanoTime() - started);
        return new ChatReply(outcome.text(),
                last.getModel() != null ? last.getModel() : settings.model(),
                orZero(last.getPromptEvalCount()), orZero(last.getEvalCount()), total);
    }

    private static List<OllamaChatMessage> toOllama(List<ChatMessage> messages) {
        // Mutable: ollama4j appends to this list when it handles tool calls.
        List<OllamaChatMessage> out = new ArrayList<>(messages.size());
        for (ChatMessage m : messages) {
            OllamaChatMessageRole role = switch (m.role()) {
                case SYSTEM -> OllamaChatMessageRole.SYSTEM;
                case USER -> OllamaChatMessageRole.USER;
                case ASSISTANT -> OllamaChatMessageRole.ASSISTANT;
            };
            out.add(new OllamaChatMessage(role, m.content()));
        }
        return out;
    }

    /**
     * Turns an ollama4j failure into a user-facing one. ollama4j reports every failure as an
     * OllamaException with a message of varying use, so the status check decides: if the server or
     * model is absent, its notice is the answer.
     */
    private ModelUnavailableException explain(Exception e, int piecesSeen) {
        if (piecesSeen == 0) {
            ModelStatus now = refreshStatus();
            if (!now.ready()) {
                return new ModelUnavailableException(now, e);
            }
        } else {
            cached = null; // something went wrong: let the next status() look again
        }
        String where = piecesSeen == 0 ? "" : " after " + piecesSeen + " pieces of text";
        if (OllamaClients.causedBy(e, NullPointerException.class)) {
            // ollama4j 1.1.6 fails this way on Ollama's mid-stream {"error": ...} line, dropping its text.
            return new ModelUnavailableException("Ollama reported an error while " + settings.model()
                    + " was answering" + where + "; the Ollama server log has the details.", e);
        }
        return new ModelUnavailableException("Ollama failed while " + settings.model() + " was answering"
                + where + ": " + e.getMessage(), e);
    }

    private void forgetFailedStatus() {
        CachedStatus c = cached;
        if (c != null && !c.status().ready()) {
            cached = null;
        }
    }

    private static long orZero(Integer count) {
        return count == null ? 0 : count;
    }
}
