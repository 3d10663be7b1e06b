package org.labrador.chatserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labrador.chatserver.ask.ContextBudget;
import org.labrador.chatserver.ask.Exchange;
import org.labrador.models.ChatModel;
import org.labrador.models.TextGenerator;
import org.labrador.models.embedded.EmbeddedEngine;
import org.labrador.models.embedded.testing.TinyLlamaGguf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The application with {@code labrador.model.engine: embedded}: a real llama.cpp running a tiny
 * random model that the test writes, for answers and for code completion. The model writes
 * gibberish; what is checked is that answers and completions go through it end to end, streamed;
 * that a long conversation is fitted into its window as the engine itself counts it, with the
 * answer's room kept; and that a question too long for the window is refused with what to do.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmbeddedEngineServerTest extends FixtureServerTest {

    /** A Qwen2.5-Coder name, so that Labrador writes fill-in-the-middle prompts in Qwen's format. */
    static final String EMBEDDED = "qwen2.5-coder-tiny";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    ChatModel chat;

    @Autowired
    TextGenerator generator;

    @Autowired
    EmbeddedEngine engine;

    @Autowired
    ContextBudget budget;

    @Autowired
    MeterRegistry meters;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ApiCalls api = new ApiCalls(() -> port);

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws java.io.IOException {
        // A data dir of its own: the other fixture tests' cached application holds the shared one's index.
        Path data = java.nio.file.Files.createTempDirectory("labrador-embedded-data");
        registry.add("labrador.data-dir", data::toString);
        registry.add("labrador.model.engine", () -> "embedded");
        registry.add("labrador.model.path", () -> modelFile().toString());
        // The tiny model's tokenizer has almost no merges, a token per byte: the fixture passages take
        // about 1,500. The model never ends an answer by itself: every answer takes its whole reservation
        // (answer-tokens, 1024 by default) unless the window has less left.
        registry.add("labrador.model.context-tokens", () -> "4096");
    }

    private static Path modelFile;

    private static synchronized Path modelFile() {
        if (modelFile == null) {
            try {
                Path dir = Files.createTempDirectory("labrador-embedded");
                dir.toFile().deleteOnExit();
                modelFile = TinyLlamaGguf.model().contextLength(8192).writeTo(dir.resolve(EMBEDDED + ".gguf"));
                modelFile.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return modelFile;
    }

    @BeforeEach
    void sync() {
        syncFixtures();
    }

    @Test
    void theEmbeddedEngineIsTheChatModelAndTheGenerator() {
        // The application's models are the engine, measured (labrador.model.* meters).
        assertThat(chat.name()).isEqualTo(engine.name()).isEqualTo(EMBEDDED);
        assertThat(generator.getClass().getSimpleName()).isEqualTo("MeteredTextGenerator");
        assertThat(chat.status()).isEqualTo(engine.status());
        assertThat(chat.status().ready()).as(chat.status().notice()).isTrue();
        assertThat(chat.contextWindow().tokens()).isEqualTo(4096);
        assertThat(chat.contextWindow().exact()).isTrue();
    }

    @Test
    void anAnswerStreamsFromTheEmbeddedModel() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/v1/ask")).header("Authorization", bearer())
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"Where is the S1 area threshold set?\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

        StringBuilder streamed = new StringBuilder();
        int tokens = 0;
        JsonNode done = null;
        String event = null;
        for (String line : response.body().split("\n")) {
            if (line.startsWith("event:")) {
                event = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                JsonNode data = JSON.readTree(line.substring(5));
                if ("token".equals(event)) {
                    streamed.append(data.path("text").asString());
                    tokens++;
                } else if ("done".equals(event)) {
                    done = data;
                }
            }
        }
        assertThat(done).as(response.body()).isNotNull();
        assertThat(done.path("model").path("available").asBoolean()).as(done.toString()).isTrue();
        assertThat(done.path("model").path("name").asString()).isEqualTo(EMBEDDED);
        assertThat(tokens).as("streamed piece by piece").isGreaterThan(10);
        assertThat(streamed.toString()).isEqualTo(done.path("answer").asString()).matches("[a-z ]+");
        assertThat(done.path("citations").size()).isEqualTo(1);
    }

    @Test
    void aLongConversationIsFittedIntoTheWindowAsTheEngineCountsItWithTheAnswersRoomKept() throws Exception {
        // Many short turns: each costs the chat template's markers, which the tiny vocabulary spells byte by byte
        // ("assistant" is 9 tokens), more than the budget's estimate of a template's markers.
        List<Exchange> history = new ArrayList<>();
        for (int turn = 0; turn < 300; turn++) {
            history.add(new Exchange("And run " + turn + "?", "Fine [1]."));
        }
        int window = chat.contextWindow().tokens();
        int reserved = Math.min(budget.answerTokens(), window / 2);
        long generatedBefore = engine.generatedTokens();
        PromptsRead before = promptsRead();

        JsonNode answer = ApiCalls.json(api.call("POST", "/api/v1/ask", bearer().substring(7),
                JSON.writeValueAsString(Map.of("question", "Where is the S1 area threshold set?", "history", history))), 200);

        assertThat(answer.path("model").path("available").asBoolean()).as("the engine answered: " + answer).isTrue();
        PromptsRead after = promptsRead();
        assertThat(after.count() - before.count()).isEqualTo(1);
        long promptTokens = after.tokens() - before.tokens(); // as the engine counted the prompt it read
        assertThat(promptTokens).as("the engine's count, with room for the answer").isGreaterThan(window / 2)
                .isLessThanOrEqualTo(window - reserved);
        assertThat(engine.generatedTokens() - generatedBefore).as("the answer had all of its room")
                .isGreaterThanOrEqualTo(reserved);
    }

    @Test
    void aQuestionTooLongForTheWindowIsRefusedWithWhatToDo() throws Exception {
        String question = "Where is the S1 area threshold set? ".repeat(200); // about 7200 tokens, above the 4096 window

        JsonNode refusal = ApiCalls.json(api.call("POST", "/api/v1/ask", bearer().substring(7),
                JSON.writeValueAsString(java.util.Map.of("question", question))), 400);

        assertThat(refusal.toString()).contains("window of 4096 tokens", "shorten it");
    }

    @Test
    void aFillInTheMiddleCompletionStreamsOverOllamasGenerateEndpoint() throws Exception {
        String body = "{\"model\": \"" + EMBEDDED + "\", \"prompt\": \"def area(r):\\n    return \", \"suffix\": \"\\n\","
                + " \"options\": {\"num_predict\": 16, \"temperature\": 0.2}}";
        HttpResponse<String> response = api.call("POST", "/api/generate", bearer().substring(7), body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

        List<JsonNode> lines = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        JsonNode last = lines.getLast();
        assertThat(last.path("done").asBoolean()).isTrue();
        assertThat(last.path("done_reason").asString()).isEqualTo("length");
        assertThat(last.path("eval_count").asInt()).isEqualTo(16);
        StringBuilder text = new StringBuilder();
        lines.forEach(l -> text.append(l.path("response").asString()));
        assertThat(text.toString()).isNotEmpty().matches("[a-z ]+");
        assertThat(lines.size()).as("streamed as pieces, then the final line").isGreaterThan(2);
        // Qwen's fill-in-the-middle tokens around the code: each is one token of the model's vocabulary.
        int bare = chat.contextWindow().count("def area(r):\n    return \n");
        assertThat(last.path("prompt_eval_count").asInt()).isGreaterThanOrEqualTo(bare + 3);
    }

    @Test
    void ideModelListsShowTheEmbeddedModelWithItsWindow() throws Exception {
        JsonNode tags = ApiCalls.json(api.call("GET", "/api/tags", bearer().substring(7), null), 200);
        List<String> names = new ArrayList<>();
        tags.path("models").forEach(m -> names.add(m.path("name").asString()));
        assertThat(names).contains(EMBEDDED).noneMatch(n -> n.startsWith("qwen2.5:3b"));

        JsonNode models = ApiCalls.json(api.call("GET", "/v1/models", bearer().substring(7), null), 200);
        List<String> ids = new ArrayList<>();
        models.path("data").forEach(m -> ids.add(m.path("id").asString()));
        assertThat(ids).contains(EMBEDDED);

        JsonNode show = ApiCalls.json(api.call("POST", "/api/show", bearer().substring(7),
                "{\"model\": \"" + EMBEDDED + "\"}"), 200);
        assertThat(show.path("model_info").path("llama.context_length").asInt()).isEqualTo(4096);
        assertThat(show.path("capabilities").toString()).contains("insert");

        HttpResponse<String> unknown = api.call("POST", "/api/generate", bearer().substring(7),
                "{\"model\": \"nope:1b\", \"prompt\": \"x\", \"suffix\": \"\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** How many chat prompts the model read, and their tokens together, as the model reported them. */
    private record PromptsRead(long count, long tokens) {
    }

    private PromptsRead promptsRead() {
        DistributionSummary summary = meters.find("labrador.model.prompt.tokens").tag("use", "chat").summary();
        return summary == null ? new PromptsRead(0, 0) : new PromptsRead(summary.count(), (long) summary.totalAmount());
    }
}
