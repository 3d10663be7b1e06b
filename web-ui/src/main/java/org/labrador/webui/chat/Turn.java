package org.labrador.webui.chat;

/** One earlier question and its answer in a conversation. */
public record Turn(String question, String answer) {
}
