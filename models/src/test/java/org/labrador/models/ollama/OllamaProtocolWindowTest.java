package org.labrador.models.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.labrador.models.ChatOptions;
import org.labrador.models.ollama.testing.OllamaProtocolServer;
import org.labrador.models.ollama.testing.OllamaProtocolServer.Message;
import org.labrador.models.ollama.testing.PromptWindow;

/**
 * The protocol fake cuts a prompt that does not fit its window as Ollama 0.12 does (older messages
 * first, then the beginning of what is left), so that tests of the prompt budget see what a real
 * server would do to a prompt that is too long.
 */
class OllamaProtocolWindowTest {

    private static final String RULES = "Answer from the numbered sources only.";

    private final OllamaProtocolServer server = OllamaProtocolServer.start().reply(messages -> "Read " + messages.size() + ".");
    private final OllamaChat chat = new OllamaChat(OllamaSettings.of(server.baseUrl(), "qwen2.5:3b"));

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void withoutNumCtxAHistoryLongerThan4096TokensLosesItsOldestTurnsButNotTheRules() throws Exception {
        List<ChatMessage> conversation = new ArrayList<>();
        conversation.add(ChatMessage.system(RULES));
        for (int turn = 0; turn < 40; turn++) {
            conversation.add(ChatMessage.user("Question " + turn + ": " + "why is the trigger rate so high? ".repeat(20)));
            conversation.add(ChatMessage.assistant("Because of noise. ".repeat(20)));
        }
        conversation.add(ChatMessage.user("Which cut removes it?"));

        ChatReply reply = chat.chat(conversation, token -> { });

        PromptWindow.Fit fit = server.lastPromptFit();
        assertThat(fit.numCtx()).isEqualTo(PromptWindow.DEFAULT_NUM_CTX);
        assertThat(fit.receivedTokens()).isGreaterThan(4096);
        assertThat(fit.droppedMessages()).isPositive();
        assertThat(fit.cut()).isFalse();
        assertThat(fit.kept().getFirst()).isEqualTo(new Message("system", RULES));
        assertThat(fit.kept().getLast()).isEqualTo(new Message("user", "Which cut removes it?"));
        assertThat(fit.kept().get(1).content()).doesNotStartWith("Question 0:");
        assertThat(reply.promptTokens()).isEqualTo(fit.promptTokens()).isLessThanOrEqualTo(4096);
        assertThat(reply.text()).isEqualTo("Read " + fit.kept().size() + ".");
    }

    @Test
    void aLastMessageThatAloneDoesNotFitLosesItsBeginningAndKeepsTheFirstTokens() throws Exception {
        String sources = "Sources:\n\n" + "[1] cuts.md\nThe S1 threshold is 3 PE. ".repeat(400);
        List<ChatMessage> conversation = List.of(ChatMessage.system(RULES),
                ChatMessage.user(sources + "\nQuestion: where is the S1 threshold set?"));

        ChatReply reply = chat.chat(conversation, new ChatOptions(1024, 0), new Cancellation(), token -> { });

        PromptWindow.Fit fit = server.lastPromptFit();
        assertThat(fit.cut()).isTrue();
        assertThat(fit.droppedMessages()).isZero();
        assertThat(reply.promptTokens()).isEqualTo(1024);
        assertThat(fit.prompt()).startsWith("<|im_start|>system\nAnswer") // num_keep: the first 4 tokens stay
                .doesNotContain(RULES) // the rest of the rules went with the first sources
                .endsWith("where is the S1 threshold set?<|im_end|>\n<|im_start|>assistant\n");
    }

    @Test
    void theWindowIsCappedAtTheTrainedLengthAndTheAnswerAtNumPredict() throws Exception {
        server.models("tinyllama:1.1b").reply("one two three four five six");
        OllamaChat tiny = new OllamaChat(OllamaSettings.of(server.baseUrl(), "tinyllama:1.1b"));

        ChatReply reply = tiny.chat(List.of(ChatMessage.user("Count.")), new ChatOptions(8192, 3), new Cancellation(),
                token -> { });

        assertThat(server.lastPromptFit().numCtx()).isEqualTo(2048);
        assertThat(reply.text()).isEqualTo("one two three ");
        assertThat(reply.completionTokens()).isEqualTo(3);
    }

    @Test
    void modelsAreListedWithTheirTags() throws Exception {
        server.models("llama3", "qwen2.5:3b");

        assertThat(new OllamaModels(server.baseUrl(), java.time.Duration.ofSeconds(2)).list())
                .extracting(InstalledModel::name).containsExactly("llama3:latest", "qwen2.5:3b");
    }
}
