package org.labrador.webui.chat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the chat page needs from the application: answers, the signed-in user's conversations, what they
 * may read, a status line and the cited files. Implemented by the chat server; the view only renders.
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
    record SavedConversation(long id, String title, Instant updated) {
    }

    /** A kept conversation of the signed-in user, opened: its title and turns, oldest first. */
    record OpenedConversation(long id, String title, List<AnsweredTurn> turns) {

        public OpenedConversation {
            turns = List.copyOf(turns);
        }
    }

    /**
     * The signed-in user's kept conversations, newest first; with a non-blank {@code search}, only those
     * whose title or one of whose questions contains it.
     */
    default List<SavedConversation> conversations(String search) {
        return List.of();
    }

    /** One of the signed-in user's conversations; empty when there is none of that id that is theirs. */
    default Optional<OpenedConversation> openConversation(long id) {
        return Optional.empty();
    }

    /** Gives one of the signed-in user's conversations a new title; nothing happens to anyone else's. */
    default void renameConversation(long id, String title) {
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

    /**
     * A source the signed-in user may read, as the start page shows it.
     *
     * @param kind               the name of its kind ({@code docs}, {@code git}, {@code twiki}, a plugin's), labelled by {@link KindLabels}
     * @param lastSync           when its last sync finished, or null if it never was synced
     * @param suggestedQuestions questions its curators suggest to newcomers
     */
    record ReadableSource(String name, String kind, long documents, Instant lastSync, boolean syncing,
                          List<String> suggestedQuestions) {

        public ReadableSource {
            suggestedQuestions = suggestedQuestions == null ? List.of() : List.copyOf(suggestedQuestions);
        }
    }

    /** The sources the signed-in user may read, by name. */
    default List<ReadableSource> readableSources() {
        return List.of();
    }

    /** Who to ask when the sources do not cover a question, as Markdown; empty when nobody is named. */
    default String contact() {
        return "";
    }

    /** Documents, chunks, last sync and the model's state, for the status line. */
    Status status();

    /** The full text of a document of a source, to show a cited passage in context. */
    Optional<SourceFile> openFile(String source, String path);
}
