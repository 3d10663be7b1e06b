package org.labrador.webui.chat;

import java.util.List;
import org.labrador.retrieval.Citation;

/**
 * A completed question and answer as shown on the page: the answer's Markdown and the sources it cites.
 *
 * @param grounded false when the answer cites none of the sources it was given: it is marked as unverified
 */
public record AnsweredTurn(String question, String answer, List<Citation> citations, boolean grounded) {

    public AnsweredTurn {
        citations = citations == null ? List.of() : List.copyOf(citations);
    }

    Turn toTurn() {
        return new Turn(question, answer);
    }
}
