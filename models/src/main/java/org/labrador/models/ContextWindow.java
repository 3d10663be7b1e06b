package org.labrador.models;

import java.util.function.ToIntFunction;

/**
 * How many tokens a model can hold in one request, and how to count a text's tokens for it.
 *
 * @param tokens  the window, prompt and answer together
 * @param counter the token count of a text: the model's own tokenizer where available, otherwise a
 *                safe (over-)estimate
 * @param exact   whether {@code counter} is the model's tokenizer rather than an estimate
 */
public record ContextWindow(int tokens, ToIntFunction<String> counter, boolean exact) {

    public ContextWindow {
        if (tokens <= 0) {
            throw new IllegalArgumentException("a context window holds at least one token");
        }
        java.util.Objects.requireNonNull(counter, "counter");
    }

    public int count(String text) {
        return text == null || text.isEmpty() ? 0 : counter.applyAsInt(text);
    }
}
