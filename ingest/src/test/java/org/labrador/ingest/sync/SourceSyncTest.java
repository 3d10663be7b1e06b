package org.labrador.ingest.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.code.CodeChunker;
import org.labrador.ingest.docs.DocsFolder;
import org.labrador.models.EmbeddingUnavailableException;
import org.labrador.models.embedding.LocalEmbedding;
import org.labrador.retrieval.Chunk;
import org.labrador.retrieval.ChunkIndex;
import org.labrador.retrieval.ReadAccess;
import org.labrador.retrieval.Retriever;
import org.labrador.retrieval.SearchMode;
import org.labrador.retrieval.SearchRequest;

class SourceSyncTest {

    private static LocalEmbedding realEmbedding;

    @TempDir
    Path folder;
    @TempDir
    Path indexDir;

    /** Counts the passages embedded, and can fail after a number of calls to simulate a crash. */
    private final AtomicInteger embedded = new AtomicInteger();
    private volatile int failAfterCalls = Integer.MAX_VALUE;
    private final AtomicInteger calls = new AtomicInteger();
    private volatile java.util.function.Supplier<RuntimeException> failWith = null;
    private LocalEmbedding counting;

    @BeforeAll
    static void loadModel() {
        realEmbedding = LocalEmbedding.named("all-minilm-l6-v2-q");
    }

