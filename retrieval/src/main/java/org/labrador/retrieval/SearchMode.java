package org.labrador.retrieval;

import java.util.Locale;

/** How a query is matched: keywords, meaning, or both fused. */
public enum SearchMode {
    /** BM25 over one field of a passage's words: title, headings, path and text, names split. */
    BM25,
    /** Nearest neighbours of the query embedding (HNSW). */
    VECTOR,
    /** BM25 and vector candidates fused by their min-max normalised scores ({@link HybridSearch}). */
    HYBRID;

    /** Parses {@code bm25}, {@code vector} or {@code hybrid}, in any case. */
    public static SearchMode parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown search mode '" + name + "': use bm25, vector or hybrid");
        }
    }
}
