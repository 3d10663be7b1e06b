package org.labrador.models;

import java.util.List;
import java.util.function.Consumer;
import org.labrador.models.ollama.Cancellation;
import org.labrador.models.ollama.ChatMessage;
import org.labrador.models.ollama.ChatReply;
import org.labrador.models.ollama.ModelStatus;
import org.labrador.models.ollama.ModelUnavailableException;

/**
 * The model that answers questions: an Ollama server ({@link org.labrador.models.ollama.OllamaChat})
 * or an engine inside this process. Thread-safe; one per application.
 */
public interface ChatModel {

    /** The model's name, as users configure it and as replies report it. */
    String name();

    /** Whether the model can answer now, and if not the fix; may be cached briefly. Never throws. */
    ModelStatus status();

    /** As {@link #status()}, asking again now. */
    ModelStatus refreshStatus();

    /**
     * The model's context window: how many tokens a request may hold (prompt and answer
     * together) and how to count them.
     */
    ContextWindow contextWindow();

    /**
     * Sends the conversation and streams the reply: {@code onToken} receives each new piece of
     * text in order on the calling thread. {@code cancellation} stops it from another thread; the
     * reply so far comes back.
     *
     * @throws ModelUnavailableException if the model cannot answer or fails before the reply is done
     */
    ChatReply chat(List<ChatMessage> messages, ChatOptions options, Cancellation cancellation, Consumer<String> onToken)
            throws ModelUnavailableException;
}