    @BeforeEach
    void wrapModel() {
        EmbeddingModel model = new EmbeddingModel() {
            @Override
            public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
                if (calls.incrementAndGet() > failAfterCalls) {
                    if (failWith != null) {
                        throw failWith.get();
                    }
                    throw new SimulatedCrash();
                }
                embedded.addAndGet(segments.size());
                return realEmbedding.model().embedAll(segments);
            }
        };
        counting = new LocalEmbedding(realEmbedding.name(), model, realEmbedding.queryPrefix(),
                realEmbedding.dimension(), realEmbedding.relevanceThreshold());
    }

    @Test
    void indexesChunksWithPathsHeadingsAndLines() throws IOException {
        write("guide/install.md", """
                # Installation

                ## With conda

                Create the environment with `conda env create -f environment.yml`.
                """);
        try (ChunkIndex index = ChunkIndex.open(indexDir)) {
            SyncReport report = sync(index);
            assertThat(report.indexed()).isEqualTo(1);
            Chunk chunk = index.chunks("docs", "guide/install.md").stream()
                    .filter(c -> c.text().contains("conda env create")).findFirst().orElseThrow();
            assertThat(chunk.title()).isEqualTo("Installation");
            assertThat(chunk.headings()).containsExactly("Installation", "With conda");
            assertThat(chunk.startLine()).isLessThanOrEqualTo(5);
            assertThat(chunk.endLine()).isGreaterThanOrEqualTo(5);
            assertThat(chunk.uri()).isEqualTo("/source/docs/guide/install.md?lines=" + chunk.startLine() + "-" + chunk.endLine());
        }
    }

    @Test
    void resyncEmbedsOnlyChangedFilesAndRemovesDeletedOnes() throws IOException {
        write("a.md", "# A\n\nAlpha decay of radon.\n");
        write("b.md", "# B\n\nBeta spectrum of tritium.\n");
        write("c.md", "# C\n\nGamma lines of cobalt.\n");
        try (ChunkIndex index = ChunkIndex.open(indexDir)) {
            assertThat(sync(index).indexed()).isEqualTo(3);
            List<String> idsBefore = chunkIds(index, "a.md");

            write("b.md", "# B\n\nBeta spectrum of krypton-85.\n");
            Files.delete(folder.resolve("c.md"));
            embedded.set(0);
            SyncReport report = sync(index);

            assertThat(report.indexed()).isEqualTo(1);
            assertThat(report.unchanged()).isEqualTo(1);
            assertThat(report.deleted()).isEqualTo(1);
            assertThat(embedded.get()).isEqualTo(index.chunks("docs", "b.md").size());
            assertThat(index.documents("docs")).containsOnlyKeys("a.md", "b.md");
            assertThat(chunkIds(index, "a.md")).as("stable chunk ids").isEqualTo(idsBefore);
            Retriever retriever = new Retriever(index, realEmbedding.model(), "");
            assertThat(retriever.search(new SearchRequest("krypton", SearchMode.BM25, 5, java.util.Set.of(), ReadAccess.everything())))
                    .extracting(h -> h.chunk().path()).containsExactly("b.md");
            assertThat(retriever.search(new SearchRequest("cobalt", SearchMode.BM25, 5, java.util.Set.of(), ReadAccess.everything()))).isEmpty();
        }
    }

    @Test
    void badFilesAreSkippedAndReportedWithoutStoppingTheSync() throws IOException {
        write("good.md", "# Good\n\nThe drift velocity is 1.5 mm/us.\n");
        Files.write(folder.resolve("binary.txt"), new byte[] {'a', 0, 1, 2, 3});
        Files.write(folder.resolve("latin1.txt"), "Zürich".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        write("huge.md", "# Huge\n\n" + "word ".repeat(3000));
        try (ChunkIndex index = ChunkIndex.open(indexDir)) {
            SyncReport report = new SourceSync(index, counting, new DocumentChunker(350, 40), new CodeChunker(350))
                    .sync(new DocsFolder("docs", folder, 10_000), LinkTemplate.VIEWER, p -> { });
            assertThat(report.indexed()).isEqualTo(1);
            assertThat(report.skipped()).extracting(SyncReport.Skipped::path)
                    .containsExactlyInAnyOrder("binary.txt", "latin1.txt", "huge.md");
            assertThat(report.skipped()).extracting(SyncReport.Skipped::reason)
                    .anySatisfy(r -> assertThat(r).contains("binary"))
                    .anySatisfy(r -> assertThat(r).contains("UTF-8"))
                    .anySatisfy(r -> assertThat(r).contains("over the limit"));
            assertThat(index.documents("docs")).containsOnlyKeys("good.md");
        }
    }

    @Test
    void aSyncKilledHalfwayLeavesAnIndexThatOpensAndTheNextSyncCompletesIt() throws IOException {
        for (int i = 0; i < 60; i++) {
            write(String.format("notes/note%02d.md", i), "# Note " + i + "\n\nMeasurement " + i + " of the electron lifetime.\n");
        }
        failAfterCalls = 40; // one embedAll call per file: dies on the 41st file, after a commit at 25
        try (ChunkIndex index = ChunkIndex.open(indexDir)) {
            // Closing without commit drops what the crash interrupted, as a killed process would.
            assertThatThrownBy(() -> sync(index)).isInstanceOf(SimulatedCrash.class);
        }
        failAfterCalls = Integer.MAX_VALUE;
        try (ChunkIndex index = ChunkIndex.open(indexDir)) {
            int survived = index.documents("docs").size();
            assertThat(survived).as("committed before the crash").isBetween(25, 59);
            embedded.set(0);
            SyncReport report = sync(index);
            assertThat(report.unchanged()).isEqualTo(survived);
            assertThat(report.indexed()).isEqualTo(60 - survived);
            assertThat(index.documents("docs")).hasSize(60);
        }
    }

    @Test
    void anEmbeddingServerThatGoesAwayStopsTheSyncWithItsFixAndLosesNothing() throws IOException {
        for (int i = 0; i < 10; i++) {
            write(String.format("notes/note%02d.md", i), "# Note " + i + "\n\nCalibration " + i + " of the PMT gains.\n");
        }
        try (ChunkIndex index = ChunkIndex.open(indexDir)) {
            assertThat(sync(index).indexed()).isEqualTo(10);
            for (int i = 0; i < 10; i++) {
                write(String.format("notes/note%02d.md", i), "# Note " + i + "\n\nRecalibration " + i + " of the PMT gains.\n");
            }
            calls.set(0);
            failWith = () -> new EmbeddingUnavailableException("No Ollama server answers at http://gpu01:11434 for the"
                    + " embedding model nomic-embed-text. Start it with `ollama serve`.", null);
            failAfterCalls = 4;

            assertThatThrownBy(() -> sync(index)).isInstanceOf(IOException.class)
                    .hasMessageContaining("No Ollama server answers at http://gpu01:11434");

            assertThat(index.documents("docs")).as("no document lost to the outage").hasSize(10);
            long recalibrated = index.documents("docs").keySet().stream()
                    .filter(path -> texts(index, path).contains("Recalibration")).count();
            assertThat(recalibrated).as("the four embedded before the outage are kept").isEqualTo(4);
        }
        failAfterCalls = Integer.MAX_VALUE;
        try (ChunkIndex index = ChunkIndex.open(indexDir)) {
            SyncReport report = sync(index);
            assertThat(report.unchanged()).isEqualTo(4);
            assertThat(report.indexed()).isEqualTo(6);
        }
    }

    private static String texts(ChunkIndex index, String path) {
        try {
            return index.chunks("docs", path).stream().map(Chunk::text).reduce("", String::concat);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** An Error, not an exception: like a kill, nothing in the sync may catch it. */
    private static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash");
        }
    }

    private SyncReport sync(ChunkIndex index) throws IOException {
        List<SyncProgress> progress = new ArrayList<>();
        SyncReport report = new SourceSync(index, counting, new DocumentChunker(350, 40), new CodeChunker(350))
                .sync(new DocsFolder("docs", folder, 5_000_000), LinkTemplate.VIEWER, progress::add);
        assertThat(progress.getLast().filesDone()).isEqualTo(progress.getLast().filesTotal());
        return report;
    }

    private static List<String> chunkIds(ChunkIndex index, String path) throws IOException {
        return index.chunks("docs", path).stream().map(Chunk::id).toList();
    }

    private void write(String path, String text) throws IOException {
        Path file = folder.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
