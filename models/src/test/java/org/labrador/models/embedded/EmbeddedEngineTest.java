package org.labrador.models.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labrador.models.ChatOptions;
import org.labrador.models.ContextWindow;
import org.labrador.models.embedded.testing.TinyLlamaGguf;
import org.labrador.models.ollama.Cancellation;
import org.labrador.models.ollama.ChatMessage;
import org.labrador.models.ollama.ChatReply;
import org.labrador.models.ollama.GenerateRequest;
import org.labrador.models.ollama.GenerateResult;
import org.labrador.models.ollama.ModelStatus;
import org.labrador.models.ollama.OllamaStatusException;

/** The embedded engine running a real (tiny, random) model with llama.cpp. */
class EmbeddedEngineTest {

    private static final String NAME = "tiny-llama";
    private static final List<ChatMessage> CONVERSATION = List.of(ChatMessage.system("Answer briefly."),
            ChatMessage.user("Where is the threshold set?"), ChatMessage.assistant("In the config."),
            ChatMessage.user("Which file?"));

    @TempDir
    static Path dir;
    private static EmbeddedEngine engine;

    @BeforeAll
    static void loadModel() throws Exception {
        engine = new EmbeddedEngine(EmbeddedSettings.of(TinyLlamaGguf.model().contextLength(512)
                .writeTo(dir.resolve(NAME + ".gguf"))));
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    @Test
    void loadsTheFileAndCountsWithTheModelsTokenizerWithinItsTrainedLength() {
        assertThat(engine.status().ready()).as(engine.status().notice()).isTrue();
        assertThat(engine.status().model()).isEqualTo(NAME).isEqualTo(engine.name());
        ContextWindow window = engine.contextWindow();
        assertThat(window.exact()).isTrue();
        assertThat(window.tokens()).isEqualTo(512); // the trained length, below the default ceiling of 8192
        // Byte-level BPE: five bytes are five tokens, and " the" is merged into one, as no estimate would say.
        assertThat(window.count("Hello")).isEqualTo(5);
        assertThat(window.count(" the")).isEqualTo(1);
        assertThat(window.count("<|im_start|>")).as("special tokens are parsed").isEqualTo(1);
    }

    @Test
    void chatAppliesTheModelsTemplateStreamsAndCountsThePrompt() throws Exception {
        List<String> pieces = new ArrayList<>();

        ChatReply reply = engine.chat(CONVERSATION, new ChatOptions(0, 12), new Cancellation(), pieces::add);

        String templated = "<|im_start|>system\nAnswer briefly.<|im_end|>\n<|im_start|>user\nWhere is the threshold set?"
                + "<|im_end|>\n<|im_start|>assistant\nIn the config.<|im_end|>\n<|im_start|>user\nWhich file?<|im_end|>\n"
                + "<|im_start|>assistant\n";
        assertThat(reply.promptTokens()).isEqualTo(engine.contextWindow().count(templated));
        assertThat(engine.contextWindow().countPrompt(CONVERSATION)).as("what a prompt budget counts")
                .hasValue((int) reply.promptTokens());
        assertThat(pieces).hasSize(12);
        assertThat(reply.completionTokens()).isEqualTo(12);
        assertThat(String.join("", pieces)).isEqualTo(reply.text()).matches("[a-z ]+");
        assertThat(reply.model()).isEqualTo(NAME);
        assertThat(reply.total()).isPositive();
    }

    @Test
    void theTemplateInTheFileIsTheOneApplied() throws Exception {
        String llama3 = "{% for message in messages %}<|start_header_id|>{{ message['role'] }}<|end_header_id|>\n\n"
                + "{{ message['content'] | trim }}<|eot_id|>{% endfor %}"
                + "{% if add_generation_prompt %}<|start_header_id|>assistant<|end_header_id|>\n\n{% endif %}";
        try (EmbeddedEngine other = new EmbeddedEngine(EmbeddedSettings.of(TinyLlamaGguf.model().chatTemplate(llama3)
                .writeTo(dir.resolve("llama3-template.gguf"))))) {
            ChatReply reply = other.chat(List.of(ChatMessage.system("Answer briefly."), ChatMessage.user("Which file?")),
                    new ChatOptions(0, 1), new Cancellation(), p -> { });

            String templated = "<|start_header_id|>system<|end_header_id|>\n\nAnswer briefly.<|eot_id|>"
                    + "<|start_header_id|>user<|end_header_id|>\n\nWhich file?<|eot_id|>"
                    + "<|start_header_id|>assistant<|end_header_id|>\n\n";
            assertThat(reply.promptTokens()).isEqualTo(other.contextWindow().count(templated));
        }
    }

    @Test
    void aRequestsWindowBoundsPromptAndAnswerTogether() throws Exception {
        int prompt = (int) engine.chat(CONVERSATION, new ChatOptions(0, 1), new Cancellation(), piece -> { }).promptTokens();

        ChatReply reply = engine.chat(CONVERSATION, new ChatOptions(prompt + 5, 0), new Cancellation(), piece -> { });

        assertThat(reply.promptTokens() + reply.completionTokens()).isEqualTo(prompt + 5);
    }

    @Test
    void aPromptThatLeavesNoRoomIsRefusedWithItsCountNotCut() {
        String question = "why ".repeat(600);

        PromptTooLongException e = catchThrowableOfType(PromptTooLongException.class,
                () -> engine.chat(List.of(ChatMessage.user(question)), ChatOptions.DEFAULTS, new Cancellation(), p -> { }));

        assertThat(e.windowTokens()).isEqualTo(512);
        assertThat(e.promptTokens()).isGreaterThan(1200);
        assertThat(e.getMessage()).contains("512 tokens", "labrador.model.context-tokens");
        PromptTooLongException smaller = catchThrowableOfType(PromptTooLongException.class,
                () -> engine.chat(CONVERSATION, new ChatOptions(20, 0), new Cancellation(), p -> { }));
        assertThat(smaller.windowTokens()).isEqualTo(20);
    }

    @Test
    void cancellingStopsTheCallerAtOnceAndLlamaCppSoonAfter() throws Exception {
        CountDownLatch firstPiece = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        Cancellation cancellation = new Cancellation();
        long before = engine.generatedTokens();
        CompletableFuture<ChatReply> reply = CompletableFuture.supplyAsync(() -> {
            try {
                return engine.chat(CONVERSATION, ChatOptions.DEFAULTS, cancellation, piece -> {
                    firstPiece.countDown();
                    await(cancelled); // a reader that stalls: llama.cpp may not run far ahead of it
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(firstPiece.await(30, TimeUnit.SECONDS)).isTrue();
        cancellation.cancel(Cancellation.Reason.CLIENT_GONE);
        cancelled.countDown();

        ChatReply stopped = reply.get(30, TimeUnit.SECONDS);
        assertThat(stopped.completionTokens()).isEqualTo(1);
        assertThat(stopped.text()).isNotEmpty();
        waitUntilIdle();
        // Without the stop it would have filled its window (about 450 tokens).
        assertThat(engine.generatedTokens() - before).isLessThanOrEqualTo(StreamedGeneration.AHEAD + 2);
        assertThat(engine.chat(CONVERSATION, new ChatOptions(0, 3), new Cancellation(), p -> { }).completionTokens())
                .as("the engine serves the next request").isEqualTo(3);
    }

    @Test
    void generateTakesRawPromptsWithOllamasOptionsAndStopStrings() throws Exception {
        List<String> pieces = new ArrayList<>();
        GenerateRequest request = GenerateRequest.raw(NAME, "<|fim_prefix|>def area(<|fim_suffix|>):\n<|fim_middle|>",
                Map.of("num_predict", 400, "temperature", 0.7, "seed", 42, "stop", List.of("e")));

        GenerateResult result = engine.generate(request, new Cancellation(), pieces::add);

        assertThat(result.text()).isEqualTo(String.join("", pieces)).isNotEmpty().doesNotContain("e");
        assertThat(result.doneReason()).isEqualTo("stop");
        assertThat(result.promptEvalCount()).isEqualTo(engine.contextWindow().count(request.prompt()))
                .isEqualTo(13); // 3 special tokens, "def", " area" in 3 pieces (Ġa re a), 4 bytes
        assertThat(result.stoppedEarly()).isFalse();
        assertThat(result.model()).isEqualTo(NAME);

        GenerateResult limited = engine.generate(GenerateRequest.raw(NAME + ":latest", "x = ", Map.of("num_predict", 7)),
                new Cancellation(), p -> { });
        assertThat(limited.evalCount()).isEqualTo(7);
        assertThat(limited.doneReason()).isEqualTo("length");
    }

    @Test
    void aTimeBudgetEndsGenerationWithTheTextSoFar() throws Exception {
        Cancellation budget = new Cancellation();
        List<String> pieces = new ArrayList<>();

        GenerateResult result = engine.generate(GenerateRequest.raw(NAME, "x = ", Map.of()), budget, piece -> {
            pieces.add(piece);
            if (pieces.size() == 4) {
                budget.cancel(Cancellation.Reason.TIME_BUDGET);
            }
        });

        assertThat(result.stoppedBy()).isEqualTo(Cancellation.Reason.TIME_BUDGET);
        assertThat(result.doneReason()).isEqualTo("length");
        assertThat(result.text()).isEqualTo(String.join("", pieces));
        assertThat(pieces).hasSize(4);
    }

    @Test
    void anotherModelsNameIsA404() {
        OllamaStatusException e = catchThrowableOfType(OllamaStatusException.class, () -> engine.generate(
                GenerateRequest.raw("qwen2.5-coder:1.5b", "x", Map.of()), new Cancellation(), p -> { }));

        assertThat(e.httpStatus()).isEqualTo(404);
        assertThat(e.getMessage()).contains("qwen2.5-coder:1.5b", NAME);
    }

    @Test
    void requestsTakeTurnsAndAllAreAnswered() throws Exception {
        List<CompletableFuture<ChatReply>> replies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            replies.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return engine.chat(CONVERSATION, new ChatOptions(0, 20), new Cancellation(), p -> { });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (CompletableFuture<ChatReply> reply : replies) {
            assertThat(reply.get(60, TimeUnit.SECONDS).completionTokens()).isEqualTo(20);
        }
    }

    @Test
    void aModelThatEndsAtOnceGivesAnEmptyFinishedAnswer() throws Exception {
        try (EmbeddedEngine ending = new EmbeddedEngine(EmbeddedSettings.of(TinyLlamaGguf.model().endingAtOnce()
                .writeTo(dir.resolve("ending.gguf"))))) {
            GenerateResult result = ending.generate(GenerateRequest.raw("ending", "x = ", Map.of("num_predict", 50)),
                    new Cancellation(), p -> { });

            assertThat(result.text()).isEmpty();
            assertThat(result.doneReason()).isEqualTo("stop");
            assertThat(ending.status().state()).isEqualTo(ModelStatus.State.READY);
        }
    }

    private static void waitUntilIdle() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!engine.idle() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(engine.idle()).isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
