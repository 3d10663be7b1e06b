package org.labrador.chatserver.ide;

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

/**
 * OpenAI's API under {@code /v1}, for plugins and SDKs with an "OpenAI base URL": the model list,
 * chat completions (cited answers), text completions (with {@code suffix}: filled in the middle
 * with repository context) and embeddings. Streams are server-sent events as OpenAI sends them:
 * a first chunk with the assistant role, content chunks, a chunk with the finish reason, a usage
 * chunk when {@code stream_options.include_usage} asks for it, then {@code data: [DONE]}.
 */
@RestController
class OpenAiApiController {


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
    Map<String, Object> models(HttpServletRequest httpRequest) {
        List<Map<String, Object>> data = new ArrayList<>();
        for (InstalledModel m : catalog.models(caller.access(httpRequest))) {
            data.add(modelObject(m));
        }
        return Map.of("object", "list", "data", data);
    }

    /** One model of the list by its id (which may hold '/' and ':'), or OpenAI's 404 {@code model_not_found}. */
    @GetMapping(path = "/v1/models/{*id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> model(@PathVariable("id") String id, HttpServletRequest httpRequest) {
        String name = id.startsWith("/") ? id.substring(1) : id;
        return catalog.models(caller.access(httpRequest)).stream().filter(m -> m.name().equals(name)).findFirst()
                .map(OpenAiApiController::modelObject)
                .orElseThrow(() -> new IdeException(404, "model '" + name + "' does not exist"));
    }

