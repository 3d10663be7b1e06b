package org.labrador.retrieval;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where passages live and are searched: one record per source document, its chunks with their
 * embeddings, and the groups allowed to read each chunk. A document is replaced or deleted as a
 * whole; changes become visible to searches at {@link #commit}, and a search considers only the
 * passages its {@link SearchRequest#access()} allows, inside the index's own query.
 * {@link ChunkIndex} (embedded Lucene) is the default; the {@code index-solr} module puts the
 * same contract on a SolrCloud collection.
 */
public interface PassageIndex extends Closeable {

    /** Replaces every chunk of one document, atomically, with {@code chunks} and their embeddings. */
    void replaceDocument(IndexedDocument record, List<Chunk> chunks, List<float[]> vectors) throws IOException;

    /** Removes one document and its chunks. */
    void deleteDocument(String source, String path) throws IOException;

    /** Removes every document of a source. */
    void deleteSource(String source) throws IOException;

    /**
     * Makes all changes since the last commit visible (and durable) in one step, with {@code data}
     * merged into the index's commit data.
     */
    void commit(Map<String, String> data) throws IOException;

    /**
     * The data of the last commit (for example the time each source was last synced).
     *
     * @throws java.io.UncheckedIOException when the index cannot be read
     */
    Map<String, String> commitData();

    /** The documents of a source as last indexed, by path. */
    Map<String, IndexedDocument> documents(String source) throws IOException;

    /** Whether a document of a source is in the index (its record, as last committed). */
    boolean contains(String source, String path) throws IOException;

    /** The chunks of one document in line order. */
    List<Chunk> chunks(String source, String path) throws IOException;

    /**
     * Searches chunks, best first. {@code queryVector} is the query's embedding; it may be null for
     * {@link SearchMode#BM25}, in which case hits carry no similarity (NaN).
     */
    List<Hit> search(SearchRequest request, float[] queryVector) throws IOException;

    /**
     * Opens every passage of a source to {@code groups} (empty: every signed-in user), keeping its
     * text and embedding; each document is rewritten as a whole. Returns the number of passages
     * re-tagged; the caller commits.
     */
    int regroup(String source, List<String> groups) throws IOException;

    /** Documents and chunks visible to searches, and bytes of index on disk. */
    IndexStats stats() throws IOException;

    /** Documents and chunks of one source (bytes on disk not split by source: 0). */
    IndexStats stats(String source) throws IOException;

    /**
     * Checks that the index can be used (for the embedded index, every file's checksum), so that a
     * problem shows at start rather than as a failing sync later.
     *
     * @throws IndexDamagedException when the index is damaged; {@link #damage()} says so from then on
     */
    void verify() throws IOException;

    /** Why this index can no longer be used, if it cannot (a passing outage is not damage). */
    Optional<String> damage();
}
