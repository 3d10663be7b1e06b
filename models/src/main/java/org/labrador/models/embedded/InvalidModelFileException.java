package org.labrador.models.embedded;

import java.io.IOException;

/** A model file that is not GGUF, or is damaged or cut short; the message names the file and what is wrong. */
public class InvalidModelFileException extends IOException {

    public InvalidModelFileException(String message) {
        super(message);
    }
}
