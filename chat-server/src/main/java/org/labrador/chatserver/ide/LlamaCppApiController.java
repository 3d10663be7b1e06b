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
    Map<String, Object> health() {
        return Map.of("status", "ok");
    }

    @PostMapping("/infill")
    void infill(@org.springframework.web.bind.annotation.RequestBody(required = false) String body,
                HttpServletRequest httpRequest, HttpServletResponse httpResponse) throws ModelUnavailableException {
        RequestBody request = RequestBody.parse(body);
        String model = request.text("model").isBlank() ? properties.completionModel() : request.text("model");
        Map<String, Object> options = options(request);
        Completion completion = new Completion(ModelCatalog.baseModel(model),
                request.text("input_prefix") + request.text("prompt"), request.text("input_suffix"), true, null,
                options, null, request.text("path"), OllamaApiController.sources(model, request, new LinkedHashMap<>()),
                extra(request.node("input_extra")));
        catalog.require(completion.model());
        CompletionService.Prepared prepared = completions.prepare(completion, caller.access(httpRequest));
        String key = caller.completionKey(httpRequest, prepared.path());
        List<String> fields = new ArrayList<>();
        request.node("response_fields").forEach(f -> fields.add(f.asString("")));
        if (Integer.valueOf(0).equals(options.get("num_predict"))) {
            // llama.vscode warms the server up with n_predict 0: nothing to generate (Ollama would read 0 as no limit).
            GenerateResult nothing = new GenerateResult("", completion.model(), "length", 0, 0, 0, 0, 0, 0, null);
            Map<String, Object> last = project(last(model, nothing, "", prepared), fields);
            if (request.flag("stream", false)) {
                ResponseStream.sse(httpResponse).send(last);
            } else {
                ResponseStream.writeJson(httpResponse, last);
            }
            return;
        }
        if (!request.flag("stream", false)) {
            GenerateResult result = completions.run(prepared, key, piece -> { });
            ResponseStream.writeJson(httpResponse, project(last(model, result, result.text(), prepared), fields));
            return;
        }
        ResponseStream stream = ResponseStream.sse(httpResponse);
        try {
            int[] predicted = {0};
            GenerateResult result = completions.run(prepared, key, piece -> {
                Map<String, Object> event = new LinkedHashMap<>();
                event.put("index", 0);
                event.put("content", piece);
                event.put("tokens", List.of());
                event.put("stop", false);
                event.put("id_slot", -1);
                event.put("tokens_predicted", ++predicted[0]);
                event.put("tokens_evaluated", TokenCount.of(prepared.request().prompt()));
                stream.send(event);
            });
            stream.send(project(last(model, result, "", prepared), fields));
        } catch (ModelUnavailableException | RuntimeException e) {
            stream.fail(e, ex -> IdeErrors.llamaCpp(IdeErrors.status(ex), IdeErrors.message(ex)), false);
        }
    }

    /** llama.cpp's sampling fields as Ollama options; {@code n_predict} -1 (no limit) keeps Labrador's default. */
    private static Map<String, Object> options(RequestBody request) {
        Map<String, Object> options = new LinkedHashMap<>();
        JsonNode nPredict = request.node("n_predict");
        if (nPredict.isNumber() && nPredict.asInt() >= 0) {
            options.put("num_predict", nPredict.asInt());
        }
        for (String field : List.of("temperature", "top_k", "top_p", "min_p", "seed", "repeat_penalty",
                "presence_penalty", "frequency_penalty")) {
            if (request.node(field).isNumber()) {
                options.put(field, request.node(field).numberValue());
            }
        }
        JsonNode stop = request.node("stop");
        if (stop.isArray() && !stop.isEmpty()) {
            List<String> stops = new ArrayList<>();
            stop.forEach(s -> stops.add(s.asString("")));
            options.put("stop", stops);
        } else if (stop.isString()) {
            options.put("stop", List.of(stop.asString()));
        }
        return options;
    }

    /** The editor's {@code input_extra} chunks as context, in the order sent. */
    static List<CodeSnippet> extra(JsonNode inputExtra) {
        List<CodeSnippet> out = new ArrayList<>();
        inputExtra.forEach(chunk -> {
            String text = chunk.path("text").asString("");
            if (!text.isBlank()) {
                out.add(new CodeSnippet("", chunk.path("filename").asString(""), 1,
                        (int) text.lines().count(), text));
            }
        });
        return out;
    }

    /** llama.cpp's final completion object. */
    private static Map<String, Object> last(String model, GenerateResult result, String content,
                                            CompletionService.Prepared prepared) {
        long promptTokens = result.promptEvalCount() > 0 ? result.promptEvalCount() : TokenCount.of(prepared.request().prompt());
        long predicted = result.evalCount() > 0 ? result.evalCount() : TokenCount.of(result.text());
        double promptMs = result.promptEvalDuration() / 1e6;
        double predictedMs = result.evalDuration() > 0 ? result.evalDuration() / 1e6
                : (System.nanoTime() - prepared.startedNanos()) / 1e6;
        Map<String, Object> timings = new LinkedHashMap<>();
        timings.put("prompt_n", promptTokens);
        timings.put("prompt_ms", promptMs);
        timings.put("prompt_per_token_ms", promptTokens > 0 ? promptMs / promptTokens : 0.0);
        timings.put("prompt_per_second", promptMs > 0 ? promptTokens * 1000 / promptMs : 0.0);
        timings.put("predicted_n", predicted);
        timings.put("predicted_ms", predictedMs);
        timings.put("predicted_per_token_ms", predicted > 0 ? predictedMs / predicted : 0.0);
        timings.put("predicted_per_second", predictedMs > 0 ? predicted * 1000 / predictedMs : 0.0);
        boolean limit = "length".equals(result.doneReason());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("index", 0);
        out.put("content", content);
        out.put("tokens", List.of());
        out.put("id_slot", -1);
        out.put("stop", true);
        out.put("model", model);
        out.put("tokens_predicted", predicted);
        out.put("tokens_evaluated", promptTokens);
        out.put("generation_settings", prepared.request().options());
        out.put("prompt", prepared.request().prompt());
        out.put("has_new_line", result.text().contains("\n"));
        out.put("truncated", false);
        out.put("stop_type", limit ? "limit" : "eos");
        out.put("stopping_word", "");
        out.put("tokens_cached", 0);
        out.put("timings", timings);
        return out;
    }

    /** The fields asked for in {@code response_fields}, nested ones under their full path; all when none. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> project(Map<String, Object> response, List<String> fields) {
        if (fields.isEmpty()) {
            return response;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String field : fields) {
            Object value = response;
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
