package org.labrador.models.embedded;

import org.labrador.models.ollama.ModelUnavailableException;

/**
 * A prompt that leaves no room in the context window. The embedded engine refuses it rather than
 * let llama.cpp cut it (which drops the middle of the prompt without a word).
 */
public class PromptTooLongException extends ModelUnavailableException {

    private final int promptTokens;
    private final int windowTokens;

    public PromptTooLongException(String model, int promptTokens, int windowTokens) {
        super("The prompt has " + promptTokens + " tokens, and " + model + " runs this request with a window of "
                + windowTokens + " tokens, which must hold the prompt and the answer. Shorten the prompt, or raise"
                + " labrador.model.context-tokens if the model's trained length allows.", null);
        this.promptTokens = promptTokens;
        this.windowTokens = windowTokens;
    }

    /** The prompt's tokens, counted with the model's tokenizer. */
    public int promptTokens() {
        return promptTokens;
    }

    /** The window the request had. */
    public int windowTokens() {
        return windowTokens;
    }
}
