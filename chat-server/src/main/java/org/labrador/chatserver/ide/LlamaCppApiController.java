package org.labrador.chatserver.ide;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labrador.ingest.chunking.TokenCount;
import org.labrador.models.ollama.GenerateResult;
import org.labrador.models.ollama.ModelUnavailableException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * llama.cpp server's fill-in-the-middle endpoint, for llama.vscode and llama.vim: {@code POST /infill}
 * and {@code GET /health}. The code before the cursor is {@code input_prefix} followed by
 * {@code prompt} (llama.vscode sends the lines above as the one and the current line as the
 * other), the code after it {@code input_suffix}; the {@code input_extra} chunks the editor
 * gathered ({@code filename}, {@code text}) come first in the context, then the repository's.
 * The answer is llama.cpp's completion object ({@code content}, {@code stop},
 * {@code tokens_predicted}, {@code timings}, …), or with {@code "stream": true} server-sent events
 * of {@code {"content", "stop": false}} pieces and a last {@code "stop": true} object, without
 * {@code [DONE]}, as llama.cpp streams. {@code response_fields} keeps only the fields named, a
 * nested one under its full path ({@code timings/prompt_n}), as llama.cpp does.
 */
@RestController
class LlamaCppApiController {


    /**
     * {@code POST /infill}: the code before the cursor is {@code input_prefix} then {@code prompt},
     * after it {@code input_suffix}; {@code path} and {@code sources} are Labrador's additions.
     */
    record InfillRequest(String model, String inputPrefix, JsonNode prompt, String inputSuffix,
                         List<ExtraChunk> inputExtra, Number nPredict, Number temperature, Number topK, Number topP,
                         Number minP, Number seed, Number repeatPenalty, Number presencePenalty,
                         Number frequencyPenalty, JsonNode stop, String path, Object sources,
                         List<String> responseFields, Boolean stream) {
        InfillRequest {
            model = RequestBody.orEmpty(model);
            inputPrefix = RequestBody.orEmpty(inputPrefix);
            inputSuffix = RequestBody.orEmpty(inputSuffix);
            inputExtra = inputExtra == null ? List.of() : inputExtra.stream().filter(java.util.Objects::nonNull).toList();
            path = RequestBody.orEmpty(path);
            responseFields = responseFields == null ? List.of()
                    : responseFields.stream().map(RequestBody::orEmpty).toList();
        }
    }

    /** A chunk the editor collected ({@code input_extra}). */
    record ExtraChunk(String filename, String text) {
    }

    /** A piece of a streamed completion. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Piece(int index, String content, List<Integer> tokens, boolean stop, int idSlot, long tokensPredicted,
                 long tokensEvaluated) {
    }

    /** llama.cpp's final completion object. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Final(int index, String content, List<Integer> tokens, int idSlot, boolean stop, String model,
                 long tokensPredicted, long tokensEvaluated, Map<String, Object> generationSettings, String prompt,
                 boolean hasNewLine, boolean truncated, String stopType, String stoppingWord, long tokensCached,
                 Timings timings) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Timings(long promptN, double promptMs, double promptPerTokenMs, double promptPerSecond, long predictedN,
                   double predictedMs, double predictedPerTokenMs, double predictedPerSecond) {
    }

    record Health(String status) {
    }

    private final ModelCatalog catalog;
    private final CompletionService completions;
    private final IdeCaller caller;
    private final IdeProperties properties;

    LlamaCppApiController(ModelCatalog catalog, CompletionService completions, IdeCaller caller, IdeProperties properties) {
        this.catalog = catalog;
        this.completions = completions;
        this.caller = caller;
        this.properties = properties;
    }

    @GetMapping(path = "/health", produces = MediaType.APPLICATION_JSON_VALUE)
    Health health() {
        return new Health("ok");
    }

    @PostMapping("/infill")
    void infill(@org.springframework.web.bind.annotation.RequestBody(required = false) String body,
                HttpServletRequest httpRequest, HttpServletResponse httpResponse) throws ModelUnavailableException {
        InfillRequest request = RequestBody.read(body, InfillRequest.class);
        String model = request.model().isBlank() ? catalog.completionModel() : request.model();
        Map<String, Object> options = options(request);
        Completion completion = new Completion(ModelCatalog.baseModel(model),
                request.inputPrefix() + RequestBody.text(request.prompt()), request.inputSuffix(), true, null,
                options, null, request.path(), OllamaApiController.sources(model, request.sources(), new LinkedHashMap<>()),
                extra(request.inputExtra()));
        catalog.require(completion.model());
        CompletionService.Prepared prepared = completions.prepare(completion, caller.access(httpRequest));
        String key = caller.completionKey(httpRequest, prepared.path());
        List<String> fields = request.responseFields();
        boolean streaming = Boolean.TRUE.equals(request.stream());
        if (Integer.valueOf(0).equals(options.get("num_predict"))) {
            // llama.vscode warms the server up with n_predict 0: nothing to generate (Ollama would read 0 as no limit).
            GenerateResult nothing = new GenerateResult("", completion.model(), "length", 0, 0, 0, 0, 0, 0, null);
            Object last = project(last(model, nothing, "", prepared), fields);
            if (streaming) {
                ResponseStream.sse(httpResponse).send(last);
            } else {
                ResponseStream.writeJson(httpResponse, last);
            }
            return;
        }
        if (!streaming) {
            GenerateResult result = completions.run(prepared, key, piece -> { });
            ResponseStream.writeJson(httpResponse, project(last(model, result, result.text(), prepared), fields));
            return;
        }
        ResponseStream stream = ResponseStream.sse(httpResponse);
        try {
            int[] predicted = {0};
            long evaluated = TokenCount.of(prepared.request().prompt());
            GenerateResult result = completions.run(prepared, key,
                    piece -> stream.send(new Piece(0, piece, List.of(), false, -1, ++predicted[0], evaluated)));
            stream.send(project(last(model, result, "", prepared), fields));
        } catch (ModelUnavailableException | RuntimeException e) {
            stream.fail(e, ex -> IdeErrors.llamaCpp(IdeErrors.status(ex), IdeErrors.message(ex)), false);
        }
    }

    /** llama.cpp's sampling fields as Ollama options; {@code n_predict} -1 (no limit) keeps Labrador's default. */
    private static Map<String, Object> options(InfillRequest request) {
        Map<String, Object> options = new LinkedHashMap<>();
        if (request.nPredict() != null && request.nPredict().intValue() >= 0) {
            options.put("num_predict", request.nPredict().intValue());
        }
        put(options, "temperature", request.temperature());
        put(options, "top_k", request.topK());
        put(options, "top_p", request.topP());
        put(options, "min_p", request.minP());
        put(options, "seed", request.seed());
        put(options, "repeat_penalty", request.repeatPenalty());
        put(options, "presence_penalty", request.presencePenalty());
        put(options, "frequency_penalty", request.frequencyPenalty());
        JsonNode stop = request.stop();
        if (stop != null && stop.isArray() && !stop.isEmpty()) {
            List<String> stops = new ArrayList<>();
            stop.forEach(s -> stops.add(s.asString("")));
            options.put("stop", stops);
        } else if (stop != null && stop.isString()) {
            options.put("stop", List.of(stop.asString()));
        }
        return options;
    }

