package org.labrador.chatserver.ide;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * llama.cpp's {@code /infill} and {@code /health} as llama.vscode calls them, and Tabby's API as
 * Tabby's extensions call it: wire shapes, the editor's snippets before the repository's, and no
 * code of a source the caller may not read.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LlamaCppAndTabbyApiTest extends IdeServerTest {

    private static final String PREFIX_ABOVE = "from analysis.cuts import passes_s1\n\n\ndef select(peaks):\n";
    private static final String CURRENT_LINE = "    return [p for p in peaks if ";

    @BeforeEach
    void setUp() {
        sync();
        OLLAMA.completion("passes_s1(p.area)");
    }

    @Test
    void healthIsOkWithATokenAndRefusedWithout() {
        assertThat(IdeHttp.json(http().get("/health")).path("status").asString()).isEqualTo("ok");
        assertThat(anonymous().get("/health").statusCode()).isIn(302, 401);
    }

    /** The body llama.vscode sends (its {@code fetchCompletion}), with the fields it reads back. */
    @Test
    void infillAsLlamaVscodeSendsItPutsItsChunksFirstThenTheRepository() {
        String request = "{\"id_slot\": 0, \"input_prefix\": " + OllamaApiTest.quote(PREFIX_ABOVE)
                + ", \"input_suffix\": \"]\\n\", \"input_extra\": [{\"filename\": \"analysis/peaks.py\","
                + " \"text\": \"class Peak:\\n    area: float  # EXTRA_CHUNK\\n\"}], \"prompt\": " + OllamaApiTest.quote(CURRENT_LINE)
                + ", \"n_predict\": 24, \"top_k\": 40, \"top_p\": 0.99, \"stream\": false, \"samplers\": [\"top_k\", \"top_p\", \"infill\"],"
                + " \"cache_prompt\": true, \"t_max_prompt_ms\": 500, \"t_max_predict_ms\": 1000,"
                + " \"response_fields\": [\"content\", \"timings/prompt_n\", \"timings/predicted_n\", \"timings/predicted_ms\","
                + " \"tokens_cached\", \"truncated\"]}";
        HttpResponse<String> response = http().post("/infill", request);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = IdeHttp.json(response);
        assertThat(body.path("content").asString()).isEqualTo("passes_s1(p.area)");
        assertThat(body.path("timings/prompt_n").asInt()).isPositive();
        assertThat(body.has("timings/predicted_ms")).isTrue();
        assertThat(body.has("stop")).as("only the fields asked for").isFalse();

        JsonNode sent = OLLAMA.generateRequests().getLast();
        String prompt = sent.path("prompt").asString();
        assertThat(prompt).startsWith("<|repo_name|>analysis\n<|file_sep|>analysis/peaks.py\nclass Peak:")
                .contains("<|file_sep|>analysis/cuts.py\n").contains("def passes_s1(area):").doesNotContain(LZ_SECRET)
                .endsWith("<|fim_prefix|>" + PREFIX_ABOVE + CURRENT_LINE + "<|fim_suffix|>]\n<|fim_middle|>");
        assertThat(prompt.indexOf("EXTRA_CHUNK")).isLessThan(prompt.indexOf("def passes_s1(area):"));
        assertThat(sent.path("options").path("num_predict").asInt()).isEqualTo(24);
        assertThat(sent.path("options").path("top_k").asInt()).isEqualTo(40);
    }

    @Test
    void infillStreamsLlamaCppEventsAndEndsWithTheStopObject() {
        HttpResponse<String> response = http().post("/infill", "{\"input_prefix\": " + OllamaApiTest.quote(PREFIX_ABOVE + CURRENT_LINE)
                + ", \"input_suffix\": \"]\\n\", \"stream\": true, \"n_predict\": -1, \"stop\": [\"\\n\"]}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<String> events = IdeHttp.sseData(response.body());
        assertThat(events).doesNotContain("[DONE]");
        StringBuilder text = new StringBuilder();
        for (String event : events.subList(0, events.size() - 1)) {
            JsonNode piece = IdeHttp.JSON.readTree(event);
            assertThat(piece.path("stop").asBoolean()).isFalse();
            text.append(piece.path("content").asString());
        }
        assertThat(text.toString()).isEqualTo("passes_s1(p.area)");
        JsonNode last = IdeHttp.JSON.readTree(events.getLast());
        assertThat(last.path("stop").asBoolean()).isTrue();
        assertThat(last.path("content").asString()).isEmpty();
        assertThat(last.path("stop_type").asString()).isEqualTo("eos");
        for (String field : List.of("tokens_predicted", "tokens_evaluated", "timings", "model", "generation_settings")) {
            assertThat(last.has(field)).as(field).isTrue();
        }
        JsonNode options = OLLAMA.generateRequests().getLast().path("options");
        assertThat(options.path("num_predict").asInt()).as("-1: Labrador's default").isEqualTo(128);
        assertThat(options.path("stop").toString()).contains("\\n").contains("<|endoftext|>");
    }

    @Test
    void infillErrorsAreLlamaCppShaped() {
        HttpResponse<String> chatModel = http().post("/infill", "{\"model\": \"llama3.2:3b\", \"input_prefix\": \"x\", \"input_suffix\": \"\"}");
        assertThat(chatModel.statusCode()).isEqualTo(400);
        assertThat(IdeHttp.json(chatModel).path("error").path("message").asString()).contains("cannot fill in the middle");
        assertThat(IdeHttp.json(chatModel).path("error").path("code").asInt()).isEqualTo(400);
        HttpResponse<String> unknown = http().post("/infill", "{\"model\": \"nope:1b\", \"input_prefix\": \"x\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(IdeHttp.json(unknown).path("error").path("type").asString()).isEqualTo("not_found_error");
    }

    @Test
    void tabbyHealthSettingsAndEvents() {
        JsonNode health = IdeHttp.json(http().get("/v1/health"));
        for (String field : List.of("model", "device", "arch", "cpu_info", "cpu_count", "cuda_devices", "version")) {
            assertThat(health.has(field)).as(field).isTrue();
        }
        for (String field : List.of("build_date", "build_timestamp", "git_sha", "git_describe")) {
            assertThat(health.path("version").has(field)).as(field).isTrue();
        }
        assertThat(health.path("model").asString()).isEqualTo("qwen2.5-coder:1.5b");
        assertThat(IdeHttp.json(http().get("/v1beta/server_setting")).path("disable_client_side_telemetry").asBoolean()).isTrue();
        assertThat(http().post("/v1/events", "{\"type\": \"view\", \"completion_id\": \"cmpl-1\", \"choice_index\": 0}")
                .statusCode()).isEqualTo(200);
        assertThat(anonymous().get("/v1/health").statusCode()).isIn(302, 401);
    }

    @Test
    void aTabbyCompletionPutsTheEditorsDeclarationsAndSnippetsFirst() {
        String request = "{\"language\": \"python\", \"segments\": {\"prefix\": " + OllamaApiTest.quote(OllamaApiTest.PREFIX)
                + ", \"suffix\": \"]\\n\", \"filepath\": \"analysis/selection.py\", \"git_url\": \"https://git.example.org/analysis.git\","
                + " \"declarations\": [{\"filepath\": \"file:///usr/lib/python3/peaks.py\", \"body\": \"class Peak:  # DECLARATION\\n\"}],"
                + " \"relevant_snippets_from_changed_files\": [{\"filepath\": \"analysis/plotting.py\", \"body\": \"def hist(p):  # CHANGED\\n\", \"score\": 0.9}],"
                + " \"relevant_snippets_from_recently_opened_files\": [{\"filepath\": \"analysis/io.py\", \"body\": \"def load():  # OPENED\\n\", \"score\": 0.5}],"
                + " \"clipboard\": \"peaks\"}, \"temperature\": 0.1, \"mode\": \"standard\"}";
        HttpResponse<String> response = http().post("/v1/completions", request);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = IdeHttp.json(response);
        assertThat(body.path("id").asString()).isNotBlank();
        assertThat(body.path("choices").path(0).path("index").asInt()).isZero();
        assertThat(body.path("choices").path(0).path("text").asString()).isEqualTo("passes_s1(p.area)");
        assertThat(body.has("object")).as("Tabby's shape, not OpenAI's").isFalse();

        String prompt = OLLAMA.lastGeneratePrompt();
        assertThat(prompt).startsWith("<|repo_name|>analysis\n<|file_sep|>/usr/lib/python3/peaks.py\nclass Peak:  # DECLARATION")
                .contains("def passes_s1(area):").doesNotContain(LZ_SECRET)
                .endsWith("<|file_sep|>analysis/selection.py\n<|fim_prefix|>" + OllamaApiTest.PREFIX + "<|fim_suffix|>]\n<|fim_middle|>");
        assertThat(prompt.indexOf("# DECLARATION")).isLessThan(prompt.indexOf("# CHANGED"));
        assertThat(prompt.indexOf("# CHANGED")).isLessThan(prompt.indexOf("# OPENED"));
        assertThat(prompt.indexOf("# OPENED")).isLessThan(prompt.indexOf("def passes_s1(area):"));

        // An OpenAI body on the same path is still answered as OpenAI's.
        JsonNode openAi = IdeHttp.json(http().post("/v1/completions", "{\"model\": \"" + CODER + "\", \"prompt\": \"x = \", \"suffix\": \"\"}"));
        assertThat(openAi.path("object").asString()).isEqualTo("text_completion");
    }
}
