package org.labrador.retrieval.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.labrador.retrieval.Chunk;
import org.labrador.retrieval.ChunkIndex;
import org.labrador.retrieval.Hit;
import org.labrador.retrieval.IndexedDocument;
import org.labrador.retrieval.ReadAccess;
import org.labrador.retrieval.SearchMode;
import org.labrador.retrieval.SearchRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Top-10 search latency per mode through {@link ChunkIndex#search}, snippets and stored fields
 * included, on a synthetic index of 10,000 passages (1,000 documents of 10) with 384-dimensional
 * embeddings, the size of the app's embedding models. Sampled, so that the runner can report
 * percentiles. The query embedding is given: embedding the query is the model's cost, not the index's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SearchJmh {

    static final int PASSAGES = 10_000;
    static final int PASSAGES_PER_DOCUMENT = 10;
    static final int DIMENSION = 384;
    static final int WORDS_PER_PASSAGE = 120;
    static final int WORDS_PER_QUERY = 5;
    /** A power of two, so the next query is picked with a mask. */
    static final int QUERIES = 1024;

    @Param({"BM25", "VECTOR", "HYBRID"})
    public SearchMode mode;

    private Path directory;
    private ChunkIndex index;
    private final SearchRequest[] requests = new SearchRequest[QUERIES];
    private final float[][] queryVectors = new float[QUERIES][];
    /** Racy under several benchmark threads, which is harmless: it only picks the next query. */
    private int nextQuery;

    @Setup(Level.Trial)
    public void buildIndex() throws IOException {
        SyntheticPassages synthetic = new SyntheticPassages(42, 20_000);
        directory = Files.createTempDirectory("labrador-search-jmh");
        index = ChunkIndex.open(directory);
        for (int d = 0; d < PASSAGES / PASSAGES_PER_DOCUMENT; d++) {
            String path = "doc" + d + ".md";
            List<Chunk> chunks = new ArrayList<>(PASSAGES_PER_DOCUMENT);
            List<float[]> vectors = new ArrayList<>(PASSAGES_PER_DOCUMENT);
            for (int c = 0; c < PASSAGES_PER_DOCUMENT; c++) {
                int firstLine = c * 10 + 1;
                chunks.add(new Chunk(d + "-" + c, "bench", path, synthetic.words(4), List.of(synthetic.words(3)),
                        firstLine, firstLine + 9, synthetic.words(WORDS_PER_PASSAGE), "", "hash" + d));
                vectors.add(synthetic.unitVector(DIMENSION));
            }
            index.replaceDocument(new IndexedDocument("bench", path, "doc " + d, "hash" + d, "synthetic",
                    PASSAGES_PER_DOCUMENT, Instant.EPOCH), chunks, vectors);
        }
        index.commit(Map.of());
        // Reopen, as a server would: closing stops the merges the writes started, which would
        // otherwise compete with the first seconds of searching.
        index.close();
        index = ChunkIndex.open(directory);
        for (int q = 0; q < QUERIES; q++) {
            requests[q] = new SearchRequest(synthetic.words(WORDS_PER_QUERY), mode, 10, Set.of(), ReadAccess.everything());
            queryVectors[q] = synthetic.unitVector(DIMENSION);
        }
    }

    @TearDown(Level.Trial)
    public void deleteIndex() throws IOException {
        index.close();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Benchmark
    public List<Hit> search() throws IOException {
        int q = nextQuery++ & (QUERIES - 1);
        return index.search(requests[q], mode == SearchMode.BM25 ? null : queryVectors[q]);
    }
}
