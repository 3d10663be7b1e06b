package org.labrador.index.solr;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.labrador.retrieval.Chunk;
import org.labrador.retrieval.IndexStats;
import org.labrador.retrieval.IndexedDocument;
import org.labrador.retrieval.StoredPassages;

/**
 * Copies an embedded index into a SolrCloud collection without embedding anything again: every
 * document with its passages, groups and stored embeddings, and the commit data (sync times,
 * groups per source), then checks that the collection holds as many documents and passages.
 */
public final class IndexMigration {

    /** Passages sent per request. */
    private static final int BATCH_PASSAGES = 1_000;
    private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;

    /** What was copied, and what the collection holds afterwards. */
    public record Report(long documents, long passages, IndexStats collection, double seconds) {

        /** Whether the collection holds exactly what was copied. */
        public boolean complete() {
            return collection.documents() == documents && collection.chunks() == passages;
        }
    }

    private IndexMigration() {
    }

    /**
     * Copies everything in {@code from} into {@code to} and commits, telling {@code progress} how far
     * it got every few seconds. The collection should be empty: documents already there that the
     * embedded index lacks would make the final check fail.
     */
    public static Report copy(StoredPassages from, SolrPassageIndex to, Consumer<String> progress) throws IOException {
        long start = System.nanoTime();
        long lastReport = start;
        List<IndexedDocument> records = from.records();
        long expectedPassages = from.passages();
        progress.accept(String.format(Locale.ROOT, "Copying %,d documents (%,d passages) into the Solr collection %s",
                records.size(), expectedPassages, to.settings().collection()));
        List<IndexedDocument> batchRecords = new ArrayList<>();
        List<List<Chunk>> batchChunks = new ArrayList<>();
        List<List<float[]>> batchVectors = new ArrayList<>();
        int batchPassages = 0;
        long documents = 0;
        long passages = 0;
        for (IndexedDocument record : records) {
            StoredPassages.StoredDocument stored = from.document(record);
            batchRecords.add(record);
            batchChunks.add(stored.chunks());
            batchVectors.add(stored.vectors());
            batchPassages += stored.chunks().size();
            documents++;
            passages += stored.chunks().size();
            if (batchPassages >= BATCH_PASSAGES) {
                to.replaceDocuments(batchRecords, batchChunks, batchVectors);
                batchRecords.clear();
                batchChunks.clear();
                batchVectors.clear();
                batchPassages = 0;
            }
            long now = System.nanoTime();
            if (now - lastReport >= PROGRESS_EVERY_NANOS) {
                lastReport = now;
                progress.accept(String.format(Locale.ROOT, "  %,d / %,d documents, %,d passages (%,.0f passages/s)",
                        documents, records.size(), passages, passages / ((now - start) / 1e9)));
            }
        }
        to.replaceDocuments(batchRecords, batchChunks, batchVectors);
        to.commit(from.commitData());
        IndexStats collection = to.stats();
        double seconds = (System.nanoTime() - start) / 1e9;
        progress.accept(String.format(Locale.ROOT, "  %,d / %,d documents, %,d passages in %.1f s", documents,
                records.size(), passages, seconds));
        return new Report(documents, passages, collection, seconds);
    }
}
