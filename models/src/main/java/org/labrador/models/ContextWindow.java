package org.labrador.models;

import java.util.List;
import java.util.OptionalInt;
import java.util.function.ToIntFunction;
import org.labrador.models.ollama.ChatMessage;

/**
 * How many tokens a model can hold in one request, and how to count a text's tokens for it.
 *
 * @param tokens        the window, prompt and answer together
 * @param counter       the token count of a text: the model's own tokenizer where available, otherwise a
 *                      safe (over-)estimate
 * @param exact         whether {@code counter} is the model's tokenizer rather than an estimate
 * @param promptCounter the token count of a whole chat prompt as the model reads it (the messages in its
 *                      chat template, and the start of the answer), or null where the template is not at
 *                      hand (a model server): then only the texts can be counted, and the template's
 *                      markers estimated
 */
public record ContextWindow(int tokens, ToIntFunction<String> counter, boolean exact,
                            ToIntFunction<List<ChatMessage>> promptCounter) {

    public ContextWindow {
        if (tokens <= 0) {
            throw new IllegalArgumentException("a context window holds at least one token");
        }
        java.util.Objects.requireNonNull(counter, "counter");
    }

    /** A window whose chat template is not at hand. */
    public ContextWindow(int tokens, ToIntFunction<String> counter, boolean exact) {
        this(tokens, counter, exact, null);
    }

    public int count(String text) {
        return text == null || text.isEmpty() ? 0 : counter.applyAsInt(text);
    }

    /** The tokens the model reads for these messages, counted exactly; empty where the template is not at hand. */
    public OptionalInt countPrompt(List<ChatMessage> messages) {
        return promptCounter == null ? OptionalInt.empty() : OptionalInt.of(promptCounter.applyAsInt(messages));
    }
}
