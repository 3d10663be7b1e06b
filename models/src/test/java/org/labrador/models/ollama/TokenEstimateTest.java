package org.labrador.models.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labrador.models.ContextWindow;
import org.labrador.models.embedded.EmbeddedEngine;
import org.labrador.models.embedded.EmbeddedSettings;
import org.labrador.models.embedded.testing.TinyLlamaGguf;

/**
 * Issue 17: the estimate that sizes prompts for Ollama never counts fewer tokens than a real
 * byte-level tokenizer makes of text outside ASCII, which a vocabulary lacking a character spells
 * byte by byte. The tokenizer is llama.cpp's, running the tiny model's byte-level vocabulary, which
 * has no merge outside ASCII: the worst case. ASCII text is not compared, because that vocabulary,
 * unlike any real model's, has almost no merges for it either (a token per letter, per space of
 * indentation, per space before punctuation); {@code OllamaContextWindowTest} compares it with a
 * tokenizer shaped like a real one.
 */
class TokenEstimateTest {

    private static final List<String> TEXTS = List.of(
            "探测器的触发率是多少？ 请给出 3 个数字。",
            "日本語のテキスト、絵文字も。\n한국어 문장입니다.",
            "Status: 🙂 👍🏽 🚀🔥 👨‍👩‍👧 ✔️ done",
            "Wo wird die Schwelle für die S1-Fläche gesetzt? Größe, Maßstab und Übergänge prüfen: 5 µs, 20 °C.",
            "def passes_s1(area):  # α ≤ β → ∞\n    return area >= S1_AREA_MIN  # Ω·m, ±3σ, ∫ f(x) dx ≈ 0.5\n",
            "Привет, мир! Ελληνικά: λ = 532 nm.");

    @TempDir
    static Path dir;
    private static EmbeddedEngine engine;
    private static ContextWindow byteLevel;

    @BeforeAll
    static void loadModel() throws Exception {
        engine = new EmbeddedEngine(EmbeddedSettings.of(TinyLlamaGguf.model().writeTo(dir.resolve("tiny.gguf"))));
        byteLevel = engine.contextWindow();
        assertThat(byteLevel.exact()).as(engine.status().notice()).isTrue();
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    @Test
    void runsOfCharactersOutsideAsciiAreNeverCountedBelowTheByteLevelTokenizer() {
        Pattern outsideAscii = Pattern.compile("[^\\x00-\\x7F]+(?: [^\\x00-\\x7F]+)*");
        for (String text : TEXTS) {
            Matcher run = outsideAscii.matcher(text);
            while (run.find()) {
                assertThat(TokenEstimate.of(run.group())).as("'%s' in %s", run.group(), text)
                        .isGreaterThanOrEqualTo(byteLevel.count(run.group()));
            }
        }
    }

    @Test
    void cjkAndEmojiAreCountedByTheirBytes() {
        assertThat(TokenEstimate.of("探测器")).isEqualTo(byteLevel.count("探测器")).isEqualTo(9);
        assertThat(TokenEstimate.of("🚀")).isEqualTo(byteLevel.count("🚀")).isEqualTo(4);
        for (String withoutAsciiLetters : TEXTS.subList(0, 2)) { // with spaces, digits and punctuation in between
            assertThat(TokenEstimate.of(withoutAsciiLetters)).isGreaterThanOrEqualTo(byteLevel.count(withoutAsciiLetters));
        }
    }
}
