package org.labrador.chatserver.ide;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.labrador.models.ollama.GenerateResult;
import org.labrador.models.ollama.ModelUnavailableException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Tabby's server API, for Tabby's editor extensions (tabby-agent): {@code GET /v1/health},
 * {@code POST /v1/events} (accepted and dropped: Labrador keeps no completion telemetry),
 * {@code GET /v1beta/server_setting} (client-side telemetry off) and, through
 * {@link OpenAiApiController}, {@code POST /v1/completions} with a body carrying {@code segments},
 * the path Tabby shares with OpenAI. The editor's declarations and snippets come first in the
 * context, then the repository's; the completion model is Labrador's completion model, as Tabby's
 * requests name none.
 */
@RestController
class TabbyApiController {

    /**
     * The Tabby version whose API Labrador answers; tabby-agent asks for the server settings only
     * from 0.9.0 on.
     */
    static final String TABBY_API_VERSION = "v0.30.0";

    private final ModelCatalog catalog;
    private final CompletionService completions;
    private final IdeCaller caller;
    private final IdeProperties properties;

    TabbyApiController(ModelCatalog catalog, CompletionService completions, IdeCaller caller, IdeProperties properties) {
        this.catalog = catalog;
        this.completions = completions;
        this.caller = caller;
        this.properties = properties;
    }

    @GetMapping(path = "/v1/health", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> health() {
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("build_date", "");
        version.put("build_timestamp", "");
        version.put("git_sha", "");
        version.put("git_describe", TABBY_API_VERSION + "-labrador");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", properties.completionModel());
        out.put("chat_model", catalog.chatModel());
        out.put("chat_device", "ollama");
        out.put("device", "ollama");
        out.put("arch", System.getProperty("os.arch", ""));
        out.put("cpu_info", System.getProperty("os.name", "") + " " + System.getProperty("os.arch", ""));
        out.put("cpu_count", Runtime.getRuntime().availableProcessors());
        out.put("cuda_devices", List.of());
        out.put("version", version);
        out.put("webserver", false);
        return out;
    }

    @PostMapping("/v1/events")
    void events(@org.springframework.web.bind.annotation.RequestBody(required = false) String body) {
        // Tabby's clients report views, selections and dismissals here; Labrador records none of it.
    }

    @GetMapping(path = "/v1beta/server_setting", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> serverSetting() {
        return Map.of("disable_client_side_telemetry", true);
    }

    /** Whether a {@code /v1/completions} body is Tabby's rather than OpenAI's. */
    static boolean isTabbyCompletion(RequestBody request) {
        return request.node("segments").isObject();
    }

    /** Tabby's completion: {@code {"id", "choices": [{"index", "text"}]}}. */
    Map<String, Object> complete(RequestBody request, HttpServletRequest httpRequest) throws ModelUnavailableException {
        JsonNode segments = request.node("segments");
        Map<String, Object> options = new LinkedHashMap<>();
        for (String field : List.of("temperature", "seed")) {
            if (request.node(field).isNumber()) {
                options.put(field, request.node(field).numberValue());
            }
        }
        String model = request.text("model").isBlank() ? properties.completionModel() : request.text("model");
        Set<String> sources = OllamaApiController.sources(model, request, new LinkedHashMap<>());
        Completion completion = new Completion(ModelCatalog.baseModel(model), segments.path("prefix").asString(""),
                segments.path("suffix").asString(""), true, null, options, null, segments.path("filepath").asString(""),
                sources, clientContext(segments));
        catalog.require(completion.model());
        CompletionService.Prepared prepared = completions.prepare(completion, caller.access(httpRequest));
        GenerateResult result = completions.run(prepared, caller.completionKey(httpRequest, prepared.path()), piece -> { });
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("text", result.text());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", "cmpl-" + UUID.randomUUID());
        out.put("choices", List.of(choice));
        return out;
    }

    /**
     * The editor's context, best first: the declarations its language server found, then snippets
     * of recently changed files, then of recently opened ones (each list sorted by score as sent).
     * File URIs of dependencies keep only their path.
     */
    static List<CodeSnippet> clientContext(JsonNode segments) {
        List<CodeSnippet> out = new ArrayList<>();
        for (String list : List.of("declarations", "relevant_snippets_from_changed_files",
                "relevant_snippets_from_recently_opened_files")) {
            segments.path(list).forEach(s -> {
                String body = s.path("body").asString("");
                if (!body.isBlank()) {
                    String path = s.path("filepath").asString("");
                    if (path.toLowerCase(Locale.ROOT).startsWith("file://")) {
                        path = path.substring("file://".length());
                    }
                    out.add(new CodeSnippet("", path, 1, (int) body.lines().count(), body));
                }
            });
        }
        return out;
    }
}
