package org.labrador.models.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labrador.models.ChatOptions;
import org.labrador.models.embedded.testing.TinyLlamaGguf;
import org.labrador.models.ollama.Cancellation;
import org.labrador.models.ollama.ChatMessage;
import org.labrador.models.ollama.GenerateRequest;
import org.labrador.models.ollama.ModelStatus;
import org.labrador.models.ollama.ModelUnavailableException;

/** What the embedded engine says, and does, when its model file is missing or damaged. */
class EmbeddedEngineStatusTest {

    @TempDir
    Path dir;

    @Test
    void aMissingFileIsNamedWithTheFixAndTheChatFailsWithThatNotice() {
        Path file = dir.resolve("qwen2.5-3b-instruct-q4_k_m.gguf");
        try (EmbeddedEngine engine = new EmbeddedEngine(EmbeddedSettings.of(file))) {
            ModelStatus status = engine.status();

            assertThat(status.state()).isEqualTo(ModelStatus.State.MODEL_MISSING);
            assertThat(status.model()).isEqualTo("qwen2.5-3b-instruct-q4_k_m");
            assertThat(status.notice()).contains(file.toString(), "does not exist", "labrador.model.path");
            ModelUnavailableException e = catchThrowableOfType(ModelUnavailableException.class, () -> engine.chat(
                    List.of(ChatMessage.user("hi")), ChatOptions.DEFAULTS, new Cancellation(), p -> { }));
            assertThat(e.status()).hasValueSatisfying(s -> assertThat(s.notice()).isEqualTo(status.notice()));
            assertThat(engine.contextWindow().exact()).as("an estimate until a model is loaded").isFalse();
        }
    }

    @Test
    void aFilePutInPlaceLaterIsTakenUpWithoutARestart() throws Exception {
        Path file = dir.resolve("late.gguf");
        try (EmbeddedEngine engine = new EmbeddedEngine(EmbeddedSettings.of(file))) {
            assertThat(engine.status().ready()).isFalse();
            TinyLlamaGguf.model().writeTo(file);

            // The status, which every question asks, looks at the file again within a few seconds.
            long deadline = System.nanoTime() + EmbeddedEngine.RECHECK.multipliedBy(10).toNanos();
            while (!engine.status().ready() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(engine.status().ready()).as(engine.status().notice()).isTrue();
            assertThat(engine.generate(GenerateRequest.raw("late", "a", Map.of("num_predict", 2)), new Cancellation(),
                    p -> { }).evalCount()).isEqualTo(2);
        }
    }

    @Test
    void aDownloadCutShortIsRefusedBeforeLlamaCppReadsIt() throws Exception {
        byte[] whole = TinyLlamaGguf.model().bytes();
        Path file = Files.write(dir.resolve("cut.gguf"), Arrays.copyOf(whole, whole.length * 2 / 3));
        try (EmbeddedEngine engine = new EmbeddedEngine(EmbeddedSettings.of(file))) {
            assertThat(engine.status().state()).isEqualTo(ModelStatus.State.UNREACHABLE);
            assertThat(engine.status().notice()).contains(file.toString(), "cut short", "Download it again");
        }
    }

    @Test
    void aFileThatIsNotGgufIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("model.gguf"), "<html>Sign in to download</html>");
        try (EmbeddedEngine engine = new EmbeddedEngine(EmbeddedSettings.of(file))) {
            assertThat(engine.status().state()).isEqualTo(ModelStatus.State.UNREACHABLE);
            assertThat(engine.status().notice()).contains(file.toString(), "not a GGUF model file", "labrador.model.path");
        }
    }

    @Test
    void aGgufThatLlamaCppCannotRunIsReportedNotFatal() throws Exception {
        // Valid GGUF, but an architecture llama.cpp does not know: llama.cpp itself refuses it.
        Path file = new org.labrador.models.embedded.testing.GgufWriter()
                .putString("general.architecture", "no-such-architecture")
                .tensor("w", new long[] {4}, new float[4])
                .write(dir.resolve("odd.gguf"));
        try (EmbeddedEngine engine = new EmbeddedEngine(EmbeddedSettings.of(file))) {
            assertThat(engine.status().state()).isEqualTo(ModelStatus.State.UNREACHABLE);
            assertThat(engine.status().notice()).contains("llama.cpp could not load", file.toString(),
                    "no-such-architecture");
        }
    }
}
