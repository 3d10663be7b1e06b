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
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

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

    /** Tabby's health object. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Health(String model, String chatModel, String chatDevice, String device, String arch, String cpuInfo,
                  int cpuCount, List<String> cudaDevices, Version version, boolean webserver) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Version(String buildDate, String buildTimestamp, String gitSha, String gitDescribe) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ServerSetting(boolean disableClientSideTelemetry) {
    }

    @GetMapping(path = "/v1/health", produces = MediaType.APPLICATION_JSON_VALUE)
    Health health() {
        return new Health(catalog.completionModel(), catalog.chatModel(), "ollama", "ollama",
                System.getProperty("os.arch", ""), System.getProperty("os.name", "") + " " + System.getProperty("os.arch", ""),
                Runtime.getRuntime().availableProcessors(), List.of(),
                new Version("", "", "", TABBY_API_VERSION + "-labrador"), false);
    }

    @PostMapping("/v1/events")
    void events(@org.springframework.web.bind.annotation.RequestBody(required = false) String body) {
        // Tabby's clients report views, selections and dismissals here; Labrador records none of it.
    }

    @GetMapping(path = "/v1beta/server_setting", produces = MediaType.APPLICATION_JSON_VALUE)
    ServerSetting serverSetting() {
        return new ServerSetting(true);
    }

    /** Tabby's {@code POST /v1/completions}; {@code model} and {@code sources} are Labrador's additions. */
    record CompletionRequest(String model, Segments segments, Number temperature, Number seed, Object sources) {
        CompletionRequest {
            model = RequestBody.orEmpty(model);
            segments = segments == null ? new Segments(null, null, null, null, null, null) : segments;
        }
    }

    /** The code around the cursor and the editor's context. */
    record Segments(String prefix, String suffix, String filepath, List<Snippet> declarations,
                    List<Snippet> relevantSnippetsFromChangedFiles, List<Snippet> relevantSnippetsFromRecentlyOpenedFiles) {
        Segments {
            prefix = RequestBody.orEmpty(prefix);
            suffix = RequestBody.orEmpty(suffix);
            filepath = RequestBody.orEmpty(filepath);
            declarations = orNone(declarations);
            relevantSnippetsFromChangedFiles = orNone(relevantSnippetsFromChangedFiles);
            relevantSnippetsFromRecentlyOpenedFiles = orNone(relevantSnippetsFromRecentlyOpenedFiles);
        }

        private static List<Snippet> orNone(List<Snippet> list) {
            return list == null ? List.of() : list.stream().filter(java.util.Objects::nonNull).toList();
        }
    }

    /** A declaration or a snippet; {@code score} orders them as sent and is not read. */
    record Snippet(String filepath, String body) {
    }

    /** Tabby's completion: {@code {"id", "choices": [{"index", "text"}]}}. */
    record Completed(String id, List<Choice> choices) {
    }

    record Choice(int index, String text) {
    }

    /** Whether a {@code /v1/completions} body is Tabby's rather than OpenAI's. */
    static boolean isTabbyCompletion(JsonNode request) {
        return request.path("segments").isObject();
    }

    Completed complete(CompletionRequest request, HttpServletRequest httpRequest) throws ModelUnavailableException {
        Segments segments = request.segments();
        Map<String, Object> options = new LinkedHashMap<>();
        if (request.temperature() != null) {
            options.put("temperature", request.temperature());
        }
        if (request.seed() != null) {
            options.put("seed", request.seed());
        }
        String model = request.model().isBlank() ? catalog.completionModel() : request.model();
        Set<String> sources = OllamaApiController.sources(model, request.sources(), new LinkedHashMap<>());
        Completion completion = new Completion(ModelCatalog.baseModel(model), segments.prefix(), segments.suffix(), true,
                null, options, null, segments.filepath(), sources, clientContext(segments));
        catalog.require(completion.model());
        CompletionService.Prepared prepared = completions.prepare(completion, caller.access(httpRequest));
        GenerateResult result = completions.run(prepared, caller.completionKey(httpRequest, prepared.path()), piece -> { });
        return new Completed("cmpl-" + UUID.randomUUID(), List.of(new Choice(0, result.text())));
    }

    /**
     * The editor's context, best first: the declarations its language server found, then snippets
     * of recently changed files, then of recently opened ones (each list sorted by score as sent).
     * File URIs of dependencies keep only their path.
     */
    static List<CodeSnippet> clientContext(Segments segments) {
        List<CodeSnippet> out = new ArrayList<>();
        for (List<Snippet> list : List.of(segments.declarations(), segments.relevantSnippetsFromChangedFiles(),
                segments.relevantSnippetsFromRecentlyOpenedFiles())) {
            for (Snippet s : list) {
                String body = RequestBody.orEmpty(s.body());
                if (!body.isBlank()) {
                    String path = RequestBody.orEmpty(s.filepath());
                    if (path.toLowerCase(Locale.ROOT).startsWith("file://")) {
                        path = path.substring("file://".length());
                    }
                    out.add(new CodeSnippet("", path, 1, (int) body.lines().count(), body));
                }
            }
        }
        return out;
    }
}
