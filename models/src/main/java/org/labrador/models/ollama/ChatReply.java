package org.labrador.models.ollama;

import java.time.Duration;

/**
 * A complete reply from the chat model, with the counts Ollama reports in its final message.
 *
 * @param text             the whole reply: the streamed deltas joined
 * @param model            the model that answered, as the server names it
 * @param promptTokens     tokens read from the prompt ({@code prompt_eval_count}; 0 if not reported,
 *                         e.g. when Ollama reused a cached prompt)
 * @param completionTokens tokens generated ({@code eval_count})
 * @param total            time the server spent, loading included ({@code total_duration}); the
 *                         wall-clock time of the call if the server did not report it
 */
public record ChatReply(String text, String model, long promptTokens, long completionTokens, Duration total) {
}
