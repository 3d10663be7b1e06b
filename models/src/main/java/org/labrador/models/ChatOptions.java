package org.labrador.models;

import java.util.function.IntConsumer;

/**
 * Per-request settings of a chat call.
 *
 * @param contextTokens   the context window to run the request with (Ollama's {@code num_ctx}); 0 for the
 *                        model's default
 * @param maxTokens       the most tokens the answer may have (Ollama's {@code num_predict}); 0 for no limit
 * @param requester       who asks (a user name), so that a queue for busy model servers can take turns
 *                        between people; "" for nobody in particular
 * @param onQueuePosition told the request's place in that queue while it waits (1 = next), and 0 when a
 *                        server takes it; called on the asking thread
 */
public record ChatOptions(int contextTokens, int maxTokens, String requester, IntConsumer onQueuePosition) {

    /** The model's own defaults. */
    public static final ChatOptions DEFAULTS = new ChatOptions(0, 0);

    public ChatOptions {
        if (contextTokens < 0 || maxTokens < 0) {
            throw new IllegalArgumentException("contextTokens and maxTokens must not be negative");
        }
        requester = requester == null ? "" : requester;
        onQueuePosition = onQueuePosition == null ? position -> { } : onQueuePosition;
    }

    /** For nobody in particular, not told of a queue. */
    public ChatOptions(int contextTokens, int maxTokens) {
        this(contextTokens, maxTokens, "", null);
    }

    /** These options, asked by {@code requester}, who is told the queue position. */
    public ChatOptions by(String who, IntConsumer positions) {
        return new ChatOptions(contextTokens, maxTokens, who, positions);
    }
}
