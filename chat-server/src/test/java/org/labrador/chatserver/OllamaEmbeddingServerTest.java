package org.labrador.chatserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.labrador.chatserver.ask.Answer;
import org.labrador.chatserver.ask.AskService;
import org.labrador.chatserver.sources.SyncService;
import org.labrador.models.ollama.testing.OllamaProtocolServer;
import org.labrador.retrieval.ChunkIndex;
import org.labrador.retrieval.Hit;
import org.labrador.retrieval.PassageIndex;
import org.labrador.retrieval.ReadAccess;
import org.labrador.retrieval.RetrievalPipeline;
import org.labrador.retrieval.SearchMode;
import org.labrador.retrieval.SearchRequest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A site that runs an embedding model on its Ollama server ({@code labrador.embedding.engine: ollama}):
 * passages and questions are embedded there, and when the server goes away, search and answers carry
 * on by keywords while a sync stops with the fix and loses nothing.
 */
@SpringBootTest
class OllamaEmbeddingServerTest {

    private static final OllamaProtocolServer OLLAMA = OllamaProtocolServer.start()
            .models("qwen2.5:3b", "nomic-embed-text:latest");
    private static java.nio.file.Path docs;

    @Autowired
    SyncService syncService;
    @Autowired
    RetrievalPipeline pipeline;
    @Autowired
    AskService askService;
    @Autowired
    PassageIndex index;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        String dataDir = Files.createTempDirectory("labrador-test-data").toString();
        docs = Files.createTempDirectory("labrador-test-docs");
        try (var files = Files.walk(FixtureServerTest.fixtureDocs())) {
            for (java.nio.file.Path file : files.filter(Files::isRegularFile).toList()) {
                java.nio.file.Path copy = docs.resolve(FixtureServerTest.fixtureDocs().relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
        registry.add("labrador.data-dir", () -> dataDir);
        registry.add("labrador.sync-on-start", () -> "false");
        registry.add("labrador.sources[0].name", () -> "fixtures");
        registry.add("labrador.sources[0].path", docs::toString);
        registry.add("labrador.ollama.base-url", OLLAMA::baseUrl);
        registry.add("labrador.embedding.engine", () -> "ollama");
        registry.add("labrador.embedding.model", () -> "nomic-embed-text");
    }

    @AfterAll
    static void stop() {
        OLLAMA.close();
    }

    @Test
    void passagesAndQuestionsAreEmbeddedByOllamaAndKeywordsCarryOnWhenItGoesAway() throws IOException {
        syncService.syncNow(null, p -> { });

        assertThat(OLLAMA.embeddedTexts()).as("every passage went to Ollama").isGreaterThan(5);
        assertThat(index.documents("fixtures").values())
                .allSatisfy(d -> assertThat(d.embeddingModel()).isEqualTo("ollama:nomic-embed-text"));
        assertThat(((ChunkIndex) index).vectorDimension()).isEqualTo(768);
        List<Hit> byMeaning = pipeline.search(new SearchRequest("S1 area threshold", SearchMode.VECTOR, 3, Set.of(),
                ReadAccess.everything()));
        assertThat(byMeaning.getFirst().chunk().text()).contains("S1 area threshold");
        int embeddedBefore = OLLAMA.embeddedTexts();
        pipeline.search(new SearchRequest("S1 area threshold", SearchMode.HYBRID, 3, Set.of(), ReadAccess.everything()));
        assertThat(OLLAMA.embeddedTexts()).as("the question too").isEqualTo(embeddedBefore + 1);

        OLLAMA.close();

        List<Hit> byKeywords = pipeline.search(new SearchRequest("S1 area threshold", SearchMode.HYBRID, 3, Set.of(),
                ReadAccess.everything()));
        assertThat(byKeywords).isNotEmpty();
        assertThat(byKeywords.getFirst().chunk().text()).contains("S1 area threshold");
        Answer answer = askService.ask("Where is the S1 area threshold set?", List.of(), Set.of(),
                ReadAccess.everything(), text -> { });
        assertThat(answer.citations()).as("answered from the passages found by keywords").isNotEmpty();
        assertThat(answer.citations().getFirst().path()).isEqualTo("analysis/event-selection.md");

        long documents = index.stats().documents();
        Files.writeString(docs.resolve("analysis/event-selection.md"), "\n\nEdited while Ollama was away.\n",
                java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> syncService.syncNow(null, p -> { })).isInstanceOf(IOException.class);
        assertThat(syncService.state("fixtures").error()).contains("No Ollama server answers at " + OLLAMA.baseUrl());
        assertThat(index.stats().documents()).as("nothing lost").isEqualTo(documents);
    }
}
