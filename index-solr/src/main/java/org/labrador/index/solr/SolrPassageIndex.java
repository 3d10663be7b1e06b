package org.labrador.index.solr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.apache.lucene.search.ScoreDoc;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.client.solrj.util.ClientUtils;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrDocumentList;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.CursorMarkParams;
import org.labrador.retrieval.CandidateRanking;
import org.labrador.retrieval.Chunk;
import org.labrador.retrieval.Hit;
import org.labrador.retrieval.IndexStats;
import org.labrador.retrieval.IndexedDocument;
import org.labrador.retrieval.PassageIndex;
import org.labrador.retrieval.SearchMode;
import org.labrador.retrieval.SearchRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The passage index on a SolrCloud collection, through SolrJ's cloud client: the same contract as
 * the embedded {@link org.labrador.retrieval.ChunkIndex}, with the cluster's shards and replicas
 * underneath. A source document is one nested block (its record with its chunks as children), so
 * replacing one is a single atomic add. BM25 and vector candidates come from Solr, each with the
 * caller's filter inside the query (the vector side pre-filters the HNSW search); they are ranked
 * and fused by {@link CandidateRanking}, the embedded index's own code.
 *
 * <p>Unlike the embedded index, Solr cannot roll back: changes written but not committed are
 * kept in the cluster's transaction logs and become visible at the next commit. Every request is
 * retried for {@link SolrSettings#retryFor()} while the cluster heals (a node lost, a leader elected).
 */
public final class SolrPassageIndex implements PassageIndex {

    /**
     * Version of the collection's fields and their analysis, kept in the commit data; a collection
     * committed with an older one is upgraded on connect. 2: one keyword field of all words.
     */
    static final String SCHEMA_KEY = "labrador.solr-schema";
    static final int SCHEMA = 2;
    private static final int PAGE = 500;
    private static final Logger log = LoggerFactory.getLogger(SolrPassageIndex.class);

    private final SolrSettings settings;
    private final CloudSolrClient client;
    private final Retries retries;
    /** The same cluster with a shorter time limit, for searches (see {@link SolrCollections#QUERY_TIMEOUT_SECONDS}). */
    private final CloudSolrClient searchClient;
    private final SolrQueries queries = new SolrQueries();
    /** Why the collection cannot be used (a schema that does not fit), once found; null while usable. */
    private volatile String damage;

    SolrPassageIndex(SolrSettings settings, CloudSolrClient client, CloudSolrClient searchClient) {
        this.settings = settings;
        this.client = client;
        this.searchClient = searchClient;
        this.retries = new Retries(settings.retryFor());
    }

    /**
     * Connects to the cluster, making the configset and the collection when they are missing, and
     * checks that the collection's vectors have the embedding model's dimension.
     */
    public static SolrPassageIndex connect(SolrSettings settings) throws IOException {
        CloudSolrClient client = SolrCollections.client(settings);
        CloudSolrClient searchClient = null;
        try {
            SolrCollections.ensure(client, settings);
            searchClient = SolrCollections.queryClient(settings);
            SolrPassageIndex index = new SolrPassageIndex(settings, client, searchClient);
            index.verify();
            index.upgradeSchema();
            return index;
        } catch (IOException | RuntimeException e) {
            client.close();
            if (searchClient != null) {
                searchClient.close();
            }
            throw e;
        }
    }

    /** The settings this index was opened with. */
    public SolrSettings settings() {
        return settings;
    }

    @Override
    public void replaceDocument(IndexedDocument record, List<Chunk> chunks, List<float[]> vectors) throws IOException {
        if (chunks.size() != vectors.size()) {
            throw new IllegalArgumentException(chunks.size() + " chunks but " + vectors.size() + " vectors");
        }
        for (Chunk chunk : chunks) {
            if (!chunk.source().equals(record.source()) || !chunk.path().equals(record.path())) {
                throw new IllegalArgumentException("chunk " + chunk.id() + " belongs to another document");
            }
        }
        if (chunks.isEmpty()) {
            // A block with children replaces the old block whole; a lone record might not, so the old one goes
            // first (in a request of its own: SolrJ sends a request's adds before its deletes).
            deleteDocument(record.source(), record.path());
        }
        addBlocks(List.of(SolrFields.block(record, chunks, vectors)));
    }

    /**
     * Adds many documents in one request, each as in {@link #replaceDocument} (for migrating and
     * loading, where one request per document would be slow).
     */
    public void replaceDocuments(List<IndexedDocument> records, List<List<Chunk>> chunks, List<List<float[]>> vectors)
            throws IOException {
        List<SolrInputDocument> blocks = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            if (chunks.get(i).isEmpty()) {
                deleteDocument(records.get(i).source(), records.get(i).path()); // see replaceDocument
            }
            blocks.add(SolrFields.block(records.get(i), chunks.get(i), vectors.get(i)));
        }
        addBlocks(blocks);
    }

    private void addBlocks(List<SolrInputDocument> blocks) throws IOException {
        if (blocks.isEmpty()) {
            return;
        }
        UpdateRequest update = new UpdateRequest();
        update.add(blocks);
        retries.call("adding " + blocks.size() + " documents", () -> update.process(client, settings.collection()));
    }

    @Override
    public void deleteDocument(String source, String path) throws IOException {
        deleteByQuery(SolrFields.ROOT + ":" + ClientUtils.escapeQueryChars(SolrFields.recordId(source, path)));
    }

    @Override
    public void deleteSource(String source) throws IOException {
        deleteByQuery(SolrFields.SOURCE + ":" + ClientUtils.escapeQueryChars(source));
    }

    private void deleteByQuery(String query) throws IOException {
        UpdateRequest delete = new UpdateRequest();
        delete.deleteByQuery(query);
        retries.call("deleting " + query, () -> delete.process(client, settings.collection()));
    }

    @Override
    public void commit(Map<String, String> data) throws IOException {
        Map<String, String> merged = new LinkedHashMap<>(commitData());
        merged.putAll(data);
        merged.put(SCHEMA_KEY, Integer.toString(SCHEMA));
        SolrInputDocument state = new SolrInputDocument();
        state.setField(SolrFields.ID, SolrFields.STATE_ID);
        state.setField(SolrFields.KIND, SolrFields.KIND_STATE);
        state.setField(SolrFields.DATA_KEYS, new ArrayList<>(merged.keySet()));
        state.setField(SolrFields.DATA_VALUES, new ArrayList<>(merged.values()));
        UpdateRequest update = new UpdateRequest();
        update.add(state);
        update.setAction(UpdateRequest.ACTION.COMMIT, true, true);
        retries.call("commit", () -> update.process(client, settings.collection()));
    }

    @Override
    public Map<String, String> commitData() {
        try {
            SolrDocument state = retries.call("reading the commit data", () -> client.getById(settings.collection(), SolrFields.STATE_ID));
            Map<String, String> data = new HashMap<>();
            if (state != null && state.getFieldValues(SolrFields.DATA_KEYS) != null) {
                List<Object> keys = new ArrayList<>(state.getFieldValues(SolrFields.DATA_KEYS));
                List<Object> values = new ArrayList<>(state.getFieldValues(SolrFields.DATA_VALUES));
                for (int i = 0; i < keys.size(); i++) {
                    data.put(keys.get(i).toString(), values.get(i).toString());
                }
            }
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, IndexedDocument> documents(String source) throws IOException {
        Map<String, IndexedDocument> out = new LinkedHashMap<>();
        forEach(records(source), doc -> {
            IndexedDocument record = SolrFields.toRecord(doc);
            out.put(record.path(), record);
        });
        return out;
    }

    private static SolrQuery records(String source) {
        SolrQuery query = new SolrQuery("*:*");
        query.addFilterQuery("{!term f=" + SolrFields.KIND + "}" + SolrFields.KIND_DOCUMENT);
        if (source != null) {
            query.addFilterQuery("{!term f=" + SolrFields.SOURCE + " v=$lab.source}");
            query.set("lab.source", source);
        }
        query.setFields(SolrFields.RECORD_FIELDS);
        return query;
    }

    @Override
    public boolean contains(String source, String path) throws IOException {
        SolrQuery query = new SolrQuery("*:*");
        query.addFilterQuery("{!term f=" + SolrFields.KIND + "}" + SolrFields.KIND_DOCUMENT);
        query.addFilterQuery("{!term f=" + SolrFields.ID + "}" + SolrFields.recordId(source, path));
        query.setRows(0);
        return query(query).getResults().getNumFound() > 0;
    }

    @Override
    public List<Chunk> chunks(String source, String path) throws IOException {
        List<Chunk> chunks = new ArrayList<>();
        forEach(chunksOf(source, path, false), doc -> chunks.add(SolrFields.toChunk(doc)));
        chunks.sort(Comparator.comparingInt(Chunk::startLine));
        return chunks;
    }

    private static SolrQuery chunksOf(String source, String path, boolean withVectors) {
        SolrQuery query = new SolrQuery("*:*");
        query.addFilterQuery("{!term f=" + SolrFields.KIND + "}" + SolrFields.KIND_CHUNK);
        query.addFilterQuery("{!term f=" + SolrFields.ROOT + "}" + SolrFields.recordId(source, path));
        query.setFields(SolrFields.CHUNK_FIELDS + (withVectors ? "," + SolrFields.VECTOR : ""));
        return query;
    }

    @Override
    public List<Hit> search(SearchRequest request, float[] queryVector) throws IOException {
        if (request.mode() != SearchMode.BM25 && queryVector == null) {
            throw new IllegalArgumentException(request.mode() + " search needs the query embedding");
        }
        float[] vector = queryVector == null ? null : CandidateRanking.normalized(queryVector);
        int depth = CandidateRanking.depth(request);
        List<String> ids = new ArrayList<>();
        Map<String, Integer> numbers = new HashMap<>();
        List<ScoreDoc> bm25 = request.mode() == SearchMode.VECTOR ? List.of()
                : candidates(queries.keywords(request, depth), ids, numbers);
        List<ScoreDoc> knn = request.mode() == SearchMode.BM25 ? List.of()
                : candidates(queries.nearest(request, vector, depth), ids, numbers);
        List<Map.Entry<Integer, Double>> ranked = CandidateRanking.rank(request, bm25, knn);
        if (ranked.isEmpty()) {
            return List.of();
        }
        List<String> chosen = ranked.stream().map(e -> ids.get(e.getKey())).toList();
        QueryResponse response = query(queries.passages(request, chosen, vector != null));
        Map<String, SolrDocument> byId = new HashMap<>();
        for (SolrDocument doc : response.getResults()) {
            byId.put(doc.getFirstValue(SolrFields.ID).toString(), doc);
        }
        Map<String, Map<String, List<String>>> highlighting = response.getHighlighting() == null ? Map.of()
                : response.getHighlighting();
        List<Hit> hits = new ArrayList<>(ranked.size());
        for (Map.Entry<Integer, Double> entry : ranked) {
            String id = ids.get(entry.getKey());
            SolrDocument doc = byId.get(id);
            if (doc == null) {
                continue; // replaced or re-tagged since the candidates were found
            }
            Chunk chunk = SolrFields.toChunk(doc);
            List<String> marked = highlighting.getOrDefault(id, Map.of()).get(SolrFields.TEXT);
            String snippet = CandidateRanking.snippet(marked == null || marked.isEmpty() ? null : marked.getFirst(), chunk.text());
            hits.add(new Hit(chunk, entry.getValue(), similarity(vector, SolrFields.vector(doc)), snippet));
        }
        return hits;
    }

    /** The ids and scores a request finds, numbered in {@code ids} for the fusion. */
    private List<ScoreDoc> candidates(SolrQuery query, List<String> ids, Map<String, Integer> numbers) throws IOException {
        List<ScoreDoc> out = new ArrayList<>();
        for (SolrDocument doc : query(query).getResults()) {
            String id = doc.getFirstValue(SolrFields.ID).toString();
            int number = numbers.computeIfAbsent(id, k -> {
                ids.add(k);
                return ids.size() - 1;
            });
            out.add(new ScoreDoc(number, ((Number) doc.getFirstValue("score")).floatValue()));
        }
        return out;
    }

    private static double similarity(float[] query, float[] stored) {
        if (query == null || stored == null || stored.length != query.length) {
            return Double.NaN;
        }
        double dot = 0;
        for (int i = 0; i < query.length; i++) {
            dot += query[i] * stored[i];
        }
        return dot;
    }

    @Override
    public int regroup(String source, List<String> groups) throws IOException {
        return rewrite(source, chunk -> chunk.withGroups(groups));
    }

    /**
     * Brings a collection written by an older Labrador to this {@link #SCHEMA}: the configset is uploaded
     * again, the collection reloaded, and every passage re-added as {@link SolrFields} now writes it, from its
     * stored text and embedding (nothing is re-embedded). A failure part-way leaves the old version in the
     * commit data, and the next connect starts again.
     */
    private void upgradeSchema() throws IOException {
        String found = commitData().get(SCHEMA_KEY);
        if (found == null || Integer.parseInt(found) >= SCHEMA) {
            return; // never committed: made with this configset, its first commit records the version
        }
        log.info("Upgrading the Solr collection {} from schema {} to {}: re-adding its passages (text and embeddings kept)",
                settings.collection(), found, SCHEMA);
        retries.call("updating the configset", () -> {
            SolrCollections.updateConfigSet(client, settings);
            return null;
        });
        int passages = rewrite(null, UnaryOperator.identity());
        commit(Map.of());
        log.info("Upgraded the Solr collection {}: {} passages re-added", settings.collection(), passages);
    }

    /**
     * Re-adds every passage of {@code source} (of all sources when null) as {@code change} makes it, with
     * its stored embedding, each document as one block; the number of passages re-added.
     */
    private int rewrite(String source, UnaryOperator<Chunk> change) throws IOException {
        int rewritten = 0;
        List<IndexedDocument> records = new ArrayList<>(documents(source).values());
        List<SolrInputDocument> batch = new ArrayList<>();
        int batchPassages = 0;
        for (IndexedDocument record : records) {
            List<Chunk> chunks = new ArrayList<>();
            List<float[]> vectors = new ArrayList<>();
            List<SolrDocument> docs = new ArrayList<>();
            forEach(chunksOf(record.source(), record.path(), true), docs::add);
            docs.sort(Comparator.comparing(d -> d.getFirstValue(SolrFields.ID).toString()));
            for (SolrDocument doc : docs) {
                float[] vector = SolrFields.vector(doc);
                if (vector == null) {
                    throw new IOException("collection damaged: passage " + doc.getFirstValue(SolrFields.ID) + " has no embedding");
                }
                chunks.add(change.apply(SolrFields.toChunk(doc)));
                vectors.add(vector);
            }
            batch.add(SolrFields.block(record, chunks, vectors));
            rewritten += chunks.size();
            batchPassages += chunks.size();
            if (batchPassages >= PAGE) {
                addBlocks(batch);
                batch = new ArrayList<>();
                batchPassages = 0;
            }
        }
        addBlocks(batch);
        return rewritten;
    }

    @Override
    public IndexStats stats() throws IOException {
        return new IndexStats(count(SolrFields.KIND_DOCUMENT, null), count(SolrFields.KIND_CHUNK, null),
                retries.call("reading the index size", () -> SolrCollections.sizeInBytes(client, settings.collection())));
    }

    @Override
    public IndexStats stats(String source) throws IOException {
        return new IndexStats(count(SolrFields.KIND_DOCUMENT, source), count(SolrFields.KIND_CHUNK, source), 0);
    }

    private long count(String kind, String source) throws IOException {
        SolrQuery query = new SolrQuery("*:*");
        query.addFilterQuery("{!term f=" + SolrFields.KIND + "}" + kind);
        if (source != null) {
            query.addFilterQuery("{!term f=" + SolrFields.SOURCE + " v=$lab.source}");
            query.set("lab.source", source);
        }
        query.setRows(0);
        return query(query).getResults().getNumFound();
    }

    /**
     * Checks that the collection answers and that its vectors have the embedding model's dimension;
     * a collection made for another model is damage (every search and sync would fail).
     */
    @Override
    public void verify() throws IOException {
        int dimension = retries.call("reading the schema", () -> SolrCollections.vectorDimension(client, settings.collection()));
        if (dimension != settings.vectorDimension()) {
            damage = "the collection " + settings.collection() + " holds " + dimension + "-dimensional vectors, the embedding"
                    + " model makes " + settings.vectorDimension() + ": use another collection, or the model it was made for";
            throw new IOException(damage);
        }
        count(SolrFields.KIND_CHUNK, null);
    }

    @Override
    public Optional<String> damage() {
        return Optional.ofNullable(damage);
    }

    /** Closes the connection; what was not committed stays in the cluster's logs (see the class comment). */
    @Override
    public void close() throws IOException {
        try (searchClient) {
            client.close();
        }
    }

    private QueryResponse query(SolrQuery query) throws IOException {
        return retries.call("search", () -> searchClient.query(settings.collection(), query, org.apache.solr.client.solrj.SolrRequest.METHOD.POST));
    }

    /** Every document of {@code query}, page by page with a cursor (stable while documents are added). */
    void forEach(SolrQuery query, Consumer<SolrDocument> consumer) throws IOException {
        query.setRows(PAGE);
        query.setSort(SolrFields.ID, SolrQuery.ORDER.asc);
        String cursor = CursorMarkParams.CURSOR_MARK_START;
        while (true) {
            query.set(CursorMarkParams.CURSOR_MARK_PARAM, cursor);
            QueryResponse response = query(query);
            SolrDocumentList page = response.getResults();
            page.forEach(consumer);
            String next = response.getNextCursorMark();
            if (next == null || next.equals(cursor) || page.isEmpty()) {
                return;
            }
            cursor = next;
        }
    }
}
