package org.labrador.retrieval;

import java.util.List;

/**
 * A numbered source as shown under an answer; {@code n} is the number the answer uses as {@code [n]}.
 */
public record Citation(int n, String title, String path, List<String> headings, String lines,
                       String uri, String snippet, String source) {

    public static Citation of(int n, Hit hit) {
        Chunk c = hit.chunk();
        return new Citation(n, c.title(), c.path(), c.headings(), c.lines(), c.uri(), hit.snippet(), c.source());
    }
}
