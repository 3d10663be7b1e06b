package org.labrador.chatserver.ask;

/** An earlier question and answer of the same conversation. */
public record Exchange(String question, String answer) {
}
