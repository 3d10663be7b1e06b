package org.labrador.models.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.labrador.models.ollama.ModelStatus.State;
import org.labrador.models.ollama.testing.OllamaProtocolServer.Message;
import org.labrador.models.ollama.testing.OllamaProtocolServer;
import org.labrador.models.ollama.testing.PromptWindow;
import tools.jackson.databind.JsonNode;

class OllamaChatTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ANSWER = "The sky is blue because air scatters short wavelengths more strongly.";

    private final OllamaProtocolServer server = OllamaProtocolServer.start();
    private final OllamaChat chat = new OllamaChat(OllamaSettings.of(server.baseUrl(), "qwen2.5:3b"));

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void deltasArriveInOrderAsTheyAreStreamedAndJoinToTheReply() throws Exception {
        server.reply(ANSWER).tokenDelay(Duration.ofMillis(40));
        List<String> tokens = new ArrayList<>();
        List<Long> arrivals = new ArrayList<>();

        ChatReply reply = chat.chat(List.of(ChatMessage.user("Why is the sky blue?")), token -> {
            tokens.add(token);
            arrivals.add(System.nanoTime());
        });

        // Deltas, not the text so far: ollama4j hands over each line's own content (a token of the fake's tokenizer).
        assertThat(tokens).containsExactly("The", " sky", " is", " blue", " becau", "se", " air", " scatt", "ers",
                " short", " wavel", "engths", " more", " stron", "gly", ".");
        assertThat(String.join("", tokens)).isEqualTo(ANSWER);
        assertThat(reply.text()).isEqualTo(ANSWER);
        // Streamed, not buffered: the first token came well before the last.
        assertThat(Duration.ofNanos(arrivals.getLast() - arrivals.getFirst())).isGreaterThan(Duration.ofMillis(200));
        assertThat(reply.model()).isEqualTo("qwen2.5:3b");
        assertThat(reply.completionTokens()).isEqualTo(16);
        // The server counts the tokens of the prompt as its template renders it.
        assertThat(reply.promptTokens()).isEqualTo(PromptWindow.countTokens(
                PromptWindow.render(List.of(new Message("user", "Why is the sky blue?")))));
        assertThat(reply.total()).isGreaterThan(Duration.ofMillis(400));
    }

    @Test
    void theRequestCarriesTheModelAndTheConversation() throws Exception {
        server.reply(messages -> "I saw " + messages.size() + " messages.");
        List<ChatMessage> conversation = List.of(
                ChatMessage.system("Answer from the sources only."),
                ChatMessage.user("What is the trigger rate?"),
                ChatMessage.assistant("About 100 kHz at level one."),
                ChatMessage.user("And at the high-level trigger?"));

        ChatReply reply = chat.chat(conversation, token -> {});

        assertThat(reply.text()).isEqualTo("I saw 4 messages.");
        JsonNode request = server.chatRequests().getLast();
        assertThat(request.path("model").asString()).isEqualTo("qwen2.5:3b");
        assertThat(request.path("stream").asBoolean(false)).isTrue();
        assertThat(server.lastChatMessages()).containsExactly(
                new Message("system", "Answer from the sources only."),
                new Message("user", "What is the trigger rate?"),
                new Message("assistant", "About 100 kHz at level one."),
                new Message("user", "And at the high-level trigger?"));
    }

    @Test
    void aMissingModelGivesThePullNotice() {
        server.models("llama3.2:latest");

        ModelUnavailableException e = catchThrowableOfType(ModelUnavailableException.class,
                () -> chat.chat(List.of(ChatMessage.user("Hi")), token -> {}));

        assertThat(e.status()).hasValueSatisfying(status -> assertThat(status.state()).isEqualTo(State.MODEL_MISSING));
        assertThat(e.getMessage()).isEqualTo("Ollama is running at " + server.baseUrl()
                + " but the model qwen2.5:3b is not pulled. Run `ollama pull qwen2.5:3b`,"
                + " or set labrador.ollama.model to one of: llama3.2:latest.");
        // The server did answer 404 with Ollama's error, which ollama4j passes on.
        assertThat(e.getCause()).hasMessageContaining("model \"qwen2.5:3b\" not found, try pulling it first");
    }

    @Test
    void noServerGivesTheStartNotice() throws IOException {
        String url = "http://127.0.0.1:" + OllamaChatStatusTest.closedPort();
        OllamaChat offline = new OllamaChat(OllamaSettings.of(url, "qwen2.5:3b"));

        ModelUnavailableException e = catchThrowableOfType(ModelUnavailableException.class,
                () -> offline.chat(List.of(ChatMessage.user("Hi")), token -> {}));

        assertThat(e.status()).hasValueSatisfying(status -> assertThat(status.state()).isEqualTo(State.UNREACHABLE));
        assertThat(e.getMessage()).startsWith("No Ollama server answers at " + url + ". Start one with `ollama serve`");
    }

    @Test
    void anErrorInTheMiddleOfTheStreamFailsTheChatAfterTheTokensBeforeIt() {
        server.reply(ANSWER).failAfterTokens(3, "an error was encountered while running the model");
        List<String> tokens = new ArrayList<>();

        ModelUnavailableException e = catchThrowableOfType(ModelUnavailableException.class,
                () -> chat.chat(List.of(ChatMessage.user("Why?")), tokens::add));

        assertThat(tokens).containsExactly("The", " sky", " is");
        assertThat(e.status()).isEmpty();
        // ollama4j 1.1.6 drops the error line's text (it fails on the line's missing message), so the
        // message can only say that Ollama reported an error and where to look.
        assertThat(e.getMessage()).isEqualTo("Ollama reported an error while qwen2.5:3b was answering"
                + " after 3 pieces of text; the Ollama server log has the details.");
    }

    @Test
    void anErrorBeforeTheFirstTokenCarriesOllamasText() {
        server.failAfterTokens(0, "model requires more system memory (5.6 GiB) than is available (3.1 GiB)");

        assertThatThrownBy(() -> chat.chat(List.of(ChatMessage.user("Hi")), token -> {}))
                .isInstanceOf(ModelUnavailableException.class)
                .hasMessageContaining("model requires more system memory (5.6 GiB) than is available (3.1 GiB)");
    }

    @Test
    void anExceptionFromTheTokenConsumerStopsTheStreamAndPropagates() {
        server.reply(ANSWER).tokenDelay(Duration.ofMillis(20)); // so that the answer is still being written
        List<String> tokens = new ArrayList<>();
        IllegalStateException cancelled = new IllegalStateException("browser tab closed");

        assertThatThrownBy(() -> chat.chat(List.of(ChatMessage.user("Hi")), token -> {
            tokens.add(token);
            if (tokens.size() == 2) {
                throw cancelled;
            }
        })).isSameAs(cancelled);
        assertThat(tokens).hasSize(2);
        assertThat(server.awaitAbandonedStreams(1, WAIT)).as("the server saw the client go").isTrue();
    }

    @Test
    void cancellingAChatClosesTheConnectionAndKeepsTheReplySoFar() throws Exception {
        server.reply(ANSWER).tokenDelay(Duration.ofMillis(20));
        Cancellation cancellation = new Cancellation();
        List<String> tokens = new ArrayList<>();

        ChatReply reply = chat.chat(List.of(ChatMessage.user("Why?")), cancellation, token -> {
            tokens.add(token);
            if (tokens.size() == 3) {
                cancellation.cancel(Cancellation.Reason.CLIENT_GONE);
            }
        });

        assertThat(cancellation.isCancelled()).isTrue();
        assertThat(reply.text()).isEqualTo("The sky is");
        assertThat(tokens).containsExactly("The", " sky", " is");
        assertThat(server.awaitAbandonedStreams(1, WAIT)).as("the server saw the client go").isTrue();
    }

    @Test
    void cancellingBeforeTheFirstTokenStopsAChatThatIsStillReadingThePrompt() throws Exception {
        server.reply(ANSWER).answerDelay(Duration.ofSeconds(1)).tokenDelay(Duration.ofMillis(20));
        Cancellation cancellation = new Cancellation();
        Thread.ofVirtual().start(() -> {
            if (server.awaitRequests("/api/chat", 1, WAIT)) {
                cancellation.cancel(Cancellation.Reason.CLIENT_GONE); // e.g. the browser tab was closed
            }
        });

        ChatReply reply = chat.chat(List.of(ChatMessage.user("Why?")), cancellation, token -> { });

        assertThat(reply.text()).isEmpty();
        assertThat(server.abandonedStreams()).as("returned before Ollama began to answer").isZero();
        assertThat(server.awaitAbandonedStreams(1, WAIT)).as("the server saw the client go").isTrue();
    }

    @Test
    void aSuccessfulChatClearsAStaleFailedStatus() throws Exception {
        server.models();
        assertThat(chat.status().state()).isEqualTo(State.MODEL_MISSING);

        server.models("qwen2.5:3b");
        chat.chat(List.of(ChatMessage.user("Hi")), token -> {});

        assertThat(chat.status().state()).isEqualTo(State.READY);
    }
}
