package org.labrador.webui.chat;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the chat page needs from the application: answers, a status line and the cited files.
 * Implemented by the chat server; the view only renders.
 */
public interface ChatAssistant {

    /**
     * Answers {@code question} in the context of the earlier turns of the same conversation, from
     * the named sources only (all sources when {@code sources} is empty).
     * Calls the listener from a background thread: tokens as they stream, then the citations,
     * then {@link AnswerListener#onDone()}; never throws, reports failures through the listener.
     */
    void answer(String question, List<Turn> history, Set<String> sources, AnswerListener listener);

    /**
     * As {@link #answer(String, List, Set, AnswerListener)}, kept in the signed-in user's conversation
     * {@code conversationId} (a new one when null); the listener hears where it was kept.
     */
    default void answer(String question, List<Turn> history, Set<String> sources, Long conversationId,
                        AnswerListener listener) {
        answer(question, history, sources, listener);
    }

    /** A kept conversation of the signed-in user, as listed. */
    record SavedConversation(long id, String title, java.time.Instant updated) {
    }

    /** The signed-in user's kept conversations, newest first. */
    default List<SavedConversation> conversations() {
        return List.of();
    }

    /** The turns of one of the signed-in user's conversations; empty when it is not theirs. */
    default List<AnsweredTurn> openConversation(long id) {
        return List.of();
    }

    default void deleteConversation(long id) {
    }

    /** Thumbs up (1) or down (-1) on a recorded answer, with an optional comment. */
    default void rate(long exchangeId, int rating, String comment) {
    }

    /** Names of the sources a question can be limited to (the {@code sources} of {@link #answer}; empty = all). */
    default List<String> sources() {
        return List.of();
    }

    /** Documents, chunks, last sync and the model's state, for the status line. */
    Status status();

    /** The full text of a document of a source, to show a cited passage in context. */
    Optional<SourceFile> openFile(String source, String path);
}
