package org.labrador.webui.curation;

import java.time.Instant;
import java.util.List;

/** What was asked, for curators; implemented by the chat server. Anonymised unless configured otherwise. */
public interface QuestionLog {

    /**
     * @param user     who asked, or null when questions are anonymised
     * @param grounded false when the answer cited none of the sources it was given (unverified)
     */
    record AskedQuestion(Instant askedAt, String question, boolean covered, Double bestSimilarity, String sources,
                         Integer rating, String feedback, String user, boolean grounded) {
    }

    List<AskedQuestion> questions(String source, boolean uncoveredOnly);

    List<String> sourceNames();
}
