package org.labrador.chatserver.ide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * The request bodies Continue's and Zed's Ollama providers send (files under {@code ide/}, see its
 * README), replayed as they are: whatever way the plugin asks (a {@code suffix}, or a raw prompt in
 * the family's tokens), the prompt reaching the model is in that family's tokens and carries the
 * repository's definition, and nothing of a source the caller may not read.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReplayedClientRequestsTest extends IdeServerTest {

    @BeforeEach
    void setUp() {
        sync();
        OLLAMA.completion("passes_s1(p.area)");
    }

    static Stream<Arguments> requests() {
        List<String> qwen = List.of("<|repo_name|>analysis\n<|file_sep|>analysis/cuts.py\n", "<|fim_prefix|>",
                "<|fim_suffix|>", "<|fim_middle|>");
        List<String> commented = List.of("# Path: analysis/cuts.py\n", "# def passes_s1(area):\n");
        return Stream.of(
                Arguments.of("continue-ollama-fim-suffix.json", concat(qwen, List.of(
                        "<|file_sep|>analysis/selection.py\n<|fim_prefix|># analysis/selection.py\n"))),
                Arguments.of("continue-ollama-raw-qwen.json", qwen),
                Arguments.of("continue-ollama-raw-codestral.json", concat(commented, List.of("[SUFFIX]]\n[PREFIX]# Path:",
                        "+++++ analysis/selection.py\nfrom analysis.cuts"))),
                Arguments.of("zed-ollama-raw-qwen.json", qwen),
                Arguments.of("zed-ollama-raw-codellama.json", concat(commented, List.of("<PRE> # Path:", " <SUF>]\n <MID>"))),
                Arguments.of("zed-ollama-raw-deepseek.json", concat(commented, List.of("<｜fim▁begin｜># Path:",
                        "<｜fim▁hole｜>]\n<｜fim▁end｜>"))),
                Arguments.of("zed-ollama-raw-starcoder2.json", List.of("<repo_name>analysis\n<file_sep>analysis/cuts.py\n",
                        "<fim_prefix>", "<fim_suffix>]\n<fim_middle>")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void thePromptHasTheFamilysTokensAndTheRepositoryContext(String fixture, List<String> expected) {
        String body = fixture(fixture);
        JsonNode request = IdeHttp.JSON.readTree(body);
        HttpResponse<String> response = http().post("/api/generate", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String text = request.path("stream").asBoolean(true)
                ? IdeHttp.ndjson(response.body()).stream().map(l -> l.path("response").asString()).reduce("", String::concat)
                : IdeHttp.json(response).path("response").asString();
        assertThat(text).isEqualTo("passes_s1(p.area)");

        JsonNode sent = OLLAMA.generateRequests().getLast();
        String prompt = sent.path("prompt").asString();
        assertThat(sent.path("raw").asBoolean()).isTrue();
        assertThat(prompt).contains(expected).contains("def passes_s1(area):").contains("S1_AREA_MIN")
                .contains(OllamaApiTest.PREFIX).doesNotContain(LZ_SECRET);
        // The plugin's own options arrive, with the family's stop tokens added.
        assertThat(sent.path("options").path("num_predict").asInt())
                .isEqualTo(request.path("options").path("num_predict").asInt());
        assertThat(sent.path("options").path("stop").size()).isGreaterThanOrEqualTo(request.path("options").path("stop").size());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    private static String fixture(String name) {
        try (InputStream in = ReplayedClientRequestsTest.class.getResourceAsStream("/ide/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
