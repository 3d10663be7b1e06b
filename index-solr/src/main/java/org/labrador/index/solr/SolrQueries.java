package org.labrador.index.solr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.lucene.queryparser.classic.QueryParserBase;
import org.apache.solr.client.solrj.SolrQuery;
import org.labrador.retrieval.CandidateRanking;
import org.labrador.retrieval.SearchRequest;

/**
 * The Solr requests of one search, built as the embedded index builds its Lucene queries: the
 * query's keyword words OR-ed over the keyword fields with the same boosts (edismax, tie 1: field
 * scores summed), exact matches of names written as code boosted beside them, and the caller's filter (chunks only, the
 * chosen sources, the caller's groups) as filter queries on every request. The vector request
 * passes the same filter to the HNSW search as its pre-filter, so the graph walk only ever
 * collects passages the caller may read: the nearest readable passages are found (none vanish
 * behind unreadable ones), and no unreadable one is scored.
 */
final class SolrQueries {

    /**
     * Joins values for the {@code terms} parser: a character no group or source name contains
     * (names holding it are refused), so that a group called {@code a,b} is not read as two groups.
     */
    static final String SEPARATOR = "\u001f";

    private final String fieldBoosts;

    SolrQueries() {
        this.fieldBoosts = CandidateRanking.fieldBoosts().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "^" + e.getValue()).collect(Collectors.joining(" "));
    }

    /** BM25 candidates: ids and scores. */
    SolrQuery keywords(SearchRequest request, int depth) {
        SolrQuery query = withFilter(request, new SolrQuery());
        addKeywordQuery(query, request.text());
        query.setQuery(query.get("lab.kw"));
        query.setFields(SolrFields.ID, "score");
        query.setRows(depth);
        return query;
    }

    /** Nearest neighbours of {@code vector} among the passages the caller may read. */
    SolrQuery nearest(SearchRequest request, float[] vector, int depth) {
        SolrQuery query = withFilter(request, new SolrQuery());
        StringBuilder knn = new StringBuilder("{!knn f=").append(SolrFields.VECTOR).append(" topK=").append(depth);
        for (String filter : query.getParams("lab.filter")) {
            knn.append(" preFilter=$").append(filter);
        }
        query.setQuery(knn.append(" v=$lab.vector}").toString());
        query.set("lab.vector", SolrFields.floats(vector).toString());
        query.setFields(SolrFields.ID, "score");
        query.setRows(depth);
        return query;
    }

    /**
     * The stored fields and highlighted text of the chosen passages (still filtered: a passage
     * re-tagged since the candidates were found is not returned).
     */
    SolrQuery passages(SearchRequest request, List<String> ids, boolean withVectors) {
        SolrQuery query = withFilter(request, new SolrQuery());
        query.setQuery("{!terms f=" + SolrFields.ID + " separator=$lab.sep v=$lab.ids}");
        query.set("lab.ids", String.join(SEPARATOR, ids));
        query.setFields(SolrFields.CHUNK_FIELDS + (withVectors ? "," + SolrFields.VECTOR : ""));
        query.setRows(ids.size());
        addKeywordQuery(query, request.text());
        query.setHighlight(true);
        query.set("hl.method", "unified");
        query.set("hl.fl", SolrFields.TEXT);
        query.set("hl.q", query.get("lab.kw"));
        query.set("hl.requireFieldMatch", false); // the query's words are in the keyword field; they mark the text
        query.set("hl.snippets", 2);
        query.set("hl.fragsize", 0);
        query.set("hl.bs.type", "SENTENCE");
        query.set("hl.bs.language", "en");
        query.set("hl.tag.pre", "**");
        query.set("hl.tag.post", "**");
        query.set("hl.tag.ellipsis", " … ");
        query.set("hl.defaultSummary", false);
        query.set("hl.maxAnalyzedChars", 100_000);
        query.set("hl.usePhraseHighlighter", false);
        return query;
    }

    /**
     * The filter of every request, as named parameters {@code lab.f0, lab.f1, …} used by
     * {@code fq} and, for vectors, by {@code preFilter}; their names are listed in {@code lab.filter}.
     */
    private static SolrQuery withFilter(SearchRequest request, SolrQuery query) {
        List<String> filters = new ArrayList<>();
        filters.add("{!term f=" + SolrFields.KIND + "}" + SolrFields.KIND_CHUNK);
        if (!request.sources().isEmpty()) {
            query.set("lab.sources", joined(request.sources().stream().sorted().toList()));
            filters.add("{!terms f=" + SolrFields.SOURCE + " separator=$lab.sep v=$lab.sources}");
        }
        if (!request.access().unrestricted()) {
            query.set("lab.groups", joined(request.access().groups().stream().sorted().toList()));
            filters.add("{!terms f=" + SolrFields.GROUP + " separator=$lab.sep v=$lab.groups}");
        }
        query.set("lab.sep", SEPARATOR);
        for (int i = 0; i < filters.size(); i++) {
            String name = "lab.f" + i;
            query.set(name, filters.get(i));
            query.addFilterQuery("{!query v=$" + name + "}");
            query.add("lab.filter", name);
        }
        return query;
    }

    private static String joined(List<String> values) {
        for (String value : values) {
            if (value.contains(SEPARATOR)) {
                throw new IllegalArgumentException("a source or group name holds a control character: refused");
            }
        }
        return String.join(SEPARATOR, values);
    }

    /**
     * {@code lab.kw}: the question's words as the embedded index searches them (question words left out,
     * names split, operators taken literally) over the keyword fields, plus each quoted passage as a boosted
     * phrase and one boosted exact clause per word written as code.
     */
    private void addKeywordQuery(SolrQuery query, String text) {
        query.set("lab.text", QueryParserBase.escape(CandidateRanking.keywordQuery(text)));
        query.set("lab.words", "{!edismax qf='" + fieldBoosts + "' tie=1.0 q.op=OR mm=0 sow=true v=$lab.text}");
        List<String> symbols = CandidateRanking.symbols(text);
        StringBuilder kw = new StringBuilder("{!bool should=$lab.words");
        List<String> phrases = CandidateRanking.quotedPhrases(text);
        for (int i = 0; i < phrases.size(); i++) {
            String quoted = phrases.get(i).replace("\\", "\\\\").replace("\"", "\\\"");
            query.set("lab.phr" + i, "{!lucene df=" + SolrFields.WORDS + "}\"" + quoted + "\"^"
                    + String.format(Locale.ROOT, "%.1f", CandidateRanking.phraseBoost()));
            kw.append(" should=$lab.phr").append(i);
        }
        for (int i = 0; i < symbols.size(); i++) {
            // Identifiers are [a-z0-9_] only: nothing to escape.
            query.set("lab.sym" + i, "{!lucene}" + SolrFields.SYMBOL + ":" + symbols.get(i)
                    + "^" + String.format(Locale.ROOT, "%.1f", CandidateRanking.symbolBoost()));
            kw.append(" should=$lab.sym").append(i);
        }
        query.set("lab.kw", kw.append('}').toString());
    }
}
