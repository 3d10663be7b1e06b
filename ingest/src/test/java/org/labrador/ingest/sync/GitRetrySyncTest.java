package org.labrador.ingest.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.code.CodeChunker;
import org.labrador.ingest.git.GitSource;
import org.labrador.ingest.git.GitSourceSettings;
import org.labrador.models.embedding.LocalEmbedding;
import org.labrador.retrieval.Chunk;
import org.labrador.retrieval.ChunkIndex;

/**
 * A file that failed to index at one commit is read again at the next sync even though the diff
 * to the next commit does not name it, so its stale passages do not outlive a transient failure.
 */
class GitRetrySyncTest {

    private static final PersonIdent AUTHOR = new PersonIdent("Ada Analyst", "ada@example.org");
    private static LocalEmbedding realEmbedding;

    @TempDir
    Path tmp;

    private Git upstream;
    private GitSource source;
    /** Texts the embedder refuses once, as an embedding service that times out would. */
    private final Set<String> failOnce = new HashSet<>();
    private LocalEmbedding flaky;

    @BeforeAll
    static void loadModel() {
        realEmbedding = LocalEmbedding.named("all-minilm-l6-v2-q");
    }

    @BeforeEach
    void setUp() throws Exception {
        upstream = Git.init().setDirectory(tmp.resolve("upstream").toFile()).setInitialBranch("main").call();
        EmbeddingModel model = new EmbeddingModel() {
            @Override
            public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
                for (TextSegment segment : segments) {
                    if (failOnce.removeIf(marker -> segment.text().contains(marker))) {
                        throw new IllegalStateException("embedding service timed out");
                    }
                }
                return realEmbedding.model().embedAll(segments);
            }
        };
        flaky = new LocalEmbedding(realEmbedding.name(), model, realEmbedding.queryPrefix(), realEmbedding.dimension(),
                realEmbedding.relevanceThreshold());
        source = new GitSource(new GitSourceSettings("analysis", tmp.resolve("upstream").toString(), null, null,
                List.of(), 2_000), tmp.resolve("clone"), name -> null);
    }

    @AfterEach
    void close() {
        source.close();
        upstream.close();
    }

    @Test
    void aFileThatFailedIsReadAgainWhenTheNextCommitChangesAnotherFile() throws Exception {
        write("reco/alpha.py", "def alpha_v1(x):\n    return x\n");
        write("reco/beta.py", "def beta(x):\n    return 2 * x\n");
        commit("first");
        try (ChunkIndex index = ChunkIndex.open(tmp.resolve("index"))) {
            assertThat(sync(index).indexed()).isEqualTo(2);

            // commit A: alpha changes, and embedding it fails once
            write("reco/alpha.py", "def alpha_v2(x):\n    return x + 1\n");
            commit("alpha v2");
            failOnce.add("alpha_v2");
            SyncReport atA = sync(index);
            assertThat(atA.skipped()).extracting(SyncReport.Skipped::path).containsExactly("reco/alpha.py");
            assertThat(texts(index, "reco/alpha.py")).contains("alpha_v1"); // the last good passages stay
            assertThat(index.commitData().get(SourceSync.retryKey("analysis"))).isEqualTo("reco/alpha.py");

            // commit B: only beta changes; the diff A..B does not name alpha
            write("reco/beta.py", "def beta(x):\n    return 3 * x\n");
            commit("beta");
            SyncReport atB = sync(index);
            assertThat(atB.indexed()).isEqualTo(2);
            assertThat(atB.skipped()).isEmpty();
            assertThat(texts(index, "reco/alpha.py")).contains("alpha_v2").doesNotContain("alpha_v1");
            assertThat(index.commitData().get(SourceSync.retryKey("analysis"))).isEmpty();

            // commit C: nothing failed before, so an untouched file is not read again
            write("reco/gamma.py", "GAMMA = 1\n");
            commit("gamma");
            SyncReport atC = sync(index);
            assertThat(atC.indexed()).isEqualTo(1);
            assertThat(atC.unchanged()).isEqualTo(2);
        }
    }

    @Test
    void aFileThatTurnedBadIsRetriedAndTooManyFailuresMeanAFullComparison() throws Exception {
        write("notes/run.txt", "Run notes.\n");
        write("reco/alpha.py", "def alpha(x):\n    return x\n");
        commit("first");
        try (ChunkIndex index = ChunkIndex.open(tmp.resolve("index"))) {
            sync(index);
            writeBytes("notes/run.txt", new byte[] {'c', 'a', 'f', (byte) 0xE9, '\n'}); // Latin-1, not UTF-8
            for (int i = 0; i <= SourceSync.MAX_RETRY_PATHS; i++) {
                writeBytes("legacy/log" + i + ".txt", new byte[] {'r', 'u', 'n', (byte) 0xFF, '\n'});
            }
            commit("legacy logs");
            SyncReport bad = sync(index);
            assertThat(bad.skipped()).hasSize(SourceSync.MAX_RETRY_PATHS + 2);
            assertThat(texts(index, "notes/run.txt")).contains("Run notes."); // last good passages stay
            assertThat(index.commitData().get(SourceSync.retryKey("analysis"))).isEqualTo("*");

            for (int i = 0; i <= SourceSync.MAX_RETRY_PATHS; i++) {
                Files.delete(tmp.resolve("upstream/legacy/log" + i + ".txt"));
            }
            upstream.rm().addFilepattern("legacy").call();
            commit("drop logs");
            assertThat(sync(index).skipped()).extracting(SyncReport.Skipped::path).containsExactly("notes/run.txt");
            assertThat(index.commitData().get(SourceSync.retryKey("analysis"))).isEqualTo("notes/run.txt");
        }
    }

    @Test
    void aChangedEmbeddingModelReadsEveryFileAgainWhateverTheDiffSays() throws Exception {
        write("reco/alpha.py", "def alpha(x):\n    return x\n");
        write("reco/beta.py", "def beta(x):\n    return 2 * x\n");
        commit("first");
        try (ChunkIndex index = ChunkIndex.open(tmp.resolve("index"))) {
            sync(index);
            write("reco/beta.py", "def beta(x):\n    return 3 * x\n");
            commit("beta");
            LocalEmbedding renamed = new LocalEmbedding("another-model", realEmbedding.model(),
                    realEmbedding.queryPrefix(), realEmbedding.dimension(), realEmbedding.relevanceThreshold());
            SyncReport report = new SourceSync(index, renamed, new DocumentChunker(350, 40), new CodeChunker(350))
                    .sync(source, LinkTemplate.VIEWER, p -> { });
            assertThat(report.indexed()).isEqualTo(2);
        }
    }

    private SyncReport sync(ChunkIndex index) throws IOException {
        return new SourceSync(index, flaky, new DocumentChunker(350, 40), new CodeChunker(350))
                .sync(source, LinkTemplate.VIEWER, p -> { });
    }

    private static String texts(ChunkIndex index, String path) throws IOException {
        return String.join("\n", index.chunks("analysis", path).stream().map(Chunk::text).toList());
    }

    private void write(String path, String text) throws IOException {
        Path file = tmp.resolve("upstream").resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private void writeBytes(String path, byte[] bytes) throws IOException {
        Path file = tmp.resolve("upstream").resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    private void commit(String message) throws Exception {
        upstream.add().addFilepattern(".").call();
        upstream.commit().setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).call();
    }
}
