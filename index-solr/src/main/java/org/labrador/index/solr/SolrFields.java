package org.labrador.index.solr;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;
import org.labrador.retrieval.CandidateRanking;
import org.labrador.retrieval.Chunk;
import org.labrador.retrieval.IndexedDocument;
import org.labrador.retrieval.ReadAccess;

/**
 * The collection's schema from the Java side (see the configset's {@code schema.xml}): field names,
 * and the mapping between a source document with its chunks and one nested Solr block. A record's
 * id is a hash of its source and path, so it carries no routing characters; its chunks are its
 * child documents, so the block lives in one shard and is replaced as a whole.
 */
final class SolrFields {

    static final String ID = "id";
    static final String ROOT = "_root_";
    static final String KIND = "kind";
    static final String KIND_CHUNK = "chunk";
    static final String KIND_DOCUMENT = "document";
    static final String KIND_STATE = "state";
    static final String CHUNKS = "chunks";
    static final String CHUNK_ID = "chunk_id";
    static final String SOURCE = "source";
    static final String PATH = "path";
    static final String DOC_KEY = "doc_key";
    static final String TITLE = "title";
    static final String HEADINGS = "headings";
    static final String TEXT = "text";
    /** The keyword field: a passage's words as the embedded index has them ({@link CandidateRanking#keywordText}). */
    static final String WORDS = "words";
    static final String SYMBOL = "symbol";
    static final String SYMBOL_STORED = "symbol_stored";
    static final String URI = "uri";
    static final String START_LINE = "start_line";
    static final String END_LINE = "end_line";
    static final String START_PAGE = "start_page";
    static final String END_PAGE = "end_page";
    static final String DOC_HASH = "doc_hash";
    static final String MODIFIED = "modified";
    static final String GROUP = "group";
    static final String VECTOR = "vector";
    static final String DOC_TITLE = "doc_title";
    static final String EMBEDDING_MODEL = "embedding_model";
    static final String CHUNK_COUNT = "chunk_count";
    static final String INDEXED_AT = "indexed_at";
    static final String DATA_KEYS = "data_keys";
    static final String DATA_VALUES = "data_values";

    /** The one document holding the commit data. */
    static final String STATE_ID = "labrador-state";
    /** The stored fields a hit is made of. */
    static final String CHUNK_FIELDS = String.join(",", ID, CHUNK_ID, SOURCE, PATH, TITLE, HEADINGS, TEXT, URI,
            START_LINE, END_LINE, DOC_HASH, SYMBOL_STORED, START_PAGE, END_PAGE, MODIFIED, GROUP);
    static final String RECORD_FIELDS = String.join(",", ID, SOURCE, PATH, DOC_TITLE, DOC_HASH, EMBEDDING_MODEL,
            CHUNK_COUNT, INDEXED_AT);

    private static final String HEADING_SEPARATOR = " › ";

    private SolrFields() {
    }

    /** The id of a document's record: a hash of source and path (no {@code !} or {@code /} to confuse routing). */
    static String recordId(String source, String path) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((source + '\u0000' + path).getBytes(StandardCharsets.UTF_8));
            return "doc-" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String docKey(String source, String path) {
        return source + '\u0000' + path;
    }

