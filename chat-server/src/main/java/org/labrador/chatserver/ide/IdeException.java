package org.labrador.chatserver.ide;

/**
 * A request the IDE endpoints refuse, with the HTTP status to answer and a message for the user;
 * each API writes it in its own error shape.
 */
public class IdeException extends RuntimeException {

    private final int status;

    public IdeException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    static IdeException badRequest(String message) {
        return new IdeException(400, message);
    }
}
