package org.labrador.retrieval;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;

/**
 * The last commit of an embedded index, read only: every document with its passages and their
 * stored embeddings, in the order they were written. For copying an index elsewhere (another
 * backend) without embedding anything again.
 */
public final class StoredPassages implements Closeable {

    /** One source document as stored: its record, its passages and their (unit-length) embeddings. */
    public record StoredDocument(IndexedDocument record, List<Chunk> chunks, List<float[]> vectors) {
    }

    private final FSDirectory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;

    private StoredPassages(FSDirectory directory) throws IOException {
        this.directory = directory;
        this.reader = DirectoryReader.open(directory);
        this.searcher = new IndexSearcher(reader);
    }

    /** Opens the last commit of the index in {@code directory} (a running writer is no obstacle). */
    public static StoredPassages open(Path directory) throws IOException {
        FSDirectory dir = FSDirectory.open(directory);
        try {
            return new StoredPassages(dir);
        } catch (IOException | RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    /** The commit's user data, without the embedded index's own schema version. */
    public Map<String, String> commitData() throws IOException {
        Map<String, String> data = new HashMap<>(reader.getIndexCommit().getUserData());
        data.remove(IndexFields.SCHEMA_KEY);
        return data;
    }

    /** The document records, in index order. */
    public List<IndexedDocument> records() throws IOException {
        TermQuery query = new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_DOCUMENT));
        var stored = searcher.storedFields();
        List<IndexedDocument> out = new ArrayList<>();
        for (ScoreDoc sd : searcher.search(query, Math.max(1, searcher.count(query)), Sort.INDEXORDER).scoreDocs) {
            out.add(IndexFields.toRecord(stored.document(sd.doc)));
        }
        return out;
    }

    /** Passages in the commit. */
    public long passages() throws IOException {
        return searcher.count(new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_CHUNK)));
    }

    /** One document's passages with their embeddings, in the order they were written. */
    public StoredDocument document(IndexedDocument record) throws IOException {
        TermQuery query = new TermQuery(IndexFields.docKey(record.source(), record.path()));
        var stored = searcher.storedFields();
        List<Chunk> chunks = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (ScoreDoc sd : searcher.search(query, Math.max(1, searcher.count(query)), Sort.INDEXORDER).scoreDocs) {
            float[] vector = IndexFields.storedVector(searcher, sd.doc);
            if (vector == null) {
                continue; // the record itself
            }
            Document doc = stored.document(sd.doc);
            chunks.add(IndexFields.toChunk(doc));
            vectors.add(vector);
        }
        return new StoredDocument(record, chunks, vectors);
    }

    @Override
    public void close() throws IOException {
        try {
            reader.close();
        } finally {
            directory.close();
        }
    }
}
