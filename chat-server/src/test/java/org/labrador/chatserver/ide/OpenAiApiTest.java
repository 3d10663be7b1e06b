package org.labrador.chatserver.ide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.labrador.chatserver.ide.OllamaApiTest.PREFIX;
import static org.labrador.chatserver.ide.OllamaApiTest.SUFFIX;
import static org.labrador.chatserver.ide.OllamaApiTest.quote;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/** OpenAI's API as SDKs and plugins call it: the exact event sequence, objects, usage and errors. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenAiApiTest extends IdeServerTest {

    private static final String QUESTION = "{\"role\": \"user\", \"content\": \"Where is the S1 area threshold set?\"}";

    @BeforeEach
    void setUp() {
        sync();
        OLLAMA.completion("passes_s1(p.area)").tokenDelay(Duration.ZERO).failAfterTokens(-1, "");
    }

    @Test
    void modelsAreListedAsOpenAiModelObjects() {
        JsonNode list = IdeHttp.json(http().get("/v1/models"));
        assertThat(list.path("object").asString()).isEqualTo("list");
        List<String> ids = new ArrayList<>();
        for (JsonNode m : list.path("data")) {
            ids.add(m.path("id").asString());
            assertThat(m.path("object").asString()).isEqualTo("model");
            assertThat(m.path("created").asLong()).isPositive();
            assertThat(m.path("owned_by").asString()).isNotBlank();
        }
        assertThat(ids).containsAll(MODELS).contains(CHAT_MODEL + "@fixtures");
    }

    @Test
    void chatStreamsRoleFirstThenContentThenFinishThenUsageThenDone() {
        HttpResponse<String> response = http().post("/v1/chat/completions", "{\"model\": \"" + CHAT_MODEL + "\", \"stream\": true,"
                + " \"stream_options\": {\"include_usage\": true}, \"messages\": [" + QUESTION + "]}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<String> data = IdeHttp.sseData(response.body());
        assertThat(data.getLast()).isEqualTo("[DONE]");
        List<JsonNode> chunks = data.subList(0, data.size() - 1).stream().map(IdeHttp.JSON::readTree).toList();
        String id = chunks.getFirst().path("id").asString();
        assertThat(id).startsWith("chatcmpl-");
        chunks.forEach(c -> {
            assertThat(c.path("object").asString()).isEqualTo("chat.completion.chunk");
            assertThat(c.path("id").asString()).isEqualTo(id);
            assertThat(c.path("model").asString()).isEqualTo(CHAT_MODEL);
        });
        JsonNode first = chunks.getFirst().path("choices").get(0);
        assertThat(first.path("delta").path("role").asString()).isEqualTo("assistant");
        assertThat(first.path("finish_reason").isNull()).isTrue();

        JsonNode usage = chunks.getLast();
        assertThat(usage.path("choices")).isEmpty();
        assertThat(usage.path("usage").path("total_tokens").asLong())
                .isEqualTo(usage.path("usage").path("prompt_tokens").asLong() + usage.path("usage").path("completion_tokens").asLong())
                .isPositive();
        JsonNode finish = chunks.get(chunks.size() - 2).path("choices").get(0);
        assertThat(finish.path("finish_reason").asString()).isEqualTo("stop");
        assertThat(finish.path("delta").isEmpty()).isTrue();

        StringBuilder text = new StringBuilder();
        for (JsonNode c : chunks.subList(1, chunks.size() - 2)) {
            JsonNode choice = c.path("choices").get(0);
            assertThat(choice.path("finish_reason").isNull()).isTrue();
            assertThat(choice.path("delta").has("role")).isFalse();
            assertThat(c.has("usage") && c.path("usage").isNull()).as("usage: null until the last chunk").isTrue();
            text.append(choice.path("delta").path("content").asString());
        }
        assertThat(text.toString()).contains("config/cuts.yaml").contains("**Sources**").contains("/source/fixtures/analysis/event-selection.md");
    }

    @Test
    void chatWithoutStreamingIsOneChatCompletionWithUsage() {
        JsonNode completion = IdeHttp.json(http().post("/v1/chat/completions", "{\"model\": \"" + CHAT_MODEL + "\","
                + " \"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": \"Where is the S1 area threshold set?\"}]}]}"));
        assertThat(completion.path("object").asString()).isEqualTo("chat.completion");
        JsonNode choice = completion.path("choices").get(0);
        assertThat(choice.path("message").path("role").asString()).isEqualTo("assistant");
        assertThat(choice.path("message").path("content").asString()).contains("config/cuts.yaml").contains("**Sources**");
        assertThat(choice.path("finish_reason").asString()).isEqualTo("stop");
        assertThat(completion.path("usage").path("completion_tokens").asLong()).isPositive();
    }

    @Test
    void aCompletionWithSuffixIsFilledInTheMiddleAndStreamsTextCompletionChunks() {
        HttpResponse<String> response = http().post("/v1/completions", "{\"model\": \"" + CODER + "\", \"prompt\": " + quote(PREFIX)
                + ", \"suffix\": " + quote(SUFFIX) + ", \"max_tokens\": 32, \"stop\": \"\\n\", \"temperature\": 0,"
                + " \"stream\": true, \"stream_options\": {\"include_usage\": true}}");
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> data = IdeHttp.sseData(response.body());
        assertThat(data.getLast()).isEqualTo("[DONE]");
        List<JsonNode> chunks = data.subList(0, data.size() - 1).stream().map(IdeHttp.JSON::readTree).toList();
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> {
            assertThat(c.path("object").asString()).isEqualTo("text_completion");
            if (!c.path("choices").isEmpty()) {
                text.append(c.path("choices").get(0).path("text").asString());
            }
        });
        assertThat(text.toString()).isEqualTo("passes_s1(p.area)");
        assertThat(chunks.get(chunks.size() - 2).path("choices").get(0).path("finish_reason").asString()).isEqualTo("stop");
        assertThat(chunks.getLast().path("usage").path("completion_tokens").asLong()).isPositive();

        JsonNode sent = OLLAMA.generateRequests().getLast();
        assertThat(sent.path("prompt").asString()).contains("<|file_sep|>analysis/cuts.py").contains("def passes_s1(area):")
                .endsWith("<|fim_prefix|>" + PREFIX + "<|fim_suffix|>" + SUFFIX + "<|fim_middle|>");
        assertThat(sent.path("options").path("num_predict").asInt()).isEqualTo(32);
        assertThat(sent.path("options").path("temperature").asInt()).isZero();
        assertThat(sent.path("options").path("stop").get(0).asString()).isEqualTo("\n");
    }

    @Test
    void aCompletionWithoutStreamingReportsLengthWhenCutByMaxTokens() {
        OLLAMA.completion("one two three four");
        JsonNode completion = IdeHttp.json(http().post("/v1/completions", "{\"model\": \"" + CODER + "\", \"prompt\": \"x = \","
                + " \"suffix\": \"\", \"max_tokens\": 2}"));
        assertThat(completion.path("object").asString()).isEqualTo("text_completion");
        assertThat(completion.path("choices").get(0).path("text").asString()).isEqualTo("one two");
        assertThat(completion.path("choices").get(0).path("finish_reason").asString()).isEqualTo("length");
        assertThat(completion.path("usage").path("completion_tokens").asLong()).isEqualTo(2);
    }

    @Test
    void errorsHaveOpenAisShape() {
        HttpResponse<String> unknown = http().post("/v1/completions", "{\"model\": \"nope:1b\", \"prompt\": \"x\", \"suffix\": \"\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        JsonNode error = IdeHttp.json(unknown).path("error");
        assertThat(error.path("message").asString()).contains("nope:1b");
        assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(error.path("code").asString()).isEqualTo("model_not_found");
        assertThat(error.has("param")).isTrue();

        HttpResponse<String> noFim = http().post("/v1/completions", "{\"model\": \"llama3.2:3b\", \"prompt\": \"x\", \"suffix\": \"y\"}");
        assertThat(noFim.statusCode()).isEqualTo(400);
        assertThat(IdeHttp.json(noFim).path("error").path("message").asString()).contains("cannot fill in the middle");

        HttpResponse<String> broken = http().post("/v1/chat/completions", "not json");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(IdeHttp.json(broken).path("error").path("type").asString()).isEqualTo("invalid_request_error");

        HttpResponse<String> anonymous = anonymous().post("/v1/chat/completions", "{\"messages\": [" + QUESTION + "]}");
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void embeddingsAsFloatsOrBase64() {
        JsonNode floats = IdeHttp.json(http().post("/v1/embeddings", "{\"model\": \"text-embedding-3-small\", \"input\": [\"peak area\", \"drift\"]}"));
        assertThat(floats.path("object").asString()).isEqualTo("list");
        assertThat(floats.path("data")).hasSize(2);
        assertThat(floats.path("data").get(1).path("index").asInt()).isEqualTo(1);
        assertThat(floats.path("data").get(0).path("embedding")).hasSize(384);
        assertThat(floats.path("usage").path("prompt_tokens").asLong()).isPositive();

        JsonNode packed = IdeHttp.json(http().post("/v1/embeddings", "{\"model\": \"m\", \"input\": \"peak area\", \"encoding_format\": \"base64\"}"));
        byte[] bytes = Base64.getDecoder().decode(packed.path("data").get(0).path("embedding").asString());
        assertThat(bytes).hasSize(384 * 4);
        float firstValue = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getFloat();
        assertThat((double) firstValue).isCloseTo(floats.path("data").get(0).path("embedding").get(0).asDouble(),
                org.assertj.core.data.Offset.offset(1e-6));
    }
}
