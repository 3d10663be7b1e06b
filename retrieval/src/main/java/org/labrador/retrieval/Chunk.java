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
 * @param uri          where a reader opens the passage (web link or Labrador's own viewer); a link that
 *                     is not {@link CitationLink#isSafe safe} ({@code javascript:}) becomes the viewer's
 * @param documentHash content hash of the whole document, to skip unchanged documents on re-sync
 * @param symbols      names this passage defines (functions, classes, constants), matched exactly
 * @param startPage    first page of a paged document (a PDF), 1-based; 0 when the document has no pages
 * @param endPage      last page, inclusive; 0 when the document has no pages
 * @param modified     when the document last changed at its source (ISO-8601, for a wiki page's
 *                     last revision), or empty when unknown
 * @param groups       the groups allowed to read the passage; empty means every signed-in user
 */
public record Chunk(String id, String source, String path, String title, List<String> headings,
                    int startLine, int endLine, String text, String uri, String documentHash, List<String> symbols,
                    int startPage, int endPage, String modified, List<String> groups) {

    /** A prose passage, which defines no symbols. */
    public Chunk(String id, String source, String path, String title, List<String> headings,
                 int startLine, int endLine, String text, String uri, String documentHash) {
        this(id, source, path, title, headings, startLine, endLine, text, uri, documentHash, List.of());
    }

    /** A passage of an unpaged document, open to everyone. */
    public Chunk(String id, String source, String path, String title, List<String> headings,
                 int startLine, int endLine, String text, String uri, String documentHash, List<String> symbols) {
        this(id, source, path, title, headings, startLine, endLine, text, uri, documentHash, symbols, 0, 0, "", List.of());
    }

    public Chunk {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(text, "text");
        title = title == null ? "" : title;
        headings = headings == null ? List.of() : List.copyOf(headings);
        uri = uri == null ? "" : CitationLink.orViewer(uri, source, path, startLine, endLine);
        documentHash = documentHash == null ? "" : documentHash;
        symbols = symbols == null ? List.of() : List.copyOf(symbols);
        modified = modified == null ? "" : modified;
        groups = groups == null ? List.of() : List.copyOf(groups);
        if (startPage < 0 || endPage < startPage) {
            throw new IllegalArgumentException("bad page range " + startPage + "-" + endPage);
        }
    }

    /** The same passage, open to other groups. */
    public Chunk withGroups(List<String> newGroups) {
        return new Chunk(id, source, path, title, headings, startLine, endLine, text, uri, documentHash, symbols,
                startPage, endPage, modified, newGroups);
    }

    /** Line range as cited: {@code 12-40}, or {@code 12} for one line. */
    public String lines() {
        return startLine == endLine ? Integer.toString(startLine) : startLine + "-" + endLine;
    }

    /** Page range as cited: {@code 7}, {@code 7-8}, or empty for a document without pages. */
    public String pages() {
        if (startPage == 0) {
            return "";
        }
        return startPage == endPage ? Integer.toString(startPage) : startPage + "-" + endPage;
    }
}
