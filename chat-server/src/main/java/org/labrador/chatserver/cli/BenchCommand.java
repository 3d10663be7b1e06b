package org.labrador.chatserver.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.code.CodeChunker;
import org.labrador.ingest.docs.DocsFolder;
import org.labrador.ingest.sync.LinkTemplate;
import org.labrador.ingest.sync.SourceSync;
import org.labrador.ingest.sync.SyncReport;
import org.labrador.models.embedding.LocalEmbedding;
import org.labrador.retrieval.Chunk;
import org.labrador.retrieval.ChunkIndex;
import org.labrador.index.solr.SolrPassageIndex;
import org.labrador.index.solr.SolrSettings;
import org.labrador.retrieval.IndexedDocument;
import org.labrador.retrieval.PassageIndex;
import org.labrador.retrieval.ReadAccess;
import org.labrador.retrieval.Retriever;
import org.labrador.retrieval.SearchMode;
import org.labrador.retrieval.SearchRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The benchmark: ingest throughput on a real docs folder with the real embedding model, and
 * search latency per mode on synthetic indexes of growing size. Prints Markdown tables.
 */
@Command(name = "bench", description = "Measure ingest throughput and search latency; prints Markdown tables.")
public class BenchCommand implements Callable<Integer> {

    /** Commit key recording how many synthetic passages an index holds. */
    private static final String BUILT_SIZE = "bench.synthetic-size";
    private static final double BULK_RAM_BUFFER_MB = 1024;

    @Option(names = "--docs", paramLabel = "DIR", defaultValue = "docs",
            description = "Docs folder to ingest for the throughput row (default ${DEFAULT-VALUE}).")
    Path docs;

    @Option(names = "--scifact", paramLabel = "DIR", defaultValue = "../shared/datasets/scifact",
            description = "BEIR SciFact folder; its first --abstracts abstracts become a second ingest row when present.")
    Path scifact;

    @Option(names = "--abstracts", defaultValue = "300", description = "Abstracts ingested from SciFact (default ${DEFAULT-VALUE}).")
    int abstracts;

    @Option(names = "--repo", paramLabel = "PATH|URL",
            description = "A Git repository to index in full and then re-sync after a one-file commit (a row of its own).")
    String repo;

    @Option(names = "--sizes", split = ",", defaultValue = "10000,100000",
            description = "Synthetic index sizes in chunks (default ${DEFAULT-VALUE}).")
    int[] sizes;

    @Option(names = "--index-cache", paramLabel = "DIR",
            description = "Keep the synthetic indexes in DIR and reuse them in later runs (a million chunks take long to build).")
    Path indexCache;

    @Option(names = "--queries", defaultValue = "300", description = "Queries per mode and size (default ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--solr-zk-hosts", paramLabel = "HOSTS",
            description = "Also measure search on a SolrCloud cluster (its ZooKeeper, zk1:2181/solr): the same synthetic"
                    + " passages in a collection labrador-bench-SIZE per size, 2 shards of 2 replicas (made and loaded when missing).")
    String solrZkHosts;

    @Option(names = "--embedding", defaultValue = "bge-small-en-v1.5-q", description = "Embedding model (default ${DEFAULT-VALUE}).")
    String embeddingModel;

    @Override
    public Integer call() throws IOException {
        Logging.quiet();
        LocalEmbedding embedding = LocalEmbedding.named(embeddingModel);
        Path work = Files.createTempDirectory("labrador-bench");
        System.out.printf("Labrador benchmark, %s, %d cores, %s %s, Java %s, embedding %s%n%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.version"), embedding.name());

