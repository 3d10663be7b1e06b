package org.labrador.webui.chat;

import com.vaadin.flow.spring.annotation.SpringComponent;
import com.vaadin.flow.spring.annotation.UIScope;
import java.util.ArrayList;
import java.util.List;

/**
 * The conversation open in one browser tab: its completed turns, and the id and title under which the
 * server keeps it once its first answer was recorded. It lives as long as the tab's UI, not the chat view,
 * so that reading a cited document and coming back shows it without asking the server again; a reload
 * opens it again from its address ({@code c/ID}).
 */
@SpringComponent
@UIScope
public class Conversation {

    private final List<AnsweredTurn> turns = new ArrayList<>();
    private Long id;
    private String title;
    /** Changes whenever another conversation takes this one's place, so that a late answer knows it is stale. */
    private long generation;

    /** The id under which the server keeps this conversation, once its first answer was recorded. */
    Long id() {
        return id;
    }

    /** Its title as the server keeps it, or null before the first answer was recorded. */
    String title() {
        return title;
    }

    long generation() {
        return generation;
    }

    /**
     * The server kept an answer to {@code question} in conversation {@code conversationId}: from now on this
     * is that conversation, titled, as the server titles a new one, by its first question.
     */
    void recordedAs(long conversationId, String question) {
        if (title == null) {
            title = question.strip().replaceAll("\\s+", " ");
        }
        id = conversationId;
    }

    void retitle(String newTitle) {
        title = newTitle;
    }

    /** Continues a kept conversation: its turns, and its id for the next answers. */
    void reopen(long conversationId, String keptTitle, List<AnsweredTurn> kept) {
        generation++;
        id = conversationId;
        title = keptTitle;
        turns.clear();
        turns.addAll(kept);
    }

    /** Starts afresh. */
    void clear() {
        generation++;
        id = null;
        title = null;
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
