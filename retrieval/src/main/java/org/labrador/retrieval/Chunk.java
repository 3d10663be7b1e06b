package org.labrador.retrieval;

import java.util.List;
import java.util.Objects;

/**
 * One passage of one document of one source, as indexed and as cited.
 *
 * @param id           stable id: the same source, path and position give the same id on every sync
 * @param source       name of the knowledge source (for example {@code docs})
 * @param path         document path inside the source, with forward slashes
 * @param title        document title
 * @param headings     heading path from the top of the document down to this passage
 * @param startLine    first line of the passage in the document, 1-based
 * @param endLine      last line of the passage, inclusive
 * @param text         the passage text
 * @param uri          where a reader opens the passage (web link or Labrador's own viewer)
 * @param documentHash content hash of the whole document, to skip unchanged documents on re-sync
 * @param symbols      names this passage defines (functions, classes, constants), matched exactly
 */
public record Chunk(String id, String source, String path, String title, List<String> headings,
                    int startLine, int endLine, String text, String uri, String documentHash, List<String> symbols) {

    /** A prose passage, which defines no symbols. */
    public Chunk(String id, String source, String path, String title, List<String> headings,
                 int startLine, int endLine, String text, String uri, String documentHash) {
        this(id, source, path, title, headings, startLine, endLine, text, uri, documentHash, List.of());
    }

    public Chunk {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(text, "text");
        title = title == null ? "" : title;
        headings = headings == null ? List.of() : List.copyOf(headings);
        uri = uri == null ? "" : uri;
        documentHash = documentHash == null ? "" : documentHash;
        symbols = symbols == null ? List.of() : List.copyOf(symbols);
    }

    /** Line range as cited: {@code 12-40}, or {@code 12} for one line. */
    public String lines() {
        return startLine == endLine ? Integer.toString(startLine) : startLine + "-" + endLine;
    }
}
