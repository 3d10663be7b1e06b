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
 * @param evidence       what the coverage decision was made from
 */
public record AnswerContext(String query, List<Hit> passages, List<Hit> nearest, boolean covered, Double bestSimilarity,
                            Evidence evidence) {

    /**
     * What tells whether the sources cover a question.
     *
     * @param similarity   cosine similarity of the nearest passage by meaning
     * @param margin       its similarity minus the next passage's
     * @param agreement    documents among the first five of both the keyword and the vector side
     * @param wordsFound   share of the question's content words found in the answer's first passages
     * @param contentWords how many content words the question has
     */
    public record Evidence(double similarity, double margin, int agreement, double wordsFound, int contentWords) {
    }

    public AnswerContext {
        passages = List.copyOf(passages);
        nearest = List.copyOf(nearest);
    }
}
