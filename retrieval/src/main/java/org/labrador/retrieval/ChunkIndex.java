package org.labrador.retrieval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;

/**
 * The Lucene index on disk: chunk text for BM25, chunk embeddings for HNSW search, and one record
 * per source document. There is one writer for the life of this object; searches go through a
 * {@link SearcherManager}, so they keep serving the last refreshed state while a sync writes.
 * Only {@link #commit} makes changes durable: a process killed between commits reopens at the
 * last commit, and the next sync redoes the rest.
 */
public final class ChunkIndex implements PassageIndex {

    private static final System.Logger LOG = System.getLogger(ChunkIndex.class.getName());

    private final Path directory;
    private final FSDirectory luceneDirectory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final HybridSearch hybridSearch;
    /** Why the index is unusable, once a read found a damaged file; null while it is sound. */
    private volatile String damage;

    private ChunkIndex(Path directory, double ramBufferMb) throws IOException {
        this.directory = directory;
        Files.createDirectories(directory);
        this.luceneDirectory = FSDirectory.open(directory);
        Analyzer analyzer = Analyzers.forIndex();
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setCommitOnClose(false)
                .setRAMBufferSizeMB(ramBufferMb);
        try {
            this.writer = new IndexWriter(luceneDirectory, config);
        } catch (org.apache.lucene.store.LockObtainFailedException e) {
            luceneDirectory.close();
            throw new IOException("The index at " + directory + " is in use by another Labrador process"
                    + " (a running server?). Stop it, or run the command against the server's API.", e);
        } catch (IOException | RuntimeException e) {
            luceneDirectory.close();
            throw damagedOr(e);
        }
        try {
            this.searchers = new SearcherManager(writer, new SearcherFactory() {
                @Override
                public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                    return HybridSearch.searcher(reader);
                }
            });
            this.hybridSearch = new HybridSearch(analyzer);
            upgradeSchema();
        } catch (IOException | RuntimeException e) {
            try {
                writer.rollback();
            } finally {
                luceneDirectory.close();
            }
            throw damagedOr(e);
        }
    }

    /** {@code failure} as an {@link IndexDamagedException} when a file is damaged, else as it was. */
    private IOException damagedOr(Exception failure) {
        Throwable found = IndexDamagedException.damageIn(failure);
        if (found == null) {
            return failure instanceof IOException io ? io : new IOException(failure.getMessage(), failure);
        }
        return new IndexDamagedException(directory, IndexDamagedException.describe(found), failure);
    }

    /**
     * Reads every file of the index and checks its checksum (Lucene only checks the large files when
     * it merges them), so that a damaged file shows at start rather than as a failing sync later.
     *
     * @throws IndexDamagedException when a file is damaged; {@link #damage()} says so from then on
     */
    public void verify() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            for (org.apache.lucene.index.LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                leaf.reader().checkIntegrity();
            }
        } catch (IOException | RuntimeException e) {
            IOException failure = damagedOr(e);
            if (failure instanceof IndexDamagedException damaged) {
                damage = damaged.reason();
            }
            throw failure;
        } finally {
            searchers.release(searcher);
        }
    }

    /**
     * Why this index can no longer be used, if it cannot: a damaged file found by {@link #verify} or
     * a search, or the error that stopped the writer (after which every write fails with "this
     * IndexWriter is closed").
     */
    public java.util.Optional<String> damage() {
        if (damage != null) {
            return java.util.Optional.of(damage);
        }
        Throwable tragic = writer.getTragicException();
        if (tragic == null && !writer.isOpen()) {
            return java.util.Optional.empty(); // closed on purpose
        }
        return java.util.Optional.ofNullable(tragic).map(t -> {
            Throwable found = IndexDamagedException.damageIn(t);
            return IndexDamagedException.describe(found == null ? t : found);
        });
    }

    /** The schema version this build writes (fields and analysis); an older index is upgraded at open. */
    public static int schemaVersion() {
        return IndexFields.SCHEMA;
    }

    /** The directory this index lives in. */
    public Path directory() {
        return directory;
    }

    /**
     * Lucene's {@link org.apache.lucene.index.CheckIndex} over the index in {@code directory}, which
     * no process may have open: null when it is sound, else what is wrong.
     */
    public static String check(Path directory) throws IOException {
        try (FSDirectory dir = FSDirectory.open(directory);
             org.apache.lucene.index.CheckIndex checker = new org.apache.lucene.index.CheckIndex(dir)) {
            checker.setLevel(org.apache.lucene.index.CheckIndex.Level.MIN_LEVEL_FOR_INTEGRITY_CHECKS);
            org.apache.lucene.index.CheckIndex.Status status = checker.checkIndex();
            if (status.clean) {
                return null;
            }
            if (status.missingSegments) {
                return "no readable commit (segments file missing or damaged)";
            }
            return status.segmentInfos.stream().filter(s -> s.error != null)
                    .map(s -> "segment " + s.name + ": " + IndexDamagedException.describe(s.error))
                    .findFirst().orElse(status.numBadSegments + " damaged segments");
        } catch (org.apache.lucene.store.LockObtainFailedException e) {
            throw new IOException("The index at " + directory + " is in use by another Labrador process"
                    + " (a running server?). Stop it first.", e);
        } catch (IOException | RuntimeException e) {
            Throwable found = IndexDamagedException.damageIn(e);
            if (found == null) {
                throw e;
            }
            return IndexDamagedException.describe(found);
        }
    }

    /**
     * Rewrites every passage of an index written with older fields or analysis (kept text and
     * embeddings, nothing re-embedded), then commits with the current {@link IndexFields#SCHEMA}.
     * A crash part-way leaves the old commit, and the next open starts again.
     */
    private void upgradeSchema() throws IOException {
        String found = commitData().get(IndexFields.SCHEMA_KEY);
        if (found != null && Integer.parseInt(found) >= IndexFields.SCHEMA) {
            return;
        }
        List<IndexedDocument> records = records(null);
        if (!records.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "Upgrading the index at {0} to schema {1}: re-indexing the passages of {2}"
                    + " documents (text and embeddings kept)", directory, IndexFields.SCHEMA, records.size());
            rewrite(records, UnaryOperator.identity());
        }
        commit(Map.of());
    }

    /** Opens the index in {@code directory}, creating it if needed. */
    public static ChunkIndex open(Path directory) throws IOException {
        return new ChunkIndex(directory, IndexWriterConfig.DEFAULT_RAM_BUFFER_SIZE_MB);
    }

    /**
     * Opens the index for loading many passages at once: a RAM buffer of {@code ramBufferMb} makes
     * fewer, larger segments, so far fewer vector graphs are rebuilt when segments merge (with the
     * default 16 MB, a million passages spend most of their load time in merges).
     */
    public static ChunkIndex openForBulkLoad(Path directory, double ramBufferMb) throws IOException {
        return new ChunkIndex(directory, ramBufferMb);
    }

    /** Replaces every chunk of one document, atomically, with {@code chunks} and their embeddings. */
    public void replaceDocument(IndexedDocument record, List<Chunk> chunks, List<float[]> vectors) throws IOException {
        if (chunks.size() != vectors.size()) {
            throw new IllegalArgumentException(chunks.size() + " chunks but " + vectors.size() + " vectors");
        }
        List<Document> block = new ArrayList<>(chunks.size() + 1);
        for (int i = 0; i < chunks.size(); i++) {
            Chunk chunk = chunks.get(i);
            if (!chunk.source().equals(record.source()) || !chunk.path().equals(record.path())) {
                throw new IllegalArgumentException("chunk " + chunk.id() + " belongs to another document");
            }
            block.add(IndexFields.chunkDocument(chunk, vectors.get(i)));
        }
        block.add(IndexFields.recordDocument(record));
        writer.updateDocuments(IndexFields.docKey(record.source(), record.path()), block);
    }

    /** Removes one document and its chunks. */
    public void deleteDocument(String source, String path) throws IOException {
        writer.deleteDocuments(IndexFields.docKey(source, path));
    }

    /** Removes every document of a source. */
    public void deleteSource(String source) throws IOException {
        writer.deleteDocuments(new Term(IndexFields.SOURCE, source));
    }

    /**
     * Makes all changes since the last commit durable in one step, with {@code data} merged into
     * the commit's user data, and refreshes searchers to see them.
     */
    public void commit(Map<String, String> data) throws IOException {
        Map<String, String> merged = new LinkedHashMap<>(commitData());
        merged.putAll(data);
        merged.put(IndexFields.SCHEMA_KEY, Integer.toString(IndexFields.SCHEMA));
        writer.setLiveCommitData(merged.entrySet());
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    /** The user data of the last commit (for example the time each source was last synced). */
    public Map<String, String> commitData() {
        Map<String, String> data = new HashMap<>();
        Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
        if (live != null) {
            live.forEach(e -> data.put(e.getKey(), e.getValue()));
        }
        return data;
    }

    /** The documents of a source as last indexed, by path. */
    public Map<String, IndexedDocument> documents(String source) throws IOException {
        Map<String, IndexedDocument> out = new LinkedHashMap<>();
        for (IndexedDocument record : records(new Term(IndexFields.SOURCE, source))) {
            out.put(record.path(), record);
        }
        return out;
    }

    /** Whether a document of a source is in the index (its record, as last indexed). */
    public boolean contains(String source, String path) throws IOException {
        Query record = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_DOCUMENT)), BooleanClause.Occur.FILTER)
                .add(new TermQuery(IndexFields.docKey(source, path)), BooleanClause.Occur.FILTER)
                .build();
        IndexSearcher searcher = searchers.acquire();
        try {
            return searcher.count(record) > 0;
        } finally {
            searchers.release(searcher);
        }
    }

    /** The document records matching {@code term}, or all of them when it is null. */
    private List<IndexedDocument> records(Term term) throws IOException {
        BooleanQuery.Builder query = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_DOCUMENT)), BooleanClause.Occur.FILTER);
        if (term != null) {
            query.add(new TermQuery(term), BooleanClause.Occur.FILTER);
        }
        IndexSearcher searcher = searchers.acquire();
        try {
            Query records = query.build();
            TopDocs top = searcher.search(records, Math.max(1, searcher.count(records)));
            var stored = searcher.storedFields();
            List<IndexedDocument> out = new ArrayList<>(top.scoreDocs.length);
            for (ScoreDoc sd : top.scoreDocs) {
                out.add(IndexFields.toRecord(stored.document(sd.doc)));
            }
            return out;
        } finally {
            searchers.release(searcher);
        }
    }

    /** The chunks of one document in line order. */
    public List<Chunk> chunks(String source, String path) throws IOException {
        Query query = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_CHUNK)), BooleanClause.Occur.FILTER)
                .add(new TermQuery(IndexFields.docKey(source, path)), BooleanClause.Occur.FILTER)
                .build();
        IndexSearcher searcher = searchers.acquire();
        try {
            TopDocs top = searcher.search(query, Math.max(1, searcher.count(query)));
            var stored = searcher.storedFields();
            List<Chunk> chunks = new ArrayList<>();
            for (ScoreDoc sd : top.scoreDocs) {
                chunks.add(IndexFields.toChunk(stored.document(sd.doc)));
            }
            chunks.sort(java.util.Comparator.comparingInt(Chunk::startLine));
            return chunks;
        } finally {
            searchers.release(searcher);
        }
    }

    /**
     * Searches chunks. {@code queryVector} is the query's embedding; it may be null for
     * {@link SearchMode#BM25}, in which case hits carry no similarity (NaN).
     */
    public List<Hit> search(SearchRequest request, float[] queryVector) throws IOException {
        if (request.mode() != SearchMode.BM25 && queryVector == null) {
            throw new IllegalArgumentException(request.mode() + " search needs the query embedding");
        }
        IndexSearcher searcher = searchers.acquire();
        try {
            return hybridSearch.search(searcher, request,
                    queryVector == null ? null : IndexFields.normalized(queryVector));
        } catch (IOException | RuntimeException e) {
            IOException failure = damagedOr(e);
            if (failure instanceof IndexDamagedException damaged) {
                damage = damaged.reason();
                throw damaged;
            }
            throw e;
        } finally {
            searchers.release(searcher);
        }
    }

    /**
     * Opens every passage of a source to {@code groups} (empty: every signed-in user), keeping its
     * text and embedding: each document is rewritten as a whole, so a crash leaves each document
     * with either its old or its new groups. Returns the number of passages re-tagged; the caller commits.
     */
    public int regroup(String source, List<String> groups) throws IOException {
        return rewrite(records(new Term(IndexFields.SOURCE, source)), chunk -> chunk.withGroups(groups));
    }

    /** Re-indexes every passage of {@code records} as {@code change} makes it, with its stored embedding. */
    private int rewrite(List<IndexedDocument> records, UnaryOperator<Chunk> change) throws IOException {
        int rewritten = 0;
        for (IndexedDocument record : records) {
            List<Chunk> chunks = new ArrayList<>();
            List<float[]> vectors = new ArrayList<>();
            IndexSearcher searcher = searchers.acquire();
            try {
                Query query = new BooleanQuery.Builder()
                        .add(new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_CHUNK)), BooleanClause.Occur.FILTER)
                        .add(new TermQuery(IndexFields.docKey(record.source(), record.path())), BooleanClause.Occur.FILTER)
                        .build();
                var stored = searcher.storedFields();
                for (ScoreDoc sd : searcher.search(query, Math.max(1, searcher.count(query))).scoreDocs) {
                    chunks.add(change.apply(IndexFields.toChunk(stored.document(sd.doc))));
                    float[] vector = IndexFields.storedVector(searcher, sd.doc);
                    if (vector == null) {
                        throw new IOException("index damaged: passage " + sd.doc + " has no embedding");
                    }
                    vectors.add(vector);
                }
            } finally {
                searchers.release(searcher);
            }
            replaceDocument(record, chunks, vectors);
            rewritten += chunks.size();
        }
        return rewritten;
    }

    /**
     * The length of the vectors this index holds, or 0 when it holds none yet: a model of another
     * length cannot be searched against them or added beside them.
     */
    public int vectorDimension() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            org.apache.lucene.index.FieldInfo field = org.apache.lucene.index.FieldInfos
                    .getMergedFieldInfos(searcher.getIndexReader()).fieldInfo(IndexFields.VECTOR);
            return field == null ? 0 : field.getVectorDimension();
        } finally {
            searchers.release(searcher);
        }
    }

    /** Documents and chunks visible to searches, and bytes on disk. */
    @Override
    public IndexStats stats() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            long documents = searcher.count(new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_DOCUMENT)));
            long chunks = searcher.count(new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_CHUNK)));
            return new IndexStats(documents, chunks, sizeOnDisk());
        } finally {
            searchers.release(searcher);
        }
    }

    /** Documents and chunks of one source, counted by the index (no stored fields read; disk size not split by source: 0). */
    public IndexStats stats(String source) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            Term inSource = new Term(IndexFields.SOURCE, source);
            return new IndexStats(searcher.count(kindIn(IndexFields.KIND_DOCUMENT, inSource)),
                    searcher.count(kindIn(IndexFields.KIND_CHUNK, inSource)), 0);
        } finally {
            searchers.release(searcher);
        }
    }

    private static Query kindIn(String kind, Term source) {
        return new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.KIND, kind)), BooleanClause.Occur.FILTER)
                .add(new TermQuery(source), BooleanClause.Occur.FILTER)
                .build();
    }

    private long sizeOnDisk() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.mapToLong(p -> {
                try {
                    return Files.isRegularFile(p) ? Files.size(p) : 0;
                } catch (IOException e) {
                    return 0; // a file merged away while listing
                }
            }).sum();
        }
    }

    /** Closes without committing: uncommitted changes are dropped, as after a crash. */
    @Override
    public void close() throws IOException {
        try {
            searchers.close();
        } finally {
            try {
                writer.rollback();
            } finally {
                luceneDirectory.close();
            }
        }
    }
}
