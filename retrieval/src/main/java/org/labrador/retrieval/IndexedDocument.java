package org.labrador.retrieval;

import java.time.Instant;

/**
 * What the index remembers of one document of a source, to decide on re-sync whether it changed.
 *
 * @param source         source name
 * @param path           document path inside the source
 * @param title          document title
 * @param contentHash    hash of the document's content when it was indexed
 * @param embeddingModel name of the embedding model its chunks were embedded with
 * @param chunks         number of chunks indexed for it
 * @param indexedAt      when it was indexed
 */
public record IndexedDocument(String source, String path, String title, String contentHash,
                              String embeddingModel, int chunks, Instant indexedAt) {
}
