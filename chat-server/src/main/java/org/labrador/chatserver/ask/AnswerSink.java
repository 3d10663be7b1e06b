package org.labrador.chatserver.ask;

/** Receives an answer while it is produced; used for streaming to browsers and HTTP clients. */
public interface AnswerSink {

    /** A piece of answer text, in order. */
    void token(String text);

    /** A notice for the reader (for example how to start the model). */
    default void notice(String notice) {
    }

    /**
     * An answer made of passages rather than written by a model (no model runs, or no passage covers the
     * question): {@code lead} says so in one sentence, and {@code text} is that sentence followed by the
     * passages in Markdown. Text-only clients get the whole text as one token (the default); a client that
     * shows the citations as cards may show only the lead above them.
     */
    default void passages(String lead, String text) {
        token(text);
    }

    /**
     * Called between the steps of an answer (after retrieval, before the model starts): throws when
     * nobody waits for the answer any more, so that no more work is done for it.
     */
    default void checkWanted() {
    }

    AnswerSink NONE = text -> { };
}