    /** One source document as one block: its record with its chunks as children. */
    static SolrInputDocument block(IndexedDocument record, List<Chunk> chunks, List<float[]> vectors) {
        String recordId = recordId(record.source(), record.path());
        SolrInputDocument doc = new SolrInputDocument();
        doc.setField(ID, recordId);
        doc.setField(KIND, KIND_DOCUMENT);
        doc.setField(SOURCE, record.source());
        doc.setField(PATH, record.path());
        doc.setField(DOC_KEY, docKey(record.source(), record.path()));
        doc.setField(DOC_TITLE, record.title());
        doc.setField(DOC_HASH, record.contentHash());
        doc.setField(EMBEDDING_MODEL, record.embeddingModel());
        doc.setField(CHUNK_COUNT, record.chunks());
        doc.setField(INDEXED_AT, record.indexedAt().toEpochMilli());
        List<SolrInputDocument> children = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            children.add(chunk(recordId + "/" + i, chunks.get(i), vectors.get(i)));
        }
        if (!children.isEmpty()) {
            doc.setField(CHUNKS, children);
        }
        return doc;
    }

    private static SolrInputDocument chunk(String id, Chunk chunk, float[] vector) {
        SolrInputDocument doc = new SolrInputDocument();
        doc.setField(ID, id);
        doc.setField(KIND, KIND_CHUNK);
        doc.setField(CHUNK_ID, chunk.id());
        doc.setField(SOURCE, chunk.source());
        doc.setField(PATH, chunk.path());
        doc.setField(DOC_KEY, docKey(chunk.source(), chunk.path()));
        doc.setField(WORDS, CandidateRanking.keywordText(chunk));
        doc.setField(TITLE, chunk.title());
        doc.setField(HEADINGS, String.join(HEADING_SEPARATOR, chunk.headings()));
        doc.setField(TEXT, chunk.text());
        doc.setField(URI, chunk.uri());
        doc.setField(START_LINE, chunk.startLine());
        doc.setField(END_LINE, chunk.endLine());
        doc.setField(DOC_HASH, chunk.documentHash());
        if (!chunk.symbols().isEmpty()) {
            doc.setField(SYMBOL, chunk.symbols().stream().map(s -> s.toLowerCase(Locale.ROOT)).toList());
            doc.setField(SYMBOL_STORED, chunk.symbols());
        }
        if (chunk.startPage() > 0) {
            doc.setField(START_PAGE, chunk.startPage());
            doc.setField(END_PAGE, chunk.endPage());
        }
        if (!chunk.modified().isEmpty()) {
            doc.setField(MODIFIED, chunk.modified());
        }
        doc.setField(GROUP, chunk.groups().isEmpty() ? List.of(ReadAccess.EVERYONE) : chunk.groups());
        doc.setField(VECTOR, floats(CandidateRanking.normalized(vector)));
        return doc;
    }

    static Chunk toChunk(SolrDocument doc) {
        String headings = string(doc, HEADINGS);
        List<String> groups = strings(doc, GROUP);
        return new Chunk(string(doc, CHUNK_ID), string(doc, SOURCE), string(doc, PATH), string(doc, TITLE),
                headings == null || headings.isEmpty() ? List.of() : Arrays.asList(headings.split(HEADING_SEPARATOR)),
                integer(doc, START_LINE), integer(doc, END_LINE), string(doc, TEXT), string(doc, URI),
                string(doc, DOC_HASH), strings(doc, SYMBOL_STORED), integer(doc, START_PAGE), integer(doc, END_PAGE),
                string(doc, MODIFIED), groups.equals(List.of(ReadAccess.EVERYONE)) ? List.of() : groups);
    }

    static IndexedDocument toRecord(SolrDocument doc) {
        return new IndexedDocument(string(doc, SOURCE), string(doc, PATH), string(doc, DOC_TITLE),
                string(doc, DOC_HASH), string(doc, EMBEDDING_MODEL), integer(doc, CHUNK_COUNT),
                Instant.ofEpochMilli(((Number) doc.getFirstValue(INDEXED_AT)).longValue()));
    }

    /** The stored embedding of a chunk document (unit length), or null when it was not fetched. */
    static float[] vector(SolrDocument doc) {
        Collection<Object> values = doc.getFieldValues(VECTOR);
        if (values == null || values.isEmpty()) {
            return null;
        }
        float[] vector = new float[values.size()];
        int i = 0;
        for (Object value : values) {
            vector[i++] = ((Number) value).floatValue();
        }
        return vector;
    }

    static List<Float> floats(float[] vector) {
        List<Float> out = new ArrayList<>(vector.length);
        for (float v : vector) {
            out.add(v);
        }
        return out;
    }

    private static String string(SolrDocument doc, String field) {
        Object value = doc.getFirstValue(field);
        return value == null ? null : value.toString();
    }

    private static int integer(SolrDocument doc, String field) {
        Object value = doc.getFirstValue(field);
        return value == null ? 0 : ((Number) value).intValue();
    }

    private static List<String> strings(SolrDocument doc, String field) {
        Collection<Object> values = doc.getFieldValues(field);
        return values == null ? List.of() : values.stream().map(Object::toString).toList();
    }
}
