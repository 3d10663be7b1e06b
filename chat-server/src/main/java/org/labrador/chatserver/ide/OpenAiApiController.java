package org.labrador.chatserver.ide;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.labrador.ingest.chunking.TokenCount;
import org.labrador.models.ollama.GenerateResult;
import org.labrador.models.ollama.InstalledModel;
import org.labrador.models.ollama.ModelUnavailableException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * OpenAI's API under {@code /v1}, for plugins and SDKs with an "OpenAI base URL": the model list,
 * chat completions (cited answers), text completions (with {@code suffix}: filled in the middle
 * with repository context) and embeddings. Streams are server-sent events as OpenAI sends them:
 * a first chunk with the assistant role, content chunks, a chunk with the finish reason, a usage
 * chunk when {@code stream_options.include_usage} asks for it, then {@code data: [DONE]}.
 */
@RestController
class OpenAiApiController {


    /** {@code POST /v1/chat/completions}; {@code sources} is Labrador's addition. */
    record ChatCompletionRequest(String model, List<Message> messages, Object sources, Boolean stream,
                                 StreamOptions streamOptions) {
        ChatCompletionRequest {
            model = RequestBody.orEmpty(model);
            messages = messages == null ? List.of() : messages.stream().filter(java.util.Objects::nonNull).toList();
        }

        boolean withUsage() {
            return streamOptions != null && Boolean.TRUE.equals(streamOptions.includeUsage());
        }
    }

    /** A message; {@code content} is a string or an array of parts. */
    record Message(String role, JsonNode content) {
        Message {
            role = RequestBody.orEmpty(role);
        }
    }

    record StreamOptions(Boolean includeUsage) {
    }

    /**
     * {@code POST /v1/completions}: {@code prompt} is a string or an array (its first string counts);
     * {@code stop} a string or an array; {@code path} and {@code sources} are Labrador's additions.
     */
    record CompletionRequest(String model, JsonNode prompt, String suffix, Number maxTokens, Number temperature,
                             Number topP, Number seed, Number frequencyPenalty, Number presencePenalty, JsonNode stop,
                             String path, Object sources, Boolean stream, StreamOptions streamOptions) {
        CompletionRequest {
            model = RequestBody.orEmpty(model);
            path = RequestBody.orEmpty(path);
        }

        String promptText() {
            return prompt == null ? "" : prompt.isArray() ? prompt.path(0).asString("") : prompt.asString("");
        }

        boolean withUsage() {
            return streamOptions != null && Boolean.TRUE.equals(streamOptions.includeUsage());
        }
    }

    /** {@code POST /v1/embeddings}. */
    record EmbeddingsRequest(String model, JsonNode input, String encodingFormat) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ModelObject(String id, String object, long created, String ownedBy) {

        static ModelObject of(InstalledModel m) {
            return new ModelObject(m.name(), "model", epochSeconds(m.modifiedAt()), "labrador");
        }
    }

    record ModelList(String object, List<ModelObject> data) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Usage(long promptTokens, long completionTokens, long totalTokens) {

        static Usage of(long prompt, long completion) {
            return new Usage(prompt, completion, prompt + completion);
        }
    }

    /** A whole answer ({@code chat.completion}, {@code text_completion}) when not streaming. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Completed(String id, String object, long created, String model, String systemFingerprint,
                     List<?> choices, Usage usage) {
    }

    /** A streamed chunk. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Chunk(String id, String object, long created, String model, String systemFingerprint, List<?> choices) {
    }

    /**
     * A streamed chunk when the client asked for usage ({@code stream_options.include_usage}):
     * {@code usage} is null on every chunk but the last, which has no choices, as OpenAI streams.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ChunkWithUsage(String id, String object, long created, String model, String systemFingerprint,
                          List<?> choices, Usage usage) {
    }

    record AssistantMessage(String role, String content) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ChatChoice(int index, AssistantMessage message, Object logprobs, String finishReason) {
    }

    /** What a chunk adds: the role first, then pieces of content; nothing in the chunk with the finish reason. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Delta(String role, String content) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ChunkChoice(int index, Delta delta, Object logprobs, String finishReason) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TextChoice(String text, int index, Object logprobs, String finishReason) {
    }

    /** One embedding: an array of floats, or their base64 string. */
    record EmbeddingItem(String object, int index, Object embedding) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record EmbeddingUsage(long promptTokens, long totalTokens) {
    }

    record EmbeddingList(String object, List<EmbeddingItem> data, String model, EmbeddingUsage usage) {
    }

    private final ModelCatalog catalog;
    private final CompletionService completions;
    private final IdeChat chat;
    private final IdeEmbeddings embeddings;
    private final IdeCaller caller;
    private final TabbyApiController tabby;

    OpenAiApiController(ModelCatalog catalog, CompletionService completions, IdeChat chat, IdeEmbeddings embeddings,
                        IdeCaller caller, TabbyApiController tabby) {
        this.tabby = tabby;
        this.catalog = catalog;
        this.completions = completions;
        this.chat = chat;
        this.embeddings = embeddings;
        this.caller = caller;
    }

