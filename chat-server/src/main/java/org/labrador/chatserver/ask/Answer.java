package org.labrador.chatserver.ask;

import java.util.List;
import org.labrador.retrieval.Citation;

/**
 * A complete answer, as returned by {@code POST /api/v1/ask}.
 *
 * @param answer    the answer text (Markdown) with {@code [n]} markers, each naming a source
 * @param citations the sources the answer cites, numbered as in the text
 * @param model     which model answered, or why none did
 * @param covered   whether the sources held passages relevant enough to answer; false means "I don't know"
 * @param bestSimilarity the best cosine similarity between the question and a passage, or null when nothing was found
 * @param grounded  false when the model answered from sources but cited none of them: the answer is unverified
 * @param removedCitations how many cited numbers named no source and were taken out of the text
 * @param droppedSources relevant passages that did not fit in the model's window and were not given to it,
 *                  numbered by rank after the ones given
 * @param conversation the conversation the answer was recorded in (null when not recorded)
 * @param exchange  the id of this question and answer, for feedback (null when not recorded)
 */
public record Answer(String answer, List<Citation> citations, ModelInfo model, boolean covered, Double bestSimilarity,
                     boolean grounded, int removedCitations, List<Citation> droppedSources,
                     Long conversation, Long exchange) {

    public Answer {
        droppedSources = droppedSources == null ? List.of() : List.copyOf(droppedSources);
    }

    /** An answer whose citations needed no check: every one names a source, and nothing was left out. */
    public Answer(String answer, List<Citation> citations, ModelInfo model, boolean covered, Double bestSimilarity) {
        this(answer, citations, model, covered, bestSimilarity, true, 0, List.of(), null, null);
    }

    /** The same answer, with where it was recorded. */
    public Answer recordedAs(long conversationId, long exchangeId) {
        return new Answer(answer, citations, model, covered, bestSimilarity, grounded, removedCitations, droppedSources,
                conversationId, exchangeId);
    }

    /**
     * @param name      configured chat model
     * @param baseUrl   Ollama server
     * @param available whether the model produced this answer
     * @param notice    what to do when it did not (empty otherwise)
     */
    public record ModelInfo(String name, String baseUrl, boolean available, String notice) {
    }
}
