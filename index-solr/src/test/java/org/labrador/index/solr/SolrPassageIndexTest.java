package org.labrador.index.solr;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The embedded index's search behaviour (retrieval's ChunkIndexTest) on a two-node SolrCloud
 * collection with two shards of two replicas: keywords, meaning and both, citations, source
 * filters, replacing and deleting documents, literal operators, snippets, symbols, code words,
 * path words, commit data, re-tagging.
 */
@ExtendWith(SolrClusterExtension.class)
class SolrPassageIndexTest {

    private static EmbeddingModel embeddings;
    private static SolrPassageIndex index;
    private static Retriever retriever;

    @BeforeAll
    static void open() throws IOException {
        embeddings = new AllMiniLmL6V2QuantizedEmbeddingModel();
        index = SolrPassageIndex.connect(SolrCluster.shared().newCollection("passages", 384));
        retriever = new Retriever(index, embeddings, "");
        indexDoc("docs", "detector/pmt.md", "Photomultipliers", List.of(),
                "The photomultiplier tubes are read out by digitizers at 100 MHz sampling rate.",
                "Gain calibration uses LED pulses once a week to measure single photoelectron spectra.");
        indexDoc("docs", "analysis/cuts.md", "Event selection", List.of(),
                "The S1 area threshold is set to 3 photoelectrons in the cut configuration file.",
                "Fiducial volume cuts remove events near the TPC walls.");
        indexDoc("code", "straxen/plugins/gps_syncing/gps_syncing.py", "gps_syncing.py", List.of("GpsSync"),
                "class GpsSync(strax.Plugin): aligns the digitizer clock to the GPS pulse per second.");
        indexDoc("code", "straxen/plugins/peaks/peak_ambience.py", "peak_ambience.py", List.of("PeakAmbience"),
                "class PeakAmbience(strax.OverlapWindowPlugin): counts lone_hits around each peak.");
        indexDoc("code", "straxen/config.py", "config.py", List.of("S1_AREA_MIN"),
                "S1_AREA_MIN = 3  # photoelectrons; drift field 23 V/cm");
        index.commit(Map.of("synced.docs", "today"));
    }

    @AfterAll
    static void close() throws IOException {
        if (index != null) {
            index.close();
        }
    }

    @Test
    void findsPassagesByKeywordsByMeaningAndByBoth() throws IOException {
        List<Hit> bm25 = retriever.search(new SearchRequest("S1 area threshold", SearchMode.BM25, 3, Set.of(), ReadAccess.everything()));
        assertThat(bm25.getFirst().chunk().path()).isEqualTo("analysis/cuts.md");
        assertThat(bm25.getFirst().snippet()).contains("**threshold**");
        assertThat(bm25.getFirst().similarity()).isNaN();

        List<Hit> vector = retriever.search(new SearchRequest("how do we calibrate the PMT gain?", SearchMode.VECTOR, 3, Set.of(), ReadAccess.everything()));
        assertThat(vector.getFirst().chunk().text()).contains("Gain calibration");
        assertThat(vector.getFirst().similarity()).isBetween(0.3, 1.0);
        assertThat(vector.getFirst().score()).isCloseTo(vector.getFirst().similarity(), org.assertj.core.data.Offset.offset(1e-4));

        List<Hit> hybrid = retriever.search(new SearchRequest("S1 area threshold photoelectrons", SearchMode.HYBRID, 3, Set.of(), ReadAccess.everything()));
        assertThat(hybrid.getFirst().chunk().text()).contains("S1 area threshold");
        assertThat(hybrid.getFirst().score()).isBetween(0.0, 1.0);
    }

    @Test
    void storesEveryCitationField() throws IOException {
        Hit hit = retriever.search(new SearchRequest("fiducial volume", SearchMode.BM25, 1, Set.of(), ReadAccess.everything())).getFirst();
        Chunk chunk = hit.chunk();
        assertThat(chunk.id()).isEqualTo("analysis/cuts.md#1");
        assertThat(chunk.source()).isEqualTo("docs");
        assertThat(chunk.title()).isEqualTo("Event selection");
        assertThat(chunk.headings()).containsExactly("Event selection", "Part 2");
        assertThat(chunk.lines()).isEqualTo("4-6");
        assertThat(chunk.uri()).isEqualTo("/source/docs/analysis/cuts.md?lines=4-6");
        assertThat(chunk.documentHash()).isEqualTo("h");
        assertThat(index.chunks("docs", "analysis/cuts.md")).extracting(Chunk::startLine).containsExactly(1, 4);
        assertThat(index.documents("docs")).containsOnlyKeys("detector/pmt.md", "analysis/cuts.md");
        assertThat(index.contains("docs", "analysis/cuts.md")).isTrue();
        assertThat(index.contains("docs", "analysis/none.md")).isFalse();
        assertThat(index.commitData()).containsEntry("synced.docs", "today");
        assertThat(index.stats().chunks()).isEqualTo(7);
        assertThat(index.stats().documents()).isEqualTo(5);
        assertThat(index.stats().sizeOnDiskBytes()).isPositive();
        assertThat(index.stats("code").documents()).isEqualTo(3);
    }

