package org.labrador.models.ollama;

import java.util.Objects;

/**
 * One turn of a conversation sent to the chat model.
 *
 * @param role    who speaks
 * @param content what is said (never null; may be empty)
 */
public record ChatMessage(Role role, String content) {

    /** The speakers of a chat, as Ollama names them. */
    public enum Role { SYSTEM, USER, ASSISTANT }

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }

    public static ChatMessage system(String content) {
        return new ChatMessage(Role.SYSTEM, content);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage(Role.USER, content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage(Role.ASSISTANT, content);
    }
}
