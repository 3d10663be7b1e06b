package org.labrador.index.solr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.labrador.index.solr.testing.SolrCluster;
import org.labrador.index.solr.testing.SolrClusterExtension;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.code.CodeChunker;
import org.labrador.ingest.docs.DocsFolder;
import org.labrador.ingest.sync.LinkTemplate;
import org.labrador.ingest.sync.SourceSync;
import org.labrador.ingest.sync.SyncReport;
import org.labrador.models.embedding.LocalEmbedding;
import org.labrador.retrieval.Chunk;
import org.labrador.retrieval.Hit;
import org.labrador.retrieval.IndexedDocument;
import org.labrador.retrieval.ReadAccess;
import org.labrador.retrieval.SearchMode;
import org.labrador.retrieval.SearchRequest;

/**
 * Losing a node of the two-node cluster (each node holds one replica of each of the two shards):
 * searches running at the time all get their answers and no passage is lost; a sync cut by the
 * loss completes when run again, and the returning node's replicas catch up.
 */
@ExtendWith(SolrClusterExtension.class)
class SolrFailoverTest {

    private static final int DIMENSION = 384;
    private final SolrCluster cluster = SolrCluster.shared();
    private final AtomicBoolean nodeDown = new AtomicBoolean();

    @TempDir
    Path folder;

    @AfterEach
    void restartNode() throws IOException, InterruptedException {
        if (nodeDown.getAndSet(false)) {
            cluster.startNode(1);
        }
    }

    @Test
    void stoppingANodeUnderSearchLoadLosesNoSearchAndNoPassage() throws Exception {
        SolrSettings settings = cluster.newCollection("failover", DIMENSION);
        try (SolrPassageIndex index = SolrPassageIndex.connect(settings)) {
            Random random = new Random(3);
            int documents = 60;
            for (int d = 0; d < documents; d++) {
                List<Chunk> chunks = new ArrayList<>();
                List<float[]> vectors = new ArrayList<>();
                for (int c = 0; c < 5; c++) {
                    chunks.add(new Chunk("f" + d + "-" + c, "load", "f" + d + ".md", "file " + d, List.of(), c + 1, c + 1,
                            "alpha detector passage " + d + " part " + c + " word" + random.nextInt(50), "", "h"));
                    vectors.add(randomVector(random));
                }
                index.replaceDocument(new IndexedDocument("load", "f" + d + ".md", "file " + d, "h", "random", 5, Instant.now()),
                        chunks, vectors);
            }
            index.commit(Map.of());
            assertThat(index.stats().chunks()).isEqualTo(documents * 5);

            AtomicInteger answered = new AtomicInteger();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> searchers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int seed = t;
                searchers.add(Thread.ofPlatform().start(() -> {
                    Random queries = new Random(seed);
                    for (int q = 0; q < 5_000 && !stop.get(); q++) {
                        SearchMode mode = SearchMode.values()[q % 3];
                        try {
                            List<Hit> hits = index.search(new SearchRequest("alpha detector word" + queries.nextInt(50), mode, 5,
                                    Set.of(), ReadAccess.everything()), randomVector(queries));
                            if (hits.size() != 5) {
                                failures.add(mode + ": " + hits.size() + " hits");
                            }
                            answered.incrementAndGet();
                        } catch (IOException | RuntimeException e) {
                            failures.add(mode + ": " + e);
                        }
                    }
                }));
            }
            awaitAnswers(answered, 30);
            cluster.stopNode(1);
            nodeDown.set(true);
            int atLoss = answered.get();
            awaitAnswers(answered, atLoss + 150);
            assertThat(index.stats().chunks()).as("passages while a node is down").isEqualTo(documents * 5);
            assertThat(index.documents("load")).hasSize(documents);
            cluster.startNode(1);
            nodeDown.set(false);
            cluster.waitForActive(settings.collection(), 2, 4);
            int atReturn = answered.get();
            awaitAnswers(answered, atReturn + 60);
            stop.set(true);
            for (Thread searcher : searchers) {
                searcher.join();
            }
            assertThat(failures).as("searches that failed or came back short").isEmpty();
            assertThat(answered.get()).isGreaterThan(atReturn + 60);
            for (int i = 0; i < 10; i++) { // spread over the replicas, the returned ones included
                assertThat(index.stats().chunks()).isEqualTo(documents * 5);
            }
        }
    }

    @Test
    void aSyncCutByANodeLossCompletesWhenRunAgain() throws Exception {
        int files = 40;
        for (int i = 0; i < files; i++) {
            Files.writeString(folder.resolve("note" + i + ".md"), "# Note " + i + "\n\nRun " + i
                    + " of the neutron veto calibration used source position " + (i * 7) + ".\n");
        }
        LocalEmbedding real = LocalEmbedding.named("all-minilm-l6-v2-q");
        CountDownLatch lost = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        EmbeddingModel losingANode = new EmbeddingModel() {
            @Override
            public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
                if (calls.incrementAndGet() == 12) { // part-way: some files written, most not
                    try {
                        cluster.stopNode(1);
                        nodeDown.set(true);
                        lost.countDown();
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
                return real.model().embedAll(segments);
            }
        };
        LocalEmbedding embedding = new LocalEmbedding(real.name(), losingANode, real.queryPrefix(), real.dimension(),
                real.relevanceThreshold());
        SolrSettings base = cluster.newCollection("sync", DIMENSION);
        // A short retry, so that the loss is felt by the sync instead of waited out.
        SolrSettings impatient = new SolrSettings(base.zkHosts(), base.urls(), base.collection(), base.configSet(),
                base.shards(), base.replicas(), base.vectorDimension(), Duration.ofMillis(200));
        try (SolrPassageIndex index = SolrPassageIndex.connect(impatient)) {
            SourceSync sync = new SourceSync(index, embedding, new DocumentChunker(350, 40), new CodeChunker(350));
            String first;
            try {
                SyncReport report = sync.sync(new DocsFolder("notes", folder, 1_000_000), LinkTemplate.VIEWER, p -> { });
                first = "completed, " + report.indexed() + " indexed";
            } catch (IOException e) {
                first = "failed: " + e.getMessage();
            }
            assertThat(lost.await(0, TimeUnit.SECONDS)).as("the node was lost during the sync").isTrue();
            System.out.println("The sync cut by the node loss " + first);

            cluster.startNode(1);
            nodeDown.set(false);
            cluster.waitForActive(base.collection(), 2, 4);
            SyncReport again = sync.sync(new DocsFolder("notes", folder, 1_000_000), LinkTemplate.VIEWER, p -> { });
            assertThat(again.indexed() + again.unchanged()).isEqualTo(files);
            assertThat(index.documents("notes")).hasSize(files);
            for (int i = 0; i < 10; i++) { // spread over the replicas, the returned node's included
                assertThat(index.stats("notes").chunks()).isEqualTo(files);
            }
            for (int i : new int[] {0, 17, files - 1}) {
                List<Hit> hits = index.search(new SearchRequest("source position " + (i * 7), SearchMode.BM25, 1, Set.of(),
                        ReadAccess.everything()), null);
                assertThat(hits.getFirst().chunk().path()).isEqualTo("note" + i + ".md");
            }
        }
    }

    private static void awaitAnswers(AtomicInteger answered, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (answered.get() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(answered.get()).as("searches answered").isGreaterThanOrEqualTo(atLeast);
    }

    private static float[] randomVector(Random random) {
        float[] v = new float[DIMENSION];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}
