package org.labrador.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.scoring.ScoringModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The rerank stage on its own: what the model is given, how its scores order passages, and how it fails. */
class RerankingTest {

    private static final List<Hit> FUSED = IntStream.range(0, 8)
            .mapToObj(i -> hit("pkg/module" + i + ".py", 1.0 - i * 0.1)).toList();

    @Test
    void theModelsScoresOrderTheCandidatesAndTheRestFollowBelowThem() {
        // Scores as llama.cpp returns them: logits, negative ones included; the fourth candidate is the best.
        ScoringModel model = (segments, query) -> Response.from(List.of(-3.0, 1.5, -7.25, 6.0, 0.0));
        List<Hit> reranked = new Reranking(model, 5).apply("question", FUSED);

        assertThat(reranked).extracting(h -> h.chunk().path()).containsExactly("pkg/module3.py", "pkg/module1.py",
                "pkg/module4.py", "pkg/module0.py", "pkg/module2.py", "pkg/module5.py", "pkg/module6.py", "pkg/module7.py");
        assertThat(reranked.subList(0, 5)).allSatisfy(h -> assertThat(h.score()).isBetween(0.5, 1.0));
        assertThat(reranked.subList(5, 8)).allSatisfy(h -> assertThat(h.score()).isLessThan(0.4));
        assertThat(reranked.getFirst().score()).isEqualTo(1.0);
        assertThat(reranked.get(4).score()).isEqualTo(0.5);
        assertThat(reranked.getFirst().similarity()).as("similarity, which judges coverage, is kept").isEqualTo(0.7);
    }

    @Test
    void theModelReadsEachPassageUnderItsPathAndHeadingsCutToTheLimitsAndTheQuestionCutToo() {
        List<List<String>> seen = new ArrayList<>();
        List<String> questions = new ArrayList<>();
        ScoringModel model = (segments, query) -> {
            seen.add(segments.stream().map(TextSegment::text).toList());
            questions.add(query);
            return Response.from(segments.stream().map(s -> 1.0).toList());
        };
        Chunk longOne = new Chunk("d#0", "docs", "docs/guide.md", "Guide", List.of("Setup", "Cluster"), 1, 90,
                "x".repeat(5_000), "/source/docs/guide.md", "h");
        Chunk named = new Chunk("p#0", "code", "strax/plugins/plugin.py", "plugin.py", List.of("class Plugin"), 1, 9,
                "class Plugin:", "/source/code/strax/plugins/plugin.py", "h");
        List<Hit> hits = List.of(new Hit(longOne, 0.9, 0.7, ""), hit("pkg/a.py", 0.8), new Hit(named, 0.7, 0.7, ""));
        List<Hit> same = new Reranking(model, 30).apply("why " + "y".repeat(3_000), hits);

        String first = seen.getFirst().getFirst();
        assertThat(first).startsWith("docs/guide.md — Guide — Setup › Cluster\n\nxxx").hasSize(Reranking.MAX_PASSAGE_CHARS);
        assertThat(seen.getFirst().get(1)).isEqualTo("pkg/a.py\n\ntext of pkg/a.py");
        assertThat(seen.getFirst().get(2)).as("a title that is the file's name is not repeated")
                .isEqualTo("strax/plugins/plugin.py — class Plugin\n\nclass Plugin:");
        assertThat(questions.getFirst()).hasSize(Reranking.MAX_QUESTION_CHARS).startsWith("why yyy");
        assertThat(same).extracting(h -> h.chunk().path()).as("equal scores keep the fused order")
                .containsExactly("docs/guide.md", "pkg/a.py", "strax/plugins/plugin.py");
    }

    @Test
    void scoresThatAreMissingOrNotNumbersCountAsAFailure() {
        for (List<Double> answer : List.of(Arrays.asList(1.0, null, 0.5), List.of(1.0, Double.NaN, 0.5),
                List.of(1.0, Double.POSITIVE_INFINITY, 0.5), List.of(1.0, 2.0))) {
            Reranking reranking = new Reranking((segments, query) -> Response.from(answer), 3);
            assertThat(reranking.apply("question", FUSED)).as("%s", answer).isEqualTo(FUSED);
            assertThat(reranking.failures()).isEqualTo(1);
        }
    }

    @Test
    void afterAFailureOneQuestionAtATimeAsksTheModelWhileTheOthersGoOn() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch probing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ScoringModel model = (segments, query) -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("No reranker answers at http://gpu01:8012/v1");
            }
            probing.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Response.from(segments.stream().map(s -> s.text().contains("module7") ? 9.0 : 0.0).toList());
        };
        Reranking reranking = new Reranking(model, 8, Duration.ZERO);
        assertThat(reranking.apply("first", FUSED)).isEqualTo(FUSED);

        List<Hit>[] probed = new List[1];
        Thread probe = Thread.ofVirtual().start(() -> probed[0] = reranking.apply("second", FUSED));
        assertThat(probing.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(reranking.apply("third, while the probe waits", FUSED)).as("does not wait for the probe").isEqualTo(FUSED);
        assertThat(calls.get()).isEqualTo(2);
        release.countDown();
        probe.join();

        assertThat(probed[0].getFirst().chunk().path()).isEqualTo("pkg/module7.py");
        assertThat(reranking.apply("fourth", FUSED).getFirst().chunk().path()).as("healthy again: every question asks")
                .isEqualTo("pkg/module7.py");
        assertThat(calls.get()).isEqualTo(3);
        assertThat(reranking.failures()).isEqualTo(1);
        assertThat(reranking.skipped()).isEqualTo(1);
    }

    private static Hit hit(String path, double score) {
        Chunk chunk = new Chunk(path + "#0", "code", path, path, List.of(), 1, 10, "text of " + path, "/source/code/" + path, "h");
        return new Hit(chunk, score, 0.7, "");
    }
}
