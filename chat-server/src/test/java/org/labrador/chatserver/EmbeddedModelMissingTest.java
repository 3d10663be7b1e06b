package org.labrador.chatserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.labrador.chatserver.ask.Answer;
import org.labrador.chatserver.ask.AnswerSink;
import org.labrador.chatserver.ask.AskService;
import org.labrador.chatserver.sources.SyncService;
import org.labrador.models.ChatModel;
import org.labrador.models.embedded.EmbeddedEngine;
import org.labrador.models.embedded.testing.TinyLlamaGguf;
import org.labrador.retrieval.ReadAccess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The embedded engine's model file is not there when the server starts: the server starts all the
 * same, answers with the passages and a notice naming the file and the setting, and uses the model
 * as soon as the file is put in place.
 */
@SpringBootTest
class EmbeddedModelMissingTest {

    private static final Path DIR = tempDir();
    private static final Path MODEL = DIR.resolve("qwen2.5-3b-instruct-q4_k_m.gguf");

    @Autowired
    AskService askService;

    @Autowired
    SyncService syncService;

    @Autowired
    ChatModel chat;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("labrador.data-dir", () -> DIR.resolve("data").toString());
        registry.add("labrador.sync-on-start", () -> "false");
        registry.add("labrador.sources[0].name", () -> "fixtures");
        registry.add("labrador.sources[0].path", () -> FixtureServerTest.fixtureDocs().toString());
        registry.add("labrador.model.engine", () -> "embedded");
        registry.add("labrador.model.path", MODEL::toString);
        registry.add("labrador.model.context-tokens", () -> "3072"); // bounds the tiny model's endless answer
    }

    @Test
    void answersWithPassagesAndTheFixUntilTheFileIsThereThenWithTheModel() throws Exception {
        syncService.syncNow(null, p -> { });
        StringBuilder notices = new StringBuilder();

        Answer without = ask(notices);

        assertThat(without.model().available()).isFalse();
        assertThat(without.model().name()).isEqualTo("qwen2.5-3b-instruct-q4_k_m");
        assertThat(without.model().notice()).contains(MODEL.toString(), "does not exist", "labrador.model.path");
        assertThat(notices.toString()).isEqualTo(without.model().notice());
        assertThat(without.answer()).contains("s1_area_min", "event-selection.md");

        TinyLlamaGguf.model().contextLength(8192).writeTo(MODEL);
        long deadline = System.nanoTime() + EmbeddedEngine.RECHECK.multipliedBy(10).toNanos();
        while (!chat.status().ready() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }

        Answer with = ask(new StringBuilder());
        assertThat(with.model().available()).as(with.model().notice()).isTrue();
        assertThat(with.answer()).matches("[a-z ]+");
    }

    private Answer ask(StringBuilder notices) {
        return askService.ask("Where is the S1 area threshold set?", List.of(), Set.of(), ReadAccess.everything(),
                new AnswerSink() {
                    @Override
                    public void token(String text) {
                    }

                    @Override
                    public void notice(String notice) {
                        notices.append(notice);
                    }
                });
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("labrador-embedded-missing");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
