package org.labrador.chatserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.labrador.chatserver.ask.Answer;
import org.labrador.chatserver.ask.AnswerSink;
import org.labrador.chatserver.ask.AskService;
import org.labrador.chatserver.sources.SyncService;
import org.labrador.ingest.sync.SyncReport;
import org.labrador.models.ollama.testing.OllamaProtocolServer;
import org.labrador.retrieval.Citation;
import org.labrador.retrieval.ReadAccess;
import org.labrador.retrieval.Retriever;
import org.labrador.retrieval.SearchRequest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A Git repository as a source, end to end: sync, a cited code answer, a one-file commit re-synced. */
@SpringBootTest
class GitSourceSyncTest {

    private static final Path UPSTREAM = tempDir("labrador-upstream");
    private static final OllamaProtocolServer OLLAMA = OllamaProtocolServer.start().reply(messages -> {
        String prompt = messages.getLast().content();
        int at = prompt.indexOf("S1_AREA_MIN =");
        if (at < 0) {
            return "I don't know: the indexed sources do not cover this.";
        }
        int n = Integer.parseInt(prompt.substring(prompt.lastIndexOf("\n[", at) + 2, prompt.indexOf(']', prompt.lastIndexOf("\n[", at))));
        return "`S1_AREA_MIN` is defined in `analysis/cuts.py` [" + n + "].";
    });

    @Autowired
    SyncService syncService;
    @Autowired
    AskService askService;
    @Autowired
    Retriever retriever;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        commit("analysis/cuts.py", """
                \"\"\"Selection cuts for the science run.\"\"\"

                S1_AREA_MIN = 3.0  # PE, smallest S1 considered
                S2_AREA_MIN = 200.0


                def passes_s1(area):
                    \"\"\"True when a peak is large enough to be an S1.\"\"\"
                    return area >= S1_AREA_MIN
                """, "Add cuts");
        commit("README.md", "# Analysis\n\nThe selection lives in analysis/cuts.py.\n", "Add README");
        String dataDir = tempDir("labrador-data").toString();
        registry.add("labrador.data-dir", () -> dataDir);
        registry.add("labrador.sync-on-start", () -> "false");
        registry.add("labrador.sources[0].name", () -> "analysis");
        registry.add("labrador.sources[0].kind", () -> "git");
        registry.add("labrador.sources[0].path", UPSTREAM::toString);
        registry.add("labrador.ollama.base-url", OLLAMA::baseUrl);
    }

    @AfterAll
    static void stop() {
        OLLAMA.close();
    }

    @Test
    void codeQuestionsAreAnsweredWithFileAndLineCitationsAndAOneFileCommitResyncsOnlyThatFile() throws Exception {
        SyncReport first = syncService.syncNow("analysis", p -> { }).getFirst();
        assertThat(first.indexed()).isEqualTo(2);

        Answer answer = askService.ask("Where is S1_AREA_MIN defined?", List.of(), Set.of("analysis"), ReadAccess.everything(), AnswerSink.NONE);
        assertThat(answer.answer()).contains("analysis/cuts.py");
        Citation citation = answer.citations().getFirst();
        assertThat(citation.path()).isEqualTo("analysis/cuts.py");
        String[] lines = citation.lines().split("-");
        assertThat(Integer.parseInt(lines[0])).isLessThanOrEqualTo(3);
        assertThat(Integer.parseInt(lines[lines.length - 1])).isGreaterThanOrEqualTo(3);
        assertThat(citation.uri()).startsWith("/source/analysis/analysis/cuts.py?lines=");
        assertThat(citation.commit()).isEqualTo(headOf(UPSTREAM));
        assertThat(citation.text()).contains("S1_AREA_MIN = 3.0");
        assertThat(retriever.search(SearchRequest.of("S1_AREA_MIN", 1)).getFirst().chunk().symbols())
                .as("module-level constants are indexed as symbols").contains("S1_AREA_MIN");

        commit("analysis/cuts.py", Files.readString(UPSTREAM.resolve("analysis/cuts.py")).replace("3.0", "4.5"), "Raise S1 threshold");
        SyncReport second = syncService.syncNow("analysis", p -> { }).getFirst();
        assertThat(second.indexed()).isEqualTo(1);
        assertThat(second.unchanged()).isEqualTo(1);
        assertThat(retriever.search(SearchRequest.of("S1_AREA_MIN", 1)).getFirst().chunk().text()).contains("4.5");
    }

    private static String headOf(Path repository) throws IOException {
        try (Git git = Git.open(repository.toFile())) {
            return git.getRepository().resolve("HEAD").name();
        }
    }

    private static void commit(String path, String text, String message) {
        try (Git git = Files.exists(UPSTREAM.resolve(".git")) ? Git.open(UPSTREAM.toFile())
                : Git.init().setDirectory(UPSTREAM.toFile()).setInitialBranch("main").call()) {
            Path file = UPSTREAM.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            git.add().addFilepattern(path).call();
            git.commit().setMessage(message).setAuthor("Test", "test@example.org").setCommitter("Test", "test@example.org").call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
