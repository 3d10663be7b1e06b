package org.labrador.webui.chat;

/** A document's text as stored in its source. */
public record SourceFile(String source, String path, String text) {
}
