package org.labrador.retrieval;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParserBase;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;
import org.apache.lucene.util.VectorUtil;

/**
 * BM25, vector and hybrid search over one searcher. Hybrid fuses the two candidate lists by a
 * weighted sum of their min-max normalised scores (see {@link #fuse}).
 */
final class HybridSearch {

    /**
     * Share of the vector side in the fused score. 0.7 while BM25 summed five fields; with one field of all
     * words BM25 is stronger, and 0.6 is better on the straxen dev set and on SciFact train (docs/benchmarks.md).
     */
    static final double VECTOR_WEIGHT = 0.6;
    /**
     * Each side of a vector or hybrid search looks this deep whatever k is (deeper only when more
     * are asked for): fusion normalises each side over its candidates, so a depth that grew with k
     * made the first passages depend on how many were asked for.
     */
    static final int CANDIDATE_DEPTH = 100;
    private static final int SNIPPET_LENGTH = 240;

    /**
     * The keyword fields with their boosts: one field of all a passage's words (see {@link KeywordText}). Five
     * fields summed (text, title, headings, code words, path words) counted a word once per field it is in and
     * ranked worse on newcomers' questions (docs/benchmarks.md).
     */
    static final Map<String, Float> FIELD_BOOSTS = Map.of(IndexFields.WORDS, 1.0f);

    /**
     * BM25's length normalisation: 0.3 instead of Lucene's 0.75. Passages are cut to a size already, so length
     * says little about topic; with 0.75 a four-line section opening (a title and one sentence) outranked the
     * section that answers. On the straxen gold set MRR@5 0.872 → 0.915, dev set hit@1 +1 question, SciFact
     * train unchanged (docs/benchmarks.md). k1 stays Lucene's 1.2 (1.5 measured: no better).
     */
    static final float BM25_K1 = 1.2f;
    static final float BM25_B = 0.3f;

    static final float SYMBOL_BOOST = 5.0f;
    /** The boost of a quoted passage of the question found as a phrase (an error message pasted from a traceback). */
    static final float PHRASE_BOOST = 2.0f;

    private final Analyzer analyzer;

    /** The searcher of {@code reader} with the index's BM25 parameters. */
    static IndexSearcher searcher(IndexReader reader) {
        IndexSearcher searcher = new IndexSearcher(reader);
        searcher.setSimilarity(new BM25Similarity(BM25_K1, BM25_B));
        return searcher;
    }

