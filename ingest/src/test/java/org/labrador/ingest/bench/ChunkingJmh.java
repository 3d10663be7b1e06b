package org.labrador.ingest.bench;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.labrador.ingest.bench.RepositoryFiles.TextFile;
import org.labrador.ingest.chunking.ChunkedDocument;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.code.ChunkedCode;
import org.labrador.ingest.code.CodeChunker;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Chunking throughput on this repository's own text, with the app's settings (350-token passages,
 * 40 tokens of overlap for prose): Markdown through {@link DocumentChunker}, Java and Python
 * through {@link CodeChunker}, which parses them with tree-sitter. One operation is one pass over
 * a whole corpus; the megabytes read and passages made are counted per second beside it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ChunkingJmh {

    static final String MARKDOWN_FILES = "**.md";
    static final String JAVA_FILES = "**/src/main/java/**.java";
    static final String PYTHON_FILES = "**.py";

    private final DocumentChunker documentChunker = new DocumentChunker(350, 40);
    private final CodeChunker codeChunker = new CodeChunker(350);
    private List<TextFile> markdown;
    private List<TextFile> java;
    private List<TextFile> python;

    @Setup(Level.Trial)
    public void readFiles() throws IOException {
        markdown = RepositoryFiles.matching(MARKDOWN_FILES);
        java = RepositoryFiles.matching(JAVA_FILES);
        python = RepositoryFiles.matching(PYTHON_FILES);
    }

    @Benchmark
    public void markdown(ChunkedVolume volume, Blackhole blackhole) {
        for (TextFile file : markdown) {
            ChunkedDocument chunked = documentChunker.chunk(file.path(), file.content());
            volume.add(file, chunked.passages().size());
            blackhole.consume(chunked);
        }
    }

    @Benchmark
    public void javaCode(ChunkedVolume volume, Blackhole blackhole) {
        chunkCode(java, volume, blackhole);
    }

    @Benchmark
    public void pythonCode(ChunkedVolume volume, Blackhole blackhole) {
        chunkCode(python, volume, blackhole);
    }

    private void chunkCode(List<TextFile> files, ChunkedVolume volume, Blackhole blackhole) {
        for (TextFile file : files) {
            ChunkedCode chunked = codeChunker.chunk(file.path(), file.content());
            volume.add(file, chunked.passages().size());
            blackhole.consume(chunked);
        }
    }

    /** JMH reports each public field per second of measured time, beside the corpus passes. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class ChunkedVolume {
        public double megabytes;
        public long passages;

        @Setup(Level.Iteration)
        public void reset() {
            megabytes = 0;
            passages = 0;
        }

        void add(TextFile file, int passageCount) {
            megabytes += file.bytes() / 1e6;
            passages += passageCount;
        }
    }
}
