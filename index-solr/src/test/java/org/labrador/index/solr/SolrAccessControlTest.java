package org.labrador.index.solr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.labrador.index.solr.testing.SolrCluster;
import org.labrador.index.solr.testing.SolrClusterExtension;
import org.labrador.retrieval.Chunk;
import org.labrador.retrieval.Hit;
import org.labrador.retrieval.IndexedDocument;
import org.labrador.retrieval.ReadAccess;
import org.labrador.retrieval.Retriever;
import org.labrador.retrieval.SearchMode;
import org.labrador.retrieval.SearchRequest;

/**
 * The leak tests (chat-server's AccessControlTest, at the index) on a SolrCloud collection:
 * alice (group xenon) and bob (group lz) search the same words in every mode; neither ever gets a
 * passage of the other's source, limiting a search to the other's source finds nothing, and the
 * vector side filters before it ranks, so a reader still gets their own nearest passages when many
 * closer ones belong to another group. Group names cannot smuggle in other groups.
 */
@ExtendWith(SolrClusterExtension.class)
class SolrAccessControlTest {

    private static final String SECRET = "lz-secret-cuts.toml";
    private static final ReadAccess ALICE = ReadAccess.groups(Set.of("xenon"));
    private static final ReadAccess BOB = ReadAccess.groups(Set.of("lz"));
    private static final String QUESTION = "S1 area threshold lz secret cuts toml";

    private static EmbeddingModel embeddings;
    private static SolrPassageIndex index;
    private static Retriever retriever;

    @BeforeAll
    static void index() throws IOException {
        embeddings = new AllMiniLmL6V2QuantizedEmbeddingModel();
        index = SolrPassageIndex.connect(SolrCluster.shared().newCollection("access", 384));
        retriever = new Retriever(index, embeddings, "");
        put("xenon-docs", "analysis/event-selection.md", List.of("xenon"),
                "The S1 area threshold s1_area_min is 3 photoelectrons for the xenon analysis.");
        put("lz-notes", "cuts.md", List.of("lz"),
                "The S1 area threshold for LZ lives in " + SECRET + ", with the other secret cuts.");
        put("handbook", "welcome.md", List.of(), "Everyone may read the S1 area threshold primer.");
        index.commit(Map.of());
    }

    @AfterAll
    static void close() throws IOException {
        if (index != null) {
            index.close();
        }
    }

    @Test
    void searchReturnsOnlyTheCallersSourcesInEveryMode() throws IOException {
        for (SearchMode mode : SearchMode.values()) {
            List<Hit> alice = retriever.search(new SearchRequest(QUESTION, mode, 20, Set.of(), ALICE));
            assertThat(alice).as(mode.name()).extracting(h -> h.chunk().source()).containsOnly("xenon-docs", "handbook");
            assertThat(alice).as(mode.name()).allSatisfy(h -> assertThat(h.chunk().text() + h.snippet()).doesNotContain(SECRET));
            List<Hit> bob = retriever.search(new SearchRequest(QUESTION, mode, 20, Set.of(), BOB));
            assertThat(bob).as(mode.name()).extracting(h -> h.chunk().source()).containsOnly("lz-notes", "handbook");
            List<Hit> everything = retriever.search(new SearchRequest(QUESTION, mode, 20, Set.of(), ReadAccess.everything()));
            assertThat(everything).as(mode.name()).extracting(h -> h.chunk().source())
                    .containsExactlyInAnyOrder("xenon-docs", "lz-notes", "handbook");
        }
    }

    @Test
    void limitingASearchToAnotherGroupsSourceFindsNothing() throws IOException {
        for (SearchMode mode : SearchMode.values()) {
            assertThat(retriever.search(new SearchRequest(QUESTION, mode, 20, Set.of("lz-notes"), ALICE))).as(mode.name()).isEmpty();
            assertThat(retriever.search(new SearchRequest(QUESTION, mode, 20, Set.of("xenon-docs"), BOB))).as(mode.name()).isEmpty();
        }
    }

