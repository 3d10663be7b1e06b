package org.labrador.chatserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labrador.chatserver.ask.ContextBudget;
import org.labrador.chatserver.ask.Exchange;
import org.labrador.models.ChatModel;
import org.labrador.models.ChatOptions;
import org.labrador.models.ContextWindow;
import org.labrador.models.TextGenerator;
import org.labrador.models.embedded.EmbeddedEngine;
import org.labrador.models.embedded.testing.TinyLlamaGguf;
import org.labrador.models.ollama.Cancellation;
import org.labrador.models.ollama.ChatMessage;
import org.labrador.models.ollama.ChatReply;
import org.labrador.models.ollama.ModelStatus;
import org.labrador.models.ollama.ModelUnavailableException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The application with {@code labrador.model.engine: embedded}: a real llama.cpp running a tiny
 * random model that the test writes, for answers and for code completion. The model writes
 * gibberish; what is checked is that answers and completions go through it end to end, streamed;
 * that a long conversation is fitted into its window as the engine itself counts it, with the
 * answer's room kept; that a prompt the engine refuses as too long gives the passages with a
 * notice, and a question too long for any prompt is refused with what to do; and that a client
 * closing the stream stops the engine.
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
    void aPromptTheEngineRefusesAsTooLongIsAnsweredWithThePassagesAndANotice() throws Exception {
        List<Exchange> history = new ArrayList<>();
        for (int turn = 0; turn < 40; turn++) {
            history.add(new Exchange("What about run " + turn + "?", "Run " + turn + " had 3 PE [1]. ".repeat(5)));
        }
        long generatedBefore = engine.generatedTokens();
        MiscountedWindow.on = true; // the budget believes the prompt a quarter of its size
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri("/api/v1/ask")).header("Authorization", bearer())
                    .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                            "question", "Where is the S1 area threshold set?", "history", history))))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } finally {
            MiscountedWindow.on = false;
        }

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, List<JsonNode>> events = events(response.body());
        assertThat(events.get("notice")).as(response.body()).anySatisfy(n -> assertThat(n.path("notice").asString())
                .contains("window of 4096 tokens"));
        JsonNode done = events.get("done").getFirst();
        assertThat(done.path("model").path("available").asBoolean()).isFalse();
        assertThat(done.path("answer").asString()).as("the passages").contains("config/cuts.yaml")
                .as("the model is there, so the reader is not told none runs")
                .startsWith("The language model could not answer this time; these are the passages that answer it.");
        assertThat(done.path("citations").size()).isPositive();
        assertThat(engine.generatedTokens()).as("nothing generated, nothing cut").isEqualTo(generatedBefore);
    }

    @Test
    void aClientThatClosesTheStreamStopsTheEngine() throws Exception {
        awaitIdle();
        long generatedBefore = engine.generatedTokens();
        byte[] body = "{\"question\": \"Where is the S1 area threshold set?\"}".getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/ask HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + bearer()
                    + "\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\nContent-Length: " + body.length
                    + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line = in.readLine();
            while (line != null && !line.startsWith("event:token")) {
                line = in.readLine();
            }
            assertThat(line).as("the answer began to stream").isNotNull();
        } // closed after its first piece

        awaitIdle();
        long generated = engine.generatedTokens() - generatedBefore;
        assertThat(generated).as("tokens generated of the answer's %d", budget.answerTokens()).isPositive()
                .isLessThan(budget.answerTokens() / 2);
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

    /** Server-sent events by name, their data in order. */
    private static Map<String, List<JsonNode>> events(String stream) {
        Map<String, List<JsonNode>> events = new java.util.HashMap<>();
        String event = null;
        for (String line : stream.split("\n")) {
            if (line.startsWith("event:")) {
                event = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                events.computeIfAbsent(event, e -> new ArrayList<>()).add(JSON.readTree(line.substring(5)));
            }
        }
        return events;
    }

    /** Waits until no request holds or waits for the engine (a stopped one ends at llama.cpp's next token). */
    private void awaitIdle() throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (!engine.idle() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(engine.idle()).as("the engine is idle").isTrue();
    }

    /**
     * The application's chat model, whose window, while {@link #on}, counts a quarter of the tokens and
     * cannot count whole prompts: as a budget whose count falls short of the engine's would, so that a
     * prompt reaches the engine too long for its window.
     */
    @TestConfiguration
    static class MiscountedWindow {

        static volatile boolean on;

        @Bean
        static BeanPostProcessor miscountingChatModel() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return "chatModel".equals(name) && bean instanceof ChatModel model ? new Miscounting(model) : bean;
                }
            };
        }

        private record Miscounting(ChatModel model) implements ChatModel {
            @Override
            public String name() {
                return model.name();
            }

            @Override
            public ModelStatus status() {
                return model.status();
            }

            @Override
            public ModelStatus refreshStatus() {
                return model.refreshStatus();
            }

            @Override
            public ContextWindow contextWindow() {
                ContextWindow window = model.contextWindow();
                return on ? new ContextWindow(window.tokens(), text -> window.count(text) / 4, false) : window;
            }

            @Override
            public ChatReply chat(List<ChatMessage> messages, ChatOptions options, Cancellation cancellation,
                                  Consumer<String> onToken) throws ModelUnavailableException {
                return model.chat(messages, options, cancellation, onToken);
            }
        }
    }
}
