package org.labrador.models;

/**
 * The embedding model could not embed: its server is down, the model is missing, or it answered
 * with an error. The message is written for the user and names the fix. Unchecked because
 * LangChain4j's {@code EmbeddingModel} declares none; callers that can do without vectors (a
 * search falls back to keywords) or must stop cleanly (a sync keeps what it had) catch it.
 */
public class EmbeddingUnavailableException extends RuntimeException {

    public EmbeddingUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
