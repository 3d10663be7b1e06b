package org.labrador.models.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.labrador.models.ChatOptions;
import org.labrador.models.ollama.testing.OllamaProtocolServer;
import org.labrador.models.ollama.testing.OllamaProtocolServer.Message;
import org.labrador.models.ollama.testing.PromptWindow;

/**
 * The protocol fake cuts a prompt that does not fit its window as Ollama 0.12 does (a chat's older
 * messages first, then the beginning of what is left; a generate request's beginning after its
 * first tokens), so that tests of the prompt budget see what a real server would do to a prompt
 * that is too long, and it counts answers in tokens, as Ollama's {@code num_predict} and
 * {@code eval_count} do.
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
        assertThat(reply.text()).isEqualTo("one two three");
        assertThat(reply.completionTokens()).isEqualTo(3);
    }

    @Test
    void answersAreCountedAndCutInTokensOfTheTokenizerThatCountsThePrompt() throws Exception {
        String answer = "The threshold is 3.5 PE, set in config/cuts.yaml.";
        server.reply(answer);
        List<String> tokens = PromptWindow.tokenize(answer);
        assertThat(tokens).as("more tokens than words").hasSizeGreaterThan(answer.split(" ").length);

        ChatReply whole = chat.chat(List.of(ChatMessage.user("Where?")), new ChatOptions(4096, 0), new Cancellation(),
                token -> { });
        List<String> pieces = new ArrayList<>();
        ChatReply cut = chat.chat(List.of(ChatMessage.user("Where?")), new ChatOptions(4096, 5), new Cancellation(),
                pieces::add);

        assertThat(whole.text()).isEqualTo(answer);
        assertThat(whole.completionTokens()).as("eval_count").isEqualTo(tokens.size());
        assertThat(pieces).as("streamed a token at a time").isEqualTo(tokens.subList(0, 5));
        assertThat(cut.text()).isEqualTo(String.join("", tokens.subList(0, 5)));
        assertThat(cut.completionTokens()).isEqualTo(5);
    }

    @Test
    void aGeneratePromptLongerThanTheWindowKeepsItsFirstTokensAndItsEnd() throws Exception {
        server.models("qwen2.5-coder:1.5b").completion(body -> body.path("prompt").asString().endsWith("def passes_s1(")
                ? "area):" : "lost the end");
        OllamaGenerate generate = new OllamaGenerate(server.baseUrl(), java.time.Duration.ofSeconds(2));
        String prompt = "# cuts.py: the event selection\n" + "S1_AREA_MIN = 3.5  # PE\n".repeat(400) + "def passes_s1(";
        assertThat(PromptWindow.countTokens(prompt)).isGreaterThan(1024);

        GenerateResult result = generate.generate(GenerateRequest.raw("qwen2.5-coder:1.5b", prompt, Map.of("num_ctx", 1024)),
                new Cancellation(), token -> { });

        PromptWindow.Fit fit = server.generateFits().getLast();
        assertThat(fit.cut()).isTrue();
        assertThat(result.promptEvalCount()).isEqualTo(fit.promptTokens()).isEqualTo(1024);
        assertThat(fit.prompt()).startsWith("# cuts.py:") // num_keep: the first 4 tokens stay
                .doesNotContain("the event selection").endsWith("S1_AREA_MIN = 3.5  # PE\ndef passes_s1(");
        assertThat(result.text()).as("the model read the end").isEqualTo("area):");

        generate.generate(GenerateRequest.raw("qwen2.5-coder:1.5b", "def passes_s1(", Map.of()), new Cancellation(),
                token -> { });
        assertThat(server.generateFits().getLast().cut()).as("a prompt that fits is read whole").isFalse();
    }

    @Test
    void modelsAreListedWithTheirTags() throws Exception {
        server.models("llama3", "qwen2.5:3b");

        assertThat(new OllamaModels(server.baseUrl(), java.time.Duration.ofSeconds(2)).list())
                .extracting(InstalledModel::name).containsExactly("llama3:latest", "qwen2.5:3b");
    }
}
