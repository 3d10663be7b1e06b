package org.labrador.chatserver.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labrador.models.embedding.LocalEmbedding;
import org.labrador.retrieval.SearchMode;

/** A small BEIR-format dataset written here, run through the real index and embedding model. */
class BeirEvaluationTest {

    private static LocalEmbedding embedding;

    @TempDir
    Path dataset;
    @TempDir
    Path cache;

    @BeforeAll
    static void load() {
        embedding = LocalEmbedding.named("all-minilm-l6-v2-q");
    }

    @Test
    void scoresEveryModeOnTheJudgedQueriesAndReusesTheCachedIndex() throws IOException {
        writeDataset();
        BeirEvaluation evaluation = new BeirEvaluation(embedding, cache);
        List<String> progress = new ArrayList<>();
        BeirEvaluation.Report report = evaluation.run(BeirDataset.open(dataset), "test", Arrays.asList(SearchMode.values()), progress::add);

        assertThat(report.queries()).as("only queries judged in the split").isEqualTo(2);
        assertThat(report.documents()).isEqualTo(4);
        assertThat(report.results()).extracting(BeirEvaluation.ModeResult::mode).containsExactly("bm25", "vector", "hybrid");
        BeirEvaluation.ModeResult bm25 = report.results().getFirst();
        assertThat(bm25.ndcgAt10()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(bm25.mrrAt10()).isEqualTo(1.0);
        assertThat(bm25.recallAt100()).isEqualTo(1.0);
        assertThat(report.results()).allSatisfy(r -> assertThat(r.ndcgAt10()).isBetween(0.5, 1.0));
        assertThat(progress).anyMatch(line -> line.startsWith("Indexing 4 of 4 documents"));

        progress.clear();
        evaluation.run(BeirDataset.open(dataset), "test", List.of(SearchMode.BM25), progress::add);
        assertThat(progress).noneMatch(line -> line.startsWith("Indexing"));
    }

    @Test
    void aFolderThatIsNotBeirIsRefusedClearly() {
        assertThatThrownBy(() -> BeirDataset.open(dataset)).hasMessageContaining("not a BEIR dataset");
    }

    private void writeDataset() throws IOException {
        Files.writeString(dataset.resolve("corpus.jsonl"), """
                {"_id": "d1", "title": "Xenon scintillation", "text": "Liquid xenon emits scintillation light at 178 nm when a particle deposits energy."}
                {"_id": "d2", "title": "Radon backgrounds", "text": "Radon emanation from detector materials is the leading background in the fiducial volume."}
                {"_id": "d3", "title": "Muon veto", "text": "A water Cherenkov muon veto tags cosmic muons crossing the cryostat."}
                {"_id": "d4", "title": "Electron drift", "text": "Ionisation electrons drift upwards in the electric field to the liquid surface."}
                """);
        Files.writeString(dataset.resolve("queries.jsonl"), """
                {"_id": "q1", "text": "At what wavelength does liquid xenon scintillate?"}
                {"_id": "q2", "text": "What is the leading background from radon emanation?"}
                {"_id": "q3", "text": "unjudged query about muons"}
                """);
        Files.createDirectories(dataset.resolve("qrels"));
        Files.writeString(dataset.resolve("qrels/test.tsv"), "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t2\n");
    }
}
