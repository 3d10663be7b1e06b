package org.labrador.chatserver.ask;

import org.labrador.models.ContextWindow;

/**
 * How much of the model's window an answer uses, under {@code labrador.model.}: each request runs
 * with a window of the model's trained context length, but at most {@code context-tokens}
 * (Ollama's {@code num_ctx}: its memory grows with the window, and a model reloads when the window
 * changes, so every request asks for the same one); {@code answer-tokens} of it are kept free for
 * the answer, which is also the longest answer the model may write ({@code num_predict}). The
 * prompt gets the rest (see {@link PromptBudget}).
 *
 * @param contextTokens the largest window to ask for
 * @param answerTokens  tokens reserved for the answer; at most half of the window is reserved
 */
public record ContextBudget(int contextTokens, int answerTokens) {

    public ContextBudget {
        if (contextTokens < 256) {
            throw new IllegalArgumentException("labrador.model.context-tokens must be at least 256, not " + contextTokens);
        }
        if (answerTokens < 16) {
            throw new IllegalArgumentException("labrador.model.answer-tokens must be at least 16, not " + answerTokens);
        }
    }

    /** The window to run a request with: the model's, at most {@code context-tokens}. */
    int window(ContextWindow model) {
        return Math.min(model.tokens(), contextTokens);
    }

    /** The tokens kept free for the answer in a window of {@code window} tokens. */
    int answer(int window) {
        return Math.min(answerTokens, window / 2);
    }
}
