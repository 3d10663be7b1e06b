package org.labrador.retrieval;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What to look for, and for whom.
 *
 * @param text    the query as typed
 * @param mode    BM25, vector or hybrid
 * @param k       number of hits wanted
 * @param sources names of the sources to search; empty means all the caller may read
 * @param access  whose search this is: only passages this access allows are considered
 */
public record SearchRequest(String text, SearchMode mode, int k, Set<String> sources, ReadAccess access) {

    public SearchRequest {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("query text is empty");
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
        mode = mode == null ? SearchMode.HYBRID : mode;
        sources = sources == null ? Set.of() : Set.copyOf(sources);
        Objects.requireNonNull(access, "access: say whose search this is (ReadAccess.everything() for local tools)");
    }

    /** The same search asking for {@code other} hits: a deeper candidate list to choose from. */
    public SearchRequest withK(int other) {
        return new SearchRequest(text, mode, other, sources, access);
    }

    /** The first {@link #k} of {@code ranked}, or all of them when there are fewer. */
    public <T> List<T> firstK(List<T> ranked) {
        return ranked.size() > k ? List.copyOf(ranked.subList(0, k)) : ranked;
    }

    /** A search over everything, for local tools and tests. */
    public static SearchRequest of(String text, int k) {
        return new SearchRequest(text, SearchMode.HYBRID, k, Set.of(), ReadAccess.everything());
    }
}
