package org.labrador.retrieval;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.io.IOException;
import java.util.List;

/**
 * Searches the index with a query as typed: embeds it when the mode needs it, then runs
 * BM25, vector or hybrid search. Results are sorted by relevance, best first.
 */
public final class Retriever {

    private final PassageIndex index;
    private final EmbeddingModel embeddingModel;
    private final String queryPrefix;
    private final SearchTimings timings;

    /** Told how long each search took, by mode (the application's metrics); must be quick and never throw. */
    @FunctionalInterface
    public interface SearchTimings {
        SearchTimings NONE = (mode, nanos) -> { };

        void searched(SearchMode mode, long nanos);
    }

    /**
     * @param queryPrefix instruction some embedding models expect before a query (BGE's
     *                    "Represent this sentence for searching relevant passages: "); may be empty
     */
    public Retriever(PassageIndex index, EmbeddingModel embeddingModel, String queryPrefix) {
        this(index, embeddingModel, queryPrefix, SearchTimings.NONE);
    }

    /** As {@link #Retriever(PassageIndex, EmbeddingModel, String)}, reporting each search's time to {@code timings}. */
    public Retriever(PassageIndex index, EmbeddingModel embeddingModel, String queryPrefix, SearchTimings timings) {
        this.index = index;
        this.embeddingModel = embeddingModel;
        this.queryPrefix = queryPrefix == null ? "" : queryPrefix;
        this.timings = java.util.Objects.requireNonNull(timings, "timings");
    }

    /** Searches; the time reported to {@link SearchTimings} includes embedding the query. */
    public List<Hit> search(SearchRequest request) throws IOException {
        long started = System.nanoTime();
        float[] vector = request.mode() == SearchMode.BM25 ? null : embedQuery(request.text());
        List<Hit> hits = index.search(request, vector);
        timings.searched(request.mode(), System.nanoTime() - started);
        return hits;
    }

    public float[] embedQuery(String text) {
        return embeddingModel.embed(TextSegment.from(queryPrefix + text)).content().vector();
    }

    public PassageIndex index() {
        return index;
    }
}