    private static void put(Map<String, Object> options, String name, Number value) {
        if (value != null) {
            options.put(name, value);
        }
    }

    /** The editor's {@code input_extra} chunks as context, in the order sent. */
    static List<CodeSnippet> extra(List<ExtraChunk> inputExtra) {
        List<CodeSnippet> out = new ArrayList<>();
        for (ExtraChunk chunk : inputExtra) {
            String text = RequestBody.orEmpty(chunk.text());
            if (!text.isBlank()) {
                out.add(new CodeSnippet("", RequestBody.orEmpty(chunk.filename()), 1, (int) text.lines().count(), text));
            }
        }
        return out;
    }

    /** llama.cpp's final completion object. */
    private static Final last(String model, GenerateResult result, String content, CompletionService.Prepared prepared) {
        long promptTokens = result.promptEvalCount() > 0 ? result.promptEvalCount() : TokenCount.of(prepared.request().prompt());
        long predicted = result.evalCount() > 0 ? result.evalCount() : TokenCount.of(result.text());
        double promptMs = result.promptEvalDuration() / 1e6;
        double predictedMs = result.evalDuration() > 0 ? result.evalDuration() / 1e6
                : (System.nanoTime() - prepared.startedNanos()) / 1e6;
        Timings timings = new Timings(promptTokens, promptMs, promptTokens > 0 ? promptMs / promptTokens : 0.0,
                promptMs > 0 ? promptTokens * 1000 / promptMs : 0.0, predicted, predictedMs,
                predicted > 0 ? predictedMs / predicted : 0.0, predictedMs > 0 ? predicted * 1000 / predictedMs : 0.0);
        boolean limit = "length".equals(result.doneReason());
        return new Final(0, content, List.of(), -1, true, model, predicted, promptTokens, prepared.request().options(),
                prepared.request().prompt(), result.text().contains("\n"), false, limit ? "limit" : "eos", "", 0, timings);
    }

    /** The fields asked for in {@code response_fields}, nested ones under their full path; all when none. */
    @SuppressWarnings("unchecked")
    static Object project(Final response, List<String> fields) {
        if (fields.isEmpty()) {
            return response;
        }
        Map<String, Object> whole = RequestBody.JSON.convertValue(response, Map.class);
        Map<String, Object> out = new LinkedHashMap<>();
        for (String field : fields) {
            Object value = whole;
            for (String part : field.split("/")) {
                value = value instanceof Map<?, ?> map ? ((Map<String, Object>) map).get(part) : null;
            }
            if (value != null) {
                out.put(field, value);
            }
        }
        return out;
    }
}
