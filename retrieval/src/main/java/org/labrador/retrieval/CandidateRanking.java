package org.labrador.retrieval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.ScoreDoc;

/**
 * The embedded index's ranking, for an index backend that finds its candidates elsewhere (a
 * cluster): how deep each side looks, how BM25 and vector candidates become one ranked list (the
 * same {@link HybridSearch} fusion), and how a highlighted passage becomes a snippet. Candidates
 * are {@link ScoreDoc}s whose {@code doc} is the backend's own number for a passage; their scores
 * are the engine's: BM25, and for vectors Lucene's {@code (1 + cosine) / 2}.
 */
public final class CandidateRanking {

    private CandidateRanking() {
    }

    /** How many candidates each side of {@code request} asks for. */
    public static int depth(SearchRequest request) {
        return request.mode() == SearchMode.BM25 ? request.k() : Math.max(HybridSearch.CANDIDATE_DEPTH, request.k());
    }

    /**
     * The best {@code request.k()} candidates with their rank scores, best first: BM25 scores, cosine
     * similarities, or both sides fused. The side the mode does not use may be empty.
     */
    public static List<Map.Entry<Integer, Double>> rank(SearchRequest request, List<ScoreDoc> bm25, List<ScoreDoc> knn) {
        Map<Integer, Double> scores = new LinkedHashMap<>();
        switch (request.mode()) {
            case BM25 -> bm25.forEach(sd -> scores.put(sd.doc, (double) sd.score));
            case VECTOR -> knn.forEach(sd -> scores.put(sd.doc, 2.0 * sd.score - 1.0));
            case HYBRID -> HybridSearch.fuse(scores, bm25, knn);
        }
        List<Map.Entry<Integer, Double>> ranked = new ArrayList<>(scores.entrySet());
        ranked.sort(Map.Entry.<Integer, Double>comparingByValue().reversed());
        return request.firstK(ranked);
    }

    /**
     * The snippet of a hit: its highlighted passages (matches marked {@code **word**}) cut to a
     * window around the first match, or the passage's beginning when nothing was highlighted.
     */
    public static String snippet(String highlighted, String text) {
        return highlighted != null ? HybridSearch.window(HybridSearch.compact(highlighted)) : HybridSearch.leading(text);
    }

    /** The keyword fields with their boosts: the query's words ({@link #keywordQuery}) are matched in each, scores summed. */
    public static Map<String, Float> fieldBoosts() {
        return HybridSearch.FIELD_BOOSTS;
    }

    /** The query's words written as code, lower-cased: each is matched exactly against defined symbols. */
    public static List<String> symbols(String text) {
        return KeywordText.symbols(text);
    }

    /** The passages the query quotes: each is searched as a phrase in the keyword field, boosted {@link #phraseBoost}. */
    public static List<String> quotedPhrases(String text) {
        return KeywordText.quoted(text);
    }

    /** The boost of a quoted passage found as a phrase. */
    public static float phraseBoost() {
        return HybridSearch.PHRASE_BOOST;
    }

    /** The text the keyword fields are searched with: the query without its question words, names split. */
    public static String keywordQuery(String text) {
        return KeywordText.query(text);
    }

    /** The keyword field's text of a passage: its title, headings, path and text in words, names split. */
    public static String keywordText(Chunk chunk) {
        return KeywordText.of(chunk);
    }

    /** The boost of an exact symbol match, so that a question naming a definition finds it first. */
    public static float symbolBoost() {
        return HybridSearch.SYMBOL_BOOST;
    }

    /** The embedding as indexed: scaled to unit length, so that a dot product is the cosine. */
    public static float[] normalized(float[] vector) {
        return IndexFields.normalized(vector);
    }
}