    @GetMapping(path = "/v1/models", produces = MediaType.APPLICATION_JSON_VALUE)
    ModelList models(HttpServletRequest httpRequest) {
        return new ModelList("list", catalog.models(caller.access(httpRequest)).stream().map(ModelObject::of).toList());
    }

    /** One model of the list by its id (which may hold '/' and ':'), or OpenAI's 404 {@code model_not_found}. */
    @GetMapping(path = "/v1/models/{*id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ModelObject model(@PathVariable("id") String id, HttpServletRequest httpRequest) {
        String name = id.startsWith("/") ? id.substring(1) : id;
        return catalog.models(caller.access(httpRequest)).stream().filter(m -> m.name().equals(name)).findFirst()
                .map(ModelObject::of)
                .orElseThrow(() -> new IdeException(404, "model '" + name + "' does not exist"));
    }

    @PostMapping("/v1/chat/completions")
    void chatCompletions(@org.springframework.web.bind.annotation.RequestBody(required = false) String body,
                         HttpServletRequest httpRequest, HttpServletResponse httpResponse) {
        ChatCompletionRequest request = RequestBody.read(body, ChatCompletionRequest.class);
        String model = request.model().isBlank() ? catalog.chatModel() : request.model();
        catalog.requireChatModel(model);
        List<IdeChat.Turn> turns = request.messages().stream().map(m -> new IdeChat.Turn(m.role(), content(m.content()))).toList();
        Set<String> sources = OllamaApiController.sources(model, request.sources(), new LinkedHashMap<>());
        String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
        long created = Instant.now().getEpochSecond();
        String linkBase = ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
        if (!Boolean.TRUE.equals(request.stream())) {
            IdeChat.Reply reply = chat.answer(turns, sources, caller.access(httpRequest), linkBase, piece -> { });
            ChatChoice choice = new ChatChoice(0, new AssistantMessage("assistant", reply.text()), null, "stop");
            ResponseStream.writeJson(httpResponse, new Completed(id, "chat.completion", created, model, FINGERPRINT,
                    List.of(choice), Usage.of(reply.promptTokens(), reply.completionTokens())));
            return;
        }
        boolean withUsage = request.withUsage();
        ResponseStream stream = ResponseStream.sse(httpResponse);
        try {
            IdeChat.Reply reply = chat.answer(turns, sources, caller.access(httpRequest), linkBase, new java.util.function.Consumer<>() {
                private boolean first = true;

                @Override
                public void accept(String piece) {
                    if (first) {
                        first = false;
                        stream.send(chunk(id, CHAT_CHUNK, created, model, new ChunkChoice(0, new Delta("assistant", ""), null, null), withUsage));
                    }
                    stream.send(chunk(id, CHAT_CHUNK, created, model, new ChunkChoice(0, new Delta(null, piece), null, null), withUsage));
                }
            });
            if (!stream.started()) {
                stream.send(chunk(id, CHAT_CHUNK, created, model, new ChunkChoice(0, new Delta("assistant", ""), null, null), withUsage));
            }
            stream.send(chunk(id, CHAT_CHUNK, created, model, new ChunkChoice(0, new Delta(null, null), null, "stop"), withUsage));
            if (withUsage) {
                stream.send(new ChunkWithUsage(id, CHAT_CHUNK, created, model, FINGERPRINT, List.of(),
                        Usage.of(reply.promptTokens(), reply.completionTokens())));
            }
            stream.done();
        } catch (RuntimeException e) {
            stream.fail(e, ex -> IdeErrors.openAi(IdeErrors.status(ex), IdeErrors.message(ex)), true);
        }
    }