    HybridSearch(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    List<Hit> search(IndexSearcher searcher, SearchRequest request, float[] queryVector) throws IOException {
        Query filter = filter(request);
        Query keywords = keywordQuery(request.text());
        // The vector graph is searched with a beam as wide as the number of hits asked for: a
        // narrow beam misses close passages in large segments, so vector search looks deep too.
        int depth = request.mode() == SearchMode.BM25 ? request.k() : Math.max(CANDIDATE_DEPTH, request.k());

        Map<Integer, Double> scores = new LinkedHashMap<>();
        switch (request.mode()) {
            case BM25 -> bm25(searcher, keywords, filter, depth).forEach(sd -> scores.put(sd.doc, (double) sd.score));
            case VECTOR -> knn(searcher, queryVector, filter, depth)
                    .forEach(sd -> scores.put(sd.doc, 2.0 * sd.score - 1.0));
            case HYBRID -> fuse(scores, bm25(searcher, keywords, filter, depth), knn(searcher, queryVector, filter, depth));
        }
        List<Map.Entry<Integer, Double>> ranked = new ArrayList<>(scores.entrySet());
        ranked.sort(Map.Entry.<Integer, Double>comparingByValue().reversed());
        if (ranked.size() > request.k()) {
            ranked = ranked.subList(0, request.k());
        }

        int[] docIds = ranked.stream().mapToInt(Map.Entry::getKey).toArray();
        String[] snippets = snippets(searcher, keywords, docIds);
        var stored = searcher.storedFields();
        List<Hit> hits = new ArrayList<>(docIds.length);
        for (int i = 0; i < docIds.length; i++) {
            Chunk chunk = IndexFields.toChunk(stored.document(docIds[i]));
            double similarity = queryVector == null ? Double.NaN : similarity(searcher, docIds[i], queryVector);
            String snippet = snippets[i] != null ? snippets[i] : leading(chunk.text());
            hits.add(new Hit(chunk, ranked.get(i).getValue(), similarity, snippet));
        }
        return hits;
    }

    /**
     * Fuses the two candidate lists: each list's scores are min-max normalised over its
     * candidates, then weighted {@value #VECTOR_WEIGHT} for the vector side and the rest for BM25;
     * a passage found by one side only gets that side's part. On SciFact (train split) this beat
     * reciprocal rank fusion (k = 60: nDCG@10 0.740, below vector alone at 0.746) with 0.764;
     * see docs/benchmarks.md.
     */
    static void fuse(Map<Integer, Double> scores, List<ScoreDoc> bm25, List<ScoreDoc> knn) {
        Map<Integer, Double> fused = new HashMap<>();
        addNormalised(fused, bm25, 1 - VECTOR_WEIGHT);
        addNormalised(fused, knn, VECTOR_WEIGHT);
        scores.putAll(fused);
    }

    private static void addNormalised(Map<Integer, Double> fused, List<ScoreDoc> ranked, double weight) {
        if (ranked.isEmpty()) {
            return;
        }
        double max = ranked.getFirst().score;
        double min = ranked.getLast().score;
        for (ScoreDoc sd : ranked) {
            double normalised = max > min ? (sd.score - min) / (max - min) : 1.0;
            fused.merge(sd.doc, weight * normalised, Double::sum);
        }
    }

    private static List<ScoreDoc> bm25(IndexSearcher searcher, Query keywords, Query filter, int depth) throws IOException {
        Query query = new BooleanQuery.Builder()
                .add(keywords, BooleanClause.Occur.MUST)
                .add(filter, BooleanClause.Occur.FILTER)
                .build();
        return List.of(searcher.search(query, depth).scoreDocs);
    }

    private static List<ScoreDoc> knn(IndexSearcher searcher, float[] vector, Query filter, int depth) throws IOException {
        return List.of(searcher.search(new KnnFloatVectorQuery(IndexFields.VECTOR, vector, depth, filter), depth).scoreDocs);
    }

    private static Query filter(SearchRequest request) {
        BooleanQuery.Builder filter = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_CHUNK)), BooleanClause.Occur.FILTER);
        if (!request.sources().isEmpty()) {
            List<BytesRef> names = request.sources().stream().map(BytesRef::new).toList();
            filter.add(new TermInSetQuery(IndexFields.SOURCE, names), BooleanClause.Occur.FILTER);
        }
        if (!request.access().unrestricted()) {
            List<BytesRef> groups = request.access().groups().stream().sorted().map(BytesRef::new).toList();
            filter.add(new TermInSetQuery(IndexFields.GROUP, groups), BooleanClause.Occur.FILTER);
        }
        return filter.build();
    }

    /**
     * The question's words (question words left out, operators taken literally) OR-ed over the keyword field,
     * plus each passage the question quotes as a phrase, and an exact match on defined symbols for each word
     * written as code, so that a pasted error message finds where it is raised and a question naming a function
     * or constant finds its definition first.
     */
    Query keywordQuery(String text) {
        MultiFieldQueryParser parser = new MultiFieldQueryParser(
                FIELD_BOOSTS.keySet().toArray(String[]::new), analyzer, FIELD_BOOSTS);
        parser.setDefaultOperator(QueryParserBase.OR_OPERATOR);
        Query words;
        try {
            words = parser.parse(QueryParserBase.escape(KeywordText.query(text)));
        } catch (ParseException e) {
            words = new MatchNoDocsQuery("unparseable query");
        } catch (IllegalArgumentException e) {
            words = new MatchNoDocsQuery("too many clauses"); // BooleanQuery.TooManyClauses
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder().add(words, BooleanClause.Occur.SHOULD);
        QueryBuilder phrases = new QueryBuilder(analyzer);
        for (String quote : KeywordText.quoted(text)) {
            Query phrase = phrases.createPhraseQuery(IndexFields.WORDS, quote);
            if (phrase != null) {
                query.add(new BoostQuery(phrase, PHRASE_BOOST), BooleanClause.Occur.SHOULD);
            }
        }
        for (String symbol : KeywordText.symbols(text)) {
            query.add(new BoostQuery(new TermQuery(new Term(IndexFields.SYMBOL, symbol)), SYMBOL_BOOST), BooleanClause.Occur.SHOULD);
        }
        return query.build();
    }

    private String[] snippets(IndexSearcher searcher, Query keywords, int[] docIds) throws IOException {
        if (docIds.length == 0) {
            return new String[0];
        }
        UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, analyzer)
                .withFormatter(new DefaultPassageFormatter("**", "**", " … ", false))
                .withHighlightPhrasesStrictly(false)
                .withFieldMatcher(field -> true) // the query's words are in the keyword field; they mark the text
                .withMaxLength(100_000)
                .build();
        highlighter.setMaxNoHighlightPassages(0);
        int[] maxPassages = {2};
        Map<String, String[]> byField = highlighter.highlightFields(new String[] {IndexFields.TEXT}, keywords, docIds, maxPassages);
        String[] snippets = byField.get(IndexFields.TEXT);
        for (int i = 0; i < snippets.length; i++) {
            if (snippets[i] != null) {
                snippets[i] = window(compact(snippets[i]));
            }
        }
        return snippets;
    }

    /**
     * Cuts a highlighted passage to about {@value #SNIPPET_LENGTH} characters around its first
     * match: sentence detection fails on code and tables, which would otherwise return whole chunks.
     */
    static String window(String highlighted) {
        if (highlighted.length() <= SNIPPET_LENGTH + SNIPPET_LENGTH / 2) {
            return highlighted;
        }
        int first = Math.max(0, highlighted.indexOf("**"));
        int start = Math.max(0, highlighted.lastIndexOf(' ', Math.max(0, first - SNIPPET_LENGTH / 4)));
        int end = highlighted.indexOf(' ', Math.min(highlighted.length(), start + SNIPPET_LENGTH));
        end = end < 0 ? highlighted.length() : end;
        String cut = highlighted.substring(start, end).strip();
        if (countMarks(cut) % 2 == 1) {
            cut = cut + "**"; // close a mark the cut left open
        }
        return (start > 0 ? "… " : "") + cut + (end < highlighted.length() ? " …" : "");
    }

    private static int countMarks(String text) {
        int count = 0;
        for (int i = text.indexOf("**"); i >= 0; i = text.indexOf("**", i + 2)) {
            count++;
        }
        return count;
    }

    static String leading(String text) {
        return compact(text.length() <= SNIPPET_LENGTH ? text : text.substring(0, SNIPPET_LENGTH) + " …");
    }

    static String compact(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    /** Cosine similarity between the (normalised) query and the stored document vector. */
    private static double similarity(IndexSearcher searcher, int docId, float[] query) throws IOException {
        float[] stored = IndexFields.storedVector(searcher, docId);
        return stored == null ? Double.NaN : VectorUtil.dotProduct(query, stored);
    }
}
