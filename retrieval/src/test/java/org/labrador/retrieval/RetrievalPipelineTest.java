package org.labrador.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retrieval pipeline on real text: Labrador's own documentation, one passage per paragraph,
 * so that there are hundreds of candidates and several passages per document.
 */
class RetrievalPipelineTest {

    @TempDir
    static Path dir;
    private static ChunkIndex index;
    private static Retriever retriever;
    private static int passages;

    @BeforeAll
    static void indexTheDocs() throws IOException {
        EmbeddingModel embeddings = new AllMiniLmL6V2QuantizedEmbeddingModel();
        index = ChunkIndex.open(dir.resolve("index"));
        retriever = new Retriever(index, embeddings, "");
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of("..", "docs"))) {
            files = list.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
        for (Path file : files) {
            String path = "docs/" + file.getFileName();
            List<Chunk> chunks = new ArrayList<>();
            List<float[]> vectors = new ArrayList<>();
            int line = 1;
            for (String paragraph : Files.readString(file).split("\n\\s*\n")) {
                int lines = (int) paragraph.lines().count();
                if (paragraph.strip().length() > 80) {
                    chunks.add(new Chunk(path + "#" + chunks.size(), "docs", path, file.getFileName().toString(), List.of(),
                            line, line + lines - 1, paragraph.strip(), "/source/docs/" + path, "h"));
                    vectors.add(embeddings.embed(TextSegment.from(paragraph.strip())).content().vector());
                }
                line += lines + 1;
            }
            index.replaceDocument(new IndexedDocument("docs", path, path, "h", "minilm", chunks.size(), Instant.now()),
                    chunks, vectors);
            passages += chunks.size();
        }
        index.commit(Map.of());
    }

    @AfterAll
    static void close() throws IOException {
        index.close();
    }

    private static RetrievalPipeline pipeline(int perDocument) {
        return pipeline(perDocument, 0.3);
    }

    private static RetrievalPipeline pipeline(int perDocument, double minSimilarity) {
        return new RetrievalPipeline(retriever, new RetrievalPipeline.Settings(6, perDocument, minSimilarity));
    }

    @Test
    void testsAndChangeLogsStepBackBehindTheCodeTheyEchoUnlessTheQuestionIsAboutThem() {
        List<Hit> fused = List.of(hit("tests/test_hitlet.py", 0.90), hit("HISTORY.md", 0.88), hit("strax/processing/hitlets.py", 0.80),
                hit("straxen/test_utils.py", 0.71));
        // A module named like a test beside the code (test_utils.py, fixtures for users) is not one: it keeps its score.
        assertThat(RetrievalPipeline.weighByMaterial("What is the difference between a hit and a hitlet?", fused))
                .extracting(h -> h.chunk().path())
                .containsExactly("strax/processing/hitlets.py", "tests/test_hitlet.py", "straxen/test_utils.py", "HISTORY.md");
        assertThat(RetrievalPipeline.weighByMaterial("Why are the hitlet tests skipped on my machine?", fused))
                .extracting(h -> h.chunk().path()).first().isEqualTo("tests/test_hitlet.py");
        assertThat(RetrievalPipeline.weighByMaterial("What changed for hitlets in the last release?", fused))
                .extracting(h -> h.chunk().path()).startsWith("HISTORY.md", "strax/processing/hitlets.py");
        // "test" alone is a word of the domain, not a question about the test suite.
        assertThat(RetrievalPipeline.weighByMaterial("Why does saving my test run fail?", fused))
                .extracting(h -> h.chunk().path()).first().isEqualTo("strax/processing/hitlets.py");
    }

    /**
     * A cross-encoder stand-in (no reranking model can run here): it reads what a served one would get, the
     * question and each passage with its path, and prefers the passages of the document {@code preferred}.
     */
    private static final class PreferringReranker implements dev.langchain4j.model.scoring.ScoringModel {
        final String preferred;
        final List<List<String>> calls = new ArrayList<>();
        final List<String> questions = new ArrayList<>();

        PreferringReranker(String preferred) {
            this.preferred = preferred;
        }

        @Override
        public dev.langchain4j.model.output.Response<List<Double>> scoreAll(List<TextSegment> segments, String query) {
            calls.add(segments.stream().map(TextSegment::text).toList());
            questions.add(query);
            return dev.langchain4j.model.output.Response.from(segments.stream()
                    .map(s -> s.text().split("[ \n]")[0].equals(preferred) ? 3.5 : -2.0).toList());
        }
    }

    @Test
    void aCrossEncoderOrdersTheCandidatesItReadsAndTheRestFollowInTheirFusedOrder() throws IOException {
        String question = "how do I add a git repository as a source";
        SearchRequest request = new SearchRequest(question, SearchMode.HYBRID, 60, Set.of(), ReadAccess.everything());
        List<Hit> fused = pipeline(1).search(request);
        // The document the fused order puts last among the first ten: the reranker lifts it to the top.
        String lifted = fused.get(9).chunk().path();
        PreferringReranker model = new PreferringReranker(lifted);
        RetrievalPipeline reranked = new RetrievalPipeline(retriever, new RetrievalPipeline.Settings(6, 1, 0.3),
                new Reranking(model, 20));

        List<Hit> hits = reranked.search(request);
        assertThat(hits.getFirst().chunk().path()).isEqualTo(lifted);
        assertThat(model.questions).containsExactly(question);
        assertThat(model.calls.getFirst()).as("the first 20 fused passages, each headed by its path")
                .hasSize(20).allSatisfy(text -> assertThat(text).startsWith("docs/"));
        assertThat(hits).extracting(Hit::score).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(ids(hits.subList(20, hits.size()))).as("beyond the candidates: the fused order")
                .isEqualTo(ids(fused.subList(20, fused.size())));
        assertThat(ids(hits)).containsExactlyInAnyOrderElementsOf(ids(fused));

        AnswerContext context = reranked.answerContext(question, List.of(), Set.of(), ReadAccess.everything(), Set.of());
        assertThat(context.covered()).isTrue();
        assertThat(context.passages().getFirst().chunk().path()).isEqualTo(lifted);
    }

    @Test
    void whenTheCrossEncoderFailsTheFusedOrderStandsAndItIsLeftAloneForAWhile() throws IOException {
        String question = "how do I add a git repository as a source";
        SearchRequest request = new SearchRequest(question, SearchMode.HYBRID, 10, Set.of(), ReadAccess.everything());
        List<Hit> fused = pipeline(1).search(request);
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        dev.langchain4j.model.scoring.ScoringModel down = (segments, query) -> {
            calls.incrementAndGet();
            throw new IllegalStateException("No reranker answers at http://gpu01:8012/v1");
        };
        dev.langchain4j.model.scoring.ScoringModel scoresOne = (segments, query) -> {
            calls.incrementAndGet();
            return dev.langchain4j.model.output.Response.from(List.of(1.0));
        };
        for (var model : List.of(down, scoresOne)) {
            calls.set(0);
            Reranking patient = new Reranking(model, 30, java.time.Duration.ofHours(1));
            RetrievalPipeline pipeline = new RetrievalPipeline(retriever, new RetrievalPipeline.Settings(6, 1, 0.3), patient);
            assertThat(ids(pipeline.search(request))).isEqualTo(ids(fused));
            AnswerContext context = pipeline.answerContext(question, List.of(), Set.of(), ReadAccess.everything(), Set.of());
            assertThat(context.covered()).isTrue();
            assertThat(context.passages()).isNotEmpty();
            assertThat(calls.get()).as("asked once, then left alone").isEqualTo(1);
            assertThat(patient.failures()).isEqualTo(1);
            assertThat(patient.skipped()).isEqualTo(1);

            calls.set(0);
            Reranking eager = new Reranking(model, 30, java.time.Duration.ZERO);
            RetrievalPipeline again = new RetrievalPipeline(retriever, new RetrievalPipeline.Settings(6, 1, 0.3), eager);
            assertThat(ids(again.search(request))).isEqualTo(ids(fused));
            assertThat(ids(again.search(request))).isEqualTo(ids(fused));
            assertThat(calls.get()).as("after the pause it is asked again").isEqualTo(2);
        }
    }

    private static Hit hit(String path, double score) {
        Chunk chunk = new Chunk(path + "#0", "code", path, path, List.of(), 1, 10, "text of " + path, "/source/code/" + path, "h");
        return new Hit(chunk, score, 0.7, "");
    }

    @Test
    void theFirstPassagesDoNotDependOnHowManyWereAskedFor() throws IOException {
        assertThat(passages).as("enough passages for a deep candidate list").isGreaterThan(150);
        for (String question : List.of("how do I add a git repository as a source",
                "which embedding model is used and how fast is a search",
                "what does the IDE completion endpoint need")) {
            for (SearchMode mode : SearchMode.values()) {
                List<String> few = ids(pipeline(1).search(new SearchRequest(question, mode, 5, Set.of(), ReadAccess.everything())));
                List<String> many = ids(pipeline(1).search(new SearchRequest(question, mode, 60, Set.of(), ReadAccess.everything())));
                assertThat(many.subList(0, few.size())).as("%s, %s", mode, question).isEqualTo(few);
            }
        }
    }

    @Test
    void anAnswerSeesSeveralDocumentsAndASecondPassageOfOneOnlyWhenItRanksAmongTheFirst() throws IOException {
        String question = "how do I configure sources and their access groups";
        // A threshold that lets every candidate count, so that only the choice is seen.
        AnswerContext context = pipeline(1, -1).answerContext(question, List.of(), Set.of(), ReadAccess.everything(), Set.of());
        assertThat(context.covered()).isTrue();
        List<String> documents = context.passages().stream().map(h -> h.chunk().path()).toList();
        assertThat(documents.stream().distinct().count()).as("one passage per document for the first six").isEqualTo(6);
        List<String> firstSix = ids(pipeline(1).search(new SearchRequest(question, SearchMode.HYBRID, 6, Set.of(),
                ReadAccess.everything())));
        List<String> seen = new ArrayList<>();
        for (Hit hit : context.passages()) {
            if (seen.contains(hit.chunk().path())) {
                assertThat(firstSix).as("a second passage of a document ranks among the first six").contains(hit.chunk().id());
            }
            seen.add(hit.chunk().path());
        }
        assertThat(context.passages()).hasSizeLessThanOrEqualTo(6 + RetrievalPipeline.EXPANSION);
    }

    @Test
    void aSearchShowsEachDocumentOnceBeforeItRepeatsOneAndItsFirstSixAreTheAnswersDocuments() throws IOException {
        String question = "how do I configure sources and their access groups";
        AnswerContext context = pipeline(1, -1).answerContext(question, List.of(), Set.of(), ReadAccess.everything(), Set.of());
        for (SearchMode mode : SearchMode.values()) {
            List<Hit> six = pipeline(1).search(new SearchRequest(question, mode, 6, Set.of(), ReadAccess.everything()), SearchOrder.DOCUMENTS);
            assertThat(six.stream().map(RetrievalPipelineTest::document).distinct()).as("%s: six documents", mode).hasSize(6);
            if (mode == SearchMode.HYBRID) {
                assertThat(six.stream().map(RetrievalPipelineTest::document).toList()).as("the documents an answer gets")
                        .containsExactlyElementsOf(context.passages().stream().map(RetrievalPipelineTest::document).distinct().toList());
            }
            List<Hit> sixty = pipeline(1).search(new SearchRequest(question, mode, 60, Set.of(), ReadAccess.everything()), SearchOrder.DOCUMENTS);
            assertThat(ids(sixty)).as("%s: the same passages as the plain search, reordered", mode).containsExactlyInAnyOrderElementsOf(
                    ids(pipeline(1).search(new SearchRequest(question, mode, 60, Set.of(), ReadAccess.everything()), SearchOrder.SCORE)));
            assertThat(ids(sixty).subList(0, 6)).as("%s: not depending on how many were asked for", mode).isEqualTo(ids(six));
            List<String> documents = sixty.stream().map(RetrievalPipelineTest::document).toList();
            int distinct = (int) documents.stream().distinct().count();
            assertThat(distinct).as("%s: some document has several passages", mode).isLessThan(documents.size());
            assertThat(documents.subList(0, distinct)).as("%s: every document once before any repeats", mode).doesNotHaveDuplicates();
            for (List<Hit> part : List.of(sixty.subList(0, distinct), sixty.subList(distinct, sixty.size()))) {
                assertThat(part).as("%s: each part best first", mode)
                        .isSortedAccordingTo(java.util.Comparator.comparingDouble(Hit::score).reversed());
            }
        }
    }

    private static String document(Hit hit) {
        return hit.chunk().source() + "/" + hit.chunk().path();
    }

    @Test
    void aPinnedDocumentComesFirstWhenItIsRelevant() throws IOException {
        String question = "how do I add a git repository as a source";
        AnswerContext plain = pipeline(1).answerContext(question, List.of(), Set.of(), ReadAccess.everything(), Set.of());
        Hit last = plain.passages().getLast();
        AnswerContext pinned = pipeline(1).answerContext(question, List.of(), Set.of(), ReadAccess.everything(),
                Set.of("docs/" + last.chunk().path()));
        assertThat(pinned.passages().getFirst().chunk().path()).isEqualTo(last.chunk().path());
    }

    @Test
    void aQuestionTheSourcesDoNotCoverGetsNoPassagesWhileOneTheyCoverDoes() throws IOException {
        AnswerContext inScope = pipeline(1).answerContext("how do I add a git repository as a source", List.of(),
                Set.of(), ReadAccess.everything(), Set.of());
        assertThat(inScope.covered()).isTrue();
        assertThat(inScope.passages()).isNotEmpty();
        for (String question : List.of("What is a good recipe for banana bread?",
                "How do I apply for a visa to attend a conference in the United States?",
                "Why is the sky blue during the day and red at sunset?")) {
            AnswerContext outOfScope = pipeline(1).answerContext(question, List.of(), Set.of(), ReadAccess.everything(), Set.of());
            assertThat(outOfScope.covered()).as(question).isFalse();
            assertThat(outOfScope.passages()).as(question).isEmpty();
            assertThat(outOfScope.nearest()).as("the nearest passages are still shown").isNotEmpty();
        }
    }

    @Test
    void withoutItsEmbeddingModelSearchAndAnswersFallBackToKeywords() throws IOException {
        EmbeddingModel gone = new EmbeddingModel() {
            @Override
            public dev.langchain4j.model.output.Response<List<dev.langchain4j.data.embedding.Embedding>> embedAll(
                    List<TextSegment> segments) {
                throw new IllegalStateException("No Ollama server answers at http://gpu01:11434");
            }
        };
        Retriever keywordsOnly = new Retriever(index, gone, "");
        RetrievalPipeline pipeline = new RetrievalPipeline(keywordsOnly, new RetrievalPipeline.Settings(6, 1, 0.3));

        List<Hit> hybrid = pipeline.search(new SearchRequest("git repository source", SearchMode.HYBRID, 5, Set.of(),
                ReadAccess.everything()));
        assertThat(hybrid).isNotEmpty();
        assertThat(hybrid.getFirst().chunk().text().toLowerCase(java.util.Locale.ROOT)).contains("git");
        assertThat(keywordsOnly.search(new SearchRequest("git repository source", SearchMode.VECTOR, 5, Set.of(),
                ReadAccess.everything()))).isNotEmpty();

        AnswerContext inScope = pipeline.answerContext("how do I add a git repository as a source", List.of(), Set.of(),
                ReadAccess.everything(), Set.of());
        assertThat(inScope.covered()).isTrue();
        assertThat(inScope.passages()).isNotEmpty().allSatisfy(h -> assertThat(h.chunk().source()).isEqualTo("docs"));
        AnswerContext outOfScope = pipeline.answerContext("What is a good recipe for banana bread?", List.of(), Set.of(),
                ReadAccess.everything(), Set.of());
        assertThat(outOfScope.covered()).isFalse();
        assertThat(outOfScope.passages()).isEmpty();
    }

    @Test
    void aShortFollowUpIsJudgedWithTheQuestionItFollows() throws IOException {
        AnswerContext followUp = pipeline(1).answerContext("and where does the token come from?",
                List.of("how do I add a private git repository as a source"), Set.of(), ReadAccess.everything(), Set.of());
        assertThat(followUp.query()).contains("private git repository").contains("token");
        assertThat(followUp.covered()).isTrue();
        assertThat(followUp.passages()).extracting(h -> h.chunk().path()).contains("docs/sources.md");
    }

    @Test
    void aNewTopicIsSearchedAloneWhileAFollowUpLeansOnTheQuestionBefore() throws IOException {
        List<String> earlier = List.of("how do I add a private git repository as a source");
        AnswerContext newTopic = pipeline(1).answerContext("Which embedding model runs in the process by default?",
                earlier, Set.of(), ReadAccess.everything(), Set.of());
        assertThat(newTopic.query()).isEqualTo("Which embedding model runs in the process by default?");
        AnswerContext alone = pipeline(1).answerContext("Which embedding model runs in the process by default?",
                List.of(), Set.of(), ReadAccess.everything(), Set.of());
        assertThat(ids(newTopic.passages())).as("the same passages as asked first").isEqualTo(ids(alone.passages()));
        for (String followUp : List.of("and where does the token come from?", "what about its branch?",
                "Where do I put that token?", "why?")) {
            assertThat(pipeline(1).answerContext(followUp, earlier, Set.of(), ReadAccess.everything(), Set.of()).query())
                    .as(followUp).startsWith(earlier.getFirst()).endsWith(followUp);
        }
    }

    @Test
    void aQuestionWithWordsThePassagesContainHasMoreEvidenceThanOneWithout() throws IOException {
        AnswerContext.Evidence named = pipeline(1).answerContext("embedding model passages index", List.of(), Set.of(),
                ReadAccess.everything(), Set.of()).evidence();
        AnswerContext.Evidence foreign = pipeline(1).answerContext("sourdough starter flour", List.of(), Set.of(),
                ReadAccess.everything(), Set.of()).evidence();
        assertThat(named.wordsFound()).isGreaterThan(foreign.wordsFound());
        assertThat(named.contentWords()).isEqualTo(4);
    }

    private static List<String> ids(List<Hit> hits) {
        return hits.stream().map(h -> h.chunk().id()).toList();
    }
}
