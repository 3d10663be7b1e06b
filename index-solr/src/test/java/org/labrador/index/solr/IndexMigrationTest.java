package org.labrador.index.solr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.labrador.index.solr.testing.SolrCluster;
import org.labrador.index.solr.testing.SolrClusterExtension;
import org.labrador.retrieval.Chunk;
import org.labrador.retrieval.ChunkIndex;
import org.labrador.retrieval.Hit;
import org.labrador.retrieval.IndexedDocument;
import org.labrador.retrieval.ReadAccess;
import org.labrador.retrieval.SearchMode;
import org.labrador.retrieval.SearchRequest;
import org.labrador.retrieval.StoredPassages;

/**
 * {@code labrador index migrate}: an embedded index copied into a collection keeps every passage,
 * citation field, group and embedding (nothing re-embedded) and the commit data, and the collection
 * then answers as the embedded index did.
 */
@ExtendWith(SolrClusterExtension.class)
class IndexMigrationTest {

    @TempDir
    Path embeddedDir;

    @Test
    void copiesEveryPassageWithItsEmbeddingAndAnswersAsTheEmbeddedIndex() throws IOException {
        EmbeddingModel embeddings = new AllMiniLmL6V2QuantizedEmbeddingModel();
        String[] topics = {"photomultiplier gain calibration with LED pulses", "S1 area threshold in the cut file",
            "drift field and electron lifetime", "neutron veto tagging efficiency", "GPS clock synchronisation of digitizers",
            "krypton calibration source injection", "fiducial volume near the TPC walls", "radon emanation measurements"};
        try (ChunkIndex embedded = ChunkIndex.open(embeddedDir)) {
            for (int d = 0; d < 40; d++) {
                List<Chunk> chunks = new ArrayList<>();
                List<float[]> vectors = new ArrayList<>();
                for (int c = 0; c < 3; c++) {
                    String text = "Note " + d + "." + c + " on " + topics[(d + c) % topics.length] + ", run " + (d * 3 + c) + ".";
                    chunks.add(new Chunk("n" + d + "-" + c, d % 2 == 0 ? "wiki" : "papers", "n" + d + ".md", "Note " + d,
                            List.of("Note " + d), c * 5 + 1, c * 5 + 4, text, "", "hash" + d,
                            d % 5 == 0 ? List.of("Calib" + d) : List.of(), d % 2 == 0 ? 0 : c + 1, d % 2 == 0 ? 0 : c + 1,
                            "2026-11-0" + (1 + d % 9), d % 4 == 0 ? List.of("lz") : List.of("xenon", "dm")));
                    vectors.add(embeddings.embed(TextSegment.from(text)).content().vector());
                }
                embedded.replaceDocument(new IndexedDocument(chunks.getFirst().source(), "n" + d + ".md", "Note " + d,
                        "hash" + d, "minilm", 3, Instant.ofEpochSecond(1_700_000_000L + d)), chunks, vectors);
            }
            embedded.commit(Map.of("labrador.synced.wiki", "2026-11-30T10:00:00Z", "labrador.groups.papers", "dm,xenon"));
        }

        SolrSettings settings = SolrCluster.shared().newCollection("migrated", 384);
        List<String> progress = new ArrayList<>();
        try (StoredPassages from = StoredPassages.open(embeddedDir);
             SolrPassageIndex to = SolrPassageIndex.connect(settings);
             ChunkIndex embedded = ChunkIndex.open(embeddedDir)) {
            IndexMigration.Report report = IndexMigration.copy(from, to, progress::add);

            assertThat(report.complete()).isTrue();
            assertThat(report.documents()).isEqualTo(40);
            assertThat(report.passages()).isEqualTo(120);
            assertThat(progress.getFirst()).contains("40 documents (120 passages)");
            assertThat(to.commitData()).containsEntry("labrador.synced.wiki", "2026-11-30T10:00:00Z")
                    .containsEntry("labrador.groups.papers", "dm,xenon");
            assertThat(to.documents("papers")).isEqualTo(embedded.documents("papers"));
            assertThat(to.chunks("wiki", "n4.md")).isEqualTo(embedded.chunks("wiki", "n4.md"));
            assertThat(to.chunks("papers", "n5.md")).isEqualTo(embedded.chunks("papers", "n5.md"));

            float[] query = embeddings.embed(TextSegment.from("how is the PMT gain calibrated?")).content().vector();
            for (ReadAccess access : List.of(ReadAccess.everything(), ReadAccess.groups(Set.of("lz")), ReadAccess.groups(Set.of("dm")))) {
                SearchRequest vector = new SearchRequest("how is the PMT gain calibrated?", SearchMode.VECTOR, 5, Set.of(), access);
                List<Hit> before = embedded.search(vector, query);
                List<Hit> after = to.search(vector, query);
                assertThat(ids(after)).isEqualTo(ids(before));
                for (int i = 0; i < before.size(); i++) {
                    assertThat(after.get(i).similarity()).isCloseTo(before.get(i).similarity(), within(1e-5));
                }
                for (SearchMode mode : List.of(SearchMode.BM25, SearchMode.HYBRID)) {
                    SearchRequest request = new SearchRequest("krypton calibration source", mode, 3, Set.of(), access);
                    SearchRequest deeper = new SearchRequest(request.text(), mode, 40, Set.of(), access);
                    sameRanking(mode.name(), embedded.search(request, query), embedded.search(deeper, query),
                            to.search(request, query));
                }
            }
        }
    }

    /**
     * The same scores rank for rank (BM25 statistics summed over the shards, the same fusion), and
     * the same passage at each rank whose score is not tied (ties fall in either order).
     */
    private static void sameRanking(String what, List<Hit> expected, List<Hit> deeper, List<Hit> actual) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).score()).as(what + " score at " + i).isCloseTo(expected.get(i).score(), within(1e-4));
            double score = expected.get(i).score();
            boolean tied = deeper.stream().filter(h -> Math.abs(h.score() - score) < 1e-4).count() > 1;
            if (!tied) {
                assertThat(actual.get(i).chunk().id()).as(what + " passage at " + i).isEqualTo(expected.get(i).chunk().id());
            }
        }
    }

    private static List<String> ids(List<Hit> hits) {
        return hits.stream().map(h -> h.chunk().id()).toList();
    }
}
