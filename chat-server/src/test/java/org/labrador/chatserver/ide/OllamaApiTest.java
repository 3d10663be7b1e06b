package org.labrador.chatserver.ide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/** Ollama's API as plugins call it: wire formats, repository context in the prompt, errors, cancellation. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OllamaApiTest extends IdeServerTest {

    static final String PREFIX = "from analysis.cuts import passes_s1\n\n\ndef select(peaks):\n    return [p for p in peaks if ";
    static final String SUFFIX = "]\n";
    private static final Pattern PARAMETER_LINE = Pattern.compile("^(\\S+)\\s+((?:\".*\")|\\S+)$");

    @BeforeEach
    void setUp() {
        sync();
        OLLAMA.completion("passes_s1(p.area)").tokenDelay(Duration.ZERO).failAfterTokens(-1, "");
    }

    @AfterEach
    void reset() {
        OLLAMA.tokenDelay(Duration.ZERO).failAfterTokens(-1, "");
    }

    @Test
    void curlSeesOllamaRunningWhileABrowserGetsTheWebChat() {
        for (String accept : new String[] {null, "*/*", "application/json"}) {
            HttpResponse<String> probe = accept == null ? http().get("/") : http().get("/", "Accept", accept);
            assertThat(probe.statusCode()).isEqualTo(200);
            assertThat(probe.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            assertThat(probe.body()).isEqualTo("Ollama is running");
            // As with Ollama, the probe needs no token (docs/ide.md): plugins probe before their key is set.
            HttpResponse<String> anonymous = accept == null ? anonymous().get("/") : anonymous().get("/", "Accept", accept);
            assertThat(anonymous.body()).isEqualTo("Ollama is running");
        }
        // A browser is sent to the web chat's sign-in page, or gets the page itself.
        HttpResponse<String> browser = anonymous().get("/", "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        assertThat(browser.body()).doesNotContain("Ollama is running");
        assertThat(browser.statusCode() == 302 ? browser.headers().firstValue("Location").orElse("")
                : browser.headers().firstValue("Content-Type").orElse("")).containsAnyOf("login", "text/html");
    }

    @Test
    void versionTagsAndShowAnswerWithEveryFieldPluginsRead() {
        assertThat(IdeHttp.json(http().get("/api/version")).path("version").asString()).isEqualTo("0.12.6");

        JsonNode models = IdeHttp.json(http().get("/api/tags")).path("models");
        List<String> names = new ArrayList<>();
        for (JsonNode m : models) {
            names.add(m.path("name").asString());
            for (String field : List.of("name", "model", "modified_at", "size", "digest", "details")) {
                assertThat(m.has(field)).as(field + " of " + m).isTrue();
            }
            for (String field : List.of("parent_model", "format", "family", "families", "parameter_size", "quantization_level")) {
                assertThat(m.path("details").has(field)).as(field + " of " + m).isTrue();
            }
        }
        assertThat(names).containsAll(MODELS).contains(CHAT_MODEL + "@analysis", CHAT_MODEL + "@fixtures");

        // Continue asks with "name" and decides on fill-in-the-middle from ".Suffix" in the template.
        JsonNode coder = IdeHttp.json(http().post("/api/show", "{\"name\": \"" + CODER + "\"}"));
        assertThat(coder.path("template").asString()).contains(".Suffix");
        assertThat(coder.path("capabilities").toString()).contains("completion").contains("insert");
        assertThat(coder.path("details").path("family").asString()).isNotBlank();
        String architecture = coder.path("model_info").path("general.architecture").asString();
        assertThat(coder.path("model_info").path(architecture + ".context_length").asInt()).isPositive();
        for (String line : coder.path("parameters").asString().split("\n")) {
            assertThat(line).matches(PARAMETER_LINE);
        }
        JsonNode chat = IdeHttp.json(http().post("/api/show", "{\"model\": \"" + CHAT_MODEL + "\"}"));
        assertThat(chat.path("capabilities").toString()).doesNotContain("insert");

        HttpResponse<String> missing = http().post("/api/show", "{\"model\": \"nope:1b\"}");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(IdeHttp.json(missing).path("error").asString()).contains("nope:1b");
    }

    @Test
    void aFillInTheMiddleCompletionStreamsWithTheRepositoryDefinitionInTheModelsOwnTokens() {
        String request = "{\"model\": \"" + CODER + "\", \"prompt\": " + quote(PREFIX) + ", \"suffix\": " + quote(SUFFIX)
                + ", \"path\": \"analysis/selection.py\", \"keep_alive\": \"30m\","
                + " \"options\": {\"num_predict\": 48, \"stop\": [\"\\n\\n\"], \"temperature\": 0.1}}";
        HttpResponse<String> response = http().post("/api/generate", request);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-ndjson");
        List<JsonNode> lines = IdeHttp.ndjson(response.body());
        StringBuilder text = new StringBuilder();
        lines.subList(0, lines.size() - 1).forEach(l -> {
            assertThat(l.path("done").asBoolean()).isFalse();
            assertThat(l.path("model").asString()).isEqualTo(CODER);
            text.append(l.path("response").asString());
        });
        assertThat(text.toString()).isEqualTo("passes_s1(p.area)");
        JsonNode done = lines.getLast();
        assertThat(done.path("done").asBoolean()).isTrue();
        assertThat(done.path("done_reason").asString()).isEqualTo("stop");
        for (String field : List.of("total_duration", "load_duration", "prompt_eval_count", "eval_count", "eval_duration", "created_at")) {
            assertThat(done.has(field)).as(field).isTrue();
        }

        JsonNode sent = OLLAMA.generateRequests().getLast();
        String prompt = sent.path("prompt").asString();
        assertThat(sent.path("raw").asBoolean()).isTrue();
        assertThat(sent.has("suffix")).as("Labrador formats the prompt itself").isFalse();
        assertThat(prompt).startsWith("<|repo_name|>analysis\n<|file_sep|>analysis/cuts.py\n")
                .contains("def passes_s1(area):")
                .endsWith("<|file_sep|>analysis/selection.py\n<|fim_prefix|>" + PREFIX + "<|fim_suffix|>" + SUFFIX + "<|fim_middle|>");
        assertThat(prompt).doesNotContain("<|file_sep|>analysis/plots.py");
        assertThat(sent.path("options").path("num_predict").asInt()).isEqualTo(48);
        assertThat(sent.path("options").path("temperature").asDouble()).isEqualTo(0.1);
        assertThat(sent.path("options").path("stop").toString()).contains("\\n\\n").contains("<|endoftext|>").contains("<|file_sep|>");
        assertThat(sent.path("keep_alive").asString()).isEqualTo("30m");
    }

    @Test
    void withoutStreamingTheCompletionIsOneObject() {
        HttpResponse<String> response = http().post("/api/generate", "{\"model\": \"" + CODER + "\", \"prompt\": "
                + quote(PREFIX) + ", \"suffix\": \"\", \"stream\": false, \"options\": {\"num_predict\": 16}}");
        JsonNode body = IdeHttp.json(response);
        assertThat(body.path("response").asString()).isEqualTo("passes_s1(p.area)");
        assertThat(body.path("done").asBoolean()).isTrue();
        assertThat(body.path("done_reason").asString()).isEqualTo("stop");
        assertThat(OLLAMA.generateRequests().getLast().path("options").path("num_predict").asInt()).isEqualTo(16);
    }

    @Test
    void aRawPromptInAFamilysTokensGetsTheContextSplicedInBeforeItsPrefix() {
        String raw = "<file_sep>analysis/selection.py\n<fim_prefix>" + PREFIX + "<fim_suffix>" + SUFFIX + "<fim_middle>";
        HttpResponse<String> response = http().post("/api/generate",
                "{\"model\": \"starcoder2:3b\", \"raw\": true, \"stream\": false, \"prompt\": " + quote(raw) + "}");
        assertThat(response.statusCode()).isEqualTo(200);
        String prompt = OLLAMA.lastGeneratePrompt();
        assertThat(prompt).startsWith("<repo_name>analysis\n<file_sep>analysis/cuts.py\n").contains("def passes_s1(area):")
                .endsWith(raw);
        assertThat(OLLAMA.generateRequests().getLast().path("options").path("stop").toString()).contains("<file_sep>");
    }

    @Test
    void aModelWithoutFillInTheMiddleIsRefusedWithAClearErrorAndAnUnknownModelIs404() {
        int before = OLLAMA.generateRequests().size();
        HttpResponse<String> chatModel = http().post("/api/generate",
                "{\"model\": \"llama3.2:3b\", \"prompt\": \"def f(\", \"suffix\": \")\"}");
        assertThat(chatModel.statusCode()).isEqualTo(400);
        assertThat(IdeHttp.json(chatModel).path("error").asString()).contains("llama3.2:3b").contains("cannot fill in the middle");

        HttpResponse<String> unknown = http().post("/api/generate", "{\"model\": \"nope:1b\", \"prompt\": \"x\", \"suffix\": \"\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(IdeHttp.json(unknown).path("error").asString()).contains("nope:1b");

        HttpResponse<String> broken = http().post("/api/generate", "{\"model\": ");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(IdeHttp.json(broken).path("error").asString()).contains("invalid JSON");
        assertThat(OLLAMA.generateRequests()).hasSize(before);
    }

    @Test
    void anErrorInTheMiddleOfTheStreamIsOneErrorLine() {
        OLLAMA.completion("a b c d e").failAfterTokens(2, "the model crashed");
        HttpResponse<String> response = http().post("/api/generate",
                "{\"model\": \"" + CODER + "\", \"prompt\": \"x = \", \"suffix\": \"\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> lines = IdeHttp.ndjson(response.body());
        assertThat(lines).hasSize(3);
        // ollama4j drops the text of Ollama's mid-stream error line; the error line says where to look.
        assertThat(lines.getLast().path("error").asString()).contains("Ollama reported an error while " + CODER)
                .contains("the Ollama server log has the details");
    }

    @Test
    void aNewerCompletionFromTheSameClientAndFileCancelsTheOlderOne() throws Exception {
        // No clock in the assertions: the older completion is long (200 tokens, 20 s if left alone),
        // the newer one is asked once the older is seen streaming, and each step waits on what happens.
        OLLAMA.completion("w ".repeat(200).strip()).tokenDelay(Duration.ofMillis(100));
        String request = "{\"model\": \"" + CODER + "\", \"prompt\": \"x = \", \"suffix\": \"\", \"path\": \"analysis/selection.py\"}";
        List<JsonNode> olderLines = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch olderStreams = new java.util.concurrent.CountDownLatch(1);
        CompletableFuture<Void> older = CompletableFuture.runAsync(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(
                    http().postStreaming("/api/generate", request).body(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (!line.isBlank()) {
                        olderLines.add(IdeHttp.JSON.readTree(line));
                        olderStreams.countDown();
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(olderStreams.await(60, java.util.concurrent.TimeUnit.SECONDS)).as("the older completion streams").isTrue();
        int abandonedBefore = OLLAMA.abandonedStreams();
        OLLAMA.completion("a b c d e f g h i j k l m n o p q r s t");
        List<JsonNode> newer = readLines(http().postStreaming("/api/generate", request));

        older.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(olderLines.getLast().path("done_reason").asString()).isEqualTo("cancelled");
        assertThat(olderLines.size()).as("stopped early, not run to its 200 tokens").isLessThan(200);
        assertThat(newer.getLast().path("done_reason").asString()).isEqualTo("stop");
        assertThat(newer).hasSize(21);
        for (int i = 0; i < 600 && OLLAMA.abandonedStreams() <= abandonedBefore; i++) {
            Thread.sleep(50); // the upstream abort reaches the model server asynchronously
        }
        assertThat(OLLAMA.abandonedStreams()).as("the upstream request was aborted").isGreaterThan(abandonedBefore);
    }

    @Test
    void theTimeBudgetEndsACompletionWithWhatItHasSoFar() {
        OLLAMA.completion("a b c d e f g h i j").tokenDelay(Duration.ofMillis(500));
        long started = System.nanoTime();
        List<JsonNode> lines = IdeHttp.ndjson(http().post("/api/generate",
                "{\"model\": \"" + CODER + "\", \"prompt\": \"y = \", \"suffix\": \"\"}").body());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(4500));
        assertThat(lines.getLast().path("done").asBoolean()).isTrue();
        assertThat(lines.getLast().path("done_reason").asString()).isEqualTo("length");
        assertThat(lines.size()).isBetween(4, 8);
    }

    @Test
    void chatAnswersFromTheSourcesAndEndsWithLinkedCitations() {
        HttpResponse<String> response = http().post("/api/chat", "{\"model\": \"" + CHAT_MODEL + "@fixtures\", \"messages\": ["
                + "{\"role\": \"system\", \"content\": \"You are helpful.\"},"
                + "{\"role\": \"user\", \"content\": \"Where is the S1 area threshold set?\"}]}");
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> lines = IdeHttp.ndjson(response.body());
        StringBuilder text = new StringBuilder();
        lines.forEach(l -> text.append(l.path("message").path("content").asString()));
        assertThat(lines.getFirst().path("message").path("role").asString()).isEqualTo("assistant");
        assertThat(lines.getLast().path("done").asBoolean()).isTrue();
        assertThat(lines.getLast().has("eval_count")).isTrue();
        assertThat(text.toString()).contains("config/cuts.yaml").contains("**Sources**")
                .containsPattern("\\[1] \\[[^]]+]\\(http://localhost:" + port + "/source/fixtures/analysis/event-selection.md\\?lines=\\d+-\\d+\\)");
        assertThat(OLLAMA.lastChatMessages().toString()).doesNotContain("You are helpful.");

        JsonNode once = IdeHttp.json(http().post("/api/chat", "{\"model\": \"" + CHAT_MODEL + "\", \"stream\": false,"
                + " \"messages\": [{\"role\": \"user\", \"content\": \"Where is the S1 area threshold set?\"}]}"));
        assertThat(once.path("message").path("content").asString()).contains("**Sources**");
        assertThat(once.path("done").asBoolean()).isTrue();

        HttpResponse<String> unknownSource = http().post("/api/chat", "{\"model\": \"" + CHAT_MODEL + "@nowhere\","
                + " \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
        assertThat(unknownSource.statusCode()).isEqualTo(404);
        assertThat(IdeHttp.json(unknownSource).path("error").asString()).contains("nowhere");
    }

    @Test
    void embeddingsComeFromLabradorsOwnModel() {
        JsonNode embed = IdeHttp.json(http().post("/api/embed", "{\"model\": \"nomic-embed-text\", \"input\": [\"peak area\", \"drift time\"]}"));
        assertThat(embed.path("embeddings")).hasSize(2);
        assertThat(embed.path("embeddings").get(0)).hasSize(384);
        assertThat(embed.path("model").asString()).isEqualTo("nomic-embed-text");
        JsonNode legacy = IdeHttp.json(http().post("/api/embeddings", "{\"model\": \"x\", \"prompt\": \"peak area\"}"));
        assertThat(legacy.path("embedding")).hasSize(384);
        assertThat(legacy.path("embedding").get(0).asDouble()).isEqualTo(embed.path("embeddings").get(0).get(0).asDouble());
    }

    static String quote(String text) {
        return IdeHttp.JSON.writeValueAsString(text);
    }

    private static List<JsonNode> readLines(HttpResponse<InputStream> response) {
        List<JsonNode> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add(IdeHttp.JSON.readTree(line));
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }
}
