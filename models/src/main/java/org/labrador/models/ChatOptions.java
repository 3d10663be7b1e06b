package org.labrador.models;

/**
 * Per-request settings of a chat call.
 *
 * @param contextTokens the context window to run the request with (Ollama's {@code num_ctx}); 0 for the
 *                      model's default
 * @param maxTokens     the most tokens the answer may have (Ollama's {@code num_predict}); 0 for no limit
 */
public record ChatOptions(int contextTokens, int maxTokens) {

    /** The model's own defaults. */
    public static final ChatOptions DEFAULTS = new ChatOptions(0, 0);

    public ChatOptions {
        if (contextTokens < 0 || maxTokens < 0) {
            throw new IllegalArgumentException("contextTokens and maxTokens must not be negative");
        }
    }
}
