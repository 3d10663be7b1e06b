package org.labrador.webui.chat;

import java.util.List;
import org.labrador.retrieval.Citation;

/** Receives one answer as it is produced. */
public interface AnswerListener {

    /** A piece of the answer text (Markdown), in order. */
    void onToken(String text);

    /** A notice for the reader, such as "no model is running: start it with ollama serve". */
    void onNotice(String notice);

    /**
     * The model's answer as checked, after the last token: {@code text} replaces the text streamed
     * (a citation naming no source was taken out), and {@code grounded} is false when the answer
     * cites none of its sources, to be marked as unverified.
     */
    default void onChecked(String text, boolean grounded) {
    }

    /** The sources the answer cites, numbered as in the text. */
    void onCitations(List<Citation> citations);

    /** The question waits for a busy model server: its place in line (1 = next), then 0 when a server takes it. */
    default void onQueued(int position) {
    }

    /** The answer is complete. */
    void onDone();

    /** The answer was kept as exchange {@code exchangeId} of conversation {@code conversationId}; before {@link #onDone()}. */
    default void onRecorded(long conversationId, long exchangeId) {
    }

    /** Answering failed; the message is safe to show. */
    void onError(String message);
}