    /** OpenAI's text completion, or Tabby's when the body carries {@code segments} (the two share the path). */
    @PostMapping("/v1/completions")
    void completions(@org.springframework.web.bind.annotation.RequestBody(required = false) String body,
                     HttpServletRequest httpRequest, HttpServletResponse httpResponse) throws ModelUnavailableException {
        JsonNode tree = RequestBody.tree(body);
        if (TabbyApiController.isTabbyCompletion(tree)) {
            ResponseStream.writeJson(httpResponse,
                    tabby.complete(RequestBody.as(tree, TabbyApiController.CompletionRequest.class), httpRequest));
            return;
        }
        CompletionRequest request = RequestBody.as(tree, CompletionRequest.class);
        String model = request.model();
        if (model.isBlank()) {
            throw IdeException.badRequest("you must provide a model parameter");
        }
        Map<String, Object> options = new LinkedHashMap<>();
        put(options, "num_predict", request.maxTokens());
        put(options, "temperature", request.temperature());
        put(options, "top_p", request.topP());
        put(options, "seed", request.seed());
        put(options, "frequency_penalty", request.frequencyPenalty());
        put(options, "presence_penalty", request.presencePenalty());
        JsonNode stop = request.stop();
        if (stop != null && stop.isString()) {
            options.put("stop", List.of(stop.asString()));
        } else if (stop != null && stop.isArray()) {
            List<String> stops = new ArrayList<>();
            stop.forEach(s -> stops.add(s.asString("")));
            options.put("stop", stops); // as given: "\n" is a common stop, so no trimming
        }
        Set<String> sources = OllamaApiController.sources(model, request.sources(), new LinkedHashMap<>());
        Completion completion = new Completion(ModelCatalog.baseModel(model), request.promptText(), request.suffix(), true,
                null, options, null, request.path(), sources);
        catalog.require(completion.model());
        CompletionService.Prepared prepared = completions.prepare(completion, caller.access(httpRequest));
        String key = caller.completionKey(httpRequest, prepared.path());
        String id = "cmpl-" + UUID.randomUUID().toString().replace("-", "");
        long created = Instant.now().getEpochSecond();
        if (!Boolean.TRUE.equals(request.stream())) {
            GenerateResult result = completions.run(prepared, key, piece -> { });
            ResponseStream.writeJson(httpResponse, new Completed(id, TEXT_COMPLETION, created, model, FINGERPRINT,
                    List.of(new TextChoice(result.text(), 0, null, finishReason(result))),
                    Usage.of(promptTokens(result, prepared), completionTokens(result))));
            return;
        }
        boolean withUsage = request.withUsage();
        ResponseStream stream = ResponseStream.sse(httpResponse);
        try {
            GenerateResult result = completions.run(prepared, key,
                    piece -> stream.send(chunk(id, TEXT_COMPLETION, created, model, new TextChoice(piece, 0, null, null), withUsage)));
            stream.send(chunk(id, TEXT_COMPLETION, created, model, new TextChoice("", 0, null, finishReason(result)), withUsage));
            if (withUsage) {
                stream.send(new ChunkWithUsage(id, TEXT_COMPLETION, created, model, FINGERPRINT, List.of(),
                        Usage.of(promptTokens(result, prepared), completionTokens(result))));
            }
            stream.done();
        } catch (ModelUnavailableException | RuntimeException e) {
            stream.fail(e, ex -> IdeErrors.openAi(IdeErrors.status(ex), IdeErrors.message(ex)), true);
        }
    }

    @PostMapping(path = "/v1/embeddings", produces = MediaType.APPLICATION_JSON_VALUE)
    EmbeddingList embeddings(@org.springframework.web.bind.annotation.RequestBody(required = false) String body) {
        EmbeddingsRequest request = RequestBody.read(body, EmbeddingsRequest.class);
        JsonNode input = request.input();
        if (input != null && input.isArray() && !input.isEmpty() && !input.get(0).isString()) {
            throw IdeException.badRequest("input must be a string or an array of strings; token arrays are not supported");
        }
        List<String> texts = OllamaApiController.inputs(input);
        boolean base64 = "base64".equals(request.encodingFormat());
        List<float[]> vectors = embeddings.embed(texts);
        List<EmbeddingItem> data = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            data.add(new EmbeddingItem("embedding", i, base64 ? base64(vectors.get(i)) : vectors.get(i)));
        }
        long tokens = IdeEmbeddings.tokens(texts);
        String model = RequestBody.orEmpty(request.model()).isBlank() ? embeddings.modelName() : request.model();
        return new EmbeddingList("list", data, model, new EmbeddingUsage(tokens, tokens));
    }

    /** A message's text: a string, or the text parts of an array of parts. */
    private static String content(JsonNode content) {
        if (content == null) {
            return "";
        }
        if (content.isString()) {
            return content.asString();
        }
        StringBuilder out = new StringBuilder();
        content.forEach(part -> {
            if ("text".equals(part.path("type").asString(""))) {
                out.append(out.isEmpty() ? "" : "\n").append(part.path("text").asString(""));
            }
        });
        return out.toString();
    }

    private static final String FINGERPRINT = "labrador";
    private static final String CHAT_CHUNK = "chat.completion.chunk";
    private static final String TEXT_COMPLETION = "text_completion";

    private static void put(Map<String, Object> options, String name, Number value) {
        if (value != null) {
            options.put(name, value);
        }
    }

    /** A streamed chunk of one choice, with {@code "usage": null} when the client asked for usage. */
    private static Object chunk(String id, String object, long created, String model, Object choice, boolean withUsage) {
        return withUsage ? new ChunkWithUsage(id, object, created, model, FINGERPRINT, List.of(choice), null)
                : new Chunk(id, object, created, model, FINGERPRINT, List.of(choice));
    }

    /** {@code length} when cut by the token limit or the time budget, {@code stop} otherwise. */
    private static String finishReason(GenerateResult result) {
        return "length".equals(result.doneReason()) ? "length" : "stop";
    }

    private static long promptTokens(GenerateResult result, CompletionService.Prepared prepared) {
        return result.promptEvalCount() > 0 ? result.promptEvalCount() : TokenCount.of(prepared.request().prompt());
    }

    private static long completionTokens(GenerateResult result) {
        return result.evalCount() > 0 ? result.evalCount() : TokenCount.of(result.text());
    }

    private static String base64(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : vector) {
            bytes.putFloat(f);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    private static long epochSeconds(String iso) {
        try {
            return java.time.OffsetDateTime.parse(iso).toEpochSecond();
        } catch (DateTimeParseException e) {
            return Instant.now().getEpochSecond();
        }
    }


}