    private static Map<String, Object> modelObject(InstalledModel m) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", m.name());
        entry.put("object", "model");
        entry.put("created", epochSeconds(m.modifiedAt()));
        entry.put("owned_by", "labrador");
        return entry;
    }

    @PostMapping("/v1/chat/completions")
    void chatCompletions(@org.springframework.web.bind.annotation.RequestBody(required = false) String body,
                         HttpServletRequest httpRequest, HttpServletResponse httpResponse) {
        RequestBody request = RequestBody.parse(body);
        String model = request.text("model").isBlank() ? catalog.chatModel() : request.text("model");
        catalog.requireChatModel(model);
        List<IdeChat.Turn> turns = new ArrayList<>();
        request.node("messages").forEach(m -> turns.add(new IdeChat.Turn(m.path("role").asString(""), content(m.path("content")))));
        Set<String> sources = OllamaApiController.sources(model, request, new LinkedHashMap<>());
        String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
        long created = Instant.now().getEpochSecond();
        String linkBase = ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
        if (!request.flag("stream", false)) {
            IdeChat.Reply reply = chat.answer(turns, sources, caller.access(httpRequest), linkBase, piece -> { });
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("role", "assistant");
            message.put("content", reply.text());
            Map<String, Object> choice = new LinkedHashMap<>();
            choice.put("index", 0);
            choice.put("message", message);
            choice.put("logprobs", null);
            choice.put("finish_reason", "stop");
            Map<String, Object> out = envelope(id, "chat.completion", created, model);
            out.put("choices", List.of(choice));
            out.put("usage", usage(reply.promptTokens(), reply.completionTokens()));
            ResponseStream.writeJson(httpResponse, out);
            return;
        }
        boolean withUsage = request.node("stream_options").path("include_usage").asBoolean(false);
        ResponseStream stream = ResponseStream.sse(httpResponse);
        try {
            IdeChat.Reply reply = chat.answer(turns, sources, caller.access(httpRequest), linkBase, new java.util.function.Consumer<>() {
                private boolean first = true;

                @Override
                public void accept(String piece) {
                    if (first) {
                        first = false;
                        stream.send(chatChunk(id, created, model, Map.of("role", "assistant", "content", ""), null, withUsage));
                    }
                    stream.send(chatChunk(id, created, model, Map.of("content", piece), null, withUsage));
                }
            });
            if (!stream.started()) {
                stream.send(chatChunk(id, created, model, Map.of("role", "assistant", "content", ""), null, withUsage));
            }
            stream.send(chatChunk(id, created, model, Map.of(), "stop", withUsage));
            if (withUsage) {
                Map<String, Object> last = envelope(id, "chat.completion.chunk", created, model);
                last.put("choices", List.of());
                last.put("usage", usage(reply.promptTokens(), reply.completionTokens()));
                stream.send(last);
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
        RequestBody request = RequestBody.parse(body);
        if (TabbyApiController.isTabbyCompletion(request)) {
            ResponseStream.writeJson(httpResponse, tabby.complete(request, httpRequest));
            return;
        }
        String model = request.text("model");
        if (model.isBlank()) {
            throw IdeException.badRequest("you must provide a model parameter");
        }
        JsonNode promptNode = request.node("prompt");
        String prompt = promptNode.isArray() ? promptNode.path(0).asString("") : promptNode.asString("");
        Map<String, Object> options = new LinkedHashMap<>();
        copy(request, "max_tokens", "num_predict", options);
        copy(request, "temperature", "temperature", options);
        copy(request, "top_p", "top_p", options);
        copy(request, "seed", "seed", options);
        copy(request, "frequency_penalty", "frequency_penalty", options);
        copy(request, "presence_penalty", "presence_penalty", options);
        JsonNode stop = request.node("stop");
        if (stop.isString()) {
            options.put("stop", List.of(stop.asString()));
        } else if (stop.isArray()) {
            List<String> stops = new ArrayList<>();
            stop.forEach(s -> stops.add(s.asString("")));
            options.put("stop", stops); // as given: "\n" is a common stop, so no trimming
        }
        Set<String> sources = OllamaApiController.sources(model, request, new LinkedHashMap<>());
        Completion completion = new Completion(ModelCatalog.baseModel(model), prompt, request.textOrNull("suffix"), true,
                null, options, null, request.text("path"), sources);
        catalog.require(completion.model());
        CompletionService.Prepared prepared = completions.prepare(completion, caller.access(httpRequest));
        String key = caller.completionKey(httpRequest, prepared.path());
        String id = "cmpl-" + UUID.randomUUID().toString().replace("-", "");
        long created = Instant.now().getEpochSecond();
        if (!request.flag("stream", false)) {
            GenerateResult result = completions.run(prepared, key, piece -> { });
            Map<String, Object> out = envelope(id, "text_completion", created, model);
            out.put("choices", List.of(textChoice(result.text(), finishReason(result))));
            out.put("usage", usage(promptTokens(result, prepared), completionTokens(result)));
            ResponseStream.writeJson(httpResponse, out);
            return;
        }
        boolean withUsage = request.node("stream_options").path("include_usage").asBoolean(false);
        ResponseStream stream = ResponseStream.sse(httpResponse);
        try {
            GenerateResult result = completions.run(prepared, key,
                    piece -> stream.send(textChunk(id, created, model, piece, null, withUsage)));
            stream.send(textChunk(id, created, model, "", finishReason(result), withUsage));
            if (withUsage) {
                Map<String, Object> last = envelope(id, "text_completion", created, model);
                last.put("choices", List.of());
                last.put("usage", usage(promptTokens(result, prepared), completionTokens(result)));
                stream.send(last);
            }
            stream.done();
        } catch (ModelUnavailableException | RuntimeException e) {
            stream.fail(e, ex -> IdeErrors.openAi(IdeErrors.status(ex), IdeErrors.message(ex)), true);
        }
    }

    @PostMapping(path = "/v1/embeddings", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> embeddings(@org.springframework.web.bind.annotation.RequestBody(required = false) String body) {
        RequestBody request = RequestBody.parse(body);
        JsonNode input = request.node("input");
        if (input.isArray() && !input.isEmpty() && !input.get(0).isString()) {
            throw IdeException.badRequest("input must be a string or an array of strings; token arrays are not supported");
        }
        List<String> texts = OllamaApiController.inputs(input);
        boolean base64 = "base64".equals(request.text("encoding_format"));
        List<float[]> vectors = embeddings.embed(texts);
        List<Map<String, Object>> data = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("object", "embedding");
            item.put("index", i);
            item.put("embedding", base64 ? base64(vectors.get(i)) : vectors.get(i));
            data.add(item);
        }
        long tokens = IdeEmbeddings.tokens(texts);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("object", "list");
        out.put("data", data);
        out.put("model", request.text("model").isBlank() ? embeddings.modelName() : request.text("model"));
        out.put("usage", Map.of("prompt_tokens", tokens, "total_tokens", tokens));
        return out;
    }

    /** A message's text: a string, or the text parts of an array of parts. */
    private static String content(JsonNode content) {
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

    private static void copy(RequestBody request, String from, String to, Map<String, Object> options) {
        JsonNode n = request.node(from);
        if (n.isNumber()) {
            options.put(to, n.numberValue());
        }
    }

    private static Map<String, Object> envelope(String id, String object, long created, String model) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("object", object);
        out.put("created", created);
        out.put("model", model);
        out.put("system_fingerprint", "labrador");
        return out;
    }

    private static Map<String, Object> chatChunk(String id, long created, String model, Map<String, Object> delta,
                                                 String finishReason, boolean withUsage) {
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("logprobs", null);
        choice.put("finish_reason", finishReason);
        Map<String, Object> chunk = envelope(id, "chat.completion.chunk", created, model);
        chunk.put("choices", List.of(choice));
        if (withUsage) {
            chunk.put("usage", null);
        }
        return chunk;
    }

    private static Map<String, Object> textChoice(String text, String finishReason) {
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("text", text);
        choice.put("index", 0);
        choice.put("logprobs", null);
        choice.put("finish_reason", finishReason);
        return choice;
    }

    private static Map<String, Object> textChunk(String id, long created, String model, String text,
                                                 String finishReason, boolean withUsage) {
        Map<String, Object> chunk = envelope(id, "text_completion", created, model);
        chunk.put("choices", List.of(textChoice(text, finishReason)));
        if (withUsage) {
            chunk.put("usage", null);
        }
        return chunk;
    }

    private static Map<String, Object> usage(long prompt, long completion) {
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("prompt_tokens", prompt);
        usage.put("completion_tokens", completion);
        usage.put("total_tokens", prompt + completion);
        return usage;
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
