package org.labrador.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Whether the sources cover a question, from evidence: how close the nearest passage's meaning is
 * (cosine similarity), whether the keyword and the vector side agree on a document, the margin of
 * the nearest passage over the next, and the share of the question's content words that the first
 * passages contain.
 */
final class Coverage {

    /**
     * Weight of the share of content words found, against the cosine similarity. On the straxen
     * dev set (60 questions) and 48 out-of-scope questions, similarity alone overlapped (in scope
     * from 0.66, out of scope up to 0.68); similarity + 0.1 * words found did not (in scope from
     * 0.72, out of scope up to 0.69). The keyword/vector agreement and the margin did not help.
     */
    static final double WORDS_WEIGHT = 0.1;
    /** The evidence must exceed the model's relevance threshold by this much (0.71 for BGE's 0.60). */
    static final double EVIDENCE_MARGIN = 0.11;

    /** Files of each side compared for agreement. */
    static final int AGREEMENT_FILES = 5;

    /** Words of a question that say nothing about its topic (Lucene's stop words are only the shortest). */
    private static final Set<String> QUESTION_WORDS = Set.of("how", "what", "why", "when", "where", "which", "who",
            "whom", "whose", "do", "doe", "does", "did", "can", "could", "should", "would", "shall", "may", "might",
            "must", "i", "me", "my", "mine", "you", "your", "we", "our", "us", "am", "been", "being", "have", "has",
            "had", "get", "got", "want", "need", "know", "tell", "explain", "find", "look", "someth", "anyth",
            "there", "here", "about", "from", "than", "so", "some", "ani", "any", "all", "each", "other", "more",
            "most", "veri", "just", "also", "onli", "only", "own", "same", "too", "up", "down", "out", "over",
            "again", "still", "s", "t", "don", "doesn", "isn", "way", "thing", "use", "one");

    private final Analyzer analyzer;

    Coverage(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    /** The evidence for a question, from its hybrid ranking and each side's own first passages. */
    AnswerContext.Evidence evidence(String question, List<Hit> ranked, List<Hit> keywords, List<Hit> vectors,
                                    int passages) {
        double best = vectors.isEmpty() ? Double.NaN : vectors.getFirst().similarity();
        double next = vectors.size() < 2 ? Double.NaN : vectors.get(1).similarity();
        Set<String> keywordFiles = files(keywords);
        Set<String> vectorFiles = files(vectors);
        keywordFiles.retainAll(vectorFiles);
        Set<String> asked = contentWords(question);
        Set<String> found = new HashSet<>();
        for (Hit hit : ranked.subList(0, Math.min(passages, ranked.size()))) {
            found.addAll(terms(IndexFields.WORDS, KeywordText.of(hit.chunk())));
        }
        long shared = asked.stream().filter(found::contains).count();
        double wordsFound = asked.isEmpty() ? 0 : (double) shared / asked.size();
        return new AnswerContext.Evidence(best, Double.isNaN(next) ? 0 : best - next, keywordFiles.size(), wordsFound,
                asked.size());
    }

    /** Whether the evidence says the sources cover the question; {@code minSimilarity} is the model's threshold. */
    static boolean covers(AnswerContext.Evidence evidence, double minSimilarity) {
        return evidence.similarity() + WORDS_WEIGHT * evidence.wordsFound() >= minSimilarity + EVIDENCE_MARGIN;
    }

    /** The question's topic words, analysed as passage text is. */
    Set<String> contentWords(String question) {
        Set<String> words = terms(IndexFields.TEXT, question);
        words.removeIf(w -> QUESTION_WORDS.contains(w) || w.length() < 2);
        return words;
    }

    private static Set<String> files(List<Hit> hits) {
        Set<String> files = new LinkedHashSet<>();
        for (Hit hit : hits) {
            if (files.size() == AGREEMENT_FILES) {
                break;
            }
            files.add(hit.chunk().source() + '/' + hit.chunk().path());
        }
        return files;
    }

    private Set<String> terms(String field, String text) {
        Set<String> terms = new HashSet<>();
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }
}
