package org.labrador.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkIndexTest {

    private static EmbeddingModel embeddings;

    @TempDir
    Path dir;
    private ChunkIndex index;
    private Retriever retriever;

    @BeforeAll
    static void loadModel() {
        embeddings = new AllMiniLmL6V2QuantizedEmbeddingModel();
    }

    @BeforeEach
    void open() throws IOException {
        index = ChunkIndex.open(dir);
        retriever = new Retriever(index, embeddings, "");
    }

    @AfterEach
    void close() throws IOException {
        index.close();
    }

    @Test
    void findsPassagesByKeywordsByMeaningAndByBoth() throws IOException {
        indexDoc("docs", "detector/pmt.md", "Photomultipliers",
                "The photomultiplier tubes are read out by digitizers at 100 MHz sampling rate.",
                "Gain calibration uses LED pulses once a week to measure single photoelectron spectra.");
        indexDoc("docs", "analysis/cuts.md", "Event selection",
                "The S1 area threshold is set to 3 photoelectrons in the cut configuration file.",
                "Fiducial volume cuts remove events near the TPC walls.");
        index.commit(Map.of());

        List<Hit> bm25 = retriever.search(new SearchRequest("S1 area threshold", SearchMode.BM25, 3, Set.of(), ReadAccess.everything()));
        assertThat(bm25.getFirst().chunk().path()).isEqualTo("analysis/cuts.md");
        assertThat(bm25.getFirst().snippet()).contains("**threshold**");
        assertThat(bm25.getFirst().similarity()).isNaN();

        List<Hit> vector = retriever.search(new SearchRequest("how do we calibrate the PMT gain?", SearchMode.VECTOR, 3, Set.of(), ReadAccess.everything()));
        assertThat(vector.getFirst().chunk().text()).contains("Gain calibration");
        assertThat(vector.getFirst().similarity()).isBetween(0.2, 1.0);
        assertThat(vector.getFirst().score()).isEqualTo(vector.getFirst().similarity(), org.assertj.core.data.Offset.offset(1e-5));

        List<Hit> hybrid = retriever.search(SearchRequest.of("which cut removes events close to the walls", 2));
        assertThat(hybrid).hasSize(2);
        assertThat(hybrid.getFirst().chunk().text()).contains("Fiducial volume");
        assertThat(hybrid.getFirst().score()).isGreaterThan(hybrid.get(1).score());
    }

    @Test
    void storesEveryCitationField() throws IOException {
        indexDoc("docs", "guide/git.md", "Adding sources", "Run labrador ingest to add a Git repository.");
        index.commit(Map.of());
        Chunk chunk = retriever.search(SearchRequest.of("git repository", 1)).getFirst().chunk();
        assertThat(chunk.source()).isEqualTo("docs");
        assertThat(chunk.path()).isEqualTo("guide/git.md");
        assertThat(chunk.title()).isEqualTo("Adding sources");
        assertThat(chunk.headings()).containsExactly("Adding sources", "Part 1");
        assertThat(chunk.lines()).isEqualTo("1-3");
        assertThat(chunk.uri()).isEqualTo("/source/docs/guide/git.md?lines=1-3");
    }

    @Test
    void filtersBySource() throws IOException {
        indexDoc("wiki", "a.md", "A", "Drift field of the time projection chamber.");
        indexDoc("code", "b.md", "B", "Drift field configuration constant.");
        index.commit(Map.of());
        for (SearchMode mode : SearchMode.values()) {
            List<Hit> hits = retriever.search(new SearchRequest("drift field", mode, 10, Set.of("code"), ReadAccess.everything()));
            assertThat(hits).extracting(h -> h.chunk().source()).containsOnly("code");
        }
    }

    @Test
    void replacingADocumentRemovesItsOldChunksAndDeletingRemovesAll() throws IOException {
        indexDoc("docs", "a.md", "A", "old text about neutrons", "more old text");
        index.commit(Map.of());
        assertThat(index.stats().chunks()).isEqualTo(2);
        indexDoc("docs", "a.md", "A", "new text about muons");
        index.commit(Map.of());
        assertThat(index.stats()).extracting(IndexStats::documents, IndexStats::chunks).containsExactly(1L, 1L);
        assertThat(retriever.search(new SearchRequest("neutrons", SearchMode.BM25, 5, Set.of(), ReadAccess.everything()))).isEmpty();
        assertThat(index.documents("docs")).containsOnlyKeys("a.md");

        index.deleteDocument("docs", "a.md");
        index.commit(Map.of());
        assertThat(index.stats().chunks()).isZero();
        assertThat(index.documents("docs")).isEmpty();
    }

    @Test
    void uncommittedChangesAreLostOnCloseAndCommittedOnesSurviveReopen() throws IOException {
        indexDoc("docs", "kept.md", "Kept", "committed passage");
        index.commit(Map.of("docs.last-sync", "2026-11-23T00:00:00Z"));
        indexDoc("docs", "lost.md", "Lost", "uncommitted passage");
        index.close();

        index = ChunkIndex.open(dir);
        assertThat(index.documents("docs")).containsOnlyKeys("kept.md");
        assertThat(index.commitData()).containsEntry("docs.last-sync", "2026-11-23T00:00:00Z");
    }

    @Test
    void aSecondWriterIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> ChunkIndex.open(dir)).isInstanceOf(IOException.class).hasMessageContaining("in use");
    }

    @Test
    void queryOperatorsAreTakenLiterally() throws IOException {
        indexDoc("docs", "a.md", "A", "energy resolution (keV) at 41.5 keV");
        index.commit(Map.of());
        assertThat(retriever.search(new SearchRequest("resolution (keV) AND \"41.5 [", SearchMode.BM25, 5, Set.of(), ReadAccess.everything()))).hasSize(1);
    }

    @Test
    void aQuotedPassageOfTheQuestionCountsMoreAsAPhraseThanItsWordsApart() throws IOException {
        indexDoc("code", "superruns.py", "superruns.py", "raise ValueError('Superrun configs are not the same for all subruns')");
        indexDoc("docs", "superruns.md", "Superruns", "Superrun configs: the subruns of a superrun share their configs, the same configs for all subruns,"
                + " and loading a superrun fails when configs differ.");
        index.commit(Map.of());
        List<Hit> hits = retriever.search(new SearchRequest(
                "Loading fails with 'Superrun configs are not the same for all subruns'. Why?", SearchMode.BM25, 2, Set.of(),
                ReadAccess.everything()));
        assertThat(hits).extracting(h -> h.chunk().path()).containsExactly("superruns.py", "superruns.md");
    }

    @Test
    void snippetsOfLongPassagesAreShortAndShowTheMatch() throws IOException {
        String filler = "The detector is operated with a stable drift field and a cathode voltage. ".repeat(12);
        indexDoc("docs", "long.md", "Long", "```\n" + filler + " The electron lifetime is monitored hourly. " + filler + "\n```");
        index.commit(Map.of());
        String snippet = retriever.search(new SearchRequest("electron lifetime", SearchMode.BM25, 1, Set.of(), ReadAccess.everything())).getFirst().snippet();
        assertThat(snippet).contains("**electron** **lifetime**").hasSizeLessThan(400);
        assertThat(snippet.split("\\*\\*", -1).length % 2).as("balanced marks").isEqualTo(1);
    }

    @Test
    void aQueryNamingASymbolFindsItsDefinitionFirst() throws IOException {
        indexDoc("code", "analysis/plots.py", "plots.py",
                "# uses S1_AREA_MIN: if area > S1_AREA_MIN and area2 > S1_AREA_MIN: plot(S1_AREA_MIN)");
        Chunk definition = new Chunk("def", "code", "analysis/cuts.py", "cuts.py", List.of("cuts"), 10, 12,
                "S1_AREA_MIN = 3.0  # PE", "", "h", List.of("S1_AREA_MIN"));
        index.replaceDocument(new IndexedDocument("code", "analysis/cuts.py", "cuts.py", "h", "minilm", 1, Instant.now()),
                List.of(definition), List.of(embeddings.embed(TextSegment.from(definition.text())).content().vector()));
        index.commit(Map.of());

        for (SearchMode mode : List.of(SearchMode.BM25, SearchMode.HYBRID)) {
            Hit first = retriever.search(new SearchRequest("where is S1_AREA_MIN defined?", mode, 2, Set.of(), ReadAccess.everything())).getFirst();
            assertThat(first.chunk().path()).as(mode.name()).isEqualTo("analysis/cuts.py");
            assertThat(first.chunk().symbols()).containsExactly("S1_AREA_MIN");
        }
    }

    @Test
    void plainWordsFindCodeThatSpellsThemAsOneIdentifier() throws IOException {
        Chunk code = new Chunk("amb", "code", "straxen/plugins/peaks/peak_ambience.py", "peak_ambience.py",
                List.of("peak_ambience", "PeakAmbience"), 11, 14,
                "class PeakAmbience(strax.OverlapWindowPlugin):\n    def compute(self, lone_hits, peaks):\n        return n_lone_hits_before",
                "", "h", List.of("PeakAmbience"));
        index.replaceDocument(new IndexedDocument("code", code.path(), code.title(), "h", "minilm", 1, Instant.now()),
                List.of(code), List.of(embeddings.embed(TextSegment.from(code.text())).content().vector()));
        indexDoc("docs", "notes.md", "Notes", "The ambient temperature of the cryostat is logged.");
        index.commit(Map.of());
        List<Hit> hits = retriever.search(new SearchRequest("peak ambience lone hits", SearchMode.BM25, 2, Set.of(), ReadAccess.everything()));
        assertThat(hits.getFirst().chunk().path()).isEqualTo("straxen/plugins/peaks/peak_ambience.py");
    }

    @Test
    void wordsOfTheFilePathFindItsPassages() throws IOException {
        indexDoc("code", "straxen/plugins/gps_syncing/gps_syncing.py", "gps_syncing.py",
                "def compute(self, raw_records_aqmon):\n    return self.match_pulses(raw_records_aqmon)");
        indexDoc("code", "straxen/plugins/events/event_info.py", "event_info.py",
                "Events are synced with the acquisition monitor pulses.");
        index.commit(Map.of());
        List<Hit> hits = retriever.search(new SearchRequest("How is GPS syncing done?", SearchMode.BM25, 2, Set.of(), ReadAccess.everything()));
        assertThat(hits.getFirst().chunk().path()).isEqualTo("straxen/plugins/gps_syncing/gps_syncing.py");
    }

    @Test
    void anIndexWrittenWithAnOlderSchemaIsUpgradedOnOpenKeepingTextAndEmbeddings() throws IOException {
        index.close();
        Path old = dir.resolve("old");
        Chunk chunk = new Chunk("c1", "code", "straxen/plugins/gps_syncing/gps_syncing.py", "gps_syncing.py", List.of(), 1, 2,
                "def compute(self, raw_records_aqmon): pass", "", "h", List.of(), 0, 0, "", List.of("xenon"));
        float[] vector = embeddings.embed(TextSegment.from(chunk.text())).content().vector();
        try (var writer = new org.apache.lucene.index.IndexWriter(org.apache.lucene.store.FSDirectory.open(old),
                new org.apache.lucene.index.IndexWriterConfig(Analyzers.forIndex()))) {
            org.apache.lucene.document.Document doc = IndexFields.chunkDocument(chunk, vector);
            doc.removeFields(IndexFields.WORDS); // as schema 3 and older wrote it: no keyword field of all words
            writer.addDocument(doc);
            writer.addDocument(IndexFields.recordDocument(new IndexedDocument("code", chunk.path(), "t", "h", "minilm", 1, Instant.now())));
            writer.setLiveCommitData(Map.of("synced.code", "yesterday").entrySet());
            writer.commit();
        }

        index = ChunkIndex.open(old);
        retriever = new Retriever(index, embeddings, "");
        ReadAccess xenon = ReadAccess.groups(Set.of("xenon"));
        List<Hit> byPath = retriever.search(new SearchRequest("gps syncing", SearchMode.BM25, 1, Set.of(), xenon));
        assertThat(byPath).extracting(h -> h.chunk().id()).containsExactly("c1");
        assertThat(byPath.getFirst().chunk().groups()).containsExactly("xenon");
        List<Hit> byMeaning = retriever.search(new SearchRequest(chunk.text(), SearchMode.VECTOR, 1, Set.of(), xenon));
        assertThat(byMeaning.getFirst().similarity()).isGreaterThan(0.99);
        assertThat(index.commitData()).containsEntry("synced.code", "yesterday")
                .containsEntry(IndexFields.SCHEMA_KEY, Integer.toString(IndexFields.SCHEMA));
        assertThat(index.stats().chunks()).isEqualTo(1);
    }

    /**
     * Rewriting a source (new groups, a schema upgrade) puts its passages into one large segment;
     * each must still be found by its own embedding, even when asked for a single hit.
     */
    @Test
    void afterRegroupingEveryPassageIsStillItsOwnNearestNeighbour() throws IOException {
        java.util.Random random = new java.util.Random(7);
        Map<String, float[]> vectorOf = new java.util.HashMap<>();
        for (int d = 0; d < 400; d++) {
            List<Chunk> chunks = new ArrayList<>();
            List<float[]> vectors = new ArrayList<>();
            for (int c = 0; c < 5; c++) {
                String id = "d" + d + "c" + c;
                float[] v = new float[384];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) random.nextGaussian();
                }
                chunks.add(new Chunk(id, "code", "f" + d + ".py", "t", List.of(), c * 10 + 1, c * 10 + 9, "text " + id, "", "h"));
                vectors.add(v);
                vectorOf.put(id, v);
            }
            index.replaceDocument(new IndexedDocument("code", "f" + d + ".py", "t", "h", "m", 5, Instant.now()), chunks, vectors);
            if (d % 100 == 99) {
                index.commit(Map.of());
            }
        }
        assertThat(index.regroup("code", List.of("xenon"))).isEqualTo(2000);
        index.commit(Map.of());

        ReadAccess xenon = ReadAccess.groups(Set.of("xenon"));
        List<String> notFound = new ArrayList<>();
        for (Map.Entry<String, float[]> e : vectorOf.entrySet()) {
            Hit first = index.search(new SearchRequest("x", SearchMode.VECTOR, 1, Set.of(), xenon), e.getValue()).getFirst();
            if (!first.chunk().id().equals(e.getKey()) || first.similarity() < 0.999) {
                notFound.add(e.getKey() + " -> " + first.chunk().id());
            }
        }
        assertThat(notFound).isEmpty();
    }

    private void indexDoc(String source, String path, String title, String... passages) throws IOException {
        List<Chunk> chunks = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < passages.length; i++) {
            int start = 1 + 3 * i;
            chunks.add(new Chunk(path + "#" + i, source, path, title, List.of(title, "Part " + (i + 1)), start, start + 2,
                    passages[i], "/source/" + source + "/" + path + "?lines=" + start + "-" + (start + 2), "h"));
            vectors.add(embeddings.embed(TextSegment.from(passages[i])).content().vector());
        }
        index.replaceDocument(new IndexedDocument(source, path, title, "h", "minilm", chunks.size(), Instant.now()), chunks, vectors);
    }
}
