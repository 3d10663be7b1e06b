package org.labrador.retrieval;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;

/**
 * The index schema: field names and the mapping between {@link Chunk}s and Lucene documents.
 * A source document is stored as one block: its chunk documents followed by one record document,
 * so that replacing or deleting it is a single atomic update by its {@link #DOC_KEY} term.
 */
final class IndexFields {

    /**
     * Version of the fields and their analysis; an index committed with an older one is rewritten
     * on open. 2: path words; 3: numbers in one notation; 4: one keyword field of all words
     * (each heading once).
     */
    static final int SCHEMA = 4;
    static final String SCHEMA_KEY = "labrador.index-schema";

    static final String KIND = "kind";
    static final String KIND_CHUNK = "chunk";
    static final String KIND_DOCUMENT = "document";

    static final String ID = "id";
    static final String SOURCE = "source";
    static final String PATH = "path";
    static final String DOC_KEY = "doc_key";
    static final String TITLE = "title";
    static final String HEADINGS = "headings";
    static final String TEXT = "text";
    static final String URI = "uri";
    static final String START_LINE = "start_line";
    static final String END_LINE = "end_line";
    static final String DOC_HASH = "doc_hash";
    /** The document record's title: stored only, so it is a field of its own (Lucene wants one schema per field). */
    static final String DOC_TITLE = "doc_title";
    static final String EMBEDDING_MODEL = "embedding_model";
    static final String CHUNK_COUNT = "chunk_count";
    static final String INDEXED_AT = "indexed_at";
    static final String VECTOR = "vector";
    /** The keyword field: title, headings, path and text in words, names split ({@link KeywordText}). */
    static final String WORDS = "words";
    /** Defined names, lower-cased, one exact term each; stored as written. */
    static final String SYMBOL = "symbol";
    static final String START_PAGE = "start_page";
    static final String END_PAGE = "end_page";
    static final String MODIFIED = "modified";
    /** Groups allowed to read a chunk, one exact term each; {@link ReadAccess#EVERYONE} when open to all. */
    static final String GROUP = "group";

    /** Vectors are normalised on the way in, so dot product is cosine similarity. */
    static final VectorSimilarityFunction SIMILARITY = VectorSimilarityFunction.DOT_PRODUCT;

    private static final String HEADING_SEPARATOR = " › ";

    private IndexFields() {
    }

    static Term docKey(String source, String path) {
        return new Term(DOC_KEY, source + '\u0000' + path);
    }

    static Document chunkDocument(Chunk chunk, float[] vector) {
        Document doc = new Document();
        doc.add(new StringField(KIND, KIND_CHUNK, Field.Store.NO));
        doc.add(new StringField(ID, chunk.id(), Field.Store.YES));
        doc.add(new StringField(SOURCE, chunk.source(), Field.Store.YES));
        doc.add(new StringField(PATH, chunk.path(), Field.Store.YES));
        doc.add(new StringField(DOC_KEY, docKey(chunk.source(), chunk.path()).text(), Field.Store.NO));
        doc.add(new TextField(WORDS, KeywordText.of(chunk), Field.Store.NO));
        doc.add(new TextField(TITLE, chunk.title(), Field.Store.YES));
        doc.add(new TextField(HEADINGS, String.join(HEADING_SEPARATOR, chunk.headings()), Field.Store.YES));
        doc.add(new TextField(TEXT, chunk.text(), Field.Store.YES));
        doc.add(new StoredField(URI, chunk.uri()));
        doc.add(new StoredField(START_LINE, chunk.startLine()));
        doc.add(new StoredField(END_LINE, chunk.endLine()));
        doc.add(new StoredField(DOC_HASH, chunk.documentHash()));
        for (String symbol : chunk.symbols()) {
            doc.add(new StringField(SYMBOL, symbol.toLowerCase(java.util.Locale.ROOT), Field.Store.NO));
            doc.add(new StoredField(SYMBOL + "_stored", symbol));
        }
        if (chunk.startPage() > 0) {
            doc.add(new StoredField(START_PAGE, chunk.startPage()));
            doc.add(new StoredField(END_PAGE, chunk.endPage()));
        }
        if (!chunk.modified().isEmpty()) {
            doc.add(new StoredField(MODIFIED, chunk.modified()));
        }
        for (String group : chunk.groups().isEmpty() ? List.of(ReadAccess.EVERYONE) : chunk.groups()) {
            doc.add(new StringField(GROUP, group, Field.Store.YES));
        }
        doc.add(new KnnFloatVectorField(VECTOR, normalized(vector), SIMILARITY));
        return doc;
    }

