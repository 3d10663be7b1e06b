package org.labrador.retrieval;

import java.util.Locale;

/** How a query is matched: keywords, meaning, or both fused. */
public enum SearchMode {
    /** BM25 over text, title and headings. */
    BM25,
    /** Nearest neighbours of the query embedding (HNSW). */
    VECTOR,
    /** BM25 and vector results fused by reciprocal rank. */
    HYBRID;

    public static SearchMode parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
