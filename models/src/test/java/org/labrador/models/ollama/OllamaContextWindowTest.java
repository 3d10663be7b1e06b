package org.labrador.models.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.labrador.models.ChatOptions;
import org.labrador.models.ContextWindow;
import org.labrador.models.ollama.testing.OllamaProtocolServer;
import org.labrador.models.ollama.testing.PromptWindow;
import tools.jackson.databind.JsonNode;

/**
 * Issue 17: the chat model knows its window (the trained context length from {@code /api/show}),
 * counts tokens with an estimate that does not fall short of a tokenizer's count, and runs each
 * request with the window and answer length asked for.
 */
class OllamaContextWindowTest {

    private final OllamaProtocolServer server = OllamaProtocolServer.start();
    private final OllamaChat chat = new OllamaChat(OllamaSettings.of(server.baseUrl(), "qwen2.5:3b"));

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void theWindowIsTheModelsTrainedContextLengthReadOnce() {
        server.contextLength("qwen2.5:3b", 12_288);

        ContextWindow window = chat.contextWindow();
        assertThat(window.tokens()).isEqualTo(12_288);
        assertThat(window.exact()).as("Ollama has no tokenizer endpoint: an estimate").isFalse();

        chat.contextWindow();
        assertThat(server.requests()).filteredOn(r -> r.path().equals("/api/show")).as("kept per model").hasSize(1);
    }

    @Test
    void withoutAnAnswerTheWindowIsOllamasDefaultAndTheServerIsAskedAgain() {
        server.models("llama3.2:latest"); // not the configured model: /api/show answers 404

        assertThat(chat.contextWindow().tokens()).isEqualTo(OllamaChat.DEFAULT_CONTEXT_LENGTH);

        server.models("llama3.2:latest", "qwen2.5:3b"); // the user pulls it
        assertThat(chat.contextWindow().tokens()).isEqualTo(server.contextLengthOf("qwen2.5:3b")).isEqualTo(32_768);
    }

    @Test
    void eachRequestCarriesTheWindowAndTheAnswerLengthAskedFor() throws Exception {
        chat.chat(List.of(ChatMessage.user("What is the trigger rate?")), new ChatOptions(8192, 512), new Cancellation(),
                token -> { });
        JsonNode options = server.chatRequests().getLast().path("options");
        assertThat(options.path("num_ctx").asInt()).isEqualTo(8192);
        assertThat(options.path("num_predict").asInt()).isEqualTo(512);
        assertThat(server.lastPromptFit().numCtx()).isEqualTo(8192);

        chat.chat(List.of(ChatMessage.user("And the rate after the cuts?")), token -> { });
        assertThat(server.chatRequests().getLast().path("options").path("num_ctx").isMissingNode())
                .as("without options, none are sent").isTrue();
    }

    @Test
    void theEstimateIsNeverBelowATokenizersCount() {
        List<String> texts = List.of(
                "The S1 area threshold is set in config/cuts.yaml under s1_area_min; the S2 one in the same file.",
                "Wo wird die Schwelle für die S1-Fläche gesetzt? Größe, Maßstab und Übergänge prüfen.",
                "def passes_s1(area):\n    \"\"\"True when a peak is large enough.\"\"\"\n    return area >= S1_AREA_MIN  # PE\n",
                "x = 1, y = 22, z = 333\n| run | 2024-05-01 | 1234567.89 | 0.0031 |\n|-----|------|\n",
                "$$E = mc^2$$ and \\int_0^\\infty e^{-x^2} dx = \\frac{\\sqrt{\\pi}}{2}, with α ≤ β → ∞ ",
                "探测器的触发率是多少？ 日本語のテキスト、絵文字 🙂 も。",
                "internationalization antidisestablishmentarianism Donaudampfschifffahrtsgesellschaft",
                "    indented\n\n\n\t\ttabs   and   spaces 7 8 9 ");
        for (String text : texts) {
            assertThat(chat.contextWindow().count(text)).as(text).isGreaterThanOrEqualTo(PromptWindow.countTokens(text));
        }
        // An estimate that errs high, not one that gives up: prose is not counted as one token per character.
        String prose = texts.getFirst();
        assertThat(TokenEstimate.of(prose)).isLessThan(prose.length() / 2);
    }

    @Test
    void showCarriesModelInfoWithTheContextLength() throws Exception {
        server.models("qwen2.5:3b", "llama3.2:3b");
        var show = new OllamaModels(server.baseUrl(), java.time.Duration.ofSeconds(2)).show("llama3.2:3b").orElseThrow();

        assertThat(show.get("model_info")).isInstanceOfSatisfying(java.util.Map.class, info -> {
            assertThat(info.get("general.architecture")).isEqualTo("llama");
            assertThat(info.get("llama.context_length")).isEqualTo(131_072);
        });
    }
}
