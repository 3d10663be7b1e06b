package org.labrador.ingest.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one sync of a source did.
 *
 * @param source         source name
 * @param files          documents the source holds
 * @param indexed        documents (re-)embedded because they were new or changed
 * @param unchanged      documents left alone because their content hash was unchanged
 * @param deleted        documents removed because they left the source
 * @param chunks         chunks written
 * @param skipped        documents that could not be indexed, with the reason
 * @param excluded       what the source left out by its rules (binaries, vendored trees…), summed up
 * @param warnings       what a curator should act on although the sync succeeded (a private channel
 *                       open to every signed-in user)
 * @param elapsed        wall time of the sync
 * @param embeddingTime  part of the wall time spent computing embeddings
 * @param finishedAt     when the sync committed
 */
public record SyncReport(String source, int files, int indexed, int unchanged, int deleted, long chunks,
                         List<Skipped> skipped, String excluded, List<String> warnings, Duration elapsed, Duration embeddingTime, Instant finishedAt) {

    public SyncReport {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** A document left out of the index, and why. */
    public record Skipped(String path, String reason) {
    }

    public double chunksPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds == 0 ? 0 : chunks / seconds;
    }

    public String summary() {
        return String.format("%s: %d files, %d indexed (%d chunks), %d unchanged, %d deleted, %d skipped in %.1f s"
                        + " (%.1f chunks/s, embedding %.0f%% of the time)",
                source, files, indexed, chunks, unchanged, deleted, skipped.size(), elapsed.toMillis() / 1000.0,
                chunksPerSecond(), elapsed.isZero() ? 0.0 : 100.0 * embeddingTime.toNanos() / elapsed.toNanos())
                + (excluded == null || excluded.isBlank() ? "" : "; not indexed by rule: " + excluded);
    }
}
