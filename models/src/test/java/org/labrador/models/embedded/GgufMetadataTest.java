package org.labrador.models.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labrador.models.embedded.testing.TinyLlamaGguf;

class GgufMetadataTest {

    @TempDir
    Path dir;

    @Test
    void readsTheKeysLlamaCppReads() throws Exception {
        long started = System.nanoTime();
        Path file = TinyLlamaGguf.model().contextLength(2048).name("tiny").writeTo(dir.resolve("tiny.gguf"));
        assertThat(System.nanoTime() - started).as("the test model is made in well under a second")
                .isLessThan(1_000_000_000L);
        assertThat(Files.size(file)).isBetween(100_000L, 1_000_000L);

        GgufMetadata metadata = GgufMetadata.read(file);

        assertThat(metadata.version()).isEqualTo(3);
        assertThat(metadata.architecture()).isEqualTo("llama");
        assertThat(metadata.contextLength()).hasValue(2048);
        assertThat(metadata.string("general.name")).hasValue("tiny");
        assertThat(metadata.chatTemplate()).hasValueSatisfying(t -> assertThat(t).contains("<|im_start|>"));
        assertThat(metadata.addsBosToken()).isFalse();
        assertThat(metadata.values().get("tokenizer.ggml.tokens")).isEqualTo((long) TinyLlamaGguf.vocabulary().size());
        assertThat(metadata.tensorCount()).isEqualTo(2 + 2 * 9 + 1);
    }

    @Test
    void refusesAFileCutInItsHeaderOrItsData() throws Exception {
        byte[] whole = TinyLlamaGguf.model().bytes();
        Path header = Files.write(dir.resolve("header.gguf"), Arrays.copyOf(whole, 1000));
        Path data = Files.write(dir.resolve("data.gguf"), Arrays.copyOf(whole, whole.length - 1));

        assertThatThrownBy(() -> GgufMetadata.read(header)).isInstanceOf(InvalidModelFileException.class)
                .hasMessageContaining("cut short");
        assertThatThrownBy(() -> GgufMetadata.read(data)).isInstanceOf(InvalidModelFileException.class)
                .hasMessageContaining("cut short").hasMessageContaining(String.valueOf(whole.length));
    }
}
