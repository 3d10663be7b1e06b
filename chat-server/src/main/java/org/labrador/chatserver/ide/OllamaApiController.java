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

/**
 * Ollama's API at Ollama's own paths, so that a plugin's "Ollama URL" can point at Labrador:
 * {@code /api/version}, {@code /api/tags}, {@code /api/show}, {@code /api/generate} (completions
 * with repository context), {@code /api/chat} (cited answers), {@code /api/embed} and the older
 * {@code /api/embeddings}. Streams are NDJSON ending with a {@code done} object; errors are
 * {@code {"error": "…"}} with Ollama's status codes, or one such line once a stream has begun.
 */
@RestController
class OllamaApiController {


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
    Map<String, Object> version() {
        return Map.of("version", catalog.version());
    }

    @GetMapping(path = "/api/tags", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> tags(HttpServletRequest httpRequest) {
        List<Map<String, Object>> models = new ArrayList<>();
        for (InstalledModel m : catalog.models(caller.access(httpRequest))) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", m.name());
            entry.put("model", m.model());
            entry.put("modified_at", m.modifiedAt());
            entry.put("size", m.size());
            entry.put("digest", m.digest());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("parent_model", m.details().parentModel());
            details.put("format", m.details().format());
            details.put("family", m.details().family());
            details.put("families", m.details().families());
            details.put("parameter_size", m.details().parameterSize());
            details.put("quantization_level", m.details().quantizationLevel());
            entry.put("details", details);
            models.add(entry);
        }
        return Map.of("models", models);
    }