    @Test
    void filtersBySource() throws IOException {
        for (SearchMode mode : SearchMode.values()) {
            List<Hit> hits = retriever.search(new SearchRequest("drift field", mode, 10, Set.of("code"), ReadAccess.everything()));
            assertThat(hits).as(mode.name()).isNotEmpty().allSatisfy(h -> assertThat(h.chunk().source()).isEqualTo("code"));
        }
    }

    @Test
    void queryOperatorsAreTakenLiterally() throws IOException {
        assertThat(retriever.search(new SearchRequest("threshold AND \"S1 [ (area", SearchMode.BM25, 5, Set.of(), ReadAccess.everything())))
                .isNotEmpty();
    }

    @Test
    void aQuotedPassageIsSearchedAsAPhraseAndCannotBreakOutOfIt() throws IOException {
        for (SearchMode mode : List.of(SearchMode.BM25, SearchMode.HYBRID)) {
            List<Hit> hits = retriever.search(new SearchRequest("My cut fails with 'S1 area threshold is set' - why?", mode, 3,
                    Set.of(), ReadAccess.everything()));
            assertThat(hits.getFirst().chunk().path()).as(mode.name()).isEqualTo("analysis/cuts.md");
        }
        for (String hostile : List.of("'x\" OR {!xmlparser v=$lab.text} \\'", "`\\\" *:* \"`", "\u201c}{!terms f=id}*\u201d")) {
            assertThat(retriever.search(new SearchRequest(hostile + " photoelectrons", SearchMode.BM25, 3, Set.of(),
                    ReadAccess.everything()))).as(hostile).allSatisfy(hit -> assertThat(hit.chunk().text()).containsIgnoringCase("photoelectron"));
        }
    }

    @Test
    void aQueryNamingASymbolFindsItsDefinitionFirst() throws IOException {
        for (SearchMode mode : List.of(SearchMode.BM25, SearchMode.HYBRID)) {
            Hit first = retriever.search(new SearchRequest("where is S1_AREA_MIN defined?", mode, 2, Set.of(), ReadAccess.everything())).getFirst();
            assertThat(first.chunk().path()).as(mode.name()).isEqualTo("straxen/config.py");
            assertThat(first.chunk().symbols()).containsExactly("S1_AREA_MIN");
        }
    }

    @Test
    void plainWordsFindCodeThatSpellsThemAsOneIdentifier() throws IOException {
        List<Hit> hits = retriever.search(new SearchRequest("peak ambience lone hits", SearchMode.BM25, 2, Set.of(), ReadAccess.everything()));
        assertThat(hits.getFirst().chunk().path()).isEqualTo("straxen/plugins/peaks/peak_ambience.py");
    }

    @Test
    void wordsOfTheFilePathFindItsPassages() throws IOException {
        List<Hit> hits = retriever.search(new SearchRequest("How is GPS syncing done?", SearchMode.BM25, 2, Set.of(), ReadAccess.everything()));
        assertThat(hits.getFirst().chunk().path()).isEqualTo("straxen/plugins/gps_syncing/gps_syncing.py");
    }

    @Test
    void replacingADocumentRemovesItsOldChunksAndDeletingRemovesAll() throws IOException {
        indexDoc("scratch", "n.md", "Neutrons", List.of(), "Neutron veto tagging efficiency.", "Neutron capture on gadolinium.");
        index.commit(Map.of());
        assertThat(index.chunks("scratch", "n.md")).hasSize(2);
        indexDoc("scratch", "n.md", "Neutrons", List.of(), "Muon veto only now.");
        index.commit(Map.of());
        assertThat(index.chunks("scratch", "n.md")).extracting(Chunk::text).containsExactly("Muon veto only now.");
        assertThat(retriever.search(new SearchRequest("gadolinium capture", SearchMode.BM25, 5, Set.of("scratch"), ReadAccess.everything()))).isEmpty();
        index.replaceDocument(new IndexedDocument("scratch", "n.md", "Neutrons", "h2", "minilm", 0, Instant.now()),
                List.of(), List.of());
        index.commit(Map.of());
        assertThat(index.chunks("scratch", "n.md")).isEmpty();
        assertThat(index.documents("scratch").get("n.md").contentHash()).isEqualTo("h2");
        index.deleteDocument("scratch", "n.md");
        index.commit(Map.of());
        assertThat(index.chunks("scratch", "n.md")).isEmpty();
        assertThat(index.contains("scratch", "n.md")).isFalse();
        indexDoc("scratch", "m.md", "Muons", List.of(), "Muon flux underground.");
        index.commit(Map.of());
        index.deleteSource("scratch");
        index.commit(Map.of());
        assertThat(index.stats("scratch").chunks()).isZero();
        assertThat(index.documents("scratch")).isEmpty();
    }

    static void indexDoc(String source, String path, String title, List<String> symbols, String... passages) throws IOException {
        List<Chunk> chunks = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < passages.length; i++) {
            int start = 1 + 3 * i;
            chunks.add(new Chunk(path + "#" + i, source, path, title, List.of(title, "Part " + (i + 1)), start, start + 2,
                    passages[i], "/source/" + source + "/" + path + "?lines=" + start + "-" + (start + 2), "h", symbols));
            vectors.add(embeddings.embed(TextSegment.from(passages[i])).content().vector());
        }
        index.replaceDocument(new IndexedDocument(source, path, title, "h", "minilm", chunks.size(), Instant.now()), chunks, vectors);
    }
}
