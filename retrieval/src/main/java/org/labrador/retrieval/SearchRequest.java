package org.labrador.retrieval;

import java.util.Set;

/**
 * What to look for.
 *
 * @param text    the query as typed
 * @param mode    BM25, vector or hybrid
 * @param k       number of hits wanted
 * @param sources names of the sources to search; empty means all
 */
public record SearchRequest(String text, SearchMode mode, int k, Set<String> sources) {

    public SearchRequest {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("query text is empty");
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
        mode = mode == null ? SearchMode.HYBRID : mode;
        sources = sources == null ? Set.of() : Set.copyOf(sources);
    }

    public static SearchRequest of(String text, int k) {
        return new SearchRequest(text, SearchMode.HYBRID, k, Set.of());
    }
}