        System.out.println("| ingest | files | chunks | seconds | files/s | chunks/s | embedding share |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        ingestRow("docs folder `" + docs + "`", docs, work.resolve("ingest-docs"), embedding);
        if (Files.isRegularFile(scifact.resolve("corpus.jsonl"))) {
            Path folder = SciFactFolder.write(scifact.resolve("corpus.jsonl"), work.resolve("scifact-docs"), abstracts);
            ingestRow("SciFact, " + abstracts + " abstracts", folder, work.resolve("ingest-scifact"), embedding);
        }

        if (repo != null) {
            RepositoryBench.run(repo, work.resolve("repo"), embedding);
        }

        System.out.println();
        System.out.println("| chunks | mode | p50 ms | p95 ms | p99 ms | queries/s | index MB |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|");
        for (int size : sizes) {
            searchRows(size, (indexCache != null ? indexCache : work).resolve("search-" + size), embedding);
        }
        if (solrZkHosts != null) {
            System.out.printf("%nThe same on SolrCloud (%s; 2 shards of 2 replicas; index MB: one copy):%n%n", solrZkHosts);
            System.out.println("| chunks | mode | p50 ms | p95 ms | p99 ms | queries/s | index MB |");
            System.out.println("|---:|---|---:|---:|---:|---:|---:|");
            for (int size : sizes) {
                solrSearchRows(size, embedding);
            }
        }
        System.out.printf("%nQuery embedding (%s): %s%n", embedding.name(), queryEmbeddingLatency(embedding));
        System.out.printf("Peak heap: %d MB (max heap %d MB)%n", peakHeapBytes() >> 20, Runtime.getRuntime().maxMemory() >> 20);
        return 0;
    }

    private static void ingestRow(String label, Path folder, Path indexDir, LocalEmbedding embedding) throws IOException {
        try (ChunkIndex index = ChunkIndex.open(indexDir)) {
            SourceSync sync = sourceSync(index, embedding);
            SyncReport r = sync.sync(new DocsFolder("bench", folder, 5_000_000), LinkTemplate.VIEWER, p -> { });
            double s = r.elapsed().toNanos() / 1e9;
            System.out.printf("| %s | %d | %d | %.1f | %.1f | %.1f | %.0f%% |%n", label, r.files(), r.chunks(), s,
                    r.files() / s, r.chunks() / s, 100.0 * r.embeddingTime().toNanos() / r.elapsed().toNanos());
        }
    }

    static SourceSync sourceSync(ChunkIndex index, LocalEmbedding embedding) {
        return new SourceSync(index, embedding, new DocumentChunker(350, 40), new CodeChunker(350));
    }

    /** Synthetic passages: Zipf-distributed words and random unit vectors, so that only size matters. */
    private void searchRows(int size, Path dir, LocalEmbedding embedding) throws IOException {
        Random random = new Random(42);
        SyntheticText text = new SyntheticText(random);
        int dim = embedding.dimension();
        try (ChunkIndex index = ChunkIndex.openForBulkLoad(dir, BULK_RAM_BUFFER_MB)) {
            String built = index.commitData().get(BUILT_SIZE);
            if (built == null || Integer.parseInt(built) != size) {
                buildSynthetic(index, size, dim);
            }
            measureSearch(index, size, random, text, dim);
        }
    }

    /** The same passages and queries on a SolrCloud collection (see {@code --solr-zk-hosts}). */
    private void solrSearchRows(int size, LocalEmbedding embedding) throws IOException {
        Random random = new Random(42);
        SyntheticText text = new SyntheticText(random);
        int dim = embedding.dimension();
        SolrSettings settings = new SolrSettings(solrZkHosts, List.of(), "labrador-bench-" + size, "labrador-bench", 2, 2, dim,
                java.time.Duration.ofSeconds(60));
        try (SolrPassageIndex index = SolrPassageIndex.connect(settings)) {
            String built = index.commitData().get(BUILT_SIZE);
            if (built == null || Integer.parseInt(built) != size) {
                index.deleteSource("bench");
                buildSynthetic(index, size, dim);
            }
            measureSearch(index, size, random, text, dim);
        }
    }

