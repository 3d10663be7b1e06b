package org.labrador.models.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.labrador.models.ChatOptions;
import org.labrador.models.ollama.Cancellation;
import org.labrador.models.ollama.ChatMessage;
import org.labrador.models.ollama.ChatReply;
import org.labrador.models.ollama.ModelStatus;
import org.labrador.models.ollama.ModelUnavailableException;
import org.labrador.models.openai.testing.OpenAiProtocolServer;

/** Chat with a model on an OpenAI-compatible server (vLLM, llama.cpp's server) as Labrador's answers do. */
class OpenAiChatTest {

    private static final String MODEL = "Qwen/Qwen2.5-7B-Instruct";
    private final OpenAiProtocolServer server = OpenAiProtocolServer.start().models(MODEL);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void streamsTheReplyInPiecesWithTheCounts() throws Exception {
        server.reply("The drift field is 23 V/cm [1].");
        OpenAiChat chat = new OpenAiChat(OpenAiSettings.of(server.baseUrl(), MODEL));
        List<String> pieces = new ArrayList<>();
        ChatReply reply = chat.chat(List.of(ChatMessage.system("Answer from the sources."),
                ChatMessage.user("What is the drift field?")), new ChatOptions(0, 64), new Cancellation(), pieces::add);

        assertThat(pieces).hasSizeGreaterThan(3);
        assertThat(String.join("", pieces)).isEqualTo("The drift field is 23 V/cm [1].").isEqualTo(reply.text());
        assertThat(reply.completionTokens()).isEqualTo(pieces.size());
        assertThat(reply.promptTokens()).isPositive();
        var sent = server.requests().getLast();
        assertThat(sent.path("stream").asBoolean()).isTrue();
        assertThat(sent.path("max_tokens").asInt(sent.path("max_completion_tokens").asInt())).isEqualTo(64);
        assertThat(sent.path("messages").get(0).path("role").asString()).isEqualTo("system");
        assertThat(sent.path("messages").get(1).path("content").asString()).isEqualTo("What is the drift field?");
    }

    @Test
    void aCancellationClosesTheStreamAndKeepsTheTextSoFar() throws Exception {
        server.reply("word ".repeat(200)).tokenDelay(Duration.ofMillis(20));
        OpenAiChat chat = new OpenAiChat(OpenAiSettings.of(server.baseUrl(), MODEL));
        Cancellation cancellation = new Cancellation();
        List<String> pieces = new ArrayList<>();
        long started = System.nanoTime();
        ChatReply reply = chat.chat(List.of(ChatMessage.user("Talk")), ChatOptions.DEFAULTS, cancellation, piece -> {
            pieces.add(piece);
            if (pieces.size() == 5) {
                cancellation.cancel(Cancellation.Reason.CLIENT_GONE);
            }
        });

        assertThat(cancellation.isCancelled()).isTrue();
        // What had arrived before the cancellation may still be handed over; nothing after it.
        assertThat(reply.text()).startsWith("word ".repeat(5)).hasSizeLessThan("word ".repeat(200).length() / 2);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server.abandonedStreams() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(server.abandonedStreams()).as("the server noticed the closed connection").isEqualTo(1);
        assertThat(server.answered()).isZero();
    }

    @Test
    void theStatusSaysWhatIsWrongAndHowToFixIt() {
        assertThat(new OpenAiChat(OpenAiSettings.of(server.baseUrl(), MODEL)).status().ready()).isTrue();

        ModelStatus missing = new OpenAiChat(OpenAiSettings.of(server.baseUrl(), "llama-3-70b")).status();
        assertThat(missing.state()).isEqualTo(ModelStatus.State.MODEL_MISSING);
        assertThat(missing.notice()).contains("llama-3-70b").contains(MODEL);

        server.apiKey("sk-right");
        ModelStatus refused = new OpenAiChat(new OpenAiSettings(server.baseUrl(), MODEL, "sk-wrong", 0, null, null)).status();
        assertThat(refused.ready()).isFalse();
        assertThat(refused.notice()).contains("refused").contains("api-key-env").doesNotContain("sk-wrong");
        assertThat(new OpenAiChat(new OpenAiSettings(server.baseUrl(), MODEL, "sk-right", 0, null, null)).status().ready())
                .isTrue();

        ModelStatus gone = new OpenAiChat(OpenAiSettings.of("http://127.0.0.1:9/v1", MODEL)).status();
        assertThat(gone.state()).isEqualTo(ModelStatus.State.UNREACHABLE);
        assertThat(gone.notice()).contains("http://127.0.0.1:9/v1");
    }

    @Test
    void failuresBecomeModelUnavailableWithTheReason() {
        OpenAiChat missing = new OpenAiChat(OpenAiSettings.of(server.baseUrl(), "no-such-model"));
        assertThatThrownBy(() -> missing.chat(List.of(ChatMessage.user("Hi")), ChatOptions.DEFAULTS, new Cancellation(),
                piece -> { }))
                .isInstanceOf(ModelUnavailableException.class)
                .satisfies(e -> assertThat(((ModelUnavailableException) e).status()).hasValueSatisfying(
                        s -> assertThat(s.state()).isEqualTo(ModelStatus.State.MODEL_MISSING)));

        server.failWith(500);
        OpenAiChat failing = new OpenAiChat(OpenAiSettings.of(server.baseUrl(), MODEL));
        assertThatThrownBy(() -> failing.chat(List.of(ChatMessage.user("Hi")), ChatOptions.DEFAULTS, new Cancellation(),
                piece -> { }))
                .isInstanceOf(ModelUnavailableException.class).hasMessageContaining("500");
    }

    @Test
    void theWindowIsTheConfiguredOneAndCountsHigh() {
        OpenAiChat chat = new OpenAiChat(new OpenAiSettings(server.baseUrl(), MODEL, null, 32768, null, null));
        assertThat(chat.contextWindow().tokens()).isEqualTo(32768);
        assertThat(chat.contextWindow().exact()).isFalse();
        // English prose runs near four characters a token: the estimate must not count fewer.
        String prose = "The time projection chamber measures the drift time of the electrons. ".repeat(20);
        assertThat(chat.contextWindow().count(prose)).isGreaterThanOrEqualTo(prose.length() / 4);
    }
}
