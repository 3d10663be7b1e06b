package org.labrador.retrieval;

/**
 * A chunk found by a search.
 *
 * @param chunk      the passage
 * @param score      rank score of the chosen mode (BM25 score, cosine similarity, or the fused score in [0, 1])
 * @param similarity cosine similarity between query and passage embeddings in [-1, 1]; the
 *                   calibrated relevance signal used to decide whether the sources cover a question
 * @param snippet    a short excerpt with the matching terms marked as {@code **term**}
 */
public record Hit(Chunk chunk, double score, double similarity, String snippet) {
}
