package org.labrador.chatserver.ide;

/**
 * A passage of indexed code given to the model as context for a completion.
 *
 * @param source    the source it comes from
 * @param path      its file, relative to the repository
 * @param startLine first line, 1-based
 * @param endLine   last line
 * @param text      the code
 */
public record CodeSnippet(String source, String path, int startLine, int endLine, String text) {
}
