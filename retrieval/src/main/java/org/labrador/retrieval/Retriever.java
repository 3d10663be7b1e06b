package org.labrador.retrieval;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Searches the index with a query as typed: embeds it when the mode needs it, then runs
 * BM25, vector or hybrid search. Results are sorted by relevance, best first.
 */
public final class Retriever {

    private final PassageIndex index;
    private final EmbeddingModel embeddingModel;
    private final String queryPrefix;
    private final SearchTimings timings;
    private final AtomicLong lastFailureLogged = new AtomicLong(System.nanoTime() - TimeUnit.MINUTES.toNanos(2));
    private static final Logger log = LoggerFactory.getLogger(Retriever.class);

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

    /**
     * Searches; the time reported to {@link SearchTimings} includes embedding the query. When the
     * embedding model cannot embed (a served model whose server is down), vector and hybrid
     * searches are answered by keywords alone rather than not at all.
     */
    public List<Hit> search(SearchRequest request) throws IOException {
        long started = System.nanoTime();
        SearchRequest asked = request;
        float[] vector = null;
        if (request.mode() != SearchMode.BM25) {
            vector = tryEmbedQuery(request.text()).orElse(null);
            if (vector == null) {
                asked = new SearchRequest(request.text(), SearchMode.BM25, request.k(), request.sources(), request.access());
            }
        }
        List<Hit> hits = index.search(asked, vector);
        timings.searched(asked.mode(), System.nanoTime() - started); // what ran, not what was asked
        return hits;
    }

    public float[] embedQuery(String text) {
        return embeddingModel.embed(TextSegment.from(queryPrefix + text)).content().vector();
    }

    /**
     * The query's vector, or empty when the embedding model fails; the failure is logged (at most
     * once a minute, with the model's own message, which names the fix).
     */
    public Optional<float[]> tryEmbedQuery(String text) {
        try {
            return Optional.of(embedQuery(text));
        } catch (RuntimeException e) {
            long now = System.nanoTime();
            long last = lastFailureLogged.get();
            if (now - last > TimeUnit.MINUTES.toNanos(1) && lastFailureLogged.compareAndSet(last, now)) {
                log.warn("Searching by keywords alone: the embedding model failed: {}", e.getMessage());
            }
            return Optional.empty();
        }
    }

    public PassageIndex index() {
        return index;
    }
}
