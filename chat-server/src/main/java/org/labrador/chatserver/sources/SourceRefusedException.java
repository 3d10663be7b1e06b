package org.labrador.chatserver.sources;

/**
 * A source definition that a curator may not use at all (a secret it may not name, a URL with
 * credentials or a scheme that is not fetched, a link that is no web page): refused before
 * anything is saved or connected to, with a message that says what to do instead. The API
 * answers it with 400, "test connection" included.
 */
public class SourceRefusedException extends IllegalArgumentException {

    public SourceRefusedException(String message) {
        super(message);
    }
}
