package org.labrador.models.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.labrador.models.ollama.Cancellation;
import org.labrador.models.ollama.GenerateRequest;
import org.labrador.models.ollama.GenerateResult;
import org.labrador.models.ollama.OllamaStatusException;
import org.labrador.models.openai.testing.OpenAiProtocolServer;

/** Code completion from an OpenAI-compatible server's {@code /v1/completions}, as the IDE endpoints use it. */
class OpenAiGenerateTest {

    private static final String MODEL = "Qwen/Qwen2.5-Coder-1.5B";
    private final OpenAiProtocolServer server = OpenAiProtocolServer.start().models(MODEL);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void sendsTheRawPromptWithOllamasOptionsTranslatedAndStreamsTheCompletion() throws Exception {
        server.reply("return a + b\n");
        OpenAiGenerate generate = new OpenAiGenerate(OpenAiSettings.of(server.baseUrl(), "unused"));
        String fim = "<|fim_prefix|>def add(a, b):\n    <|fim_suffix|>\n<|fim_middle|>";
        List<String> pieces = new ArrayList<>();
        GenerateResult result = generate.generate(GenerateRequest.raw(MODEL, fim,
                Map.of("num_predict", 48, "stop", List.of("<|endoftext|>", "\n\n"), "temperature", 0.2)),
                new Cancellation(), pieces::add);

        assertThat(result.text()).isEqualTo("return a + b\n").isEqualTo(String.join("", pieces));
        assertThat(result.doneReason()).isEqualTo("stop");
        assertThat(result.stoppedEarly()).isFalse();
        assertThat(result.evalCount()).isEqualTo(pieces.size());
        var sent = server.requests().getLast();
        assertThat(sent.path("prompt").asString()).isEqualTo(fim);
        assertThat(sent.path("model").asString()).isEqualTo(MODEL);
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(48);
        assertThat(sent.path("stop").toString()).contains("<|endoftext|>");
        assertThat(sent.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(sent.path("stream").asBoolean()).isTrue();
    }

    @Test
    void aTimeBudgetStopsTheStreamAtOnce() throws Exception {
        server.reply("x ".repeat(500)).tokenDelay(Duration.ofMillis(20));
        OpenAiGenerate generate = new OpenAiGenerate(OpenAiSettings.of(server.baseUrl(), "unused"));
        long started = System.nanoTime();
        GenerateResult result = generate.generate(GenerateRequest.raw(MODEL, "def f():", Map.of()),
                new Cancellation().cancelAfter(Duration.ofMillis(300)), piece -> { });

        assertThat(result.stoppedBy()).isEqualTo(Cancellation.Reason.TIME_BUDGET);
        assertThat(result.doneReason()).isEqualTo("length");
        assertThat(result.text()).isNotEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server.abandonedStreams() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(server.abandonedStreams()).isEqualTo(1);
    }

    @Test
    void anUnknownModelIsA404AsOllamaClientsExpect() {
        OpenAiGenerate generate = new OpenAiGenerate(OpenAiSettings.of(server.baseUrl(), "unused"));
        assertThatThrownBy(() -> generate.generate(GenerateRequest.raw("starcoder2:3b", "x", Map.of()),
                new Cancellation(), piece -> { }))
                .isInstanceOf(OllamaStatusException.class)
                .satisfies(e -> assertThat(((OllamaStatusException) e).httpStatus()).isEqualTo(404))
                .hasMessageContaining("starcoder2:3b");
    }
}
