package org.labrador.chatserver.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.labrador.retrieval.Hit;
import org.labrador.retrieval.ReadAccess;
import org.labrador.retrieval.Retriever;
import org.labrador.retrieval.SearchMode;
import org.labrador.retrieval.SearchRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A collaboration's own evaluation questions: JSONL lines of
 * {@code {"question": "...", "gold": ["path/in/source.md", ...], "answer": "optional"}}, or in the
 * shared datasets' format {@code {"id", "question", "repo", "gold_paths", "category"}}, where
 * {@code repo} names the source the gold paths are in.
 * A gold entry matches a hit when it equals the hit's path or its link, or when the path ends
 * with it, so that {@code "sources.md"} matches {@code docs/sources.md}; with a {@code repo}, the
 * hit must also come from that source.
 */
public final class GoldQuestions {

    /**
     * One question with the documents that answer it.
     *
     * @param source   the source the gold documents are in, or null for any
     * @param category what kind of question it is, for a breakdown ("" when not given)
     */
    public record Question(String id, String question, List<String> gold, String answer, String source, String category) {
    }

    /** A question whose gold documents were not in the top k, with what came instead. */
    public record Miss(String question, List<String> gold, List<String> retrieved) {
    }

    /** hit@k: share of questions with a gold document in the first k; MRR over the first k. */
    public record Report(String file, String source, String mode, int k, int questions, double hitAtK, double mrr,
                         List<Miss> misses) {
    }

    private GoldQuestions() {
    }

    public static List<Question> read(Path file) throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        List<Question> questions = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = json.readTree(lines.get(i));
            } catch (tools.jackson.core.JacksonException e) {
                // The parser's message quotes the line: say where, not what, as the file may not be ours to show.
                throw new IOException(file.getFileName() + " line " + (i + 1) + ": not a JSON object");
            }
            List<String> gold = new ArrayList<>();
            node.path(node.has("gold_paths") ? "gold_paths" : "gold").forEach(g -> gold.add(g.asString()));
            if (node.path("question").asString("").isBlank() || gold.isEmpty()) {
                throw new IOException(file + " line " + (i + 1)
                        + ": needs \"question\" and a non-empty \"gold\" (or \"gold_paths\") list");
            }
            String answer = node.path(node.has("gold_answer") ? "gold_answer" : "answer").asString("");
            String repo = node.path("repo").asString("");
            questions.add(new Question(node.path("id").asString("line " + (i + 1)), node.path("question").asString(), gold,
                    answer, repo.isBlank() ? null : repo, node.path("category").asString("")));
        }
        return questions;
    }

    /** Evaluates every question against the passages {@code access} reads (the command line: everything). */
    public static Report evaluate(Path file, Retriever retriever, String source, SearchMode mode, int k,
                                  ReadAccess access) throws IOException {
        List<Question> questions = read(file);
        double hits = 0;
        double mrr = 0;
        List<Miss> misses = new ArrayList<>();
        for (Question q : questions) {
            Set<String> sources = source == null ? Set.of() : Set.of(source);
            List<Hit> found = retriever.search(new SearchRequest(q.question(), mode, k, sources, access));
            List<String> documents = new ArrayList<>(new LinkedHashSet<>(found.stream().map(h -> h.chunk().path()).toList()));
            int rank = 0;
            for (int i = 0; i < found.size() && rank == 0; i++) {
                if (matches(found.get(i), q)) {
                    rank = i + 1;
                }
            }
            if (rank > 0) {
                hits++;
                mrr += 1.0 / rank;
            } else {
                misses.add(new Miss(q.question(), q.gold(), documents));
            }
        }
        int n = Math.max(1, questions.size());
        return new Report(file.toString(), source, mode.name().toLowerCase(), k, questions.size(), hits / n, mrr / n, misses);
    }

    static boolean matches(Hit hit, Question question) {
        if (question.source() != null && !question.source().equals(hit.chunk().source())) {
            return false;
        }
        String path = hit.chunk().path();
        for (String g : question.gold()) {
            if (g.equals(path) || g.equals(hit.chunk().uri()) || path.endsWith("/" + g) || g.endsWith("/" + path)) {
                return true;
            }
        }
        return false;
    }
}
