package org.labrador.chatserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.labrador.chatserver.ask.Answer;
import org.labrador.chatserver.ask.AnswerSink;
import org.labrador.chatserver.ask.AskService;
import org.labrador.chatserver.sources.SyncService;
import org.labrador.models.ollama.testing.OllamaProtocolServer;
import org.labrador.retrieval.ReadAccess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Without a usable model, the answer is the passages with their citations and the exact fix. */
class ModelDownTest {

    private static final OllamaProtocolServer WITHOUT_MODEL = OllamaProtocolServer.start().models("llama3.2:1b");

    @AfterAll
    static void stop() {
        WITHOUT_MODEL.close();
    }

    abstract static class Base {
        @Autowired
        AskService askService;
        @Autowired
        SyncService syncService;

        @BeforeEach
        void sync() throws IOException {
            syncService.syncNow(null, p -> { });
        }

        static void common(DynamicPropertyRegistry registry, String ollamaUrl) throws IOException {
            String dataDir = tempDir();
            registry.add("labrador.data-dir", () -> dataDir);
            registry.add("labrador.sync-on-start", () -> "false");
            registry.add("labrador.sources[0].name", () -> "fixtures");
            registry.add("labrador.sources[0].path", () -> FixtureServerTest.fixtureDocs().toString());
            registry.add("labrador.ollama.base-url", () -> ollamaUrl);
            registry.add("labrador.ollama.model", () -> "qwen2.5:3b");
        }

        Answer askAboutTheThreshold(StringBuilder streamed, StringBuilder notices) {
            return askService.ask("Where is the S1 area threshold set?", List.of(), Set.of(), ReadAccess.everything(), new AnswerSink() {
                @Override
                public void token(String text) {
                    streamed.append(text);
                }

                @Override
                public void notice(String notice) {
                    notices.append(notice);
                }
            });
        }
    }

    @Nested
    @SpringBootTest
    class OllamaNotRunning extends Base {

        @DynamicPropertySource
        static void properties(DynamicPropertyRegistry registry) throws IOException {
            common(registry, "http://127.0.0.1:" + closedPort());
        }

        @Test
        void answersWithThePassagesAndSaysHowToStartOllama() {
            StringBuilder streamed = new StringBuilder();
            StringBuilder notices = new StringBuilder();
            Answer answer = askAboutTheThreshold(streamed, notices);

            assertThat(answer.model().available()).isFalse();
            assertThat(answer.model().notice()).contains("ollama serve").contains("ollama pull qwen2.5:3b");
            assertThat(notices.toString()).isEqualTo(answer.model().notice());
            assertThat(answer.answer()).startsWith("No language model is running here; these are the passages that answer it.")
                    .contains("s1_area_min").contains("event-selection.md");
            assertThat(streamed.toString()).isEqualTo(answer.answer());
            // A reader reads a few passages, not every one a model would be given.
            assertThat(answer.citations()).isNotEmpty().hasSizeLessThanOrEqualTo(3);
            assertThat(answer.citations().getFirst().path()).isEqualTo("analysis/event-selection.md");
        }
    }

    @Nested
    @SpringBootTest
    class ModelNotPulled extends Base {

        @DynamicPropertySource
        static void properties(DynamicPropertyRegistry registry) throws IOException {
            common(registry, WITHOUT_MODEL.baseUrl());
        }

        @Test
        void answersWithThePassagesAndSaysWhichModelToPull() {
            Answer answer = askAboutTheThreshold(new StringBuilder(), new StringBuilder());
            assertThat(answer.model().available()).isFalse();
            assertThat(answer.model().notice()).contains("ollama pull qwen2.5:3b").contains("llama3.2:1b");
            assertThat(answer.citations()).extracting(c -> c.path()).contains("analysis/event-selection.md");
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String tempDir() {
        try {
            return java.nio.file.Files.createTempDirectory("labrador-test-data").toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
