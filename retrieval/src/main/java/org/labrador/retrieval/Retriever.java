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

    /**
     * @param queryPrefix instruction some embedding models expect before a query (BGE's
     *                    "Represent this sentence for searching relevant passages: "); may be empty
     */
    public Retriever(PassageIndex index, EmbeddingModel embeddingModel, String queryPrefix) {
        this.index = index;
        this.embeddingModel = embeddingModel;
        this.queryPrefix = queryPrefix == null ? "" : queryPrefix;
    }

    public List<Hit> search(SearchRequest request) throws IOException {
        float[] vector = request.mode() == SearchMode.BM25 ? null : embedQuery(request.text());
        return index.search(request, vector);
    }

    public float[] embedQuery(String text) {
        return embeddingModel.embed(TextSegment.from(queryPrefix + text)).content().vector();
    }

    public PassageIndex index() {
        return index;
    }
}
