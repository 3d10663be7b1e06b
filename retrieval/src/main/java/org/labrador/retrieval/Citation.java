package org.labrador.retrieval;

import java.util.List;

/**
 * A numbered source as shown under an answer; {@code n} is the number the answer uses as {@code [n]}.
 *
 * @param lines    the cited line range ({@code 12-40})
 * @param uri      where the citation opens: a web page or a page of Labrador, never {@code javascript:}
 *                 (see {@link CitationLink}); empty when it has no link of its own
 * @param commit   the revision the source was indexed at (a Git commit id), empty for unversioned sources
 * @param text     the full cited passage
 * @param pages    the cited page range of a paged document ({@code 7} or {@code 7-8}), else empty
 * @param modified when the cited document last changed at its source (ISO-8601), else empty
 */
public record Citation(int n, String title, String path, List<String> headings, String lines,
                       String uri, String snippet, String source, String commit, String text,
                       String pages, String modified) {

    public Citation {
        // Citations kept from before links were checked (a stored conversation) are checked here too:
        // an unsafe link becomes none, and clients open their own viewer, as for any citation without one.
        uri = uri == null || CitationLink.isSafe(uri) ? uri : "";
        commit = commit == null ? "" : commit;
        text = text == null ? "" : text;
        pages = pages == null ? "" : pages;
        modified = modified == null ? "" : modified;
    }

    /** A citation of an unpaged document with no known modification date. */
    public Citation(int n, String title, String path, List<String> headings, String lines, String uri, String snippet,
                    String source, String commit, String text) {
        this(n, title, path, headings, lines, uri, snippet, source, commit, text, "", "");
    }

    /** A citation of an unversioned source, without the passage text. */
    public Citation(int n, String title, String path, List<String> headings, String lines, String uri, String snippet,
                    String source) {
        this(n, title, path, headings, lines, uri, snippet, source, "", "");
    }

    public static Citation of(int n, Hit hit, String commit) {
        Chunk c = hit.chunk();
        return new Citation(n, c.title(), c.path(), c.headings(), c.lines(), c.uri(), hit.snippet(), c.source(),
                commit, c.text(), c.pages(), c.modified());
    }
}
