package org.labrador.webui.chat;

import com.vaadin.flow.spring.annotation.SpringComponent;
import com.vaadin.flow.spring.annotation.UIScope;
import java.util.ArrayList;
import java.util.List;

/**
 * The completed turns of the conversation in one browser tab. It lives as long as the tab's UI, not the
 * chat view, so that reading a cited document and coming back keeps the conversation; reloading the page
 * starts a new one.
 */
@SpringComponent
@UIScope
public class Conversation {

    private final List<AnsweredTurn> turns = new ArrayList<>();
    private Long id;

    /** The id under which the server keeps this conversation, once its first answer was recorded. */
    Long id() {
        return id;
    }

    void recordedAs(long conversationId) {
        id = conversationId;
    }

    /** Continues a kept conversation: its turns, and its id for the next answers. */
    void reopen(long conversationId, List<AnsweredTurn> kept) {
        id = conversationId;
        turns.clear();
        turns.addAll(kept);
    }

    /** Starts afresh. */
    void clear() {
        id = null;
        turns.clear();
    }

    /** Only called with the UI locked, so no further synchronisation. */
    void add(AnsweredTurn turn) {
        turns.add(turn);
    }

    List<AnsweredTurn> turns() {
        return List.copyOf(turns);
    }

    /** The earlier turns as the assistant takes them, oldest first. */
    List<Turn> history() {
        return turns.stream().map(AnsweredTurn::toTurn).toList();
    }
}
