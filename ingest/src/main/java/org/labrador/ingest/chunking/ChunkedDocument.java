package org.labrador.ingest.chunking;

import java.util.List;

/**
 * A document cut into passages, with its title.
 *
 * @param title the document's own title (first top-level heading, front-matter title, HTML
 *     {@code <title>}), or its file name without extension when it has none; never null
 * @param passages the passages in document order; empty for a document with no text
 */
public record ChunkedDocument(String title, List<Passage> passages) {

    public ChunkedDocument {
        passages = List.copyOf(passages);
    }
}
