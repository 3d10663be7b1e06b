package org.labrador.chatserver.ide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labrador.chatserver.ask.SearchController;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * Issue 12, item 6: a question's cost grows faster than its length, so questions, prompts and
 * request bodies are capped ({@code labrador.limits}, defaults 8000 characters, 64000 characters and
 * 1 MB), refused in each protocol's error shape before any work is done for them; and a streamed
 * answer stops being generated when its reader goes away.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InputLimitsAttackTest extends IdeServerTest {

    private static final String LONG_QUESTION = "Where is the S1 area threshold set? ".repeat(230); // 8280 characters
    private static final String LONG_CODE = "x = 1\n".repeat(12_000); // 72000 characters
    private static final String LONG_REPLY = "The threshold is set in the cuts file, read it. ".repeat(60);

    @Autowired
    SearchController search;

    @BeforeEach
    void setUp() {
        sync();
    }

    @AfterEach
    void reset() {
        OLLAMA.reply(IdeServerTest::citingReply).tokenDelay(Duration.ZERO);
    }

    @Test
    void aQuestionOverTheLimitIsA400InEachShapeBeforeAnyModelCall() {
        int before = OLLAMA.requests().size();
        String messages = "[{\"role\": \"user\", \"content\": \"" + LONG_QUESTION + "\"}]";

        HttpResponse<String> labrador = http().post("/api/v1/ask", "{\"question\": \"" + LONG_QUESTION + "\"}");
        assertThat(labrador.statusCode()).isEqualTo(400);
        assertThat(IdeHttp.json(labrador).path("error").asString()).contains("question-chars");

        HttpResponse<String> streamed = http().send(http().request("/api/v1/ask").header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"" + LONG_QUESTION + "\"}")).build());
        assertThat(streamed.statusCode()).isEqualTo(400);
        assertThat(IdeHttp.json(streamed).path("error").asString()).contains("question-chars");

        HttpResponse<String> ollama = http().post("/api/chat", "{\"model\": \"" + CHAT_MODEL + "\", \"messages\": " + messages + "}");
        assertThat(ollama.statusCode()).isEqualTo(400);
        assertThat(IdeHttp.json(ollama).path("error").asString()).contains("question-chars");

        HttpResponse<String> openAi = http().post("/v1/chat/completions", "{\"model\": \"" + CHAT_MODEL + "\", \"messages\": " + messages + "}");
        assertThat(openAi.statusCode()).isEqualTo(400);
        assertThat(IdeHttp.json(openAi).path("error").path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(IdeHttp.json(openAi).path("error").path("message").asString()).contains("question-chars");

        assertThatThrownBy(() -> search.search(LONG_QUESTION, 10, "hybrid", null, "documents"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("question-chars");
        assertThat(OLLAMA.requests().subList(before, OLLAMA.requests().size()))
                .as("the model server was not asked anything").noneMatch(r -> r.method().equals("POST"));
    }

    @Test
    void aConversationOrCodeOverThePromptLimitIsA400InEachShape() {
        int before = OLLAMA.requests().size();
        StringBuilder history = new StringBuilder("[");
        for (int i = 0; i < 10; i++) {
            history.append("{\"role\": \"user\", \"content\": \"").append("why? ".repeat(1400)).append("\"},")
                    .append("{\"role\": \"assistant\", \"content\": \"because.\"},");
        }
        history.append("{\"role\": \"user\", \"content\": \"Where is the S1 area threshold set?\"}]");
        HttpResponse<String> chat = http().post("/api/chat", "{\"model\": \"" + CHAT_MODEL + "\", \"messages\": " + history + "}");
        assertThat(chat.statusCode()).isEqualTo(400);
        assertThat(IdeHttp.json(chat).path("error").asString()).contains("prompt-chars");

        String code = IdeHttp.JSON.writeValueAsString(LONG_CODE);
        HttpResponse<String> generate = http().post("/api/generate",
                "{\"model\": \"" + CODER + "\", \"prompt\": " + code + ", \"suffix\": \"\\n\"}");
        assertThat(generate.statusCode()).isEqualTo(400);
        assertThat(IdeHttp.json(generate).path("error").asString()).contains("prompt-chars");

        HttpResponse<String> completions = http().post("/v1/completions",
                "{\"model\": \"" + CODER + "\", \"prompt\": " + code + ", \"suffix\": \"\\n\"}");
        assertThat(completions.statusCode()).isEqualTo(400);
        assertThat(IdeHttp.json(completions).path("error").path("message").asString()).contains("prompt-chars");

        HttpResponse<String> infill = http().post("/infill", "{\"input_prefix\": " + code + ", \"input_suffix\": \"\\n\"}");
        assertThat(infill.statusCode()).isEqualTo(400);
        JsonNode error = IdeHttp.json(infill).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(400);
        assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(error.path("message").asString()).contains("prompt-chars");

        assertThat(OLLAMA.requests().subList(before, OLLAMA.requests().size()))
                .as("the model server was not asked anything").noneMatch(r -> r.method().equals("POST"));
    }

    @Test
    void aBodyOverTheLimitIsA413InEachShapeWithOrWithoutALength() {
        String padding = "x".repeat(1_200_000);
        String body = "{\"model\": \"" + CHAT_MODEL + "\", \"pad\": \"" + padding + "\", \"messages\": []}";

        HttpResponse<String> ollama = http().post("/api/chat", body);
        assertThat(ollama.statusCode()).isEqualTo(413);
        assertThat(IdeHttp.json(ollama).path("error").asString()).contains("request-bytes");

        HttpResponse<String> labrador = http().post("/api/v1/ask", "{\"question\": \"" + padding + "\"}");
        assertThat(labrador.statusCode()).isEqualTo(413);
        assertThat(IdeHttp.json(labrador).path("error").isString()).isTrue();

        HttpResponse<String> openAi = http().post("/v1/chat/completions", body);
        assertThat(openAi.statusCode()).isEqualTo(413);
        assertThat(IdeHttp.json(openAi).path("error").path("message").asString()).contains("request-bytes");

        // Chunked: no Content-Length to judge by, so the body is read up to the limit and no further.
        HttpResponse<String> chunked = http().send(http().request("/infill").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))).build());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(IdeHttp.json(chunked).path("error").path("code").asInt()).isEqualTo(413);
    }

    @Test
    void aStreamedChatStopsGeneratingWhenItsReaderLeaves() throws Exception {
        OLLAMA.reply(LONG_REPLY).tokenDelay(Duration.ofMillis(30));
        String messages = "[{\"role\": \"user\", \"content\": \"Where is the S1 area threshold set?\"}]";

        readTwoLinesAndLeave(http().postStreaming("/api/chat", "{\"model\": \"" + CHAT_MODEL + "\", \"messages\": " + messages + "}"));
        readTwoLinesAndLeave(http().postStreaming("/v1/chat/completions",
                "{\"model\": \"" + CHAT_MODEL + "\", \"stream\": true, \"messages\": " + messages + "}"));
        HttpResponse<InputStream> sse = http().send(http().request("/api/v1/ask").header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"Where is the S1 area threshold set?\"}")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        readTwoLinesAndLeave(sse);
    }

    /** Reads the first lines of a stream, closes it, and waits for the model server to see its reply abandoned. */
    private static void readTwoLinesAndLeave(HttpResponse<InputStream> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(200);
        int abandoned = OLLAMA.abandonedStreams();
        try (InputStream body = response.body()) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            int lines = 0;
            while (lines < 2) {
                String line = reader.readLine();
                assertThat(line).as("the stream goes on").isNotNull();
                if (!line.isBlank()) {
                    lines++;
                }
            }
        }
        // Reading the whole reply would take 30 ms x 600 tokens; it is abandoned long before.
        waitUntil(() -> OLLAMA.abandonedStreams() > abandoned, Duration.ofSeconds(10),
                "the model server's reply was abandoned");
    }

    static void waitUntil(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
