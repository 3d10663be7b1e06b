package org.labrador.retrieval;

import java.util.List;

/**
 * A numbered source as shown under an answer; {@code n} is the number the answer uses as {@code [n]}.
 *
 * @param commit the revision the source was indexed at (a Git commit id), empty for unversioned sources
 * @param text   the full cited passage
 */
public record Citation(int n, String title, String path, List<String> headings, String lines,
                       String uri, String snippet, String source, String commit, String text) {

    public Citation {
        commit = commit == null ? "" : commit;
        text = text == null ? "" : text;
    }

    /** A citation of an unversioned source, without the passage text. */
    public Citation(int n, String title, String path, List<String> headings, String lines, String uri, String snippet,
                    String source) {
        this(n, title, path, headings, lines, uri, snippet, source, "", "");
    }

    public static Citation of(int n, Hit hit, String commit) {
        Chunk c = hit.chunk();
        return new Citation(n, c.title(), c.path(), c.headings(), c.lines(), c.uri(), hit.snippet(), c.source(),
                commit, c.text());
    }
}
