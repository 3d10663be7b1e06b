package org.labrador.models.ollama;

/**
 * Ollama answered a request with an error status, such as 404 for a model that is not pulled or
 * 400 for a bad request; the message carries Ollama's own explanation.
 */
public class OllamaStatusException extends ModelUnavailableException {

    private final int status;

    public OllamaStatusException(int status, String message) {
        super(message, null);
        this.status = status;
    }

    /** The HTTP status Ollama answered with. */
    public int httpStatus() {
        return status;
    }
}