    static Document recordDocument(IndexedDocument record) {
        Document doc = new Document();
        doc.add(new StringField(KIND, KIND_DOCUMENT, Field.Store.NO));
        doc.add(new StringField(SOURCE, record.source(), Field.Store.YES));
        doc.add(new StringField(PATH, record.path(), Field.Store.YES));
        doc.add(new StringField(DOC_KEY, docKey(record.source(), record.path()).text(), Field.Store.NO));
        doc.add(new StoredField(DOC_TITLE, record.title()));
        doc.add(new StoredField(DOC_HASH, record.contentHash()));
        doc.add(new StoredField(EMBEDDING_MODEL, record.embeddingModel()));
        doc.add(new StoredField(CHUNK_COUNT, record.chunks()));
        doc.add(new StoredField(INDEXED_AT, record.indexedAt().toEpochMilli()));
        return doc;
    }

    static Chunk toChunk(Document doc) {
        String headings = doc.get(HEADINGS);
        return new Chunk(doc.get(ID), doc.get(SOURCE), doc.get(PATH), doc.get(TITLE),
                headings == null || headings.isEmpty() ? List.of() : Arrays.asList(headings.split(HEADING_SEPARATOR)),
                doc.getField(START_LINE).numericValue().intValue(), doc.getField(END_LINE).numericValue().intValue(),
                doc.get(TEXT), doc.get(URI), doc.get(DOC_HASH), Arrays.asList(doc.getValues(SYMBOL + "_stored")),
                intOrZero(doc, START_PAGE), intOrZero(doc, END_PAGE), doc.get(MODIFIED), storedGroups(doc));
    }

    private static int intOrZero(Document doc, String field) {
        var stored = doc.getField(field);
        return stored == null ? 0 : stored.numericValue().intValue();
    }

    private static List<String> storedGroups(Document doc) {
        List<String> groups = Arrays.asList(doc.getValues(GROUP));
        return groups.equals(List.of(ReadAccess.EVERYONE)) ? List.of() : groups;
    }

    static IndexedDocument toRecord(Document doc) {
        return new IndexedDocument(doc.get(SOURCE), doc.get(PATH), doc.get(DOC_TITLE), doc.get(DOC_HASH),
                doc.get(EMBEDDING_MODEL), doc.getField(CHUNK_COUNT).numericValue().intValue(),
                Instant.ofEpochMilli(doc.getField(INDEXED_AT).numericValue().longValue()));
    }

    /** The (normalised) embedding stored with passage {@code docId}, or null when it has none. */
    static float[] storedVector(IndexSearcher searcher, int docId) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(docId, leaves));
        FloatVectorValues values = leaf.reader().getFloatVectorValues(VECTOR);
        KnnVectorValues.DocIndexIterator it = values == null ? null : values.iterator();
        if (it == null || it.advance(docId - leaf.docBase) != docId - leaf.docBase) {
            return null;
        }
        return values.vectorValue(it.index()).clone();
    }

    static float[] normalized(float[] vector) {
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        if (norm == 0) {
            throw new IllegalArgumentException("zero vector cannot be indexed");
        }
        float[] out = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            out[i] = (float) (vector[i] / norm);
        }
        return out;
    }
}
