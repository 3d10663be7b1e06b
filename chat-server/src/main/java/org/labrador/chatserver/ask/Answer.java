package org.labrador.chatserver.ask;

import java.util.List;
import org.labrador.retrieval.Citation;

/**
 * A complete answer, as returned by {@code POST /api/v1/ask}.
 *
 * @param answer    the answer text (Markdown) with {@code [n]} markers
 * @param citations the sources the answer cites, numbered as in the text
 * @param model     which model answered, or why none did
 */
public record Answer(String answer, List<Citation> citations, ModelInfo model) {

    /**
     * @param name      configured chat model
     * @param baseUrl   Ollama server
     * @param available whether the model produced this answer
     * @param notice    what to do when it did not (empty otherwise)
     */
    public record ModelInfo(String name, String baseUrl, boolean available, String notice) {
    }
}
