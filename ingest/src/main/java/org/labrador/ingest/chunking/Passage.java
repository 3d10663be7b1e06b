package org.labrador.ingest.chunking;

import java.util.List;

/**
 * A passage of a document: its heading path, 1-based inclusive line range, and text.
 *
 * <p>For Markdown, reStructuredText and plain text, {@code text} is the exact source text (line
 * endings normalised to {@code \n}) from the start of line {@code startLine} to the end of line
 * {@code endLine}. The one exception is a single source line too long for a passage (or whose
 * last sentences are repeated as overlap): then the passage begins or ends inside that line, at a
 * sentence or word boundary. For HTML, {@code text} is the extracted text of the elements and the
 * lines are those of the elements in the HTML source.
 *
 * @param headings the titles of the enclosing sections, outermost first; empty before any heading
 * @param startLine first source line, 1-based
 * @param endLine last source line, inclusive
 * @param text the passage text, never blank; the heading path is not prepended
 * @param startPage first page of a paged document (a PDF), 1-based; 0 for documents without pages
 * @param endPage last page, inclusive; 0 for documents without pages
 */
public record Passage(List<String> headings, int startLine, int endLine, String text, int startPage, int endPage) {

    public Passage {
        headings = List.copyOf(headings);
    }

    /** A passage of a document without pages. */
    public Passage(List<String> headings, int startLine, int endLine, String text) {
        this(headings, startLine, endLine, text, 0, 0);
    }
}
