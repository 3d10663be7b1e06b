package org.labrador.ingest.sync;

/**
 * How far a running sync is.
 *
 * @param source          source name
 * @param filesDone       files looked at so far (indexed, unchanged or skipped)
 * @param filesTotal      files the source holds
 * @param chunksIndexed   chunks embedded and written so far
 * @param chunksPerSecond embedding and indexing throughput so far
 * @param currentFile     the file being processed
 */
public record SyncProgress(String source, int filesDone, int filesTotal, long chunksIndexed,
                           double chunksPerSecond, String currentFile) {

    public double fraction() {
        return filesTotal == 0 ? 1.0 : (double) filesDone / filesTotal;
    }
}
