package org.labrador.models.ollama;

import java.util.Optional;

/**
 * The chat model could not give a (complete) reply. The message is written for the user. When the
 * cause is the server or the model being absent, {@link #status()} carries the status found, whose
 * notice is the fix.
 */
public class ModelUnavailableException extends Exception {

    private final transient ModelStatus status;

    /** The server or model is not there; the message is the status's notice. */
    public ModelUnavailableException(ModelStatus status, Throwable cause) {
        super(status.notice(), cause);
        this.status = status;
    }

    /** The model failed for another reason, e.g. an error in the middle of a reply. */
    public ModelUnavailableException(String message, Throwable cause) {
        super(message, cause);
        this.status = null;
    }

    /** The status that explains the failure, if the failure was the server or model being absent. */
    public Optional<ModelStatus> status() {
        return Optional.ofNullable(status);
    }
}