    private void measureSearch(PassageIndex index, int size, Random random, SyntheticText text, int dim) throws IOException {
        for (SearchMode mode : SearchMode.values()) {
            for (int w = 0; w < 50; w++) { // warm-up
                index.search(new SearchRequest(text.words(5), mode, 10, Set.of(), ReadAccess.everything()), randomVector(random, dim));
            }
            long[] nanos = new long[queries];
            long start = System.nanoTime();
            for (int q = 0; q < queries; q++) {
                SearchRequest request = new SearchRequest(text.words(5), mode, 10, Set.of(), ReadAccess.everything());
                float[] vector = randomVector(random, dim);
                long t0 = System.nanoTime();
                index.search(request, mode == SearchMode.BM25 ? null : vector);
                nanos[q] = System.nanoTime() - t0;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(nanos);
            System.out.printf("| %,d | %s | %.2f | %.2f | %.2f | %.0f | %.0f |%n", size, mode.name().toLowerCase(),
                    pct(nanos, 50), pct(nanos, 95), pct(nanos, 99), queries / seconds, index.stats().sizeOnDiskBytes() / 1e6);
        }
    }

    /**
     * Fills {@code index} with {@code size} synthetic passages on every core (one Lucene indexing
     * thread each) and records the size in the commit, so that {@code --index-cache} can reuse it.
     */
    private static void buildSynthetic(PassageIndex index, int size, int dim) throws IOException {
        int threads = Runtime.getRuntime().availableProcessors();
        int perDoc = 10;
        int documents = size / perDoc;
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int part = t;
                parts.add(pool.submit(() -> {
                    Random random = new Random(1000L + part);
                    SyntheticText text = new SyntheticText(random);
                    SolrBatch batch = index instanceof SolrPassageIndex solr ? new SolrBatch(solr) : null;
                    for (int d = part; d < documents; d += threads) {
                        String path = "doc" + d + ".md";
                        List<Chunk> chunks = new ArrayList<>(perDoc);
                        List<float[]> vectors = new ArrayList<>(perDoc);
                        for (int c = 0; c < perDoc; c++) {
                            chunks.add(new Chunk(d + "-" + c, "bench", path, text.words(4), List.of(text.words(3)),
                                    c * 10 + 1, c * 10 + 10, text.words(120), "", "h"));
                            vectors.add(randomVector(random, dim));
                        }
                        IndexedDocument record = new IndexedDocument("bench", path, "t", "h", "synthetic", perDoc, Instant.now());
                        if (batch != null) {
                            batch.add(record, chunks, vectors);
                        } else {
                            index.replaceDocument(record, chunks, vectors);
                        }
                    }
                    if (batch != null) {
                        batch.flush();
                    }
                    return null;
                }));
            }
            for (Future<?> part : parts) {
                part.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while building the synthetic index", e);
        } catch (ExecutionException e) {
            throw new IOException("building the synthetic index failed", e.getCause());
        }
        index.commit(Map.of(BUILT_SIZE, Integer.toString(size)));
        System.err.printf("built a synthetic index of %,d chunks in %.0f s on %d threads%n",
                size, (System.nanoTime() - start) / 1e9, threads);
    }

    /** Documents sent to Solr a hundred at a time: one request per document would measure the network. */
    private static final class SolrBatch {
        private final SolrPassageIndex index;
        private final List<IndexedDocument> records = new ArrayList<>();
        private final List<List<Chunk>> chunks = new ArrayList<>();
        private final List<List<float[]>> vectors = new ArrayList<>();

        SolrBatch(SolrPassageIndex index) {
            this.index = index;
        }

        void add(IndexedDocument record, List<Chunk> documentChunks, List<float[]> documentVectors) throws IOException {
            records.add(record);
            chunks.add(documentChunks);
            vectors.add(documentVectors);
            if (records.size() == 100) {
                flush();
            }
        }

        void flush() throws IOException {
            index.replaceDocuments(records, chunks, vectors);
            records.clear();
            chunks.clear();
            vectors.clear();
        }
    }

    private static String queryEmbeddingLatency(LocalEmbedding embedding) {
        Retriever retriever = new Retriever(null, embedding.model(), embedding.queryPrefix());
        long[] nanos = new long[50];
        for (int i = 0; i < nanos.length; i++) {
            long t0 = System.nanoTime();
            retriever.embedQuery("how is the S1 area threshold chosen for run " + i);
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        return String.format("p50 %.1f ms, p95 %.1f ms", pct(nanos, 50), pct(nanos, 95));
    }

    private static double pct(long[] sortedNanos, int percentile) {
        int i = (int) Math.ceil(percentile / 100.0 * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(i, sortedNanos.length - 1))] / 1e6;
    }

    private static float[] randomVector(Random random, int dim) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private static long peakHeapBytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    /** Words drawn from a Zipf-like distribution over a fixed vocabulary, as in natural text. */
    private static final class SyntheticText {
        private final Random random;
        private final String[] vocabulary = new String[20_000];

        SyntheticText(Random random) {
            this.random = random;
            for (int i = 0; i < vocabulary.length; i++) {
                vocabulary[i] = Integer.toString(i * 7919 + 1000, 36);
            }
        }

        String words(int n) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < n; i++) {
                int rank = (int) Math.min(vocabulary.length - 1, Math.floor(Math.pow(vocabulary.length, random.nextDouble())) - 1);
                out.append(i == 0 ? "" : " ").append(vocabulary[Math.max(0, rank)]);
            }
            return out.toString();
        }
    }
}