    @Test
    void aGroupNameCannotStandForSeveralGroups() throws IOException {
        ReadAccess smuggler = ReadAccess.groups(Set.of("nobody,lz", "xenon lz", "lz\n"));
        for (SearchMode mode : SearchMode.values()) {
            assertThat(retriever.search(new SearchRequest(QUESTION, mode, 20, Set.of(), smuggler)))
                    .as(mode.name()).extracting(h -> h.chunk().source()).containsOnly("handbook");
        }
        assertThatThrownBy(() -> retriever.search(new SearchRequest(QUESTION, SearchMode.BM25, 5, Set.of(),
                ReadAccess.groups(Set.of("lz\u001fxenon"))))).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * 300 passages of lz lie nearer the query than any of xenon's (more than the 100 candidates a
     * vector search collects in each of the two shards): filtering after the graph search would leave alice with nothing,
     * or with lz's passages if the filter were missing; filtering inside it finds her own.
     */
    @Test
    void vectorSearchFiltersBeforeItRanks() throws IOException {
        float[] query = embeddings.embed(TextSegment.from("muon veto tagging efficiency")).content().vector();
        String source = "lz-crowd";
        for (int d = 0; d < 60; d++) {
            List<Chunk> chunks = new ArrayList<>();
            List<float[]> vectors = new ArrayList<>();
            for (int c = 0; c < 5; c++) {
                chunks.add(new Chunk("crowd" + d + "-" + c, source, "crowd" + d + ".md", "crowd", List.of(), c + 1, c + 1,
                        "lz crowd passage " + d + " " + c, "", "h", List.of(), 0, 0, "", List.of("lz")));
                vectors.add(nudged(query, d * 5 + c));
            }
            index.replaceDocument(new IndexedDocument(source, "crowd" + d + ".md", "crowd", "h", "minilm", 5, Instant.now()),
                    chunks, vectors);
        }
        put("xenon-docs", "veto.md", List.of("xenon"), "The xenon water tank acts as a Cherenkov muon veto.");
        index.commit(Map.of());
        try {
            for (SearchMode mode : List.of(SearchMode.VECTOR, SearchMode.HYBRID)) {
                List<Hit> alice = index.search(new SearchRequest("muon veto tagging efficiency", mode, 3, Set.of(), ALICE), query);
                assertThat(alice).as(mode.name()).isNotEmpty();
                assertThat(alice).as(mode.name()).extracting(h -> h.chunk().source()).doesNotContain(source, "lz-notes");
                assertThat(alice).as(mode.name()).extracting(h -> h.chunk().path()).contains("veto.md");
            }
            assertThat(index.search(new SearchRequest("muon veto", SearchMode.VECTOR, 3, Set.of(), BOB), query))
                    .extracting(h -> h.chunk().source()).containsOnly(source);
        } finally {
            index.deleteSource(source);
            index.deleteDocument("xenon-docs", "veto.md");
            index.commit(Map.of());
        }
    }

    @Test
    void retaggingASourceMovesItsPassagesToTheNewGroupAtOnce() throws IOException {
        put("moving", "notes.md", List.of("lz"), "The S1 area threshold of the moving notes.");
        index.commit(Map.of());
        try {
            assertThat(retriever.search(new SearchRequest(QUESTION, SearchMode.HYBRID, 20, Set.of("moving"), ALICE))).isEmpty();
            assertThat(index.regroup("moving", List.of("xenon"))).isEqualTo(1);
            index.commit(Map.of());
            for (SearchMode mode : SearchMode.values()) {
                assertThat(retriever.search(new SearchRequest(QUESTION, mode, 20, Set.of("moving"), ALICE))).as(mode.name()).hasSize(1);
                assertThat(retriever.search(new SearchRequest(QUESTION, mode, 20, Set.of("moving"), BOB))).as(mode.name()).isEmpty();
            }
            Hit moved = retriever.search(new SearchRequest("moving notes", SearchMode.VECTOR, 1, Set.of("moving"), ALICE)).getFirst();
            assertThat(moved.chunk().groups()).containsExactly("xenon");
            assertThat(moved.similarity()).isGreaterThan(0.5);
        } finally {
            index.deleteSource("moving");
            index.commit(Map.of());
        }
    }

    /** {@code base} turned a little, differently for each {@code seed}: all nearer the query than unrelated text. */
    private static float[] nudged(float[] base, int seed) {
        java.util.Random random = new java.util.Random(seed);
        float[] out = base.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += (float) (random.nextGaussian() * 0.002);
        }
        return out;
    }

    private static void put(String source, String path, List<String> groups, String text) throws IOException {
        Chunk chunk = new Chunk(path + "#0", source, path, path, List.of(), 1, 3, text, "", "h", List.of(), 0, 0, "", groups);
        index.replaceDocument(new IndexedDocument(source, path, path, "h", "minilm", 1, Instant.now()), List.of(chunk),
                List.of(embeddings.embed(TextSegment.from(text)).content().vector()));
    }
}
