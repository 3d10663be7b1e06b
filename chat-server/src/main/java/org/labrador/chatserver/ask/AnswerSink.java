package org.labrador.chatserver.ask;

/** Receives an answer while it is produced; used for streaming to browsers and HTTP clients. */
public interface AnswerSink {

    /** A piece of answer text, in order. */
    void token(String text);

    /** A notice for the reader (for example that a source did not fit the model's window). */
    default void notice(String notice) {
    }

    /**
     * How to start or fix the model (an {@code ollama pull …}): for whoever runs the server. Clients that
     * tell readers from administrators show it to administrators only; by default it is a notice.
     */
    default void modelNotice(String notice) {
        notice(notice);
    }

    /**
     * The model's answer as checked, after its last token: the text with every citation of a number
     * that names no source taken out (the tokens joined, when none was), and whether it cites a
     * source at all (false: unverified). Not called for answers made without the model.
     */
    default void checked(String text, boolean grounded) {
    }

    /**
     * Who asks (a user name): when the model servers are busy, the waiting questions take turns by person.
     * "" for nobody in particular.
     */
    default String asker() {
        return "";
    }

    /**
     * The question waits for a busy model server: {@code position} in line (1 = next), then 0 once a
     * server has taken it. Not called when a server is free at once.
     */
    default void queued(int position) {
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
