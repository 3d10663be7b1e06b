package org.labrador.chatserver.eval;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.labrador.models.embedding.LocalEmbedding;
import org.labrador.retrieval.Chunk;
import org.labrador.retrieval.ChunkIndex;
import org.labrador.retrieval.Hit;
import org.labrador.retrieval.IndexedDocument;
import org.labrador.retrieval.ReadAccess;
import org.labrador.retrieval.Retriever;
import org.labrador.retrieval.SearchMode;
import org.labrador.retrieval.SearchRequest;
import org.labrador.retrieval.eval.RankedRun;
import org.labrador.retrieval.eval.RankingMetrics;

/**
 * Runs a BEIR dataset through Labrador's retrieval: indexes the corpus (one passage per document,
 * title and text, as BEIR does) into a throw-away index cached by the corpus's content hash and
 * the embedding model, then scores each mode's top 100 with nDCG@10, Recall@10, Recall@100 and
 * MRR@10, averaged over the split's judged queries.
 */
public final class BeirEvaluation {

    /** Bump when the way a corpus is indexed changes, so cached indexes are rebuilt. */
    private static final String INDEX_VERSION = "1";
    private static final String SOURCE = "beir";
    private static final int BATCH = 32;
    private static final int DEPTH = 100;

    /** One mode's scores. */
    public record ModeResult(String mode, double ndcgAt10, double recallAt10, double recallAt100, double mrrAt10,
                             double queriesPerSecond) {
    }

    /** The whole evaluation. */
    public record Report(String dataset, String split, int queries, int documents, String embedding,
                         List<ModeResult> results) {
    }

    private final LocalEmbedding embedding;
    private final Path cacheRoot;

    public BeirEvaluation(LocalEmbedding embedding, Path cacheRoot) {
        this.embedding = embedding;
        this.cacheRoot = cacheRoot;
    }

    public Report run(BeirDataset dataset, String split, List<SearchMode> modes, Consumer<String> progress) throws IOException {
        Map<String, Map<String, Integer>> qrels = dataset.qrels(split);
        Map<String, String> allQueries = dataset.queries();
        Map<String, String> queries = new LinkedHashMap<>();
        qrels.keySet().forEach(id -> {
            if (allQueries.containsKey(id)) {
                queries.put(id, allQueries.get(id));
            }
        });
        Path indexDir = cacheRoot.resolve(dataset.name() + "-" + cacheKey(dataset.corpusFile()));
        try (ChunkIndex index = ChunkIndex.open(indexDir)) {
            int documents = ensureIndexed(index, dataset, progress);
            Retriever retriever = new Retriever(index, embedding.model(), embedding.queryPrefix());
            List<ModeResult> results = new ArrayList<>();
            for (SearchMode mode : modes) {
                progress.accept("Running " + queries.size() + " " + split + " queries, mode " + mode.name().toLowerCase());
                results.add(score(retriever, mode, queries, qrels));
            }
            return new Report(dataset.name(), split, queries.size(), documents, embedding.name(), results);
        }
    }

    private ModeResult score(Retriever retriever, SearchMode mode, Map<String, String> queries,
                             Map<String, Map<String, Integer>> qrels) throws IOException {
        double ndcg = 0, r10 = 0, r100 = 0, mrr = 0;
        long started = System.nanoTime();
        for (Map.Entry<String, String> query : queries.entrySet()) {
            List<Hit> hits = retriever.search(new SearchRequest(query.getValue(), mode, DEPTH, Set.of(SOURCE), ReadAccess.everything()));
            Map<String, Double> scores = new LinkedHashMap<>();
            for (Hit hit : hits) {
                scores.merge(hit.chunk().path(), hit.score(), Math::max);
            }
            List<String> ranking = RankedRun.ordered(scores);
            Map<String, Integer> judged = qrels.get(query.getKey());
            ndcg += RankingMetrics.ndcg(ranking, judged, 10);
            r10 += RankingMetrics.recall(ranking, judged, 10);
            r100 += RankingMetrics.recall(ranking, judged, 100);
            mrr += RankingMetrics.reciprocalRank(ranking, judged, 10);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        int n = Math.max(1, queries.size());
        return new ModeResult(mode.name().toLowerCase(), ndcg / n, r10 / n, r100 / n, mrr / n, queries.size() / seconds);
    }

    /** Indexes what the cached index lacks (all of it the first time; the rest after an interruption). */
    private int ensureIndexed(ChunkIndex index, BeirDataset dataset, Consumer<String> progress) throws IOException {
        List<BeirDataset.Document> corpus = dataset.corpus();
        Set<String> done = index.documents(SOURCE).keySet();
        List<BeirDataset.Document> todo = corpus.stream().filter(d -> !done.contains(d.id())).toList();
        if (todo.isEmpty()) {
            return corpus.size();
        }
        progress.accept("Indexing " + todo.size() + " of " + corpus.size() + " documents with " + embedding.name()
                + " (cached for later runs)");
        long started = System.nanoTime();
        for (int from = 0; from < todo.size(); from += BATCH) {
            List<BeirDataset.Document> batch = todo.subList(from, Math.min(todo.size(), from + BATCH));
            List<float[]> vectors = embedding.embedPassages(batch.stream()
                    .map(d -> d.title().isBlank() ? d.text() : d.title() + "\n\n" + d.text()).toList());
            for (int i = 0; i < batch.size(); i++) {
                BeirDataset.Document d = batch.get(i);
                Chunk chunk = new Chunk(d.id(), SOURCE, d.id(), d.title(), List.of(), 1, 1, d.text(), "", "");
                index.replaceDocument(new IndexedDocument(SOURCE, d.id(), d.title(), "", embedding.name(), 1, Instant.now()),
                        List.of(chunk), List.of(vectors.get(i)));
            }
            int indexed = from + batch.size();
            if (indexed % (BATCH * 16) == 0 || indexed == todo.size()) {
                index.commit(Map.of());
                double rate = indexed / ((System.nanoTime() - started) / 1e9);
                progress.accept(String.format("  %d/%d documents, %.1f docs/s", indexed, todo.size(), rate));
            }
        }
        return corpus.size();
    }

    private String cacheKey(Path corpus) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(corpus), sha256())) {
            MessageDigest digest = ((DigestInputStream) in).getMessageDigest();
            in.transferTo(java.io.OutputStream.nullOutputStream());
            digest.update((embedding.name() + "/" + INDEX_VERSION).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
