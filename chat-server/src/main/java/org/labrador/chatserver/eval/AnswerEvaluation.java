package org.labrador.chatserver.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.labrador.retrieval.AnswerContext;
import org.labrador.retrieval.Hit;
import org.labrador.retrieval.ReadAccess;
import org.labrador.retrieval.RetrievalPipeline;
import org.labrador.retrieval.SearchMode;
import org.labrador.retrieval.SearchRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scores gold questions exactly as an answer sees them: through the {@link RetrievalPipeline}
 * that chat answers use (pins, per-document cap, coverage), searching every source as the chat
 * does. Reports, overall and by the questions' category: hit@1, whether a gold file is among the
 * answer's passages, hit@10 over distinct files, MRR@10 over distinct files, and the share of
 * questions the answer considers covered. Out-of-scope questions (JSONL with a {@code question})
 * are scored by the share recognised as not covered.
 */
public final class AnswerEvaluation {

    /** Passages searched for the ranking metrics: enough for ten distinct files. */
    static final int RANKING_DEPTH = 40;
    static final int FILES_RANKED = 10;

    /** One row of the report: all questions, or those of one category. */
    public record Row(String category, int questions, double hitAt1, double inAnswer, double filesHitAt10,
                      double filesMrrAt10, double covered) {
    }

    /** A question whose gold file the answer did not get, with the files it got instead. */
    public record Miss(String id, String question, String category, int fileRank, List<String> answerFiles) {
    }

    /**
     * @param outOfScope         out-of-scope questions asked, 0 when none were given
     * @param notCoveredRate     share of them the answer recognised as not covered
     */
    public record Report(String file, List<Row> rows, List<Miss> misses, String outOfScopeFile, int outOfScope,
                         double notCoveredRate, List<String> wronglyCovered, List<Judged> judged, double contextMsP50,
                         double contextMsP95) {
    }

    /** The coverage evidence of one question, in scope (with a gold file) or not. */
    public record Judged(String id, boolean inScope, String category, boolean inAnswer, boolean covered,
                         AnswerContext.Evidence evidence, String question) {
    }

    private record Score(boolean hitAt1, boolean inAnswer, int fileRank, boolean covered) {
    }

    private AnswerEvaluation() {
    }

    /**
     * @param source   search only this source, or null for all (as the chat does)
     * @param pinned   documents pinned on this server, as {@code source/path}
     * @param outOfScope a JSONL file of questions the sources do not cover, or null
     */
    public static Report evaluate(Path questions, Path outOfScope, RetrievalPipeline pipeline, String source,
                                  Set<String> pinned) throws IOException {
        Set<String> sources = source == null ? Set.of() : Set.of(source);
        Map<String, List<Score>> byCategory = new TreeMap<>();
        List<Score> all = new ArrayList<>();
        List<Miss> misses = new ArrayList<>();
        List<Judged> judged = new ArrayList<>();
        List<Double> millis = new ArrayList<>();
        for (GoldQuestions.Question q : GoldQuestions.read(questions)) {
            List<Hit> ranked = pipeline.search(new SearchRequest(q.question(), SearchMode.HYBRID, RANKING_DEPTH, sources,
                    ReadAccess.everything()));
            int fileRank = fileRank(ranked, q);
            long started = System.nanoTime();
            AnswerContext context = pipeline.answerContext(q.question(), List.of(), sources, ReadAccess.everything(), pinned);
            millis.add((System.nanoTime() - started) / 1e6);
            boolean inAnswer = context.passages().stream().anyMatch(h -> GoldQuestions.matches(h, q));
            Score score = new Score(!ranked.isEmpty() && GoldQuestions.matches(ranked.getFirst(), q), inAnswer, fileRank,
                    context.covered());
            all.add(score);
            judged.add(new Judged(q.id(), true, q.category(), inAnswer, context.covered(), context.evidence(), q.question()));
            byCategory.computeIfAbsent(q.category(), c -> new ArrayList<>()).add(score);
            if (!inAnswer) {
                misses.add(new Miss(q.id(), q.question(), q.category(), fileRank, context.passages().stream()
                        .map(h -> h.chunk().source() + ":" + h.chunk().path()).distinct().toList()));
            }
        }
        List<Row> rows = new ArrayList<>();
        rows.add(row("all", all));
        if (byCategory.size() > 1 || !byCategory.containsKey("")) {
            byCategory.forEach((category, scores) -> rows.add(row(category.isEmpty() ? "(none)" : category, scores)));
        }
        if (outOfScope == null) {
            return new Report(questions.toString(), rows, misses, null, 0, Double.NaN, List.of(), judged,
                    percentile(millis, 0.5), percentile(millis, 0.95));
        }
        List<String> wronglyCovered = new ArrayList<>();
        List<String> asked = readQuestions(outOfScope);
        for (String question : asked) {
            AnswerContext context = pipeline.answerContext(question, List.of(), sources, ReadAccess.everything(), pinned);
            if (context.covered()) {
                wronglyCovered.add(question);
            }
            judged.add(new Judged("oos-" + (judged.size() + 1), false, "out-of-scope", false, context.covered(),
                    context.evidence(), question));
        }
        double notCovered = asked.isEmpty() ? Double.NaN : 1.0 - (double) wronglyCovered.size() / asked.size();
        return new Report(questions.toString(), rows, misses, outOfScope.toString(), asked.size(), notCovered,
                wronglyCovered, judged, percentile(millis, 0.5), percentile(millis, 0.95));
    }

    private static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    /** Rank (1-based) of the first gold file among the distinct files of the ranking, 0 past the tenth. */
    private static int fileRank(List<Hit> ranked, GoldQuestions.Question q) {
        Map<String, Hit> files = new LinkedHashMap<>();
        ranked.forEach(h -> files.putIfAbsent(h.chunk().source() + '/' + h.chunk().path(), h));
        int rank = 0;
        for (Hit first : files.values()) {
            if (++rank > FILES_RANKED) {
                return 0;
            }
            if (GoldQuestions.matches(first, q)) {
                return rank;
            }
        }
        return 0;
    }

    private static Row row(String category, List<Score> scores) {
        double n = Math.max(1, scores.size());
        return new Row(category, scores.size(),
                scores.stream().filter(Score::hitAt1).count() / n,
                scores.stream().filter(Score::inAnswer).count() / n,
                scores.stream().filter(s -> s.fileRank() > 0).count() / n,
                scores.stream().mapToDouble(s -> s.fileRank() > 0 ? 1.0 / s.fileRank() : 0).sum() / n,
                scores.stream().filter(Score::covered).count() / n);
    }

    /** The {@code question} of each JSONL line. */
    static List<String> readQuestions(Path file) throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        List<String> questions = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                JsonNode node = json.readTree(line);
                String question = node.path("question").asString("");
                if (question.isBlank()) {
                    throw new IOException(file + ": a line without \"question\": " + line);
                }
                questions.add(question);
            }
        }
        return new ArrayList<>(new LinkedHashSet<>(questions));
    }
}
