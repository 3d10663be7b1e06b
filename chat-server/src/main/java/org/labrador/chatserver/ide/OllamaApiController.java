package org.labrador.chatserver.ide;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.labrador.models.ollama.GenerateResult;
import org.labrador.models.ollama.InstalledModel;
import org.labrador.models.ollama.ModelUnavailableException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Ollama's API at Ollama's own paths, so that a plugin's "Ollama URL" can point at Labrador:
 * {@code /api/version}, {@code /api/tags}, {@code /api/show}, {@code /api/generate} (completions
 * with repository context), {@code /api/chat} (cited answers), {@code /api/embed} and the older
 * {@code /api/embeddings}. Streams are NDJSON ending with a {@code done} object; errors are
 * {@code {"error": "…"}} with Ollama's status codes, or one such line once a stream has begun.
 */
@RestController
class OllamaApiController {


    /** {@code POST /api/show}: {@code model}, or {@code name} as older clients (Continue) send it. */
    record ShowRequest(String model, String name) {
        String modelOrName() {
            return model == null || model.isBlank() ? RequestBody.orEmpty(name) : model;
        }
    }

    /** {@code POST /api/pull}. */
    record PullRequest(String model, String name, Boolean stream) {
        String modelOrName() {
            return model == null || model.isBlank() ? RequestBody.orEmpty(name) : model;
        }
    }

    /**
     * {@code POST /api/generate}; {@code path} and {@code sources} are Labrador's additions (also
     * accepted under {@code options}).
     */
    record GenerateRequest(String model, String prompt, String suffix, Boolean raw, String system,
                           Map<String, Object> options, Object keepAlive, String path, Object sources, Boolean stream) {
        GenerateRequest {
            model = RequestBody.orEmpty(model);
            prompt = RequestBody.orEmpty(prompt);
            options = options == null ? new LinkedHashMap<>() : new LinkedHashMap<>(options);
            keepAlive = keepAlive instanceof String || keepAlive instanceof Number ? keepAlive : null;
            path = RequestBody.orEmpty(path);
        }
    }

    /** {@code POST /api/chat}. */
    record ChatRequest(String model, List<Message> messages, Object sources, Map<String, Object> options,
                       Boolean stream) {
        ChatRequest {
            model = RequestBody.orEmpty(model);
            messages = messages == null ? List.of() : messages.stream().filter(java.util.Objects::nonNull).toList();
            options = options == null ? new LinkedHashMap<>() : new LinkedHashMap<>(options);
        }
    }

    /** One message of a chat. */
    record Message(String role, String content) {
        Message {
            role = RequestBody.orEmpty(role);
            content = RequestBody.orEmpty(content);
        }
    }

    /** {@code POST /api/embed}: {@code input} is a string or an array of strings. */
    record EmbedRequest(String model, JsonNode input) {
    }

    /** {@code POST /api/embeddings}, the older form. */
    record LegacyEmbeddingsRequest(String model, String prompt) {
    }

    /** {@code GET /api/version}. */
    record Version(String version) {
    }

    /** {@code GET /api/tags} and {@code GET /api/ps}. */
    record ModelList(List<ListedModel> models) {
    }

    /** A model as {@code /api/tags} lists it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ListedModel(String name, String model, String modifiedAt, long size, String digest, Details details) {

        static ListedModel of(InstalledModel m) {
            InstalledModel.Details d = m.details();
            return new ListedModel(m.name(), m.model(), m.modifiedAt(), m.size(), m.digest(), new Details(d.parentModel(),
                    d.format(), d.family(), d.families(), d.parameterSize(), d.quantizationLevel()));
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Details(String parentModel, String format, String family, List<String> families, String parameterSize,
                   String quantizationLevel) {
    }

    /** A pull's progress; Labrador only ever reports {@code success}. */
    record PullStatus(String status) {
    }

    /** {@code POST /api/embed}'s answer. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Embeddings(String model, List<float[]> embeddings, long totalDuration, long loadDuration, long promptEvalCount) {
    }

    /** {@code POST /api/embeddings}' answer. */
    record Embedding(float[] embedding) {
    }

    /** A piece of a streamed completion. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record GeneratePiece(String model, String createdAt, String response, boolean done) {
    }

    /** The last object of a completion, with Ollama's statistics (nanoseconds). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record GenerateDone(String model, String createdAt, String response, boolean done, String doneReason,
                        List<Integer> context, long totalDuration, long loadDuration, long promptEvalCount,
                        long promptEvalDuration, long evalCount, long evalDuration) {
    }

    /** The assistant's message, or a piece of it. */
    record ChatMessage(String role, String content) {
    }

