package org.labrador.models;

import java.util.function.Consumer;
import org.labrador.models.ollama.Cancellation;
import org.labrador.models.ollama.GenerateRequest;
import org.labrador.models.ollama.GenerateResult;
import org.labrador.models.ollama.ModelUnavailableException;

/**
 * Plain text generation (code completion, fill-in-the-middle): an Ollama server's
 * {@code /api/generate} ({@link org.labrador.models.ollama.OllamaGenerate}) or an engine inside this
 * process. Thread-safe.
 */
public interface TextGenerator {

    /**
     * Generates, passing each new piece of text to {@code onToken} on the calling thread, in order;
     * {@code cancellation} stops it from another thread and the text so far comes back with
     * {@link GenerateResult#stoppedBy()} set.
     *
     * @throws ModelUnavailableException if the model cannot generate (an
     *     {@link org.labrador.models.ollama.OllamaStatusException} with status 404 when it does not exist)
     */
    GenerateResult generate(GenerateRequest request, Cancellation cancellation, Consumer<String> onToken)
            throws ModelUnavailableException;
}