    /** Takes {@code model}, or {@code name} as older clients (Continue) send it. */
    @PostMapping(path = "/api/show", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> show(@org.springframework.web.bind.annotation.RequestBody(required = false) String body) {
        RequestBody request = RequestBody.parse(body);
        String model = request.text("model").isBlank() ? request.text("name") : request.text("model");
        if (model.isBlank()) {
            throw IdeException.badRequest("model is required");
        }
        return catalog.show(model);
    }

    @PostMapping("/api/generate")
    void generate(@org.springframework.web.bind.annotation.RequestBody(required = false) String body,
                  HttpServletRequest httpRequest, HttpServletResponse httpResponse) throws ModelUnavailableException {
        RequestBody request = RequestBody.parse(body);
        String model = request.text("model");
        if (model.isBlank()) {
            throw IdeException.badRequest("model is required");
        }
        Map<String, Object> options = request.object("options");
        Set<String> sources = sources(model, request, options);
        String path = request.text("path").isBlank() ? String.valueOf(options.getOrDefault("path", "")) : request.text("path");
        options.remove("path");
        Completion completion = new Completion(ModelCatalog.baseModel(model), request.text("prompt"),
                request.textOrNull("suffix"), request.flag("raw", false), request.textOrNull("system"), options,
                request.keepAlive(), path, sources);
        catalog.require(completion.model());
        CompletionService.Prepared prepared = completions.prepare(completion, caller.access(httpRequest));
        String key = caller.completionKey(httpRequest, prepared.path());
        if (!request.flag("stream", true)) {
            GenerateResult result = completions.run(prepared, key, piece -> { });
            ResponseStream.writeJson(httpResponse, done(model, result, result.text(), prepared.startedNanos()));
            return;
        }
        ResponseStream stream = ResponseStream.ndjson(httpResponse);
        try {
            GenerateResult result = completions.run(prepared, key, piece -> stream.send(generatePiece(model, piece)));
            stream.send(done(model, result, "", prepared.startedNanos()));
        } catch (ModelUnavailableException | RuntimeException e) {
            stream.fail(e, ex -> Map.of("error", IdeErrors.message(ex)), false);
        }
    }

    @PostMapping("/api/chat")
    void chat(@org.springframework.web.bind.annotation.RequestBody(required = false) String body,
              HttpServletRequest httpRequest, HttpServletResponse httpResponse) {
        RequestBody request = RequestBody.parse(body);
        String model = request.text("model").isBlank() ? catalog.chatModel() : request.text("model");
        catalog.requireChatModel(model);
        List<IdeChat.Turn> turns = new ArrayList<>();
        request.node("messages").forEach(m -> turns.add(new IdeChat.Turn(m.path("role").asString(""),
                m.path("content").asString(""))));
        Set<String> sources = sources(model, request, request.object("options"));
        long started = System.nanoTime();
        String linkBase = ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
        if (!request.flag("stream", true)) {
            IdeChat.Reply reply = chat.answer(turns, sources, caller.access(httpRequest), linkBase, piece -> { });
            ResponseStream.writeJson(httpResponse, chatDone(model, reply, reply.text(), started));
            return;
        }
        ResponseStream stream = ResponseStream.ndjson(httpResponse);
        try {
            IdeChat.Reply reply = chat.answer(turns, sources, caller.access(httpRequest), linkBase,
                    piece -> stream.send(chatPiece(model, piece)));
            stream.send(chatDone(model, reply, "", started));
        } catch (RuntimeException e) {
            stream.fail(e, ex -> Map.of("error", IdeErrors.message(ex)), false);
        }
    }

    /**
     * The models the server holds in memory, in Ollama's shape. Labrador does not ask its model
     * server which those are, so the list is empty: clients read that as "nothing loaded yet".
     */
    @GetMapping(path = "/api/ps", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> running() {
        return Map.of("models", List.of());
    }

    /**
     * Labrador does not pull models for its callers: a model the server already has is reported as
     * pulled ({@code {"status": "success"}}, one NDJSON line when streaming, as Ollama ends a pull);
     * any other is refused with 403 and what to ask of the administrator.
     */
    @PostMapping("/api/pull")
    void pull(@org.springframework.web.bind.annotation.RequestBody(required = false) String body,
              HttpServletResponse httpResponse) {
        RequestBody request = RequestBody.parse(body);
        String model = request.text("model").isBlank() ? request.text("name") : request.text("model");
        if (model.isBlank()) {
            throw IdeException.badRequest("model is required");
        }
        if (!catalog.has(model)) {
            throw new IdeException(403, "Labrador does not pull models; ask its administrator to run `ollama pull "
                    + ModelCatalog.baseModel(model) + "` on the model server");
        }
        if (request.flag("stream", true)) {
            ResponseStream.ndjson(httpResponse).send(Map.of("status", "success"));
        } else {
            ResponseStream.writeJson(httpResponse, Map.of("status", "success"));
        }
    }

    @PostMapping(path = "/api/embed", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> embed(@org.springframework.web.bind.annotation.RequestBody(required = false) String body) {
        RequestBody request = RequestBody.parse(body);
        long started = System.nanoTime();
        List<String> inputs = inputs(request.node("input"));
        List<float[]> vectors = embeddings.embed(inputs);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", request.text("model").isBlank() ? embeddings.modelName() : request.text("model"));
        out.put("embeddings", vectors);
        out.put("total_duration", System.nanoTime() - started);
        out.put("load_duration", 0);
        out.put("prompt_eval_count", IdeEmbeddings.tokens(inputs));
        return out;
    }

    /** The older endpoint: one {@code prompt}, one {@code embedding}. */
    @PostMapping(path = "/api/embeddings", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> embeddings(@org.springframework.web.bind.annotation.RequestBody(required = false) String body) {
        RequestBody request = RequestBody.parse(body);
        return Map.of("embedding", embeddings.embed(List.of(request.text("prompt"))).getFirst());
    }

    static List<String> inputs(tools.jackson.databind.JsonNode input) {
        List<String> out = new ArrayList<>();
        if (input.isString()) {
            out.add(input.asString());
        } else {
            input.forEach(i -> out.add(i.asString("")));
        }
        return out;
    }

    /** Sources named by a {@code @source} model ending, a {@code sources} field, or a {@code sources} option. */
    static Set<String> sources(String model, RequestBody request, Map<String, Object> options) {
        Set<String> sources = new LinkedHashSet<>();
        ModelCatalog.sourceOf(model).ifPresent(sources::add);
        sources.addAll(RequestBody.names(request.node("sources")));
        sources.addAll(RequestBody.names(options.remove("sources")));
        return sources;
    }

    private static Map<String, Object> generatePiece(String model, String piece) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("model", model);
        line.put("created_at", Instant.now().toString());
        line.put("response", piece);
        line.put("done", false);
        return line;
    }

    private static Map<String, Object> done(String model, GenerateResult result, String response, long started) {
        Map<String, Object> line = generatePiece(model, response);
        line.put("done", true);
        line.put("done_reason", result.doneReason());
        // Ollama's conversation memory for a next request; Labrador keeps none, and clients that parse it want an array.
        line.put("context", List.of());
        line.put("total_duration", System.nanoTime() - started);
        line.put("load_duration", result.loadDuration());
        line.put("prompt_eval_count", result.promptEvalCount());
        line.put("prompt_eval_duration", result.promptEvalDuration());
        line.put("eval_count", result.evalCount());
        line.put("eval_duration", result.evalDuration());
        return line;
    }

    private static Map<String, Object> chatPiece(String model, String piece) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("model", model);
        line.put("created_at", Instant.now().toString());
        line.put("message", Map.of("role", "assistant", "content", piece));
        line.put("done", false);
        return line;
    }

    private static Map<String, Object> chatDone(String model, IdeChat.Reply reply, String content, long started) {
        long elapsed = System.nanoTime() - started;
        Map<String, Object> line = chatPiece(model, content);
        line.put("done", true);
        line.put("done_reason", "stop");
        line.put("total_duration", elapsed);
        line.put("load_duration", 0);
        line.put("prompt_eval_count", reply.promptTokens());
        line.put("prompt_eval_duration", 0);
        line.put("eval_count", reply.completionTokens());
        line.put("eval_duration", elapsed);
        return line;
    }


}