    /** A piece of a streamed chat. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ChatPiece(String model, String createdAt, ChatMessage message, boolean done) {
    }

    /** The last object of a chat. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ChatDone(String model, String createdAt, ChatMessage message, boolean done, String doneReason,
                    long totalDuration, long loadDuration, long promptEvalCount, long promptEvalDuration,
                    long evalCount, long evalDuration) {
    }

    /** Ollama's error object, also the last line of a stream that failed. */
    record ErrorLine(String error) {
    }

    private final ModelCatalog catalog;
    private final CompletionService completions;
    private final IdeChat chat;
    private final IdeEmbeddings embeddings;
    private final IdeCaller caller;

    OllamaApiController(ModelCatalog catalog, CompletionService completions, IdeChat chat, IdeEmbeddings embeddings,
                        IdeCaller caller) {
        this.catalog = catalog;
        this.completions = completions;
        this.chat = chat;
        this.embeddings = embeddings;
        this.caller = caller;
    }

    @GetMapping(path = "/api/version", produces = MediaType.APPLICATION_JSON_VALUE)
    Version version() {
        return new Version(catalog.version());
    }

    @GetMapping(path = "/api/tags", produces = MediaType.APPLICATION_JSON_VALUE)
    ModelList tags(HttpServletRequest httpRequest) {
        return new ModelList(catalog.models(caller.access(httpRequest)).stream().map(ListedModel::of).toList());
    }

