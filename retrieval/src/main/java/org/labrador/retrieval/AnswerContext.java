package org.labrador.retrieval;

import java.util.List;

/**
 * The passages an answer is built from, as {@link RetrievalPipeline#answerContext} chose them.
 *
 * @param query          the query that was searched (a follow-up joined with what it refers to)
 * @param passages       the passages for the prompt, best first; empty when not covered
 * @param nearest        the closest passages, shown when the sources do not cover the question
 * @param covered        whether the sources cover the question at all
 * @param bestSimilarity highest cosine similarity among the candidates, or null without vectors
 */
public record AnswerContext(String query, List<Hit> passages, List<Hit> nearest, boolean covered, Double bestSimilarity) {

    public AnswerContext {
        passages = List.copyOf(passages);
        nearest = List.copyOf(nearest);
    }
}
