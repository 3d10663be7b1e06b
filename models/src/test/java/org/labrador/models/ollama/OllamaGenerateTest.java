package org.labrador.models.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import io.prometheus.client.CollectorRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.labrador.models.ollama.testing.OllamaProtocolServer;
import org.labrador.models.ollama.testing.PromptWindow;
import tools.jackson.databind.JsonNode;

class OllamaGenerateTest {

    private static final String CODER = "qwen2.5-coder:1.5b";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final OllamaProtocolServer server = OllamaProtocolServer.start().models(CODER);
    private final OllamaGenerate generate = new OllamaGenerate(server.baseUrl(), Duration.ofSeconds(2));

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void rawPromptOptionsAndKeepAliveReachTheServerAndTheStreamJoinsToTheText() throws Exception {
        server.completion("area >= S1_AREA_MIN\n<|endoftext|> garbage");
        List<String> pieces = new ArrayList<>();
        GenerateRequest request = new GenerateRequest(CODER, "<|fim_prefix|>return <|fim_suffix|>\n<|fim_middle|>",
                null, true, null, Map.of("stop", List.of("<|endoftext|>"), "num_predict", 64, "temperature", 0.2), "30m");

        GenerateResult result = generate.generate(request, new Cancellation(), pieces::add);

        assertThat(String.join("", pieces)).isEqualTo("area >= S1_AREA_MIN\n").isEqualTo(result.text());
        assertThat(result.doneReason()).isEqualTo("stop");
        assertThat(result.evalCount()).isEqualTo(PromptWindow.countTokens("area >= S1_AREA_MIN\n"));
        assertThat(result.totalDuration()).isPositive();
        assertThat(result.stoppedEarly()).isFalse();
        JsonNode sent = server.generateRequests().getLast();
        assertThat(sent.path("prompt").asString()).isEqualTo(request.prompt());
        assertThat(sent.path("raw").asBoolean()).isTrue();
        assertThat(sent.path("stream").asBoolean()).isTrue();
        assertThat(sent.path("keep_alive").asString()).isEqualTo("30m");
        assertThat(sent.path("options").path("num_predict").asInt()).isEqualTo(64);
        assertThat(sent.path("options").path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(sent.path("options").path("stop").get(0).asString()).isEqualTo("<|endoftext|>");
        assertThat(sent.has("suffix")).isFalse();
    }

    @Test
    void numPredictEndsWithLengthAndSuffixIsPassedOn() throws Exception {
        server.completion("one two three four five");
        GenerateRequest request = new GenerateRequest(CODER, "def f(", ")", false, null, Map.of("num_predict", 2), null);

        GenerateResult result = generate.generate(request, new Cancellation(), t -> { });

        assertThat(result.text()).isEqualTo("one two");
        assertThat(result.doneReason()).isEqualTo("length");
        assertThat(server.generateRequests().getLast().path("suffix").asString()).isEqualTo(")");
    }

    @Test
    void cancellingAbortsTheExchangeAndKeepsTheTextSoFar() throws Exception {
        server.completion("a b c d e f g h i j k l m n o p").tokenDelay(Duration.ofMillis(50));
        Cancellation cancellation = new Cancellation();

        GenerateResult result = generate.generate(GenerateRequest.raw(CODER, "x", Map.of()), cancellation, token -> {
            if (token.strip().equals("c")) {
                cancellation.cancel(Cancellation.Reason.SUPERSEDED);
            }
        });

        assertThat(result.stoppedBy()).isEqualTo(Cancellation.Reason.SUPERSEDED);
        assertThat(result.doneReason()).isEqualTo("cancelled");
        assertThat(result.text()).isEqualTo("a b c");
        assertThat(server.awaitAbandonedStreams(1, WAIT)).as("the server saw the client go").isTrue();
    }

    @Test
    void cancellingWhileTheModelReadsThePromptClosesTheConnection() throws Exception {
        server.answerDelay(Duration.ofSeconds(1)).completion("a b c d e f g h i j k l m n o p")
                .tokenDelay(Duration.ofMillis(20));
        Cancellation cancellation = new Cancellation();
        Thread.ofVirtual().start(() -> {
            if (server.awaitRequests("/api/generate", 1, WAIT)) {
                cancellation.cancel(Cancellation.Reason.CLIENT_GONE); // e.g. the IDE closed its request
            }
        });
        List<String> pieces = new ArrayList<>();

        GenerateResult result = generate.generate(GenerateRequest.raw(CODER, "x", Map.of()), cancellation, pieces::add);

        assertThat(result.stoppedBy()).isEqualTo(Cancellation.Reason.CLIENT_GONE);
        assertThat(result.text()).isEmpty();
        assertThat(pieces).isEmpty();
        assertThat(server.abandonedStreams()).as("returned before Ollama began to answer").isZero();
        assertThat(server.awaitAbandonedStreams(1, WAIT)).as("the server saw the client go").isTrue();
    }

    @Test
    void anExceptionFromTheTokenConsumerClosesTheConnectionAndPropagates() {
        server.completion("a b c d e f g h i j k l m n o p").tokenDelay(Duration.ofMillis(20));
        IllegalStateException gone = new IllegalStateException("the editor closed the connection");
        List<String> pieces = new ArrayList<>();

        assertThatThrownBy(() -> generate.generate(GenerateRequest.raw(CODER, "x", Map.of()), new Cancellation(), t -> {
            pieces.add(t);
            if (pieces.size() == 2) {
                throw gone;
            }
        })).isSameAs(gone);
        assertThat(pieces).containsExactly("a", " b");
        assertThat(server.awaitAbandonedStreams(1, WAIT)).as("the server saw the client go").isTrue();
    }

    @Test
    void eachStreamedLineIsOnePieceInOrder() throws Exception {
        server.completion("def area(self):\n\treturn self.w * self.h");
        List<String> pieces = new ArrayList<>();

        GenerateResult result = generate.generate(GenerateRequest.raw(CODER, "x", Map.of()), new Cancellation(), pieces::add);

        assertThat(pieces).containsExactly("def", " area", "(self", "):\n", "\tretur", "n", " self", ".w", " *", " self",
                ".h");
        assertThat(String.join("", pieces)).isEqualTo(result.text());
        assertThat(result.model()).isEqualTo(CODER);
        assertThat(result.evalCount()).isEqualTo(11);
    }

    @Test
    void aSuffixGoesToOllamasOwnTemplateNotRawWithKeepAliveInSeconds() throws Exception {
        server.completion("x + y");
        GenerateRequest request = new GenerateRequest(CODER, "def add(x, y):\n    return ", "\n\nprint(add(1, 2))",
                false, null, Map.of("num_ctx", 4096, "temperature", 0), 300);

        generate.generate(request, new Cancellation(), t -> { });

        JsonNode sent = server.generateRequests().getLast();
        assertThat(sent.path("model").asString()).isEqualTo(CODER);
        assertThat(sent.path("prompt").asString()).isEqualTo(request.prompt());
        assertThat(sent.path("suffix").asString()).isEqualTo(request.suffix());
        assertThat(sent.path("raw").asBoolean(false)).isFalse();
        assertThat(sent.path("stream").asBoolean()).isTrue();
        assertThat(sent.path("think").asBoolean(false)).isFalse();
        assertThat(sent.has("system")).isFalse();
        assertThat(sent.path("options").path("num_ctx").asInt()).isEqualTo(4096);
        assertThat(sent.path("keep_alive").asString()).isEqualTo("300s");
    }

    @Test
    void aTimeBudgetStopsAGenerationThatHasNotStartedStreaming() throws Exception {
        server.completion("slow").tokenDelay(Duration.ofSeconds(3));
        long started = System.nanoTime();

        GenerateResult result = generate.generate(GenerateRequest.raw(CODER, "x", Map.of()),
                new Cancellation().cancelAfter(Duration.ofMillis(200)), t -> { });

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
        assertThat(result.stoppedBy()).isEqualTo(Cancellation.Reason.TIME_BUDGET);
        assertThat(result.doneReason()).isEqualTo("length");
        assertThat(result.text()).isEmpty();
    }

    @Test
    void errorsCarryOllamasMessageAndStatus() {
        OllamaStatusException missing = catchThrowableOfType(OllamaStatusException.class,
                () -> generate.generate(GenerateRequest.raw("nope:1b", "x", Map.of()), new Cancellation(), t -> { }));
        assertThat(missing.httpStatus()).isEqualTo(404);
        assertThat(missing.getMessage()).contains("model 'nope:1b' not found");

        server.completion("a b c d").failAfterTokens(2, "the model crashed");
        ModelUnavailableException midStream = catchThrowableOfType(ModelUnavailableException.class,
                () -> generate.generate(GenerateRequest.raw(CODER, "x", Map.of()), new Cancellation(), t -> { }));
        // ollama4j 1.1.6 skips the error line (it has no field it knows), dropping Ollama's text:
        // the message can only say that Ollama reported an error, and where to look.
        assertThat(midStream).isNotInstanceOf(OllamaStatusException.class);
        assertThat(midStream.getMessage()).isEqualTo("Ollama reported an error while " + CODER + " was generating"
                + " (after 2 pieces of text); the Ollama server log has the details.");
    }

    @Test
    void whatClientsSendLeavesNothingBehindInOllama4jsMetrics() throws Exception {
        // ollama4j's Ollama.generate records every call in a static Prometheus registry, labelled
        // with the model name and the options as given, and never forgets a label: a client that
        // varied them would grow the heap without bound.
        String seed = Long.toString(System.nanoTime());
        String model = "absent-" + seed + ":1b";
        catchThrowableOfType(OllamaStatusException.class, () -> generate.generate(
                new GenerateRequest(model, "x", null, true, null, Map.of("seed", seed), null), new Cancellation(), t -> { }));
        generate.generate(new GenerateRequest(CODER, "x", null, true, null, Map.of("seed", seed), null),
                new Cancellation(), t -> { });

        List<String> labelValues = new ArrayList<>();
        Collections.list(CollectorRegistry.defaultRegistry.metricFamilySamples())
                .forEach(family -> family.samples.forEach(sample -> labelValues.addAll(sample.labelValues)));
        assertThat(labelValues).noneMatch(value -> value.contains(seed));
    }

    @Test
    void anErrorBeforeTheStreamCarriesOllamasText() {
        server.failAfterTokens(0, "model requires more system memory (5.6 GiB) than is available (3.1 GiB)");

        ModelUnavailableException e = catchThrowableOfType(ModelUnavailableException.class,
                () -> generate.generate(GenerateRequest.raw(CODER, "x", Map.of()), new Cancellation(), t -> { }));

        assertThat(e).isNotInstanceOf(OllamaStatusException.class); // the model is there: not a 404
        assertThat(e.getMessage()).isEqualTo("Ollama refused to generate with " + CODER
                + ": model requires more system memory (5.6 GiB) than is available (3.1 GiB)");
    }

    @Test
    void noServerSaysHowToStartOne() throws Exception {
        String url;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            url = "http://127.0.0.1:" + free.getLocalPort();
        }
        OllamaGenerate nowhere = new OllamaGenerate(url, Duration.ofSeconds(2));

        assertThatThrownBy(() -> nowhere.generate(GenerateRequest.raw(CODER, "x", Map.of()), new Cancellation(), t -> { }))
                .isInstanceOf(ModelUnavailableException.class)
                .hasMessage("No Ollama server answers at " + url + ". Start one with `ollama serve`, or set"
                        + " labrador.ollama.base-url.");
    }

    @Test
    void modelsAreListedWithEveryFieldAndShownWithTheirTemplate() throws Exception {
        OllamaModels models = new OllamaModels(server.baseUrl(), Duration.ofSeconds(2));
        InstalledModel listed = models.list().getFirst();
        assertThat(listed.name()).isEqualTo(CODER);
        assertThat(listed.modifiedAt()).isNotBlank();
        assertThat(listed.digest()).hasSize(64);
        assertThat(listed.details().family()).isEqualTo("qwen2.5-coder");
        assertThat(listed.details().quantizationLevel()).isEqualTo("Q4_K_M");
        Map<String, Object> shown = models.show(CODER).orElseThrow();
        assertThat(shown.get("template").toString()).contains(".Suffix");
        assertThat(shown.get("capabilities")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .containsExactly("completion", "insert");
        assertThat(shown.get("details")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("family", "qwen2.5-coder").containsEntry("format", "gguf");
        assertThat(models.show("absent:1b")).isEmpty();
    }

}