    @PostMapping(path = "/api/show", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> show(@org.springframework.web.bind.annotation.RequestBody(required = false) String body) {
        String model = RequestBody.read(body, ShowRequest.class).modelOrName();
        if (model.isBlank()) {
            throw IdeException.badRequest("model is required");
        }
        return catalog.show(model); // the model server's answer, completed: its fields are the server's
    }

    @PostMapping("/api/generate")
    void generate(@org.springframework.web.bind.annotation.RequestBody(required = false) String body,
                  HttpServletRequest httpRequest, HttpServletResponse httpResponse) throws ModelUnavailableException {
        GenerateRequest request = RequestBody.read(body, GenerateRequest.class);
        String model = request.model();
        if (model.isBlank()) {
            throw IdeException.badRequest("model is required");
        }
        Map<String, Object> options = request.options();
        Set<String> sources = sources(model, request.sources(), options);
        Object optionPath = options.remove("path");
        String path = request.path().isBlank() ? (optionPath == null ? "" : String.valueOf(optionPath)) : request.path();
        Completion completion = new Completion(ModelCatalog.baseModel(model), request.prompt(), request.suffix(),
                Boolean.TRUE.equals(request.raw()), request.system(), options, request.keepAlive(), path, sources);
        catalog.require(completion.model());
        CompletionService.Prepared prepared = completions.prepare(completion, caller.access(httpRequest));
        String key = caller.completionKey(httpRequest, prepared.path());
        if (Boolean.FALSE.equals(request.stream())) {
            GenerateResult result = completions.run(prepared, key, piece -> { });
            ResponseStream.writeJson(httpResponse, done(model, result, result.text(), prepared.startedNanos()));
            return;
        }
        ResponseStream stream = ResponseStream.ndjson(httpResponse);
        try {
            GenerateResult result = completions.run(prepared, key,
                    piece -> stream.send(new GeneratePiece(model, Instant.now().toString(), piece, false)));
            stream.send(done(model, result, "", prepared.startedNanos()));
        } catch (ModelUnavailableException | RuntimeException e) {
            stream.fail(e, ex -> new ErrorLine(IdeErrors.message(ex)), false);
        }
    }

    @PostMapping("/api/chat")
    void chat(@org.springframework.web.bind.annotation.RequestBody(required = false) String body,
              HttpServletRequest httpRequest, HttpServletResponse httpResponse) {
        ChatRequest request = RequestBody.read(body, ChatRequest.class);
        String model = request.model().isBlank() ? catalog.chatModel() : request.model();
        catalog.requireChatModel(model);
        List<IdeChat.Turn> turns = request.messages().stream().map(m -> new IdeChat.Turn(m.role(), m.content())).toList();
        Set<String> sources = sources(model, request.sources(), request.options());
        long started = System.nanoTime();
        String linkBase = ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
        if (Boolean.FALSE.equals(request.stream())) {
            IdeChat.Reply reply = chat.answer(turns, sources, caller.access(httpRequest), linkBase, piece -> { });
            ResponseStream.writeJson(httpResponse, chatDone(model, reply, reply.text(), started));
            return;
        }
        ResponseStream stream = ResponseStream.ndjson(httpResponse);
        try {
            IdeChat.Reply reply = chat.answer(turns, sources, caller.access(httpRequest), linkBase,
                    piece -> stream.send(new ChatPiece(model, Instant.now().toString(), new ChatMessage("assistant", piece), false)));
            stream.send(chatDone(model, reply, "", started));
        } catch (RuntimeException e) {
            stream.fail(e, ex -> new ErrorLine(IdeErrors.message(ex)), false);
        }
    }

    /**
     * The models the server holds in memory, in Ollama's shape. Labrador does not ask its model
     * server which those are, so the list is empty: clients read that as "nothing loaded yet".
     */
    @GetMapping(path = "/api/ps", produces = MediaType.APPLICATION_JSON_VALUE)
    ModelList running() {
        return new ModelList(List.of());
    }

    /**
     * Labrador does not pull models for its callers: a model the server already has is reported as
     * pulled ({@code {"status": "success"}}, one NDJSON line when streaming, as Ollama ends a pull);
     * any other is refused with 403 and what to ask of the administrator.
     */
    @PostMapping("/api/pull")
    void pull(@org.springframework.web.bind.annotation.RequestBody(required = false) String body,
              HttpServletResponse httpResponse) {
        PullRequest request = RequestBody.read(body, PullRequest.class);
        String model = request.modelOrName();
        if (model.isBlank()) {
            throw IdeException.badRequest("model is required");
        }
        if (!catalog.has(model)) {
            throw new IdeException(403, "Labrador does not pull models; ask its administrator to run `ollama pull "
                    + ModelCatalog.baseModel(model) + "` on the model server");
        }
        if (Boolean.FALSE.equals(request.stream())) {
            ResponseStream.writeJson(httpResponse, new PullStatus("success"));
        } else {
            ResponseStream.ndjson(httpResponse).send(new PullStatus("success"));
        }
    }

    @PostMapping(path = "/api/embed", produces = MediaType.APPLICATION_JSON_VALUE)
    Embeddings embed(@org.springframework.web.bind.annotation.RequestBody(required = false) String body) {
        EmbedRequest request = RequestBody.read(body, EmbedRequest.class);
        long started = System.nanoTime();
        List<String> inputs = inputs(request.input());
        List<float[]> vectors = embeddings.embed(inputs);
        String model = RequestBody.orEmpty(request.model()).isBlank() ? embeddings.modelName() : request.model();
        return new Embeddings(model, vectors, System.nanoTime() - started, 0, IdeEmbeddings.tokens(inputs));
    }

    /** The older endpoint: one {@code prompt}, one {@code embedding}. */
    @PostMapping(path = "/api/embeddings", produces = MediaType.APPLICATION_JSON_VALUE)
    Embedding embeddings(@org.springframework.web.bind.annotation.RequestBody(required = false) String body) {
        LegacyEmbeddingsRequest request = RequestBody.read(body, LegacyEmbeddingsRequest.class);
        return new Embedding(embeddings.embed(List.of(RequestBody.orEmpty(request.prompt()))).getFirst());
    }

    /** Texts from an {@code input} that is a string or an array of strings. */
    static List<String> inputs(JsonNode input) {
        List<String> out = new ArrayList<>();
        if (input == null) {
            return out;
        }
        if (input.isString()) {
            out.add(input.asString());
        } else {
            input.forEach(i -> out.add(i.asString("")));
        }
        return out;
    }

    /** Sources named by a {@code @source} model ending, a {@code sources} field, or a {@code sources} option. */
    static Set<String> sources(String model, Object sourcesField, Map<String, Object> options) {
        Set<String> sources = new LinkedHashSet<>();
        ModelCatalog.sourceOf(model).ifPresent(sources::add);
        sources.addAll(RequestBody.names(sourcesField));
        sources.addAll(RequestBody.names(options.remove("sources")));
        return sources;
    }

    private static GenerateDone done(String model, GenerateResult result, String response, long started) {
        // context: Ollama's conversation memory for a next request; Labrador keeps none, and clients that parse it want an array.
        return new GenerateDone(model, Instant.now().toString(), response, true, result.doneReason(), List.of(),
                System.nanoTime() - started, result.loadDuration(), result.promptEvalCount(), result.promptEvalDuration(),
                result.evalCount(), result.evalDuration());
    }

    private static ChatDone chatDone(String model, IdeChat.Reply reply, String content, long started) {
        long elapsed = System.nanoTime() - started;
        return new ChatDone(model, Instant.now().toString(), new ChatMessage("assistant", content), true, "stop",
                elapsed, 0, reply.promptTokens(), 0, reply.completionTokens(), elapsed);
    }
}
