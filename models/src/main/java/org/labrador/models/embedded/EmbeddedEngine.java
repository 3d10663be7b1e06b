package org.labrador.models.embedded;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.Pair;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.labrador.models.ChatModel;
import org.labrador.models.ChatOptions;
import org.labrador.models.ContextWindow;
import org.labrador.models.TextGenerator;
import org.labrador.models.ollama.Cancellation;
import org.labrador.models.ollama.ChatMessage;
import org.labrador.models.ollama.ChatReply;
import org.labrador.models.ollama.GenerateRequest;
import org.labrador.models.ollama.GenerateResult;
import org.labrador.models.ollama.ModelStatus;
import org.labrador.models.ollama.ModelUnavailableException;
import org.labrador.models.ollama.OllamaStatusException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GGUF model run by llama.cpp inside this process (through {@code de.kherud:llama}), for chat and
 * for plain and fill-in-the-middle generation: Labrador's engine where no Ollama runs.
 *
 * <p>The model file is loaded when the engine is made; {@link #status()} is READY once it is, and
 * otherwise carries a notice naming the file and the fix. A file that appears or changes later is
 * loaded then ({@link #status()} looks every few seconds, {@link #refreshStatus()} at once); a file
 * that failed is not tried again until it changes.
 *
 * <p>The window is the model's trained context length capped by
 * {@link EmbeddedSettings#contextTokens()}; a request may ask for less ({@link ChatOptions#contextTokens()},
 * {@code num_ctx}), never more. Prompts are counted with the model's own tokenizer
 * ({@link ContextWindow#exact()}), the answer is limited to what the window has left, and a prompt that
 * leaves no room is refused with a {@link PromptTooLongException}: llama.cpp's context shift,
 * which would drop the middle of the prompt or of the answer unannounced, is off.
 *
 * <p>Chat prompts are written with the chat template in the GGUF file ({@code tokenizer.chat_template}),
 * which llama.cpp recognises among the formats it knows (ChatML, Llama 3, Gemma, Mistral, Phi and
 * more), falling back to ChatML for others; system messages are joined into one at the start.
 *
 * <p>Thread-safe. Requests take turns: {@link EmbeddedSettings#parallel()} run at once (one by
 * default, each with the whole window), the others wait in arrival order. A cancelled request stops
 * at once for its caller; llama.cpp stops at its next token (see {@link StreamedGeneration}).
 */
public final class EmbeddedEngine implements ChatModel, TextGenerator, AutoCloseable {

    /** Stands where an Ollama status has the server address. */
    public static final String LOCATION = "embedded";
    /** How often {@link #status()} looks at a model file that is not loaded. */
    public static final Duration RECHECK = Duration.ofSeconds(3);

    private static final Logger log = LoggerFactory.getLogger(EmbeddedEngine.class);

    private final EmbeddedSettings settings;
    private final Semaphore turns;
    private final ExecutorService workers;
    private final AtomicLong generatedTokens = new AtomicLong();
    private final Object loadLock = new Object();
    private volatile Loaded loaded;
    private volatile ModelStatus status;
    private FileTime triedVersion;
    private volatile long lastCheck;
    private volatile boolean closed;

    /** A loaded model: llama.cpp's handle, the file's header, the window it runs with. */
    private record Loaded(LlamaModel model, GgufMetadata metadata, int window) {
        int count(String text) {
            return model.encode(text).length;
        }

        /** The chat prompt as the model reads it: the messages in its template, ending where the answer begins. */
        String render(List<ChatMessage> messages) {
            return model.applyTemplate(new InferenceParameters("").setMessages(system(messages), turns(messages)));
        }

        /** The tokens of a prompt, with the beginning-of-text token the model adds. */
        int promptTokens(String prompt) {
            return count(prompt) + (metadata.addsBosToken() ? 1 : 0);
        }
    }

    /** Makes the engine and loads the model file; failures show in {@link #status()}. */
    public EmbeddedEngine(EmbeddedSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.turns = new Semaphore(settings.parallel(), true);
        this.workers = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("llama-generation-", 0).factory());
        refreshStatus();
    }

    public EmbeddedSettings settings() {
        return settings;
    }

    @Override
    public String name() {
        return settings.name();
    }

    /**
     * READY once the model is loaded. Until then, looks at the file again at most every
     * {@link #RECHECK} and loads it when it has appeared or changed, so that a fixed file is taken
     * up by the next question without a restart.
     */
    @Override
    public ModelStatus status() {
        if (loaded == null && !closed && System.nanoTime() - lastCheck > RECHECK.toNanos()) {
            return refreshStatus();
        }
        return status;
    }

    @Override
    public ModelStatus refreshStatus() {
        synchronized (loadLock) {
            if (loaded == null && !closed) {
                load();
                lastCheck = System.nanoTime();
            }
            return status;
        }
    }

    /**
     * Tokens llama.cpp has generated since the engine started, for all requests, counted as they
     * come: a cancelled request's count stops growing when llama.cpp has stopped.
     */
    public long generatedTokens() {
        return generatedTokens.get();
    }

    /** Whether no request is waiting for or holding one of the engine's turns. */
    public boolean idle() {
        return turns.availablePermits() == settings.parallel() && !turns.hasQueuedThreads();
    }

    /** The file's header, once the model is loaded. */
    public Optional<GgufMetadata> metadata() {
        Loaded l = loaded;
        return l == null ? Optional.empty() : Optional.of(l.metadata());
    }

    /**
     * The window the model runs with, counted with its tokenizer, and a chat prompt counted as
     * {@link #chat} counts it (in the model's template); before the model is loaded, the configured
     * window with an estimate of three characters a token.
     */
    @Override
    public ContextWindow contextWindow() {
        Loaded l = loaded;
        if (l == null) {
            return new ContextWindow(settings.contextTokens(), text -> (text.length() + 2) / 3, false);
        }
        return new ContextWindow(l.window(), l::count, true, messages -> l.promptTokens(l.render(messages)));
    }

    @Override
    public ChatReply chat(List<ChatMessage> messages, ChatOptions options, Cancellation cancellation,
                          Consumer<String> onToken) throws ModelUnavailableException {
        Objects.requireNonNull(onToken, "onToken");
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a chat needs at least one message");
        }
        Loaded l = ready();
        long started = System.nanoTime();
        String prompt = l.render(messages);
        Prepared p = prepare(l, prompt, options.contextTokens(), options.maxTokens());
        StreamedGeneration.Outcome outcome = stream(l, new InferenceParameters(prompt), p, cancellation, onToken);
        return new ChatReply(outcome.text(), name(), p.promptTokens(), outcome.pieces(),
                Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * Generates from a raw prompt as it is, or from a prompt wrapped in the chat template as a user
     * message (after {@code system}, if given) when not {@code raw}. Options as
     * {@link GenerationOptions} says; {@code num_predict} and {@code num_ctx} within the window.
     *
     * @throws OllamaStatusException 404 for a model name other than this engine's
     * @throws ModelUnavailableException for a request with a {@code suffix} (Labrador's completion
     *     endpoints send fill-in-the-middle prompts raw, in the model family's format), or when the
     *     model is not loaded or fails
     */
    @Override
    public GenerateResult generate(GenerateRequest request, Cancellation cancellation, Consumer<String> onToken)
            throws ModelUnavailableException {
        Objects.requireNonNull(onToken, "onToken");
        if (!sameModel(request.model(), name())) {
            throw new OllamaStatusException(404, "model '" + request.model() + "' not found: the embedded engine runs "
                    + name() + " only");
        }
        if (request.suffix() != null) {
            throw new ModelUnavailableException("The embedded engine takes fill-in-the-middle prompts only raw, written in"
                    + " the model's format; it does not apply a suffix itself.", null);
        }
        Loaded l = ready();
        long started = System.nanoTime();
        String prompt = request.raw() ? request.prompt()
                : l.model().applyTemplate(new InferenceParameters("").setMessages(request.system(),
                        List.of(new Pair<>("user", request.prompt()))));
        Prepared p = prepare(l, prompt, GenerationOptions.contextTokens(request.options()),
                GenerationOptions.maxTokens(request.options()));
        InferenceParameters parameters = GenerationOptions.apply(request.options(), new InferenceParameters(prompt));
        StreamedGeneration.Outcome outcome = stream(l, parameters, p, cancellation, onToken);
        long now = System.nanoTime();
        long first = outcome.firstPieceNanos() == 0 ? now : outcome.firstPieceNanos();
        Cancellation.Reason stoppedBy = outcome.stopped() ? cancellation.reason() : null;
        String doneReason = stoppedBy == Cancellation.Reason.TIME_BUDGET ? "length"
                : stoppedBy != null ? "cancelled"
                : outcome.pieces() >= p.maxTokens() ? "length" : "stop";
        return new GenerateResult(outcome.text(), name(), doneReason, now - started, 0, p.promptTokens(),
                first - started, outcome.pieces(), now - first, stoppedBy);
    }

    /** Stops taking requests; llama.cpp's worker ends. The binding keeps the model's memory until the process exits. */
    @Override
    public void close() {
        synchronized (loadLock) {
            closed = true;
            workers.shutdown();
            Loaded l = loaded;
            loaded = null;
            if (l != null) {
                l.model().close();
            }
            status = notReady(ModelStatus.State.UNREACHABLE, "The embedded engine has been shut down.");
        }
    }

    /** A request's prompt count and answer limit within its window. */
    private record Prepared(int promptTokens, int window, int maxTokens) {
    }

    private Prepared prepare(Loaded l, String prompt, int askedWindow, int askedMaxTokens) throws PromptTooLongException {
        int window = askedWindow > 0 ? Math.min(askedWindow, l.window()) : l.window();
        int promptTokens = l.promptTokens(prompt);
        if (promptTokens >= window) {
            throw new PromptTooLongException(name(), promptTokens, window);
        }
        int room = window - promptTokens;
        return new Prepared(promptTokens, window, askedMaxTokens > 0 ? Math.min(askedMaxTokens, room) : room);
    }

    private StreamedGeneration.Outcome stream(Loaded l, InferenceParameters parameters, Prepared p,
                                              Cancellation cancellation, Consumer<String> onToken)
            throws ModelUnavailableException {
        parameters.setNPredict(p.maxTokens()).setCachePrompt(true);
        StreamedGeneration.Outcome outcome;
        try {
            if (closed) {
                throw new RejectedExecutionException("closed");
            }
            outcome = StreamedGeneration.run(l.model(), parameters, turns, workers, generatedTokens, cancellation, onToken);
        } catch (RejectedExecutionException e) {
            throw new ModelUnavailableException("The embedded engine has been shut down.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelUnavailableException("Interrupted while waiting for " + name() + ".", e);
        }
        if (outcome.failure() != null && !outcome.stopped()) {
            log.warn("llama.cpp failed while {} was generating: {}", name(), outcome.failure().getMessage());
            throw new ModelUnavailableException("The embedded model " + name() + " failed"
                    + (outcome.pieces() > 0 ? " after " + outcome.pieces() + " pieces of text" : "")
                    + "; the server log has the details.", outcome.failure());
        }
        return outcome;
    }

    private Loaded ready() throws ModelUnavailableException {
        Loaded l = loaded;
        if (l == null) {
            throw new ModelUnavailableException(refreshStatus(), null);
        }
        return l;
    }

    /** Under {@link #loadLock}. */
    private void load() {
        if (settings.modelFile() == null) {
            status = notReady(ModelStatus.State.MODEL_MISSING, "labrador.model.engine is embedded but labrador.model.path"
                    + " is not set: set it to a GGUF model file (docs/configuration.md, \"Embedded engine\").");
            return;
        }
        FileTime version;
        try {
            version = Files.getLastModifiedTime(settings.modelFile());
        } catch (NoSuchFileException e) {
            status = notReady(ModelStatus.State.MODEL_MISSING, "The model file " + settings.modelFile()
                    + " does not exist. Download a GGUF model (docs/configuration.md, \"Embedded engine\", lists ones"
                    + " that run on a CPU) and set labrador.model.path to it.");
            return;
        } catch (IOException e) {
            status = notReady(ModelStatus.State.MODEL_MISSING, "Labrador cannot read the model file "
                    + settings.modelFile() + ": " + e.getMessage() + ".");
            return;
        }
        if (version.equals(triedVersion)) {
            return; // the same file failed before: status already says why
        }
        triedVersion = version;
        GgufMetadata metadata;
        try {
            metadata = GgufMetadata.read(settings.modelFile());
        } catch (InvalidModelFileException e) {
            status = notReady(ModelStatus.State.UNREACHABLE, e.getMessage() + " Set labrador.model.path to a GGUF model file.");
            return;
        } catch (AccessDeniedException e) {
            status = notReady(ModelStatus.State.UNREACHABLE, "Labrador may not read the model file " + settings.modelFile()
                    + ": give the user that runs Labrador read access.");
            return;
        } catch (IOException e) {
            status = notReady(ModelStatus.State.UNREACHABLE, "Labrador cannot read the model file "
                    + settings.modelFile() + ": " + e.getMessage() + ".");
            return;
        }
        int window = Math.min(settings.contextTokens(), metadata.contextLength().orElse(settings.contextTokens()));
        long started = System.nanoTime();
        try {
            ModelParameters parameters = new ModelParameters()
                    .setModel(settings.modelFile().toString())
                    .setCtxSize(window * settings.parallel()) // llama.cpp shares the context among its slots
                    .setParallel(settings.parallel())
                    .disableContextShift()
                    .disableLog(); // the server's own log prints lines per request to stdout
            
            if (settings.threads() > 0) {
                parameters.setThreads(settings.threads()).setThreadsBatch(settings.threads());
            }
            loaded = new Loaded(LlamaLibrary.open(parameters), metadata, window);
        } catch (UnsatisfiedLinkError e) {
            log.warn("llama.cpp's native library does not load", e);
            status = notReady(ModelStatus.State.UNREACHABLE, "The embedded engine cannot run on this machine ("
                    + System.getProperty("os.name") + ", " + System.getProperty("os.arch") + "): llama.cpp's native"
                    + " library does not load. Use Ollama instead (labrador.model.engine: ollama).");
            return;
        } catch (RuntimeException e) { // LlamaException
            log.warn("llama.cpp could not load {}: {}", settings.modelFile(), e.getMessage());
            status = notReady(ModelStatus.State.UNREACHABLE, "llama.cpp could not load the model file "
                    + settings.modelFile() + " (architecture " + orUnknown(metadata.architecture()) + "); the server log has"
                    + " the details. The file may be damaged, or of an architecture this llama.cpp build does not know.");
            return;
        }
        log.info("Loaded {} ({}, {} tokens of context) in {} ms", settings.modelFile(), metadata.architecture(), window,
                (System.nanoTime() - started) / 1_000_000);
        status = ModelStatus.ready(LOCATION, name(), "");
    }

    private ModelStatus notReady(ModelStatus.State state, String notice) {
        if (state != ModelStatus.State.READY) {
            log.debug("Embedded model {} not ready: {}", name(), notice);
        }
        return new ModelStatus(LOCATION, name(), state, "", notice);
    }

    /** The system messages joined: the binding takes one, first. */
    private static String system(List<ChatMessage> messages) {
        List<String> parts = new ArrayList<>();
        for (ChatMessage m : messages) {
            if (m.role() == ChatMessage.Role.SYSTEM && !m.content().isBlank()) {
                parts.add(m.content());
            }
        }
        return String.join("\n\n", parts);
    }

    private static List<Pair<String, String>> turns(List<ChatMessage> messages) {
        List<Pair<String, String>> out = new ArrayList<>();
        for (ChatMessage m : messages) {
            if (m.role() != ChatMessage.Role.SYSTEM) {
                out.add(new Pair<>(m.role().name().toLowerCase(Locale.ROOT), m.content()));
            }
        }
        return out;
    }

    /** A name without a tag is the same as {@code name:latest}, as with Ollama. */
    static boolean sameModel(String asked, String name) {
        return withTag(asked).equals(withTag(name));
    }

    private static String withTag(String name) {
        return name.indexOf(':', name.lastIndexOf('/') + 1) >= 0 ? name : name + ":latest";
    }

    private static String orUnknown(String s) {
        return s.isEmpty() ? "unknown" : s;
    }

    @Override
    public String toString() {
        return "EmbeddedEngine[" + settings.modelFile() + "]";
    }
}
